import HWCheckCore
import Testing
@testable import HWCheckFleet

@Suite struct ReportSummaryTests {
    static let repository = String(#filePath).split(separator: "/").dropLast(3).joined(separator: "/")

    /// The seed's recorded report, pretty-printed as `hwcheck --json` writes it.
    @Test func readsTheSeedReport() throws {
        let path = "/\(Self.repository)/fixtures/seed-m903g6g4/expected/report.json"
        var summaries: [ReportSummary] = []
        var problems: [InputProblem] = []
        ReportStream().read([path], onProblem: { problems.append($0) }) { (document: ReportDocument) throws(Never) in
            summaries.append(document.summary)
            #expect(document.origin.line == 1)
            #expect(document.modificationTime != nil)
        }
        #expect(problems.isEmpty)
        let summary = try #require(summaries.first)
        #expect(summary.rows.map(\.id) == ["B1", "B2", "B3", "B4"])
        #expect(summary.rows.map(\.value) == ["M903G6G4", nil, nil, "3c:ec:ef:10:20:30"])
        #expect(summary.rows.map(\.source) == [.productSerial, .systemDiskSerial, .boardSerial, .primaryNICAddress])
        #expect(summary.hostId == "4c4c4544-0033-3910-8030-b2c04f473634")
        #expect(summary.verdict == .nonCompliant)
        #expect(summary.failingRows.map(\.id) == ["B2", "B3"])
        #expect(summary[id: "B2"]?.status == .known(.fail))
        #expect(summary[id: "B2"]?.reasons == [.known(.empty), .known(.hotPlug)])
        #expect(!summary.hostIdIsPlaceholder)
    }

    @Test func placeholderFirmwareIsSeen() throws {
        let path = "/\(Self.repository)/fixtures/placeholder-firmware/expected/report.json"
        var summary: ReportSummary?
        ReportStream().read([path], onProblem: { Issue.record("\($0)") }) { (document: ReportDocument) throws(Never) in summary = document.summary }
        let read = try #require(summary)
        #expect(read[id: "B1"]?.isPlaceholder == true)
    }
}

@Suite struct ReportStreamTests {
    /// JSON lines with a broken line, a foreign object, a future schema and blank lines: every good report
    /// is read, every bad one is listed with its line, nothing stops.
    @Test func badLinesAreListedAndSkipped() throws {
        let good = SyntheticDevice(hostId: "u1", b1: "S1", b2: "D1", b3: "M1", b4: "aa:00:00:00:00:01").json()
        let good2 = SyntheticDevice(hostId: "u2", b1: "S2", b2: "D2", b3: "M2", b4: "aa:00:00:00:00:02").json()
        let text = good + "{\"schemaVersion\": 1, \"tool\": {\"name\": \"hwch\n" + "\n" + "{\"name\": \"not a report\"}\n"
            + good.replacingEvery("\"schemaVersion\":1", with: "\"schemaVersion\":2") + "[1,2]\n" + good2
        let result = try analyse(text)
        #expect(result.reportsRead == 2)
        #expect(result.problems.map(\.origin.line) == [2, 4, 5, 6])
        #expect(result.problems[0].reason.hasPrefix("not valid JSON"))
        #expect(result.problems[1].reason == "not an hwcheck report (no tool.name \"hwcheck\")")
        #expect(result.problems[2].reason == "schemaVersion 2 is not supported (this hwcheck reads 1)")
        #expect(result.problems[3].reason == "not an hwcheck report (not a JSON object)")
    }

    @Test func cutShortAndEmptyFiles() throws {
        let cut = try analyse(String(SyntheticDevice(hostId: "u1", b1: "S1").json().dropLast(20)))
        #expect(cut.problems.map(\.reason) == ["not valid JSON: the document is cut short"])
        let empty = try analyse("  \n")
        #expect(empty.problems.map(\.reason) == ["empty: no report in it"])
        let missing = { () -> [InputProblem] in
            var problems: [InputProblem] = []
            ReportStream().read(["/nonexistent/r.json"], onProblem: { problems.append($0) }) { (_: ReportDocument) throws(Never) in }
            return problems
        }()
        #expect(missing == [InputProblem(origin: ReportOrigin(source: "/nonexistent/r.json", line: 0), reason: "no such file or directory")])
    }

    /// Documents larger than a chunk, and documents split across chunk boundaries, read whole.
    @Test func smallChunksReadTheSame() throws {
        var text = ""
        for index in 0..<50 {
            text += SyntheticDevice(hostId: "u\(index)", b1: "S\(index)", b2: "D\(index)", b3: "M\(index)", b4: "aa:00:00:00:00:\(index)").json()
        }
        text += "garbage that is not json\nmore garbage\n"
        text += SyntheticDevice(hostId: "last", b1: "SL").json()
        let path = try temporaryFile(text)
        defer { removeTemporary(path) }
        var stream = ReportStream()
        stream.chunkSize = 97
        var hosts: [String?] = []
        var problems: [InputProblem] = []
        stream.read([path], onProblem: { problems.append($0) }) { (document: ReportDocument) throws(Never) in hosts.append(document.summary.hostId) }
        #expect(hosts.count == 51)
        #expect(hosts.last == "last")
        #expect(problems.map(\.origin.line) == [51])
    }
}

@Suite struct FleetAnalysisTests {
    /// A small fleet with exactly known answers: cloned disks, a docking-station MAC, placeholder firmware on
    /// two boards, a device reported twice, and a UUID shared by two different boards.
    static func fleet() -> String {
        [
            SyntheticDevice(hostId: "uuid-a", b1: "SA", b2: "DISK-CLONE", b3: "MA", b4: "aa:00:00:00:00:01", collectedAt: "2026-03-01T08:00:00Z"),
            SyntheticDevice(hostId: "uuid-b", b1: "SB", b2: "DISK-CLONE", b3: "MB", b4: "aa:00:00:00:00:02"),
            SyntheticDevice(hostId: "uuid-c", b1: "SC", b2: "DISK-C", b3: "MC", b4: "aa:00:00:00:00:dd"),
            SyntheticDevice(hostId: "uuid-d", b1: "SD", b2: nil, b3: "MD", b4: "aa:00:00:00:00:dd"),
            SyntheticDevice(hostId: "03000200-0400-0500-0006-000700080009", b1: "To Be Filled By O.E.M.", b2: "DISK-E",
                            b3: "To Be Filled By O.E.M.", b4: "aa:00:00:00:00:05", placeholders: ["hostId", "B1", "B3"]),
            SyntheticDevice(hostId: "03000200-0400-0500-0006-000700080009", b1: "To Be Filled By O.E.M.", b2: "DISK-F",
                            b3: "To Be Filled By O.E.M.", b4: "aa:00:00:00:00:06", placeholders: ["hostId", "B1", "B3"]),
            // Device a again, newer, its disk replaced; then an older report of it that must not win.
            SyntheticDevice(hostId: "uuid-a", b1: "SA", b2: "DISK-A2", b3: "MA", b4: "aa:00:00:00:00:01", collectedAt: "2026-03-05T08:00:00Z"),
            SyntheticDevice(hostId: "uuid-a", b1: "SA", b2: "DISK-OLD", b3: "MA", b4: "aa:00:00:00:00:01", collectedAt: "2026-02-01T08:00:00Z"),
            // Two different boards with one UUID (cloned firmware): not the same device.
            SyntheticDevice(hostId: "uuid-shared", b1: "SG", b2: "DISK-G", b3: "MG", b4: "aa:00:00:00:00:07"),
            SyntheticDevice(hostId: "uuid-shared", b1: "SH", b2: "DISK-H", b3: "MH", b4: "aa:00:00:00:00:08"),
        ].map { $0.json() }.joined()
    }

    @Test func duplicatesPlaceholdersAndNewestReport() throws {
        let result = try analyse(Self.fleet())
        #expect(result.reportsRead == 10)
        #expect(result.reportsSuperseded == 2)
        #expect(result.devices.count == 8)
        #expect(result.problems.isEmpty)
        let deviceA = try #require(result.devices.first { $0.hostId == "uuid-a" })
        #expect(deviceA.value(.row("B2")) == "DISK-A2")
        #expect(deviceA.collectedAt == "2026-03-05T08:00:00Z")

        func describe(_ groups: [ValueGroup]) -> [String] {
            groups.map { group in "\(group.field.name)=\(group.value): " + group.devices.map { result.devices[$0].value(.row("B1")) ?? "-" }.joined(separator: ",") }
        }
        #expect(describe(result.duplicates) == [
            "hostId=uuid-shared: SG,SH",
            "B4=aa:00:00:00:00:dd: SC,SD",
        ])
        #expect(describe(result.placeholders) == [
            "hostId=03000200-0400-0500-0006-000700080009: To Be Filled By O.E.M.,To Be Filled By O.E.M.",
            "B1=To Be Filled By O.E.M.: To Be Filled By O.E.M.,To Be Filled By O.E.M.",
            "B3=To Be Filled By O.E.M.: To Be Filled By O.E.M.,To Be Filled By O.E.M.",
        ])
        #expect(result.verdicts == [.compliant: 5, .nonCompliant: 3])
        #expect(result.rowFailures["B2"]?.devices == 1)
        #expect(result.rowFailures["B1"]?.reasons == [.known(.placeholder): 2])
    }

    /// DISK-CLONE is shared only while device a's old report is the newest: a newer report replaces it.
    @Test func clonedDiskIsADuplicateUntilReplaced() throws {
        let lines = Self.fleet().split(separator: "\n").map(String.init)
        let result = try analyse(lines[0...1].joined(separator: "\n") + "\n")
        #expect(result.duplicates.map(\.value) == ["DISK-CLONE"])
    }

    @Test func outputsAgree() throws {
        let result = try analyse(Self.fleet())
        let csv = FleetOutput.csv(result).split(separator: "\n")
        #expect(csv.first == "source,collectedAt,hostId,B1,B2,B3,B4,verdict,failing,duplicated,placeholders")
        #expect(csv.count == 9)
        #expect(csv.contains { $0.contains(",SC,") && $0.hasSuffix(",B4,") })
        let text = FleetOutput.text(result)
        #expect(text.hasPrefix("8 devices from 10 reports (2 superseded by a newer report, 0 inputs skipped)\n"))
        #expect(text.contains("  B4 \"aa:00:00:00:00:dd\": 2 devices\n"))
        guard case .object(let json) = FleetOutput.json(result) else { Issue.record("not an object"); return }
        #expect(json["devices"] == .int(8))
        #expect(json["fleetSchemaVersion"] == .int(1))
    }

    /// Without collectedAt the file's modification time decides; with neither, the later input.
    @Test func newestByModificationTime() {
        var analyzer = FleetAnalyzer()
        var older = ReportSummary()
        older.hostId = "u"; older.verdict = .compliant
        older.rows = [ReportRow(id: "B2", source: .systemDiskSerial, value: "OLD")]
        var newer = older
        newer.rows[0].value = "NEW"
        analyzer.add(newer, origin: ReportOrigin(source: "new.json", line: 1), modificationTime: 200)
        analyzer.add(older, origin: ReportOrigin(source: "old.json", line: 1), modificationTime: 100)
        #expect(analyzer.finish().devices.map { $0.value(.row("B2")) } == ["NEW"])
    }
}

@Suite struct CSVTests {
    @Test func parsesQuotesAndLineBreaks() throws {
        let text = "\u{FEFF}a,b,c\r\n1,\"x,y\",\"say \"\"hi\"\"\"\n\n2,\"multi\nline\",\n"
        let records = try CSV.parse(text)
        #expect(records.map(\.fields) == [["a", "b", "c"], ["1", "x,y", "say \"hi\""], ["2", "multi\nline", ""]])
        #expect(records.map(\.line) == [1, 2, 4])
        #expect(throws: CSV.ParseError.self) { try CSV.parse("a,\"open\n") }
        #expect(CSV.escape("plain") == "plain")
        #expect(CSV.escape("a,\"b\"") == "\"a,\"\"b\"\"\"")
    }
}

import HWCheckCore
import Testing
@testable import HWCheckFleet

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

import HWCheckCore
import Testing
@testable import HWCheckFleet

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

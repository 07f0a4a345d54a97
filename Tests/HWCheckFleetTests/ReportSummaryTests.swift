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

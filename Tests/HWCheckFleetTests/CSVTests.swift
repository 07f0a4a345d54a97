import HWCheckCore
import Testing
@testable import HWCheckFleet

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

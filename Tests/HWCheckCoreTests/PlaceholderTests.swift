import Foundation
import Testing
@testable import HWCheckCore

@Suite struct PlaceholderTests {
    let rules = Spec.builtIn().placeholders

    @Test(arguments: [
        "To Be Filled By O.E.M.", "To be filled by O.E.M.", "  to  be filled by o.e.m.  ", "Default string",
        "System Serial Number", "Base Board Serial Number", "Not Specified", "None", "N/A", "0", "0123456789",
        "123456789", "XXXXXXXXXX", ".........", "00000000", "-1", "12345", "-64", "Not Settable", "Type2 - Board Serial Number",
        "AAAABBBBCCCC1",
    ])
    func serialPlaceholders(value: String) {
        #expect(rules.match(value, kind: .serial) != nil, "\(value) should be a placeholder")
    }

    /// Real serials from shared/corpus (Dell service tags, board serials with odd punctuation) stay values.
    @Test(arguments: [
        "M903G6G4", "3FHW8Z1", "..CN7475144H0028.", ".2RJF153.CNIVC0005G01.", "#A123456789", "$$T02XB1K9",
        "CZJ1280RQ2", "VMware-42 1b ba bd 5f 4e", "1ZLMB31B1G6", "2102314VFG10Q1100025", "S4ENNX0N912345", "12346",
    ])
    func plausibleSerials(value: String) {
        #expect(rules.match(value, kind: .serial) == nil, "\(value) should not be a placeholder")
    }

    /// AMI's template UUID is listed once but caught in both byte orders.
    @Test func uuidBothByteOrders() {
        #expect(rules.match("03000200-0400-0500-0006-000700080009", kind: .uuid) != nil)
        #expect(rules.match("00020003-0004-0005-0006-000700080009", kind: .uuid) != nil)
        #expect(rules.match("00000000-0000-0000-0000-000000000000", kind: .uuid) != nil)
        #expect(rules.match("6b1c7a3e-2f44-11ef-9a1b-3cecef102030", kind: .uuid) == nil)
        #expect(rules.match("03AA02FC-0414-0575-5206-670700080009", kind: .uuid) == "rule: ami-uuid-template")
        #expect(rules.match("not-a-uuid", kind: .uuid) == "malformed: not a UUID")
        #expect(rules.match("6b1c7a3e2f4411ef9a1b3cecef102030", kind: .uuid) == "malformed: not a UUID")
        #expect(PlaceholderRules.swappedUUID("030201000504070608090a0b0c0d0e0f") == "0001020304050607" + "08090a0b0c0d0e0f")
    }

    /// Sources are kept with each listed value, and a spec file can add its own or drop the built-in list.
    @Test func listedValuesNameTheirSources() throws {
        #expect(rules.match("to be filled by o.e.m.", kind: .serial) == "listed: \"To Be Filled By O.E.M.\" (glpi, ocs, hw-probe, incident)")
        var text = Spec.builtInText.replacingOccurrences(of: "\"serial\": []", with: "\"serial\": [\"ACME-0000\"]")
        let extended = try Spec.decode(Array(text.utf8), origin: "test")
        #expect(extended.placeholders.match("acme-0000", kind: .serial) == "listed: \"ACME-0000\" (spec file)")
        #expect(extended.placeholders.match("Default string", kind: .serial) != nil)
        text = text.replacingOccurrences(of: "\"builtIn\": true", with: "\"builtIn\": false")
        let own = try Spec.decode(Array(text.utf8), origin: "test")
        #expect(own.placeholders.match("System Serial Number", kind: .serial) == "rule: filler-phrase")
        #expect(own.placeholders.match("EVAL", kind: .serial) == nil)
    }

    @Test func junkMACs() {
        #expect(rules.match("88:88:88:88:87:88", kind: .mac) != nil)
        #expect(rules.match("00:00:00:00:00:00", kind: .mac) != nil)
        #expect(rules.match("FF-FF-FF-FF-FF-FF", kind: .mac) != nil)
        #expect(rules.match("3c:ec:ef:10:20:30", kind: .mac) == nil)
    }

    @Test func classifyKeepsRawText() {
        let field = Field.classify("  S4ENNX0N912345      \n", source: "x", kind: .serial, placeholders: rules)
        #expect(field.state == .value)
        #expect(field.value == "S4ENNX0N912345")
        #expect(field.raw == "  S4ENNX0N912345      ")
        let empty = Field.classify("\n", source: "x", kind: .serial, placeholders: rules)
        #expect(empty.state == .empty)
        #expect(empty.raw == nil)
    }
}

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

    /// Issue 11 item 7: label echoes, type templates, counting runs inside a value, board defaults shipped on
    /// several models and blank UUID-shaped serials, each caught by the rule (or list entry) named.
    @Test(arguments: [
        ("Chassis Serial#", "rule: label-echo"), ("System Serial#", "rule: label-echo"),
        ("BaseBoardSerialNumb", "rule: label-echo"), ("MB S/N", "rule: label-echo"), ("Serial No.", "rule: label-echo"),
        ("Enter Serial", "rule: label-echo"), ("Chassis Asset Tag", "rule: label-echo"), ("Base Board", "rule: label-echo"),
        ("Defaultstring", "rule: filler-phrase"), ("TobefilledbyO.E.M.", "rule: filler-phrase"),
        ("$SerialNumber$", "rule: filler-phrase"), ("NotApplicable", "rule: not-phrase"),
        ("System Product Name", "rule: label-echo"),
        ("Type2 - Board Asset Tag", "rule: type-template"), ("Type1Sku0", "rule: type-template"),
        ("type 2 - board version", "rule: type-template"),
        ("SN123456789", "rule: embedded-digit-run"), ("S/N: 12345", "rule: embedded-digit-run"),
        ("SYS-0123456", "rule: embedded-digit-run"), ("EeePC-1234567890", "rule: embedded-digit-run"),
        ("NB-1234567890", "rule: embedded-digit-run"), ("X7890123456Q", "rule: embedded-digit-run"),
        ("9876543210", "rule: embedded-digit-run"), ("BSS-0123456789", "rule: embedded-digit-run"),
        ("00000000-0000-0000-0000-000000000000", "rule: blank-uuid-shaped"),
        ("FFFFFFFF-FFFF-FFFF-FFFF-FFFFFFFFFFFF", "rule: blank-uuid-shaped"),
        ("{ffffffff-ffff-ffff-ffff-ffffffffffff}", "rule: blank-uuid-shaped"),
    ])
    func newJunkClasses(value: String, reason: String) {
        #expect(rules.match(value, kind: .serial) == reason, "\(value)")
    }

    /// Board defaults one vendor ships on different models are listed with where they were seen.
    @Test func boardDefaultsAreListedWithTheirSources() {
        #expect(rules.match("BSN12345678901234567", kind: .serial)?.hasPrefix("listed: \"BSN12345678901234567\" (forums-lshw") == true)
        #expect(rules.match("SSN12345678901234567 ", kind: .serial)?.hasPrefix("listed: \"SSN12345678901234567\"") == true)
        #expect(rules.match("123490EN400015", kind: .serial) == "listed: \"123490EN400015\" (forums-lshw, chromium)")
        // One digit off is another board's serial.
        #expect(rules.match("123490EN400016", kind: .serial) == nil)
        #expect(rules.match("91.WTx00.xPxx", kind: .serial) == "listed: \"91.WTx00.xPxx\" (chromeos-flex)")
    }

    /// Near misses: real serials that contain a short run, start with SN or a field word, or look like a
    /// partly blank UUID stay values.
    @Test(arguments: [
        "SN7B2X0QK1", "SNA1234567", "SN12346", "SN1234", "SN-12345X", "#A123456789", "S4ENNX0N912345",
        "CN1234567", "20123456AB", "MB12345XYZ", "PF123456", "Serial1", "System76", "TypeC-7K2Q9", "TYPE1X",
        "4C4C4544-0052-4A10-8046-B2C04F313533", "98765432XY", "CN0H2KR77061569R0081A00", "BOARDWALK7", "NOTE8X2K", "Nothing1",
    ])
    func nearMissesStayValues(value: String) {
        #expect(rules.match(value, kind: .serial) == nil, "\(value): \(rules.match(value, kind: .serial) ?? "")")
    }

    /// The new rules judge serials only: a UUID or MAC is judged by its own rules.
    @Test func newRulesJudgeSerialsOnly() {
        for rule in [PlaceholderRules.Rule.labelEcho, .typeTemplate, .embeddedDigitRun, .blankUUIDShaped] {
            let only = PlaceholderRules(entries: [], rules: [rule])
            #expect(only.match("00000000-0000-0000-0000-000000000000", kind: .uuid) == nil)
            #expect(only.match("12:34:56:78:90:12", kind: .mac) == nil)
        }
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

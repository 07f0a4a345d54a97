import Testing
@testable import HWCheckCore

/// Parser cases found by fuzzing and by the hostile fixtures (Fuzz/, fixtures/hostile-*).
@Suite struct HostileParserTests {
    /// "\r\n" is one Swift Character: splitting at Characters glued CR-LF lines together, so a database line
    /// ending in "\r" swallowed the next one (here the serial). libudev splits at "\n" bytes and keeps the "\r".
    @Test func crlfLinesStayApart() {
        let database = "E:ID_MODEL=WDC\r\nE:ID_SERIAL_SHORT=WD-1\r\nE:=x\r\n"
        #expect(UdevDatabase.parseProperties(database) == ["ID_MODEL": "WDC\r", "ID_SERIAL_SHORT": "WD-1\r"])
        #expect(UdevDatabase.parseUevent("MAJOR=8\r\nMINOR=0\n") == ["MAJOR": "8\r", "MINOR": "0"])
        let mountInfo = "22 28 0:21 / /proc rw - proc proc rw\r\n28 1 8:2 / / rw - ext4 /dev/sda2 rw\n"
        #expect(MountInfoEntry.parse(mountInfo).map(\.mountPoint) == ["/proc", "/"])
    }

    /// A combining mark after "=" or ":" makes one Character with it; byte parsing still sees the separator.
    @Test func combiningMarksDoNotHideSeparators() {
        #expect(UdevDatabase.parseProperties("E:KEY=\u{301}value\n") == ["KEY": "\u{301}value"])
        #expect(UdevDatabase.parseProperties("E:\u{301}KEY=v\n") == ["\u{301}KEY": "v"])
        #expect(MountInfoEntry.parse("28 1 8:2 / / rw - ext4 \u{301}/dev/sda2 rw\n").first?.source == "\u{301}/dev/sda2")
    }

    /// The fuzzer's first find, kept as a regression input: a key made of a line break.
    @Test func lineBreakIsNeverAKey() {
        #expect(UdevDatabase.parseUevent("\r\n=x\n").isEmpty)  // "\r" has no "=", "=x" no key
    }

    /// Odd mountinfo escapes: a lone backslash, a too-big or truncated escape stay as written; \040 decodes.
    @Test func mountInfoEscapes() {
        #expect(MountInfoEntry.unescape("/a\\040b") == "/a b")
        #expect(MountInfoEntry.unescape("/lone\\back") == "/lone\\back")
        #expect(MountInfoEntry.unescape("/big\\777") == "/big\\777")
        #expect(MountInfoEntry.unescape("/trunc\\04") == "/trunc\\04")
        #expect(MountInfoEntry.unescape("\\") == "\\")
        #expect(MountInfoEntry.unescape("/sd\\141\\061") == "/sda1")
    }

    /// Firmware strings ending in CR: the CR-LF (one Character) escaped trimming, and so "Default string\r" passed
    /// B3 as a value instead of failing as a placeholder.
    @Test func crlfIsTrimmedBeforePlaceholderMatching() {
        let rules = Spec.builtIn().placeholders
        let placeholder = Field.classify("Default string\r\n", source: "t", kind: .serial, placeholders: rules)
        #expect(placeholder.state == .placeholder)
        #expect(placeholder.value == "Default string")
        #expect(placeholder.raw == "Default string\r")
        let value = Field.classify("ABC123\r\n", source: "t", kind: .serial, placeholders: rules)
        #expect(value.state == .value && value.value == "ABC123")
        #expect(" \r\n\t\0".trimmedWhitespace == "")
        #expect("e\u{301}\r\n".trimmedWhitespace == "e\u{301}")
    }
}

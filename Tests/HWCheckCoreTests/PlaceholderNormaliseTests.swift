import Testing
@testable import HWCheckCore

/// The byte-level path of `PlaceholderRules.normalise` (ASCII text) gives exactly what the Unicode definition
/// gives, for every value in the built-in list and for the white space, case and separator shapes firmware
/// strings take; other text takes the Unicode path.
@Suite struct PlaceholderNormaliseTests {
    static let shapes = [
        "", " ", "\t\r\n\0", "To Be Filled By O.E.M.", "  Default string\r\n", "Default\r\nstring", "a\t\tb  c ",
        "\0\0SERIAL\0", "00:1A:2b:3C:4d:5E", "00-1A-2B-3C-4D-5E", "{03000200-0400-0500-0006-000700080009}",
        "FFFFFFFF-FFFF-FFFF-FFFF-FFFFFFFFFFFF", "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ", "~!@#$%^&*()_+`-=[]\\{}|;':\",./<>?",
        "\u{1}\u{1F}\u{7F}", "x\ry", "\r", "\n\n", "a b\tc\r\nd",
    ]

    @Test func asciiPathAgreesWithTheDefinition() {
        let values = Self.shapes + PlaceholderRules.builtInEntries().map(\.value)
        for value in values {
            for kind in [IdentifierKind.serial, .uuid, .mac] {
                let fast = PlaceholderRules.asciiNormalised(value, kind: kind)
                if value.utf8.allSatisfy({ $0 < 0x80 }) {
                    #expect(fast == PlaceholderRules.unicodeNormalised(value, kind: kind), "\(kind) \(value.debugDescription)")
                } else {
                    #expect(fast == nil, "\(value.debugDescription)")
                }
            }
        }
    }

    @Test func otherTextTakesTheUnicodePath() {
        // Fullwidth hex digits are hex digits to Character; "É" lowercases outside ASCII.
        #expect(PlaceholderRules.normalise("０Ａ：ÉB", kind: .mac) == PlaceholderRules.unicodeNormalised("０Ａ：ÉB", kind: .mac))
        #expect(PlaceholderRules.normalise(" ÉTÉ  Serial ", kind: .serial) == "été serial")
    }

    @Test func swappedUUIDOnBytesAgreesWithCharacters() {
        let hex = "00112233445566778899aabbccddeeff"
        #expect(PlaceholderRules.swappedUUID(hex) == "33221100554477668899aabbccddeeff")
        // 32 digits that are not ASCII (fullwidth, which isHexDigit keeps): the Character path, as before.
        let fullwidth = String(repeating: "０１", count: 16)
        #expect(PlaceholderRules.swappedUUID(fullwidth) == fullwidth)
        let mixed = "ａ" + String(repeating: "0", count: 6) + "1" + String(repeating: "2", count: 24)
        #expect(PlaceholderRules.swappedUUID(mixed) == "01" + "0000" + "ａ0" + String(repeating: "2", count: 24))
    }
}

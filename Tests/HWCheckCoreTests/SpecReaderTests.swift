import Testing
@testable import HWCheckCore

/// `Spec.decode` reads the file with `JSONNode` (no Foundation in hwcheck) and words its problems as JSONDecoder
/// did; the fuzz target `spec` compares them with JSONDecoder itself over its corpus (Fuzz/corpus/spec).
@Suite struct SpecReaderTests {
    static let builtIn = Spec.builtInText

    static func problem(_ text: String) -> String? {
        problem(Array(text.utf8))
    }

    static func problem(_ bytes: [UInt8]) -> String? {
        do { _ = try Spec.decode(bytes, origin: "t"); return nil } catch { return error.problem }
    }

    @Test(arguments: [
        // (edit of the built-in spec, the problem JSONDecoder reported for it)
        ("\"rows\"", "\"rowz\"", "missing key \"rows\" in the top level"),
        ("\"en\"", "\"EN\"", "missing key \"en\" in rows.[0].title"),
        ("\"specVersion\": 1", "\"specVersion\": \"1\"", "wrong type at specVersion"),
        ("\"specVersion\": 1", "\"specVersion\": null", "wrong type at specVersion"),
        ("\"specVersion\": 1", "\"specVersion\": 1.5", "not valid JSON"),
        ("\"specVersion\": 1", "\"specVersion\": 99999999999999999999", "not valid JSON"),
        ("\"serial\": []", "\"serial\": [7]", "wrong type at placeholders.serial.[0]"),
        ("\"placeholders\": {", "\"placeholders\": {\"builtIn\": 1, ", "wrong type at placeholders.builtIn"),
    ])
    func problemsAreWordedAsBefore(find: String, replace: String, expected: String) throws {
        let edited = try #require(Self.replacingFirst(find, with: replace, in: Self.builtIn))
        #expect(Self.problem(edited) == expected)
    }

    @Test func integralNumbersReadAsIntegers() throws {
        // JSONDecoder read 1.0 and 1e0 as the Int 1.
        for spelling in ["1.0", "1e0", "10e-1"] {
            let edited = try #require(Self.replacingFirst("\"specVersion\": 1", with: "\"specVersion\": \(spelling)", in: Self.builtIn))
            #expect(Self.problem(edited) == nil, "\(spelling)")
        }
        let two = try #require(Self.replacingFirst("\"specVersion\": 1", with: "\"specVersion\": 2.0", in: Self.builtIn))
        #expect(Self.problem(two) == "specVersion 2 is not supported (this hwcheck reads 1)")
    }

    @Test func nullOptionalsAndUnknownKeysAreAccepted() throws {
        let edited = try #require(Self.replacingFirst("\"placeholders\": {", with: "\"placeholders\": {\"x\": {\"y\": [1]}, ", in: Self.builtIn))
        #expect(Self.problem(edited) == nil)
        let noBuiltIn = try #require(Self.replacingFirst("\"builtIn\": true", with: "\"builtIn\": null", in: Self.builtIn))
        #expect(Self.problem(noBuiltIn) == nil)
    }

    @Test func trailingCommasAreAcceptedAsJSONDecoderDid() throws {
        // A hand-edited spec: JSONDecoder took "[…, ]" and "{…, }"; reports stay strict (JSONReaderTests).
        let edited = try #require(Self.replacingFirst("\"serial\": []", with: "\"serial\": [\"X\", ], \"z\": {\"a\": 1, }", in: Self.builtIn))
        #expect(Self.problem(edited) == nil)
        #expect(Self.problem("{,}") == "not valid JSON")
        #expect(Self.problem("{\"a\": [1,,]}") == "not valid JSON")
    }

    @Test func topLevelMustBeAnObject() {
        #expect(Self.problem("[1]") == "wrong type at the top level")
        #expect(Self.problem("1") == "wrong type at the top level")
        #expect(Self.problem("") == "not valid JSON")
        #expect(Self.problem("{} {}") == "not valid JSON")
    }

    @Test func byteOrderMarksAreReadAsJSONDecoderDid() {
        let utf8 = Array(Self.builtIn.utf8)
        #expect(Self.problem([0xEF, 0xBB, 0xBF] + utf8) == nil)
        let units = Array(Self.builtIn.utf16)
        #expect(Self.problem([0xFF, 0xFE] + units.flatMap { [UInt8($0 & 0xFF), UInt8($0 >> 8)] }) == nil)
        #expect(Self.problem([0xFE, 0xFF] + units.flatMap { [UInt8($0 >> 8), UInt8($0 & 0xFF)] }) == nil)
        // A lone surrogate in UTF-16 is not text.
        #expect(Self.problem([0xFF, 0xFE, 0x00, 0xD8]) == "not valid JSON")
    }

    /// `Spec.builtIn()` skips the repeated-key scan: the shipped text has no repeated key, and decoding it with
    /// every check gives the same spec.
    @Test func builtInSpecPassesEveryCheck() throws {
        #expect(Spec.repeatedKey(in: Array(Self.builtIn.utf8)) == nil)
        #expect(try Spec.decode(Array(Self.builtIn.utf8), origin: "test") == Spec.builtIn())
    }

    @Test func repeatedKeysAreStillRefused() throws {
        let edited = try #require(Self.replacingFirst("\"specVersion\": 1", with: "\"specVersion\": 1, \"specVersion\": 1", in: Self.builtIn))
        #expect(Self.problem(edited) == "key \"specVersion\" appears twice in one object")
    }

    @Test func placeholderListReadsEveryEntry() throws {
        let entries = PlaceholderRules.builtInEntries()
        #expect(entries.contains { $0.kind == .serial && $0.value == "Default string" })
        #expect(Set(entries.map(\.kind)) == Set(IdentifierKind.allCases))
        #expect(throws: (any Error).self) { try PlaceholderRules.entries(fromList: Array(#"{"serial": [{"value": 1, "sources": []}], "uuid": [], "mac": []}"#.utf8)) }
        #expect(throws: (any Error).self) { try PlaceholderRules.entries(fromList: Array(#"{"serial": [], "uuid": []}"#.utf8)) }
        #expect(throws: (any Error).self) { try PlaceholderRules.entries(fromList: Array(#"{"serial": [{"value": "X"}], "uuid": [], "mac": []}"#.utf8)) }
        #expect(throws: (any Error).self) { try PlaceholderRules.entries(fromList: Array(#"{"serial": [], "uuid": [], "mac": []} x"#.utf8)) }
        let read = try PlaceholderRules.entries(fromList: Array(#"{"about": {"x": [1, "\u00e9"]}, "mac": [{"value": "00:00:00:00:00:00", "note": 1, "sources": ["a", "b"]}], "serial": [], "uuid": []}"#.utf8))
        #expect(read == [PlaceholderRules.Entry(kind: .mac, value: "00:00:00:00:00:00", sources: ["a", "b"])])
    }

    static func replacingFirst(_ find: String, with replacement: String, in text: String) -> String? {
        guard let range = text.firstRange(of: find) else { return nil }
        var edited = text
        edited.replaceSubrange(range, with: replacement)
        return edited
    }
}

import Testing
@testable import HWCheckCore

@Suite struct JSONReaderTests {
    @Test(arguments: [
        ("{}", JSONNode.object([])),
        // A document that is one number ending the input (the json-reader fuzz target's first find: "0" was refused).
        ("0", .number("0")), ("-12.5e3", .number("-12.5e3")),
        ("[1, -0.5e+3, true, false, null]", .array([.number("1"), .number("-0.5e+3"), .bool(true), .bool(false), .null])),
        (#"{"a": "x\"y\\z\/\n\t\u00e9\ud83d\ude00"}"#, .object([("a", .string("x\"y\\z/\n\té😀"))])),
        (" \n {\"k\" : [ ] } \n", .object([("k", .array([]))])),
    ])
    func parsesValid(text: String, expected: JSONNode) throws {
        #expect(try JSONNode.parse(Array(text.utf8)) == expected)
    }

    @Test(arguments: [
        "", "{", "{\"a\" 1}", "{\"a\": 1,}", "[1 2]", "01", "1.", "-", "tru", "nul", "\"\\x\"", "\"a\nb\"",
        "\"\\ud800\"", "{\"a\": 1} x", "[\"\\u12\"]", "{'a': 1}",
    ])
    func rejectsInvalid(text: String) {
        #expect(throws: JSONReadError.self) { try JSONNode.parse(Array(text.utf8)) }
    }

    /// The spec's mode: one comma before a closing bracket is allowed (as JSONDecoder allowed it); nothing else is.
    @Test func trailingCommasOnlyWhenAsked() throws {
        #expect(try JSONNode.parse(Array("[1, ]".utf8), allowingTrailingCommas: true) == .array([.number("1")]))
        #expect(try JSONNode.parse(Array("{\"a\": {\"b\": 1,},}".utf8), allowingTrailingCommas: true)
                == .object([("a", .object([("b", .number("1"))]))]))
        for text in ["[,]", "{,}", "[1,,]", "[1 ,, ]", "{\"a\": 1,,}", "[1,"] {
            #expect(throws: JSONReadError.self, "\(text)") { try JSONNode.parse(Array(text.utf8), allowingTrailingCommas: true) }
        }
        #expect(throws: JSONReadError.self) { try JSONNode.parse(Array("[1,]".utf8)) }
    }

    /// Cut-off input says "truncated" (more input may complete it); broken input does not.
    @Test func truncationIsToldApart() {
        for text in ["{\"a\": [1, 2", "{\"a\": \"abc", "{\"a\": tr", "{\"a\": 12"] {
            do {
                _ = try JSONNode.parse(Array(text.utf8))
                Issue.record("parsed \(text)")
            } catch {
                #expect(error.truncated, "\(text)")
            }
        }
        // A malformed document is an error too, but not a truncated one.
        do {
            _ = try JSONNode.parse(Array("{\"a\": x}".utf8))
            Issue.record("parsed {\"a\": x}")
        } catch {
            #expect(!error.truncated)
        }
    }

    @Test func deepNestingIsRefused() {
        let text = String(repeating: "[", count: 300) + String(repeating: "]", count: 300)
        #expect(throws: JSONReadError.self) { try JSONNode.parse(Array(text.utf8)) }
    }

    @Test func invalidUTF8IsRefused() {
        #expect(throws: JSONReadError.self) { try JSONNode.parse([0x22, 0xFF, 0x22]) }
    }
}

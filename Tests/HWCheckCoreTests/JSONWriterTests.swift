import Testing
@testable import HWCheckCore

/// The JSON writer against a plain reference of its rules (keys in `String` order, explicit nulls, two spaces per
/// level, RFC 8259 escapes): every report's bytes depend on it, so the fast paths (runs copied whole, pairs
/// sorted once, indentation from a line of spaces) must not change one byte.
@Suite struct JSONWriterTests {
    /// The rules written the slow, obvious way.
    static func reference(_ value: JSONValue, indent: Int = 0) -> String {
        func quoted(_ text: String) -> String {
            var out = "\""
            for scalar in text.unicodeScalars {
                switch scalar.value {
                case 0x22: out += "\\\""
                case 0x5C: out += "\\\\"
                case 0x0A: out += "\\n"
                case 0x0D: out += "\\r"
                case 0x09: out += "\\t"
                case 0..<0x20, 0x7F:
                    let hex = String(scalar.value, radix: 16)
                    out += "\\u00" + (hex.count == 1 ? "0" + hex : hex)
                default: out.unicodeScalars.append(scalar)
                }
            }
            return out + "\""
        }
        let pad = String(repeating: " ", count: indent + 2), end = String(repeating: " ", count: indent)
        switch value {
        case .null: return "null"
        case .bool(let flag): return flag ? "true" : "false"
        case .int(let number): return String(number)
        case .string(let text): return quoted(text)
        case .array(let items):
            if items.isEmpty { return "[]" }
            return "[\n" + items.map { pad + reference($0, indent: indent + 2) }.joined(separator: ",\n") + "\n" + end + "]"
        case .object(let members):
            if members.isEmpty { return "{}" }
            return "{\n" + members.keys.sorted().map { pad + quoted($0) + ": " + reference(members[$0] ?? .null, indent: indent + 2) }
                .joined(separator: ",\n") + "\n" + end + "}"
        }
    }

    static let awkward: [String] = [
        "", "plain", "ASCII with \"quotes\" and \\backslash\\", "\u{1B}[31mred\u{1B}[0m", "tab\tand\r\nnewlines",
        "\u{7F}\u{0}\u{1F}", "序列号 无效", "Ünïcödé \u{1F600} and e\u{301}", "\"", "\\", "x\u{0}",
    ]

    /// Nesting deeper than the writer's line of spaces (32), objects whose keys sort differently by bytes and by
    /// a naive order, and every kind of escape at the start, middle and end of a string.
    @Test func prettyEqualsReference() {
        var deep: JSONValue = .string("bottom")
        for level in 0..<40 { deep = level % 2 == 0 ? .array([deep, .int(level)]) : .object(["k\(level)": deep, "a": .null]) }
        let keys = ["b", "a", "B", "Z", "é", "z10", "z9", "", " ", "_", "序列号", "a\u{0}", "aa"]
        var members: [String: JSONValue] = [:]
        for (index, key) in keys.enumerated() { members[key] = .string(Self.awkward[index % Self.awkward.count]) }
        let values: [JSONValue] = [
            deep, .object(members), .array(Self.awkward.map(JSONValue.string)), .object([:]), .array([]),
            .object(["n": .int(-9_223_372_036_854_775_808), "t": .bool(true), "f": .bool(false), "x": .object(members)]),
        ]
        for value in values {
            // Bytes, not `String` ==, which would take a decomposed "e\u{301}" for "é".
            #expect(Array(value.serialized().utf8) == Array((Self.reference(value) + "\n").utf8))
        }
    }

    /// The compact form: the same order and escapes, no insignificant white space.
    @Test func compactKeepsTheOrder() {
        let keys = ["b", "a", "B", "é", "z10", "z9", "序列号"]
        var members: [String: JSONValue] = [:]
        for key in keys { members[key] = .object(["y": .int(1), "x": .string("q\"\\\u{1}")]) }
        #expect(JSONValue.object(members).serializedCompact()
                == "{\"B\":{\"x\":\"q\\\"\\\\\\u0001\",\"y\":1},\"a\":{\"x\":\"q\\\"\\\\\\u0001\",\"y\":1},"
                + "\"b\":{\"x\":\"q\\\"\\\\\\u0001\",\"y\":1},\"z10\":{\"x\":\"q\\\"\\\\\\u0001\",\"y\":1},"
                + "\"z9\":{\"x\":\"q\\\"\\\\\\u0001\",\"y\":1},\"é\":{\"x\":\"q\\\"\\\\\\u0001\",\"y\":1},"
                + "\"序列号\":{\"x\":\"q\\\"\\\\\\u0001\",\"y\":1}}\n")
    }
}

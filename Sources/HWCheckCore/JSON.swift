/// A JSON value with a deterministic serialisation: keys sorted, explicit nulls, two-space indentation.
/// Written by hand so the report's bytes are stable across Foundation versions and cost nothing at start-up.
public enum JSONValue: Equatable, Sendable {
    case null
    case bool(Bool)
    case int(Int)
    case string(String)
    case array([JSONValue])
    case object([String: JSONValue])

    public static func optional(_ text: String?) -> JSONValue { text.map(JSONValue.string) ?? .null }
    public static func optional(_ flag: Bool?) -> JSONValue { flag.map(JSONValue.bool) ?? .null }
    public static func optional(_ number: Int?) -> JSONValue { number.map(JSONValue.int) ?? .null }

    /// Pretty-printed text ending in a newline.
    public func serialized() -> String {
        var output: [UInt8] = []
        output.reserveCapacity(16 * 1024)
        write(to: &output, indent: 0)
        output.append(UInt8(ascii: "\n"))
        return String(decoding: output, as: UTF8.self)
    }

    /// One line, no insignificant white space, ending in a newline (a line of a JSON-lines file).
    public func serializedCompact() -> String {
        var output: [UInt8] = []
        output.reserveCapacity(8 * 1024)
        writeCompact(to: &output)
        output.append(UInt8(ascii: "\n"))
        return String(decoding: output, as: UTF8.self)
    }

    private func writeCompact(to output: inout [UInt8]) {
        switch self {
        case .array(let items):
            output.append(UInt8(ascii: "["))
            for (index, item) in items.enumerated() {
                if index > 0 { output.append(UInt8(ascii: ",")) }
                item.writeCompact(to: &output)
            }
            output.append(UInt8(ascii: "]"))
        case .object(let members):
            output.append(UInt8(ascii: "{"))
            for (index, member) in Self.sortedMembers(members).enumerated() {
                if index > 0 { output.append(UInt8(ascii: ",")) }
                Self.writeString(member.key, to: &output)
                output.append(UInt8(ascii: ":"))
                member.value.writeCompact(to: &output)
            }
            output.append(UInt8(ascii: "}"))
        default:
            write(to: &output, indent: 0)
        }
    }

    /// An object with `extra` members added (replacing members of the same name); other values unchanged.
    public func adding(_ extra: [String: JSONValue]) -> JSONValue {
        guard case .object(var members) = self else { return self }
        members.merge(extra) { _, new in new }
        return .object(members)
    }

    /// A newline and `indent` spaces, copied from one line of spaces (`repeatElement` appended them one by one).
    private static func newline(_ output: inout [UInt8], indent: Int) {
        var left = indent
        output.append(contentsOf: newlineAndSpaces[0..<1 + min(left, spaces)])
        left -= min(left, spaces)
        while left > 0 {
            output.append(contentsOf: newlineAndSpaces[1..<1 + min(left, spaces)])
            left -= min(left, spaces)
        }
    }

    private static let spaces = 32
    private static let newlineAndSpaces: [UInt8] = [UInt8(ascii: "\n")] + Array(repeating: UInt8(ascii: " "), count: spaces)

    /// An object's members in the order of their keys: the pairs sorted once, with `String`'s `<` as ever (sorting
    /// the keys and then looking each one up again hashed every key a second time).
    private static func sortedMembers(_ members: [String: JSONValue]) -> [(key: String, value: JSONValue)] {
        members.sorted { $0.key < $1.key }
    }

    private func write(to output: inout [UInt8], indent: Int) {
        switch self {
        case .null: output.append(contentsOf: "null".utf8)
        case .bool(let flag): output.append(contentsOf: (flag ? "true" : "false").utf8)
        case .int(let number): output.append(contentsOf: String(number).utf8)
        case .string(let text): Self.writeString(text, to: &output)
        case .array(let items):
            if items.isEmpty { output.append(contentsOf: "[]".utf8); return }
            output.append(UInt8(ascii: "["))
            for (index, item) in items.enumerated() {
                if index > 0 { output.append(UInt8(ascii: ",")) }
                Self.newline(&output, indent: indent + 2)
                item.write(to: &output, indent: indent + 2)
            }
            Self.newline(&output, indent: indent)
            output.append(UInt8(ascii: "]"))
        case .object(let members):
            if members.isEmpty { output.append(contentsOf: "{}".utf8); return }
            output.append(UInt8(ascii: "{"))
            for (index, member) in Self.sortedMembers(members).enumerated() {
                if index > 0 { output.append(UInt8(ascii: ",")) }
                Self.newline(&output, indent: indent + 2)
                Self.writeString(member.key, to: &output)
                output.append(contentsOf: ": ".utf8)
                member.value.write(to: &output, indent: indent + 2)
            }
            Self.newline(&output, indent: indent)
            output.append(UInt8(ascii: "}"))
        }
    }

    private static let hexDigits = Array("0123456789abcdef".utf8)

    /// RFC 8259 string: quotes, backslash and every control character escaped; the rest as UTF-8. Runs that need
    /// no escape are copied whole (appending byte by byte was most of the writer's cost).
    private static func writeString(_ text: String, to output: inout [UInt8]) {
        output.append(UInt8(ascii: "\""))
        var text = text
        text.withUTF8 { bytes in
            var run = 0
            for index in bytes.indices {
                let byte = bytes[index]
                guard byte < 0x20 || byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "\\") || byte == 0x7F else { continue }
                output.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[run..<index]))
                run = index + 1
                switch byte {
                case UInt8(ascii: "\""): output.append(contentsOf: "\\\"".utf8)
                case UInt8(ascii: "\\"): output.append(contentsOf: "\\\\".utf8)
                case UInt8(ascii: "\n"): output.append(contentsOf: "\\n".utf8)
                case UInt8(ascii: "\r"): output.append(contentsOf: "\\r".utf8)
                case UInt8(ascii: "\t"): output.append(contentsOf: "\\t".utf8)
                default:
                    output.append(contentsOf: "\\u00".utf8)
                    output.append(hexDigits[Int(byte >> 4)])
                    output.append(hexDigits[Int(byte & 0xF)])
                }
            }
            output.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[run...]))
        }
        output.append(UInt8(ascii: "\""))
    }
}

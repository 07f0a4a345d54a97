// A strict RFC 8259 JSON reader over a byte buffer: hwcheck's one JSON reader. The fleet reads many reports with
// it (`JSONCursor`, skipping what it does not need); the spec file and the placeholder list are parsed with
// `JSONNode.parse` and read with `JSONFields`. No Foundation: hwcheck's own modules import none.
//
// Foundation's JSONSerialization builds every value of a report (≈ 9 KB, most of it inventory and messages the
// fleet does not need); this reader walks the bytes once, hands the caller the keys it asks for, and skips the
// rest while still validating it (strings, escapes, numbers, literals, nesting). It never allocates for what
// it skips.

/// Why a document could not be read.
public struct JSONReadError: Error, Equatable, Sendable {
    public var message: String
    /// Byte offset in the buffer where it went wrong.
    public var offset: Int
    /// The buffer ended inside the value: more input may complete it.
    public var truncated: Bool
}

/// A JSON value, built only where a caller asks for one (`JSONCursor.readValue`).
public enum JSONNode: Equatable, Sendable {
    case null
    case bool(Bool)
    /// Numbers keep their text, so nothing is lost in conversion.
    case number(String)
    case string(String)
    case array([JSONNode])
    case object([(String, JSONNode)])

    public static func == (lhs: JSONNode, rhs: JSONNode) -> Bool {
        switch (lhs, rhs) {
        case (.null, .null): return true
        case (.bool(let a), .bool(let b)): return a == b
        case (.number(let a), .number(let b)): return a == b
        case (.string(let a), .string(let b)): return a == b
        case (.array(let a), .array(let b)): return a == b
        case (.object(let a), .object(let b)): return a.count == b.count && zip(a, b).allSatisfy { $0.0 == $1.0 && $0.1 == $1.1 }
        default: return false
        }
    }

    /// The member `key` of an object.
    public subscript(key: String) -> JSONNode? {
        guard case .object(let members) = self else { return nil }
        return members.first { $0.0 == key }?.1
    }

    /// A string, a number's text, or nil (null, objects, arrays, booleans).
    public var scalarText: String? {
        switch self {
        case .string(let text), .number(let text): return text
        default: return nil
        }
    }
}

/// An object member's name as it stands in the buffer (between the quotes, escapes not yet applied).
public struct JSONKey {
    public let bytes: UnsafeBufferPointer<UInt8>

    public init(bytes: UnsafeBufferPointer<UInt8>) {
        self.bytes = bytes
    }

    /// Equal to an ASCII literal without escapes (a key written with escapes never equals one here; hwcheck
    /// writes none).
    public static func == (key: JSONKey, literal: StaticString) -> Bool {
        let count = literal.utf8CodeUnitCount
        guard key.bytes.count == count else { return false }
        let pointer = literal.utf8Start
        for index in 0..<count where key.bytes[index] != pointer[index] { return false }
        return true
    }

    public static func ~= (literal: StaticString, key: JSONKey) -> Bool { key == literal }

    /// The name unescaped (validated UTF-8).
    public func string() throws(JSONReadError) -> String {
        var quoted: [UInt8] = [UInt8(ascii: "\"")]
        quoted += bytes
        quoted.append(UInt8(ascii: "\""))
        let result: Result<String, JSONReadError> = quoted.withUnsafeBufferPointer { buffer in
            var cursor = JSONCursor(buffer)
            do throws(JSONReadError) { return .success(try cursor.readString()) } catch { return .failure(error) }
        }
        return try result.get()
    }
}

/// A position in a UTF-8 buffer holding JSON. Valid only inside the `withUnsafeBufferPointer` that made it.
public struct JSONCursor {
    public let bytes: UnsafeBufferPointer<UInt8>
    public var offset: Int
    /// Accept a comma before a closing bracket ("[1,]", "{"a": 1,}"), as Foundation's JSONDecoder did for spec files
    /// people edit by hand. Reports are strict RFC 8259 (false).
    public var allowsTrailingCommas: Bool
    /// The buffer is the whole input (`JSONNode.parse`): a number that runs to its end is complete. In a chunk of a
    /// stream (false) it may go on in the next chunk.
    public var inputIsComplete: Bool

    public init(_ bytes: UnsafeBufferPointer<UInt8>, offset: Int = 0, allowsTrailingCommas: Bool = false, inputIsComplete: Bool = false) {
        self.bytes = bytes
        self.offset = offset
        self.allowsTrailingCommas = allowsTrailingCommas
        self.inputIsComplete = inputIsComplete
    }

    static let maximumDepth = 256

    public var atEnd: Bool { offset >= bytes.count }

    func fail(_ message: String) -> JSONReadError {
        JSONReadError(message: message, offset: offset, truncated: false)
    }

    func truncated() -> JSONReadError {
        JSONReadError(message: "unexpected end of input", offset: offset, truncated: true)
    }

    public mutating func skipWhitespace() {
        while offset < bytes.count {
            switch bytes[offset] {
            case 0x20, 0x0A, 0x0D, 0x09: offset += 1
            default: return
            }
        }
    }

    /// The next non-white-space byte, not consumed.
    public mutating func peek() throws(JSONReadError) -> UInt8 {
        skipWhitespace()
        guard offset < bytes.count else { throw truncated() }
        return bytes[offset]
    }

    mutating func expect(_ byte: UInt8) throws(JSONReadError) {
        guard try peek() == byte else { throw fail("expected '\(Character(Unicode.Scalar(byte)))'") }
        offset += 1
    }

    // MARK: Objects and arrays

    /// Calls `body` for each member of the object at the cursor, with the cursor on the member's value; `body`
    /// must consume the value (read or skip it). The key is handed over unbuilt (`JSONKey`): most keys are only
    /// compared with a literal, and building a String for each would cost more than the rest of the parse.
    public mutating func readObject(_ body: (inout JSONCursor, JSONKey) throws(JSONReadError) -> Void) throws(JSONReadError) {
        try expect(UInt8(ascii: "{"))
        if try peek() == UInt8(ascii: "}") { offset += 1; return }
        while true {
            guard try peek() == UInt8(ascii: "\"") else { throw fail("expected a member name") }
            let keyStart = offset
            try skipString()
            let key = JSONKey(bytes: UnsafeBufferPointer(rebasing: bytes[(keyStart + 1)..<(offset - 1)]))
            try expect(UInt8(ascii: ":"))
            _ = try peek()
            try body(&self, key)
            switch try peek() {
            case UInt8(ascii: ","):
                offset += 1
                if allowsTrailingCommas, try peek() == UInt8(ascii: "}") { offset += 1; return }
            case UInt8(ascii: "}"): offset += 1; return
            default: throw fail("expected ',' or '}'")
            }
        }
    }

    /// Calls `body` for each element of the array at the cursor; `body` must consume the element.
    public mutating func readArray(_ body: (inout JSONCursor) throws(JSONReadError) -> Void) throws(JSONReadError) {
        try expect(UInt8(ascii: "["))
        if try peek() == UInt8(ascii: "]") { offset += 1; return }
        while true {
            _ = try peek()
            try body(&self)
            switch try peek() {
            case UInt8(ascii: ","):
                offset += 1
                if allowsTrailingCommas, try peek() == UInt8(ascii: "]") { offset += 1; return }
            case UInt8(ascii: "]"): offset += 1; return
            default: throw fail("expected ',' or ']'")
            }
        }
    }

    // MARK: Scalars

    /// A string, or nil for `null`; anything else is an error naming `what`.
    public mutating func readOptionalString() throws(JSONReadError) -> String? {
        if try peek() == UInt8(ascii: "n") { try readLiteral("null"); return nil }
        guard bytes[offset] == UInt8(ascii: "\"") else { throw fail("expected a string or null") }
        return try readString()
    }

    /// An integer (no fraction or exponent) that fits in an `Int`; a larger one is an error, never a trap.
    /// Negative values are accumulated downwards so that `Int.min` itself still reads.
    public mutating func readInteger() throws(JSONReadError) -> Int {
        _ = try peek()
        let start = offset
        try skipNumber()
        var value = 0
        let negative = bytes[start] == UInt8(ascii: "-")
        for index in (negative ? start + 1 : start)..<offset {
            let byte = bytes[index]
            guard byte >= 0x30 && byte <= 0x39 else { offset = start; throw fail("expected an integer") }
            let (product, overflow) = value.multipliedReportingOverflow(by: 10)
            let digit = Int(byte - 0x30)
            let (sum, carry) = negative ? product.subtractingReportingOverflow(digit) : product.addingReportingOverflow(digit)
            guard !overflow, !carry else { offset = start; throw fail("integer too large") }
            value = sum
        }
        return value
    }

    mutating func readLiteral(_ literal: StaticString) throws(JSONReadError) {
        let count = literal.utf8CodeUnitCount
        guard offset + count <= bytes.count else {
            // A prefix of the literal at the very end may be completed by more input.
            let available = bytes.count - offset
            for index in 0..<available where bytes[offset + index] != literal.utf8Start[index] { throw fail("invalid literal") }
            throw truncated()
        }
        for index in 0..<count where bytes[offset + index] != literal.utf8Start[index] { throw fail("invalid literal") }
        offset += count
    }

    /// A string, checked to be one (`readString` expects the caller to have seen the quote).
    public mutating func readStrictString() throws(JSONReadError) -> String {
        guard try peek() == UInt8(ascii: "\"") else { throw fail("expected a string") }
        return try readString()
    }

    /// A string at the cursor (which must be on its opening quote), unescaped.
    public mutating func readString() throws(JSONReadError) -> String {
        offset += 1
        let start = offset
        // Fast path: no escapes, the bytes are the string (validated as UTF-8 by String(validating:)).
        while offset < bytes.count {
            let byte = bytes[offset]
            if byte == UInt8(ascii: "\"") {
                let slice = UnsafeBufferPointer(rebasing: bytes[start..<offset])
                offset += 1
                guard let text = String(validating: slice, as: UTF8.self) else { throw fail("invalid UTF-8 in a string") }
                return text
            }
            if byte == UInt8(ascii: "\\") { break }
            if byte < 0x20 { throw fail("control character in a string") }
            offset += 1
        }
        if offset >= bytes.count { throw truncated() }
        var scalars: [UInt8] = Array(UnsafeBufferPointer(rebasing: bytes[start..<offset]))
        while offset < bytes.count {
            let byte = bytes[offset]
            switch byte {
            case UInt8(ascii: "\""):
                offset += 1
                guard let text = String(validating: scalars, as: UTF8.self) else { throw fail("invalid UTF-8 in a string") }
                return text
            case UInt8(ascii: "\\"):
                offset += 1
                guard offset < bytes.count else { throw truncated() }
                let escape = bytes[offset]
                offset += 1
                switch escape {
                case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "/"): scalars.append(escape)
                case UInt8(ascii: "b"): scalars.append(0x08)
                case UInt8(ascii: "f"): scalars.append(0x0C)
                case UInt8(ascii: "n"): scalars.append(0x0A)
                case UInt8(ascii: "r"): scalars.append(0x0D)
                case UInt8(ascii: "t"): scalars.append(0x09)
                case UInt8(ascii: "u"):
                    var code = try readHex4()
                    if code >= 0xD800 && code < 0xDC00 {
                        // A high surrogate must be followed by an escaped low surrogate (RFC 8259 §7).
                        guard offset + 1 < bytes.count else { throw truncated() }
                        guard bytes[offset] == UInt8(ascii: "\\"), bytes[offset + 1] == UInt8(ascii: "u") else {
                            throw fail("unpaired surrogate")
                        }
                        offset += 2
                        let low = try readHex4()
                        guard low >= 0xDC00 && low < 0xE000 else { throw fail("unpaired surrogate") }
                        code = 0x10000 + ((code - 0xD800) << 10) + (low - 0xDC00)
                    } else if code >= 0xDC00 && code < 0xE000 {
                        throw fail("unpaired surrogate")
                    }
                    guard let scalar = Unicode.Scalar(code) else { throw fail("invalid \\u escape") }
                    scalars.append(contentsOf: String(Character(scalar)).utf8)
                default:
                    offset -= 1
                    throw fail("invalid escape")
                }
            default:
                if byte < 0x20 { throw fail("control character in a string") }
                scalars.append(byte)
                offset += 1
            }
        }
        throw truncated()
    }

    mutating func readHex4() throws(JSONReadError) -> UInt32 {
        guard offset + 4 <= bytes.count else { throw truncated() }
        var value: UInt32 = 0
        for _ in 0..<4 {
            let byte = bytes[offset]
            let digit: UInt32
            switch byte {
            case 0x30...0x39: digit = UInt32(byte - 0x30)
            case 0x41...0x46: digit = UInt32(byte - 0x41 + 10)
            case 0x61...0x66: digit = UInt32(byte - 0x61 + 10)
            default: throw fail("invalid \\u escape")
            }
            value = value << 4 | digit
            offset += 1
        }
        return value
    }

    /// Whether the string at the cursor equals `literal` (ASCII, no escapes in `literal`); consumes the string.
    public mutating func readStringEquals(_ literal: StaticString) throws(JSONReadError) -> Bool {
        guard try peek() == UInt8(ascii: "\"") else { throw fail("expected a string") }
        let count = literal.utf8CodeUnitCount
        let start = offset + 1
        if start + count < bytes.count, bytes[start + count] == UInt8(ascii: "\"") {
            var equal = true
            for index in 0..<count where bytes[start + index] != literal.utf8Start[index] { equal = false; break }
            if equal {
                // Validate what we matched: the literal has no escapes or control characters.
                offset = start + count + 1
                return true
            }
        }
        _ = try readString()
        return false
    }

    mutating func skipNumber() throws(JSONReadError) {
        let start = offset
        func digits(_ cursor: inout JSONCursor) -> Int {
            var count = 0
            while cursor.offset < cursor.bytes.count, cursor.bytes[cursor.offset] >= 0x30, cursor.bytes[cursor.offset] <= 0x39 {
                cursor.offset += 1
                count += 1
            }
            return count
        }
        if bytes[offset] == UInt8(ascii: "-") { offset += 1 }
        guard offset < bytes.count else { throw truncated() }
        if bytes[offset] == UInt8(ascii: "0") {
            offset += 1
        } else if digits(&self) == 0 {
            throw fail("invalid number")
        }
        if offset < bytes.count, bytes[offset] == UInt8(ascii: ".") {
            offset += 1
            guard digits(&self) > 0 else { throw offset >= bytes.count ? truncated() : fail("invalid number") }
        }
        if offset < bytes.count, bytes[offset] == UInt8(ascii: "e") || bytes[offset] == UInt8(ascii: "E") {
            offset += 1
            if offset < bytes.count, bytes[offset] == UInt8(ascii: "+") || bytes[offset] == UInt8(ascii: "-") { offset += 1 }
            guard digits(&self) > 0 else { throw offset >= bytes.count ? truncated() : fail("invalid number") }
        }
        // A number running into the end of the buffer may go on in the next chunk.
        if offset >= bytes.count && !inputIsComplete { offset = start; throw truncated() }
    }

    /// Skips one value of any kind, validating it.
    public mutating func skipValue(depth: Int = 0) throws(JSONReadError) {
        guard depth < Self.maximumDepth else { throw fail("nested too deeply") }
        switch try peek() {
        case UInt8(ascii: "{"):
            try readObject { (cursor: inout JSONCursor, _: JSONKey) throws(JSONReadError) in try cursor.skipValue(depth: depth + 1) }
        case UInt8(ascii: "["):
            try readArray { (cursor: inout JSONCursor) throws(JSONReadError) in try cursor.skipValue(depth: depth + 1) }
        case UInt8(ascii: "\""): try skipString()
        case UInt8(ascii: "t"): try readLiteral("true")
        case UInt8(ascii: "f"): try readLiteral("false")
        case UInt8(ascii: "n"): try readLiteral("null")
        case UInt8(ascii: "-"), 0x30...0x39: try skipNumber()
        default: throw fail("unexpected character")
        }
    }

    /// Skips a string without building it (escapes and control characters still checked).
    public mutating func skipString() throws(JSONReadError) {
        offset += 1
        // Eight bytes at a time while none of them is a quote, a backslash or a control character (the
        // "has a zero byte" test of Hacker's Delight §6-1 on x ^ pattern, and on x - 0x20 for bytes below 0x20).
        if let base = UnsafeRawPointer(bytes.baseAddress) {
            let ones: UInt64 = 0x0101_0101_0101_0101, highs: UInt64 = 0x8080_8080_8080_8080
            while offset + 8 <= bytes.count {
                let word = base.loadUnaligned(fromByteOffset: offset, as: UInt64.self)
                let quote = word ^ (ones &* 0x22), backslash = word ^ (ones &* 0x5C)
                let special = ((quote &- ones) & ~quote) | ((backslash &- ones) & ~backslash) | ((word &- ones &* 0x20) & ~word)
                if special & highs != 0 { break }
                offset += 8
            }
        }
        while offset < bytes.count {
            let byte = bytes[offset]
            if byte == UInt8(ascii: "\"") { offset += 1; return }
            if byte == UInt8(ascii: "\\") {
                guard offset + 1 < bytes.count else { throw truncated() }
                switch bytes[offset + 1] {
                case UInt8(ascii: "u"):
                    offset += 2
                    _ = try readHex4()
                    continue
                case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "/"), UInt8(ascii: "b"), UInt8(ascii: "f"),
                     UInt8(ascii: "n"), UInt8(ascii: "r"), UInt8(ascii: "t"):
                    offset += 2
                    continue
                default: throw fail("invalid escape")
                }
            }
            if byte < 0x20 { throw fail("control character in a string") }
            offset += 1
        }
        throw truncated()
    }

    /// Reads one value of any kind into a `JSONNode`.
    public mutating func readValue(depth: Int = 0) throws(JSONReadError) -> JSONNode {
        guard depth < Self.maximumDepth else { throw fail("nested too deeply") }
        switch try peek() {
        case UInt8(ascii: "{"):
            var members: [(String, JSONNode)] = []
            try readObject { (cursor: inout JSONCursor, key: JSONKey) throws(JSONReadError) in
                members.append((try key.string(), try cursor.readValue(depth: depth + 1)))
            }
            return .object(members)
        case UInt8(ascii: "["):
            var items: [JSONNode] = []
            try readArray { (cursor: inout JSONCursor) throws(JSONReadError) in items.append(try cursor.readValue(depth: depth + 1)) }
            return .array(items)
        case UInt8(ascii: "\""): return .string(try readString())
        case UInt8(ascii: "t"): try readLiteral("true"); return .bool(true)
        case UInt8(ascii: "f"): try readLiteral("false"); return .bool(false)
        case UInt8(ascii: "n"): try readLiteral("null"); return .null
        case UInt8(ascii: "-"), 0x30...0x39:
            let start = offset
            try skipNumber()
            return .number(String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<offset]), as: UTF8.self))
        default: throw fail("unexpected character")
        }
    }
}

extension JSONNode {
    /// Parses one complete document (white space around it allowed, nothing else).
    public static func parse(_ bytes: [UInt8], allowingTrailingCommas: Bool = false) throws(JSONReadError) -> JSONNode {
        let result: Result<JSONNode, JSONReadError> = bytes.withUnsafeBufferPointer { buffer in
            var cursor = JSONCursor(buffer, allowsTrailingCommas: allowingTrailingCommas, inputIsComplete: true)
            do throws(JSONReadError) {
                let value = try cursor.readValue()
                cursor.skipWhitespace()
                guard cursor.atEnd else { return .failure(cursor.fail("unexpected text after the value")) }
                return .success(value)
            } catch {
                return .failure(error)
            }
        }
        return try result.get()
    }
}

// Typed reading of small JSON documents (the spec file, the placeholder list) from a parsed `JSONNode`, with the
// problems worded as they were when these files were read with Foundation's `JSONDecoder`: "missing key "rows" in
// the top level", "wrong type at rows.[0].title". The spec's error messages are a contract (tests and technicians'
// notes quote them); this keeps them without linking Foundation into hwcheck.

/// Why a document's values do not fit: the message names the key path.
struct JSONFieldProblem: Error, Equatable {
    var message: String

    /// "the top level", or the keys joined with "." and array indices written "[0]" (JSONDecoder's coding path).
    static func describe(_ path: [String]) -> String { path.isEmpty ? "the top level" : path.joined(separator: ".") }

    static func missing(_ key: String, in path: [String]) -> JSONFieldProblem {
        JSONFieldProblem(message: "missing key \"\(key)\" in \(describe(path))")
    }

    static func wrongType(at path: [String]) -> JSONFieldProblem { JSONFieldProblem(message: "wrong type at \(describe(path))") }

    /// A number JSONDecoder refused for an `Int` (a fraction, or too large): it called the whole document invalid.
    static let notValidJSON = JSONFieldProblem(message: "not valid JSON")
}

/// One JSON object being read, with its key path for messages.
struct JSONFields {
    let members: [(String, JSONNode)]
    let path: [String]

    init(_ node: JSONNode, path: [String] = []) throws(JSONFieldProblem) {
        guard case .object(let members) = node else { throw .wrongType(at: path) }
        self.members = members
        self.path = path
    }

    /// The member `key`; of two equal keys the first, as JSONDecoder read it (callers refuse repeated keys).
    func member(_ key: String) -> JSONNode? { members.first { $0.0 == key }?.1 }

    /// A member that must be there and not be null (JSONDecoder: keyNotFound, then valueNotFound).
    func required(_ key: String) throws(JSONFieldProblem) -> JSONNode {
        guard let value = member(key) else { throw .missing(key, in: path) }
        if case .null = value { throw .wrongType(at: path + [key]) }
        return value
    }

    /// A member that may be absent or null.
    func optional(_ key: String) -> JSONNode? {
        guard let value = member(key) else { return nil }
        if case .null = value { return nil }
        return value
    }

    func string(_ key: String) throws(JSONFieldProblem) -> String {
        try Self.string(try required(key), path: path + [key])
    }

    func optionalString(_ key: String) throws(JSONFieldProblem) -> String? {
        guard let value = optional(key) else { return nil }
        return try Self.string(value, path: path + [key])
    }

    func optionalBool(_ key: String) throws(JSONFieldProblem) -> Bool? {
        guard let value = optional(key) else { return nil }
        guard case .bool(let flag) = value else { throw .wrongType(at: path + [key]) }
        return flag
    }

    /// An integer. Like JSONDecoder, "1.0" and "1e0" read as 1; a fraction or a value beyond `Int` is refused.
    func integer(_ key: String) throws(JSONFieldProblem) -> Int {
        guard case .number(let text) = try required(key) else { throw .wrongType(at: path + [key]) }
        if let value = Int(text) { return value }
        // Only integral values that a Double holds exactly and that fit in an Int (2^63 itself does not).
        guard let real = Double(text), real.rounded() == real, real >= -0x1p63, real < 0x1p63 else { throw .notValidJSON }
        return Int(real)
    }

    func object(_ key: String) throws(JSONFieldProblem) -> JSONFields {
        try JSONFields(try required(key), path: path + [key])
    }

    /// An array member, each element handed to `element` with its own path ("rows.[0]").
    func array<Element>(_ key: String, _ element: (JSONNode, [String]) throws(JSONFieldProblem) -> Element) throws(JSONFieldProblem) -> [Element] {
        guard case .array(let items) = try required(key) else { throw .wrongType(at: path + [key]) }
        var result: [Element] = []
        result.reserveCapacity(items.count)
        for (index, item) in items.enumerated() {
            result.append(try element(item, path + [key, "[\(index)]"]))
        }
        return result
    }

    func strings(_ key: String) throws(JSONFieldProblem) -> [String] {
        try array(key) { (item, itemPath) throws(JSONFieldProblem) in try Self.string(item, path: itemPath) }
    }

    static func string(_ node: JSONNode, path: [String]) throws(JSONFieldProblem) -> String {
        guard case .string(let text) = node else { throw .wrongType(at: path) }
        return text
    }
}

extension JSONNode {
    /// Parses a whole document the way JSONDecoder accepted files: a UTF-8 byte order mark is skipped, UTF-16 text
    /// with a byte order mark (Windows Notepad's "Unicode") is read as such, and a trailing comma is allowed.
    static func parseDocument(_ bytes: [UInt8]) throws(JSONReadError) -> JSONNode {
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { return try parse(Array(bytes.dropFirst(3)), allowingTrailingCommas: true) }
        if bytes.count >= 2, bytes.count % 2 == 0, bytes.starts(with: [0xFF, 0xFE]) || bytes.starts(with: [0xFE, 0xFF]) {
            let little = bytes[0] == 0xFF
            var units: [UInt16] = []
            units.reserveCapacity(bytes.count / 2 - 1)
            var index = 2
            while index + 1 < bytes.count {
                let (low, high) = little ? (bytes[index], bytes[index + 1]) : (bytes[index + 1], bytes[index])
                units.append(UInt16(high) << 8 | UInt16(low))
                index += 2
            }
            var utf8: [UInt8] = []
            utf8.reserveCapacity(units.count)
            // A lone surrogate is not text: refused, as JSONDecoder refused it.
            let failed = transcode(units.makeIterator(), from: UTF16.self, to: UTF8.self, stoppingOnError: true) { utf8.append($0) }
            guard !failed else { throw JSONReadError(message: "invalid UTF-16", offset: 0, truncated: false) }
            return try parse(utf8, allowingTrailingCommas: true)
        }
        return try parse(bytes, allowingTrailingCommas: true)
    }
}

/// Which kind of identifier a value is; each has its own placeholder list.
public enum IdentifierKind: String, Sendable, CaseIterable {
    case serial, uuid, mac
}

/// Firmware junk that is not empty but cannot identify a device. The lists are data (the spec file's
/// `placeholders` section); the named rules are the few patterns a list cannot enumerate.
public struct PlaceholderRules: Sendable, Equatable {
    /// Built-in patterns the spec file can switch on by name.
    public enum Rule: String, Sendable, CaseIterable {
        /// The whole value is one character repeated: "0", "XXXXXXXX", ".........", "FFFFFFFF".
        case repeatedCharacter = "repeated-character"
        /// The whole value is a run of consecutive digits of length five or more: "12345", "0123456789".
        case digitRun = "digit-run"
    }

    /// Normalised value → the text as listed, per kind.
    private var lists: [IdentifierKind: [String: String]]
    public private(set) var rules: [Rule]

    public init(serials: [String], uuids: [String], macs: [String], rules: [Rule]) {
        lists = [:]
        for (kind, values) in [(IdentifierKind.serial, serials), (.uuid, uuids), (.mac, macs)] {
            var table: [String: String] = [:]
            for value in values {
                for key in Self.keys(value, kind: kind) { table[key] = value }
            }
            lists[kind] = table
        }
        self.rules = rules
    }

    /// The reason `value` is a placeholder ("listed: \"Default string\"", "rule: repeated-character"), or nil.
    public func match(_ value: String, kind: IdentifierKind) -> String? {
        let key = Self.normalise(value, kind: kind)
        if let listed = lists[kind]?[key] { return "listed: \"\(listed)\"" }
        let compact = kind == .serial ? key : key.filter { $0.isHexDigit }
        for rule in rules where Self.applies(rule, to: compact) {
            return "rule: \(rule.rawValue)"
        }
        return nil
    }

    private static func applies(_ rule: Rule, to key: String) -> Bool {
        switch rule {
        case .repeatedCharacter:
            guard let first = key.first else { return false }
            return key.allSatisfy { $0 == first }
        case .digitRun:
            let digits = key.compactMap { $0.wholeNumberValue }
            guard digits.count == key.count, digits.count >= 5 else { return false }
            return zip(digits, digits.dropFirst()).allSatisfy { $1 == ($0 + 1) % 10 }
        }
    }

    /// Trimmed, case-folded, inner white space collapsed; MACs and UUIDs reduced to their hex digits.
    static func normalise(_ value: String, kind: IdentifierKind) -> String {
        let folded = value.trimmedWhitespace.lowercased()
        switch kind {
        case .serial:
            return folded.split(whereSeparator: { $0 == " " || $0 == "\t" }).joined(separator: " ")
        case .mac, .uuid:
            return String(folded.filter { $0.isHexDigit })
        }
    }

    /// The keys a listed value is found under: UUIDs in both byte orders, since SMBIOS stores the first three
    /// fields little-endian and tools disagree on which view they print.
    private static func keys(_ value: String, kind: IdentifierKind) -> [String] {
        let key = normalise(value, kind: kind)
        guard kind == .uuid, key.count == 32 else { return [key] }
        return [key, swappedUUID(key)]
    }

    /// A UUID's 32 hex digits with the first three fields byte-swapped (the other SMBIOS byte order).
    public static func swappedUUID(_ hex: String) -> String {
        let characters = Array(hex)
        func bytes(_ range: Range<Int>) -> [String] {
            stride(from: range.lowerBound, to: range.upperBound, by: 2).map { String(characters[$0..<$0 + 2]) }
        }
        let swapped = bytes(0..<8).reversed() + bytes(8..<12).reversed() + bytes(12..<16).reversed() + bytes(16..<32)
        return swapped.joined()
    }
}

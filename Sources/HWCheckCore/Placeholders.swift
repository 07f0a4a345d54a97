#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// Which kind of identifier a value is; each has its own placeholder list.
public enum IdentifierKind: String, Sendable, CaseIterable, Decodable {
    case serial, uuid, mac
}

/// Firmware junk that is not empty but cannot identify a device. The list is data (Resources/placeholders.json,
/// each entry with its sources, plus the spec file's own entries); the named rules are the few patterns a list
/// cannot enumerate.
public struct PlaceholderRules: Sendable, Equatable {
    /// Built-in patterns the spec file can switch on by name (documented in Resources/placeholders.json).
    public enum Rule: String, Sendable, CaseIterable {
        /// The whole value is one character repeated: "0", "XXXXXXXX", ".........", "FFFFFFFF".
        case repeatedCharacter = "repeated-character"
        /// The whole value is a run of consecutive digits of length five or more: "12345", "0123456789".
        case digitRun = "digit-run"
        /// Fewer than four letters or digits: "-1", "-64", "N/A".
        case tooShort = "too-short"
        /// Starts with the word "not": "Not Specified", "Not Available", "Not Settable".
        case notPhrase = "not-phrase"
        /// Contains a filler phrase: "to be filled", "default string", "serial number", "o.e.m".
        case fillerPhrase = "filler-phrase"
        /// A UUID ending in AMI's template tail "0700080009", filled in or not.
        case amiUUIDTemplate = "ami-uuid-template"

        /// The identifier kinds a rule judges.
        var kinds: Set<IdentifierKind> {
            switch self {
            case .repeatedCharacter: return [.serial, .uuid, .mac]
            case .digitRun, .tooShort, .notPhrase, .fillerPhrase: return [.serial]
            case .amiUUIDTemplate: return [.uuid]
            }
        }
    }

    /// One listed value and where it comes from.
    public struct Entry: Sendable, Equatable, Decodable {
        public var kind: IdentifierKind
        public var value: String
        public var sources: [String]

        public init(kind: IdentifierKind, value: String, sources: [String]) {
            self.kind = kind
            self.value = value
            self.sources = sources
        }
    }

    /// Normalised value → the entry, per kind.
    private var lists: [IdentifierKind: [String: Entry]]
    public private(set) var rules: [Rule]

    public init(entries: [Entry], rules: [Rule]) {
        lists = [:]
        for entry in entries {
            for key in Self.keys(entry.value, kind: entry.kind) {
                if var existing = lists[entry.kind]?[key] {
                    existing.sources += entry.sources.filter { !existing.sources.contains($0) }
                    lists[entry.kind, default: [:]][key] = existing
                } else {
                    lists[entry.kind, default: [:]][key] = entry
                }
            }
        }
        self.rules = rules
    }

    /// Entries from Resources/placeholders.json.
    public static func builtInEntries() -> [Entry] {
        struct DataFile: Decodable {
            struct Item: Decodable {
                var value: String
                var sources: [String]
            }
            var serial: [Item]
            var uuid: [Item]
            var mac: [Item]
        }
        do {
            let file = try JSONDecoder().decode(DataFile.self, from: Data(PackageResources.placeholders_json))
            return file.serial.map { Entry(kind: .serial, value: $0.value, sources: $0.sources) }
                + file.uuid.map { Entry(kind: .uuid, value: $0.value, sources: $0.sources) }
                + file.mac.map { Entry(kind: .mac, value: $0.value, sources: $0.sources) }
        } catch {
            // The data file is covered by a test; reaching this is a build defect.
            fatalError("Resources/placeholders.json does not decode: \(error)")
        }
    }

    /// The reason `value` is a placeholder ("listed: \"Default string\"", "rule: repeated-character"), or nil.
    public func match(_ value: String, kind: IdentifierKind) -> String? {
        let key = Self.normalise(value, kind: kind)
        // SMBIOS UUIDs are 16 bytes; the kernel prints them 8-4-4-4-12. Anything else is not one.
        if kind == .uuid && (key.count != 32 || value.trimmedWhitespace.count != 36) { return "malformed: not a UUID" }
        if let listed = lists[kind]?[key] {
            return "listed: \"\(listed.value)\" (\(listed.sources.joined(separator: ", ")))"
        }
        for rule in rules where rule.kinds.contains(kind) && Self.applies(rule, to: key) {
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
        case .tooShort:
            return key.filter { $0.isLetter || $0.isNumber }.count < 4
        case .notPhrase:
            return key == "not" || key.hasPrefix("not ") || key.hasPrefix("not_")
        case .fillerPhrase:
            return ["to be filled", "default string", "serial number", "o.e.m"].contains { key.contains($0) }
        case .amiUUIDTemplate:
            return key.count == 32 && key.hasSuffix("0700080009")
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

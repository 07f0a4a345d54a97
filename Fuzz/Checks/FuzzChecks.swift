// The properties every fuzz target checks, shared by the libFuzzer entry points (Fuzz/Entry, built by
// scripts/fuzz.sh) and by the corpus regression test (Fuzz/CorpusTests.swift, `swift test`). Each check takes
// raw bytes and returns the properties it found broken; an empty list is a pass. Crashes, hangs and memory
// errors are libFuzzer's and AddressSanitizer's to find.
import Foundation
@testable import HWCheckCore
import HWCheckBundle
import HWCheckFleet

public enum FuzzChecks {
    /// name → check; the names are Fuzz/Entry/<name>.swift and Fuzz/corpus/<name>/.
    public static let all: [(name: String, check: @Sendable ([UInt8]) -> [String])] = [
        ("udev", udev), ("dmi", dmi), ("mountinfo", mountInfo), ("spec", spec), ("vpd", vpd), ("json", json),
        ("fleet-report", fleetReport), ("trace-csv", traceCSV), ("tar", tar), ("json-reader", jsonReader),
    ]

    static let placeholders = Spec.builtIn().placeholders

    /// udev database ("E:KEY=VALUE") and uevent ("KEY=VALUE") text: keys are never empty and hold no line break
    /// or "="; values hold no line break.
    @Sendable public static func udev(_ bytes: [UInt8]) -> [String] {
        let text = String(decoding: bytes, as: UTF8.self)
        var problems: [String] = []
        for (kind, properties) in [("database", UdevDatabase.parseProperties(text)), ("uevent", UdevDatabase.parseUevent(text))] {
            for (key, value) in properties {
                if key.isEmpty || key.contains("\n") || key.contains("=") { problems.append("\(kind): bad key \(key.debugDescription)") }
                if value.contains("\n") { problems.append("\(kind): value with a line break for \(key.debugDescription)") }
            }
        }
        return problems
    }

    /// DMI/serial normalisation and placeholder classification, for every identifier kind: a value or placeholder
    /// is trimmed and non-empty, classification is idempotent on its own value, the text report shows no control
    /// character, and the JSON of the field parses back to the same value.
    @Sendable public static func dmi(_ bytes: [UInt8]) -> [String] {
        let text = String(decoding: bytes, as: UTF8.self)
        var problems: [String] = []
        for kind in IdentifierKind.allCases {
            let field = Field.classify(text, source: "fuzz", kind: kind, placeholders: placeholders)
            switch field.state {
            case .value, .placeholder:
                let edges: Set<Unicode.Scalar> = [" ", "\n", "\t", "\r", "\0"]
                guard let value = field.value, let first = value.unicodeScalars.first, let last = value.unicodeScalars.last,
                      !edges.contains(first), !edges.contains(last) else {
                    problems.append("\(kind): untrimmed or empty value \(String(describing: field.value).debugDescription)")
                    continue
                }
                let again = Field.classify(value, source: "fuzz", kind: kind, placeholders: placeholders)
                if again.state != field.state || again.value != value { problems.append("\(kind): classification not idempotent") }
            case .empty:
                if !text.trimmedWhitespace.isEmpty { problems.append("\(kind): non-blank text classified empty") }
            default:
                problems.append("\(kind): classify gave \(field.state)")
            }
            _ = placeholders.match(text, kind: kind)
            let shown = Terminal.printable(field.value ?? "")
            if shown.unicodeScalars.contains(where: { $0.value < 0x20 || (0x7F...0x9F).contains($0.value) }) {
                problems.append("\(kind): printable() left a control character")
            }
            if let value = field.value, roundTrip(value) != value { problems.append("\(kind): JSON round trip changed the value") }
        }
        return problems
    }

    /// /proc/self/mountinfo: at most one entry per line, every entry has a device number and a filesystem type.
    @Sendable public static func mountInfo(_ bytes: [UInt8]) -> [String] {
        let text = String(decoding: bytes, as: UTF8.self)
        let entries = MountInfoEntry.parse(text)
        var problems: [String] = []
        if entries.count > UdevDatabase.lines(text).count { problems.append("more entries than lines") }
        for entry in entries where entry.devNumber.isEmpty || entry.filesystem.isEmpty {
            problems.append("entry without device number or type: \(entry)")
        }
        _ = MountInfoEntry.unescape(text)
        return problems
    }

    /// Spec files: decode succeeds with at least one row and unique ids, or fails with a one-line message; and it
    /// tells the same story as JSONDecoder over the same file shape (the reference `Spec.decode` used before it
    /// moved to `JSONNode`): the same decoding problem, word for word, or none.
    @Sendable public static func spec(_ bytes: [UInt8]) -> [String] {
        var problems: [String] = []
        let outcome: String?
        do {
            let spec = try Spec.decode(bytes, origin: "fuzz")
            if spec.rows.isEmpty { problems.append("decoded a spec with no rows") }
            if Set(spec.rows.map(\.id)).count != spec.rows.count { problems.append("decoded a spec with repeated row ids") }
            outcome = nil
        } catch {
            if error.message.isEmpty { problems.append("empty error message") }
            outcome = error.problem
        }
        if SpecReference.differsOnPurpose(bytes) { return problems }
        // JSONDecoder checks a string's characters (UTF-8, control characters) only when it decodes that string: in
        // a document that is not JSON at all (JSONSerialization refuses it too) it may name a type problem met
        // first, or accept the file when the bad string is in a member no one reads. hwcheck refuses such a file
        // as not valid JSON, on purpose (README: a spec file is strict JSON).
        let lazy = outcome == "not valid JSON" && (try? JSONSerialization.jsonObject(with: Data(bytes), options: [.fragmentsAllowed])) == nil
        if lazy { return problems }
        if let expected = SpecReference.problem(bytes) {
            if outcome != expected { problems.append("JSONDecoder says \(expected.debugDescription), Spec.decode \(String(describing: outcome))") }
        } else if let outcome, SpecReference.isDecodingProblem(outcome) {
            problems.append("JSONDecoder decodes it, Spec.decode says \(outcome.debugDescription)")
        }
        return problems
    }

    /// SCSI VPD page 0x80: never reads past the page, never more characters than the page holds.
    @Sendable public static func vpd(_ bytes: [UInt8]) -> [String] {
        let serial = DiskProbe.unitSerialNumber(fromVPDPage: bytes)
        return serial.utf8.count > max(0, bytes.count - 4) * 3 ? ["serial longer than the page"] : []
    }

    /// The fleet's streaming report reader: any bytes give a summary or an error, the cursor never leaves the
    /// input, a summary's verdict is one of the three, and each row id is read once.
    @Sendable public static func fleetReport(_ bytes: [UInt8]) -> [String] {
        var problems: [String] = []
        _ = try? JSONNode.parse(bytes)
        bytes.withUnsafeBufferPointer { buffer in
            var cursor = JSONCursor(buffer)
            if let summary = try? ReportSummary.read(&cursor) {
                if cursor.offset > bytes.count { problems.append("cursor past the end") }
                if !["compliant", "non-compliant", "undetermined"].contains(summary.verdict.rawValue) {
                    problems.append("verdict \(summary.verdict.rawValue.debugDescription) accepted")
                }
                if Set(summary.rows.map(\.id)).count != summary.rows.count { problems.append("a row id read twice") }
            }
        }
        return problems
    }

    /// Server records (CSV or JSON lines): every record and problem names a line of the input, and a record
    /// keeps only non-empty fields.
    @Sendable public static func traceCSV(_ bytes: [UInt8]) -> [String] {
        let text = String(decoding: bytes, as: UTF8.self)
        // Lines by bytes: "\r\n" is one Character in Swift (the fuzzer's first trace-csv find was this check).
        let lines = bytes.filter { $0 == UInt8(ascii: "\n") }.count + 1
        let read = ServerRecord.read(text, mapping: .standard)
        var problems: [String] = []
        for record in read.records {
            if record.line < 1 || record.line > lines { problems.append("record line \(record.line) of \(lines)") }
            if record.values.values.contains(where: { $0.trimmedWhitespace.isEmpty }) { problems.append("empty field kept") }
        }
        for problem in read.problems where problem.line < 1 || problem.line > lines {
            problems.append("problem line \(problem.line) of \(lines)")
        }
        return problems
    }

    /// Bundle archives (`--sysroot ARCHIVE`): any bytes give entries or an error, never a trap. Entries stay
    /// within the limits, their paths are relative with no "", "." or ".." component, and entries without NUL
    /// bytes in their names survive a write and a read unchanged.
    @Sendable public static func tar(_ bytes: [UInt8]) -> [String] {
        let limits = Tar.Limits(maximumEntries: 64, maximumSize: 1 << 16)
        guard let entries = try? Tar.read(bytes, limits: limits) else { return [] }
        var problems: [String] = []
        if entries.count > limits.maximumEntries { problems.append("\(entries.count) entries over the limit") }
        for entry in entries {
            let components = entry.path.split(separator: "/", omittingEmptySubsequences: false)
            if entry.path.hasPrefix("/") || components.contains(where: { $0.isEmpty || $0 == "." || $0 == ".." }) {
                problems.append("unsafe path \(entry.path.debugDescription)")
            }
            if entry.mode > 0o7777 { problems.append("mode \(entry.mode) out of range") }
        }
        let plain = entries.allSatisfy { entry in
            guard !entry.path.utf8.contains(0) else { return false }
            if case .symlink(let target) = entry.kind { return !target.isEmpty && !target.utf8.contains(0) }
            return true
        }
        if plain, problems.isEmpty {
            let again = try? Tar.read(Tar.write(entries), limits: Tar.Limits(maximumEntries: 3 * limits.maximumEntries, maximumSize: 4 * limits.maximumSize))
            if again != entries { problems.append("write then read changed the entries") }
        }
        return problems
    }

    /// The hand-written JSON serialiser: any string, as key and value, parses back with JSONSerialization to the
    /// same string.
    @Sendable public static func json(_ bytes: [UInt8]) -> [String] {
        let text = String(decoding: bytes, as: UTF8.self)
        // Keys that cannot collide (a duplicate key in a dictionary literal traps: the fuzzer's first json find).
        let value = JSONValue.object(["=" + text: .array([.string(text), .null, .bool(true), .int(bytes.count)]), "k": .string(text)])
        guard let data = value.serialized().data(using: .utf8),
              let parsed = try? JSONSerialization.jsonObject(with: data) as? [String: Any] else {
            return ["serialised JSON does not parse: \(text.debugDescription)"]
        }
        var problems: [String] = []
        if parsed["k"] as? String != text { problems.append("string value changed in the round trip") }
        if (parsed["=" + text] as? [Any])?.first as? String != text { problems.append("key changed in the round trip") }
        return problems
    }

    static func roundTrip(_ text: String) -> String? {
        guard let data = JSONValue.array([.string(text)]).serialized().data(using: .utf8) else { return nil }
        return ((try? JSONSerialization.jsonObject(with: data)) as? [Any])?.first as? String
    }
}

extension FuzzChecks {
    /// `JSONNode.parse` against a reference parser (JSONSerialization, which like JSONDecoder takes a trailing
    /// comma): with trailing commas allowed (how spec files are read) both accept or both refuse, and what both
    /// accept has the same strings, keys, literals and numbers (compared as Double), in the same order. The strict
    /// reading (reports) accepts a subset of that, with the same value.
    /// Known, deliberate differences are skipped, not hidden: nesting deeper than `JSONCursor.maximumDepth`
    /// (JSONSerialization allows 512), numbers a Double cannot hold (JSONSerialization refuses them; the reader
    /// keeps the text), input whose first bytes hold a NUL (JSONSerialization then guesses UTF-16 or UTF-32).
    @Sendable public static func jsonReader(_ bytes: [UInt8]) -> [String] {
        if bytes.prefix(4).contains(0) { return [] }
        let ours = try? JSONNode.parse(bytes, allowingTrailingCommas: true)
        if let strict = try? JSONNode.parse(bytes), strict != ours { return ["the strict reading differs from the lenient one"] }
        let reference = try? JSONSerialization.jsonObject(with: Data(bytes), options: [.fragmentsAllowed])
        switch (ours, reference) {
        case (nil, nil): return []
        case (let node?, nil):
            if depth(of: node) >= 200 || hasUnrepresentableNumber(node) { return [] }
            return ["JSONNode accepts what JSONSerialization refuses"]
        case (nil, _?):
            if nesting(bytes) >= 200 { return [] }
            return ["JSONNode refuses what JSONSerialization accepts"]
        case (let node?, let value?):
            return same(node, value) ? [] : ["JSONNode and JSONSerialization read different values"]
        }
    }

    static func depth(of node: JSONNode) -> Int {
        switch node {
        case .array(let items): return 1 + (items.map(depth(of:)).max() ?? 0)
        case .object(let members): return 1 + (members.map { depth(of: $0.1) }.max() ?? 0)
        default: return 0
        }
    }

    /// The deepest bracket nesting in the bytes, ignoring brackets inside strings.
    static func nesting(_ bytes: [UInt8]) -> Int {
        var level = 0, deepest = 0, inString = false, escaped = false
        for byte in bytes {
            if inString {
                if escaped { escaped = false } else if byte == UInt8(ascii: "\\") { escaped = true } else if byte == UInt8(ascii: "\"") { inString = false }
                continue
            }
            switch byte {
            case UInt8(ascii: "\""): inString = true
            case UInt8(ascii: "["), UInt8(ascii: "{"): level += 1; deepest = max(deepest, level)
            case UInt8(ascii: "]"), UInt8(ascii: "}"): level -= 1
            default: break
            }
        }
        return deepest
    }

    static func hasUnrepresentableNumber(_ node: JSONNode) -> Bool {
        switch node {
        case .number(let text): return !(Double(text)?.isFinite ?? false)
        case .array(let items): return items.contains(where: hasUnrepresentableNumber)
        case .object(let members): return members.contains { hasUnrepresentableNumber($0.1) }
        default: return false
        }
    }

    static func same(_ node: JSONNode, _ value: Any) -> Bool {
        switch node {
        case .null: return value is NSNull
        case .bool(let flag): return (value as? Bool) == flag
        case .number(let text):
            // The reader keeps the text; the reference converts (a 100-digit integer may come back as a Decimal
            // rounded differently): equal to a relative 1e-12.
            guard let number = value as? NSNumber, let expected = Double(text) else { return false }
            let actual = number.doubleValue
            return actual == expected || abs(actual - expected) <= 1e-12 * max(abs(actual), abs(expected))
        case .string(let text): return (value as? String) == text
        case .array(let items):
            guard let array = value as? [Any], array.count == items.count else { return false }
            return zip(items, array).allSatisfy { same($0, $1) }
        case .object(let members):
            guard let dictionary = value as? [String: Any] else { return false }
            // Repeated keys: the dictionary holds one of them; compare the key sets only.
            let keys = Set(members.map(\.0))
            guard keys.count == members.count else { return Set(dictionary.keys) == keys }
            return dictionary.count == members.count && members.allSatisfy { key, member in dictionary[key].map { same(member, $0) } ?? false }
        }
    }
}

/// The spec file read with JSONDecoder, as `Spec.decode` read it before it moved to `JSONNode` (kept here, in the
/// fuzz target only, as the reference for its messages; hwcheck itself links no Foundation).
enum SpecReference {
    private struct SpecFile: Decodable {
        struct Text: Decodable { var en: String; var zh: String }
        struct RowFile: Decodable {
            var id: String
            var title: Text
            var source: String
            var requirements: [String]
            var windowsQuery: String?
        }
        struct PlaceholderFile: Decodable {
            var builtIn: Bool?
            var serial: [String]
            var uuid: [String]
            var mac: [String]
            var rules: [String]
        }
        var specVersion: Int
        var name: String
        var version: String
        var rows: [RowFile]
        var placeholders: PlaceholderFile
    }

    /// Where the reference is known to differ on purpose (see `FuzzChecks.jsonReader`): a NUL in the first four
    /// bytes (JSONDecoder guesses UTF-16/32 without a byte order mark), nesting past 200.
    static func differsOnPurpose(_ bytes: [UInt8]) -> Bool {
        bytes.prefix(4).contains(0) || FuzzChecks.nesting(bytes) >= 200
    }

    /// The decoding problem JSONDecoder reports, worded as `Spec.decode` words it, or nil when the file decodes.
    static func problem(_ bytes: [UInt8]) -> String? {
        do {
            _ = try JSONDecoder().decode(SpecFile.self, from: Data(bytes))
            return nil
        } catch let error as DecodingError {
            return describe(error)
        } catch {
            return "not valid JSON"
        }
    }

    static func isDecodingProblem(_ problem: String) -> Bool {
        ["not valid JSON", "missing key ", "wrong type at ", "invalid value at ", "cannot be decoded"].contains { problem.hasPrefix($0) }
    }

    private static func describe(_ error: DecodingError) -> String {
        func path(_ context: DecodingError.Context) -> String {
            let keys = context.codingPath.map { $0.intValue.map { "[\($0)]" } ?? $0.stringValue }
            return keys.isEmpty ? "the top level" : keys.joined(separator: ".")
        }
        switch error {
        case .keyNotFound(let key, let context): return "missing key \"\(key.stringValue)\" in \(path(context))"
        case .typeMismatch(_, let context), .valueNotFound(_, let context): return "wrong type at \(path(context))"
        case .dataCorrupted(let context): return context.codingPath.isEmpty ? "not valid JSON" : "invalid value at \(path(context))"
        @unknown default: return "cannot be decoded"
        }
    }
}

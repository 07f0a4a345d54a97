// What the fleet needs of one hwcheck JSON report (README "JSON", schemaVersion 1): the host id, the verdict,
// each spec row in report order (id, source, value, status, reasons) and when it was collected. Read with
// `JSONCursor`, skipping inventory, messages and remedies. Verdicts, statuses and reason codes decode into Core's
// own types; a status or reason this version does not know (a newer hwcheck wrote it) is kept as its text.

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import HWCheckCore

/// A code read from a report: one this version knows, or the text of one it does not (a report from a newer
/// hwcheck), kept so that it reaches the output unchanged instead of being dropped.
public enum ReportedCode<Known: RawRepresentable & Hashable & Sendable>: Hashable, Sendable where Known.RawValue == String {
    case known(Known)
    case unrecognised(String)

    public init(_ text: String) {
        if let known = Known(rawValue: text) { self = .known(known) } else { self = .unrecognised(text) }
    }

    /// The code as the report wrote it.
    public var text: String {
        switch self {
        case .known(let code): return code.rawValue
        case .unrecognised(let text): return text
        }
    }
}

public typealias ReportedStatus = ReportedCode<CheckStatus>
public typealias ReportedReason = ReportedCode<ReasonCode>

/// One spec row of a report: its `binding` value and its check.
public struct ReportRow: Equatable, Sendable {
    /// The spec row's id ("B1").
    public var id: String
    /// What the row's value is (the check's `binds`). A report without `binds` (an older hwcheck) is read with the
    /// built-in spec's source for the id; nil when neither names a source this version knows.
    public var source: Spec.Source?
    /// `binding[id]`: what the server would receive.
    public var value: String?
    /// nil when the report has no check for the row.
    public var status: ReportedStatus?
    public var reasons: [ReportedReason]
    /// The check's `windowsValue`: the disk serial Windows sends where it differs from `value` (NVMe).
    public var windowsValue: String?
    /// The check's `linuxReasons` include `placeholder`: the row is judged on the Windows form and the controller
    /// serial Linux shows (`value`) is junk.
    public var linuxValueIsPlaceholder: Bool

    public init(id: String, source: Spec.Source?, value: String? = nil, status: ReportedStatus? = nil,
                reasons: [ReportedReason] = [], windowsValue: String? = nil, linuxValueIsPlaceholder: Bool = false) {
        self.id = id
        self.source = source
        self.value = value
        self.status = status
        self.reasons = reasons
        self.windowsValue = windowsValue
        self.linuxValueIsPlaceholder = linuxValueIsPlaceholder
    }

    public var isPlaceholder: Bool { reasons.contains(.known(.placeholder)) }
    public var fails: Bool { status == .known(.fail) }
    /// There is a value and it is a placeholder: its reasons say so, or (judged on the Windows form) its
    /// `linuxReasons` do.
    public var valueIsPlaceholder: Bool { value != nil && (isPlaceholder || linuxValueIsPlaceholder) }
}

/// The parts of one report the fleet commands use.
public struct ReportSummary: Equatable, Sendable {
    public var hostId: String?
    /// `inventory.dmi.fields.product_uuid.state` is "placeholder".
    public var hostIdIsPlaceholder = false
    public var verdict: Verdict = .undetermined
    /// The spec rows in the report's order (`checks[]`), with their `binding` values.
    public var rows: [ReportRow] = []
    /// `collectedAt` (only in reports made with `--timestamp`).
    public var collectedAt: String?

    public init() {}

    /// The row with this id.
    public subscript(id id: String) -> ReportRow? {
        rows.first { $0.id == id }
    }

    /// The rows that fail, in order.
    public var failingRows: [ReportRow] { rows.filter(\.fails) }

    /// Which source the built-in spec binds each of its row ids to, in its order: how a report without `binds`
    /// (written before the field existed, always with the built-in spec's ids) is read. Derived from the spec
    /// data, not repeated. A list, not a dictionary: a few small-string comparisons cost less than hashing.
    public static let builtInSources: [(id: String, source: Spec.Source)] = Spec.builtIn().rows.map { ($0.id, $0.source) }

    /// Each source's name as bytes, to tell `binds` apart without building a String.
    static let sourceNames: [(bytes: [UInt8], source: Spec.Source)] = Spec.Source.allCases.map { (Array($0.rawValue.utf8), $0) }

    /// The built-in spec's source for a row id.
    public static func builtInSource(_ id: String) -> Spec.Source? {
        builtInSources.first { $0.id == id }?.source
    }
}

/// Why a document is not a report this version can use.
public enum ReportReadError: Error, Equatable, Sendable {
    /// Not JSON at all (with the reader's message).
    case malformed(String, truncated: Bool)
    /// JSON, but not an hwcheck report.
    case foreign(String)

    public var message: String {
        switch self {
        case .malformed(let text, _): return "not valid JSON: \(text)"
        case .foreign(let text): return text
        }
    }
}

extension ReportSummary {
    /// Reads one report at the cursor, leaving it after the report's closing brace.
    public static func read(_ cursor: inout JSONCursor) throws(ReportReadError) -> ReportSummary {
        var summary = ReportSummary()
        var schema: Int?
        var toolName: String?
        var verdict: String?
        var checked = 0
        var finder = RowFinder()
        do {
            guard try cursor.peek() == UInt8(ascii: "{") else {
                try cursor.skipValue()
                throw ReportReadError.foreign("not an hwcheck report (not a JSON object)")
            }
            try cursor.readObject { (cursor: inout JSONCursor, key: JSONKey) throws(JSONReadError) in
                switch key {
                case "schemaVersion":
                    if try cursor.peek() == UInt8(ascii: "n") || cursor.bytes[cursor.offset] == UInt8(ascii: "\"") {
                        try cursor.skipValue()
                    } else {
                        schema = try cursor.readInteger()
                    }
                case "verdict": verdict = try cursor.readOptionalString()
                case "hostId": summary.hostId = try cursor.readOptionalString()
                case "collectedAt": summary.collectedAt = try cursor.readOptionalString()
                case "binding":
                    // Before `checks` in hwcheck's sorted keys: a row per value, put in report order by the checks.
                    // Room for the built-in spec's rows up front (a hint, not a limit): no regrowth for most reports.
                    summary.rows.reserveCapacity(builtInSources.count)
                    try cursor.readObject { (cursor: inout JSONCursor, row: JSONKey) throws(JSONReadError) in
                        let id = try row.text()
                        let value = try cursor.readOptionalString()
                        if let index = finder.find(id, in: summary.rows) {
                            summary.rows[index].value = value
                        } else {
                            // The source comes with the row's check (`binds`, or the built-in spec's for an older report).
                            summary.rows.append(ReportRow(id: id, source: nil, value: value))
                            finder.appended(summary.rows)
                        }
                    }
                case "checks": checked = try readChecks(&cursor, into: &summary, finder: &finder)
                case "tool":
                    try cursor.readObject { (cursor: inout JSONCursor, member: JSONKey) throws(JSONReadError) in
                        if member == "name", try cursor.peek() == UInt8(ascii: "\"") { toolName = try cursor.readString() } else { try cursor.skipValue() }
                    }
                case "inventory": try readInventory(&cursor, into: &summary)
                default: try cursor.skipValue()
                }
            }
        } catch let error as JSONReadError {
            throw .malformed("\(error.message) at byte \(error.offset)", truncated: error.truncated)
        } catch let error as ReportReadError {
            throw error
        } catch {
            throw .malformed("\(error)", truncated: false)
        }
        guard toolName == "hwcheck" else { throw .foreign("not an hwcheck report (no tool.name \"hwcheck\")") }
        guard let schema else { throw .foreign("not an hwcheck report (no schemaVersion)") }
        guard schema == 1 else { throw .foreign("schemaVersion \(schema) is not supported (this hwcheck reads 1)") }
        guard let known = verdict.flatMap(Verdict.init(rawValue:)) else { throw .foreign("unknown verdict \"\(verdict ?? "")\"") }
        summary.verdict = known
        // Bindings without a check: only an older report would have them, with the built-in spec's ids.
        for index in summary.rows.indices.dropFirst(checked) { summary.rows[index].source = builtInSource(summary.rows[index].id) }
        return summary
    }

    /// Each check fills its row (made by `binding`, or new) and moves it to the check's place: rows end in the
    /// checks' order, followed by any binding without a check (it still carries a value the server would receive).
    /// Returns how many rows have a check (the first ones).
    static func readChecks(_ cursor: inout JSONCursor, into summary: inout ReportSummary,
                           finder: inout RowFinder) throws(JSONReadError) -> Int {
        var position = 0
        try cursor.readArray { (cursor: inout JSONCursor) throws(JSONReadError) in
            var idBytes: UnsafeBufferPointer<UInt8>?
            var binds: Spec.Source?
            var bindsGiven = false
            var status: ReportedStatus?
            var reasons: [ReportedReason] = []
            var windowsValue: String?
            var linuxPlaceholder = false
            try cursor.readObject { (cursor: inout JSONCursor, key: JSONKey) throws(JSONReadError) in
                // Told apart by the first byte, then compared: most of a check's dozen members are skipped, and each
                // would otherwise be compared with every name below.
                switch key.bytes.first {
                case UInt8(ascii: "i") where key == "id":
                    // Kept as bytes: the row `binding` made is found without building a String.
                    if try cursor.peek() == UInt8(ascii: "\"") {
                        let start = cursor.offset
                        try cursor.skipString()
                        idBytes = UnsafeBufferPointer(rebasing: cursor.bytes[(start + 1)..<(cursor.offset - 1)])
                    } else {
                        try cursor.skipValue()
                    }
                case UInt8(ascii: "b") where key == "binds":
                    bindsGiven = true
                    if try cursor.peek() == UInt8(ascii: "\"") {
                        // Compared as bytes (no String per row); a source this version does not know is nil.
                        let start = cursor.offset
                        try cursor.skipString()
                        let text = UnsafeBufferPointer(rebasing: cursor.bytes[(start + 1)..<(cursor.offset - 1)])
                        binds = sourceNames.first { name in
                            name.bytes.count == text.count && name.bytes.withUnsafeBufferPointer { bytes in
                                guard let left = bytes.baseAddress, let right = text.baseAddress else { return true }
                                return memcmp(left, right, bytes.count) == 0
                            }
                        }?.source
                    } else {
                        try cursor.skipValue()
                    }
                case UInt8(ascii: "s") where key == "status":
                    if try cursor.peek() == UInt8(ascii: "\"") {
                        let start = cursor.offset
                        try cursor.skipString()
                        let text = JSONKey(bytes: UnsafeBufferPointer(rebasing: cursor.bytes[(start + 1)..<(cursor.offset - 1)]))
                        // The three known statuses without building a String.
                        status = text == "pass" ? .known(.pass) : text == "fail" ? .known(.fail) : text == "unknown" ? .known(.unknown)
                            : .init(try text.string())
                    } else {
                        try cursor.skipValue()
                    }
                case UInt8(ascii: "r") where key == "reasons":
                    try cursor.readArray { (cursor: inout JSONCursor) throws(JSONReadError) in
                        if let reason = try cursor.readOptionalString() { reasons.append(ReportedReason(reason)) }
                    }
                case UInt8(ascii: "w") where key == "windowsValue":
                    if try cursor.peek() == UInt8(ascii: "\"") { windowsValue = try cursor.readString() } else { try cursor.skipValue() }
                case UInt8(ascii: "l") where key == "linuxReasons":
                    try cursor.readArray { (cursor: inout JSONCursor) throws(JSONReadError) in
                        if try cursor.readOptionalString() == ReasonCode.placeholder.rawValue { linuxPlaceholder = true }
                    }
                default: try cursor.skipValue()
                }
            }
            guard let idBytes else { return }
            func matches(_ row: ReportRow) -> Bool {
                var id = row.id
                return id.withUTF8 { own in
                    guard own.count == idBytes.count else { return false }
                    guard let left = own.baseAddress, let right = idBytes.baseAddress else { return true }
                    return memcmp(left, right, own.count) == 0
                }
            }
            // Checks come in binding's order in most reports: the row at `position` first.
            let found: Int?
            if position < summary.rows.count && matches(summary.rows[position]) {
                found = position
            } else if finder.indexed {
                found = finder.find(try JSONKey(bytes: idBytes).text(), in: summary.rows)
            } else {
                found = summary.rows.firstIndex(where: matches)
            }
            // Filled in place: a row copied whole would retain each of its strings and arrays.
            let index: Int
            if let found {
                index = found
            } else {
                summary.rows.append(ReportRow(id: try JSONKey(bytes: idBytes).text(), source: nil))
                finder.appended(summary.rows)
                index = summary.rows.count - 1
            }
            // `binds` names the source; a report without it predates the field and used the built-in spec's ids. A
            // source this version does not know identifies nothing here (nil).
            summary.rows[index].source = bindsGiven ? binds : builtInSource(summary.rows[index].id)
            summary.rows[index].status = status
            summary.rows[index].reasons = reasons
            summary.rows[index].windowsValue = windowsValue
            summary.rows[index].linuxValueIsPlaceholder = linuxPlaceholder
            // The same id twice: the later check wins, in the earlier one's place.
            guard index >= position else { return }
            summary.rows.swapAt(index, position)
            finder.swapped(index, position, in: summary.rows)
            position += 1
        }
        return position
    }

    /// Only `inventory.dmi.fields.product_uuid.state`: whether the host id is a placeholder.
    static func readInventory(_ cursor: inout JSONCursor, into summary: inout ReportSummary) throws(JSONReadError) {
        try cursor.readObject { (cursor: inout JSONCursor, key: JSONKey) throws(JSONReadError) in
            guard key == "dmi" else { try cursor.skipValue(); return }
            try cursor.readObject { (cursor: inout JSONCursor, key: JSONKey) throws(JSONReadError) in
                guard key == "fields" else { try cursor.skipValue(); return }
                try cursor.readObject { (cursor: inout JSONCursor, key: JSONKey) throws(JSONReadError) in
                    guard key == "product_uuid" else { try cursor.skipValue(); return }
                    try cursor.readObject { (cursor: inout JSONCursor, key: JSONKey) throws(JSONReadError) in
                        guard key == "state" else { try cursor.skipValue(); return }
                        summary.hostIdIsPlaceholder = try cursor.readStringEquals("placeholder")
                    }
                }
            }
        }
    }
}

/// Finds a report's rows by id while it is read: a linear search over the handful of rows a spec has, and a
/// dictionary once a report has more, so that a report with thousands of rows (a hostile one) costs time linear
/// in its size, not quadratic.
struct RowFinder {
    static let linearLimit = 16
    private var positions: [String: Int]?

    var indexed: Bool { positions != nil }

    func find(_ id: String, in rows: [ReportRow]) -> Int? {
        if let positions { return positions[id] }
        return rows.firstIndex { $0.id == id }
    }

    /// After a row was appended.
    mutating func appended(_ rows: [ReportRow]) {
        guard let last = rows.indices.last else { return }
        if positions != nil {
            positions?[rows[last].id] = last
        } else if rows.count > Self.linearLimit {
            var built: [String: Int] = [:]
            for (index, row) in rows.enumerated() where built[row.id] == nil { built[row.id] = index }
            positions = built
        }
    }

    /// After rows `first` and `second` were swapped.
    mutating func swapped(_ first: Int, _ second: Int, in rows: [ReportRow]) {
        guard positions != nil else { return }
        positions?[rows[first].id] = first
        positions?[rows[second].id] = second
    }
}

extension JSONKey {
    /// The name as a String, without the unescaping pass when it is plain ASCII (row ids are): the fleet reads
    /// several per report.
    func text() throws(JSONReadError) -> String {
        // ASCII without escapes (hwcheck's ids): the bytes are the string, nothing to validate.
        if !bytes.contains(where: { $0 >= 0x80 || $0 == UInt8(ascii: "\\") }) { return String(decoding: bytes, as: UTF8.self) }
        return try string()
    }
}

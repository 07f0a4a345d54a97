// What the fleet needs of one hwcheck JSON report (README "JSON", schemaVersion 1): the DeviceBinding values,
// the host id, the verdict, each row's status and reasons, and when it was collected. Read with `JSONCursor`,
// skipping inventory, messages and remedies.

import HWCheckCore

/// The DeviceBinding rows, in report order.
public enum BindingRow: String, CaseIterable, Sendable, Comparable {
    case b1 = "B1", b2 = "B2", b3 = "B3", b4 = "B4"

    public var index: Int {
        switch self {
        case .b1: return 0
        case .b2: return 1
        case .b3: return 2
        case .b4: return 3
        }
    }

    public static func < (lhs: BindingRow, rhs: BindingRow) -> Bool { lhs.index < rhs.index }

    /// The row a JSON key or string names, without building a String.
    init?(key: JSONKey) {
        switch key {
        case "B1": self = .b1
        case "B2": self = .b2
        case "B3": self = .b3
        case "B4": self = .b4
        default: return nil
        }
    }
}

/// One row's result as the report gives it.
public struct RowResult: Equatable, Sendable {
    public var status: String
    public var reasons: [String]

    public init(status: String, reasons: [String]) {
        self.status = status
        self.reasons = reasons
    }

    public var isPlaceholder: Bool { reasons.contains("placeholder") }
}

/// B1 … B4 values by row index, stored inline (a fleet keeps one per device; an array would cost an allocation).
public struct BindingValues: Equatable, Sendable, ExpressibleByArrayLiteral {
    public var b1, b2, b3, b4: String?

    public init(arrayLiteral elements: String?...) {
        for (index, element) in elements.prefix(4).enumerated() { self[index] = element }
    }

    public subscript(index: Int) -> String? {
        get {
            switch index {
            case 0: return b1
            case 1: return b2
            case 2: return b3
            default: return b4
            }
        }
        set {
            switch index {
            case 0: b1 = newValue
            case 1: b2 = newValue
            case 2: b3 = newValue
            default: b4 = newValue
            }
        }
    }
}

/// Row results by row, stored inline.
public struct RowResults: Equatable, Sendable {
    var results: (RowResult?, RowResult?, RowResult?, RowResult?) = (nil, nil, nil, nil)

    public init() {}

    public subscript(row: BindingRow) -> RowResult? {
        get {
            switch row {
            case .b1: return results.0
            case .b2: return results.1
            case .b3: return results.2
            case .b4: return results.3
            }
        }
        set {
            switch row {
            case .b1: results.0 = newValue
            case .b2: results.1 = newValue
            case .b3: results.2 = newValue
            case .b4: results.3 = newValue
            }
        }
    }

    public static func == (lhs: RowResults, rhs: RowResults) -> Bool {
        BindingRow.allCases.allSatisfy { lhs[$0] == rhs[$0] }
    }
}

/// The parts of one report the fleet commands use.
public struct ReportSummary: Equatable, Sendable {
    /// `binding.B1` … `binding.B4`, indexed by `BindingRow.index`: what the server would receive.
    public var binding = BindingValues()
    public var hostId: String?
    /// `inventory.dmi.fields.product_uuid.state` is "placeholder".
    public var hostIdIsPlaceholder = false
    public var verdict: String = ""
    /// `checks[]` by row; rows the spec does not have are absent.
    public var rows = RowResults()
    /// `collectedAt` (only in reports made with `--timestamp`).
    public var collectedAt: String?
    /// The B2 check's `windowsValue`: the disk serial Windows sends where it differs from `binding.B2` (NVMe).
    public var windowsDiskSerial: String?
    /// The B2 check's `linuxReasons` include `placeholder`: B2 is judged on the Windows form and the controller
    /// serial Linux shows (`binding.B2`) is junk.
    public var linuxDiskSerialIsPlaceholder = false

    public init() {}

    public subscript(row: BindingRow) -> String? {
        get { binding[row.index] }
        set { binding[row.index] = newValue }
    }

    /// The rows that fail, in order.
    public var failingRows: [BindingRow] {
        BindingRow.allCases.filter { rows[$0]?.status == "fail" }
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
    static let verdicts: Set<String> = ["compliant", "non-compliant", "undetermined"]

    /// Reads one report at the cursor, leaving it after the report's closing brace.
    public static func read(_ cursor: inout JSONCursor) throws(ReportReadError) -> ReportSummary {
        var summary = ReportSummary()
        var schema: Int?
        var toolName: String?
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
                case "verdict": summary.verdict = try cursor.readOptionalString() ?? ""
                case "hostId": summary.hostId = try cursor.readOptionalString()
                case "collectedAt": summary.collectedAt = try cursor.readOptionalString()
                case "binding":
                    try cursor.readObject { (cursor: inout JSONCursor, row: JSONKey) throws(JSONReadError) in
                        if let row = BindingRow(key: row) {
                            summary[row] = try cursor.readOptionalString()
                        } else {
                            try cursor.skipValue()
                        }
                    }
                case "checks": try readChecks(&cursor, into: &summary)
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
        guard verdicts.contains(summary.verdict) else { throw .foreign("unknown verdict \"\(summary.verdict)\"") }
        return summary
    }

    static func readChecks(_ cursor: inout JSONCursor, into summary: inout ReportSummary) throws(JSONReadError) {
        try cursor.readArray { (cursor: inout JSONCursor) throws(JSONReadError) in
            var row: BindingRow?
            var result = RowResult(status: "", reasons: [])
            var windowsValue: String?
            var linuxPlaceholder = false
            try cursor.readObject { (cursor: inout JSONCursor, key: JSONKey) throws(JSONReadError) in
                switch key {
                case "id":
                    if try cursor.peek() == UInt8(ascii: "\"") {
                        let start = cursor.offset
                        try cursor.skipString()
                        row = BindingRow(key: JSONKey(bytes: UnsafeBufferPointer(rebasing: cursor.bytes[(start + 1)..<(cursor.offset - 1)])))
                    } else {
                        try cursor.skipValue()
                    }
                case "status":
                    if try cursor.peek() == UInt8(ascii: "\"") {
                        let start = cursor.offset
                        try cursor.skipString()
                        let status = JSONKey(bytes: UnsafeBufferPointer(rebasing: cursor.bytes[(start + 1)..<(cursor.offset - 1)]))
                        result.status = status == "pass" ? "pass" : status == "fail" ? "fail" : status == "unknown" ? "unknown" : try status.string()
                    } else {
                        try cursor.skipValue()
                    }
                case "reasons":
                    try cursor.readArray { (cursor: inout JSONCursor) throws(JSONReadError) in
                        if let reason = try cursor.readOptionalString() { result.reasons.append(reason) }
                    }
                case "windowsValue":
                    if try cursor.peek() == UInt8(ascii: "\"") { windowsValue = try cursor.readString() } else { try cursor.skipValue() }
                case "linuxReasons":
                    try cursor.readArray { (cursor: inout JSONCursor) throws(JSONReadError) in
                        if try cursor.readOptionalString() == "placeholder" { linuxPlaceholder = true }
                    }
                default: try cursor.skipValue()
                }
            }
            if let row { summary.rows[row] = result }
            if row == .b2, let windowsValue { summary.windowsDiskSerial = windowsValue }
            if row == .b2 { summary.linuxDiskSerialIsPlaceholder = linuxPlaceholder }
        }
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

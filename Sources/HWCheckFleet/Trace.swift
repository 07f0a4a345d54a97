// Server activation records → the devices they belong to.
//
// The activation server logs hardware info only (host unique id, BIOS serial, board serial, disk serial, MAC),
// often with fields empty — exactly the fields that failed. Each record is matched against the devices of the
// collected reports (or the inventory) on every field it has: a field that equals a device's value adds its
// weight, a field that differs from a device's non-empty value subtracts it. The host id and the BIOS serial
// identify a board and weigh most; a MAC can move with a NIC and weighs least. The best-scoring device is the
// answer when it is alone at the top (`unique`); several at the top are `ambiguous`; nothing matching is
// `no-match`. Placeholders identify nothing and are never matched. Each record field is compared with what the
// device's report binds to one spec source (`TraceField.source`), whatever the report's spec calls that row.

import HWCheckCore

/// A field of a server record, with the one mapping to what it is compared with (a spec source), its weight and
/// its comparison form.
public enum TraceField: String, CaseIterable, Sendable, Comparable {
    case hostId, biosSerial, boardSerial, diskSerial, mac

    public static func < (lhs: TraceField, rhs: TraceField) -> Bool {
        allCases.firstIndex(of: lhs) ?? 0 < allCases.firstIndex(of: rhs) ?? 0
    }

    /// Score a matching field adds (and a conflicting one subtracts).
    public var weight: Int {
        switch self {
        case .hostId, .biosSerial: return 8
        case .boardSerial, .diskSerial: return 4
        case .mac: return 2
        }
    }

    /// What it is compared with: the report's host id (dmi.product_uuid) or the row bound to the source.
    public var source: Spec.Source {
        switch self {
        case .hostId: return .productUUID
        case .biosSerial: return .productSerial
        case .diskSerial: return .systemDiskSerial
        case .boardSerial: return .boardSerial
        case .mac: return .primaryNICAddress
        }
    }

    /// Comparison form: trimmed and case-folded; MACs and UUIDs reduced to their hex digits (so Windows'
    /// `3C-18-A0-…` and `wmic csproduct` upper-case UUIDs match); disk serials without "_", "-", ":", spaces and
    /// the trailing "." of the Windows NVMe form.
    public func normalise(_ value: String) -> String {
        let folded = value.trimmedWhitespace.lowercased()
        switch self {
        case .diskSerial:
            return WindowsForm.serialKey(value).lowercased()
        case .mac, .hostId:
            let hex = folded.filter(\.isHexDigit)
            // A host id that is not a UUID is compared as text.
            return self == .mac || hex.count == 32 ? hex : folded
        default:
            return folded
        }
    }
}

/// Which record column holds each field (`--map hostId=UUID,mac=MacAddress`).
public struct TraceMapping: Equatable, Sendable {
    public var columns: [TraceField: String]
    /// Column naming the record in the output (optional).
    public var recordIdColumn: String

    /// Column names equal to the field names, and "id" for the record id.
    public static let standard = TraceMapping(
        columns: Dictionary(uniqueKeysWithValues: TraceField.allCases.map { ($0, $0.rawValue) }), recordIdColumn: "id")

    public init(columns: [TraceField: String], recordIdColumn: String) {
        self.columns = columns
        self.recordIdColumn = recordIdColumn
    }

    /// `base` with "field=column" pairs applied, comma separated ("id=…" names the record id column). `origin`
    /// names the text in messages as the caller has it ("--map").
    public static func parse(_ text: String, base: TraceMapping = standard, origin: String) throws(HWCheckError) -> TraceMapping {
        var mapping = base
        for pair in text.split(separator: ",") {
            let parts = pair.split(separator: "=", maxSplits: 1).map { String($0).trimmedWhitespace }
            guard parts.count == 2, !parts[1].isEmpty else {
                throw HWCheckError(.usage, "\(origin): \"\(pair)\" is not FIELD=COLUMN")
            }
            do { try mapping.set(parts[0], to: parts[1]) } catch { throw HWCheckError(.usage, "\(origin): \(error.message)") }
        }
        return mapping
    }

    /// A JSON object {"hostId": "UUID", …}.
    public static func parse(json bytes: [UInt8], origin: String) throws(HWCheckError) -> TraceMapping {
        let node: JSONNode
        do { node = try JSONNode.parse(bytes) } catch { throw HWCheckError(.badData, "\(origin): not valid JSON: \(error.message)") }
        guard case .object(let members) = node else { throw HWCheckError(.badData, "\(origin): expected an object of FIELD: COLUMN") }
        var mapping = standard
        for (field, value) in members {
            guard case .string(let column) = value else { throw HWCheckError(.badData, "\(origin): \(field) must name a column") }
            do { try mapping.set(field, to: column) } catch { throw HWCheckError(.badData, "\(origin): \(error.message)") }
        }
        return mapping
    }

    mutating func set(_ field: String, to column: String) throws(HWCheckError) {
        if field == "id" { recordIdColumn = column; return }
        guard let known = TraceField(rawValue: field) else {
            let names = (TraceField.allCases.map(\.rawValue) + ["id"]).joined(separator: ", ")
            throw HWCheckError(.usage, "unknown field \"\(field)\" (fields: \(names))")
        }
        columns[known] = column
    }
}

/// One activation record of the server.
public struct ServerRecord: Equatable, Sendable {
    /// Line of the records file where the record starts.
    public var line: Int
    public var id: String?
    /// Non-empty fields only.
    public var values: [TraceField: String]

    public init(line: Int, id: String?, values: [TraceField: String]) {
        self.line = line
        self.id = id
        self.values = values.filter { !$0.value.trimmedWhitespace.isEmpty }
    }

    /// Records from CSV (a header line names the columns) or JSON lines (one object per line): whichever the
    /// text starts with. Column names match case-insensitively. Records that cannot be read are problems.
    public static func read(_ text: String, mapping: TraceMapping) -> (records: [ServerRecord], problems: [(line: Int, reason: String)]) {
        let lookup: ([String: String]) -> ServerRecord.Values = { row in
            var folded: [String: String] = [:]
            for (key, value) in row { folded[key.lowercased()] = value }
            var values: [TraceField: String] = [:]
            for (field, column) in mapping.columns { if let value = folded[column.lowercased()] { values[field] = value } }
            return Values(id: folded[mapping.recordIdColumn.lowercased()].flatMap { $0.isEmpty ? nil : $0 }, fields: values)
        }
        let trimmed = text.drop { $0 == " " || $0 == "\n" || $0 == "\r" || $0 == "\t" || $0 == "\u{FEFF}" }
        if trimmed.first == "{" {
            var records: [ServerRecord] = []
            var problems: [(Int, String)] = []
            for (index, line) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
                guard !line.trimmedWhitespace.isEmpty else { continue }
                do {
                    guard case .object(let members) = try JSONNode.parse(Array(line.utf8)) else {
                        problems.append((index + 1, "not a JSON object")); continue
                    }
                    var row: [String: String] = [:]
                    for (key, value) in members { if let text = value.scalarText { row[key] = text } }
                    let values = lookup(row)
                    records.append(ServerRecord(line: index + 1, id: values.id, values: values.fields))
                } catch {
                    problems.append((index + 1, "not valid JSON: \(error.message)"))
                }
            }
            return (records, problems)
        }
        let rows: [(line: Int, fields: [String])]
        do { rows = try CSV.parse(text) } catch { return ([], [(error.line, "not valid CSV: \(error.message)")]) }
        guard let header = rows.first else { return ([], []) }
        let known = Set(mapping.columns.values.map { $0.lowercased() })
        guard header.fields.contains(where: { known.contains($0.trimmedWhitespace.lowercased()) }) else {
            let wanted = TraceField.allCases.compactMap { mapping.columns[$0] }.joined(separator: ", ")
            return ([], [(header.line, "the header names none of the mapped columns (\(wanted)); see --map")])
        }
        var records: [ServerRecord] = []
        var problems: [(Int, String)] = []
        for row in rows.dropFirst() {
            guard row.fields.count == header.fields.count else {
                problems.append((row.line, "\(row.fields.count) fields, the header has \(header.fields.count)")); continue
            }
            var named: [String: String] = [:]
            for (name, value) in zip(header.fields, row.fields) { named[name.trimmedWhitespace] = value }
            let values = lookup(named)
            records.append(ServerRecord(line: row.line, id: values.id, values: values.fields))
        }
        return (records, problems)
    }

    struct Values {
        var id: String?
        var fields: [TraceField: String]
    }
}

public enum TraceOutcome: String, Sendable {
    case unique, ambiguous
    case noMatch = "no-match"
}

public struct TraceCandidate: Equatable, Sendable {
    /// Index into the devices the tracer was built with.
    public var device: Int
    public var score: Int
    public var matched: [TraceField]
    public var conflicting: [TraceField]
}

public struct TraceResult: Equatable, Sendable {
    public var record: ServerRecord
    public var outcome: TraceOutcome
    /// Devices sharing a field with the record, best first; the top ones tie for `ambiguous`.
    public var candidates: [TraceCandidate]
}

/// Indexes devices by every traceable field, then matches records against them.
public struct Tracer {
    public let devices: [FleetDevice]
    private var index: [TraceField: [String: [Int]]] = [:]

    public init(devices: [FleetDevice]) {
        self.devices = devices
        for (position, device) in devices.enumerated() {
            for field in TraceField.allCases {
                for key in Self.deviceKeys(device, field: field) { index[field, default: [:]][key, default: []].append(position) }
            }
        }
    }

    /// What a device is found under: its value, and for the disk serial also the form Windows sends (a server
    /// record of an NVMe machine holds `0025_3846_3140_F11C.`, the report `S4EVNX0M612345K`).
    static func deviceKeys(_ device: FleetDevice, field: TraceField) -> Set<String> {
        var values = [device.identity(field.source)]
        if field == .diskSerial { values.append(device.windowsDiskIdentity) }
        return Set(values.compactMap { $0 }.flatMap { keys($0, field: field) })
    }

    /// A UUID is indexed in both SMBIOS byte orders: servers that read it on Windows from an old SMBIOS table
    /// see the first three groups byte-swapped.
    static func keys(_ value: String, field: TraceField) -> [String] {
        let key = field.normalise(value)
        // Nothing left once separators are gone ("_", "."): nothing to match on.
        guard !key.isEmpty else { return [] }
        guard field == .hostId, key.count == 32, key.allSatisfy(\.isHexDigit) else { return [key] }
        let other = PlaceholderRules.swappedUUID(key)
        return other == key ? [key] : [key, other]
    }

    public func trace(_ record: ServerRecord) -> TraceResult {
        var candidates: Set<Int> = []
        for (field, value) in record.values {
            for key in Self.keys(value, field: field) { candidates.formUnion(index[field]?[key] ?? []) }
        }
        var scored: [TraceCandidate] = candidates.map { position in
            let device = devices[position]
            var candidate = TraceCandidate(device: position, score: 0, matched: [], conflicting: [])
            for field in TraceField.allCases {
                let known = Self.deviceKeys(device, field: field)
                guard let given = record.values[field], !known.isEmpty else { continue }
                if !known.isDisjoint(with: Self.keys(given, field: field)) {
                    candidate.matched.append(field)
                    candidate.score += field.weight
                } else {
                    candidate.conflicting.append(field)
                    candidate.score -= field.weight
                }
            }
            return candidate
        }
        scored.sort { ($1.score, devices[$0.device].origin.label) < ($0.score, devices[$1.device].origin.label) }
        let best = scored.first.map(\.score) ?? 0
        let top = scored.filter { $0.score == best }
        let outcome: TraceOutcome = best <= 0 ? .noMatch : top.count == 1 ? .unique : .ambiguous
        return TraceResult(record: record, outcome: outcome, candidates: scored)
    }
}

public enum TraceOutput {
    public static func json(_ results: [TraceResult], devices: [FleetDevice], problems: [(line: Int, reason: String)],
                            candidateLimit: Int = 10) -> JSONValue {
        var counts: [String: JSONValue] = ["unique": .int(0), "ambiguous": .int(0), "no-match": .int(0)]
        for result in results { if case .int(let count) = counts[result.outcome.rawValue] { counts[result.outcome.rawValue] = .int(count + 1) } }
        return .object([
            "traceSchemaVersion": .int(1),
            "summary": .object(counts),
            "records": .array(results.map { result in
                var fields: [String: JSONValue] = [:]
                for (field, value) in result.record.values { fields[field.rawValue] = .string(value) }
                return .object([
                    "line": .int(result.record.line),
                    "id": .optional(result.record.id),
                    "fields": .object(fields),
                    "outcome": .string(result.outcome.rawValue),
                    "candidates": .array(result.candidates.prefix(candidateLimit).map { candidate in
                        let device = devices[candidate.device]
                        // Every row by its id; the disk row's Windows form as "windows" + its id ("windowsB2").
                        var members: [String: JSONValue] = [:]
                        for row in device.rows { members[row.id] = .optional(row.value) }
                        if let disk = device.diskRow { members["windows" + disk.id] = .optional(device.windowsDiskSerial) }
                        members["hostId"] = .optional(device.hostId)
                        members["source"] = .string(device.origin.label)
                        return .object([
                            "score": .int(candidate.score),
                            "matched": .array(candidate.matched.map { .string($0.rawValue) }),
                            "conflicting": .array(candidate.conflicting.map { .string($0.rawValue) }),
                            "device": .object(members),
                        ])
                    }),
                ])
            }),
            "skipped": .array(problems.map { .object(["line": .int($0.line), "reason": .string($0.reason)]) }),
        ])
    }

    /// For people, in English or Chinese (outcomes and field names stay as the JSON has them).
    public static func text(_ results: [TraceResult], devices: [FleetDevice], problems: [(line: Int, reason: String)],
                            language: Language = .en) -> String {
        let zh = language == .zh
        var lines: [String] = []
        for result in results {
            let name = zh ? (result.record.id.map { "记录 \($0)（第 \(result.record.line) 行）" } ?? "第 \(result.record.line) 行的记录")
                : (result.record.id.map { "record \($0) (line \(result.record.line))" } ?? "record at line \(result.record.line)")
            let given = result.record.values.sorted { $0.key < $1.key }.map { "\($0.key.rawValue)=\($0.value)" }.joined(separator: " ")
            lines.append("\(name): \(result.outcome.rawValue)   [\(given)]")
            let shown = result.outcome == .unique ? Array(result.candidates.prefix(1)) : Array(result.candidates.prefix(5))
            for candidate in shown where candidate.score > 0 || result.outcome != .noMatch {
                let device = devices[candidate.device]
                let matched = candidate.matched.isEmpty ? (zh ? "无" : "nothing") : candidate.matched.map(\.rawValue).joined(separator: ", ")
                var detail = (zh ? "相符：" : "matched ") + matched
                if !candidate.conflicting.isEmpty {
                    detail += (zh ? "；不同：" : "; differs: ") + candidate.conflicting.map(\.rawValue).joined(separator: ", ")
                }
                // A device known by nothing but its source is shown by its source, once.
                let shownAs = device.label == device.origin.label ? device.label : "\(device.label)  \(device.origin.label)"
                lines.append("  → \(shownAs)  \(zh ? "得分" : "score") \(candidate.score) (\(detail))")
            }
        }
        let count = { (outcome: TraceOutcome) in results.filter { $0.outcome == outcome }.count }
        lines.append("")
        lines.append(zh ? "\(results.count) 条记录：\(count(.unique)) 条唯一匹配，\(count(.ambiguous)) 条不确定，\(count(.noMatch)) 条无匹配"
            : "\(results.count) \(results.count == 1 ? "record" : "records"): \(count(.unique)) unique, \(count(.ambiguous)) ambiguous, \(count(.noMatch)) no match")
        for problem in problems { lines.append(zh ? "跳过第 \(problem.line) 行：\(problem.reason)" : "skipped line \(problem.line): \(problem.reason)") }
        // Record ids and values come from the server's export: control characters are shown as \xNN, never sent raw.
        return lines.map(Terminal.printable).joined(separator: "\n") + "\n"
    }
}

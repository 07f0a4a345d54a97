import HWCheckCore

// Many reports → devices → the answers one machine cannot give: which identities are shared by several
// devices (not unique, whatever each machine says), which placeholders the fleet carries, what fails where.
//
// What a row *means* comes from its spec source (`binds`, `Spec.Source`), never from its id: a device is
// recognised by its mainboard's SMBIOS identity — host id (product_uuid) and the rows bound to
// dmi.product_serial and dmi.board_serial — placeholders left out (a board swap changes all three; a disk or NIC
// swap none). With none of them usable, the rows bound to disk.system.serial and nic.primary.mac stand in; with
// nothing at all the report is a device of its own. Rows bound to other sources (dmi.chassis_serial) are counted
// and compared but recognise nothing. Two reports of one device: the newest is kept (`collectedAt` when the
// report has it, else the file's modification time, else the later input). Memory grows with the number of
// devices (the duplicate index), not with the number of reports.

/// A value the fleet compares: the host id, or a spec row's value by the row's id (the fleet's columns follow
/// the reports' row ids).
public enum FleetField: Hashable, Sendable {
    case hostId
    case row(String)

    /// As the outputs name it: "hostId", or the row id.
    public var name: String {
        switch self {
        case .hostId: return "hostId"
        case .row(let id): return id
        }
    }
}

/// One spec row as the fleet keeps it: small, since a fleet holds one per row per device (the reasons of failing
/// rows are kept apart, in `FleetDevice.failingRows`).
public struct DeviceRow: Equatable, Sendable {
    public var id: String
    public var value: String?
    public var source: Spec.Source?
    /// The value is a placeholder (`ReportRow.valueIsPlaceholder`).
    public var isPlaceholder: Bool
    public var fails: Bool

    public init(_ row: ReportRow) {
        id = row.id
        value = row.value
        source = row.source
        isPlaceholder = row.valueIsPlaceholder
        fails = row.fails
    }
}

/// One device as the fleet keeps it: its newest report's identity and results.
public struct FleetDevice: Equatable, Sendable {
    public var hostId: String?
    /// `inventory.dmi.fields.product_uuid.state` is "placeholder" (and there is a host id).
    public var hostIdIsPlaceholder: Bool
    /// The spec rows in report order.
    public var rows: [DeviceRow]
    /// The rows that fail, in order, with their statuses and reasons.
    public var failingRows: [ReportRow]
    public var verdict: Verdict
    public var origin: ReportOrigin
    /// Seconds since the epoch used to pick the newest report; nil when unknown.
    public var timestamp: Int64?
    /// `timestamp` is the report's own `collectedAt` (not the file's modification time).
    public var timestampFromReport: Bool
    /// The disk serial Windows sends where it differs from the disk row's value (an NVMe namespace's EUI-64/NGUID):
    /// the `windowsValue` of the row bound to disk.system.serial.
    public var windowsDiskSerial: String?
    /// That Windows form is a placeholder (the disk row's reasons include `windows-placeholder`).
    public var windowsDiskSerialIsPlaceholder: Bool

    /// The report's `collectedAt`, in UTC.
    public var collectedAt: String? { timestampFromReport ? timestamp.map(Timestamp.format) : nil }

    public init(summary: ReportSummary, origin: ReportOrigin, modificationTime: Int64?) {
        hostId = summary.hostId
        hostIdIsPlaceholder = summary.hostIdIsPlaceholder && summary.hostId != nil
        // One pass: the lean rows, the failing rows (appended one by one: most devices fail nothing, and an empty
        // array costs no allocation) and the disk row's Windows form.
        var lean: [DeviceRow] = []
        lean.reserveCapacity(summary.rows.count)
        var failing: [ReportRow] = []
        var disk: ReportRow?
        for row in summary.rows {
            lean.append(DeviceRow(row))
            if row.fails { failing.append(row) }
            if disk == nil && row.source == .systemDiskSerial { disk = row }
        }
        rows = lean
        failingRows = failing
        verdict = summary.verdict
        self.origin = origin
        let reported = summary.collectedAt.flatMap(Timestamp.parse)
        timestampFromReport = reported != nil
        timestamp = reported ?? modificationTime
        windowsDiskSerial = disk?.windowsValue
        windowsDiskSerialIsPlaceholder = disk?.reasons.contains(.known(.windowsPlaceholder)) == true
    }

    /// The row with this id; `hint` is where it usually is (its column), tried first.
    public func row(id: String, hint: Int = 0) -> DeviceRow? {
        if hint < rows.count, rows[hint].id == id { return rows[hint] }
        return rows.first { $0.id == id }
    }

    /// The first row bound to `source`.
    public func row(boundTo source: Spec.Source) -> DeviceRow? {
        rows.first { $0.source == source }
    }

    /// The row bound to disk.system.serial: the one whose Windows form matters.
    var diskRow: DeviceRow? { row(boundTo: .systemDiskSerial) }

    /// The usable (non-placeholder) Windows form of the disk serial.
    public var windowsDiskIdentity: String? { windowsDiskSerialIsPlaceholder ? nil : windowsDiskSerial }

    /// The disk row is judged on the Windows form (it is known): the server receives that, not the serial Linux
    /// shows, so the fleet groups duplicates and placeholders of that row on it alone.
    func judgedOnWindowsForm(_ row: DeviceRow) -> Bool {
        row.source == .systemDiskSerial && windowsDiskSerial != nil
    }

    public func isPlaceholder(_ field: FleetField, hint: Int = 0) -> Bool {
        switch field {
        case .hostId: return hostIdIsPlaceholder
        case .row(let id): return row(id: id, hint: hint)?.isPlaceholder ?? false
        }
    }

    /// The fields whose value the server receives is a placeholder, in report order: for the disk row the
    /// Windows form where it is known.
    public var reportedPlaceholders: [FleetField] {
        var fields: [FleetField] = hostIdIsPlaceholder ? [.hostId] : []
        for row in rows where judgedOnWindowsForm(row) ? windowsDiskSerialIsPlaceholder : row.isPlaceholder {
            fields.append(.row(row.id))
        }
        return fields
    }

    public func value(_ field: FleetField, hint: Int = 0) -> String? {
        switch field {
        case .hostId: return hostId
        case .row(let id): return row(id: id, hint: hint)?.value
        }
    }

    /// A usable (non-placeholder) value of a field.
    public func identity(_ field: FleetField) -> String? {
        isPlaceholder(field) ? nil : value(field)
    }

    /// A usable value of what `source` names: for dmi.product_uuid the host id, else the first row bound to it.
    public func identity(_ source: Spec.Source) -> String? {
        if source == .productUUID, let hostId { return hostIdIsPlaceholder ? nil : hostId }
        guard let row = row(boundTo: source), !row.isPlaceholder else { return nil }
        return row.value
    }

    /// The key that recognises the same device in another report; nil when the report identifies nothing.
    public var deviceKey: DeviceKey? {
        DeviceKey(tier: .board, device: self) ?? DeviceKey(tier: .parts, device: self)
    }

    /// How people see the device in a list: host id, else the row bound to dmi.product_serial, else where its
    /// report came from.
    public var label: String { hostId ?? row(boundTo: .productSerial)?.value ?? origin.label }
}

/// What recognises a device: the usable values of one tier's sources.
public struct DeviceKey: Hashable, Sendable {
    public enum Tier: Sendable, Hashable {
        /// The mainboard's SMBIOS identity.
        case board
        /// Stand-ins when the board tells nothing: the system disk and the NIC.
        case parts

        static let boardSources: [Spec.Source] = [.productUUID, .productSerial, .boardSerial]
        static let partsSources: [Spec.Source] = [.systemDiskSerial, .primaryNICAddress]

        /// At most three (`DeviceKey` keeps their values inline).
        public var sources: [Spec.Source] {
            switch self {
            case .board: return Self.boardSources
            case .parts: return Self.partsSources
            }
        }
    }

    public let tier: Tier
    // The value of each of the tier's sources in its order, nil where the device has none usable; inline, since
    // the fleet builds one key per report and keeps one per device (an array would cost an allocation each).
    let value0, value1, value2: String?

    /// The device's key of this tier; nil when none of the tier's sources has a usable value.
    init?(tier: Tier, device: FleetDevice) {
        let sources = tier.sources
        func value(_ index: Int) -> String? { index < sources.count ? device.identity(sources[index]) : nil }
        value0 = value(0)
        value1 = value(1)
        value2 = value(2)
        guard value0 != nil || value1 != nil || value2 != nil else { return nil }
        self.tier = tier
    }

    /// One value per source of the tier, in its order.
    public var values: [String?] { Array([value0, value1, value2].prefix(tier.sources.count)) }

    /// Text form, for the inventory's `devices.device_key`: "hostId+B1+B3=" or "B2+B4=", then the values joined by
    /// U+001F. The sources are named as the built-in spec names their rows (the host id "hostId"), whatever spec
    /// a report used, so keys stored by earlier versions still match and one device is one key across specs.
    public var text: String {
        let names = tier.sources.map { $0 == .productUUID ? "hostId" : Self.storedNames[$0] ?? $0.rawValue }
        return names.joined(separator: "+") + "=" + values.map { $0 ?? "" }.joined(separator: "\u{1F}")
    }

    /// Each source's row id in the built-in spec.
    static let storedNames: [Spec.Source: String] = {
        var names: [Spec.Source: String] = [:]
        for (id, source) in ReportSummary.builtInSources where names[source] == nil { names[source] = id }
        return names
    }()
}

/// Devices sharing one value of one field.
public struct ValueGroup: Equatable, Sendable {
    public var field: FleetField
    public var value: String
    /// Indexes into `FleetResult.devices`, in device order.
    public var devices: [Int]
}

/// Devices failing one row, and per reason how many devices.
public struct RowFailure: Equatable, Sendable {
    public var devices = 0
    public var reasons: [ReportedReason: Int] = [:]
}

public struct FleetResult: Sendable {
    public var reportsRead = 0
    /// Older reports of a device that a newer one replaced.
    public var reportsSuperseded = 0
    public var devices: [FleetDevice] = []
    public var problems: [InputProblem] = []
    /// The row ids of the devices' reports in order of first appearance (the built-in spec's when there are none):
    /// the fleet's columns.
    public var rowIDs: [String] = []
    /// Device count per verdict.
    public var verdicts: [Verdict: Int] = [:]
    /// Per row id: devices failing it, and per reason how many devices.
    public var rowFailures: [String: RowFailure] = [:]
    /// A value (not a placeholder) reported by more than one device, largest group first.
    public var duplicates: [ValueGroup] = []
    /// Each placeholder value seen, with the devices that carry it.
    public var placeholders: [ValueGroup] = []

    /// Output order of fields: the host id, then the rows in column order.
    public var fields: [FleetField] { [.hostId] + rowIDs.map(FleetField.row) }

    /// A field's place in `fields` (a row id not among the columns sorts last).
    public func order(_ field: FleetField) -> Int {
        switch field {
        case .hostId: return 0
        case .row(let id): return 1 + (rowIDs.firstIndex(of: id) ?? rowIDs.count)
        }
    }
}

/// Accumulates reports; `finish()` gives the fleet's answers.
public struct FleetAnalyzer {
    private var devices: [FleetDevice] = []
    private var deviceIndexByKey: [DeviceKey: Int] = [:]
    private var reportsRead = 0
    private var superseded = 0
    private var problems: [InputProblem] = []

    public init() {}

    public mutating func add(_ summary: ReportSummary, origin: ReportOrigin, modificationTime: Int64?) {
        add(FleetDevice(summary: summary, origin: origin, modificationTime: modificationTime))
    }

    public mutating func add(_ device: FleetDevice) {
        reportsRead += 1
        guard let key = device.deviceKey else {
            devices.append(device)
            return
        }
        if let index = deviceIndexByKey[key] {
            superseded += 1
            // Newer wins; equal or unknown times: the later input wins.
            if let kept = devices[index].timestamp, let new = device.timestamp, new < kept { return }
            devices[index] = device
        } else {
            deviceIndexByKey[key] = devices.count
            devices.append(device)
        }
    }

    public mutating func addProblem(_ problem: InputProblem) {
        problems.append(problem)
    }

    /// The row ids of `devices` in order of first appearance (the built-in spec's when no device has rows), and
    /// whether every device has exactly the same rows (one spec: the usual fleet).
    static func rowIDs(_ devices: [FleetDevice]) -> (ids: [String], uniform: Bool) {
        var ids: [String] = []
        var seen = Set<String>()
        var previous: [DeviceRow]?
        var uniform = true
        for index in devices.indices {
            // Most fleets use one spec: a device with the previous one's row ids adds nothing.
            let rows = devices[index].rows
            if let previous, rows.count == previous.count && zip(rows, previous).allSatisfy({ $0.id == $1.id }) { continue }
            if previous != nil { uniform = false }
            for row in rows where seen.insert(row.id).inserted { ids.append(row.id) }
            previous = rows
        }
        // No rows at all: the built-in spec's ids name the columns, and no device has them.
        return ids.isEmpty ? (Spec.builtIn().rows.map(\.id), false) : (ids, uniform)
    }

    /// The fleet's answers. The analyzer's device index is released first: after this only the result holds
    /// the devices.
    public mutating func finish() -> FleetResult {
        deviceIndexByKey = [:]
        var result = FleetResult()
        result.reportsRead = reportsRead
        result.reportsSuperseded = superseded
        result.problems = problems
        let (rowIDs, uniform) = Self.rowIDs(devices)
        result.rowIDs = rowIDs
        // Reports of several specs: each row id's devices (and where the row is in each) listed once, so that every
        // field below walks only the devices that have it. Time stays linear in the rows however many ids the
        // reports use (thousands, in a hostile fleet); one spec needs no list, every device has every row.
        var holders: [String: [(device: Int, row: Int)]] = [:]
        if !uniform {
            for index in devices.indices {
                for (position, row) in devices[index].rows.enumerated() { holders[row.id, default: []].append((index, position)) }
            }
        }
        var column: [String: Int] = [:]
        for (index, id) in result.rowIDs.enumerated() { column[id] = index }
        var placeholderGroups: [FleetField: [String: [Int]]] = [:]
        // Devices are read in place (`devices[index]`), not copied out one by one: a copy retains every field.
        for index in devices.indices {
            result.verdicts[devices[index].verdict, default: 0] += 1
            for row in devices[index].failingRows {
                var entry = result.rowFailures[row.id] ?? RowFailure()
                entry.devices += 1
                for reason in row.reasons { entry.reasons[reason, default: 0] += 1 }
                result.rowFailures[row.id] = entry
            }
            if devices[index].hostIdIsPlaceholder, let hostId = devices[index].hostId {
                placeholderGroups[.hostId, default: [:]][hostId, default: []].append(index)
            }
            for row in devices[index].rows {
                if devices[index].judgedOnWindowsForm(row) {
                    if devices[index].windowsDiskSerialIsPlaceholder, let value = devices[index].windowsDiskSerial {
                        placeholderGroups[.row(row.id), default: [:]][value, default: []].append(index)
                    }
                } else if row.isPlaceholder, let value = row.value {
                    placeholderGroups[.row(row.id), default: [:]][value, default: []].append(index)
                }
            }
        }
        // One field at a time, so only one value index is alive: the first device per value, and arrays only
        // for the few values seen twice.
        var groups: [FleetField: [String: [Int]]] = [:]
        for (position, field) in result.fields.enumerated() {
            var first: [String: Int] = [:]
            var shared: [String: [Int]] = [:]
            func consider(_ index: Int, _ value: String?) {
                guard let value else { return }
                if let earlier = first.updateValue(index, forKey: value) {
                    first[value] = earlier
                    shared[value, default: [earlier]].append(index)
                }
            }
            func consider(_ index: Int, _ row: DeviceRow) {
                guard !row.isPlaceholder, !devices[index].judgedOnWindowsForm(row) else { return }
                consider(index, row.value)
            }
            switch field {
            case .hostId:
                first.reserveCapacity(devices.count)
                for index in devices.indices where !devices[index].hostIdIsPlaceholder { consider(index, devices[index].hostId) }
            case .row(let id):
                if uniform {
                    // Every device has this row at this place.
                    first.reserveCapacity(devices.count)
                    for index in devices.indices { consider(index, devices[index].rows[position - 1]) }
                } else {
                    let members = holders[id] ?? []
                    first.reserveCapacity(members.count)
                    for member in members { consider(member.device, devices[member.device].rows[member.row]) }
                }
            }
            if !shared.isEmpty { groups[field] = shared }
        }
        func order(_ field: FleetField) -> Int {
            switch field {
            case .hostId: return 0
            case .row(let id): return 1 + (column[id] ?? column.count)
            }
        }
        func sorted(_ groups: [FleetField: [String: [Int]]], minimum: Int) -> [ValueGroup] {
            groups.flatMap { field, values in
                values.compactMap { value, members in members.count >= minimum ? ValueGroup(field: field, value: value, devices: members) : nil }
            }.sorted { (order($0.field), -$0.devices.count, $0.value) < (order($1.field), -$1.devices.count, $1.value) }
        }
        // Disks Windows reports identically (one NVMe EUI-64/NGUID form, compared without case, separators or the
        // trailing "."). Their Linux serials were left out above: the server receives the Windows form.
        var firstWindows: [String: Int] = [:]
        var sharedWindows: [String: [Int]] = [:]
        for index in devices.indices {
            guard let value = devices[index].windowsDiskIdentity else { continue }
            let key = WindowsForm.serialKey(value)
            if let earlier = firstWindows[key] { sharedWindows[key, default: [earlier]].append(index) } else { firstWindows[key] = index }
        }
        for members in sharedWindows.values {
            guard let disk = devices[members[0]].diskRow, let value = devices[members[0]].windowsDiskSerial else { continue }
            groups[.row(disk.id), default: [:]][value, default: []] += members
        }
        result.duplicates = sorted(groups, minimum: 2)
        result.placeholders = sorted(placeholderGroups, minimum: 1)
        result.devices = devices
        return result
    }
}

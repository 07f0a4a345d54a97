import HWCheckCore

// Many reports → devices → the answers one machine cannot give: which identities are shared by several
// devices (not unique, whatever each machine says), which placeholders the fleet carries, what fails where.
//
// A device is recognised by its mainboard's SMBIOS identity: host id (product_uuid), B1 and B3, placeholders
// left out (a board swap changes all three; a disk or NIC swap changes none). With none of them usable, B2 and
// B4 stand in; with nothing at all the report is a device of its own. Two reports of one device: the newest
// is kept (`collectedAt` when the report has it, else the file's modification time, else the later input).
// Memory grows with the number of devices (the duplicate index), not with the number of reports.

/// The identity fields the fleet compares, in output order.
public enum IdentityField: String, CaseIterable, Sendable, Comparable {
    case hostId, b1 = "B1", b2 = "B2", b3 = "B3", b4 = "B4"

    var order: Int { Self.allCases.firstIndex(of: self) ?? 0 }
    public static func < (lhs: IdentityField, rhs: IdentityField) -> Bool { lhs.order < rhs.order }

    public var row: BindingRow? {
        switch self {
        case .hostId: return nil
        case .b1: return .b1
        case .b2: return .b2
        case .b3: return .b3
        case .b4: return .b4
        }
    }
}

/// One device as the fleet keeps it: its newest report's identity and results.
public struct FleetDevice: Equatable, Sendable {
    public var hostId: String?
    public var binding: BindingValues
    /// Fields whose value is a placeholder (reasons "placeholder", or product_uuid state "placeholder").
    public var placeholderFields: Set<IdentityField>
    public var verdict: String
    /// Failing rows with their reasons.
    public var failures: [(row: BindingRow, reasons: [String])]
    public var origin: ReportOrigin
    /// Seconds since the epoch used to pick the newest report; nil when unknown.
    public var timestamp: Int64?
    /// `timestamp` is the report's own `collectedAt` (not the file's modification time).
    public var timestampFromReport: Bool
    /// The disk serial Windows sends where it differs from B2 (an NVMe namespace's EUI-64/NGUID form).
    public var windowsDiskSerial: String?
    /// That Windows form is a placeholder (the B2 row's reasons include `windows-placeholder`).
    public var windowsDiskSerialIsPlaceholder: Bool

    /// The report's `collectedAt`, in UTC.
    public var collectedAt: String? { timestampFromReport ? timestamp.map(Timestamp.format) : nil }

    public static func == (lhs: FleetDevice, rhs: FleetDevice) -> Bool {
        lhs.hostId == rhs.hostId && lhs.binding == rhs.binding && lhs.placeholderFields == rhs.placeholderFields
            && lhs.verdict == rhs.verdict && lhs.origin == rhs.origin && lhs.timestamp == rhs.timestamp
            && lhs.failures.map(\.row) == rhs.failures.map(\.row) && lhs.failures.map(\.reasons) == rhs.failures.map(\.reasons)
            && lhs.windowsDiskSerial == rhs.windowsDiskSerial && lhs.windowsDiskSerialIsPlaceholder == rhs.windowsDiskSerialIsPlaceholder
    }

    public init(summary: ReportSummary, origin: ReportOrigin, modificationTime: Int64?) {
        hostId = summary.hostId
        binding = summary.binding
        var placeholders: Set<IdentityField> = []
        if summary.hostIdIsPlaceholder && summary.hostId != nil { placeholders.insert(.hostId) }
        for row in BindingRow.allCases where summary.rows[row]?.isPlaceholder == true && summary[row] != nil {
            placeholders.insert(IdentityField.allCases[row.index + 1])
        }
        if summary.linuxDiskSerialIsPlaceholder && summary[.b2] != nil { placeholders.insert(.b2) }
        placeholderFields = placeholders
        verdict = summary.verdict
        failures = summary.failingRows.map { ($0, summary.rows[$0]?.reasons ?? []) }
        self.origin = origin
        let reported = summary.collectedAt.flatMap(Timestamp.parse)
        timestampFromReport = reported != nil
        timestamp = reported ?? modificationTime
        windowsDiskSerial = summary.windowsDiskSerial
        windowsDiskSerialIsPlaceholder = summary.rows[.b2]?.reasons.contains("windows-placeholder") == true
    }

    /// The usable (non-placeholder) Windows form of the disk serial.
    public var windowsDiskIdentity: String? { windowsDiskSerialIsPlaceholder ? nil : windowsDiskSerial }

    /// B2 is judged on the Windows form (it is known): the server receives that, not the serial Linux shows, so
    /// the fleet groups duplicates and placeholders of B2 on it alone.
    public var diskJudgedOnWindowsForm: Bool { windowsDiskSerial != nil }

    /// The fields whose value the server receives is a placeholder: for B2 the Windows form where it is known.
    public var reportedPlaceholders: Set<IdentityField> {
        var fields = placeholderFields
        if diskJudgedOnWindowsForm {
            if windowsDiskSerialIsPlaceholder { fields.insert(.b2) } else { fields.remove(.b2) }
        }
        return fields
    }

    public func value(_ field: IdentityField) -> String? {
        guard let row = field.row else { return hostId }
        return binding[row.index]
    }

    /// A usable (non-placeholder) value of a field.
    public func identity(_ field: IdentityField) -> String? {
        placeholderFields.contains(field) ? nil : value(field)
    }

    /// The key that recognises the same device in another report; nil when the report identifies nothing.
    public var deviceKey: DeviceKey? {
        let board = (identity(.hostId), identity(.b1), identity(.b3))
        if board.0 != nil || board.1 != nil || board.2 != nil { return DeviceKey(tier: 0, first: board.0, second: board.1, third: board.2) }
        let parts = (identity(.b2), identity(.b4))
        if parts.0 != nil || parts.1 != nil { return DeviceKey(tier: 1, first: parts.0, second: parts.1, third: nil) }
        return nil
    }

    /// How people see the device in a list: host id, else B1, else where its report came from.
    public var label: String { hostId ?? binding[0] ?? origin.label }
}

/// What recognises a device: host id + B1 + B3 (tier 0), else B2 + B4 (tier 1).
public struct DeviceKey: Hashable, Sendable {
    public var tier: UInt8
    public var first, second, third: String?

    /// Text form, for the inventory's `devices.device_key`.
    public var text: String {
        let names = tier == 0 ? "hostId+B1+B3=" : "B2+B4="
        return names + [first, second] .map { $0 ?? "" }.joined(separator: "\u{1F}") + (tier == 0 ? "\u{1F}" + (third ?? "") : "")
    }
}

/// Devices sharing one value of one field.
public struct ValueGroup: Equatable, Sendable {
    public var field: IdentityField
    public var value: String
    /// Indexes into `FleetResult.devices`, in device order.
    public var devices: [Int]
}

public struct FleetResult: Sendable {
    public var reportsRead = 0
    /// Older reports of a device that a newer one replaced.
    public var reportsSuperseded = 0
    public var devices: [FleetDevice] = []
    public var problems: [InputProblem] = []
    /// Device count per verdict.
    public var verdicts: [String: Int] = [:]
    /// Per row: devices failing it, and per reason how many devices.
    public var rowFailures: [BindingRow: (devices: Int, reasons: [String: Int])] = [:]
    /// A value (not a placeholder) reported by more than one device, largest group first.
    public var duplicates: [ValueGroup] = []
    /// Each placeholder value seen, with the devices that carry it.
    public var placeholders: [ValueGroup] = []
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

    /// The fleet's answers. The analyzer's device index is released first: after this only the result holds
    /// the devices.
    public mutating func finish() -> FleetResult {
        deviceIndexByKey = [:]
        var result = FleetResult()
        result.reportsRead = reportsRead
        result.reportsSuperseded = superseded
        result.problems = problems
        var placeholderGroups: [IdentityField: [String: [Int]]] = [:]
        for (index, device) in devices.enumerated() {
            result.verdicts[device.verdict, default: 0] += 1
            for failure in device.failures {
                var entry = result.rowFailures[failure.row] ?? (0, [:])
                entry.devices += 1
                for reason in failure.reasons { entry.reasons[reason, default: 0] += 1 }
                result.rowFailures[failure.row] = entry
            }
            for field in device.placeholderFields where !(field == .b2 && device.diskJudgedOnWindowsForm) {
                if let value = device.value(field) { placeholderGroups[field, default: [:]][value, default: []].append(index) }
            }
            if device.windowsDiskSerialIsPlaceholder, let value = device.windowsDiskSerial {
                placeholderGroups[.b2, default: [:]][value, default: []].append(index)
            }
        }
        // One field at a time, so only one value index is alive: the first device per value, and arrays only
        // for the few values seen twice.
        var groups: [IdentityField: [String: [Int]]] = [:]
        for field in IdentityField.allCases {
            var first: [String: Int] = [:]
            first.reserveCapacity(devices.count)
            var shared: [String: [Int]] = [:]
            for (index, device) in devices.enumerated() where !device.placeholderFields.contains(field) {
                if field == .b2 && device.diskJudgedOnWindowsForm { continue }
                guard let value = device.value(field) else { continue }
                if let earlier = first.updateValue(index, forKey: value) {
                    first[value] = earlier
                    shared[value, default: [earlier]].append(index)
                }
            }
            if !shared.isEmpty { groups[field] = shared }
        }
        func sorted(_ groups: [IdentityField: [String: [Int]]], minimum: Int) -> [ValueGroup] {
            groups.flatMap { field, values in
                values.compactMap { value, members in members.count >= minimum ? ValueGroup(field: field, value: value, devices: members) : nil }
            }.sorted { ($0.field, -$0.devices.count, $0.value) < ($1.field, -$1.devices.count, $1.value) }
        }
        // Disks Windows reports identically (one NVMe EUI-64/NGUID form, compared without case, separators or the
        // trailing "."). Their Linux serials were left out above: the server receives the Windows form.
        var firstWindows: [String: Int] = [:]
        var sharedWindows: [String: [Int]] = [:]
        for (index, device) in devices.enumerated() {
            guard let value = device.windowsDiskIdentity else { continue }
            let key = WindowsForm.serialKey(value)
            if let earlier = firstWindows[key] { sharedWindows[key, default: [earlier]].append(index) } else { firstWindows[key] = index }
        }
        for members in sharedWindows.values {
            guard let value = devices[members[0]].windowsDiskSerial else { continue }
            groups[.b2, default: [:]][value, default: []] += members
        }
        result.duplicates = sorted(groups, minimum: 2)
        result.placeholders = sorted(placeholderGroups, minimum: 1)
        result.devices = devices
        return result
    }
}


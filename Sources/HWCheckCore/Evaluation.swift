/// Everything the probes collected from one machine.
public struct Inventory: Sendable, Equatable {
    public var dmi: DMIInfo
    public var disks: [DiskInfo]
    public var systemDisk: SystemDiskChoice
    public var nics: [NICInfo]
    /// run/udev/data exists: udev has run on this machine.
    public var udevDatabase: Bool
    /// Directories every running kernel has that this root lacks ("sys/class/block", "sys/class/net"): a recording
    /// that did not capture them. What they would show is unknown, not absent.
    public var recordingGaps: [String] = []
}

/// Row status. Part of the JSON contract.
public enum CheckStatus: String, Sendable {
    case pass, fail, unknown
}

/// Overall verdict and its exit code. Part of the JSON contract.
public enum Verdict: String, Sendable {
    case compliant
    case nonCompliant = "non-compliant"
    case undetermined

    public var exitCode: Int32 {
        switch self {
        case .compliant: return 0
        case .nonCompliant: return 1
        case .undetermined: return 2
        }
    }
}

/// Why a row did not pass. Stable kebab-case codes: part of the JSON contract.
public enum ReasonCode: String, Sendable, CaseIterable {
    case empty
    case absent
    case placeholder
    case unreadable
    case sourceUnavailable = "source-unavailable"
    case removable
    /// The disk's SATA port is hot-plug capable or external: Windows calls it removable. Fixed in BIOS setup.
    case hotPlug = "hot-plug"
    /// The disk sits in a hot-plug-capable PCIe slot.
    case hotPlugSlot = "hot-plug-slot"
    /// Whether the port is hot-plug capable could not be read here.
    case hotPlugUnknown = "hot-plug-unknown"
    case noDisk = "no-disk"
    case noEligibleNIC = "no-eligible-nic"
    case nicRemovable = "nic-removable"
    /// An adapter in a hot-plug-capable PCIe slot: Windows lists it under Safely Remove Hardware. Fixed in BIOS setup.
    case nicHotPlugSlot = "nic-hot-plug-slot"
    case nicDisabled = "nic-disabled"
    /// The form Windows sends for the disk (an NVMe EUI-64/NGUID) is a placeholder.
    case windowsPlaceholder = "windows-placeholder"
    /// No internal disk is visible, but a controller may hide disks from Linux (Intel RST RAID mode, VMD).
    case hiddenDisks = "hidden-disks"
    /// The NVMe namespace's identifiers were not recorded (no `wwid`): the form Windows sends cannot be derived.
    case windowsNotRecorded = "windows-not-recorded"

    /// A failure the server would reject, as opposed to a fact hwcheck could not establish.
    public var isFailure: Bool {
        switch self {
        case .unreadable, .sourceUnavailable, .hotPlugUnknown, .hiddenDisks, .windowsNotRecorded: return false
        default: return true
        }
    }
}

/// The hardware family a row reads; picks the wording of messages and remedies.
public enum RowCategory: String, Sendable, CaseIterable {
    case dmi, disk, nic

    init(_ source: Spec.Source) {
        switch source {
        case .productSerial, .boardSerial, .chassisSerial, .productUUID: self = .dmi
        case .systemDiskSerial: self = .disk
        case .primaryNICAddress: self = .nic
        }
    }
}

/// One evaluated spec row.
public struct CheckResult: Sendable, Equatable {
    public var row: Spec.Row
    public var status: CheckStatus
    public var reasons: [ReasonCode]
    /// The value's field; nil when there is no device to read it from (no disk, no NIC).
    public var field: Field?
    /// The device the value comes from: "sda", "eno1".
    public var subject: String?
    /// Facts that fill message templates: disk, transport, nic, nics, via...
    public var facts: [String: String]
    /// Facts with a text per language (a field's detail, the hot-plug detail): they fill templates over `facts`.
    public var localizedFacts: [String: DetailText] = [:]
    /// The disk row's serial as Windows sends it, where that differs from `field` (NVMe); nil otherwise.
    public var windowsSerial: WindowsSerial? = nil
    /// When the row is judged on a known Windows form: the reasons the serial Linux shows (the controller serial,
    /// which a vendor NVMe driver would send) would have on its own; nil otherwise.
    public var linuxReasons: [ReasonCode]? = nil

    public var category: RowCategory { RowCategory(row.source) }
    /// The value the server would receive for this row.
    public var submittedValue: String? { field?.submittedValue }
}

/// The B4 candidate list: which NIC is used, and why the others are not.
public struct NICSelection: Sendable, Equatable {
    public var primary: NICInfo?
    /// Physical adapters that were left out, with the reason.
    public var excluded: [(name: String, reason: ReasonCode)]

    public static func == (lhs: NICSelection, rhs: NICSelection) -> Bool {
        lhs.primary == rhs.primary && lhs.excluded.map(\.name) == rhs.excluded.map(\.name)
            && lhs.excluded.map(\.reason) == rhs.excluded.map(\.reason)
    }

    /// Eligible: physical (hypervisor adapters count, as in Windows), not an SR-IOV virtual function, and —
    /// as the row requires — not removable (USB, a removable port, a hot-plug slot) and enabled. An adapter whose slot
    /// cannot be read stays a candidate; the row is then unknown if it is chosen (`Evaluator.evaluateNIC`). Order: onboard first, wired before wireless, then bus
    /// position (PCI address), then name; among those, the first whose address is a usable value.
    public static func select(_ nics: [NICInfo], requirements: [Spec.Requirement]) -> NICSelection {
        var eligible: [NICInfo] = []
        var excluded: [(String, ReasonCode)] = []
        for nic in nics where nic.physical && !nic.sriovVirtualFunction && nic.isNetworkAdapter {
            if requirements.contains(.notRemovable) && nic.removableVia != nil {
                excluded.append((nic.name, .nicRemovable))
            } else if requirements.contains(.notRemovable) && nic.hotPlug.state == .yes {
                excluded.append((nic.name, .nicHotPlugSlot))
            } else if requirements.contains(.enabled) && (!nic.driverBound || nic.rfkillBlocked) {
                excluded.append((nic.name, .nicDisabled))
            } else {
                eligible.append(nic)
            }
        }
        eligible.sort { lhs, rhs in
            if lhs.onboard != rhs.onboard { return lhs.onboard }
            if lhs.wireless != rhs.wireless { return !lhs.wireless }
            let left = lhs.pciAddress ?? "~", right = rhs.pciAddress ?? "~"
            if left != right { return left < right }
            return DiskOrder.precedes(lhs.name, rhs.name)
        }
        let primary = eligible.first { $0.bindingAddress.state == .value } ?? eligible.first
        return NICSelection(primary: primary, excluded: excluded)
    }
}

public struct Evaluator: Sendable {
    public init() {}

    public func evaluate(_ spec: Spec, inventory: Inventory) -> [CheckResult] {
        spec.rows.map { evaluate($0, inventory: inventory) }
    }

    func evaluate(_ row: Spec.Row, inventory: Inventory) -> CheckResult {
        switch row.source {
        case .productSerial: return evaluateDMI(row, field: inventory.dmi[.productSerial], dmi: inventory.dmi)
        case .boardSerial: return evaluateDMI(row, field: inventory.dmi[.boardSerial], dmi: inventory.dmi)
        case .chassisSerial: return evaluateDMI(row, field: inventory.dmi[.chassisSerial], dmi: inventory.dmi)
        case .productUUID: return evaluateDMI(row, field: inventory.dmi[.productUUID], dmi: inventory.dmi)
        case .systemDiskSerial: return evaluateDisk(row, inventory: inventory)
        case .primaryNICAddress: return evaluateNIC(row, inventory: inventory)
        }
    }

    func evaluateDMI(_ row: Spec.Row, field: Field, dmi: DMIInfo) -> CheckResult {
        var result = judge(row, field: field)
        // A device-tree board's missing field is not a vendor's omission: its findings are worded apart.
        if dmi.deviceTree { result.facts["variant"] = "device-tree" }
        // How QEMU sets this very field (`-smbios`, qemu-options.hx): the baseboard is SMBIOS type 2, not 1.
        switch row.source {
        case .productSerial: result.facts["smbiosOption"] = "type=1,serial=…"
        case .boardSerial: result.facts["smbiosOption"] = "type=2,serial=…"
        case .chassisSerial: result.facts["smbiosOption"] = "type=3,serial=…"
        case .productUUID: result.facts["smbiosOption"] = "type=1,uuid=…"
        case .systemDiskSerial, .primaryNICAddress: break
        }
        return result
    }

    func evaluateDisk(_ row: Spec.Row, inventory: Inventory) -> CheckResult {
        let members = inventory.systemDisk.boundDisks.compactMap { name in
            inventory.disks.first { $0.name == name }.map { disk in
                // "/" (or --disk) on a further namespace: the serial Windows sends is that namespace's.
                var disk = disk
                if let namespace = inventory.systemDisk.namespace, let windows = disk.aliasWindowsSerials[namespace] {
                    disk.windowsSerial = windows
                }
                return disk
            }
        }
        guard let first = members.first else {
            // No disk in a recording that has no block devices at all says nothing about the machine.
            if let gap = inventory.recordingGaps.first(where: { $0 == "sys/class/block" }) {
                return CheckResult(row: row, status: .unknown, reasons: [.sourceUnavailable], field: nil, subject: nil,
                                   facts: ["variant": "recording", "missing": gap])
            }
            // No disk in sight, but a controller that hides disks from Linux: the machine may well have one.
            if let hidden = inventory.systemDisk.hiddenDisks {
                return CheckResult(row: row, status: .unknown, reasons: [.hiddenDisks], field: nil, subject: nil, facts: hidden.facts)
            }
            return CheckResult(row: row, status: .fail, reasons: [.noDisk], field: nil, subject: nil, facts: [:])
        }
        let choice = inventory.systemDisk
        // "/" does not prove the system disk, and a controller hides disks (Intel RST, VMD): Windows may run from one
        // of those, so the visible disk is only a guess and B2 is unknown rather than judged on it.
        if let hidden = choice.hiddenDisks, choice.method == .firstInternal {
            var facts = hidden.facts
            facts["variant"] = hidden.cause.rawValue + "-beside"
            facts["visible"] = first.name
            return CheckResult(row: row, status: .unknown, reasons: [.hiddenDisks], field: nil, subject: nil, facts: facts)
        }
        // md RAID and spanning volumes: every member must pass; the report names the ones that do not.
        let results = members.map { evaluateDisk(row, disk: $0) }
        let failing = results.filter { $0.status != .pass }
        guard members.count > 1 else { return Self.rootMountGap(results[0], inventory: inventory) }
        var result = failing.first ?? results[0]
        result.reasons = results.flatMap(\.reasons).reduce(into: []) { unique, reason in
            if !unique.contains(reason) { unique.append(reason) }
        }
        result.status = Self.status(result.reasons)
        result.field = (failing.isEmpty ? first.serial : failing[0].field) ?? first.serial
        result.subject = (failing.isEmpty ? results : failing).compactMap(\.subject).joined(separator: ", ")
        result.facts["disk"] = result.subject
        result.facts["members"] = members.map(\.name).joined(separator: ", ")
        // Several members on hot-plug SATA ports: the finding names every one's port, not only the first's.
        let hotPlugMembers = results.filter { $0.reasons.contains(.hotPlug) }
        if hotPlugMembers.count > 1 {
            result.localizedFacts["hotPlugMembers"] = DetailText.hotPlugMembers(hotPlugMembers.map { member in
                (disk: member.subject ?? "-", port: member.facts["port"].flatMap { Int($0) }, ata: member.facts["ata"],
                 detail: member.localizedFacts["hotPlugDetail"])
            })
            let ports = hotPlugMembers.compactMap { $0.facts["port"].flatMap { Int($0) } }
            result.facts["ports"] = ports.map(String.init).joined(separator: ", ")
            result.facts["portsFromOne"] = ports.map { String($0 + 1) }.joined(separator: ", ")
        }
        return result
    }

    /// "/" could not be found (mountinfo unreadable) and Linux sees several internal disks: the first one B2 is
    /// judged on may not be the one Windows runs from, so the row is unknown, even where that disk would fail (a
    /// failure on a guess is no evidence); what was found on it stays in the reasons. With one internal disk the
    /// choice is the same wherever "/" is, and stands.
    static func rootMountGap(_ result: CheckResult, inventory: Inventory) -> CheckResult {
        guard case .rootMountUnreadable(let failure) = inventory.systemDisk.fallbackReason,
              inventory.disks.filter(\.isInternal).count > 1, !result.reasons.contains(.unreadable) else { return result }
        var result = result
        result.reasons.append(.unreadable)
        result.facts.merge(failure.facts) { $1 }
        result.facts["internalDisks"] = inventory.disks.filter(\.isInternal).map(\.name).joined(separator: ", ")
        result.status = .unknown
        return result
    }

    func evaluateDisk(_ row: Spec.Row, disk: DiskInfo) -> CheckResult {
        var result = judge(row, field: disk.serial)
        result.subject = disk.name
        result.facts["disk"] = disk.name
        result.facts["transport"] = DiskInfo.transportLabel(disk.transport)
        if let windows = disk.windowsSerial {
            // The server receives the Windows form: where it is known, it alone is judged (junk there fails the row,
            // a good one passes it whatever the controller serial is); the controller serial's own reasons are kept.
            result.windowsSerial = windows
            if let value = windows.value {
                result.facts["windowsValue"] = value
                result.linuxReasons = result.reasons
                result.reasons = []
                if let rule = windows.placeholder, row.requirements.contains(.notPlaceholder) {
                    result.reasons.append(.windowsPlaceholder)
                    result.facts["windowsDetail"] = rule
                }
            } else if windows.notRecorded {
                result.reasons.append(.windowsNotRecorded)
            }
            result.status = Self.status(result.reasons)
        }
        guard row.requirements.contains(.notRemovable) else { return result }
        if !disk.isInternal {
            result.reasons.append(.removable)
            result.facts["via"] = disk.removableVia.map { $0 == "usb" ? "USB" : $0 } ?? "removable media"
        } else {
            Self.addHotPlugFacts(disk.hotPlug, to: &result)
            switch (disk.hotPlug.state, disk.hotPlug.via) {
            case (.yes, "ahci-port"): result.reasons.append(.hotPlug)
            case (.yes, _): result.reasons.append(.hotPlugSlot)
            case (.unknown, _): result.reasons.append(.hotPlugUnknown)
            default: break
            }
        }
        result.status = Self.status(result.reasons)
        return result
    }

    func evaluateNIC(_ row: Spec.Row, inventory: Inventory) -> CheckResult {
        let selection = NICSelection.select(inventory.nics, requirements: row.requirements)
        guard let nic = selection.primary else {
            if let gap = inventory.recordingGaps.first(where: { $0 == "sys/class/net" }) {
                return CheckResult(row: row, status: .unknown, reasons: [.sourceUnavailable], field: nil, subject: nil,
                                   facts: ["variant": "recording", "missing": gap])
            }
            var reasons: [ReasonCode] = [.noEligibleNIC]
            var facts: [String: String] = [:]
            let factNames: [ReasonCode: String] = [.nicRemovable: "removableNICs", .nicHotPlugSlot: "hotPlugNICs",
                                                   .nicDisabled: "disabledNICs"]
            for code in [ReasonCode.nicRemovable, .nicHotPlugSlot, .nicDisabled] {
                let names = selection.excluded.filter { $0.reason == code }.map(\.name)
                if !names.isEmpty {
                    reasons.append(code)
                    facts[factNames[code] ?? code.rawValue] = names.joined(separator: ", ")
                }
            }
            let bridges = selection.excluded.filter { $0.reason == .nicHotPlugSlot }
                .compactMap { excluded in inventory.nics.first { $0.name == excluded.name }?.hotPlug.controller }
                .reduce(into: [String]()) { unique, bridge in if !unique.contains(bridge) { unique.append(bridge) } }
            if !bridges.isEmpty { facts["hotPlugBridges"] = bridges.joined(separator: ", ") }
            return CheckResult(row: row, status: .fail, reasons: reasons, field: nil, subject: nil, facts: facts)
        }
        var result = judge(row, field: nic.bindingAddress)
        result.subject = nic.name
        result.facts["nic"] = nic.name
        // One rule with B2: the chosen adapter's slot could not be read, so whether Windows counts it is unknown.
        if row.requirements.contains(.notRemovable), nic.hotPlug.state == .unknown {
            Self.addHotPlugFacts(nic.hotPlug, to: &result)
            result.reasons.append(.hotPlugUnknown)
            result.status = Self.status(result.reasons)
        }
        return result
    }

    /// Where the port or slot is, and why its bits are unknown: the facts hot-plug findings are worded with.
    static func addHotPlugFacts(_ hotPlug: HotPlugInfo, to result: inout CheckResult) {
        if let port = hotPlug.port { result.facts["port"] = String(port) }
        if let ata = hotPlug.ataPort { result.facts["ata"] = ata }
        if let host = hotPlug.scsiHost { result.facts["scsiHost"] = host }
        if let controller = hotPlug.controller { result.facts["controller"] = controller }
        if let detail = hotPlug.detail { result.localizedFacts["hotPlugDetail"] = detail }
        if let via = hotPlug.via { result.facts["hotPlugVia"] = via }
        if let cause = hotPlug.unknownCause { result.facts["hotPlugCause"] = cause.rawValue }
    }

    /// Reasons from a field's state, as far as the row requires.
    func judge(_ row: Spec.Row, field: Field) -> CheckResult {
        var reasons: [ReasonCode] = []
        switch field.state {
        case .value: break
        case .empty: if row.requirements.contains(.notEmpty) { reasons.append(.empty) }
        case .absent: if row.requirements.contains(.notEmpty) { reasons.append(.absent) }
        case .placeholder: if row.requirements.contains(.notPlaceholder) { reasons.append(.placeholder) }
        case .unreadable: reasons.append(.unreadable)
        case .sourceUnavailable: reasons.append(.sourceUnavailable)
        }
        var facts: [String: String] = [:]
        if let value = field.value { facts["value"] = value }
        if let source = field.source { facts["source"] = source }
        return CheckResult(row: row, status: Self.status(reasons), reasons: reasons, field: field, subject: nil, facts: facts,
                           localizedFacts: field.detail.map { ["detail": $0] } ?? [:])
    }

    static func status(_ reasons: [ReasonCode]) -> CheckStatus {
        if reasons.contains(where: \.isFailure) { return .fail }
        return reasons.isEmpty ? .pass : .unknown
    }

    public static func verdict(_ results: [CheckResult]) -> Verdict {
        if results.contains(where: { $0.status == .fail }) { return .nonCompliant }
        if results.contains(where: { $0.status == .unknown }) { return .undetermined }
        return .compliant
    }
}

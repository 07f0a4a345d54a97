/// The JSON schema version. Bump it (and say so in the README) when a field changes meaning or goes away;
/// adding fields does not need a bump.
public let schemaVersion = 1
public let toolVersion = "0.1.0"

/// Something the technician should know that is not a row's pass/fail: not root, no udev database...
public struct Note: Sendable, Equatable {
    /// Stable kebab-case code: part of the JSON contract (NoteCode lists them all).
    public var code: NoteCode
    public var facts: [String: String]
}

/// A redacted report's mark: the method and the salt's id, so reports redacted alike can be told apart.
public struct ReportRedaction: Sendable, Equatable {
    public var method: String
    public var saltId: String

    public init(method: String = Redactor.method, saltId: String) {
        self.method = method
        self.saltId = saltId
    }
}

/// The complete result of one check run.
public struct Report: Sendable {
    public var spec: Spec
    public var inventory: Inventory
    public var results: [CheckResult]
    public var verdict: Verdict
    public var notes: [Note]
    /// SMBIOS UUID: the host's unique id in the DeviceBinding payload.
    public var hostId: Field
    /// How the values were replaced by salted hashes (`--redact`, or the redacted bundle a replay reads); the JSON
    /// report's "redaction" member.
    public var redaction: ReportRedaction?
    /// When the report was collected (UTC, RFC 3339, `--timestamp`): the JSON report's "collectedAt" member.
    public var collectedAt: String?

    public init(spec: Spec, inventory: Inventory, redaction: ReportRedaction? = nil, collectedAt: String? = nil) {
        self.spec = spec
        self.inventory = inventory
        self.redaction = redaction
        self.collectedAt = collectedAt
        results = Evaluator().evaluate(spec, inventory: inventory)
        verdict = Evaluator.verdict(results)
        hostId = inventory.dmi[.productUUID]
        notes = Self.notes(inventory: inventory, results: results)
    }

    static func notes(inventory: Inventory, results: [CheckResult]) -> [Note] {
        var notes: [Note] = []
        var denied = DMIField.allCases.filter { inventory.dmi[$0].state == .unreadable && inventory.dmi[$0].detail == .permissionDenied }
            .map(\.rawValue)
        denied += inventory.disks.filter { $0.serial.state == .unreadable && $0.serial.detail == .permissionDenied }
            .map { "\($0.name) serial" }
        denied += inventory.disks.filter { $0.hotPlug.needsRoot }.map { "\($0.name) hot-plug bits" }
        denied += inventory.nics.filter { $0.physical && $0.hotPlug.needsRoot }.map { "\($0.name) hot-plug bits" }
        if !denied.isEmpty { notes.append(Note(code: .needsRoot, facts: ["fields": denied.joined(separator: ", ")])) }
        if !inventory.dmi.available {
            let deviceTree = inventory.dmi[.boardSerial].state == .absent
            notes.append(Note(code: deviceTree ? .deviceTreeBoard : .noDMI, facts: [:]))
        }
        let system = inventory.dmi[.productSerial], board = inventory.dmi[.boardSerial]
        if system.state == .value, board.state == .value, let value = system.value, value == board.value {
            notes.append(Note(code: .serialShared, facts: ["value": value]))
        }
        if !inventory.udevDatabase { notes.append(Note(code: .noUdevDatabase, facts: [:])) }
        if inventory.systemDisk.boundDisks.count > 1 {
            notes.append(Note(code: .systemDiskMembers, facts: ["members": inventory.systemDisk.boundDisks.joined(separator: ", ")]))
        }
        let gaps = recordingGaps(inventory)
        if !gaps.isEmpty { notes.append(Note(code: .recordingGap, facts: ["missing": gaps.joined(separator: ", ")])) }
        // Without sys/class/block the recording cannot tell where "/" is: the gap note says so, not a fallback note.
        if let reason = inventory.systemDisk.fallbackReason, !inventory.recordingGaps.contains("sys/class/block") {
            var facts = reason.facts
            // No "chosen" fact when no disk qualifies: `message` then picks the note's ".no-disk" wording.
            if let chosen = inventory.systemDisk.disk { facts["chosen"] = chosen }
            // A disk is in sight, but a controller hides others: B2 is not bound to it (the ".hidden-disks" wording).
            if inventory.systemDisk.disk != nil, inventory.systemDisk.hiddenDisks != nil { facts["variant"] = "hidden-disks" }
            notes.append(Note(code: reason.noteCode, facts: facts))
        }
        // "/" proves the system disk, but a controller hides further disks: Windows may be installed on one of those.
        if inventory.systemDisk.method == .rootMount, let hidden = inventory.systemDisk.hiddenDisks,
           let disk = inventory.systemDisk.disk {
            var facts = hidden.facts
            facts["disk"] = disk
            notes.append(Note(code: .hiddenDisksPresent, facts: facts))
        }
        // A hypervisor's disk serial is whatever the VM was configured with (or a build's default, the same on every
        // clone: QEMU's IDE QM00001), as its MACs are: say so, as for B4.
        for name in inventory.systemDisk.boundDisks {
            if let disk = inventory.disks.first(where: { $0.name == name }), disk.hypervisor, disk.serial.submittedValue != nil {
                notes.append(Note(code: .hypervisorDiskSerial, facts: ["disk": name]))
            }
        }
        for result in results where result.category == .disk {
            // NVMe without EUI-64 and NGUID: what stornvme sends (controller serial, an all-zero form) is unknown.
            // (Identifiers that were not recorded are a gap in the recording: the recording-gap note says so.)
            if let windows = result.windowsSerial, windows.uncertain, !windows.notRecorded {
                notes.append(Note(code: .windowsValueUncertain, facts: ["disk": result.subject ?? "-"]))
            }
            // B2 judged on the Windows form, but the controller serial is junk: a vendor NVMe driver would send that.
            if let linux = result.linuxReasons, linux.contains(where: \.isFailure), result.windowsSerial?.placeholder == nil,
               let windows = result.windowsSerial?.value {
                var facts = ["disk": result.subject ?? "-", "windowsValue": windows]
                if let serial = result.field?.value { facts["serial"] = serial } else { facts["variant"] = "empty" }
                notes.append(Note(code: .nvmeControllerSerial, facts: facts))
            }
        }
        for result in results where result.category == .nic {
            if let name = result.subject, let nic = inventory.nics.first(where: { $0.name == name }),
               nic.bindingAddress.source != nic.permanentAddress.source {
                notes.append(Note(code: .currentMAC, facts: ["nic": name]))
            }
            if let name = result.subject, let nic = inventory.nics.first(where: { $0.name == name }) {
                if nic.adminUp == false { notes.append(Note(code: .nicAdminDown, facts: ["nic": name])) }
                if nic.hypervisor { notes.append(Note(code: .hypervisorMAC, facts: ["nic": name])) }
            }
        }
        return notes
    }

    /// What the recording lacks that a running kernel always has: whole directories, then per-device attributes
    /// (an NVMe/MMC serial, a netdev's address or driver link), as root-relative paths.
    static func recordingGaps(_ inventory: Inventory) -> [String] {
        var gaps = inventory.recordingGaps
        for disk in inventory.disks {
            if isUnrecordedSerial(disk.serial) {
                gaps.append("sys/class/block/\(disk.name)/device/serial")
            }
            // An NVMe namespace's `wwid` (every kernel since 4.6 has it): without it the Windows form is unknown.
            let namespaces = [(disk.name, disk.windowsSerial)] + disk.aliases.map { ($0, disk.aliasWindowsSerials[$0]) }
            for (name, windows) in namespaces where windows?.notRecorded == true {
                gaps.append("sys/class/block/\(name)/wwid")
            }
        }
        for nic in inventory.nics where nic.physical && nic.isNetworkAdapter {  // a WWAN class device has no driver link
            if nic.address.state == .sourceUnavailable { gaps.append("sys/class/net/\(nic.name)/address") }
            if nic.driverLinkNotRecorded { gaps.append("sys/class/net/\(nic.name)/device/driver") }
        }
        return gaps
    }

    /// An NVMe/MMC controller's `serial`, which every such controller has, missing from a recording.
    static func isUnrecordedSerial(_ field: Field) -> Bool {
        field.state == .sourceUnavailable && field.source?.hasSuffix("/device/serial") == true
    }

    /// The DeviceBinding payload: row id → value as the server would receive it.
    public var binding: [(id: String, value: String?)] {
        results.map { ($0.row.id, $0.submittedValue) }
    }
}

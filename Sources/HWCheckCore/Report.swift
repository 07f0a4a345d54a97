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
            notes.append(Note(code: reason.noteCode, facts: facts))
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

    // MARK: Text for a result

    public struct Finding: Sendable, Equatable {
        public var reason: ReasonCode
        public var message: String
        public var remedy: String
    }

    /// Message and remedy for each reason of a result, in `language`.
    public func findings(_ result: CheckResult, language: Language) -> [Finding] {
        let facts = templateFacts(result, language: language)
        return result.reasons.map { reason in
            // A finding may have a variant's wording ("disk.virtio-empty", "dmi.device-tree-absent") before the
            // general one; for disks the variant is the transport.
            let variant = facts["variant"] ?? facts["transport"]
            let specific = variant.flatMap { Catalog.entry("\(result.category.rawValue).\($0.lowercased())-\(reason.rawValue)") }
            // A hot-plug SATA port whose number is not known is named by libata's names for it, not "port {port}".
            let portless = reason == .hotPlug && facts["sataPortName"] != nil
                ? Catalog.entry("\(result.category.rawValue).\(reason.rawValue).no-port") : nil
            let entry = portless ?? specific ?? Catalog.entry("\(result.category.rawValue).\(reason.rawValue)")
            return Finding(reason: reason,
                           message: Catalog.fill(entry?.message.text(language) ?? reason.rawValue, facts),
                           remedy: Catalog.fill(entry?.remedy.text(language) ?? "", facts))
        }
    }

    public func message(_ note: Note, language: Language) -> (message: String, remedy: String) {
        // The fallback notes have a wording for "no internal disk at all" (no `chosen` disk to name).
        let fallbacks: [NoteCode] = [.rootOnRemovableDisk, .rootNotOnDisk, .noRootMount]
        let noDisk = fallbacks.contains(note.code) && note.facts["chosen"] == nil
        let variant = noDisk ? "no-disk" : note.facts["variant"]
        let entry = variant.flatMap { Catalog.entry("note.\(note.code.rawValue).\($0)") } ?? Catalog.entry("note.\(note.code.rawValue)")
        var facts = note.facts
        if let missing = facts["missing"] { facts["missing"] = Self.machinePaths(missing) }
        return (Catalog.fill(entry?.message.text(language) ?? note.code.rawValue, facts),
                Catalog.fill(entry?.remedy.text(language) ?? "", facts))
    }

    /// "sys/class/block, sys/class/net" as the machine names them: "/sys/class/block, /sys/class/net".
    static func machinePaths(_ list: String) -> String {
        list.split(separator: ", ").map { DetailText.machinePath(String($0)) }.joined(separator: ", ")
    }

    func templateFacts(_ result: CheckResult, language: Language) -> [String: String] {
        var facts = result.facts
        facts["title"] = result.row.title.text(language)
        facts["id"] = result.row.id
        facts["query"] = result.row.windowsQuery ?? "-"
        for (name, text) in result.localizedFacts { facts[name] = text.text(language) }
        // A file is named as the machine has it ("/sys/class/dmi/id/board_serial"); "udev:…", "ethtool:…" stay.
        if let source = facts["source"], ["sys/", "run/", "etc/", "proc/"].contains(where: { source.hasPrefix($0) }) {
            facts["source"] = DetailText.machinePath(source)
        }
        if let missing = facts["missing"] { facts["missing"] = Self.machinePaths(missing) }
        // A serial the recording lost: the remedy is to record again, not to run where udev runs.
        if result.category == .disk, facts["variant"] == nil, result.reasons.contains(.sourceUnavailable),
           result.field.map(Self.isUnrecordedSerial) == true {
            facts["variant"] = "not-recorded"
        }
        if let port = facts["port"].flatMap({ Int($0) }) {
            facts["portFromOne"] = String(port + 1)
        } else if facts["hotPlugVia"] == "ahci-port" {
            // No port number (an old kernel without ataN, or a recording without port_no): libata's names and why.
            facts.merge(Catalog.sataPortUnnamed(ata: facts["ata"], scsiHost: facts["scsiHost"], language: language)) { $1 }
        }
        if result.reasons.contains(.hotPlug) {
            facts["hotPlugKind"] = Catalog.hotPlugKind(detail: facts["hotPlugDetail"], language: language)
        }
        if result.reasons.contains(.hotPlugUnknown) {
            // The phrases name the port or bridge themselves ({port}, {controller}): fill them before they go in.
            let phrases = Catalog.hotPlugFacts(cause: facts["hotPlugCause"], via: facts["hotPlugVia"],
                                               portKnown: facts["sataPortName"] == nil, language: language)
            for (key, phrase) in phrases { facts[key] = Catalog.fill(phrase, facts) }
        }
        return facts
    }

    // MARK: JSON

    public func json(language: Language) -> JSONValue {
        var binding: [String: JSONValue] = [:]
        for entry in self.binding { binding[entry.id] = .optional(entry.value) }
        var members: [String: JSONValue] = [
            "schemaVersion": .int(schemaVersion),
            "tool": .object(["name": .string("hwcheck"), "version": .string(toolVersion)]),
            "spec": .object(["name": .string(spec.name), "version": .string(spec.version)]),
            "verdict": .string(verdict.rawValue),
            "binding": .object(binding),
            "hostId": .optional(hostId.submittedValue),
            "checks": .array(results.map { checkJSON($0, language: language) }),
            "notes": .array(notes.map { note in
                let text = message(note, language: language)
                return .object(["code": .string(note.code.rawValue), "message": .string(text.message), "remedy": .string(text.remedy)])
            }),
            "inventory": inventoryJSON(),
        ]
        if let redaction {
            members["redaction"] = .object(["method": .string(redaction.method), "saltId": .string(redaction.saltId)])
        }
        if let collectedAt { members["collectedAt"] = .string(collectedAt) }
        return .object(members)
    }

    func checkJSON(_ result: CheckResult, language: Language) -> JSONValue {
        let findings = findings(result, language: language)
        let passMessage = Catalog.fill(language == .zh ? "{title}：{value}" : "{title}: {value}", templateFacts(result, language: language))
        var members: [String: JSONValue] = [
            "id": .string(result.row.id),
            "title": .string(result.row.title.text(language)),
            "status": .string(result.status.rawValue),
            "reasons": .array(result.reasons.map { .string($0.rawValue) }),
            "value": .optional(result.submittedValue),
            "subject": .optional(result.subject),
            "source": .optional(result.field?.source),
            "windowsQuery": .optional(result.row.windowsQuery),
            "message": .string(findings.isEmpty ? passMessage : findings.map(\.message).joined(separator: " ")),
            "remedy": findings.isEmpty ? .null : .string(findings.map(\.remedy).joined(separator: " ")),
            "findings": .array(findings.map { finding in
                .object(["reason": .string(finding.reason.rawValue), "message": .string(finding.message),
                         "remedy": .string(finding.remedy)])
            }),
        ]
        // Only where Windows sends another form than Linux shows (NVMe): the value (null when it cannot be
        // predicted) and the rule that gave it.
        if let windows = result.windowsSerial {
            members["windowsValue"] = .optional(windows.value)
            members["windowsRule"] = .string(windows.rule)
        }
        // Judged on the Windows form: how the controller serial Linux shows would fare on its own.
        if let linux = result.linuxReasons { members["linuxReasons"] = .array(linux.map { .string($0.rawValue) }) }
        return .object(members)
    }

    func inventoryJSON() -> JSONValue {
        var dmiFields: [String: JSONValue] = [:]
        for field in DMIField.allCases { dmiFields[field.rawValue] = Self.fieldJSON(inventory.dmi[field]) }
        let choice = inventory.systemDisk
        return .object([
            "udevDatabase": .bool(inventory.udevDatabase),
            "dmi": .object(["available": .bool(inventory.dmi.available), "fields": .object(dmiFields)]),
            "disks": .array(inventory.disks.map { disk in
                var members: [String: JSONValue] = [
                    "name": .string(disk.name),
                    "sysfsPath": .string(disk.devicePath),
                    "transport": .string(disk.transport),
                    "model": Self.fieldJSON(disk.model),
                    "serial": Self.fieldJSON(disk.serial),
                    "sizeBytes": disk.sizeBytes.map { .int(Int(clamping: $0)) } ?? .null,
                    "removableMedia": .bool(disk.removableMedia),
                    "removableVia": .optional(disk.removableVia),
                    "udevInitialized": .bool(disk.udevInitialized),
                    "hotPlug": Self.hotPlugJSON(disk.hotPlug),
                    "aliases": .array(disk.aliases.map(JSONValue.string)),
                ]
                if let ids = disk.namespaceIDs {
                    members["namespaceIds"] = .object(["eui64": Self.fieldJSON(ids.eui64), "nguid": Self.fieldJSON(ids.nguid),
                                                        "wwid": Self.fieldJSON(ids.wwid)])
                }
                if let windows = disk.windowsSerial { members["windowsSerial"] = Self.windowsSerialJSON(windows) }
                if !disk.aliasWindowsSerials.isEmpty {
                    members["aliasWindowsSerials"] = .object(disk.aliasWindowsSerials.mapValues(Self.windowsSerialJSON))
                }
                return .object(members)
            }),
            "systemDisk": .object(systemDiskMembers(choice)),
            "nics": .array(inventory.nics.map { nic in
                .object([
                    "name": .string(nic.name),
                    "physical": .bool(nic.physical),
                    "virtualKind": .optional(nic.virtualKind),
                    "bus": .optional(nic.bus),
                    "hypervisor": .bool(nic.hypervisor),
                    "wireless": .bool(nic.wireless),
                    "sriovVirtualFunction": .bool(nic.sriovVirtualFunction),
                    "removableVia": .optional(nic.removableVia),
                    "driver": .optional(nic.driver),
                    "rfkillBlocked": .bool(nic.rfkillBlocked),
                    "adminUp": .optional(nic.adminUp),
                    "operState": .optional(nic.operState),
                    "onboard": .bool(nic.onboard),
                    "pciAddress": .optional(nic.pciAddress),
                    "vendorId": .optional(nic.vendorID),
                    "deviceId": .optional(nic.deviceID),
                    "vendorName": .optional(nic.vendorName),
                    "deviceName": .optional(nic.deviceName),
                    "address": Self.fieldJSON(nic.address),
                    "addressAssignType": .optional(nic.addressAssignType),
                    "permanentAddress": Self.fieldJSON(nic.permanentAddress),
                    "hotPlug": Self.hotPlugJSON(nic.hotPlug),
                    "master": .optional(nic.master),
                ])
            }),
        ])
    }

    func systemDiskMembers(_ choice: SystemDiskChoice) -> [String: JSONValue] {
        var members: [String: JSONValue] = [
            "method": .string(choice.method.rawValue),
            "disk": .optional(choice.disk),
            "rootDisks": .array(choice.rootDisks.map(JSONValue.string)),
            "rootSource": .optional(choice.rootSource),
            "rootFilesystem": .optional(choice.rootFilesystem),
            "fallbackReason": .optional(choice.fallbackReason?.code),
        ]
        // Only when "/" or --disk is on a further NVMe namespace of the disk entry.
        if let namespace = choice.namespace { members["namespace"] = .string(namespace) }
        // Only when no disk qualifies and a controller may hide disks from Linux.
        if let hidden = choice.hiddenDisks {
            members["hiddenDisks"] = .object(["cause": .string(hidden.cause.rawValue), "controller": .string(hidden.controller),
                                              "count": .optional(hidden.count), "class": .optional(hidden.pciClass)])
        }
        return members
    }

    static func windowsSerialJSON(_ windows: WindowsSerial) -> JSONValue {
        .object(["value": .optional(windows.value), "rule": .string(windows.rule), "placeholder": .optional(windows.placeholder)])
    }

    static func hotPlugJSON(_ info: HotPlugInfo) -> JSONValue {
        .object([
            "state": .string(info.state.rawValue),
            "via": .optional(info.via),
            "controller": .optional(info.controller),
            "port": .optional(info.port),
            "ataPort": .optional(info.ataPort),
            "detail": .optional(info.detail?.en),
        ])
    }

    static func fieldJSON(_ field: Field) -> JSONValue {
        .object([
            "state": .string(field.state.rawValue),
            "value": .optional(field.value),
            "raw": .optional(field.raw),
            "detail": .optional(field.detail?.en),
            "source": .optional(field.source),
        ])
    }
}

/// The JSON report (`hwcheck --json`, schemaVersion in Report.swift): every member is part of the contract.
extension Report {
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
            // What the row's value is (its spec source): how fleet, trace and the inventory know what a row means
            // whatever a custom spec calls it.
            "binds": .string(result.row.source.rawValue),
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

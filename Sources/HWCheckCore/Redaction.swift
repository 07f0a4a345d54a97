// `--redact`: serials, UUIDs and MACs replaced by salted hashes, so support can compare reports (the same value
// with the same salt gives the same token on every machine) without seeing identifiers.
//
// Only usable values are replaced: empty fields and placeholders stay as they are, since they identify nothing
// and are exactly what support needs to see. Every token comes from SHA-256(salt, 0x00, value) and keeps the
// value's shape, so a replay judges it as it judged the original: serials become "h:" and 16 hex digits; UUIDs a
// UUID (8-4-4-4-12); NVMe EUI-64/NGUID text the same text with each hex digit replaced; MACs a MAC whose
// locally-administered bit is the original's and whose multicast bit is clear (a valid unicast MAC for every tool
// that parses one, and a locally administered original is still told apart as one).

/// Turns identifiers into salted tokens.
public struct Redactor: Sendable, Equatable {
    /// `redaction.method` in a redacted report.
    public static let method = "sha256-salted"
    public let salt: String

    public init(salt: String) {
        self.salt = salt
    }

    /// A new random salt (16 hex digits from the system's random generator).
    public static func randomSalt() -> String {
        var generator = SystemRandomNumberGenerator()
        return Hex.encode((0..<8).map { _ in UInt8.random(in: 0...255, using: &generator) })
    }

    /// Names the salt without revealing it: reports with the same salt id can be compared.
    public var saltId: String {
        String(SHA256.hex(Array("hwcheck-salt-id\u{0}".utf8) + Array(salt.utf8)).prefix(8))
    }

    func digest(_ value: String) -> [UInt8] {
        SHA256.hash(Array(salt.utf8) + [0] + Array(value.utf8))
    }

    /// The token for a serial number or UUID.
    public func token(_ value: String) -> String {
        "h:" + Hex.encode(Array(digest(value).prefix(8)))
    }

    /// The token for a MAC address ("3c:ec:ef:10:20:30" → e.g. "14:9b:…"), compared case-insensitively. It keeps
    /// the original's locally-administered bit and is never multicast, so a replayed bundle judges it alike.
    public func macToken(_ value: String) -> String {
        var bytes = Array(digest(value.lowercased()).prefix(6))
        let original = UInt8(value.prefix(2), radix: 16) ?? 0
        bytes[0] = (bytes[0] & 0xFC) | (original & 0x02)
        return bytes.map { Hex.encode([$0]) }.joined(separator: ":")
    }

    /// The token for a UUID: UUID-shaped (8-4-4-4-12 lowercase hex), so a replay does not call it malformed.
    public func uuidToken(_ value: String) -> String {
        let hex = Hex.encode(Array(digest(value.lowercased()).prefix(16)))
        let characters = Array(hex)
        return [0..<8, 8..<12, 12..<16, 16..<20, 20..<32].map { String(characters[$0]) }.joined(separator: "-")
    }

    /// The token for a hex identifier as sysfs prints it (an NVMe EUI-64 "00 25 38 …" or NGUID UUID text): the
    /// same shape, every hex digit replaced by one of the hash, so its Windows form can still be derived.
    public func hexToken(_ value: String) -> String {
        var hash = Hex.encode(digest(value.lowercased())).makeIterator()
        return String(value.map { $0.isHexDigit && $0.isASCII ? hash.next() ?? "0" : $0 })
    }

    public func token(_ value: String, kind: IdentifierKind) -> String {
        switch kind {
        case .mac: return macToken(value)
        case .uuid: return uuidToken(value)
        case .serial: return token(value)
        }
    }

    /// Whether a field's text identifies a device: usable values, and addresses junk only by the
    /// locally-administered rule (a random address still identifies). Listed junk is public and kept, so a
    /// replay recognises it again.
    static func identifies(_ field: Field) -> Bool {
        field.state == .value || (field.state == .placeholder && field.detail == .locallyAdministeredPermanent)
    }

    /// The field with its value (and the raw text around it) replaced, when it identifies a device.
    public func redact(_ field: Field, kind: IdentifierKind) -> Field {
        guard Self.identifies(field), let value = field.value else { return field }
        var redacted = field
        let token = token(value, kind: kind)
        redacted.value = token
        redacted.raw = field.raw.map { $0.replacingEvery(value, with: token) }
        return redacted
    }

    /// Every identifier of an inventory redacted: DMI serials and UUID, disk serials, NIC addresses.
    public func redact(_ inventory: Inventory) -> Inventory {
        var result = inventory
        for field in DMIField.allCases {
            guard let kind = field.identifierKind, let value = result.dmi.fields[field] else { continue }
            result.dmi.fields[field] = redact(value, kind: kind)
        }
        for index in result.disks.indices {
            result.disks[index].serial = redact(result.disks[index].serial, kind: .serial)
            // NVMe namespace identifiers, and the Windows serial derived from them again (a junk form stays).
            if let ids = result.disks[index].namespaceIDs, result.disks[index].windowsSerial?.placeholder == nil {
                let redacted = redact(ids)
                result.disks[index].namespaceIDs = redacted
                result.disks[index].windowsSerial = WindowsForm.nvmeSerial(redacted, placeholders: .none)
            }
            for (name, ids) in result.disks[index].aliasNamespaceIDs where result.disks[index].aliasWindowsSerials[name]?.placeholder == nil {
                let redacted = redact(ids)
                result.disks[index].aliasNamespaceIDs[name] = redacted
                result.disks[index].aliasWindowsSerials[name] = WindowsForm.nvmeSerial(redacted, placeholders: .none)
            }
        }
        for index in result.nics.indices {
            result.nics[index].address = redact(result.nics[index].address, kind: .mac)
            result.nics[index].permanentAddress = redact(result.nics[index].permanentAddress, kind: .mac)
        }
        return result
    }

    /// A namespace's identifiers redacted alike: `wwid` carries the NGUID or EUI-64 digits (or, as "nvme.…", the
    /// controller serial in hex), so its digits become the same tokens as the file holding that identifier.
    func redact(_ ids: NVMeNamespaceIDs) -> NVMeNamespaceIDs {
        var wwid = ids.wwid
        if Self.identifies(wwid), let value = wwid.value {
            let token = wwidToken(value, ids: ids)
            wwid.value = token
            wwid.raw = wwid.raw.map { $0.replacingEvery(value, with: token) }
        }
        return NVMeNamespaceIDs(eui64: redactHex(ids.eui64), nguid: redactHex(ids.nguid), wwid: wwid)
    }

    /// "eui.<hex>" → "eui." and the digits of the matching `nguid`/`eui` token (or of the token of the text sysfs
    /// would print for it); "uuid."/"nvme." keep their prefix and get hashed digits.
    func wwidToken(_ value: String, ids: NVMeNamespaceIDs) -> String {
        guard let dot = value.firstIndex(of: ".") else { return hexToken(value) }
        let prefix = String(value[...dot]), rest = String(value[value.index(after: dot)...])
        guard prefix == "eui." else { return prefix + hexToken(rest) }
        let bare = { (text: String) in String(text.lowercased().filter(\.isHexDigit)) }
        for field in [ids.nguid, ids.eui64] {
            if field.state == .value, let text = field.value, bare(text) == bare(rest) { return prefix + bare(hexToken(text)) }
        }
        return prefix + bare(hexToken(Self.sysfsText(bare(rest))))
    }

    /// How sysfs prints an identifier of these digits: an NGUID as "%pU", an EUI-64 as "%8ph".
    static func sysfsText(_ hex: String) -> String {
        let characters = Array(hex)
        if characters.count == 32 {
            return [0..<8, 8..<12, 12..<16, 16..<20, 20..<32].map { String(characters[$0]) }.joined(separator: "-")
        }
        return stride(from: 0, to: characters.count, by: 2).map { String(characters[$0..<min($0 + 2, characters.count)]) }
            .joined(separator: " ")
    }

    func redactHex(_ field: Field) -> Field {
        guard field.state == .value, let value = field.value else { return field }
        var redacted = field
        redacted.value = hexToken(value)
        redacted.raw = field.raw.map { $0.replacingEvery(value, with: hexToken(value)) }
        return redacted
    }

    /// Text → token for every identifier of an inventory, for rewriting recorded files (a bundle): the value as
    /// reported and, for MACs, its upper-case form.
    public func substitutions(for inventory: Inventory) -> [(from: String, to: String)] {
        var pairs: [String: String] = [:]
        func add(_ field: Field, kind: IdentifierKind) {
            guard Self.identifies(field), let value = field.value else { return }
            pairs[value] = token(value, kind: kind)
            if kind == .mac { pairs[value.uppercased()] = token(value, kind: kind) }
        }
        for field in DMIField.allCases {
            if let kind = field.identifierKind { add(inventory.dmi[field], kind: kind) }
        }
        for disk in inventory.disks {
            add(disk.serial, kind: .serial)
            // NVMe EUI-64/NGUID as sysfs prints them, and as udev's ID_WWN/`wwid` write them (bare hex, "eui." prefix).
            var identifiers = disk.windowsSerial?.placeholder == nil ? [disk.namespaceIDs?.eui64, disk.namespaceIDs?.nguid] : []
            for (name, ids) in disk.aliasNamespaceIDs where disk.aliasWindowsSerials[name]?.placeholder == nil {
                identifiers += [ids.eui64, ids.nguid]
            }
            for field in identifiers.compactMap({ $0 }) where field.state == .value {
                guard let value = field.value else { continue }
                let token = hexToken(value)
                pairs[value] = token
                let bare = { (text: String) in String(text.lowercased().filter { $0.isHexDigit }) }
                pairs[bare(value)] = bare(token)
            }
            // `wwid` whole (and udev's ID_WWN, its copy): its "nvme." form holds the controller serial in hex.
            var namespaces = disk.windowsSerial?.placeholder == nil ? [disk.namespaceIDs].compactMap { $0 } : []
            for (name, ids) in disk.aliasNamespaceIDs where disk.aliasWindowsSerials[name]?.placeholder == nil { namespaces.append(ids) }
            for ids in namespaces where Self.identifies(ids.wwid) {
                guard let value = ids.wwid.value else { continue }
                pairs[value] = wwidToken(value, ids: ids)
            }
        }
        for nic in inventory.nics {
            add(nic.address, kind: .mac)
            add(nic.permanentAddress, kind: .mac)
        }
        // Longest first, so a value that contains another is replaced whole.
        return pairs.map { ($0.key, $0.value) }.sorted { ($0.from.count, $0.from) > ($1.from.count, $1.from) }
    }
}

extension String {
    /// Every occurrence of `target` replaced (the library does not use Foundation).
    public func replacingEvery(_ target: String, with replacement: String) -> String {
        guard !target.isEmpty else { return self }
        var result = ""
        var rest = self[...]
        while let range = rest.firstRange(of: target) {
            result += rest[..<range.lowerBound]
            result += replacement
            rest = rest[range.upperBound...]
        }
        return result + rest
    }
}

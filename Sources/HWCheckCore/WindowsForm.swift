// The Windows form of the system disk's serial: what the Windows activation client sends for B2 where it differs
// from what Linux shows (README "Windows forms", with the sources).
//
// Win32_DiskDrive.SerialNumber (`wmic diskdrive get SerialNumber`) is the disk's SCSI Unit Serial Number
// (INQUIRY VPD page 0x80). For NVMe disks on Microsoft's inbox driver (stornvme) that page is translated from the
// namespace's identifiers, not the controller's serial (NVM Express SCSI Translation Reference 1.5, 6.1.3, as
// googleinterns/scsi2nvme lib/translator/inquiry.cc TranslateUnitSerialNumberVpd implements it):
//   NGUID non-zero  → its 32 hex digits in groups of four joined by "_", then "." (`0000_0000_0000_0001_00A0_…_4E36.`)
//   else EUI-64 non-zero → its 16 hex digits the same way (`0025_3846_3140_F11C.`)
//   else (NVMe 1.0)  → the controller serial, "_", the namespace id: not seen in recordings, so hwcheck does not
//                      predict it and says the Windows value is uncertain.
// Public Windows recordings show exactly these strings (upper case): nsacyber/paccor issue 86, glpi-agent issues
// 198 and 680, glpi issue 16421.
//
// What Linux shows (drivers/nvme/host/sysfs.c, formerly core.c): `eui` ("%8ph", bytes separated by spaces;
// "%8phd", dashes, in older kernels) and `nguid` ("%pU") are hidden when all zero, so a missing file alone does not
// tell "zero" from "not recorded". `wwid` (since 4.6, commit 118472ab) is always there and says which identifier
// the namespace has: "uuid.<UUID>" when it has a namespace UUID, else "eui.<32 hex>" for a non-zero NGUID, else
// "eui.<16 hex>" for a non-zero EUI-64, else "nvme.<vid>-<serial hex>-<model hex>-<nsid>" (wwid_show). Kernels
// 4.5 to 4.12 had no `nguid` file (the NGUID was under `uuid`; commit 2b9b6e86), which `wwid` covers; a "uuid."
// wwid comes from kernels that have `nguid`, so there a missing `nguid` means zero. Without `wwid` (a recording
// that lacks it, or a kernel older than 4.6) the form is "not recorded", not "uncertain".
// With NVME_QUIRK_BOGUS_NID (set from drivers/nvme/host/pci.c's table for drives whose units all share one id, and
// by core.c when it finds one id on two drives; nvme_process_ns_desc and nvme_ns_info_from_identify then drop the
// ids) Linux shows none although the drive has one, and Windows still sends that shared id: the "uncertain" note
// names this cause.
// Other buses (SATA, SCSI, USB, virtio, MMC) send what Linux shows, trimmed: no Windows form is given for them.

/// An NVMe namespace's identifiers as sysfs shows them (`eui`, `nguid` absent when all zero; `wwid` always there
/// since 4.6).
public struct NVMeNamespaceIDs: Sendable, Equatable {
    public var eui64: Field
    public var nguid: Field
    public var wwid: Field

    public init(eui64: Field, nguid: Field, wwid: Field) {
        self.eui64 = eui64
        self.nguid = nguid
        self.wwid = wwid
    }
}

/// The value Windows is expected to send for a disk's serial, and the rule that produced it.
public struct WindowsSerial: Sendable, Equatable {
    /// "0025_3846_3140_F11C."; nil when hwcheck cannot predict it (`rule` says why).
    public var value: String?
    /// `nvme-nguid`, `nvme-eui64` (value known), `nvme-no-namespace-id` (the kernel shows no identifier: uncertain)
    /// or `nvme-ids-not-recorded` (no `wwid` to tell). Part of the JSON contract.
    public var rule: String
    /// The placeholder rule the Windows form matches (all zeros, one repeated digit), when it does.
    public var placeholder: String?

    public init(value: String?, rule: String, placeholder: String? = nil) {
        self.value = value
        self.rule = rule
        self.placeholder = placeholder
    }

    /// Windows will send something hwcheck cannot predict from Linux.
    public var uncertain: Bool { value == nil }

    /// The namespace's identifiers were not recorded (no `wwid`): a gap, not a fact about the drive.
    public var notRecorded: Bool { rule == Self.notRecordedRule }

    static let notRecordedRule = "nvme-ids-not-recorded"
}

public enum WindowsForm {
    /// The Windows serial of an NVMe namespace from its sysfs `nguid`, `eui` and `wwid`.
    public static func nvmeSerial(_ ids: NVMeNamespaceIDs, placeholders: PlaceholderRules) -> WindowsSerial {
        func form(_ hex: String, _ rule: String) -> WindowsSerial {
            WindowsSerial(value: grouped(hex), rule: rule, placeholder: placeholders.match(hex, kind: .serial))
        }
        if let hex = usableHex(ids.nguid, count: 32) { return form(hex, "nvme-nguid") }
        let eui = usableHex(ids.eui64, count: 16)
        switch usableText(ids.wwid).flatMap(WWID.init) {
        case .nguid(let hex): return form(hex, "nvme-nguid")
        case .eui64(let hex): return form(eui ?? hex, "nvme-eui64")
        case .uuid, .noIdentifier:
            // "uuid." only where `nguid` exists: its absence means the NGUID is zero. "nvme.": no identifier at all.
            if let eui { return form(eui, "nvme-eui64") }
            return WindowsSerial(value: nil, rule: "nvme-no-namespace-id")
        case nil:
            // Without `wwid` a missing `nguid` may be a gap in the recording (or the NGUID sat under `uuid`).
            return WindowsSerial(value: nil, rule: WindowsSerial.notRecordedRule)
        }
    }

    /// What a namespace's `wwid` says it has (drivers/nvme/host/sysfs.c wwid_show).
    enum WWID: Equatable {
        case uuid, nguid(String), eui64(String)
        /// "nvme.…": the kernel has no identifier for the namespace (none, or ignored as bogus).
        case noIdentifier

        init?(_ text: String) {
            if text.hasPrefix("uuid.") {
                self = .uuid
            } else if text.hasPrefix("nvme.") {
                self = .noIdentifier
            } else if text.hasPrefix("eui.") {
                let digits = String(text.dropFirst(4))
                if let hex = WindowsForm.hexDigits(digits, count: 32) {
                    self = .nguid(hex)
                } else if let hex = WindowsForm.hexDigits(digits, count: 16) {
                    self = .eui64(hex)
                } else {
                    return nil
                }
            } else {
                return nil
            }
        }
    }

    static func usableText(_ field: Field) -> String? {
        guard field.state == .value || field.state == .placeholder else { return nil }
        return field.value
    }

    static func usableHex(_ field: Field, count: Int) -> String? {
        usableText(field).flatMap { hexDigits($0, count: count) }
    }

    /// Upper-case hex digits of an identifier as sysfs prints it ("00 25 38 …", "00-25-…", a UUID), when it has
    /// exactly `count` of them and nothing else but separators.
    static func hexDigits(_ text: String, count: Int) -> String? {
        var digits = ""
        for character in text {
            if character.isHexDigit, character.isASCII { digits.append(character) } else if !" -:_".contains(character) { return nil }
        }
        return digits.count == count ? digits.uppercased() : nil
    }

    /// "002538463140F11C" → "0025_3846_3140_F11C." (stornvme's Unit Serial Number form).
    public static func grouped(_ hex: String) -> String {
        var result = ""
        for (index, character) in hex.enumerated() {
            if index > 0 && index % 4 == 0 { result.append("_") }
            result.append(character)
        }
        return result + "."
    }

    /// A disk serial as people and servers write it, reduced for comparison: trimmed, upper case, without the
    /// trailing "." of the Windows form and without "_", "-", ":" and spaces, so "0025_3846_3140_F11C.",
    /// "0025-3846-3140-f11c" and "002538463140F11C" are one value.
    public static func serialKey(_ value: String) -> String {
        var text = Substring(value.trimmedWhitespace)
        while text.last == "." { text = text.dropLast() }
        return String(text.filter { !" _-:".contains($0) }).uppercased()
    }
}

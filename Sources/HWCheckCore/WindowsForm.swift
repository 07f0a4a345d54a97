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
// 198 and 680, glpi issue 16421. The bytes are in the order Linux prints them: sysfs `eui` is "%8ph" (bytes
// separated by spaces; "%8phd", dashes, in older kernels) and `nguid` "%pU" (big-endian UUID text), and the kernel
// hides either attribute when it is all zero (drivers/nvme/host/sysfs.c, nvme_ns_id_attrs_are_visible).
// Other buses (SATA, SCSI, USB, virtio, MMC) send what Linux shows, trimmed: no Windows form is given for them.

/// An NVMe namespace's identifiers as sysfs shows them (absent when all zero).
public struct NVMeNamespaceIDs: Sendable, Equatable {
    public var eui64: Field
    public var nguid: Field

    public init(eui64: Field, nguid: Field) {
        self.eui64 = eui64
        self.nguid = nguid
    }
}

/// The value Windows is expected to send for a disk's serial, and the rule that produced it.
public struct WindowsSerial: Sendable, Equatable {
    /// "0025_3846_3140_F11C."; nil when hwcheck cannot predict it (`rule` says why).
    public var value: String?
    /// `nvme-nguid`, `nvme-eui64` (value known) or `nvme-no-namespace-id` (uncertain). Part of the JSON contract.
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
}

public enum WindowsForm {
    /// The Windows serial of an NVMe namespace from its sysfs `nguid` and `eui` fields (absent when zero).
    public static func nvmeSerial(eui: Field, nguid: Field, placeholders: PlaceholderRules) -> WindowsSerial {
        for (field, digits, rule) in [(nguid, 32, "nvme-nguid"), (eui, 16, "nvme-eui64")] {
            guard field.state == .value || field.state == .placeholder, let text = field.value,
                  let hex = hexDigits(text, count: digits) else { continue }
            let value = grouped(hex)
            return WindowsSerial(value: value, rule: rule, placeholder: placeholders.match(hex, kind: .serial))
        }
        return WindowsSerial(value: nil, rule: "nvme-no-namespace-id")
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

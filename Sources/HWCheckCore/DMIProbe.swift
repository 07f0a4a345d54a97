// DMI probe: the SMBIOS identity the kernel exports (drivers/firmware/dmi-id.c).
//
// Reads, under the system root:
//   sys/class/dmi/id/{product_serial, board_serial, chassis_serial, product_uuid}   mode 0400: root only
//   sys/class/dmi/id/{sys_vendor, product_name, board_vendor, board_name,
//                     bios_vendor, bios_version, chassis_type}                       world-readable
//   sys/firmware/devicetree/base/serial-number   stands in for product_serial when there is no DMI at all
//
// A file exists only if the firmware has the field; an index-0 or all-space string gives a file holding just
// "\n" (empty); other bytes are kept as they are (drivers/firmware/dmi_scan.c). EACCES means "not root", never
// "empty". With no sys/class/dmi/id at all the machine has no SMBIOS table the kernel could use
// (device-tree boards, some VMs): every field is then "source unavailable", not "absent".

/// The DMI fields hwcheck collects, in report order.
public enum DMIField: String, Sendable, CaseIterable {
    case productSerial = "product_serial"
    case boardSerial = "board_serial"
    case productUUID = "product_uuid"
    case chassisSerial = "chassis_serial"
    case sysVendor = "sys_vendor"
    case productName = "product_name"
    case boardVendor = "board_vendor"
    case boardName = "board_name"
    case biosVendor = "bios_vendor"
    case biosVersion = "bios_version"
    case chassisType = "chassis_type"

    /// Identifiers are checked against the placeholder lists; descriptive names are not.
    var identifierKind: IdentifierKind? {
        switch self {
        case .productSerial, .boardSerial, .chassisSerial: return .serial
        case .productUUID: return .uuid
        default: return nil
        }
    }
}

public struct DMIInfo: Sendable, Equatable {
    /// False when the kernel exports no DMI table at all.
    public var available: Bool
    public var fields: [DMIField: Field]
    /// A device-tree platform: no SMBIOS by design.
    public var deviceTree = false

    public subscript(field: DMIField) -> Field {
        fields[field] ?? .absent("sys/class/dmi/id/\(field.rawValue)")
    }
}

public struct DMIProbe: Sendable {
    static let directory = "sys/class/dmi/id"
    static let deviceTreeSerial = "sys/firmware/devicetree/base/serial-number"

    public init() {}

    public func probe(_ files: SystemFiles, placeholders: PlaceholderRules) -> DMIInfo {
        guard files.isDirectory(Self.directory) else {
            // A device-tree platform has no SMBIOS by design: its fields are absent, a fact. Anywhere else a
            // missing table may be the kernel's or the hypervisor's doing: the fields are unavailable here.
            let deviceTree = files.isDirectory("sys/firmware/devicetree/base")
            var fields: [DMIField: Field] = [:]
            for field in DMIField.allCases {
                let path = "\(Self.directory)/\(field.rawValue)"
                fields[field] = deviceTree ? .absent(path, detail: .deviceTreeNoSMBIOS)
                    : .unavailable(path, detail: .noDMITable(Self.directory))
            }
            // Device-tree boards carry a board serial here; it is the nearest thing to an SMBIOS serial.
            if files.exists(Self.deviceTreeSerial) {
                var standIn = Field.read(Self.deviceTreeSerial, from: files, kind: .serial, placeholders: placeholders)
                standIn.detail = .joined([standIn.detail, .deviceTreeSerialStandsIn].compactMap { $0 })
                fields[.productSerial] = standIn
            }
            return DMIInfo(available: false, fields: fields, deviceTree: deviceTree)
        }
        var fields: [DMIField: Field] = [:]
        for field in DMIField.allCases {
            let path = "\(Self.directory)/\(field.rawValue)"
            if let kind = field.identifierKind {
                fields[field] = Field.read(path, from: files, kind: kind, placeholders: placeholders)
            } else {
                // Names are reported as read; an empty name is still "empty", but never a placeholder failure.
                fields[field] = Field.read(path, from: files, kind: .serial, placeholders: PlaceholderRules.none)
            }
        }
        return DMIInfo(available: true, fields: fields)
    }
}

extension PlaceholderRules {
    /// Matches nothing: for descriptive fields that are reported, not judged.
    public static let none = PlaceholderRules(entries: [], rules: [])
}

// Disk probe: physical disks, their serial numbers and whether they are removable.
//
// Input: block-device records (libudev live, recorded files under --sysroot; see BlockDevices.swift).
// Skipped as binding candidates: partitions (the `partition` file, or on older kernels uevent DEVTYPE=partition
// or `start`); loop*, zram*, ram*, nbd*, sr*, fd*, dm-*, md* (virtual or optical); anything without a `device`
// link; NVMe multipath paths (`hidden` = 1); disks of software SCSI hosts (scsi_debug, tcm_loop).
//
// Serial, first that exists (util-linux misc-utils/lsblk-properties.c order, with one correction):
//   udev SCSI_IDENT_SERIAL → ID_SCSI_SERIAL → ID_SERIAL_SHORT → ID_SERIAL (virtio only: its rule copies the
//   serial attribute there) → sysfs: nvme `device/serial`, virtio `serial`, mmc `device/serial`,
//   SCSI/SATA/USB `device/vpd_pg80` (libata synthesises page 0x80 from the ATA serial).
// The correction: when an ATA disk has no serial, ata_id sets ID_SERIAL to the *model alone* and no
// ID_SERIAL_SHORT (systemd src/udev/ata_id/ata_id.c); lsblk then shows the model as the serial. We report the
// serial as empty, which is what the activation server receives.
// Without a udev database the sysfs attributes are all there is; if the transport has none the serial is
// "source unavailable", not empty. Every NVMe controller has a `serial` attribute and every MMC/SD card one
// (drivers/nvme/host/sysfs.c, drivers/mmc/core/mmc.c and sd.c): a recording without it lacks the source, so
// the serial is "source unavailable" there too, never "absent".
//
// Transport: "sata" for a SCSI disk with an `ataN` path component (libata-transport, kernel 2.6.37+), or whose
// SCSI vendor is "ATA" (libata and SAT bridges on SAS HBAs answer INQUIRY so) or udev says ID_BUS=ata: older
// kernels and SAS HBAs put SATA disks on paths without `ataN`.
//
// Skipped too: eMMC boot and RPMB areas (mmcblkNbootM, mmcblkNrpmb: same chip, not disks).
// One physical disk, one entry: NVMe namespaces of one controller share its serial (the first namespace stands
// for them); SCSI paths with the same `device/wwid` are one multipath disk (the first path stands for them).
//
// Removable, three meanings kept apart:
//   `removable` = removable *media* (card readers, optical; an SD card, `device/type` = SD);
//   a USB ancestor or an ancestor whose generic `removable` attribute says "removable" (USB ports,
//   Thunderbolt/USB4) = a removable *device*;
//   a hot-plug-capable AHCI port or PCIe slot = removable *for Windows* (HotPlugProbe.swift).
//
// NVMe namespaces: `eui`, `nguid` (drivers/nvme/host/sysfs.c; absent when all zero) and `wwid` (always there
// since 4.6: it tells a zero identifier from one a recording lacks; udev's ID_WWN, its copy, where a recording
// has no `wwid` file) of the block device give the serial Windows sends instead of the controller's (WindowsForm.swift).

public struct DiskInfo: Sendable, Equatable {
    public var name: String
    public var devicePath: String
    /// "sata", "nvme", "scsi", "usb", "virtio", "mmc" or "unknown".
    public var transport: String
    public var model: Field
    public var serial: Field
    public var sizeBytes: UInt64?
    /// `removable` attribute = 1: removable media.
    public var removableMedia: Bool
    /// Why the device itself is removable: "usb", or the sysfs path of an ancestor marked removable.
    public var removableVia: String?
    public var udevInitialized: Bool
    /// Whether the port or slot makes the disk removable for Windows.
    public var hotPlug: HotPlugInfo
    /// Other kernel names of this same disk: further NVMe namespaces, further multipath paths.
    public var aliases: [String]
    /// NVMe only: the namespace's sysfs `eui` (EUI-64), `nguid` and `wwid`; nil for other disks.
    public var namespaceIDs: NVMeNamespaceIDs?
    /// What Windows sends as this disk's serial where it differs from `serial` (NVMe); nil otherwise.
    public var windowsSerial: WindowsSerial?
    /// The Windows serial of each further NVMe namespace in `aliases` (each is a disk of its own on Windows).
    public var aliasWindowsSerials: [String: WindowsSerial] = [:]
    /// The ids those further namespaces' Windows serials come from (for `--redact`).
    public var aliasNamespaceIDs: [String: NVMeNamespaceIDs] = [:]
    /// Emulated by a hypervisor (`DiskProbe.isEmulated`): its serial is whatever the VM was configured with.
    public var hypervisor: Bool = false

    /// How people write the bus: "SATA", "NVMe"…
    public static func transportLabel(_ transport: String) -> String {
        ["sata": "SATA", "nvme": "NVMe", "scsi": "SCSI", "usb": "USB", "mmc": "MMC"][transport] ?? transport
    }

    /// Not removable media and not a removable device (hot-plug is judged separately: it can be unknown).
    public var isInternal: Bool { !removableMedia && removableVia == nil }
}

public struct DiskProbe: Sendable {
    static let virtualPrefixes = ["loop", "zram", "ram", "nbd", "sr", "fd", "dm-", "md", "zd", "mtdblock"]

    public init() {}

    public func probe(_ records: [BlockDeviceRecord], files: SystemFiles, placeholders: PlaceholderRules,
                      registers: PCIRegisterReader) -> [DiskInfo] {
        let candidates = records.filter { isDiskCandidate($0, files: files) }.sorted { DiskOrder.precedes($0.name, $1.name) }
        var disks: [DiskInfo] = []
        var indexByIdentity: [String: Int] = [:]
        for record in candidates {
            if let identity = sharedIdentity(record, files: files) {
                if let index = indexByIdentity[identity] {
                    disks[index].aliases.append(record.name)
                    // Windows shows every namespace as a disk of its own, serialled by that namespace's ids.
                    if identity.hasPrefix("nvme:") {
                        let (ids, windows) = namespace(record, files: files, placeholders: placeholders)
                        disks[index].aliasNamespaceIDs[record.name] = ids
                        disks[index].aliasWindowsSerials[record.name] = windows
                    }
                    continue
                }
                indexByIdentity[identity] = disks.count
            }
            disks.append(disk(record, files: files, placeholders: placeholders, registers: registers))
        }
        return disks
    }

    /// What makes two block devices one physical disk: the NVMe controller, or the SCSI World Wide Identifier.
    func sharedIdentity(_ record: BlockDeviceRecord, files: SystemFiles) -> String? {
        if record.name.hasPrefix("nvme"), let controller = files.resolve("\(record.devicePath)/device") {
            return "nvme:" + controller
        }
        if record.name.hasPrefix("sd"), let wwid = files.attribute("\(record.devicePath)/device/wwid"), !wwid.isEmpty {
            return "wwid:" + wwid
        }
        return nil
    }

    func isDiskCandidate(_ record: BlockDeviceRecord, files: SystemFiles) -> Bool {
        if record.devType == "partition" || SysfsDevicePath.isPartition(record.devicePath, files: files) { return false }
        if Self.virtualPrefixes.contains(where: { record.name.hasPrefix($0) }) { return false }
        if SysfsDevicePath.isPseudoDevice(record.devicePath) { return false }
        if record.name.hasPrefix("mmcblk") && (record.name.contains("boot") || record.name.hasSuffix("rpmb")) { return false }
        if !files.exists("\(record.devicePath)/device") { return false }
        if files.attribute("\(record.devicePath)/hidden") == "1" { return false }
        return true
    }

    func disk(_ record: BlockDeviceRecord, files: SystemFiles, placeholders: PlaceholderRules,
              registers: PCIRegisterReader) -> DiskInfo {
        let path = record.devicePath
        let transport = Self.transport(of: record, files: files)
        let sectors = files.attribute("\(path)/size").flatMap { UInt64($0) }
        var removableVia = transport == "usb" ? "usb" : SysfsDevicePath.removableAncestor(of: path, files: files, includingSelf: false)
        if removableVia == nil, transport == "mmc", files.attribute("\(path)/device/type") == "SD" { removableVia = "sd-card" }
        var namespaceIDs: NVMeNamespaceIDs?
        var windowsSerial: WindowsSerial?
        if transport == "nvme" {
            (namespaceIDs, windowsSerial) = namespace(record, files: files, placeholders: placeholders)
        }
        let modelField = self.model(record, files: files)
        var disk = DiskInfo(
            name: record.name,
            devicePath: path,
            transport: transport,
            model: modelField,
            serial: serial(record, transport: transport, files: files, placeholders: placeholders),
            sizeBytes: sectors.map { $0 * 512 },
            removableMedia: files.attribute("\(path)/removable") == "1",
            removableVia: removableVia,
            udevInitialized: record.udevInitialized,
            hotPlug: removableVia == nil ? HotPlugProbe().hotPlug(of: path, files: files, registers: registers) : .notApplicable,
            aliases: [],
            namespaceIDs: namespaceIDs,
            windowsSerial: windowsSerial
        )
        disk.hypervisor = Self.isEmulated(path, model: modelField.value, files: files)
        return disk
    }

    /// SCSI INQUIRY vendors of emulated disks: QEMU's scsi-hd (hw/scsi/scsi-disk.c), VMware's virtual disks,
    /// Hyper-V's storvsc ("Msft", "Virtual Disk"). QEMU's IDE/AHCI disks answer as vendor "ATA" with model
    /// "QEMU HARDDISK" (hw/ide/core.c, whose default serial QM%05d makes every VM's first disk QM00001),
    /// VirtualBox's as "VBOX HARDDISK", QEMU's NVMe as "QEMU NVMe Ctrl" (hw/nvme/ctrl.c).
    static let emulatedVendors = ["QEMU", "VMware", "Msft"]
    static let emulatedModelPrefixes = ["QEMU HARDDISK", "QEMU NVMe", "VBOX HARDDISK", "VMware Virtual"]

    /// A disk a hypervisor emulates: on (or below) a hypervisor bus, the same test as for network adapters
    /// (`SysfsDevicePath.hypervisorBus`), or answering with an emulator's vendor or model.
    static func isEmulated(_ path: String, model: String?, files: SystemFiles) -> Bool {
        if SysfsDevicePath.hypervisorBus(of: path, files: files) != nil { return true }
        if let vendor = files.attribute("\(path)/device/vendor")?.trimmedWhitespace,
           emulatedVendors.contains(where: { vendor.hasPrefix($0) }) {
            return true
        }
        guard let model = model?.trimmedWhitespace else { return false }
        return emulatedModelPrefixes.contains { model.hasPrefix($0) }
    }

    /// An NVMe namespace's `eui`, `nguid` and `wwid`, kept as read (no placeholder list: they are hex identifiers,
    /// judged in their Windows form), and that form. A `wwid` file a recording lacks is taken from udev's `ID_WWN`,
    /// which is that very attribute: systemd's rules.d/60-persistent-storage.rules sets it for an NVMe namespace only
    /// as `ATTRS{wwid}=="?*", ENV{ID_WWN}="$attr{wwid}"` (udev drops only the trailing newline; wwid_show prints
    /// no spaces). So it is the value the kernel shows, not a second opinion; an unreadable `wwid` stays unreadable.
    func namespace(_ record: BlockDeviceRecord, files: SystemFiles, placeholders: PlaceholderRules) -> (ids: NVMeNamespaceIDs, windows: WindowsSerial) {
        let path = record.devicePath
        var wwid = Field.read("\(path)/wwid", from: files, kind: .serial, placeholders: .none)
        if wwid.state == .absent, let wwn = record.properties["ID_WWN"]?.trimmedWhitespace, !wwn.isEmpty {
            wwid = Field(state: .value, value: wwn, source: "udev:ID_WWN")
        }
        let ids = NVMeNamespaceIDs(eui64: Field.read("\(path)/eui", from: files, kind: .serial, placeholders: .none),
                                   nguid: Field.read("\(path)/nguid", from: files, kind: .serial, placeholders: .none),
                                   wwid: wwid)
        return (ids, WindowsForm.nvmeSerial(ids, placeholders: placeholders))
    }

    /// The bus a disk hangs off, from its sysfs path (works with and without udev).
    static func transport(of record: BlockDeviceRecord, files: SystemFiles) -> String {
        let components = PathComponents.split(record.devicePath)
        if SysfsDevicePath.isBehindUSB(record.devicePath) { return "usb" }
        let name = record.name
        if name.hasPrefix("nvme") { return "nvme" }
        if name.hasPrefix("vd") { return "virtio" }
        if name.hasPrefix("mmcblk") { return "mmc" }
        if name.hasPrefix("sd") {
            let onATA = components.contains { $0.hasPrefix("ata") && $0.count > 3 && $0.dropFirst(3).allSatisfy(\.isNumber) }
            let ataVendor = files.attribute("\(record.devicePath)/device/vendor")?.trimmedWhitespace == "ATA"
            let ataUdev = record.properties["ID_ATA"] == "1" || record.properties["ID_BUS"] == "ata"
            return onATA || ataVendor || ataUdev ? "sata" : "scsi"
        }
        return "unknown"
    }

    func model(_ record: BlockDeviceRecord, files: SystemFiles) -> Field {
        let path = "\(record.devicePath)/device/model"
        if case .text(let text) = files.readText(path) {
            return Field.classify(text, source: path, kind: .serial, placeholders: .none)
        }
        if let model = record.properties["ID_MODEL"] {
            return Field.classify(model.replacingUnderscores, source: "udev:ID_MODEL", kind: .serial, placeholders: .none)
        }
        return .absent(path)
    }

    func serial(_ record: BlockDeviceRecord, transport: String, files: SystemFiles, placeholders: PlaceholderRules) -> Field {
        let properties = record.properties
        if record.udevInitialized {
            for key in ["SCSI_IDENT_SERIAL", "ID_SCSI_SERIAL", "ID_SERIAL_SHORT"] {
                if let value = properties[key], !value.trimmedWhitespace.isEmpty {
                    return Field.classify(value, source: "udev:\(key)", kind: .serial, placeholders: placeholders)
                }
            }
            if transport == "virtio", let value = properties["ID_SERIAL"], !value.trimmedWhitespace.isEmpty {
                return Field.classify(value, source: "udev:ID_SERIAL", kind: .serial, placeholders: placeholders)
            }
            if properties["ID_ATA"] == "1" || properties["ID_BUS"] == "ata", properties["ID_SERIAL"] != nil {
                return Field(state: .empty, detail: .udevSerialIsModel,
                             source: "udev:ID_SERIAL")
            }
        }
        if let sysfs = sysfsSerial(record, transport: transport, files: files, placeholders: placeholders) {
            return sysfs
        }
        if transport == "nvme" || transport == "mmc" {
            return .unavailable("\(record.devicePath)/device/serial",
                                detail: .recordingLacksSerial(transport: DiskInfo.transportLabel(transport)))
        }
        if !record.udevInitialized {
            return .unavailable("run/udev/data/b\(record.devNumber ?? "?")",
                                detail: .noSerialSource(transport: transport))
        }
        return .absent("udev:ID_SERIAL_SHORT", detail: .udevNoSerial)
    }

    /// The serial attribute sysfs has for this transport; nil when there is no such attribute.
    func sysfsSerial(_ record: BlockDeviceRecord, transport: String, files: SystemFiles, placeholders: PlaceholderRules) -> Field? {
        let path = record.devicePath
        switch transport {
        case "nvme", "mmc":
            return readIfExists("\(path)/device/serial", files: files, placeholders: placeholders)
        case "virtio":
            return readIfExists("\(path)/serial", files: files, placeholders: placeholders)
        case "sata", "scsi", "usb":
            let vpdPath = "\(path)/device/vpd_pg80"
            switch files.read(vpdPath) {
            case .bytes(let bytes):
                return Field.classify(Self.unitSerialNumber(fromVPDPage: bytes), source: vpdPath, kind: .serial, placeholders: placeholders)
            case .missing:
                return nil
            case .denied:
                return Field(state: .unreadable, detail: .permissionDenied, source: vpdPath)
            case .failed(let code):
                return Field(state: .unreadable, detail: .readError(errno: code), source: vpdPath)
            }
        default:
            return nil
        }
    }

    private func readIfExists(_ path: String, files: SystemFiles, placeholders: PlaceholderRules) -> Field? {
        let field = Field.read(path, from: files, kind: .serial, placeholders: placeholders)
        return field.state == .absent ? nil : field
    }

    /// The product serial number in a SCSI VPD page 0x80 (SPC-4 7.8.16): a 4-byte header whose bytes 2–3 give
    /// the length, then that many ASCII bytes.
    static func unitSerialNumber(fromVPDPage bytes: [UInt8]) -> String {
        guard bytes.count >= 4, bytes[1] == 0x80 else { return "" }
        let length = Int(bytes[2]) << 8 | Int(bytes[3])
        let end = min(bytes.count, 4 + length)
        return String(decoding: bytes[4..<end].filter { $0 != 0 }, as: UTF8.self)
    }
}

/// Kernel names in natural order: nvme0n1 < nvme1n1 < nvme10n1 < sda < sdb < sdz < sdaa.
enum DiskOrder {
    /// Families whose index is letters (sda…sdz, sdaa…): a shorter index comes first.
    static let letterIndexed = ["xvd", "sd", "vd", "hd"]

    static func precedes(_ lhs: String, _ rhs: String) -> Bool {
        key(lhs).lexicographicallyPrecedes(key(rhs))
    }

    private static func key(_ name: String) -> [String] {
        var parts: [String] = []
        var rest = Substring(name)
        if let family = letterIndexed.first(where: { name.hasPrefix($0) }) {
            rest = rest.dropFirst(family.count)
            let letters = rest.prefix { $0.isLetter }
            parts = [family, zeroPadded(String(letters.count), to: 4), String(letters)]
            rest = rest.dropFirst(letters.count)
        }
        // Then letter and digit runs, digit runs padded so they compare as numbers.
        var current = ""
        var currentIsDigit = false
        for character in rest {
            let isDigit = character.isNumber
            if !current.isEmpty && isDigit != currentIsDigit {
                parts.append(currentIsDigit ? zeroPadded(current, to: 12) : current)
                current = ""
            }
            current.append(character)
            currentIsDigit = isDigit
        }
        if !current.isEmpty { parts.append(currentIsDigit ? zeroPadded(current, to: 12) : current) }
        return parts
    }

    private static func zeroPadded(_ text: String, to width: Int) -> String {
        String(repeating: "0", count: max(0, width - text.count)) + text
    }
}

extension String {
    /// udev encodes spaces in ID_MODEL as "_".
    var replacingUnderscores: String { String(map { $0 == "_" ? " " : $0 }) }
}

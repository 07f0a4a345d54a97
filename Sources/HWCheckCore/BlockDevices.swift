// Block-device enumeration: the list of kernel block devices with their udev properties.
//
// Two sources give the same records for the same machine:
// - live: libudev (HWCheckNative.UdevBlockDevices), one device per entry of /sys/class/block (the directory
//   udev_enumerate scans for subsystem "block"), with only the properties the probes read (`propertiesRead`);
// - recorded root (`--sysroot`): `RecordedBlockDevices` below, which does what libudev does by hand, because
//   libudev cannot be pointed at another root: list sys/class/block, read each device's `uevent`
//   (KEY=VALUE lines), then the udev database file run/udev/data/b<major>:<minor> ("E:KEY=VALUE" lines).
// A device is "initialized" when udev has written its database file (sd-device `is_initialized`).

/// One block device as udev sees it.
public struct BlockDeviceRecord: Sendable, Equatable {
    /// Kernel name: "sda", "nvme0n1p2".
    public var name: String
    /// Root-relative canonical sysfs path: "sys/devices/pci0000:00/0000:00:17.0/ata1/.../block/sda".
    public var devicePath: String
    /// uevent properties, then udev database properties (the latter win, as in libudev).
    public var properties: [String: String]
    /// Whether udev has processed the device (its database entry exists).
    public var udevInitialized: Bool

    public init(name: String, devicePath: String, properties: [String: String], udevInitialized: Bool) {
        self.name = name
        self.devicePath = devicePath
        self.properties = properties
        self.udevInitialized = udevInitialized
    }

    /// Every property the probes read from a record (DiskProbe: transport, model, serial; `devType`, `devNumber`).
    /// The live source asks libudev for these alone: copying all of a device's properties (DEVLINKS, ID_PATH…)
    /// was work no check used. A probe that reads a new key must add it here (BlockDevicePropertiesTests fails
    /// otherwise for every fixture that carries the key).
    public static let propertiesRead = ["DEVTYPE", "MAJOR", "MINOR", "ID_ATA", "ID_BUS", "ID_MODEL",
                                        "SCSI_IDENT_SERIAL", "ID_SCSI_SERIAL", "ID_SERIAL_SHORT", "ID_SERIAL", "ID_WWN"]

    public var devType: String? { properties["DEVTYPE"] }
    /// "8:0", from the MAJOR and MINOR uevent keys.
    public var devNumber: String? {
        guard let major = properties["MAJOR"], let minor = properties["MINOR"] else { return nil }
        return "\(major):\(minor)"
    }
}

/// Where block devices come from: libudev on a live system, the files themselves under a recorded root.
public protocol BlockDeviceSource: Sendable {
    func blockDevices() -> [BlockDeviceRecord]
}

/// Block devices of a recorded system root, read the way libudev reads them.
public struct RecordedBlockDevices: BlockDeviceSource {
    let files: SystemFiles

    public init(files: SystemFiles) {
        self.files = files
    }

    public func blockDevices() -> [BlockDeviceRecord] {
        let names = files.list("sys/class/block") ?? []
        return names.compactMap { name -> BlockDeviceRecord? in
            guard let devicePath = files.resolve("sys/class/block/\(name)") else { return nil }
            var properties: [String: String] = [:]
            if case .text(let uevent) = files.readText("\(devicePath)/uevent") {
                properties = UdevDatabase.parseUevent(uevent)
            }
            properties["SUBSYSTEM"] = "block"
            properties["DEVPATH"] = "/" + devicePath.dropFirst("sys".count).drop(while: { $0 == "/" })
            if let devName = properties["DEVNAME"], !devName.hasPrefix("/") { properties["DEVNAME"] = "/dev/" + devName }
            var initialized = false
            if let number = BlockDeviceRecord(name: name, devicePath: devicePath, properties: properties, udevInitialized: false).devNumber,
               case .text(let database) = files.readText("run/udev/data/b\(number)") {
                initialized = true
                properties.merge(UdevDatabase.parseProperties(database)) { _, fromDatabase in fromDatabase }
            }
            return BlockDeviceRecord(name: name, devicePath: devicePath, properties: properties, udevInitialized: initialized)
        }
    }
}

/// Parsers for the two text formats udev keeps (src/libsystemd/sd-device/device-private.c).
public enum UdevDatabase {
    /// "E:KEY=VALUE" lines of a run/udev/data file; other line types (S: links, I: time, G: tags) are skipped,
    /// as are malformed lines.
    public static func parseProperties(_ text: String) -> [String: String] {
        var properties: [String: String] = [:]
        for line in lines(text) where line.utf8.starts(with: "E:".utf8) {
            let assignment = Substring(line.utf8.dropFirst(2))
            guard let equals = assignment.utf8.firstIndex(of: UInt8(ascii: "=")), equals != assignment.startIndex else { continue }
            properties[String(assignment[..<equals])] = String(assignment[assignment.utf8.index(after: equals)...])
        }
        return properties
    }

    /// KEY=VALUE lines of a sysfs `uevent` file.
    public static func parseUevent(_ text: String) -> [String: String] {
        var properties: [String: String] = [:]
        for line in lines(text) {
            guard let equals = line.utf8.firstIndex(of: UInt8(ascii: "=")), equals != line.startIndex else { continue }
            properties[String(line[..<equals])] = String(line[line.utf8.index(after: equals)...])
        }
        return properties
    }

    /// Non-empty lines, split at "\n" bytes as libudev splits them. Not at Characters: Swift's "\r\n" is one
    /// Character, so `split(separator: "\n")` joined CR-LF lines into one (and a combining mark after "=" hid it).
    static func lines(_ text: String) -> [Substring] {
        text.utf8.split(separator: UInt8(ascii: "\n")).map { Substring($0) }
    }
}

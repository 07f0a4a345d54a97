import CUdev
import HWCheckCore

/// Block devices of the running system through libudev (libudev(3)): the live twin of `RecordedBlockDevices`,
/// giving the same records for the same machine (LiveParityTests replays every fixture through both).
public struct UdevBlockDevices: BlockDeviceSource {
    public init() {}

    public func blockDevices() -> [BlockDeviceRecord] {
        guard let context = UdevContext() else { return [] }
        // The names come from /sys/class/block, the directory `udev_enumerate` scans for subsystem "block"
        // (systemd sd-device-enumerator.c, enumerator_scan_dir), listed here instead of enumerating: the
        // enumerator builds and verifies a device object for every entry (resolving its path one component at a
        // time and walking its parents), and returns only names, so each device was built twice (bench/NOTES.md,
        // "libudev: ask for what a check needs"). Sorted, as the recorded source lists them.
        let names = SystemRoot(path: "/").list("sys/class/block") ?? []
        return names.compactMap { context.record(named: $0) }
    }
}

/// Owns a `struct udev *` for the length of one listing.
final class UdevContext {
    private let udev: OpaquePointer

    init?() {
        guard let udev = udev_new() else { return nil }
        self.udev = udev
    }

    deinit { udev_unref(udev) }

    /// The record of /sys/class/block/NAME, or nil when libudev cannot make a device of it (a dangling or looping
    /// link: the enumerator skipped those entries too and listed the rest).
    func record(named name: String) -> BlockDeviceRecord? {
        guard let device = udev_device_new_from_syspath(udev, "/sys/class/block/\(name)") else { return nil }
        defer { udev_device_unref(device) }
        guard let sysname = udev_device_get_sysname(device), let syspath = udev_device_get_syspath(device) else { return nil }
        // Root-relative, like the recorded source: "/sys/devices/..." → "sys/devices/...".
        let path = String(String(cString: syspath).drop(while: { $0 == "/" }))
        let initialized = udev_device_get_is_initialized(device) > 0
        return BlockDeviceRecord(name: String(cString: sysname), devicePath: path,
                                 properties: initialized ? Self.properties(device) : Self.ueventProperties(device),
                                 udevInitialized: initialized)
    }

    /// The properties the probes read, from libudev: uevent and udev database merged, the database winning.
    private static func properties(_ device: OpaquePointer) -> [String: String] {
        var properties: [String: String] = [:]
        for key in BlockDeviceRecord.propertiesRead {
            if let value = udev_device_get_property_value(device, key) { properties[key] = String(cString: value) }
        }
        return properties
    }

    /// A device udev has not processed has only the kernel's uevent properties. They are read as the recorded
    /// source reads them, not through libudev's property calls: with no database entry, libudev 252 tries to open
    /// /run/udev/data/b<major>:<minor> again on every property call (sd-device.c, device_read_db_internal_filename
    /// marks the database loaded only when the file exists), one failed open per key.
    private static func ueventProperties(_ device: OpaquePointer) -> [String: String] {
        guard let uevent = udev_device_get_sysattr_value(device, "uevent") else { return [:] }
        return UdevDatabase.parseUevent(String(cString: uevent)).filter { BlockDeviceRecord.propertiesRead.contains($0.key) }
    }
}

import CUdev
import HWCheckCore

/// Block devices of the running system through libudev (libudev(3), udev_enumerate(3)): the live twin of
/// `RecordedBlockDevices`, giving the same records for the same machine.
public struct UdevBlockDevices: BlockDeviceSource {
    public init() {}

    public func blockDevices() -> [BlockDeviceRecord] {
        guard let context = UdevContext() else { return [] }
        return context.blockDevices()
    }
}

/// Owns a `struct udev *` for the length of one enumeration.
final class UdevContext {
    private let udev: OpaquePointer

    init?() {
        guard let udev = udev_new() else { return nil }
        self.udev = udev
    }

    deinit { udev_unref(udev) }

    func blockDevices() -> [BlockDeviceRecord] {
        guard let enumerate = udev_enumerate_new(udev) else { return [] }
        defer { udev_enumerate_unref(enumerate) }
        guard udev_enumerate_add_match_subsystem(enumerate, "block") >= 0 else { return [] }
        // One broken entry (a dangling or looping link in /sys/class/block) makes the scan return its error,
        // but the devices it could read are listed all the same (sd-device-enumerator.c keeps going): use them.
        _ = udev_enumerate_scan_devices(enumerate)
        var records: [BlockDeviceRecord] = []
        var entry = udev_enumerate_get_list_entry(enumerate)
        while let current = entry {
            defer { entry = udev_list_entry_get_next(current) }
            guard let syspath = udev_list_entry_get_name(current),
                  let device = udev_device_new_from_syspath(udev, syspath) else { continue }
            defer { udev_device_unref(device) }
            if let record = Self.record(device) { records.append(record) }
        }
        return records
    }

    private static func record(_ device: OpaquePointer) -> BlockDeviceRecord? {
        guard let sysname = udev_device_get_sysname(device), let syspath = udev_device_get_syspath(device) else { return nil }
        var properties: [String: String] = [:]
        var entry = udev_device_get_properties_list_entry(device)
        while let current = entry {
            if let name = udev_list_entry_get_name(current) {
                properties[String(cString: name)] = udev_list_entry_get_value(current).map { String(cString: $0) } ?? ""
            }
            entry = udev_list_entry_get_next(current)
        }
        // Root-relative, like the recorded source: "/sys/devices/..." → "sys/devices/...".
        let path = String(String(cString: syspath).drop(while: { $0 == "/" }))
        return BlockDeviceRecord(name: String(cString: sysname), devicePath: path, properties: properties,
                                 udevInitialized: udev_device_get_is_initialized(device) > 0)
    }
}

import CUdev
import HWCheckCore

#if canImport(Glibc)
import Glibc
#endif

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
        let direct = Self.classBlockIsPlain()
        return names.compactMap { context.record(named: $0, at: direct ? Self.linkTarget(of: $0) : nil) }
    }

    /// Whether /sys, /sys/class and /sys/class/block are directories, not links: then "/sys/class/block/" plus a
    /// link's leading "../" steps names the directory the kernel would resolve them to. (Three lstat calls a run.)
    static func classBlockIsPlain() -> Bool {
        ["/sys", "/sys/class", "/sys/class/block"].allSatisfy { path in
            var info = stat()
            return lstat(path, &info) == 0 && (info.st_mode & S_IFMT) == S_IFDIR
        }
    }

    /// Where /sys/class/block/NAME points, as an absolute path with the link's leading ".." steps taken:
    /// "../../devices/virtual/block/loop0" is "/sys/devices/virtual/block/loop0". libudev, handed the link,
    /// resolves it one component at a time (systemd chase(): an open, fstat and close for every component, a
    /// readlinkat for the link, an open for each ".."), about ten system calls a device more than for the
    /// target; it still resolves and verifies the target, and its syspath is what the record gives. Nil (use the
    /// link) when NAME is not a link or its target is anything but "../" steps and then plain names.
    static func linkTarget(of name: String) -> String? {
        // Uninitialised stack memory: zeroing a 4 KiB array cost ~25,000 instructions a device. A target that
        // fills the buffer may have been cut: the link then goes to libudev as it is.
        withUnsafeTemporaryAllocation(of: UInt8.self, capacity: 1024) { buffer -> String? in
            guard let base = buffer.baseAddress else { return nil }
            let count = base.withMemoryRebound(to: CChar.self, capacity: buffer.count) { readlink("/sys/class/block/" + name, $0, buffer.count) }
            guard count > 0, count < buffer.count else { return nil }
            return resolved(String(decoding: UnsafeBufferPointer(start: base, count: count), as: UTF8.self))
        }
    }

    /// A link target in /sys/class/block as an absolute path, or nil (see `linkTarget`).
    static func resolved(_ target: String) -> String? {
        var rest = Substring(target)
        var steps = 0
        while rest.hasPrefix("../") {
            rest = rest.dropFirst(3)
            steps += 1
        }
        // On bytes, component by component: every one non-empty and neither "." nor "..".
        var length = 0, dots = 0
        for byte in rest.utf8 {
            if byte == UInt8(ascii: "/") {
                guard length > 0, !(dots == length && dots <= 2) else { return nil }
                length = 0
                dots = 0
            } else {
                length += 1
                if byte == UInt8(ascii: ".") { dots += 1 }
            }
        }
        guard steps <= 2, length > 0, !(dots == length && dots <= 2) else { return nil }
        return ["/sys/class/block/", "/sys/class/", "/sys/"][steps] + rest
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
    /// `target`: where the link points, when `UdevBlockDevices.linkTarget` could tell (libudev resolves it again).
    func record(named name: String, at target: String? = nil) -> BlockDeviceRecord? {
        guard let device = udev_device_new_from_syspath(udev, target ?? "/sys/class/block/\(name)") else { return nil }
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

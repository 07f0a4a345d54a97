/// What a sysfs device path says by its components and ancestors; shared by the disk, NIC and hot-plug probes.
enum SysfsDevicePath {
    /// A PCI function's directory name: "0000:00:1f.6".
    static func isPCIAddress(_ component: String) -> Bool {
        let parts = component.split(separator: ":")
        guard parts.count == 3, parts[0].count == 4, parts[1].count == 2 else { return false }
        let slot = parts[2].split(separator: ".")
        return slot.count == 2 && slot[0].count == 2 && slot[1].count == 1
            && component.allSatisfy { $0.isHexDigit || $0 == ":" || $0 == "." }
    }

    /// Below a USB host controller's root hub ("usb1", "usb2"...).
    static func isBehindUSB(_ devicePath: String) -> Bool {
        PathComponents.split(devicePath).contains { $0.hasPrefix("usb") && $0.count > 3 && $0.dropFirst(3).allSatisfy(\.isNumber) }
    }

    /// The nearest device (itself included when asked) whose generic `removable` attribute says "removable"
    /// (drivers/base/core.c `removable_show`; USB ports and Thunderbolt/USB4-attached PCI devices set it). A block
    /// device's own `removable` is the 0/1 removable-media flag, hence `includingSelf: false` for disks.
    static func removableAncestor(of devicePath: String, files: SystemFiles, includingSelf: Bool) -> String? {
        var components = PathComponents.split(devicePath)
        if !includingSelf { components.removeLast() }
        while components.count > 2 {  // stop at sys/devices
            let candidate = components.joined(separator: "/")
            if files.attribute("\(candidate)/removable") == "removable" { return candidate }
            components.removeLast()
        }
        return nil
    }
}

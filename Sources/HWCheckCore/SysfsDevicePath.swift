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
        // Each ancestor cut from the one below it, not re-joined from the components (bench/NOTES.md).
        var candidate = components.joined(separator: "/")
        for _ in stride(from: components.count, to: 2, by: -1) {  // stop at sys/devices
            if files.attribute("\(candidate)/removable") == "removable" { return candidate }
            candidate = PathComponents.parentAndLast(candidate)?.0 ?? ""
        }
        return nil
    }

    /// Buses whose devices a hypervisor emulates: virtio (QEMU/KVM), Hyper-V's vmbus, Xen's front- and backends.
    static let hypervisorBuses: Set<String> = ["virtio", "vmbus", "xen", "xen-backend"]

    /// The hypervisor bus the device, or a device above it, sits on ("virtio", "vmbus", "xen"); nil on real
    /// hardware. One test for disks and network adapters: a virtio-net adapter is itself on the virtio bus, a
    /// virtio-blk disk's block device sits below `virtioN`, a virtio-scsi or Hyper-V storvsc disk below the
    /// `virtioN` or vmbus device that carries its SCSI host (each device's `subsystem` link names its bus).
    static func hypervisorBus(of devicePath: String, files: SystemFiles) -> String? {
        let components = PathComponents.split(devicePath)
        // Each ancestor cut from the one below it, not re-joined from the components (bench/NOTES.md).
        var ancestor = components.joined(separator: "/")
        for _ in stride(from: components.count, to: 2, by: -1) {  // stop at sys/devices
            if let bus = files.linkName("\(ancestor)/subsystem"), hypervisorBuses.contains(bus) { return bus }
            ancestor = PathComponents.parentAndLast(ancestor)?.0 ?? ""
        }
        return nil
    }

    /// A partition's block directory. The `partition` file is the modern sign; older kernels lack it (util-linux
    /// lib/sysfs.c `sysfs_blkdev_is_partition_dirent`: "Cannot use /partition file, not supported on old sysfs"),
    /// but their uevent says DEVTYPE=partition (the block class's `part_type`, block/partition-generic.c).
    static func isPartition(_ blockPath: String, files: SystemFiles) -> Bool {
        if files.exists("\(blockPath)/partition") { return true }
        guard let uevent = files.attribute("\(blockPath)/uevent") else { return false }
        return UdevDatabase.parseUevent(uevent)["DEVTYPE"] == "partition"
    }

    /// Below a software-only SCSI host: scsi_debug registers its adapters under the root device "pseudo_0"
    /// (drivers/scsi/scsi_debug.c `pseudo_primary`), LIO's loopback fabric under "tcm_loop_0"
    /// (drivers/target/loopback/tcm_loop.c). Their disks are RAM or files, not hardware.
    static func isPseudoDevice(_ devicePath: String) -> Bool {
        let components = PathComponents.split(devicePath)
        guard components.count > 2, components[0] == "sys", components[1] == "devices" else { return false }
        return ["pseudo_", "tcm_loop_"].contains { prefix in
            components[2].hasPrefix(prefix) && components[2].dropFirst(prefix.count).allSatisfy(\.isNumber)
        }
    }
}

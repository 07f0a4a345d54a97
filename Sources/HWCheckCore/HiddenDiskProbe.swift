// Hidden disks: storage controllers that keep their disks from Linux. Asked whenever `--disk` does not name the
// disk: to tell "this machine has no disk" (B2 fails `no-disk`) from "Linux cannot see its disks here" (B2 is
// unknown `hidden-disks`, naming the controller and the BIOS setting), and, when "/" is not on an internal disk, a
// visible SATA disk from the NVMe drive Intel RST hides beside it, from which Windows may well boot (B2 unknown
// too). When "/" is on a visible internal disk that disk is the system disk, and hidden ones are a note.
//
// Reads, under the system root, for each sys/bus/pci/devices/<address> (links to the PCI functions):
//   driver          link: the bound driver's name, if any
//   remapped_nvme   on a function bound to `ahci`: how many NVMe drives Intel RST's "RAID" storage mode remaps
//                   behind the SATA controller, where no Linux driver reaches them (drivers/ata/ahci.c
//                   `ahci_remap_check` counts them and logs "Switch your BIOS from RAID to AHCI mode to use them";
//                   `remapped_nvme_show`, DEVICE_ATTR_RO, so world-readable; added by commit 894fba7f434a, 2022).
//                   Ubuntu's installer reads the same files to warn about RST (subiquity `has_rst`).
//                   `ahci_remap_check` returns nothing and `ahci_init_one` goes on to drive the SATA ports, so a
//                   SATA disk on the same controller stays visible beside the NVMe drive it hides.
//   vendor, device  an Intel Volume Management Device (the ids of `vmd_ids`, drivers/pci/controller/vmd.c).
//                   Its NVMe drives sit in a PCI domain the `vmd` driver creates (10000:…); with no `vmd` driver
//                   bound they are not enumerated at all.
//   class           a mass-storage function (class 01xxxx) with no driver bound: its disks cannot be seen.
// A recording without sys/bus/pci/devices (older bundles) shows no such controller: the answer is then no-disk,
// as it was, since sys/class/block itself was recorded and lists no internal disk.

/// A controller that may hide the system disk from Linux. Part of the JSON contract (`systemDisk.hiddenDisks`).
public struct HiddenDisks: Sendable, Equatable {
    public enum Cause: String, Sendable {
        /// Intel RST "RAID" mode remaps NVMe drives behind the AHCI controller (`remapped_nvme` > 0).
        case rstRemappedNVMe = "rst-remapped-nvme"
        /// An Intel VMD controller without the `vmd` driver.
        case vmdWithoutDriver = "vmd-without-driver"
        /// A mass-storage controller no driver is bound to.
        case controllerWithoutDriver = "controller-without-driver"
    }

    public var cause: Cause
    /// The controller's PCI address: "0000:00:17.0".
    public var controller: String
    /// `remapped_nvme`: how many drives RST hides; nil for the other causes.
    public var count: Int?
    /// The controller's PCI class ("0x010400").
    public var pciClass: String?

    /// Facts for the B2 finding; `variant` picks the cause's wording in the catalog.
    public var facts: [String: String] {
        var facts = ["variant": cause.rawValue, "controller": controller]
        if let count { facts["count"] = String(count) }
        if let pciClass { facts["class"] = pciClass }
        return facts
    }
}

public struct HiddenDiskProbe: Sendable {
    /// `vmd_ids` in drivers/pci/controller/vmd.c (Intel, vendor 0x8086).
    static let vmdDeviceIDs: Set<String> = ["0x201d", "0x28c0", "0x467f", "0x4c3d", "0xa77f", "0x7d0b", "0xad0b", "0x9a0b",
                                            "0xb60b", "0xb06f", "0xb07f"]

    public init() {}

    /// The first controller that may hide disks, strongest evidence first: RST's own count, then VMD, then any
    /// mass-storage controller without a driver.
    public func probe(_ files: SystemFiles) -> HiddenDisks? {
        var found: [HiddenDisks] = []
        for address in (files.list("sys/bus/pci/devices") ?? []).sorted() {
            guard let path = files.resolve("sys/bus/pci/devices/\(address)") else { continue }
            let driver = files.linkName("\(path)/driver")
            let pciClass = files.attribute("\(path)/class")?.lowercased()
            if driver == "ahci", let count = files.attribute("\(path)/remapped_nvme").flatMap({ Int($0) }), count > 0 {
                found.append(HiddenDisks(cause: .rstRemappedNVMe, controller: address, count: count, pciClass: pciClass))
            } else if files.attribute("\(path)/vendor")?.lowercased() == "0x8086",
                      let device = files.attribute("\(path)/device")?.lowercased(), Self.vmdDeviceIDs.contains(device),
                      driver != "vmd" {
                found.append(HiddenDisks(cause: .vmdWithoutDriver, controller: address, pciClass: pciClass))
            } else if driver == nil, let pciClass, pciClass.hasPrefix("0x01") {
                found.append(HiddenDisks(cause: .controllerWithoutDriver, controller: address, pciClass: pciClass))
            }
        }
        let rank: [HiddenDisks.Cause] = [.rstRemappedNVMe, .vmdWithoutDriver, .controllerWithoutDriver]
        return found.min { (rank.firstIndex(of: $0.cause) ?? 9) < (rank.firstIndex(of: $1.cause) ?? 9) }
    }
}

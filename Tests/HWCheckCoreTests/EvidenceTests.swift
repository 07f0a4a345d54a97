import Testing
@testable import HWCheckCore

/// What a sysfs tree proves and what it only lacks (issue 11 items 2, 5, 6), on small in-memory trees for the
/// cases no fixture carries; the fixtures (procfs-r6515-dmi-only, checkbox-*, oldkernel-optiplex-mdraid,
/// build-vm-overlayblk) show the same rules end to end.
@Suite struct EvidenceTests {
    /// Files and directories by root-relative path; no links.
    struct MemoryFiles: SystemFiles {
        var files: [String: String]
        var rootDescription: String { "memory" }
        var directories: Set<String> {
            var result = Set<String>()
            for path in files.keys {
                var parent = PathComponents.parent(of: path)
                while !parent.isEmpty && parent != "." && result.insert(parent).inserted { parent = PathComponents.parent(of: parent) }
            }
            return result
        }
        func read(_ path: String) -> FileRead { files[path].map { .bytes(Array($0.utf8)) } ?? .missing }
        func list(_ path: String) -> [String]? {
            guard directories.contains(path) else { return nil }
            return Set((files.keys.map { $0 } + directories).filter { PathComponents.parent(of: $0) == path }
                .map { PathComponents.lastComponent(of: $0) }).sorted()
        }
        func resolve(_ path: String) -> String? { exists(path) ? path : nil }
        func readLink(_ path: String) -> String? { nil }
        func exists(_ path: String) -> Bool { files[path] != nil || directories.contains(path) }
        func isDirectory(_ path: String) -> Bool { directories.contains(path) }
    }

    static let scsi = "sys/devices/pci0000:00/0000:00:1f.2/host0/target0:0:0/0:0:0:0"

    func record(_ name: String, at path: String, properties: [String: String] = [:]) -> BlockDeviceRecord {
        BlockDeviceRecord(name: name, devicePath: path, properties: properties, udevInitialized: !properties.isEmpty)
    }

    /// Old kernels and SAS HBAs put SATA disks on paths without `ataN`: the SCSI vendor "ATA" or udev's
    /// ID_BUS=ata still say SATA; a real SCSI vendor does not.
    @Test(arguments: [("ATA     \n", [:], "sata"), ("SEAGATE \n", ["ID_BUS": "ata", "ID_ATA": "1"], "sata"),
                      ("SEAGATE \n", ["ID_BUS": "scsi"], "scsi")])
    func sataWithoutATAComponent(vendor: String, udev: [String: String], expected: String) {
        // The `device` link as its target would read (MemoryFiles has no links).
        let files = MemoryFiles(files: ["\(Self.scsi)/block/sda/device/vendor": vendor, "\(Self.scsi)/block/sda/dev": "8:0\n"])
        let disk = record("sda", at: "\(Self.scsi)/block/sda", properties: udev)
        #expect(DiskProbe.transport(of: disk, files: files) == expected)
    }

    /// A partition without the `partition` file (older kernels): its uevent DEVTYPE says so.
    @Test func partitionByDevType() {
        let part = "\(Self.scsi)/block/sda/sda2"
        let files = MemoryFiles(files: ["\(part)/uevent": "MAJOR=8\nMINOR=2\nDEVTYPE=partition\n", "\(part)/dev": "8:2\n",
                                        "\(Self.scsi)/block/sda/uevent": "MAJOR=8\nMINOR=0\nDEVTYPE=disk\n"])
        #expect(SysfsDevicePath.isPartition(part, files: files))
        #expect(!SysfsDevicePath.isPartition("\(Self.scsi)/block/sda", files: files))
        #expect(SystemDiskLocator().wholeDisks(of: part, files: files, depth: 0) == ["sda"])
    }

    /// scsi_debug's and LIO loopback's disks are software, wherever their names would sort.
    @Test(arguments: [("sys/devices/pseudo_0/adapter0/host2/target2:0:0/2:0:0:0/block/sda", true),
                      ("sys/devices/tcm_loop_0/tcm_loop_adapter_0/host3/target3:0:1/3:0:1:0/block/sdb", true),
                      ("sys/devices/pci0000:00/0000:00:1f.2/pseudo_0/block/sdc", false),
                      ("sys/devices/pseudo_x/block/sdd", false)])
    func pseudoDevices(path: String, pseudo: Bool) {
        #expect(SysfsDevicePath.isPseudoDevice(path) == pseudo)
    }

    /// Link types (include/uapi/linux/if_arp.h): only Ethernet (1), or an unrecorded type, is a LAN/WLAN adapter;
    /// WWAN modems are not, whatever their type.
    @Test(arguments: [(Int?.none, String?.none, true), (1, "wlan", true), (801, nil, false), (803, nil, false),
                      (65534, "wwan", false), (1, "wwan", false)])
    func networkAdapterTypes(linkType: Int?, devType: String?, adapter: Bool) {
        let nic = NICInfo(name: "x0", physical: true, virtualKind: nil, bus: "pci", hypervisor: false, wireless: false,
                          sriovVirtualFunction: false, removableVia: nil, driver: nil, rfkillBlocked: false, adminUp: true,
                          operState: "up", onboard: false, address: Field(state: .value, value: "00:1b:21:00:00:01"),
                          permanentAddress: .absent("x"), hotPlug: .notApplicable, master: nil, linkType: linkType, devType: devType)
        #expect(nic.isNetworkAdapter == adapter)
        let selection = NICSelection.select([nic], requirements: [.enabled, .notRemovable])
        #expect((selection.primary != nil) == adapter)
        #expect(selection.excluded.isEmpty)  // an adapter without a recorded driver link is not "disabled"
    }
}

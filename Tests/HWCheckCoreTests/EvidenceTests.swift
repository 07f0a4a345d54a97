import Testing
@testable import HWCheckCore

/// What a sysfs tree proves and what it only lacks (issue 11 items 2, 5, 6), on small in-memory trees for the
/// cases no fixture carries; the fixtures (procfs-r6515-dmi-only, checkbox-*, oldkernel-optiplex-mdraid,
/// build-vm-overlayblk) show the same rules end to end.
@Suite struct EvidenceTests {
    /// Files and directories by root-relative path; no links.
    struct MemoryFiles: SystemFiles {
        var files: [String: String]
        /// Symlink path → target, for `readLink` (the `subsystem` and `driver` links); `resolve` does not follow them.
        var links: [String: String] = [:]
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
        func readLink(_ path: String) -> String? { links[path] }
        func exists(_ path: String) -> Bool { files[path] != nil || directories.contains(path) || links[path] != nil }
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

    // MARK: Review items 5, 7, 10

    static func nic(_ name: String, bus: String?, driver: String?) -> NICInfo {
        NICInfo(name: name, physical: true, virtualKind: nil, bus: bus, hypervisor: false, wireless: false,
                sriovVirtualFunction: false, removableVia: nil, driver: driver, rfkillBlocked: false, adminUp: true,
                operState: "up", onboard: false, address: Field(state: .value, value: "02:1b:21:00:00:01"),
                permanentAddress: .absent("x"), hotPlug: .notApplicable, master: nil, linkType: 1, devType: nil)
    }

    /// Only a PCI or USB netdev proves a driver (the bound driver registered it): a gadget's or a simulated radio's
    /// missing driver link is no recording gap, and a live run on such a machine must not say "this recording lacks".
    @Test(arguments: [("pci", true), ("usb", true), ("gadget", false), ("mac80211_hwsim", false), (String?.none, false)])
    func driverLinkGapOnlyForPCIAndUSB(bus: String?, gap: Bool) {
        let nic = Self.nic("usb0", bus: bus, driver: nil)
        #expect(nic.driverLinkNotRecorded == gap)
        let inventory = Inventory(dmi: DMIInfo(available: false, fields: [:]), disks: [],
                                  systemDisk: SystemDiskChoice(method: .none, disk: nil, rootDisks: []), nics: [nic],
                                  udevDatabase: true)
        #expect(Report.recordingGaps(inventory).contains("sys/class/net/usb0/device/driver") == gap)
        #expect(!Report.recordingGaps(inventory).contains { $0.hasSuffix("device/driver") } || gap)
        #expect(!Self.nic("eth0", bus: bus, driver: "e1000e").driverLinkNotRecorded)
    }

    /// One hypervisor test for disks and adapters: a device on, or below, a virtio/vmbus/xen device. A Hyper-V
    /// storvsc disk sits several levels below its vmbus device; a PCI disk or adapter is not emulated.
    @Test func hypervisorBusIsFoundAboveTheDevice() {
        let vmbus = "sys/devices/LNXSYSTM:00/LNXSYBUS:00/ACPI0004:00/VMBUS:00/f8b3781b-1e82-4818-a1c3-63d806ec15bb"
        let disk = "\(vmbus)/host0/target0:0:0/0:0:0:0/block/sda"
        let pciDisk = "sys/devices/pci0000:00/0000:00:17.0/ata1/host0/target0:0:0/0:0:0:0/block/sdb"
        let files = MemoryFiles(files: ["\(disk)/dev": "8:0\n", "\(pciDisk)/dev": "8:16\n",
                                        "\(pciDisk)/device/vendor": "ATA     \n"],
                                links: ["\(vmbus)/subsystem": "../../../../../bus/vmbus",
                                        "\(disk)/subsystem": "../../../../../../../../../class/block",
                                        "sys/devices/pci0000:00/0000:00:17.0/subsystem": "../../../bus/pci"])
        #expect(SysfsDevicePath.hypervisorBus(of: disk, files: files) == "vmbus")
        #expect(SysfsDevicePath.hypervisorBus(of: vmbus, files: files) == "vmbus")  // an adapter on vmbus itself
        #expect(SysfsDevicePath.hypervisorBus(of: pciDisk, files: files) == nil)
        #expect(DiskProbe.isEmulated(disk, model: "Virtual Disk", files: files))
        #expect(!DiskProbe.isEmulated(pciDisk, model: "Samsung SSD 870 EVO 500GB", files: files))
    }

    /// Emulated disks on an emulated AHCI/SCSI/NVMe controller are known by what they answer: QEMU's IDE disk
    /// (default serial QM00001 on every VM), scsi-hd, VMware and Hyper-V disks, VirtualBox, QEMU NVMe.
    @Test(arguments: [("ATA     ", "QEMU HARDDISK", true), ("QEMU    ", "QEMU HARDDISK", true), ("VMware  ", "Virtual disk", true),
                      ("Msft    ", "Virtual Disk", true), ("ATA     ", "VBOX HARDDISK", true), ("", "QEMU NVMe Ctrl", true),
                      ("ATA     ", "WDC WD10EZEX-08W", false), ("SEAGATE ", "ST4000NM0023", false)])
    func emulatedDisksByInquiry(vendor: String, model: String, emulated: Bool) {
        let path = "sys/devices/pci0000:00/0000:00:1f.2/ata1/host0/target0:0:0/0:0:0:0/block/sda"
        let files = MemoryFiles(files: vendor.isEmpty ? ["\(path)/dev": "8:0\n"] : ["\(path)/device/vendor": vendor + "\n"])
        #expect(DiskProbe.isEmulated(path, model: model, files: files) == emulated)
    }

    /// With no internal disk in sight, a controller that hides disks makes B2 unknown, naming it; a machine with no
    /// such controller has no disk. VMD needs its own driver; RST's count needs `ahci` (fixtures live-usb-*).
    @Test func hiddenDiskControllers() {
        let vmd = "sys/devices/pci0000:00/0000:00:0e.0"
        let raid = "sys/devices/pci0000:00/0000:00:17.0"
        let nvme = "sys/devices/pci0000:00/0000:00:1d.0/0000:02:00.0"
        func files(_ entries: [String: [String: String]], drivers: [String: String] = [:]) -> MemoryFiles {
            var files: [String: String] = [:]
            var links: [String: String] = [:]
            for (path, attributes) in entries {
                let address = PathComponents.lastComponent(of: path)
                files["sys/bus/pci/devices/\(address)/vendor"] = attributes["vendor"].map { $0 + "\n" }
                files["sys/bus/pci/devices/\(address)/device"] = attributes["device"].map { $0 + "\n" }
                files["sys/bus/pci/devices/\(address)/class"] = attributes["class"].map { $0 + "\n" }
                if let driver = drivers[address] { links["sys/bus/pci/devices/\(address)/driver"] = "../../../bus/pci/drivers/\(driver)" }
            }
            return MemoryFiles(files: files.compactMapValues { $0 }, links: links)
        }
        let vmdOff = files([vmd: ["vendor": "0x8086", "device": "0x9a0b", "class": "0x010400"],
                            nvme: ["vendor": "0x144d", "device": "0xa808", "class": "0x010802"]], drivers: ["0000:02:00.0": "nvme"])
        #expect(HiddenDiskProbe().probe(vmdOff) == HiddenDisks(cause: .vmdWithoutDriver, controller: "0000:00:0e.0", pciClass: "0x010400"))
        let vmdOn = files([vmd: ["vendor": "0x8086", "device": "0x9a0b", "class": "0x010400"]], drivers: ["0000:00:0e.0": "vmd"])
        #expect(HiddenDiskProbe().probe(vmdOn) == nil)
        let bare = files([raid: ["vendor": "0x1000", "device": "0x0097", "class": "0x010700"]])
        #expect(HiddenDiskProbe().probe(bare)?.cause == .controllerWithoutDriver)
        let driven = files([raid: ["vendor": "0x1000", "device": "0x0097", "class": "0x010700"]], drivers: ["0000:00:17.0": "mpt3sas"])
        #expect(HiddenDiskProbe().probe(driven) == nil)
        #expect(HiddenDiskProbe().probe(MemoryFiles(files: [:])) == nil)  // nothing recorded: nothing suggests hidden disks

        // B2 follows: unknown `hidden-disks` with the cause's wording, else `no-disk`.
        var choice = SystemDiskChoice(method: .none, disk: nil, rootDisks: [])
        choice.hiddenDisks = HiddenDiskProbe().probe(vmdOff)
        let inventory = Inventory(dmi: DMIInfo(available: false, fields: [:]), disks: [], systemDisk: choice, nics: [], udevDatabase: true)
        let report = Report(spec: Spec.builtIn(), inventory: inventory)
        let b2 = report.results.first { $0.row.id == "B2" }
        #expect(b2?.status == .unknown && b2?.reasons == [.hiddenDisks])
        let finding = b2.map { report.findings($0, language: .en) }?.first
        #expect(finding?.message.contains("Intel VMD controller 0000:00:0e.0") == true)
        choice.hiddenDisks = nil
        let bareReport = Report(spec: Spec.builtIn(), inventory: Inventory(dmi: DMIInfo(available: false, fields: [:]), disks: [],
                                                                           systemDisk: choice, nics: [], udevDatabase: true))
        #expect(bareReport.results.first { $0.row.id == "B2" }?.reasons == [.noDisk])
    }
}

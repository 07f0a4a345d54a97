import Testing
@testable import HWCheckCore

/// The AHCI and PCIe register logic on recorded register bytes.
@Suite struct HotPlugTests {
    /// Registers handed out from a table, as a recorded BAR would.
    struct TableRegisters: PCIRegisterReader {
        var values: [Int: UInt32]
        var answer: RegisterRead? = nil
        func read32(pciPath: String, bar: Int, offsets: [Int]) -> RegisterRead {
            answer ?? .values(offsets.map { values[$0] ?? 0 })
        }
    }

    struct Files: SystemFiles {
        var texts: [String: String] = [:]
        var bytes: [String: [UInt8]] = [:]
        /// The controller's driver (nil: the recording has no driver link).
        var driver: String? = "ahci"
        var lists: [String: [String]] = [:]
        var links: [String: String] = [:]
        var denied: Set<String> = []
        var rootDescription: String { "test" }
        func read(_ path: String) -> FileRead {
            if denied.contains(path) { return .denied }
            if let text = texts[path] { return .bytes(Array(text.utf8)) }
            if let data = bytes[path] { return .bytes(data) }
            return .missing
        }
        func list(_ path: String) -> [String]? { lists[path] }
        func resolve(_ path: String) -> String? { links[path] ?? path }
        func readLink(_ path: String) -> String? {
            path.hasSuffix("/driver") ? driver.map { "../../bus/pci/drivers/\($0)" } : nil
        }
        func exists(_ path: String) -> Bool { texts[path] != nil || bytes[path] != nil }
        func isDirectory(_ path: String) -> Bool { false }
    }

    static let controller = "sys/devices/pci0000:00/0000:00:17.0"
    static let disk = "\(controller)/ata3/host2/target2:0:0/2:0:0:0/block/sda"
    static let files = Files(texts: ["\(controller)/ata3/ata_port/ata3/port_no": "3\n"])

    func sata(cap: UInt32, portCommand: UInt32) -> HotPlugInfo {
        HotPlugProbe().hotPlug(of: Self.disk, files: Self.files,
                               registers: TableRegisters(values: [0x00: cap, 0x100 + 0x80 * 2 + 0x18: portCommand]))
    }

    @Test func hotPlugCapablePort() {
        let info = sata(cap: 0x4000_0005, portCommand: 0x0004_0016)
        #expect(info.state == .yes)
        #expect(info.port == 2)
        #expect(info.ataPort == "ata3")
        #expect(info.controller == "0000:00:17.0")
        #expect(info.detail?.en == "PxCMD.HPCP")
    }

    /// External SATA counts only when the controller says it supports external ports (CAP.SXS).
    @Test func externalPortNeedsSXS() {
        #expect(sata(cap: 0x4000_0025, portCommand: 0x0020_0016).state == .yes)
        #expect(sata(cap: 0x4000_0005, portCommand: 0x0020_0016).state == .no)
        #expect(sata(cap: 0x4000_0025, portCommand: 0x0000_0016).state == .no)
    }

    @Test func deniedRegistersAreUnknownAndSaySo() {
        let info = HotPlugProbe().hotPlug(of: Self.disk, files: Self.files, registers: TableRegisters(values: [:], answer: .denied(errno: 13)))
        #expect(info.state == .unknown)
        #expect(info.needsRoot)
        #expect(info.unknownCause == .notRoot)
        #expect(info.port == 2)
    }

    // MARK: libahci's attributes (drivers/ata/libahci.c: ahci_host_caps, ahci_port_cmd; "%x\n", S_IRUGO)

    static let hostDirectory = "\(controller)/ata3/host2/scsi_host/host2"

    /// The port's attributes as libahci prints them, with the ABAR refused (not root, or lockdown).
    func sataFromAttributes(cap: String, portCommand: String, driver: String? = "ahci", lockdown: String? = nil) -> HotPlugInfo {
        var files = Self.files
        files.texts["\(Self.hostDirectory)/ahci_host_caps"] = cap
        files.texts["\(Self.hostDirectory)/ahci_port_cmd"] = portCommand
        files.texts["\(Self.hostDirectory)/ahci_host_version"] = "10300\n"
        files.driver = driver
        if let lockdown { files.texts["sys/kernel/security/lockdown"] = lockdown }
        return HotPlugProbe().hotPlug(of: Self.disk, files: files, registers: TableRegisters(values: [:], answer: .denied(errno: 13)))
    }

    /// Without root and under lockdown the attributes still answer; resource5 is never needed.
    @Test func attributesDecideWithoutTheRegisters() {
        let info = sataFromAttributes(cap: "c734ff45\n", portCommand: "4c017\n", lockdown: "none integrity [confidentiality]\n")
        #expect(info.state == .yes)
        #expect(info.port == 2)
        #expect(info.detail?.en == "PxCMD.HPCP")
        #expect(info.unknownCause == nil)
        #expect(sataFromAttributes(cap: "c734ff45\n", portCommand: "c017\n").state == .no)
        // eSATA: ESP counts only with CAP.SXS.
        #expect(sataFromAttributes(cap: "c734ff65\n", portCommand: "20c017\n").state == .yes)
        #expect(sataFromAttributes(cap: "c734ff65\n", portCommand: "20c017\n").detail?.en == "PxCMD.ESP with CAP.SXS")
        #expect(sataFromAttributes(cap: "c734ff45\n", portCommand: "20c017\n").state == .no)
    }

    /// The attributes exist only on ports libahci drives: they prove AHCI when a recording lacks the driver link.
    @Test func attributesProveAHCIWithoutDriverLink() {
        #expect(sataFromAttributes(cap: "c734ff45\n", portCommand: "4c017\n", driver: nil).state == .yes)
        var files = Self.files
        files.driver = nil
        let gap = HotPlugProbe().hotPlug(of: Self.disk, files: files, registers: TableRegisters(values: [:], answer: .missing))
        #expect(gap.state == .unknown)
        #expect(gap.unknownCause == .notRecorded)
        files.driver = "ata_piix"
        #expect(HotPlugProbe().hotPlug(of: Self.disk, files: files, registers: TableRegisters(values: [:])).state == .notApplicable)
    }

    /// Without the attributes a refused ABAR is "not root", or lockdown when the kernel says it is locked down.
    @Test func refusedRegistersNameTheirCause() {
        var files = Self.files
        let denied = TableRegisters(values: [:], answer: .denied(errno: 13))
        #expect(HotPlugProbe().hotPlug(of: Self.disk, files: files, registers: denied).unknownCause == .notRoot)
        files.texts["sys/kernel/security/lockdown"] = "[none] integrity confidentiality\n"
        #expect(HotPlugProbe().hotPlug(of: Self.disk, files: files, registers: denied).unknownCause == .notRoot)
        files.texts["sys/kernel/security/lockdown"] = "none [integrity] confidentiality\n"
        let locked = HotPlugProbe().hotPlug(of: Self.disk, files: files, registers: denied)
        #expect(locked.state == .unknown)
        #expect(locked.unknownCause == .lockdown)
        #expect(!locked.needsRoot)
        #expect(locked.detail?.en.contains("lockdown (integrity)") == true)
        #expect(HotPlugProbe().hotPlug(of: Self.disk, files: Self.files, registers: TableRegisters(values: [:], answer: .missing))
            .unknownCause == .notRecorded)
    }

    // MARK: kernels without ataN (before libata's transport class): hostM straight under the AHCI function

    static let oldDisk = "\(controller)/host0/target0:0:0/0:0:0:0/block/sda"
    static let oldHostDirectory = "\(controller)/host0/scsi_host/host0"

    /// Without ataN and without libahci's attributes the port cannot be named: unknown, never not-applicable.
    @Test func oldKernelWithoutAttributesIsUnknown() {
        let info = HotPlugProbe().hotPlug(of: Self.oldDisk, files: Files(), registers: TableRegisters(values: [0x00: 0x4000_0005]))
        #expect(info.state == .unknown)
        #expect(info.unknownCause == .portNotNamed)
        #expect(info.via == "ahci-port")
        #expect(info.controller == "0000:00:17.0")
        #expect(info.scsiHost == "host0")
        #expect(info.port == nil)
        #expect(info.ataPort == nil)
        #expect(info.detail?.en.contains("host0") == true)
    }

    /// An old kernel that had ahci's attributes on hostM: they are read there.
    @Test func oldKernelAttributesAreRead() {
        var files = Files()
        files.texts["\(Self.oldHostDirectory)/ahci_host_caps"] = "c734ff45\n"
        files.texts["\(Self.oldHostDirectory)/ahci_port_cmd"] = "4c017\n"
        let hot = HotPlugProbe().hotPlug(of: Self.oldDisk, files: files, registers: TableRegisters(values: [:]))
        #expect(hot.state == .yes)
        #expect(hot.detail?.en == "PxCMD.HPCP")
        #expect(hot.scsiHost == "host0")
        #expect(hot.port == nil)
        files.texts["\(Self.oldHostDirectory)/ahci_port_cmd"] = "c017\n"
        #expect(HotPlugProbe().hotPlug(of: Self.oldDisk, files: files, registers: TableRegisters(values: [:])).state == .no)
        // The attributes prove AHCI where a recording lacks the driver link.
        files.driver = nil
        #expect(HotPlugProbe().hotPlug(of: Self.oldDisk, files: files, registers: TableRegisters(values: [:])).state == .no)
        // Unreadable attributes are unreadable, not "no ataN".
        files.texts["\(Self.oldHostDirectory)/ahci_port_cmd"] = nil
        files.denied = ["\(Self.oldHostDirectory)/ahci_port_cmd"]
        files.driver = "ahci"
        let denied = HotPlugProbe().hotPlug(of: Self.oldDisk, files: files, registers: TableRegisters(values: [:]))
        #expect(denied.state == .unknown)
        #expect(denied.unknownCause == .unreadable)
    }

    /// A SCSI host of a RAID/SAS HBA on a PCI function is an adapter in a slot, as before: not an AHCI port.
    @Test func hbaHostStaysASlot() {
        var files = Files()
        files.driver = "megaraid_sas"
        let info = HotPlugProbe().hotPlug(of: Self.oldDisk, files: files, registers: TableRegisters(values: [:]))
        #expect(info.state == .notApplicable)  // the function is on the root bus: no slot
        #expect(info.via == nil)
    }

    // MARK: values no AHCI register holds (a runtime-suspended or removed controller reads all ones)

    @Test func allOnesIsUnknownNotHotPlug() {
        let attributes = sataFromAttributes(cap: "c734ff45\n", portCommand: "ffffffff\n")
        #expect(attributes.state == .unknown)
        #expect(attributes.unknownCause == .invalidValue)
        #expect(attributes.detail?.en.contains("powered down") == true)
        #expect(sataFromAttributes(cap: "ffffffff\n", portCommand: "c017\n").unknownCause == .invalidValue)
        // PxCMD bits 7:5 are reserved.
        #expect(sataFromAttributes(cap: "c734ff45\n", portCommand: "4c037\n").unknownCause == .invalidValue)
        // The same on the resource5 path.
        let registers = sata(cap: 0x4000_0005, portCommand: 0xFFFF_FFFF)
        #expect(registers.state == .unknown)
        #expect(registers.unknownCause == .invalidValue)
        #expect(sata(cap: 0xFFFF_FFFF, portCommand: 0x0004_0016).unknownCause == .invalidValue)
    }

    // MARK: bundles: a refused register read replays as refused

    struct RecordedFiles: SystemFiles {
        var files: [String: [UInt8]]
        var rootDescription: String { "bundle" }
        func read(_ path: String) -> FileRead { files[path].map { .bytes($0) } ?? .missing }
        func list(_ path: String) -> [String]? { nil }
        func resolve(_ path: String) -> String? { path }
        func readLink(_ path: String) -> String? { nil }
        func exists(_ path: String) -> Bool { files[path] != nil }
        func isDirectory(_ path: String) -> Bool { false }
    }

    @Test func refusedRegisterReadIsRecordedWithItsErrno() {
        let offsets = [0x00, 0x100 + 0x80 * 2 + 0x18]
        for (answer, expected) in [(RegisterRead.denied(errno: 1), RegisterRead.denied(errno: 1)),
                                   (.denied(errno: 13), .denied(errno: 13)), (.failed(errno: 5), .failed(errno: 5))] {
            let recording = RecordingPCIRegisters(TableRegisters(values: [:], answer: answer))
            #expect(recording.read32(pciPath: Self.controller, bar: 5, offsets: offsets) == answer)
            let bundle = RecordedFiles(files: Dictionary(uniqueKeysWithValues: recording.files().map { ($0.path, $0.bytes) }))
            #expect(bundle.files.keys.sorted() == ["hwcheck-live/\(Self.controller)/resource5_errno"])
            #expect(RecordedPCIRegisters(files: bundle).read32(pciPath: Self.controller, bar: 5, offsets: offsets) == expected)
        }
        // Values still replay as values, a missing BAR as missing (nothing to carry).
        let values = RecordingPCIRegisters(TableRegisters(values: [0x00: 0x4000_0005]))
        _ = values.read32(pciPath: Self.controller, bar: 5, offsets: offsets)
        let bundle = RecordedFiles(files: Dictionary(uniqueKeysWithValues: values.files().map { ($0.path, $0.bytes) }))
        #expect(RecordedPCIRegisters(files: bundle).read32(pciPath: Self.controller, bar: 5, offsets: [0x00]) == .values([0x4000_0005]))
        let missing = RecordingPCIRegisters(TableRegisters(values: [:], answer: .missing))
        _ = missing.read32(pciPath: Self.controller, bar: 5, offsets: offsets)
        #expect(missing.files().isEmpty)
        // A replay of a lockdown refusal names lockdown, as the live run did (not "not recorded").
        var files = Self.files
        files.texts["sys/kernel/security/lockdown"] = "none [integrity] confidentiality\n"
        files.texts["hwcheck-live/\(Self.controller)/resource5_errno"] = "1\n"
        let replayed = HotPlugProbe().hotPlug(of: Self.disk, files: files, registers: RecordedPCIRegisters(files: files))
        #expect(replayed.unknownCause == .lockdown)
    }

    @Test func attributeAndLockdownParsing() {
        #expect(HotPlugProbe.hexAttribute(.bytes(Array("4c017\n".utf8))) == .value(0x4c017))
        #expect(HotPlugProbe.hexAttribute(.bytes(Array("0x20\n".utf8))) == .value(0x20))
        #expect(HotPlugProbe.hexAttribute(.bytes(Array("zz\n".utf8))) == .problem(.notHexRegister))
        #expect(HotPlugProbe.hexAttribute(.missing) == .missing)
        #expect(HotPlugProbe.lockdownMode("none integrity [confidentiality]\n") == "confidentiality")
        #expect(HotPlugProbe.lockdownMode("[none] integrity confidentiality") == "none")
        #expect(HotPlugProbe.lockdownMode("") == nil)
    }

    /// Config space bytes: a root port with a PCI Express capability at 0x40.
    func config(slot: Bool, hotPlug: Bool, length: Int = 256) -> [UInt8] {
        var bytes = [UInt8](repeating: 0, count: 256)
        bytes[0x06] = 0x10
        bytes[0x34] = 0x50
        bytes[0x50] = 0x01  // power management first, pointing on
        bytes[0x51] = 0x40
        bytes[0x40] = 0x10
        bytes[0x42] = 0x42
        bytes[0x43] = slot ? 0x01 : 0x00
        bytes[0x54] = hotPlug ? 0x60 : 0x20
        return Array(bytes.prefix(length))
    }

    @Test func pcieSlotCapabilities() {
        #expect(HotPlugProbe.slotCapabilities(config(slot: true, hotPlug: true)) == .some(.some(0x60)))
        #expect(HotPlugProbe.slotCapabilities(config(slot: true, hotPlug: false)) == .some(.some(0x20)))
        #expect(HotPlugProbe.slotCapabilities(config(slot: false, hotPlug: true)) == .some(.none))
        // What a non-root user reads: the first 64 bytes only.
        #expect(HotPlugProbe.slotCapabilities(config(slot: true, hotPlug: true, length: 64)) == nil)
        var loop = config(slot: true, hotPlug: true)
        loop[0x40] = 0x05
        loop[0x41] = 0x50  // 0x50 → 0x40 → 0x50 …: a broken list is bounded, not endless
        #expect(HotPlugProbe.slotCapabilities(loop) == nil)
    }

    @Test func nvmeInHotPlugSlot() {
        let bridge = "sys/devices/pci0000:00/0000:00:1d.0"
        let files = Files(bytes: ["\(bridge)/config": config(slot: true, hotPlug: true)])
        let info = HotPlugProbe().hotPlug(of: "\(bridge)/0000:3d:00.0/nvme/nvme0/nvme0n1", files: files,
                                          registers: TableRegisters(values: [:]))
        #expect(info.state == .yes)
        #expect(info.via == "pcie-slot")
        #expect(info.controller == "0000:00:1d.0")
        // On the root bus there is no slot at all.
        let onRootBus = HotPlugProbe().hotPlug(of: "sys/devices/pci0000:00/0000:00:05.0/virtio2/block/vda", files: files,
                                               registers: TableRegisters(values: [:]))
        #expect(onRootBus.state == .notApplicable)
    }

    /// An NVMe multipath head has no slot of its own: its controllers' slots decide.
    @Test func multipathHeadTakesItsControllersSlots() {
        let subsystem = "sys/devices/virtual/nvme-subsystem/nvme-subsys0"
        let first = "sys/devices/pci0000:00/0000:00:1d.0", second = "sys/devices/pci0000:00/0000:00:1d.4"
        func head(secondHotPlug: Bool?) -> HotPlugInfo {
            var files = Files(bytes: ["\(first)/config": config(slot: true, hotPlug: false)])
            if let secondHotPlug { files.bytes["\(second)/config"] = config(slot: true, hotPlug: secondHotPlug) }
            files.lists[subsystem] = ["nvme0", "nvme1", "nvme0n1", "subsysnqn", "uevent"]
            files.links["\(subsystem)/nvme0"] = "\(first)/0000:3d:00.0/nvme/nvme0"
            files.links["\(subsystem)/nvme1"] = "\(second)/0000:3e:00.0/nvme/nvme1"
            return HotPlugProbe().hotPlug(of: "\(subsystem)/nvme0n1", files: files, registers: TableRegisters(values: [:]))
        }
        #expect(head(secondHotPlug: false).state == .no)
        let hot = head(secondHotPlug: true)
        #expect(hot.state == .yes)
        #expect(hot.controller == "0000:00:1d.4")
        let unknown = head(secondHotPlug: nil)
        #expect(unknown.state == .unknown)
        #expect(unknown.unknownCause == .notRecorded)
        // A hostile recording linking a controller back to its subsystem ends, unknown.
        var loop = Files()
        loop.lists[subsystem] = ["nvme0"]
        loop.links["\(subsystem)/nvme0"] = subsystem
        let looped = HotPlugProbe().hotPlug(of: "\(subsystem)/nvme0n1", files: loop, registers: TableRegisters(values: [:]))
        #expect(looped.state == .unknown)
    }

    // MARK: B4 and hot-plug

    static func nic(_ name: String, hotPlug: HotPlugInfo, pci: String) -> NICInfo {
        NICInfo(name: name, physical: true, virtualKind: nil, bus: "pci", hypervisor: false, wireless: false,
                sriovVirtualFunction: false, removableVia: nil, driver: "igb", rfkillBlocked: false, adminUp: true,
                operState: "up", onboard: false, pciAddress: pci, vendorID: nil, deviceID: nil, vendorName: nil,
                deviceName: nil, address: Field(state: .value, value: "a0:36:9f:11:22:33", source: "address"),
                addressAssignType: 0, permanentAddress: Field.unavailable("ethtool", detail: .permanentAddressLiveOnly), hotPlug: hotPlug,
                master: nil)
    }

    static func b4(_ nics: [NICInfo]) throws -> CheckResult {
        let row = try #require(Spec.builtIn().rows.first { $0.id == "B4" })
        let inventory = Inventory(dmi: DMIInfo(available: false, fields: [:]), disks: [],
                                  systemDisk: SystemDiskChoice(method: .none, disk: nil, rootDisks: []), nics: nics,
                                  udevDatabase: true)
        return Evaluator().evaluate(row, inventory: inventory)
    }

    /// One rule with B2: the chosen adapter's slot could not be read, so the row is unknown, not pass.
    @Test func b4IsUnknownWhenTheChosenSlotIsUnreadable() throws {
        var unknown = HotPlugInfo(state: .unknown, via: "pcie-slot", controller: "0000:00:1c.0")
        unknown.unknownCause = .notRoot
        let result = try Self.b4([Self.nic("enp2s0", hotPlug: unknown, pci: "0000:02:00.0")])
        #expect(result.status == .unknown)
        #expect(result.reasons == [.hotPlugUnknown])
        #expect(result.facts["hotPlugCause"] == "not-root")
        let known = try Self.b4([Self.nic("enp2s0", hotPlug: HotPlugInfo(state: .no, via: "pcie-slot"), pci: "0000:02:00.0")])
        #expect(known.status == .pass)
    }

    /// An adapter in a hot-plug slot has its own reason, not "removable (USB)".
    @Test func hotPlugSlotAdapterHasItsOwnReason() throws {
        let hot = HotPlugInfo(state: .yes, via: "pcie-slot", controller: "0000:00:1c.4", detail: .slotHotPlugCapable)
        let result = try Self.b4([Self.nic("enp6s0f0", hotPlug: hot, pci: "0000:06:00.0"),
                                  Self.nic("enp6s0f1", hotPlug: hot, pci: "0000:06:00.1")])
        #expect(result.status == .fail)
        #expect(result.reasons == [.noEligibleNIC, .nicHotPlugSlot])
        #expect(result.facts["hotPlugNICs"] == "enp6s0f0, enp6s0f1")
        #expect(result.facts["hotPlugBridges"] == "0000:00:1c.4")  // one slot, named once
    }
}

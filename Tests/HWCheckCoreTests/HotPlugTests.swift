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
        var rootDescription: String { "test" }
        func read(_ path: String) -> FileRead {
            if let text = texts[path] { return .bytes(Array(text.utf8)) }
            if let data = bytes[path] { return .bytes(data) }
            return .missing
        }
        func list(_ path: String) -> [String]? { nil }
        func resolve(_ path: String) -> String? { path }
        func readLink(_ path: String) -> String? { path.hasSuffix("/driver") ? "../../bus/pci/drivers/ahci" : nil }
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
        let info = HotPlugProbe().hotPlug(of: Self.disk, files: Self.files, registers: TableRegisters(values: [:], answer: .denied))
        #expect(info.state == .unknown)
        #expect(info.needsRoot)
        #expect(info.port == 2)
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
}

// Hot-plug probe: would Windows put this disk or NIC outside the "root container" (i.e. call it removable)
// because of the port it sits on? This is the seed's failure: a SATA disk behind a hot-plug-capable port.
//
// Windows' storahci reports a disk as removable when its AHCI port is hot-plug capable (PxCMD.HPCP) or external
// (CAP.SXS && PxCMD.ESP); PCI devices in a PCIe slot with Slot Implemented + Hot-Plug Capable are removable too.
// Linux keeps these bits to itself (libata's ATA_PFLAG_EXTERNAL has no sysfs file), so they are read here:
//
//   SATA: <ahci pci>/driver            link → "ahci" (other controllers have no such port bits)
//         <ahci pci>/ataN/ata_port/ataN/port_no   port index + 1 (drivers/ata/libata-transport.c)
//         <ahci pci>/resource5         ABAR, memory-mapped registers (AHCI 1.3.1 §3): CAP at 0x00 (bit 5 SXS),
//                                      port N's PxCMD at 0x100 + 0x80·N + 0x18 (bit 18 HPCP, bit 21 ESP).
//                                      Root only; kernel lockdown forbids it. Read through `PCIRegisterReader`:
//                                      mmap on a live system, the recorded bytes under --sysroot.
//   PCIe: <parent bridge>/config       PCI Express capability (ID 0x10): Capabilities register bit 8 Slot
//                                      Implemented, Slot Capabilities (cap + 0x14) bit 6 Hot-Plug Capable
//                                      (include/uapi/linux/pci_regs.h). Beyond byte 64 only root can read it.
// Where the bits cannot be read the answer is "unknown", with how to find out.

/// Reads 32-bit registers from a PCI memory BAR.
public protocol PCIRegisterReader: Sendable {
    /// Registers at byte `offsets` of BAR `bar` of the PCI function at root-relative `pciPath`.
    func read32(pciPath: String, bar: Int, offsets: [Int]) -> RegisterRead
}

public enum RegisterRead: Sendable, Equatable {
    case values([UInt32])
    /// No such BAR file (not recorded, or not a memory BAR).
    case missing
    /// EACCES/EPERM: not root, or the kernel is locked down.
    case denied
    case failed(errno: Int32)
}

/// Recorded registers: the BAR file under the root holds the register bytes (little-endian) from offset 0.
public struct RecordedPCIRegisters: PCIRegisterReader {
    let files: SystemFiles

    public init(files: SystemFiles) {
        self.files = files
    }

    public func read32(pciPath: String, bar: Int, offsets: [Int]) -> RegisterRead {
        switch files.read("\(pciPath)/resource\(bar)") {
        case .bytes(let bytes):
            var values: [UInt32] = []
            for offset in offsets {
                guard offset >= 0, offset % 4 == 0, offset + 4 <= bytes.count else { return .failed(errno: 22) }  // EINVAL
                values.append(UInt32(bytes[offset]) | UInt32(bytes[offset + 1]) << 8 | UInt32(bytes[offset + 2]) << 16
                    | UInt32(bytes[offset + 3]) << 24)
            }
            return .values(values)
        case .missing: return .missing
        case .denied: return .denied
        case .failed(let code): return .failed(errno: code)
        }
    }
}

/// What the port a device sits on says about hot-plug. Part of the JSON contract (`hotPlug.state`).
public enum HotPlugState: String, Sendable {
    /// The port or slot is hot-plug capable or external: Windows calls the device removable.
    case yes
    case no
    /// The bits could not be read; `detail` says why.
    case unknown
    /// No such notion for this attachment (USB: removable anyway; non-AHCI SATA; a PCI device on the root bus).
    case notApplicable = "not-applicable"
}

public struct HotPlugInfo: Sendable, Equatable {
    public var state: HotPlugState
    /// "ahci-port" or "pcie-slot".
    public var via: String?
    /// The AHCI controller or the PCIe bridge whose bits decide.
    public var controller: String?
    /// AHCI port index (0-based, as in PxCMD addressing and most BIOS setup screens' "Port N").
    public var port: Int?
    /// libata's name for the port ("ata3").
    public var ataPort: String?
    /// Which bits were set ("HPCP", "ESP+SXS", "slot HPC"), or why unknown.
    public var detail: DetailText?
    /// Unknown only because hwcheck is not root: root would read the bits.
    public var needsRoot = false

    public static let notApplicable = HotPlugInfo(state: .notApplicable)

    public init(state: HotPlugState, via: String? = nil, controller: String? = nil, port: Int? = nil, ataPort: String? = nil,
                detail: DetailText? = nil) {
        self.state = state
        self.via = via
        self.controller = controller
        self.port = port
        self.ataPort = ataPort
        self.detail = detail
    }
}

public struct HotPlugProbe: Sendable {
    static let ahciCapabilities = 0x00
    static let ahciSupportsExternalSATA: UInt32 = 1 << 5
    static let ahciPortCommandHotPlugCapable: UInt32 = 1 << 18
    static let ahciPortCommandExternal: UInt32 = 1 << 21
    static let pciExpressCapabilityID: UInt8 = 0x10
    static let pciExpressSlotImplemented: UInt16 = 1 << 8
    static let pciExpressSlotHotPlugCapable: UInt32 = 1 << 6

    public init() {}

    /// For a device at `devicePath` (root-relative sysfs path of a disk or NIC).
    public func hotPlug(of devicePath: String, files: SystemFiles, registers: PCIRegisterReader) -> HotPlugInfo {
        let components = PathComponents.split(devicePath)
        if let ataIndex = components.firstIndex(where: Self.isATAPort), ataIndex > 0, Self.isPCIAddress(components[ataIndex - 1]) {
            return sataPort(components: components, ataIndex: ataIndex, files: files, registers: registers)
        }
        if let functionIndex = components.lastIndex(where: Self.isPCIAddress) {
            return pcieSlot(components: components, functionIndex: functionIndex, files: files)
        }
        return .notApplicable
    }

    func sataPort(components: [String], ataIndex: Int, files: SystemFiles, registers: PCIRegisterReader) -> HotPlugInfo {
        let controllerPath = components[..<ataIndex].joined(separator: "/")
        let controller = components[ataIndex - 1]
        let ata = components[ataIndex]
        guard files.linkName("\(controllerPath)/driver") == "ahci" else {
            return HotPlugInfo(state: .notApplicable, via: "ahci-port", controller: controller, ataPort: ata,
                               detail: .notAHCI)
        }
        guard let portNumber = files.attribute("\(controllerPath)/\(ata)/ata_port/\(ata)/port_no").flatMap({ Int($0) }),
              portNumber >= 1, portNumber <= 32 else {
            return HotPlugInfo(state: .unknown, via: "ahci-port", controller: controller, ataPort: ata,
                               detail: .portNotInSysfs(ata))
        }
        let port = portNumber - 1
        var info = HotPlugInfo(state: .unknown, via: "ahci-port", controller: controller, port: port, ataPort: ata)
        let portCommand = 0x100 + 0x80 * port + 0x18
        switch registers.read32(pciPath: controllerPath, bar: 5, offsets: [Self.ahciCapabilities, portCommand]) {
        case .values(let values) where values.count == 2:
            let external = values[0] & Self.ahciSupportsExternalSATA != 0 && values[1] & Self.ahciPortCommandExternal != 0
            let hotPlugCapable = values[1] & Self.ahciPortCommandHotPlugCapable != 0
            info.state = external || hotPlugCapable ? .yes : .no
            info.detail = .joined([hotPlugCapable ? .hotPlugCapableBit : nil, external ? .externalPortBits : nil].compactMap { $0 })
        case .values:
            info.detail = .ahciMalformed
        case .missing:
            info.detail = .ahciUnavailable
        case .denied:
            info.detail = .ahciNeedsRoot
            info.needsRoot = true
        case .failed(let code):
            info.detail = .ahciReadError(errno: code)
        }
        return info
    }

    func pcieSlot(components: [String], functionIndex: Int, files: SystemFiles) -> HotPlugInfo {
        // The slot belongs to the bridge above the device; a device on the root bus sits in no slot.
        guard functionIndex > 0, Self.isPCIAddress(components[functionIndex - 1]) else { return .notApplicable }
        let bridge = components[functionIndex - 1]
        let bridgePath = components[..<functionIndex].joined(separator: "/")
        var info = HotPlugInfo(state: .unknown, via: "pcie-slot", controller: bridge)
        switch files.read("\(bridgePath)/config") {
        case .bytes(let config):
            switch Self.slotCapabilities(config) {
            case .some(.none):
                info.state = .no
            case .some(.some(let slot)):
                info.state = slot & Self.pciExpressSlotHotPlugCapable != 0 ? .yes : .no
                info.detail = info.state == .yes ? .slotHotPlugCapable : nil
            case .none:
                info.needsRoot = config.count <= 64
                info.detail = info.needsRoot ? .pcieCapabilitiesNeedRoot : .pcieCapabilitiesUnreadable
            }
        case .missing:
            info.detail = .pciConfigUnavailable
        case .denied:
            info.detail = .pciConfigNeedsRoot
            info.needsRoot = true
        case .failed(let code):
            info.detail = .pciConfigReadError(errno: code)
        }
        return info
    }

    /// Slot Capabilities of a bridge's PCI Express capability: `.some(nil)` when it implements no slot (or is not
    /// PCI Express), nil when the capability list cannot be walked in these bytes.
    static func slotCapabilities(_ config: [UInt8]) -> UInt32?? {
        guard config.count >= 64 else { return nil }
        func u16(_ offset: Int) -> UInt16? {
            offset + 2 <= config.count ? UInt16(config[offset]) | UInt16(config[offset + 1]) << 8 : nil
        }
        guard let status = u16(0x06) else { return nil }
        if status & 0x10 == 0 { return .some(nil) }  // no capability list: conventional PCI
        var pointer = Int(config[0x34] & 0xFC)
        var visited = 0
        while pointer >= 0x40 && visited < 48 {
            guard pointer + 2 <= config.count else { return nil }
            if config[pointer] == pciExpressCapabilityID {
                guard let flags = u16(pointer + 2) else { return nil }
                if flags & pciExpressSlotImplemented == 0 { return .some(nil) }
                guard pointer + 0x18 <= config.count, let low = u16(pointer + 0x14), let high = u16(pointer + 0x16) else { return nil }
                return .some(UInt32(low) | UInt32(high) << 16)
            }
            pointer = Int(config[pointer + 1] & 0xFC)
            visited += 1
        }
        return pointer == 0 ? .some(nil) : nil
    }

    static func isATAPort(_ component: String) -> Bool {
        component.hasPrefix("ata") && component.count > 3 && component.dropFirst(3).allSatisfy(\.isNumber)
    }

    static func isPCIAddress(_ component: String) -> Bool { SysfsDevicePath.isPCIAddress(component) }
}

// Hot-plug probe: would Windows put this disk or NIC outside the "root container" (i.e. call it removable)
// because of the port it sits on? This is the seed's failure: a SATA disk behind a hot-plug-capable port.
//
// Windows' storahci reports a disk as removable when its AHCI port is hot-plug capable (PxCMD.HPCP) or external
// (CAP.SXS && PxCMD.ESP); PCI devices in a PCIe slot with Slot Implemented + Hot-Plug Capable are removable too.
// libata keeps ATA_PFLAG_EXTERNAL to itself, but libahci exports the registers it is computed from. Reads, in order:
//
//   SATA: <ctrl>/ataN/hostM/scsi_host/hostM/ahci_host_caps   CAP as the driver saved it (bit 5 SXS)
//         <ctrl>/ataN/hostM/scsi_host/hostM/ahci_port_cmd    this port's live PxCMD (bit 18 HPCP, bit 21 ESP)
//                                      Bare hex ("%x\n"), S_IRUGO (drivers/ata/libahci.c: ahci_show_host_caps,
//                                      ahci_show_port_cmd, ahci_shost_attrs): readable without root and under
//                                      kernel lockdown. Their presence alone proves the port is AHCI.
//         <ctrl>/ataN/ata_port/ataN/port_no   port index + 1 (drivers/ata/libata-transport.c)
//         <ctrl>/hostM/scsi_host/hostM/…       kernels older than libata's transport class have no ataN: the SCSI
//                                      host hangs straight off the controller, and hostM's libahci attributes
//                                      (then in drivers/ata/ahci.c) are read there when the kernel had them. There
//                                      is no port number then, so no PxCMD offset in the ABAR: without the
//                                      attributes the port cannot be named, and the answer is unknown.
//         fallback, only when those attributes are missing: <ctrl>/driver → "ahci", and <ctrl>/resource5, the
//                                      ABAR (AHCI 1.3.1 §3): CAP at 0x00, PxCMD at 0x100 + 0x80·N + 0x18, read
//                                      through `PCIRegisterReader` (mmap live, the recorded bytes under --sysroot).
//                                      mmap needs root and is refused under lockdown (drivers/pci/pci-sysfs.c
//                                      pci_mmap_resource: security_locked_down(LOCKDOWN_PCI_ACCESS) → EPERM).
//         sys/kernel/security/lockdown     "none integrity [confidentiality]": the bracketed mode is active
//                                      (security/lockdown/lockdown.c lockdown_read); says why a read was refused.
//         Sanity: ahci_show_port_cmd reads PxCMD live (readl, no runtime-PM reference), and a controller that is
//                                      runtime-suspended (D3) or gone answers all ones (see commit 8ea909cb
//                                      "ahci: Cache host controller version", and c4086c6e "ata: ahci: fail probe
//                                      if BAR too small": a disabled controller's CAP reads 0xFFFFFFFF). PxCMD
//                                      bits 7:5 are reserved (AHCI 1.3.1 §3.3.7), so such a value is no register
//                                      value: unknown, never "hot-plug".
//   PCIe: <parent bridge>/config       PCI Express capability (ID 0x10): Capabilities register bit 8 Slot
//                                      Implemented, Slot Capabilities (cap + 0x14) bit 6 Hot-Plug Capable
//                                      (include/uapi/linux/pci_regs.h). Beyond byte 64 only root can read it;
//                                      lockdown does not block config reads (only writes, pci_write_config).
//   NVMe multipath heads (sys/devices/virtual/nvme-subsystem/nvme-subsysK/nvmeKnJ): the subsystem directory links
//                                      each controller by name (drivers/nvme/host/core.c nvme_init_subsystem:
//                                      sysfs_create_link(&subsys->dev.kobj, &ctrl->device->kobj, dev_name(...)));
//                                      each controller's slot is checked, and any hot-plug slot decides.
// Where the bits cannot be read the answer is "unknown", with the cause (not root, lockdown, not recorded, a port
// the kernel does not name, a value no register holds, a read error).

/// Reads 32-bit registers from a PCI memory BAR.
public protocol PCIRegisterReader: Sendable {
    /// Registers at byte `offsets` of BAR `bar` of the PCI function at root-relative `pciPath`.
    func read32(pciPath: String, bar: Int, offsets: [Int]) -> RegisterRead
}

public enum RegisterRead: Sendable, Equatable {
    case values([UInt32])
    /// No such BAR file (not recorded, or not a memory BAR).
    case missing
    /// EACCES/EPERM: not root, or the kernel is locked down. `errno` is the refusal as the kernel gave it, so a
    /// bundle can carry it (`LiveRecording.registerErrorPath`).
    case denied(errno: Int32)
    case failed(errno: Int32)

    /// A failed read by its errno: missing (ENOENT, ENOTDIR), denied (EACCES, EPERM), else failed.
    public static func classify(errno code: Int32) -> RegisterRead {
        switch code {
        case 2, 20: return .missing  // ENOENT, ENOTDIR
        case 13, 1: return .denied(errno: code)  // EACCES, EPERM
        default: return .failed(errno: code)
        }
    }
}

/// Recorded registers: the BAR file under the root holds the register bytes (little-endian) from offset 0.
public struct RecordedPCIRegisters: PCIRegisterReader {
    let files: SystemFiles

    public init(files: SystemFiles) {
        self.files = files
    }

    public func read32(pciPath: String, bar: Int, offsets: [Int]) -> RegisterRead {
        // A bundle made where the live read was refused or failed carries that errno instead of the registers.
        if let code = files.attribute(LiveRecording.registerErrorPath(pciPath: pciPath, bar: bar)).flatMap({ Int32($0) }) {
            return RegisterRead.classify(errno: code)
        }
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
        case .denied: return .denied(errno: 13)  // EACCES: a recorded file this reader may not open
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

/// Why the hot-plug bits could not be read: each cause has its own remedy.
public enum HotPlugUnknownCause: String, Sendable {
    /// Only root can read them (resource5, PCI config space beyond 64 bytes).
    case notRoot = "not-root"
    /// Kernel lockdown (Secure Boot) refused the read, even as root.
    case lockdown
    /// The kernel names no AHCI port for the disk (no `ataN` in its path: older than libata's transport class) and
    /// exports no libahci attributes on its SCSI host: there is nothing to read the bits from, nor a port index to
    /// find them in the controller's registers.
    case portNotNamed = "port-not-named"
    /// A read gave a value no AHCI register can hold (all ones, reserved bits set): the controller is probably
    /// powered down (runtime suspend) or gone.
    case invalidValue = "invalid-value"
    /// A recorded root does not hold what the bits are read from.
    case notRecorded = "not-recorded"
    /// The source exists but reading it failed or gave malformed data.
    case unreadable
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
    /// The SCSI host libata made for the port ("host2"): names the port where its number is not known.
    public var scsiHost: String?
    /// Which bits were set ("HPCP", "ESP+SXS", "slot HPC"), or why unknown.
    public var detail: DetailText?
    /// Why the state is unknown.
    public var unknownCause: HotPlugUnknownCause?

    /// Unknown only because hwcheck is not root: root would read the bits.
    public var needsRoot: Bool { state == .unknown && unknownCause == .notRoot }

    public static let notApplicable = HotPlugInfo(state: .notApplicable)

    public init(state: HotPlugState, via: String? = nil, controller: String? = nil, port: Int? = nil, ataPort: String? = nil,
                detail: DetailText? = nil, unknownCause: HotPlugUnknownCause? = nil, scsiHost: String? = nil) {
        self.state = state
        self.via = via
        self.controller = controller
        self.port = port
        self.ataPort = ataPort
        self.scsiHost = scsiHost
        self.detail = detail
        self.unknownCause = unknownCause
    }

    mutating func unknown(_ cause: HotPlugUnknownCause, _ detail: DetailText) {
        state = .unknown
        unknownCause = cause
        self.detail = detail
    }
}

public struct HotPlugProbe: Sendable {
    static let ahciCapabilities = 0x00
    static let ahciSupportsExternalSATA: UInt32 = 1 << 5
    static let ahciPortCommandHotPlugCapable: UInt32 = 1 << 18
    static let ahciPortCommandExternal: UInt32 = 1 << 21
    static let ahciPortCommandReserved: UInt32 = 0b111 << 5
    static let pciExpressCapabilityID: UInt8 = 0x10
    static let pciExpressSlotImplemented: UInt16 = 1 << 8
    static let pciExpressSlotHotPlugCapable: UInt32 = 1 << 6
    static let lockdownPath = "sys/kernel/security/lockdown"

    public init() {}

    /// For a device at `devicePath` (root-relative sysfs path of a disk or NIC).
    public func hotPlug(of devicePath: String, files: SystemFiles, registers: PCIRegisterReader) -> HotPlugInfo {
        let components = PathComponents.split(devicePath)
        if let index = components.firstIndex(of: "nvme-subsystem"), index + 1 < components.count {
            return multipathHead(subsystem: components[...(index + 1)].joined(separator: "/"), files: files, registers: registers)
        }
        if let ataIndex = components.firstIndex(where: Self.isATAPort), ataIndex > 0 {
            let onPCI = Self.isPCIAddress(components[ataIndex - 1])
            let ata = components[ataIndex]
            let controllerPath = components[..<ataIndex].joined(separator: "/")
            let host = ataIndex + 1 < components.count && Self.isSCSIHost(components[ataIndex + 1]) ? components[ataIndex + 1]
                : (files.list("\(controllerPath)/\(ata)") ?? []).first(where: Self.isSCSIHost)
            let info = sataPort(controllerPath: controllerPath, ata: ata, host: host, files: files, registers: registers)
            // A libata port on a non-PCI controller without libahci's attributes is not AHCI: no bits to read.
            if onPCI || info.state != .notApplicable { return info }
            return .notApplicable
        }
        if let functionIndex = components.lastIndex(where: Self.isPCIAddress) {
            // An old kernel's SATA disk: hostM straight under an AHCI function, no ataN. Other SCSI hosts on a PCI
            // function (RAID and SAS HBAs) are adapters in a slot, judged by that slot below.
            if functionIndex + 1 < components.count, Self.isSCSIHost(components[functionIndex + 1]) {
                let controllerPath = components[...functionIndex].joined(separator: "/")
                let host = components[functionIndex + 1]
                let attributes = "\(controllerPath)/\(host)/scsi_host/\(host)/ahci_port_cmd"
                if files.linkName("\(controllerPath)/driver") == "ahci" || files.exists(attributes) {
                    return sataPort(controllerPath: controllerPath, ata: nil, host: host, files: files, registers: registers)
                }
            }
            return pcieSlot(components: components, functionIndex: functionIndex, files: files)
        }
        return .notApplicable
    }

    /// An NVMe multipath head: the slots of every controller of its subsystem. One hot-plug slot is enough for
    /// Windows to call the disk removable; otherwise one unreadable slot leaves it unknown.
    func multipathHead(subsystem: String, files: SystemFiles, registers: PCIRegisterReader) -> HotPlugInfo {
        let controllers = (files.list(subsystem) ?? []).filter { name in
            name.hasPrefix("nvme") && name.count > 4 && name.dropFirst(4).allSatisfy(\.isNumber)
        }.sorted { DiskOrder.precedes($0, $1) }
        // A controller is a PCI (or fabrics) device, never a subsystem: a recording that links one back into
        // nvme-subsystem is not followed (it would recurse without end).
        let slots = controllers.compactMap { files.resolve("\(subsystem)/\($0)") }
            .filter { !PathComponents.split($0).contains("nvme-subsystem") }
            .map { hotPlug(of: $0, files: files, registers: registers) }
        guard !slots.isEmpty else {
            var info = HotPlugInfo(state: .unknown, via: "pcie-slot")
            info.unknown(.notRecorded, .controllersNotInSysfs(PathComponents.split(subsystem).last ?? subsystem))
            return info
        }
        return slots.first { $0.state == .yes } ?? slots.first { $0.state == .unknown } ?? slots.first { $0.state == .no }
            ?? slots[0]
    }

    /// The AHCI port of libata port `ata` (nil on kernels that name none) whose SCSI host is `host`, on the
    /// controller at `controllerPath`.
    func sataPort(controllerPath: String, ata: String?, host: String?, files: SystemFiles, registers: PCIRegisterReader) -> HotPlugInfo {
        let controller = PathComponents.lastComponent(of: controllerPath)
        let portNumber = ata.flatMap { files.attribute("\(controllerPath)/\($0)/ata_port/\($0)/port_no") }.flatMap { Int($0) }
            .flatMap { (1...32).contains($0) ? $0 : nil }
        var info = HotPlugInfo(state: .unknown, via: "ahci-port", controller: controller, port: portNumber.map { $0 - 1 },
                               ataPort: ata, scsiHost: host)

        // 1. libahci's own attributes on the port's SCSI host: no root, no mmap, not blocked by lockdown.
        var attributeProblem: DetailText?
        if let host {
            let directory = "\(controllerPath)/\(ata.map { "\($0)/" } ?? "")\(host)/scsi_host/\(host)"
            let capabilities = Self.hexAttribute(files.read("\(directory)/ahci_host_caps"))
            let portCommand = Self.hexAttribute(files.read("\(directory)/ahci_port_cmd"))
            if case .value(let capabilities) = capabilities, case .value(let portCommand) = portCommand {
                decide(&info, capabilities: capabilities, portCommand: portCommand)
                return info
            }
            for case .problem(let problem) in [capabilities, portCommand] {
                attributeProblem = .libahciAttributes(problem)
                break
            }
        }

        // Without ataN there is no port index, so no PxCMD offset in the ABAR: the port cannot be named.
        guard let ata else {
            if let attributeProblem {
                info.unknown(.unreadable, attributeProblem)
            } else {
                info.unknown(.portNotNamed, .portNotNamed(host: host))
            }
            return info
        }

        // 2. Without them: the controller's ABAR, where its driver is ahci.
        let driver = files.linkName("\(controllerPath)/driver")
        guard driver == "ahci" else {
            if driver == nil, Self.isPCIAddress(controller) {
                // A live kernel always links the driver of a controller that has ata ports: a recording lacks it.
                info.unknown(.notRecorded, attributeProblem
                    ?? .noDriverLinkNorAttributes)
                return info
            }
            return HotPlugInfo(state: .notApplicable, via: "ahci-port", controller: controller, ataPort: ata,
                               detail: .notAHCI)
        }
        guard let port = info.port else {
            info.unknown(.notRecorded, .portNotInSysfs(ata))
            return info
        }
        let portCommand = 0x100 + 0x80 * port + 0x18
        switch registers.read32(pciPath: controllerPath, bar: 5, offsets: [Self.ahciCapabilities, portCommand]) {
        case .values(let values) where values.count == 2:
            decide(&info, capabilities: values[0], portCommand: values[1])
        case .values:
            info.unknown(.unreadable, .ahciMalformed)
        case .missing:
            info.unknown(.notRecorded, attributeProblem ?? .ahciUnavailable)
        case .denied:
            if let mode = Self.lockdownMode(files), mode != "none" {
                info.unknown(.lockdown, .ahciLockdown(mode))
            } else {
                info.unknown(.notRoot, .ahciNeedsRoot)
            }
        case .failed(let code):
            info.unknown(.unreadable, .ahciReadError(errno: code))
        }
        return info
    }

    /// HPCP, or ESP on a controller that supports external ports (CAP.SXS): Windows' removable port.
    func decide(_ info: inout HotPlugInfo, capabilities: UInt32, portCommand: UInt32) {
        if capabilities == UInt32.max || portCommand == UInt32.max || portCommand & Self.ahciPortCommandReserved != 0 {
            let values = "CAP \(String(capabilities, radix: 16)), PxCMD \(String(portCommand, radix: 16))"
            info.unknown(.invalidValue, .impossibleRegisters(values))
            return
        }
        let external = capabilities & Self.ahciSupportsExternalSATA != 0 && portCommand & Self.ahciPortCommandExternal != 0
        let hotPlugCapable = portCommand & Self.ahciPortCommandHotPlugCapable != 0
        info.state = external || hotPlugCapable ? .yes : .no
        info.unknownCause = nil
        info.detail = .joined([hotPlugCapable ? .hotPlugCapableBit : nil, external ? .externalPortBits : nil].compactMap { $0 })
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
                if config.count <= 64 {
                    info.unknown(.notRoot, .pcieCapabilitiesNeedRoot)
                } else {
                    info.unknown(.unreadable, .pcieCapabilitiesUnreadable)
                }
            }
        case .missing:
            info.unknown(.notRecorded, .pciConfigUnavailable)
        case .denied:
            info.unknown(.notRoot, .pciConfigNeedsRoot)
        case .failed(let code):
            info.unknown(.unreadable, .pciConfigReadError(errno: code))
        }
        return info
    }

    enum HexAttribute: Equatable {
        case value(UInt32)
        case missing
        case problem(DetailText)
    }

    /// libahci prints its registers as bare hex ("%x\n"); a leading 0x is accepted too.
    static func hexAttribute(_ read: FileRead) -> HexAttribute {
        switch read {
        case .bytes(let bytes):
            let text = String(decoding: bytes, as: UTF8.self).trimmedWhitespace
            let digits = text.hasPrefix("0x") || text.hasPrefix("0X") ? String(text.dropFirst(2)) : text
            guard let value = UInt32(digits, radix: 16) else { return .problem(.notHexRegister) }
            return .value(value)
        case .missing: return .missing
        case .denied: return .problem(.permissionDenied)
        case .failed(let code): return .problem(.readError(errno: code))
        }
    }

    /// The active lockdown mode ("none", "integrity", "confidentiality"), or nil without the lockdown LSM.
    static func lockdownMode(_ files: SystemFiles) -> String? {
        guard let text = files.attribute(lockdownPath) else { return nil }
        return lockdownMode(text)
    }

    /// The bracketed word of "none integrity [confidentiality]".
    static func lockdownMode(_ text: String) -> String? {
        guard let open = text.firstIndex(of: "["), let close = text[open...].firstIndex(of: "]") else { return nil }
        let mode = String(text[text.index(after: open)..<close])
        return mode.isEmpty ? nil : mode
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

    static func isSCSIHost(_ component: String) -> Bool {
        component.hasPrefix("host") && component.count > 4 && component.dropFirst(4).allSatisfy(\.isNumber)
    }

    static func isPCIAddress(_ component: String) -> Bool { SysfsDevicePath.isPCIAddress(component) }
}

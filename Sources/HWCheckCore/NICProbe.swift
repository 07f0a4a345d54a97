// NIC probe: network interfaces, which of them are physical adapters, and their MAC addresses.
//
// Reads, under the system root, for each sys/class/net/<name>:
//   device                 link: present only for physical devices (virtual ones live in sys/devices/virtual/net)
//   device/subsystem       link: the bus (pci, usb, platform; virtio, vmbus, xen are hypervisor devices)
//   device/driver          link: the driver's name. A PCI or USB netdev exists only while the driver bound to
//                          that function has it registered (register_netdev is the driver's own call), so there a
//                          missing link is a gap in the recording, not an adapter without a driver. Other parents
//                          may have no driver at all (a USB gadget's `gadget.0`).
//   device/physfn          link: an SR-IOV virtual function
//   device/acpi_index, device/label   firmware says it is onboard (SMBIOS type 41 / ACPI _DSM)
//   uevent DEVTYPE, bridge/, bonding/, tun_flags, type     what a virtual interface is
//   type                   ARPHRD_* (include/uapi/linux/if_arp.h): 1 (ARPHRD_ETHER) for Ethernet and Wi-Fi
//                          stations; 801 (ARPHRD_IEEE80211) for the old mac80211 master `wmaster0`, 803 for
//                          radiotap monitors, 65534 (ARPHRD_NONE) for raw-IP WWAN modems: not network adapters
//                          for B4, nor is anything whose uevent DEVTYPE is "wwan" (usbnet's FLAG_WWAN, WWAN core)
//   phy80211, wireless/    wireless; phy80211/rfkill*/{soft,hard} radio blocked
//   address, addr_assign_type, flags (bit 0 IFF_UP), operstate, ifindex
//                          (`address` exists for every netdev, net/core/net-sysfs.c: missing = not recorded)
//   run/udev/data/n<ifindex>   E:ID_NET_NAME_ONBOARD (systemd's onboard name),
//                              E:ID_VENDOR_FROM_DATABASE, E:ID_MODEL_FROM_DATABASE (udev hwdb names)
//   ancestors' `removable`     "removable": behind a USB or Thunderbolt/USB4 port
//   bonding_slave/perm_hwaddr  a bond member's own address (the bonding driver keeps it; `address` is the bond's)
//   the parent bridge's PCIe slot capabilities (HotPlugProbe.swift): a hot-plug slot makes the NIC removable
// The permanent address is not in sysfs: it comes from `PermanentAddressReader` (SIOCETHTOOL
// ETHTOOL_GPERMADDR on a live system; a recorded root has none, bond members have bonding_slave/perm_hwaddr).
// A permanent address with the locally-administered bit set is junk NVM, not a burned-in address, except on
// hypervisor adapters, whose "permanent" address the hypervisor assigns (QEMU's 52:54:00:… has that bit). Vendor/device names come from the udev
// database, else from `PCINameLookup` (libpci and pci.ids).

/// Reads an interface's permanent (burned-in) MAC address.
public protocol PermanentAddressReader: Sendable {
    func permanentAddress(of interface: String) -> PermanentAddress
}

public enum PermanentAddress: Sendable, Equatable {
    case bytes([UInt8])
    /// The live interface cannot be asked (a recorded root, or an interface the running kernel does not have).
    case notAvailable
    case failed(errno: Int32)
}

/// A recorded root has no permanent addresses: they exist only in a live driver.
public struct NoPermanentAddresses: PermanentAddressReader {
    public init() {}
    public func permanentAddress(of interface: String) -> PermanentAddress { .notAvailable }
}

/// Turns PCI ids into names.
public protocol PCINameLookup: Sendable {
    func vendorName(vendor: UInt16) -> String?
    func deviceName(vendor: UInt16, device: UInt16) -> String?
}

public struct NoPCINames: PCINameLookup {
    public init() {}
    public func vendorName(vendor: UInt16) -> String? { nil }
    public func deviceName(vendor: UInt16, device: UInt16) -> String? { nil }
}

public struct NICInfo: Sendable, Equatable {
    public var name: String
    /// Has a `device` link: a physical adapter (or a hypervisor's virtual adapter, as Windows sees it).
    public var physical: Bool
    /// For interfaces without a device: "bridge", "bond", "vlan", "tun", "loopback", "virtual"...
    public var virtualKind: String?
    /// pci, usb, platform, virtio, vmbus, xen...
    public var bus: String?
    /// On a virtio/vmbus/xen bus, or below a device that is (`SysfsDevicePath.hypervisorBus`): emulated by a hypervisor.
    public var hypervisor: Bool
    public var wireless: Bool
    public var sriovVirtualFunction: Bool
    /// Why the adapter is removable: "usb", or the sysfs path of an ancestor marked removable.
    public var removableVia: String?
    /// The bound driver's name; nil when there is no `device/driver` link (for a PCI or USB adapter, a recording
    /// that lost it: `driverLinkNotRecorded`).
    public var driver: String?
    public var rfkillBlocked: Bool
    /// IFF_UP: administratively up. Spare ports are often down; that is not "disabled".
    public var adminUp: Bool?
    public var operState: String?
    /// Firmware or udev says the adapter is on the mainboard.
    public var onboard: Bool
    public var pciAddress: String?
    public var vendorID: String?
    public var deviceID: String?
    public var vendorName: String?
    public var deviceName: String?
    /// The current address (`address`).
    public var address: Field
    public var addressAssignType: Int?
    public var permanentAddress: Field
    /// A PCIe hot-plug slot makes the adapter removable for Windows.
    public var hotPlug: HotPlugInfo
    /// The bond or bridge this interface is enslaved to.
    public var master: String?
    /// `type`: the ARPHRD_* link type; nil when not recorded.
    public var linkType: Int?
    /// uevent DEVTYPE ("wlan", "wwan", "bridge"...).
    public var devType: String?

    /// A netdev with a `device` link exists only while a driver has registered it: physical means bound.
    public var driverBound: Bool { physical }

    /// No `device/driver` link where a running kernel always has one: a PCI or USB function's netdev is registered
    /// by the driver bound to it (its probe calls register_netdev), so the recording lost the link. Other parents
    /// need not have a driver (a USB gadget's `gadget.0`, a simulated radio): no link there is no gap.
    public var driverLinkNotRecorded: Bool { physical && driver == nil && (bus == "pci" || bus == "usb") }

    /// An Ethernet or Wi-Fi adapter, what Windows lists for LAN and WLAN: link type Ethernet (or not recorded), not a
    /// WWAN modem.
    public var isNetworkAdapter: Bool { (linkType == nil || linkType == 1) && devType != "wwan" }

    /// The address the activation server would get: the permanent one, else the current one.
    public var bindingAddress: Field {
        permanentAddress.state == .value || permanentAddress.state == .placeholder ? permanentAddress : address
    }
}

public struct NICProbe: Sendable {
    public init() {}

    public func probe(_ files: SystemFiles, placeholders: PlaceholderRules, permanentAddresses: PermanentAddressReader,
                      pciNames: PCINameLookup, registers: PCIRegisterReader) -> [NICInfo] {
        (files.list("sys/class/net") ?? []).compactMap { name in
            nic(name, files: files, placeholders: placeholders, permanentAddresses: permanentAddresses, pciNames: pciNames,
                registers: registers)
        }
    }

    func nic(_ name: String, files: SystemFiles, placeholders: PlaceholderRules, permanentAddresses: PermanentAddressReader,
             pciNames: PCINameLookup, registers: PCIRegisterReader) -> NICInfo? {
        let base = "sys/class/net/\(name)"
        guard let path = files.resolve(base) else { return nil }
        let uevent = files.attribute("\(path)/uevent").map(UdevDatabase.parseUevent) ?? [:]
        let physical = files.exists("\(path)/device")
        let bus = physical ? files.linkName("\(path)/device/subsystem") : nil
        let devicePath = physical ? files.resolve("\(path)/device") : nil
        let ifindex = files.attribute("\(path)/ifindex")
        let udev = ifindex.flatMap { index -> [String: String]? in
            guard case .text(let text) = files.readText("run/udev/data/n\(index)") else { return nil }
            return UdevDatabase.parseProperties(text)
        } ?? [:]

        var info = NICInfo(
            name: name,
            physical: physical,
            virtualKind: physical ? nil : virtualKind(path, uevent: uevent, files: files),
            bus: bus,
            hypervisor: devicePath.flatMap { SysfsDevicePath.hypervisorBus(of: $0, files: files) } != nil,
            wireless: files.exists("\(path)/phy80211") || files.exists("\(path)/wireless") || uevent["DEVTYPE"] == "wlan",
            sriovVirtualFunction: files.exists("\(path)/device/physfn"),
            removableVia: nil,
            driver: physical ? files.linkName("\(path)/device/driver") : nil,
            rfkillBlocked: rfkillBlocked(path, files: files),
            adminUp: files.attribute("\(path)/flags").flatMap(Self.parseHex).map { $0 & 0x1 != 0 },
            operState: files.attribute("\(path)/operstate"),
            onboard: udev["ID_NET_NAME_ONBOARD"] != nil || files.exists("\(path)/device/acpi_index")
                || files.exists("\(path)/device/label"),
            address: Self.address(path, physical: physical, files: files, placeholders: placeholders),
            addressAssignType: files.attribute("\(path)/addr_assign_type").flatMap { Int($0) },
            permanentAddress: permanentAddressField(name, path: path, physical: physical, reader: permanentAddresses,
                                                    files: files, placeholders: placeholders),
            hotPlug: .notApplicable,
            master: files.linkName("\(path)/master"),
            linkType: files.attribute("\(path)/type").flatMap { Int($0) },
            devType: uevent["DEVTYPE"].flatMap { $0.isEmpty ? nil : $0 }
        )
        if !info.hypervisor {
            info.permanentAddress = Self.flagLocallyAdministered(info.permanentAddress)
            if info.addressAssignType == 0 && info.permanentAddress.submittedValue == nil {
                info.address = Self.flagLocallyAdministered(info.address)  // "assigned permanently" (NET_ADDR_PERM)
            }
        }
        if let devicePath {
            info.removableVia = SysfsDevicePath.isBehindUSB(devicePath) ? "usb"
                : SysfsDevicePath.removableAncestor(of: devicePath, files: files, includingSelf: true)
            if info.removableVia == nil { info.hotPlug = HotPlugProbe().hotPlug(of: devicePath, files: files, registers: registers) }
            let components = PathComponents.split(devicePath)
            if let index = components.lastIndex(where: SysfsDevicePath.isPCIAddress) {
                let pciPath = components[...index].joined(separator: "/")
                info.pciAddress = components[index]
                info.vendorID = files.attribute("\(pciPath)/vendor").map(Self.shortHex)
                info.deviceID = files.attribute("\(pciPath)/device").map(Self.shortHex)
                // udev's hwdb already named the device when udev ran (75-net-description.rules); libpci parses
                // all of pci.ids (milliseconds), so it is asked only when there is no udev database.
                info.vendorName = udev["ID_VENDOR_FROM_DATABASE"]
                info.deviceName = udev["ID_MODEL_FROM_DATABASE"]
                if info.vendorName == nil, let vendor = info.vendorID.flatMap({ UInt16($0, radix: 16) }) {
                    info.vendorName = pciNames.vendorName(vendor: vendor)
                    if let device = info.deviceID.flatMap({ UInt16($0, radix: 16) }) {
                        info.deviceName = pciNames.deviceName(vendor: vendor, device: device)
                    }
                }
            }
            if info.bus == "usb" || info.removableVia == "usb", let usbDevice = Self.usbDevicePath(devicePath) {
                info.vendorName = info.vendorName ?? files.attribute("\(usbDevice)/manufacturer")
                info.deviceName = files.attribute("\(usbDevice)/product") ?? info.deviceName
                info.vendorID = files.attribute("\(usbDevice)/idVendor") ?? info.vendorID
                info.deviceID = files.attribute("\(usbDevice)/idProduct") ?? info.deviceID
            }
        }
        return info
    }

    /// The current address. Every netdev has the attribute, so an adapter's missing file is a recording without it
    /// (virtual interfaces are never judged: theirs stays "absent").
    static func address(_ path: String, physical: Bool, files: SystemFiles, placeholders: PlaceholderRules) -> Field {
        let field = Field.read("\(path)/address", from: files, kind: .mac, placeholders: placeholders)
        guard physical, field.state == .absent else { return field }
        return .unavailable("\(path)/address", detail: .recordingLacksAddress)
    }

    func permanentAddressField(_ name: String, path: String, physical: Bool, reader: PermanentAddressReader, files: SystemFiles,
                               placeholders: PlaceholderRules) -> Field {
        let source = "ethtool:ETHTOOL_GPERMADDR"
        guard physical else { return .absent(source, detail: .virtualInterface) }
        switch reader.permanentAddress(of: name) {
        case .bytes(let bytes):
            guard !bytes.isEmpty else { return .absent(source, detail: .noPermanentAddress) }
            let text = bytes.map { byte in
                let hex = String(byte, radix: 16)
                return hex.count == 1 ? "0" + hex : hex
            }.joined(separator: ":")
            return Field.classify(text, source: source, kind: .mac, placeholders: placeholders)
        case .notAvailable:
            let bondMember = "\(path)/bonding_slave/perm_hwaddr"
            if files.exists(bondMember) {
                return Field.read(bondMember, from: files, kind: .mac, placeholders: placeholders)
            }
            return .unavailable(source, detail: .permanentAddressLiveOnly)
        case .failed(let code):
            return Field(state: .unreadable, detail: .readError(errno: code), source: source)
        }
    }

    /// A MAC whose first octet has the locally-administered bit (0x02) is not a manufacturer's address.
    static func flagLocallyAdministered(_ field: Field) -> Field {
        guard field.state == .value, let value = field.value, value.count >= 2,
              let firstOctet = UInt8(value.prefix(2), radix: 16), firstOctet & 0x02 != 0 else { return field }
        var flagged = field
        flagged.state = .placeholder
        flagged.detail = .locallyAdministeredPermanent
        return flagged
    }

    func virtualKind(_ path: String, uevent: [String: String], files: SystemFiles) -> String {
        if let type = uevent["DEVTYPE"], !type.isEmpty { return type }
        if files.exists("\(path)/bridge") { return "bridge" }
        if files.exists("\(path)/bonding") { return "bond" }
        if files.exists("\(path)/tun_flags") { return "tun" }
        if files.attribute("\(path)/type") == "772" { return "loopback" }
        return "virtual"
    }

    func rfkillBlocked(_ path: String, files: SystemFiles) -> Bool {
        let phy = "\(path)/phy80211"
        for entry in files.list(phy) ?? [] where entry.hasPrefix("rfkill") {
            if files.attribute("\(phy)/\(entry)/soft") == "1" || files.attribute("\(phy)/\(entry)/hard") == "1" { return true }
        }
        return false
    }

    /// The USB device directory (e.g. ".../usb1/1-2") above an interface (".../1-2:1.0").
    static func usbDevicePath(_ devicePath: String) -> String? {
        let components = PathComponents.split(devicePath)
        guard let index = components.lastIndex(where: { $0.first?.isNumber == true && $0.contains("-") && !$0.contains(":") })
        else { return nil }
        return components[...index].joined(separator: "/")
    }

    static func parseHex(_ text: String) -> Int? {
        Int(text.hasPrefix("0x") ? String(text.dropFirst(2)) : text, radix: 16)
    }

    /// "0x8086" → "8086"
    static func shortHex(_ text: String) -> String {
        text.hasPrefix("0x") ? String(text.dropFirst(2)) : text
    }
}

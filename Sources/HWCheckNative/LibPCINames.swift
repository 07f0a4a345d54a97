import CPCI
import HWCheckCore

/// PCI vendor and device names from pci.ids through libpci (pciutils lib/names.c).
///
/// libpci is opened on first use only: parsing pci.ids costs milliseconds, and a machine without PCI NICs
/// never needs it. The database path is fixed by the caller so a recorded root can carry its own.
public final class LibPCINames: PCINameLookup, @unchecked Sendable {
    // @unchecked: the handle is created and used on one thread only; hwcheck runs its probes sequentially.
    private let sysfsPath: String
    private let idsPath: String
    private var access: UnsafeMutablePointer<pci_access>?
    private var opened = false

    /// - Parameters:
    ///   - sysfsPath: the root's `sys/bus/pci` (libpci needs an access method even for names).
    ///   - idsPath: the pci.ids file to read.
    public init(sysfsPath: String, idsPath: String) {
        self.sysfsPath = sysfsPath
        self.idsPath = idsPath
    }

    deinit {
        if let access { pci_cleanup(access) }
    }

    private func handle() -> UnsafeMutablePointer<pci_access>? {
        if !opened {
            opened = true
            access = hwcheck_pci_open(sysfsPath, idsPath)
        }
        return access
    }

    public func vendorName(vendor: UInt16) -> String? {
        lookup(Int32(PCI_LOOKUP_VENDOR.rawValue), vendor: vendor, device: 0)
    }

    public func deviceName(vendor: UInt16, device: UInt16) -> String? {
        lookup(Int32(PCI_LOOKUP_DEVICE.rawValue), vendor: vendor, device: device)
    }

    private func lookup(_ which: Int32, vendor: UInt16, device: UInt16) -> String? {
        guard let access = handle() else { return nil }
        var buffer = [CChar](repeating: 0, count: 256)
        return buffer.withUnsafeMutableBufferPointer { pointer -> String? in
            guard let name = hwcheck_pci_lookup(access, pointer.baseAddress, Int32(pointer.count), which,
                                                UInt32(vendor), UInt32(device)) else { return nil }
            return String(cString: name)
        }
    }
}

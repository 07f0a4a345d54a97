import HWCheckCore

#if canImport(Glibc)
import Glibc
#endif

/// PCI memory-BAR registers of the running system, read through a read-only mapping of the sysfs
/// `resourceN` file (Documentation/PCI/sysfs-pci.rst; these files support mmap only). Root only (mode 0600), and
/// refused with EPERM under kernel lockdown (drivers/pci/pci-sysfs.c pci_mmap_resource:
/// security_locked_down(LOCKDOWN_PCI_ACCESS)); both come back as `.denied`. Only the fallback for AHCI ports whose
/// kernel does not export libahci's port attributes (HotPlugProbe). Registers are read with aligned 32-bit loads,
/// as MMIO requires.
public struct MappedPCIRegisters: PCIRegisterReader {
    public init() {}

    public func read32(pciPath: String, bar: Int, offsets: [Int]) -> RegisterRead {
        let path = "/\(pciPath)/resource\(bar)"
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        if fd < 0 { return Self.classify(errno) }
        defer { close(fd) }
        var info = stat()
        guard fstat(fd, &info) == 0 else { return Self.classify(errno) }
        let size = Int(info.st_size)
        guard let highest = offsets.max(), offsets.allSatisfy({ $0 >= 0 && $0 % 4 == 0 }), highest + 4 <= size else {
            return .failed(errno: EINVAL)
        }
        let pageSize = Int(sysconf(Int32(_SC_PAGESIZE)))
        let length = ((highest + 4 + pageSize - 1) / pageSize) * pageSize
        let mapping = mmap(nil, length, PROT_READ, MAP_SHARED, fd, 0)
        guard let mapping, mapping != MAP_FAILED else { return Self.classify(errno) }
        defer { munmap(mapping, length) }
        let base = UnsafeRawPointer(mapping)
        return .values(offsets.map { base.load(fromByteOffset: $0, as: UInt32.self).littleEndian })
    }

    private static func classify(_ code: Int32) -> RegisterRead {
        switch code {
        case ENOENT, ENOTDIR: return .missing
        case EACCES, EPERM: return .denied(errno: code)
        default: return .failed(errno: code)
        }
    }
}

import CPCI
import HWCheckCore

#if canImport(Glibc)
import Glibc
#endif

/// PCI vendor and device names from pci.ids through libpci (pciutils lib/names.c).
///
/// libpci parses and hashes every line of the database it is given before its first look-up: for all of
/// pci.ids that is ~25M instructions, most of a live run on a machine without a udev database. So each vendor
/// asked for gets its own libpci handle over an excerpt of pci.ids, that vendor's block (the vendor line and its
/// device lines), found by a plain scan; libpci still parses and names everything. Nothing is opened until a
/// name is asked for. The database path is fixed by the caller so a recorded root can carry its own.
public final class LibPCINames: PCINameLookup, @unchecked Sendable {
    // @unchecked: created and used on one thread only; hwcheck runs its probes sequentially.
    private let sysfsPath: String
    private let idsPath: String
    private var database: [UInt8]?
    private var databaseRead = false
    private var handles: [UInt16: UnsafeMutablePointer<pci_access>?] = [:]

    /// - Parameters:
    ///   - sysfsPath: the root's `sys/bus/pci` (libpci needs an access method even for names).
    ///   - idsPath: the pci.ids file to read.
    public init(sysfsPath: String, idsPath: String) {
        self.sysfsPath = sysfsPath
        self.idsPath = idsPath
    }

    deinit {
        for case let access? in handles.values { pci_cleanup(access) }
    }

    public func vendorName(vendor: UInt16) -> String? {
        lookup(Int32(PCI_LOOKUP_VENDOR.rawValue), vendor: vendor, device: 0)
    }

    public func deviceName(vendor: UInt16, device: UInt16) -> String? {
        lookup(Int32(PCI_LOOKUP_DEVICE.rawValue), vendor: vendor, device: device)
    }

    private func lookup(_ which: Int32, vendor: UInt16, device: UInt16) -> String? {
        guard let access = handle(vendor) else { return nil }
        var buffer = [CChar](repeating: 0, count: 256)
        return buffer.withUnsafeMutableBufferPointer { pointer -> String? in
            guard let name = hwcheck_pci_lookup(access, pointer.baseAddress, Int32(pointer.count), which,
                                                UInt32(vendor), UInt32(device)) else { return nil }
            return String(cString: name)
        }
    }

    private func handle(_ vendor: UInt16) -> UnsafeMutablePointer<pci_access>? {
        if let known = handles[vendor] { return known }
        var access: UnsafeMutablePointer<pci_access>?
        if let block = Self.vendorBlock(vendor, in: readDatabase()) {
            access = block.withUnsafeBufferPointer { hwcheck_pci_open_text(sysfsPath, $0.baseAddress, $0.count) }
        }
        handles[vendor] = access
        return access
    }

    private func readDatabase() -> [UInt8] {
        if !databaseRead {
            databaseRead = true
            database = Self.readFile(idsPath)
        }
        return database ?? []
    }

    /// The whole file (pci.ids is over a megabyte: more than SystemRoot reads of an attribute). Only a regular
    /// file: O_NONBLOCK so that opening a FIFO put in its place (a hostile recording) returns at once instead
    /// of waiting for a writer; fstat then refuses it.
    static func readFile(_ path: String) -> [UInt8]? {
        let fd = open(path, O_RDONLY | O_CLOEXEC | O_NOCTTY | O_NONBLOCK)
        guard fd >= 0 else { return nil }
        defer { close(fd) }
        var info = stat()
        guard fstat(fd, &info) == 0, (info.st_mode & S_IFMT) == S_IFREG, info.st_size < 64 << 20 else { return nil }
        guard case .bytes(let bytes) = Posix.readAll(fd, limit: 64 << 20, expectedSize: Int(info.st_size)) else { return nil }
        return bytes
    }

    /// The lines of `vendor` in pci.ids text: its "vvvv  Name" line and the lines after it that start with a tab
    /// or "#", up to the next vendor (or class) line. Nil when the vendor is not listed.
    static func vendorBlock(_ vendor: UInt16, in database: [UInt8]) -> [UInt8]? {
        let hex = String(vendor, radix: 16)
        let key = Array((String(repeating: "0", count: 4 - hex.count) + hex + "  ").utf8)
        return database.withUnsafeBufferPointer { buffer -> [UInt8]? in
            guard let base = buffer.baseAddress else { return nil }
            let count = buffer.count
            // Line to line with memchr: ~35,000 lines, most of them skipped by their first byte.
            func nextLine(after start: Int) -> Int {
                guard start < count, let newline = memchr(base + start, Int32(UInt8(ascii: "\n")), count - start) else { return count }
                return base.distance(to: newline.assumingMemoryBound(to: UInt8.self)) + 1
            }
            var line = 0
            var start: Int?
            while line < count {
                let first = buffer[line]
                if let found = start {
                    if first != UInt8(ascii: "\t") && first != UInt8(ascii: "#") && first != UInt8(ascii: "\n") {
                        return Array(buffer[found..<line])
                    }
                } else if first == key[0], line + key.count <= count, buffer[line..<line + key.count].elementsEqual(key) {
                    start = line
                }
                line = nextLine(after: line)
            }
            return start.map { Array(buffer[$0...]) }
        }
    }
}

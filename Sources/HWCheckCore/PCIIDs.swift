// PCI vendor and device names from a pci.ids file (the format of https://pci-ids.ucw.cz, as pciutils
// lib/names-parse.c reads it), looked up without loading the database.
//
//   # comment
//   vvvv  Vendor name              four hex digits at the start of the line, two spaces, the name
//   \tdddd  Device name            one tab: a device of the vendor above
//   \t\tssss ssss  Subsystem name  two tabs: ignored here
//   C cc  Class name               the class section at the end: ignored here
//
// libpci parses and hashes the whole file (about 1.3 MB, some 40,000 entries) before its first look-up: that was
// half of a live run's instructions on a machine without a udev database. hwcheck needs two names per PCI NIC,
// so this reads the file once and jumps from line to line (memchr) comparing only the vendor lines, then the
// device lines of that one vendor. Same names as libpci with PCI_LOOKUP_NO_NUMBERS: the text after the id,
// surrounding white space removed; nil where the file has no entry (or no file).

#if canImport(Glibc)
import Glibc
#endif

public final class PCIIDsFile: PCINameLookup, @unchecked Sendable {
    // @unchecked: loaded on first use and then only read; hwcheck runs its probes on one thread.
    private let path: String
    private var bytes: [UInt8]?

    /// Larger than any pci.ids (1.3 MB in 2024); a longer file is cut here rather than read without end.
    static let maximumSize = 16 * 1024 * 1024

    /// - Parameter path: the pci.ids file to read (a host path, already resolved inside any --sysroot).
    public init(path: String) {
        self.path = path
    }

    /// For tests and the fuzz target: the database as bytes.
    public init(contents: [UInt8]) {
        path = ""
        bytes = contents
    }

    public func vendorName(vendor: UInt16) -> String? {
        withDatabase { Self.lookup($0, vendor: vendor, device: nil) }
    }

    public func deviceName(vendor: UInt16, device: UInt16) -> String? {
        withDatabase { Self.lookup($0, vendor: vendor, device: device) }
    }

    private func withDatabase(_ body: (UnsafeBufferPointer<UInt8>) -> String?) -> String? {
        if bytes == nil { bytes = Self.readFile(path) }
        return bytes?.withUnsafeBufferPointer(body)
    }

    static func readFile(_ path: String) -> [UInt8] {
        let fd = open(path, O_RDONLY | O_CLOEXEC | O_NOCTTY | O_NONBLOCK)
        guard fd >= 0 else { return [] }
        defer { close(fd) }
        var info = stat()
        guard fstat(fd, &info) == 0, (info.st_mode & S_IFMT) == S_IFREG else { return [] }  // a directory, a FIFO
        var bytes: [UInt8] = []
        bytes.reserveCapacity(min(Int(info.st_size), maximumSize))
        var chunk = [UInt8](repeating: 0, count: 256 * 1024)
        while bytes.count < maximumSize {
            let count = chunk.withUnsafeMutableBytes { read(fd, $0.baseAddress, $0.count) }
            if count < 0 && errno == EINTR { continue }
            if count <= 0 { break }
            bytes.append(contentsOf: chunk[0..<min(count, maximumSize - bytes.count)])
        }
        return bytes
    }

    /// The vendor's name (device nil) or the vendor's device's name.
    static func lookup(_ data: UnsafeBufferPointer<UInt8>, vendor: UInt16, device: UInt16?) -> String? {
        guard let base = data.baseAddress, !data.isEmpty else { return nil }
        let end = data.count
        var start = 0
        var inVendor = false
        while start < end {
            let lineEnd = memchr(base + start, 0x0A, end - start).map { UnsafePointer($0.assumingMemoryBound(to: UInt8.self)) - base } ?? end
            let first = base[start]
            if first == 0x43 /* C */ && lineEnd - start > 1 && base[start + 1] == 0x20 {
                return nil  // the class section: no vendor after it
            }
            if isHex(first) {
                if inVendor { return nil }  // the next vendor: the device is not listed
                if let (id, name) = entry(base, from: start, to: lineEnd), id == vendor {
                    guard device != nil else { return name }
                    inVendor = true
                }
            } else if inVendor, first == 0x09, lineEnd - start > 1, base[start + 1] != 0x09, let device,
                      let (id, name) = entry(base, from: start + 1, to: lineEnd), id == device {
                return name
            }
            start = lineEnd + 1
        }
        return nil
    }

    /// "xxxx  Name" from `from` to `to`: the id and the trimmed name (nil if the name is empty).
    private static func entry(_ base: UnsafePointer<UInt8>, from: Int, to: Int) -> (UInt16, String?)? {
        guard to - from >= 5 else { return nil }
        var id: UInt16 = 0
        for offset in 0..<4 {
            guard let digit = hexValue(base[from + offset]) else { return nil }
            id = id << 4 | UInt16(digit)
        }
        let separator = base[from + 4]
        guard separator == 0x20 || separator == 0x09 else { return nil }
        // libpci handles lines as C strings: a NUL ends the line (the fuzzer's first pciids find).
        let to = memchr(base + from, 0, to - from).map { UnsafePointer($0.assumingMemoryBound(to: UInt8.self)) - base } ?? to
        guard to - from >= 5 else { return nil }
        var nameStart = from + 5, nameEnd = to
        while nameStart < nameEnd, isSpace(base[nameStart]) { nameStart += 1 }
        while nameEnd > nameStart, isSpace(base[nameEnd - 1]) { nameEnd -= 1 }
        guard nameEnd > nameStart else { return (id, nil) }
        return (id, String(decoding: UnsafeBufferPointer(start: base + nameStart, count: nameEnd - nameStart), as: UTF8.self))
    }

    private static func isSpace(_ byte: UInt8) -> Bool { byte == 0x20 || byte == 0x09 || byte == 0x0D || byte == 0x0A }
    private static func isHex(_ byte: UInt8) -> Bool { hexValue(byte) != nil }

    private static func hexValue(_ byte: UInt8) -> UInt8? {
        switch byte {
        case 0x30...0x39: return byte - 0x30
        case 0x61...0x66: return byte - 0x61 + 10
        case 0x41...0x46: return byte - 0x41 + 10
        default: return nil
        }
    }
}

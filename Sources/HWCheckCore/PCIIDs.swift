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
    /// Where the last vendor asked for starts: its device is asked for next, and its lines follow there.
    private var lastVendor: (id: UInt16, offset: Int)?

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
        withDatabase { data in
            var offset = 0
            let name = Self.lookup(data, vendor: vendor, device: nil, from: 0, vendorOffset: &offset)
            lastVendor = (vendor, offset)
            return name
        }
    }

    public func deviceName(vendor: UInt16, device: UInt16) -> String? {
        let start = lastVendor.flatMap { $0.id == vendor ? $0.offset : nil } ?? 0
        var offset = 0
        return withDatabase { Self.lookup($0, vendor: vendor, device: device, from: start, vendorOffset: &offset) }
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
        // Straight into the array's storage: one copy of 1.3 MB, not two.
        let capacity = min(max(Int(info.st_size), 0), maximumSize)
        return [UInt8](unsafeUninitializedCapacity: capacity) { buffer, initialized in
            initialized = 0
            while initialized < capacity {
                let count = read(fd, buffer.baseAddress! + initialized, capacity - initialized)
                if count < 0 && errno == EINTR { continue }
                if count <= 0 { break }
                initialized += count
            }
        }
    }

    /// The vendor's name (device nil) or the vendor's device's name.
    /// `from` is a line start to begin at; `vendorOffset` gets the vendor line's start when it is found.
    static func lookup(_ data: UnsafeBufferPointer<UInt8>, vendor: UInt16, device: UInt16?, from: Int = 0,
                       vendorOffset: inout Int) -> String? {
        guard let base = data.baseAddress, !data.isEmpty else { return nil }
        let end = data.count
        var start = from < end ? from : 0
        var inVendor = false
        while start < end {
            let lineEnd = memchr(base + start, 0x0A, end - start).map { UnsafePointer($0.assumingMemoryBound(to: UInt8.self)) - base } ?? end
            let first = base[start]
            if first == 0x43 /* C */ && lineEnd - start > 1 && base[start + 1] == 0x20 {
                return nil  // the class section: no vendor after it
            }
            // The name is built only for the entry asked for: ~2,500 vendor lines are passed over on the way.
            if isHex(first) {
                if inVendor { return nil }  // the next vendor: the device is not listed
                if id(base, from: start, to: lineEnd) == vendor {
                    vendorOffset = start
                    guard device != nil else { return name(base, from: start, to: lineEnd) }
                    inVendor = true
                }
            } else if inVendor, first == 0x09, lineEnd - start > 1, base[start + 1] != 0x09, let device,
                      id(base, from: start + 1, to: lineEnd) == device {
                return name(base, from: start + 1, to: lineEnd)
            }
            start = lineEnd + 1
        }
        return nil
    }

    /// The id of "xxxx  Name" between `from` and `to`, or nil when the line is not such an entry.
    private static func id(_ base: UnsafePointer<UInt8>, from: Int, to: Int) -> UInt16? {
        guard to - from >= 5, base[from + 4] == 0x20 || base[from + 4] == 0x09 else { return nil }
        var id: UInt16 = 0
        for offset in 0..<4 {
            guard let digit = hexValue(base[from + offset]) else { return nil }
            id = id << 4 | UInt16(digit)
        }
        return id
    }

    /// The name of "xxxx  Name", surrounding white space removed; nil if it is empty.
    private static func name(_ base: UnsafePointer<UInt8>, from: Int, to: Int) -> String? {
        // libpci handles lines as C strings: a NUL ends the line (the fuzzer's first pciids find).
        let to = memchr(base + from, 0, to - from).map { UnsafePointer($0.assumingMemoryBound(to: UInt8.self)) - base } ?? to
        guard to - from >= 5 else { return nil }
        var nameStart = from + 5, nameEnd = to
        while nameStart < nameEnd, isSpace(base[nameStart]) { nameStart += 1 }
        while nameEnd > nameStart, isSpace(base[nameEnd - 1]) { nameEnd -= 1 }
        guard nameEnd > nameStart else { return nil }
        return String(decoding: UnsafeBufferPointer(start: base + nameStart, count: nameEnd - nameStart), as: UTF8.self)
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

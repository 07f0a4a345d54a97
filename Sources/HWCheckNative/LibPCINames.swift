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
/// device lines); libpci still parses and names everything. The file is mapped, not read: a read copied all
/// 1.3 MB into anonymous memory (~330 page faults); the mapping is shared with the page cache, and the search
/// (`vendorBlock`) touches a few dozen of its pages. Nothing is opened until a name is asked for. The database
/// path is fixed by the caller so a recorded root can carry its own.
public final class LibPCINames: PCINameLookup, @unchecked Sendable {
    // @unchecked: created and used on one thread only; hwcheck runs its probes sequentially.
    private let sysfsPath: String
    private let idsPath: String
    private var database: MappedDatabase?
    private var databaseMapped = false
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
        if !databaseMapped {
            databaseMapped = true
            database = MappedDatabase(path: idsPath)
        }
        var access: UnsafeMutablePointer<pci_access>?
        if let text = database?.text, let block = Self.vendorBlock(vendor, in: text) {
            access = hwcheck_pci_open_text(sysfsPath, text.baseAddress.map { $0 + block.lowerBound }, block.count)
        }
        handles[vendor] = access
        return access
    }

    /// The whole file as an array (the tests compare the mapped search with it). Only a regular file, as
    /// `MappedDatabase` opens it.
    static func readFile(_ path: String) -> [UInt8]? {
        MappedDatabase(path: path).map { $0.text.map { Array($0) } ?? [] }
    }

    /// The lines of `vendor` in pci.ids text: its "vvvv  Name" line and the lines after it that start with a tab
    /// or "#" (or are empty), up to the next vendor (or class) line. Nil when the vendor is not listed.
    ///
    /// pci.ids lists its vendors in ascending order of id ("Vendors, devices and subsystems. Please keep
    /// sorted.", its header; pciutils' lib/names-parse.c itself needs no order, it hashes every line), so the
    /// vendor is found by a binary search over byte offsets, as look(1) searches a sorted file: each probe reads
    /// forward from the middle to the next vendor line. A recorded root's pci.ids may be anything, and a search
    /// notices disorder only where it looks: so where a probe sees an id outside the two that bound the search,
    /// or where the search ends without the vendor, the vendor is looked for by a scan of every line. The answer
    /// is always the scan's; the search only makes the usual case (a listed vendor, a sorted file) cheap.
    static func vendorBlock(_ vendor: UInt16, in text: UnsafeBufferPointer<UInt8>) -> Range<Int>? {
        let lines = PCIIDLines(text)
        switch lines.sortedSearch(vendor) {
        case .found(let start): return start..<lines.blockEnd(after: start)
        case .absent, .unsorted: return lines.scan(vendor).map { $0..<lines.blockEnd(after: $0) }
        }
    }

    /// `vendorBlock` on an array (tests).
    static func vendorBlock(_ vendor: UInt16, in database: [UInt8]) -> [UInt8]? {
        database.withUnsafeBufferPointer { text in vendorBlock(vendor, in: text).map { Array(text[$0]) } }
    }

    /// The block a scan of every line finds (tests compare the search with it).
    static func scannedVendorBlock(_ vendor: UInt16, in database: [UInt8]) -> [UInt8]? {
        database.withUnsafeBufferPointer { text in
            let lines = PCIIDLines(text)
            return lines.scan(vendor).map { Array(text[$0..<lines.blockEnd(after: $0)]) }
        }
    }
}

/// pci.ids mapped read-only. Only a regular file of at most 64 MiB: O_NONBLOCK so that opening a FIFO put in its
/// place (a hostile recording) returns at once instead of waiting for a writer; fstat then refuses it. (A file
/// truncated while mapped would raise SIGBUS on a page past its new end; a recording is not written while
/// hwcheck reads it, and the live pci.ids is replaced by rename, which leaves the mapped file whole.)
final class MappedDatabase {
    let text: UnsafeBufferPointer<UInt8>?
    private let mapping: UnsafeMutableRawPointer?
    private let length: Int

    init?(path: String) {
        let fd = open(path, O_RDONLY | O_CLOEXEC | O_NOCTTY | O_NONBLOCK)
        guard fd >= 0 else { return nil }
        defer { close(fd) }
        var info = stat()
        guard fstat(fd, &info) == 0, (info.st_mode & S_IFMT) == S_IFREG, info.st_size < 64 << 20 else { return nil }
        length = Int(info.st_size)
        guard length > 0 else {  // mmap refuses a length of 0; an empty file lists no vendor
            mapping = nil
            text = nil
            return
        }
        guard let address = mmap(nil, length, PROT_READ, MAP_PRIVATE, fd, 0), address != MAP_FAILED else { return nil }
        mapping = address
        text = UnsafeBufferPointer(start: address.assumingMemoryBound(to: UInt8.self), count: length)
    }

    deinit {
        if let mapping { munmap(mapping, length) }
    }
}

/// The lines of pci.ids text, for `LibPCINames.vendorBlock`.
struct PCIIDLines {
    enum SearchResult: Equatable { case found(Int), absent, unsorted }

    private let text: UnsafeBufferPointer<UInt8>

    init(_ text: UnsafeBufferPointer<UInt8>) { self.text = text }

    /// Binary search for `vendor`'s line among the vendor lines. The vendor's line, if listed, starts in
    /// lower..<upper; `below` and `above` are the ids of the vendor lines that bound that range (-1 and 0x10000
    /// at the ends of the file).
    func sortedSearch(_ vendor: UInt16) -> SearchResult {
        let key = Int(vendor)
        var lower = 0, upper = text.count
        var below = -1, above = 0x10000
        while lower < upper {
            let middle = lower + (upper - lower) / 2
            var line = lineStart(atOrAfter: middle)
            var id: Int?
            while line < upper {
                if let found = vendorID(at: line) { id = found; break }
                line = nextLine(after: line)
            }
            guard let id else {  // no vendor line starts in middle..<upper
                upper = middle
                continue
            }
            guard below < id && id < above else { return .unsorted }
            if id == key { return .found(line) }
            if id < key {
                lower = nextLine(after: line)
                below = id
            } else {  // the first vendor line from the middle on is past the key: the key's line is before it
                upper = middle
                above = id
            }
        }
        return .absent
    }

    /// The first line whose "vvvv  " is `vendor`'s, by a scan of every line: the answer for a file that is not
    /// sorted (and the tests' reference).
    func scan(_ vendor: UInt16) -> Int? {
        var line = 0
        while line < text.count {
            if vendorID(at: line) == Int(vendor) { return line }
            line = nextLine(after: line)
        }
        return nil
    }

    /// The end of the block whose vendor line starts at `start`: the first line after it that does not start
    /// with a tab or "#" and is not empty (the next vendor, or the class list), or the end of the text.
    func blockEnd(after start: Int) -> Int {
        var line = nextLine(after: start)
        while line < text.count {
            let first = text[line]
            if first != UInt8(ascii: "\t") && first != UInt8(ascii: "#") && first != UInt8(ascii: "\n") { return line }
            line = nextLine(after: line)
        }
        return text.count
    }

    /// The id of a vendor line, "vvvv  Name" with four lower-case hex digits (as pci.ids writes them, and as
    /// the scan has always matched them); nil for any other line.
    private func vendorID(at line: Int) -> Int? {
        guard line + 6 <= text.count, text[line + 4] == UInt8(ascii: " "), text[line + 5] == UInt8(ascii: " ") else { return nil }
        var id = 0
        for offset in 0..<4 {
            let byte = text[line + offset]
            switch byte {
            case UInt8(ascii: "0")...UInt8(ascii: "9"): id = id << 4 | Int(byte - UInt8(ascii: "0"))
            case UInt8(ascii: "a")...UInt8(ascii: "f"): id = id << 4 | Int(byte - UInt8(ascii: "a") + 10)
            default: return nil
            }
        }
        return id
    }

    /// The start of the line after the one holding `position` (memchr: most lines are skipped whole).
    private func nextLine(after position: Int) -> Int {
        guard position < text.count, let base = text.baseAddress,
              let newline = memchr(base + position, Int32(UInt8(ascii: "\n")), text.count - position) else { return text.count }
        return base.distance(to: newline.assumingMemoryBound(to: UInt8.self)) + 1
    }

    /// The first line start at or after `position`.
    private func lineStart(atOrAfter position: Int) -> Int {
        position == 0 ? 0 : nextLine(after: position - 1)
    }
}

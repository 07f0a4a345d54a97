// POSIX ustar archives (POSIX.1-2001 pax interchange format for long names), written and read here so that
// `hwcheck bundle` and `--sysroot ARCHIVE` need no external command. Only what a bundle holds: directories,
// regular files and symbolic links. Reading refuses paths that climb out of the extraction directory and never
// writes through a symbolic link.

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import HWCheckCore

public enum TarEntryKind: Equatable, Sendable {
    case directory
    case file([UInt8])
    case symlink(String)
}

public struct TarEntry: Equatable, Sendable {
    /// Relative path, "/"-separated, no "." or ".." components.
    public var path: String
    public var kind: TarEntryKind
    /// Permission bits (0o644, 0o755, 0o400 …).
    public var mode: UInt32

    public init(path: String, kind: TarEntryKind, mode: UInt32) {
        self.path = path
        self.kind = kind
        self.mode = mode
    }
}

public enum Tar {
    static let blockSize = 512

    /// The archive bytes for `entries`, in the order given (parents before children, as extraction expects).
    public static func write(_ entries: [TarEntry]) -> [UInt8] {
        var output: [UInt8] = []
        for entry in entries {
            let name = entry.path + (entry.kind == .directory ? "/" : "")
            var linkTarget = ""
            var type: UInt8 = UInt8(ascii: "0")
            var content: [UInt8] = []
            switch entry.kind {
            case .directory: type = UInt8(ascii: "5")
            case .file(let bytes): content = bytes
            case .symlink(let target): type = UInt8(ascii: "2"); linkTarget = target
            }
            let split = splitName(name)
            var pax: [(String, String)] = []
            if split == nil { pax.append(("path", name)) }
            if linkTarget.utf8.count > 100 { pax.append(("linkpath", linkTarget)) }
            if !pax.isEmpty {
                var records: [UInt8] = []
                for (key, value) in pax { records += paxRecord(key, value) }
                output += header(name: "PaxHeaders/" + String(PathComponents.lastComponent(of: name).prefix(80)), prefix: "",
                                 mode: 0o644, size: records.count, type: UInt8(ascii: "x"), link: "")
                output += padded(records)
            }
            // Too long for ustar: the pax header above carries the name; the header keeps its tail.
            let (prefix, short) = split ?? ("", String(decoding: Array(name.utf8.suffix(99)), as: UTF8.self))
            output += header(name: short, prefix: prefix, mode: entry.mode, size: content.count, type: type,
                             link: String(decoding: Array(linkTarget.utf8.prefix(100)), as: UTF8.self))
            output += padded(content)
        }
        output += [UInt8](repeating: 0, count: blockSize * 2)
        return output
    }

    /// ustar keeps names up to 100 bytes, or a prefix of up to 155 and a name of up to 100 split at a "/".
    static func splitName(_ name: String) -> (prefix: String, name: String)? {
        let bytes = Array(name.utf8)
        if bytes.count <= 100 { return ("", name) }
        for index in stride(from: min(bytes.count - 1, 155), through: 1, by: -1) where bytes[index] == UInt8(ascii: "/") {
            let rest = bytes.count - index - 1
            if rest > 0 && rest <= 100 {
                return (String(decoding: bytes[..<index], as: UTF8.self), String(decoding: bytes[(index + 1)...], as: UTF8.self))
            }
        }
        return nil
    }

    /// "LEN key=value\n", where LEN counts the whole record including its own digits.
    static func paxRecord(_ key: String, _ value: String) -> [UInt8] {
        let body = " \(key)=\(value)\n"
        var length = body.utf8.count + 1
        while String(length).utf8.count + body.utf8.count != length { length = String(length).utf8.count + body.utf8.count }
        return Array("\(length)\(body)".utf8)
    }

    static func padded(_ bytes: [UInt8]) -> [UInt8] {
        let remainder = bytes.count % blockSize
        return remainder == 0 ? bytes : bytes + [UInt8](repeating: 0, count: blockSize - remainder)
    }

    static func header(name: String, prefix: String, mode: UInt32, size: Int, type: UInt8, link: String) -> [UInt8] {
        var block = [UInt8](repeating: 0, count: blockSize)
        func put(_ text: String, at offset: Int, length: Int) {
            for (index, byte) in text.utf8.prefix(length).enumerated() { block[offset + index] = byte }
        }
        func octal(_ value: Int, at offset: Int, length: Int) {
            let digits = String(value, radix: 8)
            put(String(repeating: "0", count: max(0, length - 1 - digits.count)) + digits, at: offset, length: length - 1)
        }
        put(name, at: 0, length: 100)
        octal(Int(mode & 0o7777), at: 100, length: 8)
        octal(0, at: 108, length: 8)  // uid
        octal(0, at: 116, length: 8)  // gid
        octal(size, at: 124, length: 12)
        octal(0, at: 136, length: 12)  // mtime: 0, so the same machine gives the same archive
        block[156] = type
        put(link, at: 157, length: 100)
        put("ustar", at: 257, length: 6)
        put("00", at: 263, length: 2)
        put(prefix, at: 345, length: 155)
        for index in 148..<156 { block[index] = UInt8(ascii: " ") }
        let checksum = block.reduce(0) { $0 + Int($1) }
        octal(checksum, at: 148, length: 7)
        block[155] = UInt8(ascii: " ")
        return block
    }

    public struct ReadError: Error, Equatable {
        public var message: String
    }

    /// What reading one archive may cost. A bundle of a real machine holds a few thousand entries and a few
    /// MiB (sysfs attributes are at most a page; the largest file is the pci.ids excerpt); the bounds leave
    /// room for large servers while a tar bomb (a million tiny files, or one huge one) stops early with an error.
    public struct Limits: Equatable, Sendable {
        /// Headers of any kind (pax headers included).
        public var maximumEntries: Int
        /// Bytes of content (files and pax headers) in all.
        public var maximumSize: Int

        public init(maximumEntries: Int = 100_000, maximumSize: Int = 256 << 20) {
            self.maximumEntries = maximumEntries
            self.maximumSize = maximumSize
        }

        public static let bundle = Limits()
    }

    /// The entries of an archive in memory. Every input gives entries or an error, never a trap (Fuzz target
    /// `tar`). Types other than files, directories, links and pax headers are skipped.
    public static func read(_ bytes: [UInt8], limits: Limits = .bundle) throws(ReadError) -> [TarEntry] {
        var reader = TarReader(input: .memory(bytes), limits: limits)
        var entries: [TarEntry] = []
        while let header = try reader.next() {
            switch header.kind {
            case .directory: entries.append(TarEntry(path: header.path, kind: .directory, mode: header.mode))
            case .symlink(let link): entries.append(TarEntry(path: header.path, kind: .symlink(link), mode: header.mode))
            case .file: entries.append(TarEntry(path: header.path, kind: .file(try reader.content()), mode: header.mode))
            }
        }
        return entries
    }

    /// Reads the archive open at `descriptor` and creates its entries under `directory` as they come: memory
    /// holds one header and one chunk of content, never the archive. `shouldStop` is asked between entries (a
    /// termination signal is pending); when it says so, extraction ends with an error. Returns the entry count.
    public static func extract(from descriptor: Int32, into directory: String, limits: Limits = .bundle,
                               shouldStop: () -> Bool = { false }) throws(ReadError) -> Int {
        var reader = TarReader(input: .descriptor(descriptor), limits: limits)
        var count = 0
        while let header = try reader.next() {
            if shouldStop() { throw ReadError(message: "interrupted") }
            try create(header.path, header.kind, mode: header.mode, in: directory) { (file: Int32) throws(ReadError) in
                try reader.readContent { (chunk: ArraySlice<UInt8>) throws(ReadError) in
                    guard FileIO.writeAll(file, Array(chunk)) else { throw ReadError(message: "\(header.path): write failed") }
                }
            }
            count += 1
        }
        return count
    }

    /// Creates the entries under `directory` (which must exist). A path whose parent is a symbolic link is
    /// refused, so a crafted archive cannot write outside `directory`.
    public static func extract(_ entries: [TarEntry], into directory: String) throws(ReadError) {
        for entry in entries {
            let kind: TarReader.Kind
            var content: [UInt8] = []
            switch entry.kind {
            case .directory: kind = .directory
            case .symlink(let link): kind = .symlink(link)
            case .file(let bytes): kind = .file; content = bytes
            }
            try create(entry.path, kind, mode: entry.mode, in: directory) { (file: Int32) throws(ReadError) in
                guard FileIO.writeAll(file, content) else { throw ReadError(message: "\(entry.path): write failed") }
            }
        }
    }

    /// One entry: parents made as directories (never through a link), then the entry; `writeContent` fills a
    /// new regular file.
    static func create(_ path: String, _ kind: TarReader.Kind, mode: UInt32, in directory: String,
                       writeContent: (Int32) throws(ReadError) -> Void) throws(ReadError) {
        let components = PathComponents.split(path)
        var parent = directory
        for component in components.dropLast() {
            parent += "/" + component
            var info = stat()
            if lstat(parent, &info) != 0 {
                guard mkdir(parent, 0o755) == 0 else { throw ReadError(message: "\(path): cannot create \(parent)") }
            } else if (info.st_mode & S_IFMT) != S_IFDIR {
                throw ReadError(message: "\(path): a parent is not a directory (a link in the archive?)")
            }
        }
        let target = directory + "/" + components.joined(separator: "/")
        switch kind {
        case .directory:
            var info = stat()
            if lstat(target, &info) == 0 {
                guard (info.st_mode & S_IFMT) == S_IFDIR else { throw ReadError(message: "\(path): exists and is not a directory") }
            } else if mkdir(target, 0o755) != 0 {
                throw ReadError(message: "\(path): cannot create directory")
            }
        case .symlink(let link):
            unlink(target)
            guard symlink(link, target) == 0 else { throw ReadError(message: "\(path): cannot create link") }
        case .file:
            let descriptor = open(target, O_WRONLY | O_CREAT | O_TRUNC | O_NOFOLLOW | O_CLOEXEC, mode_t(mode & 0o777))
            guard descriptor >= 0 else { throw ReadError(message: "\(path): cannot create file") }
            defer { close(descriptor) }
            try writeContent(descriptor)
            fchmod(descriptor, mode_t(mode & 0o777))
        }
    }
}

/// The header-by-header reading of a ustar/pax archive, from memory or from an open file, within `Tar.Limits`.
/// Total: any bytes give headers or a `Tar.ReadError`, never a trap. Numbers are octal digits only (a sign, a
/// base-256 field or any other byte is an error), pax records must be well formed ("LEN key=value\n", LEN
/// counting the whole record), and paths may not be absolute or climb with "..".
struct TarReader {
    enum Input {
        case memory([UInt8])
        case descriptor(Int32)
    }

    enum Kind: Equatable {
        case directory
        case file
        case symlink(String)
    }

    struct Header {
        var path: String
        var kind: Kind
        var mode: UInt32
        var size: Int
    }

    static let blockSize = 512
    var input: Input
    let limits: Tar.Limits
    /// Bytes consumed, for messages.
    var position = 0
    var entries = 0
    var contentSize = 0
    /// Content of the current entry not read yet, and the padding after it.
    var remaining = 0
    var padding = 0

    init(input: Input, limits: Tar.Limits) {
        self.input = input
        self.limits = limits
    }

    /// Up to `count` bytes; fewer only at the end of the input.
    mutating func readUpTo(_ count: Int) throws(Tar.ReadError) -> [UInt8] {
        switch input {
        case .memory(let bytes):
            let end = min(bytes.count, position + count)
            defer { position = end }
            return Array(bytes[min(position, end)..<end])
        case .descriptor(let descriptor):
            var buffer = [UInt8](repeating: 0, count: count)
            var filled = 0
            while filled < count {
                let read = buffer.withUnsafeMutableBytes { raw -> Int in
                    guard let base = raw.baseAddress else { return 0 }
                    return Glibc.read(descriptor, base + filled, count - filled)
                }
                if read < 0 {
                    if errno == EINTR { continue }
                    throw Tar.ReadError(message: "read failed at byte \(position + filled): \(ErrnoError(code: errno).text)")
                }
                if read == 0 { break }
                filled += read
            }
            position += filled
            return filled == count ? buffer : Array(buffer[0..<filled])
        }
    }

    mutating func readExactly(_ count: Int) throws(Tar.ReadError) -> [UInt8] {
        let bytes = try readUpTo(count)
        guard bytes.count == count else { throw Tar.ReadError(message: "archive cut short") }
        return bytes
    }

    /// Reads the rest of the current entry's content in chunks of at most 64 KiB.
    mutating func readContent(_ body: (ArraySlice<UInt8>) throws(Tar.ReadError) -> Void) throws(Tar.ReadError) {
        while remaining > 0 {
            let chunk = try readExactly(min(remaining, 1 << 16))
            remaining -= chunk.count
            try body(chunk[...])
        }
    }

    /// The rest of the current entry's content, whole (bounded by `Limits.maximumSize`).
    mutating func content() throws(Tar.ReadError) -> [UInt8] {
        var bytes: [UInt8] = []
        try readContent { (chunk: ArraySlice<UInt8>) throws(Tar.ReadError) in bytes += chunk }
        return bytes
    }

    /// The next directory, file or link, or nil at the end marker (a block of zeros).
    mutating func next() throws(Tar.ReadError) -> Header? {
        var paxPath: String?
        var paxLink: String?
        while true {
            // What the caller did not read of the previous entry, and its padding.
            while remaining + padding > 0 {
                let skipped = try readExactly(min(remaining + padding, 1 << 16)).count
                let fromContent = min(skipped, remaining)
                remaining -= fromContent
                padding -= skipped - fromContent
            }
            let start = position
            let block = try readUpTo(Self.blockSize)
            if block.isEmpty || block.count < Self.blockSize {
                throw Tar.ReadError(message: block.isEmpty ? "archive cut short (no end marker)" : "archive cut short")
            }
            if block.allSatisfy({ $0 == 0 }) { return nil }
            entries += 1
            guard entries <= limits.maximumEntries else {
                throw Tar.ReadError(message: "more than \(limits.maximumEntries) entries (the limit for a bundle)")
            }
            var sum = 0
            for index in 0..<Self.blockSize { sum += (148..<156).contains(index) ? 0x20 : Int(block[index]) }
            guard try Self.number(block, 148, 8, at: start) == sum else {
                throw Tar.ReadError(message: "bad header checksum at byte \(start)")
            }
            let size = try Self.number(block, 124, 12, at: start)
            let mode = UInt32(try Self.number(block, 100, 8, at: start) & 0o7777)
            guard size <= limits.maximumSize - contentSize else {
                throw Tar.ReadError(message: "content over \(limits.maximumSize >> 20) MiB (the limit for a bundle)")
            }
            contentSize += size
            remaining = size
            padding = (Self.blockSize - size % Self.blockSize) % Self.blockSize
            let type = block[156]
            switch type {
            case UInt8(ascii: "x"):
                for (key, value) in try Self.parsePax(try content(), at: start) {
                    if key == "path" { paxPath = value }
                    if key == "linkpath" { paxLink = value }
                }
                continue
            case UInt8(ascii: "g"):
                continue
            default: break
            }
            let prefix = Self.text(block, 345, 155)
            let name = paxPath ?? (prefix.isEmpty ? Self.text(block, 0, 100) : prefix + "/" + Self.text(block, 0, 100))
            let link = paxLink ?? Self.text(block, 157, 100)
            paxPath = nil
            paxLink = nil
            let components = PathComponents.split(name).filter { $0 != "." }
            guard !components.isEmpty else { continue }
            guard !components.contains(".."), !name.hasPrefix("/") else { throw Tar.ReadError(message: "unsafe path \"\(name)\"") }
            let path = components.joined(separator: "/")
            switch type {
            case UInt8(ascii: "5"): return Header(path: path, kind: .directory, mode: mode, size: size)
            case UInt8(ascii: "0"), 0: return Header(path: path, kind: .file, mode: mode, size: size)
            case UInt8(ascii: "2"): return Header(path: path, kind: .symlink(link), mode: mode, size: size)
            default: continue
            }
        }
    }

    static func text(_ block: [UInt8], _ start: Int, _ length: Int) -> String {
        String(decoding: block[start..<start + length].prefix { $0 != 0 }, as: UTF8.self)
    }

    /// An octal header field: digits, optionally surrounded by spaces and ended by NUL or space (POSIX ustar;
    /// GNU's base-256 form and signs are refused). At most 12 digits, so it always fits an `Int`.
    static func number(_ block: [UInt8], _ start: Int, _ length: Int, at header: Int) throws(Tar.ReadError) -> Int {
        var field = block[start..<start + length].prefix { $0 != 0 }
        while field.first == 0x20 { field = field.dropFirst() }
        while field.last == 0x20 { field = field.dropLast() }
        var value = 0
        for byte in field {
            guard byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "7") else {
                throw Tar.ReadError(message: "bad header number at byte \(header + start)")
            }
            value = value << 3 | Int(byte - UInt8(ascii: "0"))
        }
        return value
    }

    /// pax extended header records (POSIX.1-2001 pax, "extended header"): "LEN key=value\n" each.
    static func parsePax(_ data: [UInt8], at header: Int) throws(Tar.ReadError) -> [(String, String)] {
        var records: [(String, String)] = []
        var index = 0
        while index < data.count {
            let bad = Tar.ReadError(message: "bad pax header record at byte \(header + Tar.blockSize + index)")
            // LEN: decimal digits (at most 9: a record never exceeds the bounded content), then a space.
            var length = 0
            var cursor = index
            while cursor < data.count, cursor - index < 9, data[cursor] >= 0x30, data[cursor] <= 0x39 {
                length = length * 10 + Int(data[cursor] - 0x30)
                cursor += 1
            }
            guard cursor > index, cursor < data.count, data[cursor] == 0x20 else { throw bad }
            let end = index + length
            // The record holds at least "key=" after the space and ends with its newline.
            guard end <= data.count, end - 1 > cursor + 1, data[end - 1] == 0x0A else { throw bad }
            let record = data[(cursor + 1)..<(end - 1)]
            guard let equals = record.firstIndex(of: UInt8(ascii: "=")), equals > record.startIndex else { throw bad }
            records.append((String(decoding: record[..<equals], as: UTF8.self), String(decoding: record[(equals + 1)...], as: UTF8.self)))
            index = end
        }
        return records
    }
}

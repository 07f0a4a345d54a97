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

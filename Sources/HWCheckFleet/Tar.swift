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

    /// The entries of an archive. Types other than files, directories, links and pax headers are skipped.
    public static func read(_ bytes: [UInt8]) throws(ReadError) -> [TarEntry] {
        var entries: [TarEntry] = []
        var offset = 0
        var paxPath: String?
        var paxLink: String?
        while offset + blockSize <= bytes.count {
            let block = bytes[offset..<offset + blockSize]
            if block.allSatisfy({ $0 == 0 }) { return entries }
            func text(_ start: Int, _ length: Int) -> String {
                let field = bytes[offset + start..<offset + start + length]
                return String(decoding: field.prefix { $0 != 0 }, as: UTF8.self)
            }
            func number(_ start: Int, _ length: Int) throws(ReadError) -> Int {
                let digits = text(start, length).trimmedWhitespace
                guard let value = Int(digits.isEmpty ? "0" : digits, radix: 8) else { throw ReadError(message: "bad header number at byte \(offset + start)") }
                return value
            }
            var sum = 0
            for index in 0..<blockSize { sum += (148..<156).contains(index) ? 0x20 : Int(bytes[offset + index]) }
            guard try number(148, 8) == sum else { throw ReadError(message: "bad header checksum at byte \(offset)") }
            let size = try number(124, 12)
            let mode = UInt32(try number(100, 8))
            let type = bytes[offset + 156]
            let prefix = text(345, 155)
            var name = prefix.isEmpty ? text(0, 100) : prefix + "/" + text(0, 100)
            var link = text(157, 100)
            let dataStart = offset + blockSize
            guard size >= 0, dataStart + size <= bytes.count else { throw ReadError(message: "archive cut short") }
            let data = Array(bytes[dataStart..<dataStart + size])
            offset = dataStart + (size + blockSize - 1) / blockSize * blockSize
            switch type {
            case UInt8(ascii: "x"):
                for (key, value) in parsePax(data) {
                    if key == "path" { paxPath = value }
                    if key == "linkpath" { paxLink = value }
                }
                continue
            case UInt8(ascii: "g"):
                continue
            default: break
            }
            if let override = paxPath { name = override }
            if let override = paxLink { link = override }
            paxPath = nil
            paxLink = nil
            let components = PathComponents.split(name).filter { $0 != "." }
            guard !components.isEmpty else { continue }
            guard !components.contains(".."), !name.hasPrefix("/") else { throw ReadError(message: "unsafe path \"\(name)\"") }
            let path = components.joined(separator: "/")
            switch type {
            case UInt8(ascii: "5"): entries.append(TarEntry(path: path, kind: .directory, mode: mode))
            case UInt8(ascii: "0"), 0: entries.append(TarEntry(path: path, kind: .file(data), mode: mode))
            case UInt8(ascii: "2"): entries.append(TarEntry(path: path, kind: .symlink(link), mode: mode))
            default: continue
            }
        }
        throw ReadError(message: "archive cut short (no end marker)")
    }

    static func parsePax(_ data: [UInt8]) -> [(String, String)] {
        var records: [(String, String)] = []
        var index = 0
        while index < data.count {
            guard let space = data[index...].firstIndex(of: UInt8(ascii: " ")),
                  let length = Int(String(decoding: data[index..<space], as: UTF8.self)), length > 0,
                  index + length <= data.count else { break }
            let record = data[(space + 1)..<(index + length - 1)]
            if let equals = record.firstIndex(of: UInt8(ascii: "=")) {
                records.append((String(decoding: record[..<equals], as: UTF8.self), String(decoding: record[(equals + 1)...], as: UTF8.self)))
            }
            index += length
        }
        return records
    }

    /// Creates the entries under `directory` (which must exist). A path whose parent is a symbolic link is
    /// refused, so a crafted archive cannot write outside `directory`.
    public static func extract(_ entries: [TarEntry], into directory: String) throws(ReadError) {
        for entry in entries {
            let components = PathComponents.split(entry.path)
            var parent = directory
            for component in components.dropLast() {
                parent += "/" + component
                var info = stat()
                if lstat(parent, &info) != 0 {
                    guard mkdir(parent, 0o755) == 0 else { throw ReadError(message: "\(entry.path): cannot create \(parent)") }
                } else if (info.st_mode & S_IFMT) != S_IFDIR {
                    throw ReadError(message: "\(entry.path): a parent is not a directory (a link in the archive?)")
                }
            }
            let target = directory + "/" + components.joined(separator: "/")
            switch entry.kind {
            case .directory:
                var info = stat()
                if lstat(target, &info) == 0 {
                    guard (info.st_mode & S_IFMT) == S_IFDIR else { throw ReadError(message: "\(entry.path): exists and is not a directory") }
                } else if mkdir(target, 0o755) != 0 {
                    throw ReadError(message: "\(entry.path): cannot create directory")
                }
            case .symlink(let link):
                unlink(target)
                guard symlink(link, target) == 0 else { throw ReadError(message: "\(entry.path): cannot create link") }
            case .file(let bytes):
                let descriptor = open(target, O_WRONLY | O_CREAT | O_TRUNC | O_NOFOLLOW | O_CLOEXEC, mode_t(entry.mode & 0o777))
                guard descriptor >= 0 else { throw ReadError(message: "\(entry.path): cannot create file") }
                defer { close(descriptor) }
                guard FileIO.writeAll(descriptor, bytes) else { throw ReadError(message: "\(entry.path): write failed") }
                fchmod(descriptor, mode_t(entry.mode & 0o777))
            }
        }
    }
}

/// Small POSIX file helpers shared by the bundle and the commands.
public enum FileIO {
    public static func writeAll(_ descriptor: Int32, _ bytes: [UInt8]) -> Bool {
        var written = 0
        while written < bytes.count {
            let count = bytes.withUnsafeBytes { raw -> Int in
                guard let base = raw.baseAddress else { return 0 }
                return write(descriptor, base + written, raw.count - written)
            }
            if count < 0 { if errno == EINTR { continue }; return false }
            written += count
        }
        return true
    }

    /// A whole file, or the errno that stopped reading it.
    public static func readAll(_ path: String) -> Result<[UInt8], ErrnoError> {
        let descriptor = open(path, O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else { return .failure(ErrnoError(code: errno)) }
        defer { close(descriptor) }
        var bytes: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 1 << 16)
        while true {
            let count = chunk.withUnsafeMutableBytes { read(descriptor, $0.baseAddress, $0.count) }
            if count < 0 { if errno == EINTR { continue }; return .failure(ErrnoError(code: errno)) }
            if count == 0 { return .success(bytes) }
            bytes += chunk[0..<count]
        }
    }

    /// Writes `bytes` to `path` atomically: a temporary file in the same directory, then rename(2). On any
    /// failure no file (partial or temporary) is left behind.
    public static func writeAtomically(_ bytes: [UInt8], to path: String, mode: mode_t = 0o644) -> ErrnoError? {
        let directory = PathComponents.parent(of: path)
        let base = path.hasPrefix("/") ? "/" + directory : (directory.isEmpty ? "." : directory)
        var template = Array((base + "/.\(PathComponents.lastComponent(of: path)).XXXXXX").utf8CString)
        let descriptor = template.withUnsafeMutableBufferPointer { buffer -> Int32 in
            guard let base = buffer.baseAddress else { return -1 }
            return mkstemp(base)
        }
        guard descriptor >= 0 else { return ErrnoError(code: errno) }
        let temporary = String(decoding: template.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
        var failure: ErrnoError?
        if !writeAll(descriptor, bytes) || fchmod(descriptor, mode) != 0 || fsync(descriptor) != 0 { failure = ErrnoError(code: errno) }
        if close(descriptor) != 0 && failure == nil { failure = ErrnoError(code: errno) }
        if failure == nil && rename(temporary, path) != 0 { failure = ErrnoError(code: errno) }
        if failure != nil { unlink(temporary) }
        return failure
    }

    /// Removes a tree without following symbolic links.
    public static func removeTree(_ path: String) {
        var info = stat()
        guard lstat(path, &info) == 0 else { return }
        if (info.st_mode & S_IFMT) == S_IFDIR {
            chmod(path, 0o700)
            for name in ReportStream.filesBelow(path, includeHidden: true) { removeTree(name) }
            rmdir(path)
        } else {
            unlink(path)
        }
    }

    /// A new private directory (mode 0700, mkdtemp(3)) under `base`.
    public static func makeTemporaryDirectory(prefix: String, in base: String = "/tmp") -> String? {
        var template = Array("\(base)/\(prefix).XXXXXX".utf8CString)
        let made = template.withUnsafeMutableBufferPointer { buffer -> Bool in
            guard let base = buffer.baseAddress else { return false }
            return mkdtemp(base) != nil
        }
        guard made else { return nil }
        return String(decoding: template.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }
}

public struct ErrnoError: Error, Equatable {
    public var code: Int32

    public init(code: Int32) {
        self.code = code
    }

    public var text: String {
        switch code {
        case ENOENT: return "no such file or directory"
        case ENOTDIR: return "a path component is not a directory"
        case EACCES: return "permission denied"
        case ENOSPC: return "no space left on device"
        default: return String(cString: strerror(code))
        }
    }
}

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// What reading one file under the system root gave.
public enum FileRead: Equatable, Sendable {
    /// The file's bytes.
    case bytes([UInt8])
    /// No such file (ENOENT/ENOTDIR): for sysfs this means the kernel has no such attribute.
    case missing
    /// EACCES/EPERM: typically a 0400 attribute read by a non-root user.
    case denied
    /// Any other error, with its errno (EIO from a device that fails a read, EISDIR, ...).
    case failed(errno: Int32)
}

/// The seam every probe reads through: files below one root directory.
///
/// Paths given to it are relative to the root ("sys/class/dmi/id/product_serial"). Symbolic links are
/// followed *inside* the root: an absolute link target is taken relative to the root and `..` never climbs
/// above it, as systemd's `chase()` does with CHASE_PREFIX_ROOT, so a recorded machine can never make a probe
/// read the host's files.
public protocol SystemFiles: Sendable {
    /// The root as given by the user, for messages only.
    var rootDescription: String { get }
    func read(_ path: String) -> FileRead
    /// Names in a directory (no "." or ".."), or nil when it cannot be listed.
    func list(_ path: String) -> [String]?
    /// The canonical root-relative path with every symlink resolved, or nil if a component is missing.
    func resolve(_ path: String) -> String?
    /// The target of a symbolic link, as stored.
    func readLink(_ path: String) -> String?
    func exists(_ path: String) -> Bool
    func isDirectory(_ path: String) -> Bool
}

extension SystemFiles {
    /// A text attribute, or why there is none.
    public func readText(_ path: String) -> TextRead {
        switch read(path) {
        case .bytes(let bytes): return .text(String(decoding: bytes, as: UTF8.self))
        case .missing: return .missing
        case .denied: return .denied
        case .failed(let code): return .failed(errno: code)
        }
    }

    /// A short attribute with surrounding white space removed, or nil when it cannot be read.
    public func attribute(_ path: String) -> String? {
        if case .text(let text) = readText(path) { return text.trimmedWhitespace }
        return nil
    }

    /// The last component of a link's target (`device/driver` → "e1000e").
    public func linkName(_ path: String) -> String? {
        readLink(path).map { $0.split(separator: "/").last.map(String.init) ?? $0 }
    }
}

/// Like `FileRead`, decoded as UTF-8 (invalid bytes become U+FFFD; the report never carries raw bytes).
public enum TextRead: Equatable, Sendable {
    case text(String)
    case missing
    case denied
    case failed(errno: Int32)
}

/// The real file system below a root directory ("/" for a live run, `--sysroot DIR` for a recorded one).
public struct SystemRoot: SystemFiles {
    /// Absolute path of the root, without a trailing slash ("" for "/").
    private let prefix: String
    public let rootDescription: String

    /// Largest read: sysfs attributes are at most a page, mountinfo of a busy host a few hundred KiB (16 MiB is
    /// ~100,000 mounts). A longer file is not cut (a cut mountinfo could lose the "/" mount stacked last): it
    /// fails with EFBIG, so what depends on it is unknown and says why, and a hostile recording cannot make a
    /// probe read without end.
    static let maximumReadSize = 16 * 1024 * 1024

    public init(path: String) {
        var trimmed = path
        while trimmed.count > 1 && trimmed.hasSuffix("/") { trimmed.removeLast() }
        prefix = trimmed == "/" ? "" : trimmed
        rootDescription = trimmed
    }

    /// The host path of a root-relative path whose symlinks are already resolved.
    private func hostPath(_ relative: String) -> String {
        prefix + "/" + relative
    }

    /// The host path to open for a root-relative path. For the live root "/" the kernel resolves links with
    /// the very semantics `resolve` implements (absolute targets from "/", no ".." above "/"), so the path is
    /// used as it is; under another root every link is resolved here first.
    private func openablePath(_ path: String) -> String? {
        var failure: Int32 = 0
        return openablePath(path, failure: &failure)
    }

    /// As above; `failure` gets the errno of a failed resolution (ENOENT, ELOOP, EACCES), as open(2) would.
    private func openablePath(_ path: String, failure: inout Int32) -> String? {
        if prefix.isEmpty { return "/" + path }
        return resolveInsideRoot(path, failure: &failure).map(hostPath)
    }

    public func read(_ path: String) -> FileRead {
        var failure: Int32 = ENOENT
        guard let openable = openablePath(path, failure: &failure) else { return Self.classify(failure) }
        let fd = open(openable, O_RDONLY | O_CLOEXEC | O_NOCTTY | O_NONBLOCK)
        if fd < 0 { return Self.classify(errno) }
        defer { close(fd) }
        var bytes: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 4096)
        while true {
            let count = chunk.withUnsafeMutableBytes { Glibc.read(fd, $0.baseAddress, $0.count) }
            if count < 0 {
                if errno == EINTR { continue }
                return Self.classify(errno)
            }
            if count == 0 { break }
            bytes.append(contentsOf: chunk[0..<count])
            if bytes.count > Self.maximumReadSize { return .failed(errno: EFBIG) }
        }
        return .bytes(bytes)
    }

    private static func classify(_ code: Int32) -> FileRead {
        switch code {
        case ENOENT, ENOTDIR: return .missing
        case EACCES, EPERM: return .denied
        default: return .failed(errno: code)
        }
    }

    public func list(_ path: String) -> [String]? {
        guard let openable = openablePath(path), let dir = opendir(openable) else { return nil }
        defer { closedir(dir) }
        var names: [String] = []
        while let entry = readdir(dir) {
            let name = withUnsafeBytes(of: entry.pointee.d_name) { raw in
                String(decoding: raw.prefix(while: { $0 != 0 }), as: UTF8.self)
            }
            if name != "." && name != ".." { names.append(name) }
        }
        return names.sorted()
    }

    public func readLink(_ path: String) -> String? {
        guard let parent = resolve(PathComponents.parent(of: path)) else { return nil }
        let full = hostPath(PathComponents.join(parent, PathComponents.lastComponent(of: path)))
        var buffer = [CChar](repeating: 0, count: 4096)
        let count = readlink(full, &buffer, buffer.count - 1)
        guard count > 0 else { return nil }
        return String(decoding: buffer[0..<count].map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }

    public func exists(_ path: String) -> Bool {
        guard let openable = openablePath(path) else { return false }
        return access(openable, F_OK) == 0
    }

    public func isDirectory(_ path: String) -> Bool {
        guard let openable = openablePath(path) else { return false }
        var info = stat()
        return stat(openable, &info) == 0 && (info.st_mode & S_IFMT) == S_IFDIR
    }

    public func resolve(_ path: String) -> String? {
        if prefix.isEmpty {
            // realpath(3) walks the links as `resolveInsideRoot` does, in one call.
            guard let resolved = realpath("/" + path, nil) else { return nil }
            defer { free(resolved) }
            return String(String(cString: resolved).drop(while: { $0 == "/" }))
        }
        var failure: Int32 = 0
        return resolveInsideRoot(path, failure: &failure)
    }

    private func resolveInsideRoot(_ path: String, failure: inout Int32) -> String? {
        walk(path, failure: &failure) { _ in }
    }

    /// A directory or symbolic link met while resolving a path inside the root (root-relative paths).
    public enum WalkStep {
        case directory(String)
        case link(String, target: String)
    }

    /// Resolves `path` component by component inside the root, telling `visit` every directory and link it
    /// meets (a bundle records exactly those). The resolved root-relative path, or nil with the errno of the
    /// component that failed in `failure`.
    public func walk(_ path: String, failure: inout Int32, visit: (WalkStep) -> Void) -> String? {
        var pending = PathComponents.split(path)
        var resolved: [String] = []
        var linksFollowed = 0
        while !pending.isEmpty {
            let component = pending.removeFirst()
            if component == "." { continue }
            if component == ".." {
                if !resolved.isEmpty { resolved.removeLast() }  // never above the root
                continue
            }
            let relative = (resolved + [component]).joined(separator: "/")
            let candidate = hostPath(relative)
            var info = stat()
            guard lstat(candidate, &info) == 0 else { failure = errno; return nil }
            switch info.st_mode & S_IFMT {
            case S_IFLNK:
                linksFollowed += 1
                guard linksFollowed <= 40 else { failure = ELOOP; return nil }  // as the kernel counts
                var buffer = [CChar](repeating: 0, count: 4096)
                let count = readlink(candidate, &buffer, buffer.count - 1)
                guard count > 0 else { failure = count < 0 ? errno : ENOENT; return nil }
                let target = String(decoding: buffer[0..<count].map { UInt8(bitPattern: $0) }, as: UTF8.self)
                visit(.link(relative, target: target))
                if target.hasPrefix("/") { resolved = [] }
                pending = PathComponents.split(target) + pending
            case S_IFDIR:
                resolved.append(component)
                visit(.directory(relative))
            default:
                resolved.append(component)
            }
        }
        return resolved.joined(separator: "/")
    }
}

/// Lexical helpers for root-relative paths ("sys/block/sda"); no file-system access.
public enum PathComponents {
    public static func split(_ path: String) -> [String] {
        path.split(separator: "/", omittingEmptySubsequences: true).map(String.init)
    }

    public static func join(_ parts: String...) -> String {
        parts.flatMap(split).joined(separator: "/")
    }

    public static func parent(of path: String) -> String {
        split(path).dropLast().joined(separator: "/")
    }

    public static func lastComponent(of path: String) -> String {
        split(path).last ?? ""
    }
}

extension StringProtocol {
    /// Without leading and trailing ASCII white space and NULs (sysfs values end in "\n"; NVMe serials are
    /// space-padded; device-tree strings end in NUL).
    /// Works on scalars: "\r\n" is one Character, so a Character test let "Default string\r\n" keep its CR-LF
    /// and escape the placeholder lists.
    public var trimmedWhitespace: String {
        let isSpace: (Unicode.Scalar) -> Bool = { $0 == " " || $0 == "\n" || $0 == "\t" || $0 == "\r" || $0 == "\0" }
        let scalars = unicodeScalars
        guard let first = scalars.firstIndex(where: { !isSpace($0) }), let last = scalars.lastIndex(where: { !isSpace($0) }) else {
            return ""
        }
        var trimmed = String.UnicodeScalarView()
        trimmed.append(contentsOf: scalars[first...last])
        return String(trimmed)
    }
}

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Synchronization

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
        readLink(path).map(PathComponents.lastComponentOrSelf)
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
    /// Directories already resolved under this root (shared by copies of this value; see `ResolvedDirectories`).
    let resolvedDirectories = ResolvedDirectories()

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

    /// `body` given the NUL-terminated host path of a name in a resolved directory, copied into a stack buffer:
    /// an attribute read allocates no String for it (bench/NOTES.md).
    /// (Nil only if the buffer had no address, which a non-empty allocation always has.)
    private func withHostPath<Result>(directory: String, leaf: Substring, _ body: (UnsafePointer<CChar>) -> Result) -> Result? {
        let count = prefix.utf8.count + directory.utf8.count + leaf.utf8.count + 2
        return withUnsafeTemporaryAllocation(of: UInt8.self, capacity: count + 1) { buffer in
            var index = 0
            func append(_ bytes: some Collection<UInt8>) {
                let copied = bytes.withContiguousStorageIfAvailable { source in
                    UnsafeMutableBufferPointer(rebasing: buffer[index...]).initialize(fromContentsOf: source)
                }
                if let copied {
                    index += copied
                    return
                }
                for byte in bytes {
                    buffer[index] = byte
                    index += 1
                }
            }
            append(prefix.utf8)
            buffer[index] = UInt8(ascii: "/")
            index += 1
            if !directory.isEmpty {
                append(directory.utf8)
                buffer[index] = UInt8(ascii: "/")
                index += 1
            }
            append(leaf.utf8)
            buffer[index] = 0
            return buffer.withMemoryRebound(to: CChar.self) { $0.baseAddress.map { body(UnsafePointer($0)) } }
        }
    }

    /// The host path of a name in a resolved directory, built in one buffer.
    private func hostPath(directory: String, leaf: Substring) -> String {
        var path = prefix
        path.reserveCapacity(prefix.utf8.count + directory.utf8.count + leaf.utf8.count + 2)
        path += "/"
        if !directory.isEmpty {
            path += directory
            path += "/"
        }
        path += leaf
        return path
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
        let flags = O_RDONLY | O_CLOEXEC | O_NOCTTY | O_NONBLOCK
        var fd: Int32 = -1
        // An attribute of a directory already resolved: open it without walking, refusing a link (ELOOP), which
        // only a full resolution may follow.
        if !prefix.isEmpty, let (parent, leaf) = resolvedDirectories.parentAndLeaf(path) {
            let opened = withHostPath(directory: parent, leaf: leaf) { path in
                let opened = open(path, flags | O_NOFOLLOW)
                return (fd: opened, errno: opened < 0 ? errno : 0)
            }
            if let opened {
                fd = opened.fd
                if fd < 0 && opened.errno != ELOOP { return Self.classify(opened.errno) }
            }
        }
        if fd < 0 {
            var failure: Int32 = ENOENT
            guard let openable = openablePath(path, failure: &failure) else { return Self.classify(failure) }
            fd = open(openable, flags)
            if fd < 0 { return Self.classify(errno) }
        }
        defer { close(fd) }
        switch Posix.readAll(fd, limit: Self.maximumReadSize, chunk: 4096) {
        case .bytes(let bytes): return .bytes(bytes)
        case .failed(let code): return Self.classify(code)
        case .tooLarge: return .failed(errno: EFBIG)
        }
    }

    private static func classify(_ code: Int32) -> FileRead {
        switch code {
        case ENOENT, ENOTDIR: return .missing
        case EACCES, EPERM: return .denied
        default: return .failed(errno: code)
        }
    }

    public func list(_ path: String) -> [String]? {
        openablePath(path).flatMap(Posix.directoryNames)
    }

    public func readLink(_ path: String) -> String? {
        // The parent as written, not split and re-joined: `resolve` takes any spelling, and the written one is the
        // key its cache knows ("<device>/subsystem" of every ancestor of every device: bench/NOTES.md).
        guard let (parentPath, last) = PathComponents.parentAndLast(path), let parent = resolve(parentPath) else { return nil }
        var failure: Int32 = 0
        return Self.readLink(atHostPath: hostPath(directory: parent, leaf: Substring(last)), failure: &failure)
    }

    /// readlink(2) of a host path; nil with the errno (ENOENT for an empty target) in `failure`.
    private static func readLink(atHostPath path: String, failure: inout Int32) -> String? {
        let target = [UInt8](unsafeUninitializedCapacity: 4096) { buffer, initialized in
            let count = buffer.withMemoryRebound(to: CChar.self) { chars in
                chars.baseAddress.map { readlink(path, $0, chars.count) } ?? -1
            }
            if count < 0 { failure = errno }
            initialized = max(count, 0)
        }
        guard !target.isEmpty else {
            if failure == 0 { failure = ENOENT }
            return nil
        }
        return String(decoding: target, as: UTF8.self)
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
        // The live root too: realpath(3) readlink()s every component of every path it is given (~10 calls a
        // path, 214 readlink calls of a live run's 1,015 system calls), where the walk below keeps the
        // directories it resolved; under "/" both resolve as the kernel does (LiveParityTests compares them).
        var failure: Int32 = 0
        return resolveInsideRoot(path, failure: &failure)
    }

    /// `walk` without a visitor, starting from the longest directory prefix already resolved: every sysfs
    /// attribute sits a few components below a device directory that other attributes share, so re-walking and
    /// `lstat`ing each prefix made `--sysroot` cost grow with depth × attributes (issue 12). A prefix is stored
    /// with the links followed to reach it, so the 40-link limit counts exactly as an uncached walk does, and
    /// with its resolved (root-relative) path, so links out of the root stay inside it as before.
    private func resolveInsideRoot(_ path: String, failure: inout Int32) -> String? {
        // Most paths are a directory already resolved or an attribute of one: look them up as they are written.
        // Keys are looked up as slices of the path (no String made for a lookup: bench/NOTES.md).
        let utf8 = path.utf8
        if let whole = resolvedDirectories.entry(Substring(path)) { return whole.path }
        if let slash = utf8.lastIndex(of: UInt8(ascii: "/")), slash != utf8.startIndex,
           let parent = resolvedDirectories.entry(Substring(utf8[..<slash])) {
            let leaf = String(Substring(utf8[utf8.index(after: slash)...]))
            if !leaf.isEmpty && leaf != "." && leaf != ".." {
                var state = parent
                var steps = 0
                var discovered: [String] = []
                let resolved = step(leaf, state: &state, failure: &failure, steps: &steps, known: resolvedDirectories,
                                    discovered: &discovered, visit: { _ in })
                resolvedDirectories.store(resolved && state.isDirectory ? [(Substring(path), state)] : [], directories: discovered,
                                          steps: steps)
                return resolved ? state.path : nil
            }
        }
        // The components as ranges of the path's bytes; the key of a prefix is the path as given up to the end of
        // its last component, a slice of the path.
        var ranges: [Range<String.Index>] = []
        var begin = utf8.startIndex
        var index = begin
        while index != utf8.endIndex {
            if utf8[index] == UInt8(ascii: "/") {
                if index != begin { ranges.append(begin..<index) }
                begin = utf8.index(after: index)
            }
            index = utf8.index(after: index)
        }
        if index != begin { ranges.append(begin..<index) }
        func key(_ index: Int) -> Substring { Substring(utf8[ranges[0].lowerBound..<ranges[index].upperBound]) }
        let (start, cached) = resolvedDirectories.longestPrefix(count: ranges.count, key: key)
        var state = cached
        var learned: [(Substring, WalkState)] = []
        var discovered: [String] = []
        var steps = 0
        defer { resolvedDirectories.store(learned, directories: discovered, steps: steps) }
        for index in start..<ranges.count {
            let component = String(Substring(utf8[ranges[index]]))
            guard step(component, state: &state, failure: &failure, steps: &steps, known: resolvedDirectories,
                       discovered: &discovered, visit: { _ in }) else { return nil }
            if state.isDirectory { learned.append((key(index), state)) }
        }
        return state.path
    }

    /// A directory or symbolic link met while resolving a path inside the root (root-relative paths).
    public enum WalkStep {
        case directory(String)
        case link(String, target: String)
    }

    /// Resolves `path` component by component inside the root, telling `visit` every directory and link it
    /// meets (a bundle records exactly those). The resolved root-relative path, or nil with the errno of the
    /// component that failed in `failure`. Never cached: a bundle must see every step.
    public func walk(_ path: String, failure: inout Int32, visit: (WalkStep) -> Void) -> String? {
        var state = WalkState()
        var steps = 0
        var discovered: [String] = []
        for component in PathComponents.split(path) {
            guard step(component, state: &state, failure: &failure, steps: &steps, discovered: &discovered, visit: visit) else { return nil }
        }
        return state.path
    }

    /// Takes the walk one component of the given path further, through every link that component leads to.
    /// False, with the errno in `failure`, when a component cannot be resolved.
    /// `steps` counts the components `lstat`ed. With `known`, a component that makes a directory path already
    /// met (in any walk under this root) is taken without `lstat`: a link's target mostly leads through
    /// directories other paths resolved (every `device` link of a disk or NIC into sys/devices), and a directory
    /// reached by its canonical path costs no links. `discovered` gets the directories this step met.
    private func step(_ first: String, state: inout WalkState, failure: inout Int32, steps: inout Int,
                      known: ResolvedDirectories? = nil, discovered: inout [String], visit: (WalkStep) -> Void) -> Bool {
        var pending = [first]
        while !pending.isEmpty {
            let component = pending.removeFirst()
            if component == "." { continue }
            if component == ".." {
                state.pop()  // never above the root
                continue
            }
            var relative = state.path
            if !relative.isEmpty {
                relative.reserveCapacity(relative.utf8.count + component.utf8.count + 1)
                relative += "/"
            }
            relative += component
            if let known, known.isDirectory(relative) {
                state.push(resolvedPath: relative, isDirectory: true)
                continue
            }
            let candidate = hostPath(directory: state.path, leaf: Substring(component))
            var info = stat()
            steps += 1
            guard lstat(candidate, &info) == 0 else { failure = errno; return false }
            switch info.st_mode & S_IFMT {
            case S_IFLNK:
                state.linksFollowed += 1
                guard state.linksFollowed <= 40 else { failure = ELOOP; return false }  // as the kernel counts
                guard let target = Self.readLink(atHostPath: candidate, failure: &failure) else { return false }
                visit(.link(relative, target: target))
                if target.hasPrefix("/") { state.clear() }
                pending = PathComponents.split(target) + pending
            case S_IFDIR:
                state.push(resolvedPath: relative, isDirectory: true)
                discovered.append(relative)
                visit(.directory(relative))
            default:
                state.push(resolvedPath: relative, isDirectory: false)
            }
        }
        return true
    }
}

/// Where a walk inside the root stands: the resolved root-relative path, the links followed to get there, and
/// whether the last component reached is a directory (only those are worth remembering).
struct WalkState: Sendable {
    private(set) var path = ""
    var linksFollowed = 0
    private(set) var isDirectory = true  // the root

    /// One component further: `resolvedPath` is `path` + "/" + the component, already built by the caller.
    mutating func push(resolvedPath: String, isDirectory: Bool) {
        path = resolvedPath
        self.isDirectory = isDirectory
    }

    /// ".." : every component but the last is a directory, so what is left is one.
    mutating func pop() {
        let utf8 = path.utf8
        path = utf8.lastIndex(of: UInt8(ascii: "/")).map { String(path[..<$0]) } ?? ""
        isDirectory = true
    }

    /// An absolute link target: back to the root, links counted so far kept.
    mutating func clear() {
        path = ""
        isDirectory = true
    }
}

/// Directory prefixes resolved under one root, keyed by the path as given ("sys/class/net/eth0"), with the walk
/// state reached, and every directory met, by its resolved path. Used for recorded roots and, since `resolve`
/// walks there too, for the live root "/": a recording does not change while hwcheck reads it; live sysfs can
/// (a device unplugged during the few milliseconds of a run), and then a path resolved earlier names a directory
/// that is gone, so the read below it fails with ENOENT, as it would have a moment later without the cache.
/// Failed resolutions are not stored (they must keep their errno). A class so that copies of a
/// `SystemRoot` share it; a Mutex because `SystemFiles` values are `Sendable` and may be read from several tasks.
final class ResolvedDirectories: Sendable {
    /// Entries are keyed by slices: a lookup hashes a slice of the caller's path without copying it.
    private let state = Mutex<(entries: [Substring: WalkState], directories: Set<String>, steps: Int)>(([:], [], 0))

    /// The index of the first component still to walk and the state to start from, trying the prefixes of
    /// `count` components from the longest; `key(i)` names the prefix that ends with component i.
    func longestPrefix(count: Int, key: (Int) -> Substring) -> (Int, WalkState) {
        state.withLock { state in
            for index in stride(from: count - 1, through: 0, by: -1) {
                if let found = state.entries[key(index)] { return (index + 1, found) }
            }
            return (0, WalkState())
        }
    }

    /// For a path written "<directory resolved before>/<name>": the directory's resolved path and the name.
    func parentAndLeaf(_ path: String) -> (String, Substring)? {
        let utf8 = path.utf8
        guard let slash = utf8.lastIndex(of: UInt8(ascii: "/")), slash != utf8.startIndex,
              let parent = entry(Substring(utf8[..<slash])) else { return nil }
        let leaf = Substring(utf8[utf8.index(after: slash)...])
        guard !leaf.isEmpty && leaf != "." && leaf != ".." else { return nil }
        return (parent.path, leaf)
    }

    /// The state reached by the directory prefix written `key`, if it was resolved before.
    func entry(_ key: Substring) -> WalkState? {
        state.withLock { $0.entries[key] }
    }

    /// Whether `path` (root-relative, resolved) was met as a directory.
    func isDirectory(_ path: String) -> Bool {
        state.withLock { $0.directories.contains(path) }
    }

    /// Remembers what one resolution learned: prefixes as written, directories by their resolved path, and
    /// how many components it `lstat`ed.
    func store(_ learned: [(Substring, WalkState)], directories: [String], steps: Int) {
        state.withLock { state in
            state.steps += steps
            for (key, value) in learned { state.entries[key] = value }
            state.directories.formUnion(directories)
        }
    }

    /// Components `lstat`ed so far by resolutions under this root (tests check that a cached prefix is not
    /// walked again).
    var steps: Int { state.withLock { $0.steps } }
}

/// Lexical helpers for root-relative paths ("sys/block/sda"); no file-system access.
public enum PathComponents {
    /// On the UTF-8 bytes: splitting Characters (grapheme breaking) was 40% of a 100-disk --sysroot run, and
    /// slicing through String indices (each checked for scalar alignment) most of what was left. Cutting valid
    /// UTF-8 at an ASCII "/" leaves valid UTF-8, so decoding a part gives exactly its characters.
    public static func split(_ path: String) -> [String] {
        var path = path
        return path.withUTF8 { bytes in
            var parts: [String] = []
            var begin = 0
            for index in 0...bytes.count where index == bytes.count || bytes[index] == UInt8(ascii: "/") {
                if index > begin { parts.append(String(decoding: UnsafeBufferPointer(rebasing: bytes[begin..<index]), as: UTF8.self)) }
                begin = index + 1
            }
            return parts
        }
    }

    /// The path before its last component, as written, and that component ("a/b/c" → ("a/b", "c")); nil for a
    /// path without one ("", "/"). Trailing slashes are dropped first, as `split` drops empty components.
    public static func parentAndLast(_ path: String) -> (String, String)? {
        let utf8 = path.utf8
        var end = utf8.endIndex
        while end != utf8.startIndex, utf8[utf8.index(before: end)] == UInt8(ascii: "/") { end = utf8.index(before: end) }
        guard end != utf8.startIndex else { return nil }
        let slash = utf8[..<end].lastIndex(of: UInt8(ascii: "/"))
        let begin = slash.map { utf8.index(after: $0) } ?? utf8.startIndex
        return (slash.map { String(Substring(utf8[..<$0])) } ?? "", String(Substring(utf8[begin..<end])))
    }

    /// The last component (`split(path).last`), or the path itself when it has none ("/"); without splitting it all.
    public static func lastComponentOrSelf(_ path: String) -> String {
        parentAndLast(path)?.1 ?? path
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
        // The slice's bytes copied at once (appending scalars one by one to a new view cost ~10,000 instructions
        // an attribute: bench/NOTES.md); nothing to trim, nothing copied.
        let end = scalars.index(after: last)
        if first == scalars.startIndex && end == scalars.endIndex { return String(self) }
        return String(decoding: utf8[first..<end], as: UTF8.self)
    }
}

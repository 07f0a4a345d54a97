// POSIX plumbing, one home: what an errno is called in messages, a directory's names, a whole file's bytes.
// Everything else (the system root, the fleet inputs, bundles, pci.ids) calls these rather than keeping a copy.

#if canImport(Glibc)
import Glibc
#endif

public enum Posix {
    /// One row per errno hwcheck words itself: the symbolic name a report's detail shows ("EIO (Input/output
    /// error)"), and the plain phrase a command's message uses ("--output F: permission denied"). Any other errno
    /// is "errno N" and the C library's strerror(3) text.
    static let errnoWords: [Int32: (name: String?, phrase: String?)] = [
        EIO: ("EIO", nil), EISDIR: ("EISDIR", nil), ELOOP: ("ELOOP", nil), ENXIO: ("ENXIO", nil),
        ENODEV: ("ENODEV", nil), EINVAL: ("EINVAL", nil), EOPNOTSUPP: ("EOPNOTSUPP", nil), EBUSY: ("EBUSY", nil),
        EAGAIN: ("EAGAIN", nil), ENOMEM: ("ENOMEM", nil), EFBIG: ("EFBIG", nil),
        ENOENT: (nil, "no such file or directory"), ENOTDIR: (nil, "a path component is not a directory"),
        EACCES: (nil, "permission denied"), ENOSPC: (nil, "no space left on device"),
    ]

    /// strerror(3): the C library's text for `code`.
    static func strerrorText(_ code: Int32) -> String {
        String(cString: strerror(code))
    }

    /// The names in the directory at `hostPath` (a path as open(2) takes it), sorted, without "." and "..";
    /// nil when it cannot be opened.
    public static func directoryNames(_ hostPath: String) -> [String]? {
        guard let directory = opendir(hostPath) else { return nil }
        defer { closedir(directory) }
        var names: [String] = []
        while let entry = readdir(directory) {
            let name = withUnsafeBytes(of: entry.pointee.d_name) { raw in
                String(decoding: raw.prefix(while: { $0 != 0 }), as: UTF8.self)
            }
            if name != "." && name != ".." { names.append(name) }
        }
        return names.sorted()
    }

    /// Every byte of `bytes` to `descriptor` (write(2) again after a short write or EINTR); nil when all went,
    /// else the errno that stopped it (still in `errno` as well).
    public static func writeAll(_ descriptor: Int32, _ bytes: [UInt8]) -> Int32? {
        var written = 0
        while written < bytes.count {
            let count = bytes.withUnsafeBytes { raw -> Int in
                guard let base = raw.baseAddress else { return 0 }
                return write(descriptor, base + written, raw.count - written)
            }
            if count < 0 {
                if errno == EINTR { continue }
                return errno
            }
            written += count
        }
        return nil
    }

    /// A new file (mkstemp(3), mode 0600) named ".NAME.XXXXXX" beside `path`, to replace `path` by rename(2):
    /// its descriptor and path, or nil with the reason in `errno`.
    public static func temporaryFile(beside path: String) -> (descriptor: Int32, path: String)? {
        let directory = PathComponents.parent(of: path)
        let base = path.hasPrefix("/") ? "/" + directory : (directory.isEmpty ? "." : directory)
        var template = Array((base + "/.\(PathComponents.lastComponent(of: path)).XXXXXX").utf8CString)
        let descriptor = template.withUnsafeMutableBufferPointer { buffer -> Int32 in
            guard let base = buffer.baseAddress else { return -1 }
            return mkstemp(base)
        }
        guard descriptor >= 0 else { return nil }
        return (descriptor, String(decoding: template.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self))
    }

    public enum WholeFile: Equatable {
        case bytes([UInt8])
        /// read(2) failed with this errno.
        case failed(errno: Int32)
        /// More than the limit: the reading stopped there.
        case tooLarge
    }

    /// Everything left to read from `descriptor` (to end of file), at most `limit` bytes, read `chunk` bytes at a
    /// time (a sysfs attribute is at most a page: 4096 keeps the ~1,500 reads of a check small). With
    /// `expectedSize` (a regular file's st_size, when the caller has it) the bytes are read straight into an array
    /// of that size: pci.ids (over a megabyte) was copied from chunk to array, and the array doubled and copied
    /// again as it grew, 3.4M instructions of a 20M check run (bench/NOTES.md). A file that grew meanwhile is read
    /// on in chunks.
    public static func readAll(_ descriptor: Int32, limit: Int, chunk chunkSize: Int = 1 << 16, expectedSize: Int = 0) -> WholeFile {
        var bytes: [UInt8] = []
        if expectedSize > 0 {
            // One more than the size (or the limit): a read that fills it means there is more.
            let capacity = min(expectedSize, limit) + 1
            var failure: Int32 = 0
            bytes = [UInt8](unsafeUninitializedCapacity: capacity) { buffer, count in
                guard let base = buffer.baseAddress else { return }
                while count < capacity {
                    let read = Glibc.read(descriptor, base + count, capacity - count)
                    if read < 0 && errno == EINTR { continue }
                    if read < 0 { failure = errno }
                    if read <= 0 { return }
                    count += read
                }
            }
            if failure != 0 { return .failed(errno: failure) }
            if bytes.count > limit { return .tooLarge }
            if bytes.count < capacity { return .bytes(bytes) }
        }
        // Uninitialised: a zeroed chunk was a memset of 4 KiB for every sysfs attribute read (~0.3M
        // instructions of a live run); read(2) writes what is then copied.
        return withUnsafeTemporaryAllocation(of: UInt8.self, capacity: chunkSize) { chunk -> WholeFile in
            while true {
                let count = Glibc.read(descriptor, chunk.baseAddress, chunk.count)
                if count < 0 {
                    if errno == EINTR { continue }
                    return .failed(errno: errno)
                }
                if count == 0 { return .bytes(bytes) }
                guard bytes.count + count <= limit else { return .tooLarge }
                bytes.append(contentsOf: UnsafeBufferPointer(rebasing: chunk[0..<count]))
            }
        }
    }
}

public enum ErrorText {
    /// "EIO (Input/output error)": the errno name scripts can match, then the C library's text.
    public static func describe(errno code: Int32) -> String {
        "\(Posix.errnoWords[code]?.name ?? "errno \(code)") (\(Posix.strerrorText(code)))"
    }
}

/// An errno as a command's message says it: a plain phrase for the common ones, else the C library's text.
public struct ErrnoError: Error, Equatable {
    public var code: Int32

    public init(code: Int32) {
        self.code = code
    }

    public var text: String {
        Posix.errnoWords[code]?.phrase ?? Posix.strerrorText(code)
    }
}

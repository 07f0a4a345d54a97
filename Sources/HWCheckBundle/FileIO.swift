#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import HWCheckCore

/// File helpers of the bundle and the archive extraction: whole writes, atomic replacement, temporary trees.
public enum FileIO {
    /// Every byte, or false with the reason in `errno`.
    public static func writeAll(_ descriptor: Int32, _ bytes: [UInt8]) -> Bool {
        Posix.writeAll(descriptor, bytes) == nil
    }

    /// Writes `bytes` to `path` atomically: a temporary file in the same directory, then rename(2). On any
    /// failure no file (partial or temporary) is left behind.
    public static func writeAtomically(_ bytes: [UInt8], to path: String, mode: mode_t = 0o644) -> ErrnoError? {
        guard let (descriptor, temporary) = Posix.temporaryFile(beside: path) else { return ErrnoError(code: errno) }
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
            for name in Posix.directoryNames(path) ?? [] { removeTree(path + "/" + name) }
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

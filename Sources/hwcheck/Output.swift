import HWCheckCore

#if canImport(Glibc)
import Glibc
#endif

/// Where a command's report goes, and what happens when it cannot get there. A report that was not written must
/// not end with a verdict: a failed write is exit 74 (EX_IOERR, sysexits.h) with one line on standard error; a
/// reader that went away (`hwcheck --json | head -c 10`) is exit 74 without a word, as EPIPE, not a SIGPIPE death.
enum Output {
    typealias BrokenPipe = DescriptorOutput.BrokenPipe

    /// Call once before any file is opened. SIGPIPE is ignored so that a closed pipe is an EPIPE write error the
    /// command handles; a closed standard output (`hwcheck >&-`) is held by a read-only /dev/null, so the first
    /// file hwcheck opens cannot become descriptor 1 and the report's write fails (EBADF) instead of vanishing.
    static func prepareStandardStreams() {
        signal(SIGPIPE, SIG_IGN)
        if fcntl(STDOUT_FILENO, F_GETFD) < 0 && errno == EBADF {
            let holder = open("/dev/null", O_RDONLY)
            if holder >= 0 && holder != STDOUT_FILENO {
                dup2(holder, STDOUT_FILENO)
                close(holder)
            }
        }
    }

    /// `text` on standard output, all of it, or the reason it could not be.
    static func standard(_ text: String) throws {
        try DescriptorOutput.standardOutput(text)
    }

    /// The report into `text` to `--output FILE`, or to standard output when there is none.
    static func report(_ text: String, to path: String?) throws {
        guard let path else { return try standard(text) }
        try file(Array(text.utf8), to: path)
    }

    /// `bytes` into FILE. A regular file (or a new one) is replaced atomically: a temporary file in the same
    /// directory, then rename(2), keeping the mode and owner an existing file had. Anything else that exists
    /// (`/dev/null`, `/dev/stdout`, a FIFO) is opened for writing and written in place: renaming over it would
    /// replace a device node with a regular file (as root, `-o /dev/null` would break /dev/null for everyone).
    /// A missing or unwritable directory is exit 66 (README); a write that fails (ENOSPC, EIO) is 74.
    static func file(_ bytes: [UInt8], to path: String) throws {
        let absolute = absolutePath(path)
        var info = stat()
        if stat(absolute, &info) == 0 && (info.st_mode & S_IFMT) != S_IFREG {
            let descriptor = open(absolute, O_WRONLY | O_CLOEXEC | O_NOCTTY)
            guard descriptor >= 0 else { throw HWCheckError(.inputMissing, "--output \(path): \(ErrnoError(code: errno).text)") }
            defer { close(descriptor) }
            try writeAll(descriptor, bytes, name: "--output \(path)")
            return
        }
        let existing = stat(absolute, &info) == 0 ? info : nil
        guard let (descriptor, temporary) = Posix.temporaryFile(beside: absolute) else {
            throw HWCheckError(.inputMissing, "--output \(path): \(ErrnoError(code: errno).text)")
        }
        do {
            defer { close(descriptor) }
            try writeAll(descriptor, bytes, name: "--output \(path)")
            // A file that existed keeps its mode (0600 stays 0600) and, when root rewrites it, its owner.
            if let existing, getuid() == 0 { _ = fchown(descriptor, existing.st_uid, existing.st_gid) }
            let mode = existing.map { $0.st_mode & 0o7777 } ?? 0o644
            guard fchmod(descriptor, mode) == 0, fsync(descriptor) == 0 else {
                throw HWCheckError(.outputError, "--output \(path): \(ErrnoError(code: errno).text)")
            }
            guard rename(temporary, absolute) == 0 else {
                throw HWCheckError(.outputError, "--output \(path): \(ErrnoError(code: errno).text)")
            }
        } catch {
            unlink(temporary)
            throw error
        }
    }

    static func writeAll(_ descriptor: Int32, _ bytes: [UInt8], name: String) throws {
        try DescriptorOutput.writeAll(descriptor, bytes, name: name)
    }
}

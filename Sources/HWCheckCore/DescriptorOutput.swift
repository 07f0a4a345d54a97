#if canImport(Glibc)
import Glibc
#endif

/// Writing a command's output to a descriptor, all of it or an error: both programs (hwcheck and
/// hwcheck-inventory) end with 74 when their output could not be written (README: exit codes).
public enum DescriptorOutput {
    /// The reader of a pipe went away (EPIPE, with SIGPIPE ignored): the command ends quietly with 74.
    public struct BrokenPipe: Error {
        public init() {}
    }

    /// Every byte of `bytes` to `descriptor`; `name` says where in the error ("standard output", "--output F").
    public static func writeAll(_ descriptor: Int32, _ bytes: [UInt8], name: String) throws {
        guard let code = Posix.writeAll(descriptor, bytes) else { return }
        if code == EPIPE { throw BrokenPipe() }
        let reason = code == EBADF ? "closed or not open for writing" : ErrnoError(code: code).text
        throw HWCheckError(.outputError, "\(name): \(reason) (the report was not written)")
    }

    /// `text` on standard output, all of it: a failed write is 74 (EX_IOERR), a closed pipe a quiet 74.
    public static func standardOutput(_ text: String) throws {
        try writeAll(STDOUT_FILENO, Array(text.utf8), name: "standard output")
    }

    /// `text` on standard error, as far as it goes: a message about a failure has nowhere else to go.
    public static func standardError(_ text: String) {
        _ = Posix.writeAll(STDERR_FILENO, Array(text.utf8))
    }
}

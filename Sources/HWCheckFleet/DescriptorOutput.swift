import HWCheckCore

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
        var written = 0
        while written < bytes.count {
            let count = bytes.withUnsafeBytes { raw -> Int in
                guard let base = raw.baseAddress else { return 0 }
                return write(descriptor, base + written, raw.count - written)
            }
            if count < 0 {
                if errno == EINTR { continue }
                if errno == EPIPE { throw BrokenPipe() }
                let reason = errno == EBADF ? "closed or not open for writing" : ErrnoError(code: errno).text
                throw HWCheckError(.outputError, "\(name): \(reason) (the report was not written)")
            }
            written += count
        }
    }

    /// `text` on standard error, as far as it goes: a message about a failure has nowhere else to go.
    public static func standardError(_ text: String) {
        let bytes = Array(text.utf8)
        _ = bytes.withUnsafeBytes { write(STDERR_FILENO, $0.baseAddress, $0.count) }
    }
}

// Whole files the user names for the fleet commands (trace's RECORDS and --map-file), read within a bound.
// Reports are streamed (ReportStream) and archives extracted as they are read (Tar), so these are the only
// whole-file reads: each has a limit, and a device node (/dev/zero) is refused instead of read without end.

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import HWCheckCore

public enum InputFile {
    /// Server records: a few hundred bytes a record, so 64 MiB is hundreds of thousands of records.
    public static let recordsLimit = 64 << 20
    /// A column map is a small JSON object.
    public static let mapLimit = 1 << 20

    /// The bytes of `path` (a regular file, or a pipe such as standard input), at most `limit` of them.
    /// Missing or unreadable: input missing (66); larger than `limit` or a device: bad input (65).
    /// `given` names it in messages ("--map-file m.json").
    public static func read(_ path: String, given: String, limit: Int) throws(HWCheckError) -> [UInt8] {
        let descriptor = open(path, O_RDONLY | O_CLOEXEC | O_NOCTTY)
        guard descriptor >= 0 else { throw HWCheckError(.inputMissing, "\(given): \(ErrnoError(code: errno).text)") }
        defer { close(descriptor) }
        var info = stat()
        guard fstat(descriptor, &info) == 0 else { throw HWCheckError(.inputMissing, "\(given): \(ErrnoError(code: errno).text)") }
        switch info.st_mode & S_IFMT {
        case S_IFREG, S_IFIFO, S_IFSOCK: break
        case S_IFDIR: throw HWCheckError(.inputMissing, "\(given): is a directory (give a file)")
        default: throw HWCheckError(.badData, "\(given): not a regular file (a device), give a file")
        }
        switch Posix.readAll(descriptor, limit: limit) {
        case .bytes(let bytes): return bytes
        case .failed(let code): throw HWCheckError(.inputMissing, "\(given): \(ErrnoError(code: code).text)")
        case .tooLarge: throw HWCheckError(.badData, "\(given): larger than \(limit >> 20) MiB, the limit for this input")
        }
    }
}

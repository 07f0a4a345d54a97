// `--sysroot DIR|ARCHIVE`: the recorded machine a command reads, and its removal when the run ends.

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import HWCheckCore

/// Where `--sysroot` reads: a directory as it is, or an archive extracted to a private directory that is
/// removed when the run ends (also when SIGINT, SIGTERM or SIGHUP arrives meanwhile: `DeferredTermination`).
///
/// What counts as a recorded machine: a directory that holds a `sys` directory (every probe reads under it;
/// a root without one would be judged as an empty machine, "non-compliant"). An empty path, a directory or
/// archive without `sys/` (an empty folder, an all-zero file), or an archive that is not a regular file (a FIFO,
/// /dev/zero) is refused: usage error, or bad input with a one-line reason.
public struct SystemRootLocation {
    public let directory: String
    let temporary: Bool
    let deferral: DeferredTermination?

    /// `path` is a directory (used as is) or a bundle archive (extracted, streaming, within `limits`); an empty
    /// path is a usage error. `given` names it in messages as the user wrote it ("--sysroot pc.tar"); an archive
    /// is extracted below `temporaryBase`.
    public static func open(_ path: String, given: String, temporaryBase: String = "/tmp",
                            limits: Tar.Limits = .bundle) throws(HWCheckError) -> SystemRootLocation {
        guard !path.isEmpty else {
            throw HWCheckError(.usage, "\(given): give the folder that holds sys/ and proc/, or a bundle archive")
        }
        var info = stat()
        guard stat(path, &info) == 0 else {
            throw HWCheckError(.inputMissing, "\(given): no such directory (give the folder that holds sys/ and proc/)")
        }
        if (info.st_mode & S_IFMT) == S_IFDIR {
            try requireMachine(path, given: given)
            return SystemRootLocation(directory: path, temporary: false, deferral: nil)
        }
        guard (info.st_mode & S_IFMT) == S_IFREG else {
            throw HWCheckError(.badData, "\(given): not a bundle (not a regular file; give a tar archive from 'hwcheck bundle' or a folder)")
        }
        // O_NONBLOCK: the file may have been swapped for a FIFO since stat; fstat below checks again.
        let descriptor = Glibc.open(path, O_RDONLY | O_CLOEXEC | O_NOCTTY | O_NONBLOCK)
        guard descriptor >= 0 else { throw HWCheckError(.inputMissing, "\(given): \(ErrnoError(code: errno).text)") }
        defer { Glibc.close(descriptor) }
        guard fstat(descriptor, &info) == 0, (info.st_mode & S_IFMT) == S_IFREG else {
            throw HWCheckError(.badData, "\(given): not a bundle (not a regular file)")
        }
        let deferral = DeferredTermination.begin()
        guard let directory = FileIO.makeTemporaryDirectory(prefix: "hwcheck-sysroot", in: temporaryBase) else {
            deferral.end()
            throw HWCheckError(.inputMissing, "\(given): cannot create a temporary directory")
        }
        let location = SystemRootLocation(directory: directory, temporary: true, deferral: deferral)
        do {
            _ = try Tar.extract(from: descriptor, into: directory, limits: limits) { deferral.isPending }
        } catch {
            location.close()
            throw HWCheckError(.badData, "\(given): not a bundle (a tar archive from 'hwcheck bundle'): \(error.message)")
        }
        do { try requireMachine(directory, given: given) } catch {
            location.close()
            throw error
        }
        return location
    }

    /// A root is a machine when it holds a `sys` directory.
    static func requireMachine(_ directory: String, given: String) throws(HWCheckError) {
        var info = stat()
        guard lstat(directory + "/sys", &info) == 0, (info.st_mode & S_IFMT) == S_IFDIR else {
            throw HWCheckError(.badData, "\(given): no sys/ directory in it, so no recorded machine (give the folder that holds sys/ and proc/, or a bundle from 'hwcheck bundle')")
        }
    }

    /// Removes the extracted copy, if any, then lets a termination signal that arrived meanwhile take effect.
    public func close() {
        if temporary { FileIO.removeTree(directory) }
        deferral?.end()
    }
}

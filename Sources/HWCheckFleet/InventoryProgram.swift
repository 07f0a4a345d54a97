// `hwcheck-inventory`, the program beside hwcheck that owns the SQLite inventory (GRDB brings Foundation and ICU,
// which the check run on every device must not pay for): finding it, running it in hwcheck's place (execv(2)),
// and reading its output through a pipe (posix_spawn(3)).

#if canImport(Glibc)
import Glibc
#endif
import HWCheckCore

public enum InventoryProgram {
    /// The program's path: beside the running executable (/proc/self/exe), else looked for as a bare name.
    public static var path: String {
        var buffer = [CChar](repeating: 0, count: 4096)
        let count = readlink("/proc/self/exe", &buffer, buffer.count - 1)
        let executable = count > 0 ? String(decoding: buffer[0..<count].map { UInt8(bitPattern: $0) }, as: UTF8.self) : "hwcheck"
        return PathComponents.parent(of: executable).isEmpty ? "hwcheck-inventory"
            : "/" + PathComponents.parent(of: executable) + "/hwcheck-inventory"
    }

    static func checkInstalled() throws(HWCheckError) {
        guard access(path, X_OK) == 0 else {
            throw HWCheckError(.inputMissing, "\(path) is missing: the inventory program ships beside hwcheck (make install, or dist/bin)")
        }
    }

    /// Runs the inventory program in this process's place: its output, messages and exit code are the command's.
    /// Returns only by throwing (the program is missing or cannot be run).
    public static func replaceProcess(with arguments: [String]) throws(HWCheckError) -> Never {
        try checkInstalled()
        let argv = (["hwcheck-inventory"] + arguments).map { $0.withCString { strdup($0) } } + [nil]
        // hwcheck-inventory inherits the ignored SIGPIPE and the held descriptor 1 (Output.prepareStandardStreams):
        // its own output errors are 74 the same way.
        execv(path, argv)
        throw HWCheckError(.inputMissing, "\(path): \(ErrnoError(code: errno).text)")
    }

    /// Each device's newest report from the inventory at `database` (an absolute path), read through a pipe from
    /// `hwcheck-inventory latest` (no temporary file to leave behind). Each device's source is `source` (the
    /// database as the user named it); `given` names it in messages ("--db inv.sqlite"). Reports that cannot be
    /// used go to `onProblem`.
    public static func latestDevices(database: String, source: String, given: String,
                                     onProblem: (InputProblem) -> Void) throws(HWCheckError) -> [FleetDevice] {
        try checkInstalled()
        var ends: [Int32] = [-1, -1]
        guard pipe(&ends) == 0 else { throw HWCheckError(.inputMissing, "pipe: \(ErrnoError(code: errno).text)") }
        for end in ends { _ = fcntl(end, F_SETFD, FD_CLOEXEC) }  // the child keeps only its standard output
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_adddup2(&actions, ends[1], STDOUT_FILENO)
        let argv = ["hwcheck-inventory", "latest", "--db=" + database].map { $0.withCString { strdup($0) } } + [nil]
        defer { argv.forEach { free($0) } }
        var child: pid_t = 0
        let spawned = posix_spawn(&child, path, &actions, nil, argv, environ)
        close(ends[1])
        defer { close(ends[0]) }
        guard spawned == 0 else { throw HWCheckError(.inputMissing, "\(path): \(ErrnoError(code: spawned).text)") }
        let devices = FleetAnalyzer.analyse(descriptor: ends[0], source: source, onProblem: onProblem).devices
        var status: Int32 = 0
        while waitpid(child, &status, 0) < 0 && errno == EINTR {}
        let exited = status & 0x7F == 0, code = (status >> 8) & 0xFF
        guard exited && code == 0 else {
            // The inventory program said what went wrong on standard error; its exit code is the command's.
            throw HWCheckError(code == 66 ? .inputMissing : .badData, "\(given): the inventory could not be read")
        }
        return devices
    }
}

import ArgumentParser

#if canImport(Glibc)
import Glibc
#endif

extension HWCheckCommand {
    /// Runs the command like ParsableCommand.main(), but says a usage error in one line on stderr: what is wrong
    /// and where the fix is, then exits 64 (README: exit codes). Scripts get one line to log, not the usage text.
    /// --help, --version and the verdict exit codes go through ArgumentParser's own exit unchanged.
    static func main() {
        do {
            var command = try parseAsRoot()
            try command.run()
        } catch {
            let code = exitCode(for: error)
            guard code != .success, !(error is ExitCode) else { exit(withError: error) }
            let problem = message(for: error).split(separator: "\n").first.map(String.init) ?? "invalid arguments"
            FileHandleOutput.standardError("hwcheck: \(problem) (see 'hwcheck --help')\n")
            Glibc.exit(code.rawValue)
        }
    }
}

import ArgumentParser

#if canImport(Glibc)
import Glibc
#endif

extension HWCheckCommand {
    /// Runs the command like ParsableCommand.main(), but says a usage error in one line on stderr: what is wrong
    /// and where the fix is, then exits 64 (README: exit codes). Scripts get one line to log, not the usage text.
    /// --help, --version and the verdict exit codes go through ArgumentParser's own exit unchanged.
    static func main() {
        Output.prepareStandardStreams()
        do {
            var command = try parseAsRoot()
            try command.run()
        } catch {
            let code = exitCode(for: error)
            guard code != .success, !(error is ExitCode) else { exit(withError: error) }
            let problem = message(for: error).split(separator: "\n").first.map(String.init) ?? "invalid arguments"
            FileHandleOutput.standardError("hwcheck: \(problem) (see '\(helpCommand(CommandLine.arguments))')\n")
            Glibc.exit(code.rawValue)
        }
    }

    /// The --help that documents the command the arguments name: `hwcheck fleet import --help` for an error in
    /// `hwcheck fleet import …`, so the hint shows the options that command has.
    static func helpCommand(_ arguments: [String]) -> String {
        var path = ["hwcheck"]
        var commands = configuration.subcommands.filter { $0 != Check.self }
        for argument in arguments.dropFirst() {
            guard let command = commands.first(where: { $0._commandName == argument }) else { break }
            path.append(argument)
            commands = command.configuration.subcommands
        }
        return (path + ["--help"]).joined(separator: " ")
    }
}

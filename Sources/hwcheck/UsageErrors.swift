import ArgumentParser
import HWCheckCore
import HWCheckFleet

#if canImport(Glibc)
import Glibc
#endif

extension HWCheckCommand {
    /// Runs the command like ParsableCommand.main(), but says a usage error in one line on stderr: what is wrong
    /// and where the fix is, then exits 64 (README: exit codes). Scripts get one line to log, not the usage text.
    /// --help, --version and the verdict exit codes go through ArgumentParser's own exit unchanged.
    static func main() {
        Output.prepareStandardStreams()
        if let help = defaultCommandHelp(Array(CommandLine.arguments.dropFirst())) {
            do { try Output.standard(help) } catch { Glibc.exit(74) }
            Glibc.exit(0)
        }
        do {
            var command = try parseAsRoot()
            try command.run()
        } catch {
            let code = exitCode(for: error)
            guard code != .success, !(error is ExitCode) else { exit(withError: error) }
            let problem = message(for: error).split(separator: "\n").first.map(String.init) ?? "invalid arguments"
            DescriptorOutput.standardError("hwcheck: \(problem) (see '\(helpCommand(CommandLine.arguments))')\n")
            Glibc.exit(code.rawValue)
        }
    }

    /// `hwcheck --help` and `hwcheck fleet --help` document the command that runs without a subcommand name (the
    /// check; the fleet summary), followed by the subcommands: ArgumentParser alone shows only the subcommand list,
    /// so `--json`, `--sysroot` or `fleet --format` would be nowhere to be found.
    static func defaultCommandHelp(_ arguments: [String]) -> String? {
        let asksHelp = { (rest: ArraySlice<String>) in rest == ["--help"] || rest == ["-h"] }
        let columns = Terminal.columns(Environment.current)
        if arguments.isEmpty == false && (asksHelp(arguments[...]) || arguments == ["help"]) {
            return merged(parent: helpMessage(columns: columns), child: helpMessage(for: Check.self, columns: columns),
                          childName: "check")
        }
        if arguments.first == "fleet" && (asksHelp(arguments.dropFirst()) || arguments == ["help", "fleet"]) {
            return merged(parent: helpMessage(for: FleetCommand.self, columns: columns),
                          child: helpMessage(for: FleetSummary.self, columns: columns), childName: "summary", childOverview: true)
        }
        return nil
    }

    /// The parent's help with its USAGE and OPTIONS sections replaced by the default child's (whose name may be
    /// left out on the command line), its own --version/--help lines kept.
    static func merged(parent: String, child: String, childName: String, childOverview: Bool = false) -> String {
        func sections(_ text: String) -> [(title: String, lines: [String])] {
            var result: [(title: String, lines: [String])] = [("", [])]
            for line in text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init) {
                if let colon = line.firstIndex(of: ":"), ["USAGE", "OPTIONS", "SUBCOMMANDS", "OVERVIEW"].contains(String(line[..<colon])) {
                    result.append((String(line[..<colon]), [line]))
                } else {
                    result[result.count - 1].lines.append(line)
                }
            }
            return result
        }
        let childSections = sections(child)
        func childSection(_ title: String) -> [String] { childSections.first { $0.title == title }?.lines ?? [] }
        var output: [String] = []
        for section in sections(parent) {
            switch section.title {
            case "OVERVIEW":
                output += section.lines
                // The child's overview and discussion (what it does, its exit codes), without its title.
                if childOverview { output += childSection("OVERVIEW").map { $0.replacing("OVERVIEW: ", with: "") } }
            case "USAGE":
                output += childSection("USAGE").map { line in
                    guard let range = line.firstRange(of: " \(childName) ") else { return line }
                    return String(line[..<range.lowerBound]) + " " + String(line[range.upperBound...])
                }
            case "OPTIONS":
                // The child's options, then the parent's own (--version, --help) that the child lacks.
                let childOptions = childSection("OPTIONS")
                let ownLines = section.lines.dropFirst().filter { line in
                    !line.isEmpty && !childOptions.contains(line)
                }
                output += childOptions.reversed().drop { $0.isEmpty }.reversed() + ownLines + [""]
            default:
                output += section.lines
            }
        }
        return output.joined(separator: "\n") + "\n"
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

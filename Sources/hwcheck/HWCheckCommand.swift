import HWCheckCommandLine
import HWCheckCore

#if canImport(Glibc)
import Glibc
#endif

/// The root command: its help text, the table of subcommands, and the one place a command line becomes a run
/// and an exit code. Each subcommand has its own file with its table; the command line parses and prints, the
/// libraries (HWCheckCore, HWCheckFleet) decide.
@main
enum HWCheckCommand {
    static let table = Command(
        name: "hwcheck",
        abstract: "Check whether this PC's hardware identity (DeviceBinding B1-B4) will be accepted by the activation server.",
        discussion: """
            B1 BIOS/system serial, B2 system disk serial (disk not removable), B3 baseboard serial, \
            B4 MAC of a physical, enabled, internal network adapter. Each row passes, fails or is unknown \
            (the value could not be read here, e.g. without root).

            EXAMPLES:
              sudo hwcheck                    report for people (--lang zh)
              sudo hwcheck --json > pc1.json  for scripts
              hwcheck --sysroot DIR -v        replay a recorded machine
              hwcheck spec > my.json          the spec table (--spec my.json)
              hwcheck explain B2              what B2 means, checks, remedies
              sudo hwcheck --json --timestamp -o /mnt/usb/pc1.json
                                              collect for fleet
              hwcheck fleet reports/          duplicates and placeholders
              hwcheck trace failed.csv --reports reports/
                                              records -> devices
              sudo hwcheck bundle -o pc.tar   capture (--sysroot pc.tar replays)

            EXIT CODES (check):
              0   compliant: every row passes
              1   non-compliant: at least one row fails
              2   undetermined: no row fails, some could not be checked (run as root)
              64  usage error
              65  bad input data (spec file, bundle, a sysroot without sys/)
              66  sysroot or input missing, --output directory missing or read-only
              70  internal error
              74  output error: the report could not be written

            bundle, fleet, fleet import and trace: see their own --help.
            """,
        subcommands: [Check.table, PrintSpec.table, ExplainTopic.table, BundleCommand.table, FleetCommand.table, TraceCommand.table],
        defaultSubcommand: "check")

    static func main() {
        Output.prepareStandardStreams()
        let arguments = CommandLine.arguments
        // On Linux the Swift runtime finds argv by reading /proc/self/maps (swift stdlib/public/CommandLineSupport/
        // CommandLine.cpp, `ArgvGrabber`): without /proc (a chroot, an early rescue shell) it finds nothing, not
        // even argv[0]. Running on as if no option were given would print a text report where a script asked for
        // --json or --output, so hwcheck stops and says how to get its arguments back.
        guard !arguments.isEmpty else {
            DescriptorOutput.standardError(commandLineUnreadable)
            exit(70)
        }
        exit(run(Array(arguments.dropFirst())))
    }

    static let commandLineUnreadable = """
        hwcheck: cannot read its command line: /proc is not mounted here (the Swift runtime finds the arguments \
        through /proc/self/maps); mount it (mount -t proc proc /proc) and run hwcheck again

        """

    /// The exit code of one command line (README: exit codes). A usage error is one line on standard error — what
    /// is wrong and the `--help` that shows the fix — and 64: scripts get one line to log, not the usage text.
    static func run(_ arguments: [String]) -> Int32 {
        do {
            switch try CommandLineParser(root: table).parse(arguments) {
            case .help(let path):
                let help = HelpText(root: table, width: Terminal.columns(Environment.current) ?? 80)
                try Output.standard(help.render(path) ?? "")
                return 0
            case .version:
                try Output.standard(toolVersion + "\n")
                return 0
            case .completion(let shell):
                try Output.standard(Completions(root: table).script(shell))
                return 0
            case .manual(let date):
                try Output.standard(ManualPage(root: table, version: toolVersion, date: date ?? "").render())
                return 0
            case .run(let invocation):
                do {
                    return try command(invocation).run()
                } catch var usage as UsageError {
                    usage.helpPath = usage.helpPath ?? invocation.namedPath
                    throw usage
                }
            }
        } catch let usage as UsageError {
            DescriptorOutput.standardError("hwcheck: \(usage.message) (see '\(usage.helpCommand(root: table.name))')\n")
            return 64
        } catch {
            if let message = CommandExit.message(for: error) { DescriptorOutput.standardError(message) }
            return CommandExit.exitCode(for: error)
        }
    }

    /// The command the parsed line names, its options checked.
    static func command(_ invocation: Invocation) throws(UsageError) -> any RunnableCommand {
        switch invocation.path {
        case ["spec"]: return PrintSpec(invocation)
        case ["explain"]: return ExplainTopic(invocation)
        case ["bundle"]: return BundleCommand(invocation)
        case ["fleet", "summary"]: return try FleetSummary(invocation)
        case ["fleet", "import"]: return FleetImport(invocation)
        case ["trace"]: return try TraceCommand(invocation)
        default: return Check(invocation)
        }
    }
}

/// A command whose options were parsed and checked: it runs and says its exit code, or throws what
/// `CommandExit` maps to one.
protocol RunnableCommand {
    func run() throws -> Int32
}

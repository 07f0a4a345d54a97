import ArgumentParser
import HWCheckCore
import HWCheckFleet
import HWCheckInventory

#if canImport(Glibc)
import Glibc
#endif

/// The SQLite side of the fleet tools. `hwcheck fleet import` and `hwcheck trace --db` run this program (it sits
/// beside `hwcheck`), so that GRDB, Foundation and ICU load only when an inventory is used. It speaks as hwcheck:
/// same messages, same exit codes.
@main
struct InventoryCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "hwcheck-inventory",
        abstract: "The fleet inventory behind 'hwcheck fleet import' and 'hwcheck trace --db' (run those instead).",
        version: toolVersion,
        subcommands: [Import.self, Latest.self]
    )
}

struct Import: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "import", abstract: "Import reports into a SQLite inventory (see 'hwcheck fleet import --help').")

    @Option(name: .long, help: ArgumentHelp("The SQLite database (created when missing).", valueName: "FILE"))
    var db: String

    @Argument(help: ArgumentHelp("Report files, directories, or - for standard input.", valueName: "REPORTS"))
    var reports: [String]

    @Flag(name: .shortAndLong, help: "No progress line on standard error.")
    var quiet = false

    func run() throws {
        try mappingErrors {
            // Nothing to import when no input exists: say so before the database file is created.
            let absent = reports.filter { input in
                var info = stat()
                return input != "-" && stat(input, &info) != 0
            }
            if !reports.isEmpty && absent.count == reports.count {
                throw HWCheckError(.inputMissing, "no input exists (\(absent.joined(separator: ", "))); \(db) left as it was")
            }
            let database = try FleetDatabase(path: db)
            var problems = 0
            var missing = 0
            let environment = ProcessEnvironment.current
            let progress = ProgressLine(enabled: ProgressLine.wanted(quiet: quiet, environment: environment), inputs: reports,
                                        language: Language.fromLocale(environment))
            let counts = try database.importReports(reports, importedAt: Timestamp.format(Int64(time(nil))),
                                                    onProgress: progress.update) { problem in
                problems += 1
                if problem.origin.line == 0 && reports.contains(problem.origin.source) { missing += 1 }
                progress.finish()
                DescriptorOutput.standardError("hwcheck: skipped \(problem.origin.label): \(problem.reason)\n")
            }
            progress.finish()
            func count(_ number: Int, _ noun: String) -> String { "\(number) \(noun)\(number == 1 ? "" : "s")" }
            try DescriptorOutput.standardOutput("imported \(count(counts.imported, "report")) (\(count(counts.newDevices, "new device"))), \(counts.alreadyPresent) already in \(db), \(count(problems, "input")) skipped\n")
            if counts.imported + counts.alreadyPresent > 0 { return 0 }
            return !reports.isEmpty && missing == reports.count ? 66 : 65
        }
    }
}

struct Latest: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "latest", abstract: "Print each device's newest report, one compact JSON report per line.")

    @Option(name: .long, help: ArgumentHelp("The SQLite database.", valueName: "FILE"))
    var db: String

    func run() throws {
        try mappingErrors {
            guard access(db, F_OK) == 0 else { throw HWCheckError(.inputMissing, "--db \(db): no such file") }
            // Opened for reading only: trace --db must not migrate (write) a file it only reads, which may be
            // read-only (mode 0444, a share). A full disk must fail the command, not cut the list short.
            for report in try FleetDatabase(readingAt: db).latestReports() { try DescriptorOutput.standardOutput(report + "\n") }
            return 0
        }
    }
}

/// Runs a command body, ending with the exit code hwcheck's commands use for its result or error (CommandExit).
func mappingErrors(_ body: () throws -> Int32) throws {
    let code: Int32
    do {
        code = try body()
    } catch {
        if let message = CommandExit.message(for: error) { DescriptorOutput.standardError(message) }
        throw ExitCode(CommandExit.exitCode(for: error))
    }
    if code != 0 { throw ExitCode(code) }
}

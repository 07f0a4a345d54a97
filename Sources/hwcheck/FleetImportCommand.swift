import ArgumentParser
import HWCheckCore
import HWCheckFleet

struct FleetImport: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "import",
        abstract: "Import reports into a SQLite inventory (idempotent; keeps each device's history).",
        discussion: """
            Tables devices, reports, bindings and the view latest_reports (README "Fleet inventory"). A report \
            is identified by the SHA-256 of its compact JSON: importing it again changes nothing.

            EXIT CODES:
              0   imported (skipped inputs are listed)
              64  usage error
              65  no report read, or the database is unusable
              66  no input exists
            """)

    @Option(name: .long, help: ArgumentHelp("The SQLite database (created when missing).", valueName: "FILE"))
    var db: String

    @Argument(help: ArgumentHelp("Report files, directories, or - for standard input.", valueName: "REPORTS"))
    var reports: [String]

    @Flag(name: .shortAndLong, help: "No progress line on standard error (there is none in a pipe or in CI anyway).")
    var quiet = false

    func run() throws {
        try runMappingErrors {
            try InventoryProgram.replaceProcess(with: ["import", "--db", db] + (quiet ? ["--quiet"] : []) + ["--"] + reports)
        }
    }
}

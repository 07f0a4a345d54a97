import HWCheckCommandLine
import HWCheckCore
import HWCheckFleet

struct FleetImport: RunnableCommand {
    static let table = Command(
        name: "import",
        abstract: "Import reports into a SQLite inventory (idempotent; keeps each device's history).",
        discussion: """
            Tables devices, reports, bindings and the view latest_reports (README "Fleet inventory"). A report \
            is identified by the SHA-256 of its compact JSON: importing it again changes nothing.

            EXIT CODES:
              0   imported (skipped inputs are listed)
              64  usage error
              65  no report read, or the database is unusable
              66  no input exists
            """,
        arguments: [
            .option("db", value: .path, valueName: "FILE", help: "The SQLite database (created when missing).", required: true),
            .operand("REPORTS", repeating: true, help: "Report files, directories, or - for standard input."),
            .flag("quiet", short: "q", help: "No progress line on standard error (there is none in a pipe or in CI anyway)."),
        ])

    let db: String
    let reports: [String]
    let quiet: Bool

    init(_ invocation: Invocation) {
        db = invocation.value("db") ?? ""
        reports = invocation.values("REPORTS")
        quiet = invocation.flag("quiet")
    }

    func run() throws -> Int32 {
        // --db=VALUE: a value hwcheck's parser took ("-x.db") would be an option to hwcheck-inventory's as a word of
        // its own. Reports follow "--" for the same reason.
        try InventoryProgram.replaceProcess(with: ["import", "--db=\(db)"] + (quiet ? ["--quiet"] : []) + ["--"] + reports)
    }
}

import HWCheckCommandLine
import HWCheckCore
import HWCheckFleet

enum FleetCommand {
    static let table = Command(
        name: "fleet",
        abstract: "Summarise many reports: verdicts, failing rows, values shared by several devices, placeholders.",
        subcommands: [FleetSummary.table, FleetImport.table],
        defaultSubcommand: "summary")
}

struct FleetSummary: RunnableCommand {
    static let table = Command(
        name: "summary",
        abstract: "Summarise reports (files, directories, '-' for JSON lines on standard input).",
        discussion: """
            A device is recognised by host id + B1 + B3 (placeholders left out; B2 + B4 when none of those is \
            usable; with another spec, the rows bound to the same sources). A device reported twice keeps its newest report: "collectedAt" (hwcheck --timestamp), else \
            the file's modification time, else the later input. A value shared by different devices is listed as \
            not unique; placeholders are listed apart. Bad or foreign inputs are listed and skipped.

            EXIT CODES:
              0   summary written
              64  usage error
              65  no input held a readable report
              66  no input exists (nothing is written)
              74  output error: the summary could not be written
            """,
        arguments: [
            .operand("REPORTS", repeating: true, help: "Report files (one report, or JSON lines), directories, or - for standard input."),
            .flag("json", help: "The JSON summary (fleetSchemaVersion 1); the same as --format json."),
            .option("format", value: .choice(OutputFormat.allCases.map(\.rawValue)),
                    help: "Output format: text, json or csv (one line per device).", defaultValue: "text"),
        ] + ResultOptions.arguments + [
            .option("limit", value: .count, valueName: "N", help: "Devices listed per group in text output.", defaultValue: "20"),
        ])

    let reports: [String]
    let json: Bool
    let format: OutputFormat
    let resultOptions: ResultOptions
    let limit: Int

    init(_ invocation: Invocation) throws(UsageError) {
        reports = invocation.values("REPORTS")
        json = invocation.flag("json")
        format = invocation.value("format").flatMap(OutputFormat.init(rawValue:)) ?? .text
        resultOptions = ResultOptions(invocation)
        limit = invocation.count("limit") ?? 20
        guard limit >= 0 else { throw UsageError("--limit \(limit): give a count of 0 or more") }
        guard !json || format == .text || format == .json else { throw UsageError("--json and --format \(format.rawValue) contradict: give one") }
    }

    func run() throws -> Int32 {
        let language = resultOptions.language
        let (result, missing) = resultOptions.analyse(reports)
        // Nothing to summarise when no input exists: the exit code and the lines above say so, stdout stays empty.
        if result.reportsRead == 0 && missing.count == reports.count { return 66 }
        switch json ? .json : format {
        case .text: try Output.report(FleetOutput.text(result, listLimit: limit, language: language), to: resultOptions.output)
        case .json: try Output.report(FleetOutput.json(result).serialized(), to: resultOptions.output)
        case .csv: try Output.report(FleetOutput.csv(result), to: resultOptions.output)
        }
        return result.reportsRead > 0 ? 0 : 65
    }
}

enum OutputFormat: String, CaseIterable {
    case text, json, csv
}

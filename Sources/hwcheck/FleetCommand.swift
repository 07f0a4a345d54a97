import ArgumentParser
import HWCheckCore
import HWCheckFleet

struct FleetCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "fleet",
        abstract: "Summarise many reports: verdicts, failing rows, values shared by several devices, placeholders.",
        subcommands: [FleetSummary.self, FleetImport.self],
        defaultSubcommand: FleetSummary.self)
}

struct FleetSummary: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "summary",
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
            """)

    @Argument(help: ArgumentHelp("Report files (one report, or JSON lines), directories, or - for standard input.", valueName: "REPORTS"))
    var reports: [String]

    @Flag(name: .long, help: "The JSON summary (fleetSchemaVersion 1); the same as --format json.")
    var json = false

    @Option(name: .long, help: "Output format: text, json or csv (one line per device).")
    var format: OutputFormat = .text

    @OptionGroup var resultOptions: ResultOptions

    @Option(name: .long, help: ArgumentHelp("Devices listed per group in text output.", valueName: "N"))
    var limit = 20

    func validate() throws {
        guard !reports.isEmpty else { throw ValidationError("give at least one report file, directory, or - for standard input") }
        guard limit >= 0 else { throw ValidationError("--limit \(limit): give a count of 0 or more") }
        guard !json || format == .text || format == .json else { throw ValidationError("--json and --format \(format.rawValue) contradict: give one") }
    }

    func run() throws {
        try runMappingErrors {
            var missing = 0
            let language = resultOptions.language
            let progress = resultOptions.progress(inputs: reports)
            let result = FleetAnalyzer.analyse(reports, onProgress: progress.update) { problem in
                if problem.origin.line == 0 && reports.contains(problem.origin.source) { missing += 1 }
                progress.finish()
                DescriptorOutput.standardError("hwcheck: skipped \(problem.origin.label): \(problem.reason)\n")
            }
            progress.finish()
            // Nothing to summarise when no input exists: the exit code and the lines above say so, stdout stays empty.
            if result.reportsRead == 0 && missing == reports.count { return 66 }
            switch json ? .json : format {
            case .text: try Output.report(FleetOutput.text(result, listLimit: limit, language: language), to: resultOptions.output)
            case .json: try Output.report(FleetOutput.json(result).serialized(), to: resultOptions.output)
            case .csv: try Output.report(FleetOutput.csv(result), to: resultOptions.output)
            }
            return result.reportsRead > 0 ? 0 : 65
        }
    }
}

enum OutputFormat: String, ExpressibleByArgument, CaseIterable {
    case text, json, csv
}

import HWCheckCommandLine
import HWCheckCore

#if canImport(Glibc)
import Glibc
#endif

struct Check: RunnableCommand {
    static let table = Command(
        name: "check", abstract: "Probe the machine and judge it against the spec (the default command).",
        arguments: MachineOptions.arguments + [
            .flag("json", help: "Print the JSON report (schemaVersion \(schemaVersion)) instead of text."),
            LanguageOption.option("Report language: en or zh. Default: from LC_ALL/LC_MESSAGES/LANG for text, en for --json."),
            .option("output", short: "o", value: .path, valueName: "FILE",
                    help: "Write the report to FILE (atomically: complete or not at all) instead of standard output."),
            .flag("compact", help: "JSON on one line (JSON lines: many reports in one file); implies --json."),
            .flag("timestamp", help: "Add \"collectedAt\" (UTC, RFC 3339) to the JSON report; 'hwcheck fleet' keeps a device's newest report by it."),
            .flag("verbose", short: "v", help: "Also list every disk and network adapter."),
            .flag("quiet", short: "q", help: "Print nothing; the exit code is the verdict."),
        ])

    let machineOptions: MachineOptions
    let json: Bool
    let lang: Language?
    let output: String?
    let compact: Bool
    let timestamp: Bool
    let verbose: Bool
    let quiet: Bool

    init(_ invocation: Invocation) {
        machineOptions = MachineOptions(invocation)
        json = invocation.flag("json")
        lang = LanguageOption.language(invocation)
        output = invocation.value("output")
        compact = invocation.flag("compact")
        timestamp = invocation.flag("timestamp")
        verbose = invocation.flag("verbose")
        quiet = invocation.flag("quiet")
    }

    func run() throws -> Int32 {
        let report = try machineOptions.withMachine { machine, specTable, _, redactor throws(HWCheckError) in
            let collectedAt = timestamp ? Timestamp.format(Int64(time(nil))) : nil
            return try checkMachine(machine, spec: specTable, explicitDisk: machineOptions.disk, redactor: redactor,
                                    collectedAt: collectedAt)
        }
        if !quiet || output != nil {
            let text: String
            if json || compact {
                let value = report.json(language: lang ?? .en)
                text = compact ? value.serializedCompact() : value.serialized()
            } else {
                // Colour and wrapping are for a terminal; a file given with --output gets plain text. The
                // environment is read only here: building it costs as much as parsing the command line.
                let environment = Environment.current
                let onTerminal = output == nil
                let renderer = TextReport(language: lang ?? Language.fromLocale(environment),
                                          style: .init(decorated: onTerminal && Terminal.decorated(environment)),
                                          verbose: verbose, width: onTerminal ? Terminal.columns(environment) : nil)
                text = renderer.render(report)
            }
            try Output.report(text, to: output)
        }
        return report.verdict.exitCode
    }
}

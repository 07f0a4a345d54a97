import ArgumentParser
import HWCheckCore

#if canImport(Glibc)
import Glibc
#endif

struct Check: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "check", abstract: "Probe the machine and judge it against the spec (the default command).")

    @OptionGroup var machineOptions: MachineOptions

    @Flag(name: .long, help: "Print the JSON report (schemaVersion \(schemaVersion)) instead of text.")
    var json = false

    @Option(name: .long, help: ArgumentHelp("Report language: en or zh. Default: from LC_ALL/LC_MESSAGES/LANG for text, en for --json.", valueName: "lang"))
    var lang: LanguageOption?

    @Option(name: [.customShort("o"), .long], help: ArgumentHelp("Write the report to FILE (atomically: complete or not at all) instead of standard output.", valueName: "FILE"))
    var output: String?

    @Flag(name: .long, help: "JSON on one line (JSON lines: many reports in one file); implies --json.")
    var compact = false

    @Flag(name: .long, help: "Add \"collectedAt\" (UTC, RFC 3339) to the JSON report; 'hwcheck fleet' keeps a device's newest report by it.")
    var timestamp = false

    @Flag(name: .shortAndLong, help: "Also list every disk and network adapter.")
    var verbose = false

    @Flag(name: .shortAndLong, help: "Print nothing; the exit code is the verdict.")
    var quiet = false

    func run() throws {
        try runMappingErrors {
            let environment = Environment.current
            let specTable = try machineOptions.loadSpec()
            let location = try machineOptions.openLocation()
            defer { location?.close() }
            let machine = location.map { MachineFactory.recorded($0.directory) } ?? MachineFactory.live()
            let redactor = machineOptions.redactor()
            let collectedAt = timestamp ? Timestamp.format(Int64(time(nil))) : nil
            let report = try MachineOptions.namingDisk { () throws(HWCheckError) in
                try checkMachine(machine, spec: specTable, explicitDisk: machineOptions.disk, redactor: redactor,
                                 collectedAt: collectedAt)
            }
            machineOptions.announceRandomSalt(redactor)
            if !quiet || output != nil {
                let text: String
                if json || compact {
                    let value = report.json(language: lang?.language ?? .en)
                    text = compact ? value.serializedCompact() : value.serialized()
                } else {
                    // Colour and wrapping are for a terminal; a file given with --output gets plain text.
                    let onTerminal = output == nil
                    let renderer = TextReport(language: lang?.language ?? Language.fromLocale(environment),
                                              style: .init(decorated: onTerminal && Terminal.decorated(environment)),
                                              verbose: verbose, width: onTerminal ? Terminal.columns(environment) : nil)
                    text = renderer.render(report)
                }
                try Output.report(text, to: output)
            }
            return report.verdict.exitCode
        }
    }
}

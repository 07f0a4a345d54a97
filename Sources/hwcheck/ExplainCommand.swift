import ArgumentParser
import HWCheckCore
import HWCheckFleet

struct ExplainTopic: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "explain",
        abstract: "Explain a spec row (B1…B4), a reason code (hot-plug, placeholder…) or a note code (no-dmi…): meaning, checks, causes, remedies.",
        discussion: "Example: hwcheck explain B2 --lang zh")

    @Argument(help: "A row id (B1, B2, B3, B4), a reason code or a note code; 'hwcheck explain list' lists them.")
    var topic: String

    @Option(name: .long, help: ArgumentHelp("Language: en or zh. Default: from LC_ALL/LC_MESSAGES/LANG.", valueName: "lang"))
    var lang: LanguageOption?

    func run() throws {
        let environment = Environment.current
        let spec = Spec.builtIn()
        let language = lang?.language ?? Language.fromLocale(environment)
        if topic == "list" {
            try runMappingErrors { try Output.standard(Explain.topics(spec).joined(separator: "\n") + "\n"); return 0 }
            return
        }
        guard let text = Explain.render(topic, spec: spec, language: language) else {
            DescriptorOutput.standardError("hwcheck: explain \(topic): no such topic (try: \(Explain.topics(spec).joined(separator: ", ")))\n")
            throw ExitCode(64)
        }
        let width = Terminal.columns(environment)
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false).flatMap { line -> [String] in
            guard let width else { return [String(line)] }
            return Terminal.wrap(String(line), width: width, firstPrefix: "", restPrefix: "  ")
        }
        try runMappingErrors { try Output.standard(lines.joined(separator: "\n")); return 0 }
    }
}

import HWCheckCommandLine
import HWCheckCore

struct ExplainTopic: RunnableCommand {
    static let table = Command(
        name: "explain",
        abstract: "Explain a spec row (B1…B4), a reason code (hot-plug, placeholder…) or a note code (no-dmi…): meaning, checks, causes, remedies.",
        discussion: "Example: hwcheck explain B2 --lang zh",
        arguments: [
            .operand("topic", value: .text, help: "A row id (B1, B2, B3, B4), a reason code or a note code; 'hwcheck explain list' lists them."),
            LanguageOption.option("Language: en or zh. Default: from LC_ALL/LC_MESSAGES/LANG."),
        ])

    let topic: String
    let lang: Language?

    init(_ invocation: Invocation) {
        topic = invocation.value("topic") ?? ""
        lang = LanguageOption.language(invocation)
    }

    func run() throws -> Int32 {
        let environment = Environment.current
        let spec = Spec.builtIn()
        let language = lang ?? Language.fromLocale(environment)
        if topic == "list" {
            try Output.standard(Explain.topics(spec).joined(separator: "\n") + "\n")
            return 0
        }
        guard let text = Explain.render(topic, spec: spec, language: language) else {
            // A usage error as any other: one line, with the help that lists what a topic can be.
            throw UsageError("explain \(topic): no such topic (try: \(Explain.topics(spec).joined(separator: ", ")))")
        }
        let width = Terminal.columns(environment)
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false).flatMap { line -> [String] in
            guard let width else { return [String(line)] }
            return Terminal.wrap(String(line), width: width, firstPrefix: "", restPrefix: "  ")
        }
        try Output.standard(lines.joined(separator: "\n"))
        return 0
    }
}

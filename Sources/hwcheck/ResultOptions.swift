import HWCheckCommandLine
import HWCheckCore
import HWCheckFleet

/// What the commands that read many reports (`fleet`, `trace`) share: where their result goes, its language, and
/// whether long work shows a progress line. One declaration, so the same idea has the same option everywhere.
struct ResultOptions {
    static let arguments: [Argument] = [
        .option("output", short: "o", value: .path, valueName: "FILE", help: "Write the result to FILE (atomically) instead of standard output."),
        LanguageOption.option("Language of the text result: en or zh. Default: from LC_ALL/LC_MESSAGES/LANG."),
        .flag("quiet", short: "q", help: "No progress line on standard error (there is none in a pipe or in CI anyway)."),
    ]

    let output: String?
    let lang: Language?
    let quiet: Bool

    init(_ invocation: Invocation) {
        output = invocation.value("output")
        lang = LanguageOption.language(invocation)
        quiet = invocation.flag("quiet")
    }

    /// `--lang`, else the locale's.
    var language: Language { lang ?? Language.fromLocale(Environment.current) }

    /// Reads the reports `inputs` name, with a progress line (shown only on a terminal, not with --quiet, not in
    /// CI); every input skipped is one line on standard error.
    /// Also says which of `inputs` do not exist (a problem at line 0 of an input as given), so that a command
    /// can tell "nothing to read" (66) from "nothing readable".
    func analyse(_ inputs: [String]) -> (result: FleetResult, missing: [String]) {
        var missing: [String] = []
        let progress = ProgressLine(enabled: ProgressLine.wanted(quiet: quiet, environment: Environment.current), inputs: inputs,
                                    language: language)
        let result = FleetAnalyzer.analyse(inputs, onProgress: progress.update) { problem in
            if problem.origin.line == 0 && inputs.contains(problem.origin.source) { missing.append(problem.origin.source) }
            progress.finish()
            DescriptorOutput.standardError("hwcheck: skipped \(problem.origin.label): \(problem.reason)\n")
        }
        progress.finish()
        return (result, missing)
    }
}

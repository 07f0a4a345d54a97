import ArgumentParser
import HWCheckCore
import HWCheckFleet

/// What the commands that read many reports (`fleet`, `trace`) share: where their result goes, its language, and
/// whether long work shows a progress line. One declaration, so the same idea has the same option everywhere.
struct ResultOptions: ParsableArguments {
    @Option(name: [.customShort("o"), .long], help: ArgumentHelp("Write the result to FILE (atomically) instead of standard output.", valueName: "FILE"))
    var output: String?

    @Option(name: .long, help: ArgumentHelp("Language of the text result: en or zh. Default: from LC_ALL/LC_MESSAGES/LANG.", valueName: "lang"))
    var lang: LanguageOption?

    @Flag(name: .shortAndLong, help: "No progress line on standard error (there is none in a pipe or in CI anyway).")
    var quiet = false

    /// `--lang`, else the locale's.
    var language: Language { lang?.language ?? Language.fromLocale(Environment.current) }

    /// The progress line for work over `inputs`: shown only on a terminal, not with --quiet, not in CI.
    func progress(inputs: [String]) -> ProgressLine {
        ProgressLine(enabled: ProgressLine.wanted(quiet: quiet, environment: Environment.current), inputs: inputs, language: language)
    }
}

import HWCheckCommandLine
import Testing

/// The parser, help, man page and completions over a small table of their own (the real one is checked end to end
/// in HWCheckEndToEndTests): getopt_long's rules, the usage errors' wording, and that every output follows the table.
@Suite struct CommandLineParserTests {
    static let root = Command(
        name: "tool", abstract: "A tool.", discussion: "What it does.\n\nEXIT CODES:\n  0   done\n  64  usage error",
        subcommands: [
            Command(name: "run", abstract: "Run it (the default).", arguments: [
                .option("sysroot", value: .path, valueName: "DIR", help: "Read DIR."),
                .option("lang", value: .choice(["en", "zh"]), help: "Language."),
                .option("output", short: "o", value: .path, valueName: "FILE", help: "Write to FILE."),
                .option("limit", value: .count, valueName: "N", help: "At most N.", defaultValue: "20"),
                .flag("verbose", short: "v", help: "More."),
                .flag("quiet", short: "q", help: "Less."),
            ]),
            Command(name: "group", abstract: "A group.", subcommands: [
                Command(name: "list", abstract: "List.", arguments: [
                    .operand("ITEMS", repeating: true, help: "Items."),
                    .option("db", value: .path, valueName: "FILE", help: "The database.", required: true),
                ]),
                Command(name: "find", abstract: "Find.", arguments: [
                    .operand("RECORDS", help: "Records."),
                    .options("reports", valueName: "REPORTS", help: "Reports."),
                ]),
            ], defaultSubcommand: "list"),
        ],
        defaultSubcommand: "run")

    let parser = CommandLineParser(root: Self.root)

    func invocation(_ arguments: [String]) throws -> Invocation {
        guard case .run(let invocation) = try parser.parse(arguments) else {
            Issue.record("\(arguments) did not parse to a run")
            return Invocation(path: [], namedPath: [])
        }
        return invocation
    }

    func usageError(_ arguments: [String]) -> UsageError? {
        do {
            _ = try parser.parse(arguments)
            return nil
        } catch {
            return error
        }
    }

    @Test func longOptionsWithSpaceOrEquals() throws {
        let spaced = try invocation(["--sysroot", "/m", "--lang", "zh"])
        #expect(spaced.path == ["run"] && spaced.namedPath == [])
        #expect(spaced.value("sysroot") == "/m" && spaced.value("lang") == "zh")
        let joined = try invocation(["--sysroot=/m", "--lang=zh"])
        #expect(joined.value("sysroot") == "/m" && joined.value("lang") == "zh")
        // The last one wins, as getopt_long callers keep it.
        #expect(try invocation(["--lang", "en", "--lang", "zh"]).value("lang") == "zh")
    }

    @Test func shortOptionsBundleAndTakeAttachedValues() throws {
        let bundled = try invocation(["-vq"])
        #expect(bundled.flag("verbose") && bundled.flag("quiet"))
        #expect(try invocation(["-ofile"]).value("output") == "file")
        #expect(try invocation(["-vo", "file"]).value("output") == "file")
        let attached = try invocation(["-qofile"])
        #expect(attached.flag("quiet") && attached.value("output") == "file")
        #expect(!(try invocation([])).flag("verbose"))
    }

    /// An option that takes a value takes the next argument whatever it looks like (getopt_long), a lone "-" is
    /// an operand, and "--" ends the options.
    @Test func valuesOperandsAndDoubleDash() throws {
        #expect(try invocation(["-o", "-"]).value("output") == "-")
        #expect(try invocation(["-o", "--verbose"]).value("output") == "--verbose")
        let list = try invocation(["group", "--db", "x.db", "-", "--", "--not-an-option", "-v"])
        #expect(list.path == ["group", "list"] && list.namedPath == ["group"])
        #expect(list.values("ITEMS") == ["-", "--not-an-option", "-v"])
        let named = try invocation(["group", "list", "a", "--db=x.db", "b"])
        #expect(named.namedPath == ["group", "list"] && named.values("ITEMS") == ["a", "b"] && named.value("db") == "x.db")
    }

    /// `--reports A B` takes the values up to the next option; the operand may come before or after.
    @Test func valuesUpToTheNextOption() throws {
        let find = try invocation(["group", "find", "r.csv", "--reports", "a", "b", "-", "--reports=c"])
        #expect(find.value("RECORDS") == "r.csv" && find.values("reports") == ["a", "b", "-", "c"])
        let before = try invocation(["group", "find", "--reports", "a", "--", "r.csv"])
        #expect(before.values("reports") == ["a"] && before.value("RECORDS") == "r.csv")
        #expect(usageError(["group", "find", "r.csv", "--reports"])?.message == "Missing value for '--reports <REPORTS> ...'")
    }

    /// The first value of `--reports` is the next argument whatever it looks like, as for a single-value option;
    /// `--reports=A B` goes on with B, as swift-argument-parser's `.upToNextOption` did.
    @Test func firstValueWhateverItLooksLike() throws {
        let dashed = try invocation(["group", "find", "r.csv", "--reports", "-x.json", "b", "--reports", "c"])
        #expect(dashed.values("reports") == ["-x.json", "b", "c"] && dashed.value("RECORDS") == "r.csv")
        #expect(try invocation(["group", "find", "r.csv", "--reports", "--db"]).values("reports") == ["--db"])
        #expect(try invocation(["group", "find", "--reports=a", "b", "--", "r.csv"]).values("reports") == ["a", "b"])
        #expect(try invocation(["-o", "--lang"]).value("output") == "--lang")
    }

    /// An empty path (`--output=`, `-o ''`, an unset shell variable) is a usage error naming the option, not the
    /// current directory plus "/".
    @Test func emptyPathValueIsAUsageError() {
        let cases: [([String], String)] = [
            (["--output="], "--output '': give a path (an empty value names no file)"),
            (["-o", ""], "--output '': give a path (an empty value names no file)"),
            (["--sysroot", ""], "--sysroot '': give a path (an empty value names no file)"),
            (["group", "list", "a", "--db="], "--db '': give a path (an empty value names no file)"),
            (["group", "find", "r.csv", "--reports", ""], "--reports '': give a path (an empty value names no file)"),
            // An empty path operand ("$DIR" unset) would read the current directory: no file either.
            (["group", "list", "a", "", "--db", "x"], "ITEMS '': give a path (an empty argument names no file)"),
            (["group", "find", ""], "RECORDS '': give a path (an empty argument names no file)"),
        ]
        for (arguments, message) in cases {
            #expect(usageError(arguments)?.message == message, "\(arguments)")
        }
    }

    @Test func helpVersionAndRootOnlyOptions() throws {
        #expect(try parser.parse(["--help"]) == .help([]))
        #expect(try parser.parse(["-vh"]) == .help([]))
        #expect(try parser.parse(["group", "--help"]) == .help(["group"]))
        #expect(try parser.parse(["group", "find", "-h"]) == .help(["group", "find"]))
        #expect(try parser.parse(["help", "group", "list"]) == .help(["group", "list"]))
        #expect(try parser.parse(["help"]) == .help([]))
        #expect(try parser.parse(["--version"]) == .version)
        #expect(try parser.parse(["group", "list", "--version"]) == .version)
        #expect(try parser.parse(["--generate-completion-script", "fish"]) == .completion(.fish))
        #expect(try parser.parse(["--generate-completion-script=zsh"]) == .completion(.zsh))
        #expect(try parser.parse(["--generate-manual", "2026-11-29"]) == .manual(date: "2026-11-29"))
        #expect(try parser.parse(["--generate-manual"]) == .manual(date: nil))
        // Anywhere among the root's options, with =VALUE too; not after a subcommand.
        #expect(try parser.parse(["--generate-manual=2026-11-29"]) == .manual(date: "2026-11-29"))
        #expect(try parser.parse(["-v", "--generate-manual", "-q"]) == .manual(date: nil))
        #expect(try parser.parse(["--lang", "zh", "--generate-completion-script", "bash"]) == .completion(.bash))
        #expect(usageError(["group", "--generate-manual"])?.message == "Unknown option '--generate-manual'")
        #expect(usageError(["--generate-completion-script"])?.message == "Missing value for '--generate-completion-script <shell>'")
    }

    /// Every usage error names the problem and the help of the command the user named.
    @Test func usageErrorsNameTheProblemAndTheHelp() {
        let cases: [([String], String, String)] = [
            (["--bogus"], "Unknown option '--bogus'", "tool --help"),
            (["-x"], "Unknown option '-x'", "tool --help"),
            (["--ver"], "Unknown option '--ver'", "tool --help"),
            (["--sysroot"], "Missing value for '--sysroot <DIR>'", "tool --help"),
            (["-o"], "Missing value for '--output <FILE>'", "tool --help"),
            (["--lang", "fr"], "The value 'fr' is invalid for '--lang <lang>'. Please provide one of 'en' and 'zh'.", "tool --help"),
            (["--limit", "many"], "The value 'many' is invalid for '--limit <N>'.", "tool --help"),
            (["--verbose=yes"], "The option '--verbose' takes no value (given: 'yes')", "tool --help"),
            (["extra"], "Unexpected argument 'extra'", "tool --help"),
            (["run", "--bogus"], "Unknown option '--bogus'", "tool run --help"),
            (["group", "list", "a"], "Missing expected argument '--db <FILE>'", "tool group list --help"),
            (["group", "--db", "x"], "Missing expected argument '<ITEMS> ...'", "tool group --help"),
            (["group", "find"], "Missing expected argument '<RECORDS>'", "tool group find --help"),
            (["help", "nothing"], "Unknown subcommand 'nothing'", "tool --help"),
            (["--generate-completion-script", "tcsh"],
             "The value 'tcsh' is invalid for '--generate-completion-script <shell>'. Please provide one of 'bash', 'zsh' and 'fish'.",
             "tool --help"),
        ]
        for (arguments, message, help) in cases {
            let error = usageError(arguments)
            #expect(error?.message == message, "\(arguments)")
            #expect(error?.helpCommand(root: "tool") == help, "\(arguments)")
        }
    }

    /// Help: the default command's usage and options under the parent's overview, the subcommands listed, text
    /// wrapped at the width, table rows kept as written.
    @Test func helpFollowsTheTable() throws {
        let help = try #require(HelpText(root: Self.root, width: 60).render([]))
        #expect(help.hasPrefix("OVERVIEW: A tool.\n\nWhat it does.\n\nEXIT CODES:\n  0   done\n  64  usage error\n\n"))
        #expect(help.contains("USAGE: tool [--sysroot <DIR>] [--lang <lang>] [--output <FILE>] [--limit <N>] [--verbose] [--quiet]\n"))
        #expect(help.contains("  --lang <lang>           Language. (values: en, zh)\n"))
        #expect(help.contains("  -o, --output <FILE>     Write to FILE.\n"))
        #expect(help.contains("  --limit <N>             At most N. (default: 20)\n"))
        #expect(help.contains("  -h, --help              Show help information.\n"))
        #expect(help.contains("SUBCOMMANDS:\n  run (default)           Run it (the default).\n  group                   A group.\n"))
        #expect(help.hasSuffix("  See 'tool help <subcommand>' for detailed help.\n"))
        let list = try #require(HelpText(root: Self.root, width: 60).render(["group"]))
        #expect(list.contains("USAGE: tool group <ITEMS> ... --db <FILE>\n\nARGUMENTS:\n  <ITEMS>                 Items.\n"))
        #expect(HelpText(root: Self.root, width: 60).render(["nothing"]) == nil)
        let narrow = Command(name: "t", abstract: String(repeating: "word ", count: 30))
        for line in try #require(HelpText(root: narrow, width: 40).render([])).split(separator: "\n") {
            #expect(line.count < 40, "\(line)")
        }
    }

    /// The man page has every command and option, table rows unfilled, and nothing roff would take for a request.
    @Test func manualPageFollowsTheTable() {
        let page = ManualPage(root: Self.root, version: "1.0", date: "2026-11-29").render()
        #expect(page.contains(".TH TOOL 1 \"2026-11-29\" \"tool 1.0\""))
        #expect(page.contains(".SS \"tool group find\""))
        #expect(page.contains(".nf\n  0   done\n  64  usage error\n.fi"))
        #expect(page.contains("\\fB\\-o\\fR, \\fB\\-\\-output\\fR \\fIFILE\\fR"))
        #expect(page.contains("\\fB\\-\\-reports\\fR \\fIREPORTS\\fR ..."))
        #expect(page.contains("tool group list <ITEMS> ... \\-\\-db <FILE>"))
        #expect(page.contains(".SH SYNOPSIS\n.PP\ntool [\\-\\-sysroot <DIR>]"), "the default command first, as typed")
        let tricky = Command(name: "t", abstract: "a", discussion: ".starts with a dot\n'quoted\nback\\slash")
        let escaped = ManualPage(root: tricky, version: "1", date: "").render()
        #expect(escaped.contains("\n\\&.starts with a dot\n") && escaped.contains("\n\\&'quoted\n") && escaped.contains("back\\eslash"))
    }

    /// Each shell's script offers each command's options and subcommands, and the values of a fixed list.
    @Test func completionsFollowTheTable() {
        let completions = Completions(root: Self.root)
        let bash = completions.script(.bash)
        #expect(bash.contains("/run|/group|/group/list|/group/find) path+=/${COMP_WORDS[i]}"))
        #expect(bash.contains("\" --lang\") COMPREPLY=($(compgen -W \"en zh\" -- \"$cur\")); return ;;"))
        #expect(bash.contains("\"/group\") words=\"--db --version -h --help list find\" files=1 ;;"))
        #expect(bash.hasSuffix("complete -o filenames -F _tool tool\n"))
        let zsh = completions.script(.zsh)
        #expect(zsh.hasPrefix("#compdef tool\n"))
        #expect(zsh.contains("'--lang[Language.]:lang:(en zh)'"))
        #expect(zsh.contains("'(-o --output)'{-o,--output}'[Write to FILE.]:FILE:_files'"))
        let fish = completions.script(.fish)
        #expect(fish.contains("complete -c tool -n 'test (__tool_path) = root/group' -a find -d 'Find.'"))
        #expect(fish.contains("complete -c tool -n 'test (__tool_path) = root' -l lang -x -a 'en zh' -d 'Language.'"))
        #expect(fish.contains("complete -c tool -n 'test (__tool_path) = root' -s o -l output -r -F -d 'Write to FILE.'"))
    }
}

import HWCheckCore

/// `--help` from the command table, laid out as hwcheck's help always was (swift-argument-parser's layout:
/// OVERVIEW, the discussion, USAGE, ARGUMENTS, OPTIONS, SUBCOMMANDS) and wrapped at the terminal's width.
///
/// A command with a default subcommand documents that one too (`hwcheck --help` shows the check's options, and
/// `hwcheck fleet --help` the summary's): it is what runs when no subcommand is named, so its options must be
/// found where the user looks first.
public struct HelpText: Sendable {
    public let root: Command
    /// Columns to wrap at (the terminal's, else $COLUMNS, else 80).
    public let width: Int

    /// Where a help line's text starts, after "  -o, --output <FILE>" (swift-argument-parser's column).
    static let labelColumn = 26

    public init(root: Command, width: Int) {
        self.root = root
        self.width = width
    }

    /// The help of the command at `path` (names below the root), or nil when there is none.
    public func render(_ path: [String]) -> String? {
        guard let command = root.command(at: path) else { return nil }
        let shown = command.defaultCommand ?? command
        var lines = wrap(command.abstract, first: "OVERVIEW: ", rest: "")
        // A default subcommand with its own discussion (fleet summary: how devices are told apart, its exit
        // codes) brings its abstract and discussion along; one without (check) has the parent's.
        if shown.name != command.name && !shown.discussion.isEmpty {
            lines += [""] + discussion(shown.abstract) + [""] + discussion(shown.discussion)
        }
        if !command.discussion.isEmpty { lines += [""] + discussion(command.discussion) }
        lines += ["", "USAGE: " + usage(shown, path: path)]

        let operands = shown.arguments.filter(\.isOperand)
        if !operands.isEmpty {
            lines += ["", "ARGUMENTS:"]
            for operand in operands { lines += row("<\(operand.name)>", Self.describeText(operand)) }
        }
        lines += ["", "OPTIONS:"]
        for option in shown.arguments.filter({ !$0.isOperand }) + Command.standardOptions {
            lines += row(Self.label(option), Self.describeText(option))
        }
        if !command.subcommands.isEmpty {
            lines += ["", "SUBCOMMANDS:"]
            for subcommand in command.subcommands {
                let name = subcommand.name + (subcommand.name == command.defaultSubcommand ? " (default)" : "")
                lines += row(name, subcommand.abstract)
            }
            let spelled = ([root.name, "help"] + path + ["<subcommand>"]).joined(separator: " ")
            lines += ["", "  See '\(spelled)' for detailed help."]
        } else {
            lines.append("")
        }
        return lines.joined(separator: "\n") + "\n"
    }

    /// "hwcheck fleet <REPORTS> ... [--json] [--format <format>]": the table in order, optional ones bracketed.
    public func usage(_ command: Command, path: [String]) -> String {
        let words = command.arguments.map { argument -> String in
            let synopsis = argument.synopsis
            return argument.required || argument.isOperand ? synopsis : "[\(synopsis)]"
        }
        return ([root.name] + path + words).joined(separator: " ")
    }

    /// "-o, --output <FILE>", "--reports <REPORTS>".
    static func label(_ option: Argument) -> String {
        let short = option.short.map { "-\($0), " } ?? ""
        switch option.kind {
        case .flag, .operand: return short + "--\(option.name)"
        case .option, .options: return short + "--\(option.name) <\(option.valueName ?? option.name)>"
        }
    }

    /// The help sentence with the accepted values and the default, as "(values: en, zh; default: en)".
    static func describeText(_ argument: Argument) -> String {
        var notes: [String] = []
        if case .choice(let choices) = argument.value { notes.append("values: " + choices.joined(separator: ", ")) }
        if let value = argument.defaultValue { notes.append("default: " + value) }
        return notes.isEmpty ? argument.help : argument.help + " (" + notes.joined(separator: "; ") + ")"
    }

    /// "  LABEL" with the text beside it from the label column, or below it when the label reaches that far.
    func row(_ label: String, _ text: String) -> [String] {
        let indent = String(repeating: " ", count: Self.labelColumn)
        let head = "  " + label
        if Terminal.displayWidth(head) + 1 <= Self.labelColumn {
            let padded = head + String(repeating: " ", count: Self.labelColumn - Terminal.displayWidth(head))
            return wrap(text, first: padded, rest: indent)
        }
        return [head] + wrap(text, first: indent, rest: indent)
    }

    /// Paragraphs wrapped at the width; a line that starts with spaces (an example, an exit-code row) kept as
    /// written, its columns aligned by hand.
    func discussion(_ text: String) -> [String] {
        text.split(separator: "\n", omittingEmptySubsequences: false).flatMap { line -> [String] in
            if line.isEmpty || line.hasPrefix(" ") { return [String(line)] }
            // One column short of the width, as swift-argument-parser laid out hwcheck's paragraphs before.
            return wrap(String(line), first: "", rest: "", margin: 1)
        }
    }

    func wrap(_ text: String, first: String, rest: String, margin: Int = 0) -> [String] {
        Terminal.wrap(text, width: width - margin, firstPrefix: first, restPrefix: rest)
    }
}

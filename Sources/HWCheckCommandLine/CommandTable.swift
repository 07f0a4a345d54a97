// The declarative table a command line is made of, in the tradition of util-linux's and systemd's
// `struct option longopts[]` (getopt_long(3)): one entry per option or operand, in the order help shows them.
// The same table drives parsing (`CommandLineParser`), `--help` (`HelpText`), the man page (`ManualPage`) and
// the shell completions (`Completions`), so none of them can drift from what the parser accepts.

/// What an entry of a command's table takes from the command line.
public enum ArgumentKind: Equatable, Sendable {
    /// `--name` (or `-x`): present or not.
    case flag
    /// `--name VALUE`, `--name=VALUE`, `-x VALUE`, `-xVALUE`: the last one given wins.
    case option
    /// `--name V1 V2 …`: the values up to the next option (or `--`), as `trace --reports A B` takes them.
    case options
    /// An operand (not an option); `repeating` takes every remaining operand, at least one.
    case operand(repeating: Bool)
}

/// The values an option accepts: any text, one of a list (checked, offered by completions), or a count.
public enum ValueKind: Equatable, Sendable {
    case text
    /// A path: completions offer files.
    case path
    case choice([String])
    case count
}

/// One entry of a command's table.
public struct Argument: Equatable, Sendable {
    /// The long name without dashes ("sysroot"), or the operand's name ("REPORTS").
    public var name: String
    public var short: Character?
    public var kind: ArgumentKind
    public var value: ValueKind
    /// What help shows for the value: `--sysroot <DIR|ARCHIVE>`; the long name when nil.
    public var valueName: String?
    public var help: String
    public var required: Bool
    /// Shown in help as "(default: …)".
    public var defaultValue: String?

    public init(name: String, short: Character? = nil, kind: ArgumentKind, value: ValueKind = .text,
                valueName: String? = nil, help: String, required: Bool = false, defaultValue: String? = nil) {
        self.name = name
        self.short = short
        self.kind = kind
        self.value = value
        self.valueName = valueName
        self.help = help
        self.required = required
        self.defaultValue = defaultValue
    }

    public static func flag(_ name: String, short: Character? = nil, help: String) -> Argument {
        Argument(name: name, short: short, kind: .flag, help: help)
    }

    public static func option(_ name: String, short: Character? = nil, value: ValueKind = .text, valueName: String? = nil,
                              help: String, required: Bool = false, defaultValue: String? = nil) -> Argument {
        Argument(name: name, short: short, kind: .option, value: value, valueName: valueName, help: help,
                 required: required, defaultValue: defaultValue)
    }

    public static func options(_ name: String, value: ValueKind = .path, valueName: String? = nil, help: String) -> Argument {
        Argument(name: name, kind: .options, value: value, valueName: valueName, help: help)
    }

    public static func operand(_ name: String, repeating: Bool = false, value: ValueKind = .path, help: String) -> Argument {
        Argument(name: name, kind: .operand(repeating: repeating), value: value, help: help, required: true)
    }

    public var isOperand: Bool {
        if case .operand = kind { return true }
        return false
    }

    public var takesValue: Bool { kind == .option || kind == .options }

    /// `--sysroot <DIR|ARCHIVE>`, `-o, --output <FILE>`, `<REPORTS> ...` as help and messages write it.
    public var synopsis: String {
        switch kind {
        case .operand(let repeating): return "<\(name)>" + (repeating ? " ..." : "")
        case .flag: return "--\(name)"
        case .option: return "--\(name) <\(valueName ?? name)>"
        case .options: return "--\(name) <\(valueName ?? name)> ..."
        }
    }
}

/// A command: its words for help and the man page, its table, and its subcommands (one of which may run when
/// none is named: `hwcheck` is `hwcheck check`, `hwcheck fleet` is `hwcheck fleet summary`).
public struct Command: Sendable {
    public var name: String
    public var abstract: String
    /// Paragraphs separated by blank lines; a line starting with two spaces is kept as it is (a table row).
    public var discussion: String
    public var arguments: [Argument]
    public var subcommands: [Command]
    public var defaultSubcommand: String?

    public init(name: String, abstract: String, discussion: String = "", arguments: [Argument] = [],
                subcommands: [Command] = [], defaultSubcommand: String? = nil) {
        self.name = name
        self.abstract = abstract
        self.discussion = discussion
        self.arguments = arguments
        self.subcommands = subcommands
        self.defaultSubcommand = defaultSubcommand
    }

    public func subcommand(_ name: String) -> Command? { subcommands.first { $0.name == name } }

    /// The command that runs when this one is named without a subcommand.
    public var defaultCommand: Command? { defaultSubcommand.flatMap(subcommand) }

    /// The command at `path` below this one (empty: this one).
    public func command(at path: [String]) -> Command? {
        var command = self
        for name in path {
            guard let next = command.subcommand(name) else { return nil }
            command = next
        }
        return command
    }

    /// The long and short options every command takes besides its table (getopt_long's table has them too).
    public static let standardOptions: [Argument] = [
        .flag("version", help: "Show the version."),
        .flag("help", short: "h", help: "Show help information."),
    ]
}

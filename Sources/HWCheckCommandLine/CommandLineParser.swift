// Parsing a command line against a command table with getopt_long(3)'s rules, as util-linux and systemd tools parse
// theirs: `--name VALUE` and `--name=VALUE`; `-x VALUE`, `-xVALUE` and bundled flags (`-vq`); an option that takes a
// value takes the next argument whatever it looks like (`-o -` writes to a file named "-"); `--` ends the options; a
// lone `-` is an operand (standard input). Options and operands may come in any order. A multi-value option (`--reports
// A B…`) takes its first value whatever it looks like, then further arguments up to the next option (an argument that
// starts with "-", a lone "-" aside); `--reports=A B` takes B too, as swift-argument-parser's `.upToNextOption` (which
// hwcheck used before this parser) did: an attached value does not end the list (apple/swift-argument-parser 1.8.2,
// Sources/ArgumentParser/Parsing/ArgumentSet.swift, LenientParser.parseValue). An empty value of a path option names no
// file: a usage error, not the current directory. The root's own options (`--generate-manual`,
// `--generate-completion-script`) may stand anywhere among the root's options and, like `--help`, end the reading of
// the line. Unlike getopt_long, a long option is never abbreviated: `--ver` is unknown, so a new option can never
// change what an old script meant. Every problem is a `UsageError` (exit 64) naming the `--help` that shows the fix.

/// A command line as the table understood it.
public struct Invocation: Equatable, Sendable {
    /// The commands below the root that run, default ones included: ["check"], ["fleet", "summary"].
    public var path: [String]
    /// The commands the user named ([] for `hwcheck --json`): where `--help` and usage errors point.
    public var namedPath: [String]
    var values: [String: [String]] = [:]

    public init(path: [String], namedPath: [String]) {
        self.path = path
        self.namedPath = namedPath
    }

    /// Whether the flag (or option) `name` was given.
    public func flag(_ name: String) -> Bool { values[name] != nil }

    /// The option's value, the last one when it was given more than once (as getopt_long callers keep it).
    public func value(_ name: String) -> String? { values[name]?.last }

    /// Every value of a repeatable option (`--reports A B`) or a repeating operand, in order.
    public func values(_ name: String) -> [String] { values[name] ?? [] }

    /// The value of a `.count` option, already checked to be a whole number by the parser.
    public func count(_ name: String) -> Int? { value(name).flatMap { Int($0) } }

    mutating func add(_ name: String, _ value: String) { values[name, default: []].append(value) }
}

/// What a command line asks for.
public enum ParseResult: Equatable, Sendable {
    case run(Invocation)
    /// `--help`, `-h` or `help CMD…`: the help of the command at this (named) path.
    case help([String])
    case version
    /// `--generate-completion-script SHELL` (bash, zsh or fish).
    case completion(Shell)
    /// `--generate-manual [DATE]`: the man page in roff, dated DATE (scripts/dist.sh installs it).
    case manual(date: String?)
}

public enum Shell: String, CaseIterable, Sendable {
    case bash, zsh, fish
}

/// A command line the table does not accept: exit 64, one line naming the problem and the help to read.
public struct UsageError: Error, Equatable, Sendable {
    public var message: String
    /// The named commands whose `--help` explains the fix; nil until the parser (or the caller) knows it.
    public var helpPath: [String]?

    public init(_ message: String, helpPath: [String]? = nil) {
        self.message = message
        self.helpPath = helpPath
    }

    /// "hwcheck fleet import --help".
    public func helpCommand(root: String) -> String {
        ([root] + (helpPath ?? []) + ["--help"]).joined(separator: " ")
    }
}

public struct CommandLineParser: Sendable {
    public let root: Command

    public init(root: Command) {
        self.root = root
    }

    public func parse(_ arguments: [String]) throws(UsageError) -> ParseResult {
        if arguments.first == "help" { return .help(try helpPath(Array(arguments.dropFirst()))) }

        var command = root
        var named: [String] = []
        var index = 0
        while index < arguments.count, let next = command.subcommand(arguments[index]) {
            named.append(next.name)
            command = next
            index += 1
        }
        var path = named
        while let next = command.defaultCommand {
            path.append(next.name)
            command = next
        }
        if !command.subcommands.isEmpty {
            // A command that only groups others and has no default: it needs a subcommand named.
            if arguments[index...].contains(where: { $0 == "--help" || $0 == "-h" }) { return .help(named) }
            throw UsageError("Missing subcommand (one of: \(command.subcommands.map(\.name).joined(separator: ", ")))", helpPath: named)
        }
        do {
            return try parseOptions(Array(arguments[index...]), of: command, path: path, named: named)
        } catch {
            throw UsageError(error.message, helpPath: named)
        }
    }

    static let manualOption = "generate-manual"
    static let completionOption = "generate-completion-script"

    /// The options only the root takes: they print something about the whole program. `--generate-manual [DATE]`
    /// takes `=DATE`, or the next argument unless it starts with "-" (its DATE is optional, and scripts/dist.sh
    /// passes it apart); `--generate-completion-script SHELL` takes its value as any option does.
    static func rootOnly(_ name: String, attached: String?, next: String?) throws(UsageError) -> ParseResult? {
        switch name {
        case manualOption:
            if let attached { return .manual(date: attached) }
            guard let next, !looksLikeOption(next) else { return .manual(date: nil) }
            return .manual(date: next)
        case completionOption:
            let synopsis = "--\(completionOption) <shell>"
            guard let given = attached ?? next else { throw UsageError("Missing value for '\(synopsis)'") }
            guard let shell = Shell(rawValue: given) else {
                throw UsageError("The value '\(given)' is invalid for '\(synopsis)'. Please provide one of \(list(Shell.allCases.map(\.rawValue))).")
            }
            return .completion(shell)
        default:
            return nil
        }
    }

    /// `help fleet import`: the path those names make; an unknown one is an error.
    func helpPath(_ names: [String]) throws(UsageError) -> [String] {
        var command = root
        for (position, name) in names.enumerated() {
            guard let next = command.subcommand(name) else {
                throw UsageError("Unknown subcommand '\(name)'", helpPath: Array(names.prefix(position)))
            }
            command = next
        }
        return names
    }

    func parseOptions(_ arguments: [String], of command: Command, path: [String], named: [String]) throws(UsageError) -> ParseResult {
        let table = command.arguments + Command.standardOptions
        var invocation = Invocation(path: path, namedPath: named)
        var operands: [String] = []
        var index = 0

        /// The value of an option at `index`: the text after "=" or the next argument, whatever it is.
        func takeValue(_ argument: Argument, attached: String?) throws(UsageError) -> String {
            if let attached { return attached }
            guard index + 1 < arguments.count else { throw UsageError("Missing value for '\(argument.synopsis)'") }
            index += 1
            return arguments[index]
        }

        func record(_ argument: Argument, attached: String?) throws(UsageError) -> ParseResult? {
            switch argument.name {
            case "help": return .help(named)
            case "version": return .version
            default: break
            }
            switch argument.kind {
            case .flag:
                if let attached { throw UsageError("The option '--\(argument.name)' takes no value (given: '\(attached)')") }
                invocation.add(argument.name, "")
            case .option:
                invocation.add(argument.name, try Self.checked(try takeValue(argument, attached: attached), for: argument))
            case .options:
                // The first value whatever it looks like (as a single-value option's), the rest up to an option.
                invocation.add(argument.name, try Self.checked(try takeValue(argument, attached: attached), for: argument))
                while index + 1 < arguments.count, !Self.looksLikeOption(arguments[index + 1]) {
                    index += 1
                    invocation.add(argument.name, try Self.checked(arguments[index], for: argument))
                }
            case .operand:
                break
            }
            return nil
        }

        while index < arguments.count {
            let word = arguments[index]
            if word == "--" {
                operands += arguments[(index + 1)...]
                break
            }
            if word.hasPrefix("--") {
                let body = word.dropFirst(2)
                let name = body.firstIndex(of: "=").map { String(body[..<$0]) } ?? String(body)
                let attached = body.firstIndex(of: "=").map { String(body[body.index(after: $0)...]) }
                guard let argument = table.first(where: { !$0.isOperand && $0.name == name }) else {
                    let next = index + 1 < arguments.count ? arguments[index + 1] : nil
                    if named.isEmpty, let result = try Self.rootOnly(name, attached: attached, next: next) { return result }
                    throw UsageError("Unknown option '--\(name)'")
                }
                if let result = try record(argument, attached: attached) { return result }
            } else if Self.looksLikeOption(word) {
                // A bundle of short options: flags, then at most one that takes the rest (or the next argument).
                var letters = Substring(word.dropFirst())
                while let letter = letters.first {
                    letters = letters.dropFirst()
                    guard let argument = table.first(where: { $0.short == letter }) else {
                        throw UsageError("Unknown option '-\(letter)'")
                    }
                    let attached = argument.takesValue && !letters.isEmpty ? String(letters) : nil
                    if let result = try record(argument, attached: attached) { return result }
                    if attached != nil { break }
                }
            } else {
                operands.append(word)
            }
            index += 1
        }

        for argument in command.arguments where argument.isOperand {
            guard case .operand(let repeating) = argument.kind else { continue }
            if operands.isEmpty {
                throw UsageError("Missing expected argument '\(argument.synopsis)'")
            }
            let taken = repeating ? operands : [operands[0]]
            operands.removeFirst(taken.count)
            for operand in taken { invocation.add(argument.name, try Self.checked(operand, for: argument)) }
        }
        if let extra = operands.first { throw UsageError("Unexpected argument '\(extra)'") }
        for argument in command.arguments where argument.required && !argument.isOperand && !invocation.flag(argument.name) {
            throw UsageError("Missing expected argument '\(argument.synopsis)'")
        }
        return .run(invocation)
    }

    /// An option or a bundle of them: "-x…" or "--…", never a lone "-" (standard input).
    static func looksLikeOption(_ word: String) -> Bool { word.hasPrefix("-") && word != "-" }

    static func checked(_ value: String, for argument: Argument) throws(UsageError) -> String {
        switch argument.value {
        case .text:
            return value
        case .path:
            // "" would become the current directory plus "/" and fail later as a confusing missing file (66) or
            // write error (74), or read the whole current directory as reports; `--output ''` or `fleet "$DIR"` is
            // nearly always an unset shell variable.
            if value.isEmpty {
                throw UsageError(argument.isOperand ? "\(argument.name) '': give a path (an empty argument names no file)"
                                                    : "--\(argument.name) '': give a path (an empty value names no file)")
            }
        case .choice(let choices):
            guard choices.contains(value) else {
                throw UsageError("The value '\(value)' is invalid for '\(argument.synopsis)'. Please provide one of \(list(choices)).")
            }
        case .count:
            guard Int(value) != nil else { throw UsageError("The value '\(value)' is invalid for '\(argument.synopsis)'.") }
        }
        return value
    }

    /// "'en' and 'zh'", "'text', 'json' and 'csv'".
    static func list(_ words: [String]) -> String {
        let quoted = words.map { "'\($0)'" }
        guard quoted.count > 1 else { return quoted.first ?? "" }
        return quoted.dropLast().joined(separator: ", ") + " and " + (quoted.last ?? "")
    }
}

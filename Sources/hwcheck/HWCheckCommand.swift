import ArgumentParser
import HWCheckCore
import HWCheckFleet
import HWCheckNative

#if canImport(Glibc)
import Glibc
#endif

@main
struct HWCheckCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "hwcheck",
        abstract: "Check whether this PC's hardware identity (DeviceBinding B1-B4) will be accepted by the activation server.",
        discussion: """
            B1 BIOS/system serial, B2 system disk serial (disk not removable), B3 baseboard serial, \
            B4 MAC of a physical, enabled, internal network adapter. Each row passes, fails or is unknown \
            (the value could not be read here, e.g. without root).

            EXAMPLES:
              sudo hwcheck                    report for people (--lang zh)
              sudo hwcheck --json > pc1.json  for scripts
              hwcheck --sysroot DIR -v        replay a recorded machine
              hwcheck spec > my.json          the spec table (--spec my.json)
              hwcheck explain B2              what B2 means, checks, remedies
              sudo hwcheck --json --timestamp -o /mnt/usb/pc1.json
                                              collect for fleet
              hwcheck fleet reports/          duplicates and placeholders
              hwcheck trace failed.csv --reports reports/
                                              records -> devices
              sudo hwcheck bundle -o pc.tar   capture (--sysroot pc.tar replays)

            EXIT CODES (check):
              0   compliant: every row passes
              1   non-compliant: at least one row fails
              2   undetermined: no row fails, some could not be checked (run as root)
              64  usage error
              65  bad input data (spec file, bundle, a sysroot without sys/)
              66  sysroot or input missing, --output directory missing or read-only
              70  internal error
              74  output error: the report could not be written

            bundle, fleet, fleet import and trace: see their own --help.
            """,
        version: toolVersion,
        subcommands: [Check.self, PrintSpec.self, ExplainTopic.self, BundleCommand.self, FleetCommand.self, TraceCommand.self],
        defaultSubcommand: Check.self
    )
}

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
        let environment = Environment.current
        do {
            let specTable = try machineOptions.loadSpec()
            let location = try machineOptions.openLocation()
            defer { location?.close() }
            let machine = try machineToCheck(location)
            var inventory = try collectInventory(machine, spec: specTable, explicitDisk: machineOptions.disk)
            var extras: [String: JSONValue] = [:]
            // A redacted bundle says so, so its replay is marked as the redacted report it came from.
            if let saltId = machine.files.attribute(LiveRecording.redactionPath) {
                extras["redaction"] = .object(["method": .string(Redactor.method), "saltId": .string(saltId)])
            }
            if let redactor = machineOptions.redactor() {
                inventory = redactor.redact(inventory)
                extras["redaction"] = .object(["method": .string(Redactor.method), "saltId": .string(redactor.saltId)])
            }
            if timestamp { extras["collectedAt"] = .string(Timestamp.format(Int64(time(nil)))) }
            let report = Report(spec: specTable, inventory: inventory)
            if !quiet || output != nil {
                let text: String
                if json || compact {
                    let value = report.json(language: lang?.language ?? .en).adding(extras)
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
            throw ExitCode(report.verdict.exitCode)
        } catch is Output.BrokenPipe {
            throw ExitCode(74)
        } catch let error as HWCheckError {
            FileHandleOutput.standardError("hwcheck: \(error.message)\n")
            throw ExitCode(error.exitCode)
        } catch let exit as ExitCode {
            throw exit
        } catch {
            // Anything else is a defect in hwcheck, not in the machine: the documented internal-error code.
            FileHandleOutput.standardError("hwcheck: internal error: \(error)\n")
            throw ExitCode(70)
        }
    }

    func machineToCheck(_ location: SystemRootLocation?) throws(HWCheckError) -> Machine {
        guard let location else { return MachineFactory.live() }
        return MachineFactory.recorded(location.directory)
    }
}

/// The machine a command reads: this one (libudev, ethtool, libpci) or a recorded root.
enum MachineFactory {
    static func live() -> Machine {
        Machine(files: SystemRoot(path: "/"), blockDevices: UdevBlockDevices(), permanentAddresses: EthtoolPermanentAddresses(),
                pciNames: LibPCINames(sysfsPath: "/sys/bus/pci", idsPath: "/usr/share/misc/pci.ids"),
                registers: MappedPCIRegisters())
    }

    /// `absolute` must be an existing directory.
    static func recorded(_ absolute: String) -> Machine {
        let root = SystemRoot(path: absolute)
        // A recording may carry its own pci.ids; otherwise names come from this host's database. libpci opens the
        // path itself, so it gets the one resolved inside the root: a link in a recording never leads out of it.
        let recordedIDs = root.exists("usr/share/misc/pci.ids") ? root.resolve("usr/share/misc/pci.ids") : nil
        let ids = recordedIDs.map { absolute + "/" + $0 } ?? "/usr/share/misc/pci.ids"
        return .recorded(root, pciNames: LibPCINames(sysfsPath: absolute + "/sys/bus/pci", idsPath: ids))
    }
}

/// An absolute path for a path given on the command line.
func absolutePath(_ path: String) -> String {
    if path.hasPrefix("/") { return path }
    var buffer = [CChar](repeating: 0, count: 4096)
    guard getcwd(&buffer, buffer.count) != nil else { return path }
    return String(decoding: buffer.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self) + "/" + path
}

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
            FileHandleOutput.standardError("hwcheck: explain \(topic): no such topic (try: \(Explain.topics(spec).joined(separator: ", ")))\n")
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

struct PrintSpec: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "spec", abstract: "Print the built-in spec table (JSON); edit it and pass it back with --spec FILE.",
        discussion: """
            The table's "placeholders" add entries to the built-in lists ("builtIn": true) or replace them \
            ("builtIn": false); --placeholders prints those lists: every known junk serial, UUID and MAC with \
            where it was seen.
            """)

    @Flag(name: .long, help: "Print the built-in placeholder lists (JSON) instead of the spec table.")
    var placeholders = false

    func run() throws {
        try runMappingErrors { try Output.standard(placeholders ? Spec.builtInPlaceholdersText : Spec.builtInText); return 0 }
    }
}

/// What every command that reads a machine shares: which machine, which spec, which disk, and redaction.
struct MachineOptions: ParsableArguments {
    @Option(name: .long, help: ArgumentHelp("Read the machine recorded under DIR (sys/, run/udev/data/, proc/self/mountinfo), or in a bundle archive from 'hwcheck bundle', instead of this one.", valueName: "DIR|ARCHIVE"))
    var sysroot: String?

    @Option(name: .long, help: ArgumentHelp("Use the spec table in FILE instead of the built-in one (see 'hwcheck spec').", valueName: "FILE"))
    var spec: String?

    @Option(name: .long, help: ArgumentHelp("Bind B2 to this disk (kernel name, e.g. sda) instead of the disk holding /.", valueName: "NAME"))
    var disk: String?

    @Flag(name: .long, help: "Replace serials, UUIDs and MACs with salted hashes (placeholders and empty values stay).")
    var redact = false

    @Option(name: .long, help: ArgumentHelp("Salt for --redact; without it a random salt is made and printed on standard error. Same salt, same tokens.", valueName: "SALT"))
    var salt: String?

    static let specFix = "(give the path of a spec file; 'hwcheck spec > FILE' writes the built-in one)"

    func loadSpec() throws(HWCheckError) -> Spec {
        guard let spec else { return Spec.builtIn() }
        let bytes: [UInt8]
        switch SystemRoot(path: "/").read(absolutePath(spec)) {
        case .bytes(let read): bytes = read
        case .missing: throw HWCheckError(.inputMissing, "--spec \(spec): no such file \(Self.specFix)")
        case .denied: throw HWCheckError(.inputMissing, "--spec \(spec): permission denied (make it readable for this user, or run as root)")
        case .failed(let code): throw HWCheckError(.inputMissing, "--spec \(spec): \(ErrorText.describe(errno: code)) \(Self.specFix)")
        }
        do {
            return try Spec.decode(bytes, origin: "--spec \(spec)")
        } catch {
            throw HWCheckError(.badData, error.message + " (see 'hwcheck spec' for the format)")
        }
    }

    /// The recorded root to read (a directory, or a bundle archive extracted for the run), or nil for this machine.
    func openLocation() throws(HWCheckError) -> SystemRootLocation? {
        try sysroot.map { path throws(HWCheckError) in
            try SystemRootLocation.open(absolutePath(path), given: path, temporaryBase: Environment.temporaryDirectory)
        }
    }

    /// The redactor `--redact` asks for, with the salt given or a new one announced on standard error.
    func redactor() -> Redactor? {
        guard redact else { return nil }
        return Redactor(salt: salt ?? announcedRandomSalt())
    }

    func announcedRandomSalt() -> String {
        let salt = Redactor.randomSalt()
        FileHandleOutput.standardError("hwcheck: redaction salt: \(salt) (pass --salt \(salt) to redact other reports alike)\n")
        return salt
    }
}

enum LanguageOption: String, ExpressibleByArgument, CaseIterable {
    case en, zh
    var language: Language { self == .zh ? .zh : .en }
}

enum Environment {
    /// $TMPDIR, else /tmp: where `--sysroot ARCHIVE` is extracted.
    static var temporaryDirectory: String {
        let value = current["TMPDIR"] ?? ""
        return value.hasPrefix("/") ? value : "/tmp"
    }

    static var current: [String: String] {
        var result: [String: String] = [:]
        var pointer = environ
        while let entry = pointer.pointee {
            let text = String(cString: entry)
            if let equals = text.firstIndex(of: "=") {
                result[String(text[..<equals])] = String(text[text.index(after: equals)...])
            }
            pointer += 1
        }
        return result
    }
}

enum FileHandleOutput {
    static func standardError(_ text: String) {
        var bytes = Array(text.utf8)
        _ = bytes.withUnsafeMutableBytes { write(STDERR_FILENO, $0.baseAddress, $0.count) }
    }
}

import ArgumentParser
import HWCheckCore
import HWCheckNative

#if canImport(Glibc)
import Glibc
#endif

@main
struct HWCheckCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "hwcheck",
        abstract: "Check whether this PC's hardware identity (DeviceBinding B1–B4) will be accepted by the activation server.",
        discussion: """
            B1 BIOS/system serial, B2 system disk serial (disk not removable), B3 baseboard serial,
            B4 MAC of a physical, enabled, internal network adapter. Each row passes, fails or is unknown
            (the value could not be read here, e.g. without root).

            EXAMPLES:
              sudo hwcheck                      report for people (Chinese with LANG=zh_CN.UTF-8 or --lang zh)
              sudo hwcheck --json > report.json for scripts; keys and codes never change with the language
              hwcheck --sysroot fixtures/seed-m903g6g4 --verbose    replay a recorded machine
              hwcheck spec > myspec.json; hwcheck --spec myspec.json   change the spec table

            EXIT CODES:
              0  compliant       every row passes
              1  non-compliant   at least one row fails
              2  undetermined    no row fails, some could not be checked (run as root)
              64 usage error     65 bad input data (spec file)   66 sysroot or input missing
              70 internal error
            """,
        version: toolVersion,
        subcommands: [Check.self, PrintSpec.self],
        defaultSubcommand: Check.self
    )
}

struct Check: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "check", abstract: "Probe the machine and judge it against the spec (the default command).")

    @Flag(name: .long, help: "Print the JSON report (schemaVersion \(schemaVersion)) instead of text.")
    var json = false

    @Option(name: .long, help: ArgumentHelp("Report language: en or zh. Default: from LC_ALL/LC_MESSAGES/LANG for text, en for --json.", valueName: "lang"))
    var lang: LanguageOption?

    @Option(name: .long, help: ArgumentHelp("Read the machine recorded under DIR (sys/, run/udev/data/, proc/self/mountinfo) instead of this one.", valueName: "DIR"))
    var sysroot: String?

    @Option(name: .long, help: ArgumentHelp("Use the spec table in FILE instead of the built-in one (see 'hwcheck spec').", valueName: "FILE"))
    var spec: String?

    @Option(name: .long, help: ArgumentHelp("Bind B2 to this disk (kernel name, e.g. sda) instead of the disk holding /.", valueName: "NAME"))
    var disk: String?

    @Flag(name: .shortAndLong, help: "Also list every disk and network adapter.")
    var verbose = false

    @Flag(name: .shortAndLong, help: "Print nothing; the exit code is the verdict.")
    var quiet = false

    func run() throws {
        let environment = Environment.current
        do {
            let specTable = try loadSpec()
            let machine = try machineToCheck()
            let inventory = try collectInventory(machine, spec: specTable, explicitDisk: disk)
            let report = Report(spec: specTable, inventory: inventory)
            if !quiet {
                if json {
                    print(report.json(language: lang?.language ?? .en).serialized(), terminator: "")
                } else {
                    let decorated = isatty(STDOUT_FILENO) == 1 && environment["NO_COLOR"] == nil && environment["TERM"] != "dumb"
                    let renderer = TextReport(language: lang?.language ?? Language.fromLocale(environment),
                                              style: .init(decorated: decorated), verbose: verbose)
                    print(renderer.render(report), terminator: "")
                }
            }
            throw ExitCode(report.verdict.exitCode)
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

    func loadSpec() throws(HWCheckError) -> Spec {
        guard let spec else { return Spec.builtIn() }
        let bytes: [UInt8]
        switch SystemRoot(path: "/").read(spec.hasPrefix("/") ? spec : currentDirectory() + "/" + spec) {
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

    static let specFix = "(give the path of a spec file; 'hwcheck spec > FILE' writes the built-in one)"

    func machineToCheck() throws(HWCheckError) -> Machine {
        guard let sysroot else {
            let files = SystemRoot(path: "/")
            return Machine(files: files, blockDevices: UdevBlockDevices(), permanentAddresses: EthtoolPermanentAddresses(),
                           pciNames: PCIIDsFile(path: "/usr/share/misc/pci.ids"))
        }
        let absolute = sysroot.hasPrefix("/") ? sysroot : currentDirectory() + "/" + sysroot
        let root = SystemRoot(path: absolute)
        guard SystemRoot(path: "/").isDirectory(absolute) else {
            let problem = SystemRoot(path: "/").exists(absolute) ? "not a directory" : "no such directory"
            throw HWCheckError(.inputMissing, "--sysroot \(sysroot): \(problem) (give the folder that holds sys/ and proc/)")
        }
        // A recording may carry its own pci.ids; otherwise names come from this host's database. libpci opens the
        // path itself, so it gets the one resolved inside the root: a link in a recording never leads out of it.
        let recordedIDs = root.exists("usr/share/misc/pci.ids") ? root.resolve("usr/share/misc/pci.ids") : nil
        let ids = recordedIDs.map { absolute + "/" + $0 } ?? "/usr/share/misc/pci.ids"
        return .recorded(root, pciNames: PCIIDsFile(path: ids))
    }

    private func currentDirectory() -> String {
        var buffer = [CChar](repeating: 0, count: 4096)
        guard getcwd(&buffer, buffer.count) != nil else { return "." }
        return String(decoding: buffer.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }
}

struct PrintSpec: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "spec", abstract: "Print the built-in spec table (JSON); edit it and pass it back with --spec FILE.")

    func run() {
        print(Spec.builtInText, terminator: "")
    }
}

enum LanguageOption: String, ExpressibleByArgument, CaseIterable {
    case en, zh
    var language: Language { self == .zh ? .zh : .en }
}

enum Environment {
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

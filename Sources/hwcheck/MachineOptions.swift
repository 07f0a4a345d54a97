import HWCheckBundle
import HWCheckCommandLine
import HWCheckCore
import HWCheckNative

/// What every command that reads a machine shares: which machine, which spec, which disk, and redaction.
struct MachineOptions {
    static let arguments: [Argument] = [
        .option("sysroot", value: .path, valueName: "DIR|ARCHIVE",
                help: "Read the machine recorded under DIR (sys/, run/udev/data/, proc/self/mountinfo), or in a bundle archive from 'hwcheck bundle', instead of this one."),
        .option("spec", value: .path, valueName: "FILE", help: "Use the spec table in FILE instead of the built-in one (see 'hwcheck spec')."),
        .option("disk", valueName: "NAME", help: "Bind B2 to this disk (kernel name, e.g. sda) instead of the disk holding /."),
        .flag("redact", help: "Replace serials, UUIDs and MACs with salted hashes (placeholders and empty values stay)."),
        .option("salt", valueName: "SALT",
                help: "Salt for --redact; without it a random salt is made and printed on standard error. Same salt, same tokens."),
    ]

    let sysroot: String?
    let spec: String?
    let disk: String?
    let redact: Bool
    let salt: String?

    init(_ invocation: Invocation) {
        sysroot = invocation.value("sysroot")
        spec = invocation.value("spec")
        disk = invocation.value("disk")
        redact = invocation.flag("redact")
        salt = invocation.value("salt")
    }

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
            try SystemRootLocation.open(path.isEmpty ? "" : absolutePath(path), given: "--sysroot \(path.isEmpty ? "''" : path)",
                                        temporaryBase: Environment.temporaryDirectory)
        }
    }

    /// The redactor `--redact` asks for, with the salt given or a new random one (see `announceRandomSalt`).
    func redactor() -> Redactor? {
        guard redact else { return nil }
        return Redactor(salt: salt ?? Redactor.randomSalt())
    }

    /// A salt made for this run is printed on standard error (once the machine was read), so that other reports
    /// can be redacted alike.
    func announceRandomSalt(_ redactor: Redactor?) {
        guard let redactor, salt == nil else { return }
        DescriptorOutput.standardError("hwcheck: redaction salt: \(redactor.salt) (pass --salt \(redactor.salt) to redact other reports alike)\n")
    }

    /// Reads the machine these options name, the way every command that reads one does: the spec first (a bad one
    /// stops before anything is opened), the recorded root opened for `body` and closed after it, and the random
    /// salt announced once the machine was read. `body` gets the machine, the spec, the root the machine is read
    /// from ("/" for this one) and the redactor.
    func withMachine<T>(_ body: (Machine, Spec, _ root: String, Redactor?) throws(HWCheckError) -> T) throws(HWCheckError) -> T {
        let spec = try loadSpec()
        let location = try openLocation()
        defer { location?.close() }
        let machine = location.map { MachineFactory.recorded($0.directory) } ?? MachineFactory.live()
        let redactor = self.redactor()
        let result: T
        // The library names an unknown disk as given (its only error when reading a machine); the command line
        // adds the option it came from.
        do { result = try body(machine, spec, location?.directory ?? "/", redactor) } catch {
            throw HWCheckError(error.kind, "--disk " + error.message)
        }
        announceRandomSalt(redactor)
        return result
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

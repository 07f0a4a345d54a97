/// The machine to check: its files and the live-only sources. A live run passes libudev, the ethtool ioctl
/// and libpci (HWCheckNative); a recorded root passes `RecordedBlockDevices` and `RecordedPermanentAddresses`
/// (the permanent MACs a bundle captured; none in a plain recording).
public struct Machine: Sendable {
    public var files: SystemFiles
    public var blockDevices: BlockDeviceSource
    public var permanentAddresses: PermanentAddressReader
    public var pciNames: PCINameLookup
    public var registers: PCIRegisterReader

    public init(files: SystemFiles, blockDevices: BlockDeviceSource, permanentAddresses: PermanentAddressReader,
                pciNames: PCINameLookup, registers: PCIRegisterReader) {
        self.files = files
        self.blockDevices = blockDevices
        self.permanentAddresses = permanentAddresses
        self.pciNames = pciNames
        self.registers = registers
    }

    /// A recorded system root (`--sysroot`): everything is read from files.
    public static func recorded(_ files: SystemFiles, pciNames: PCINameLookup = NoPCINames()) -> Machine {
        Machine(files: files, blockDevices: RecordedBlockDevices(files: files),
                permanentAddresses: RecordedPermanentAddresses(files: files), pciNames: pciNames,
                registers: RecordedPCIRegisters(files: files))
    }
}

/// Errors that stop hwcheck before it can report; each maps to a documented exit code.
public struct HWCheckError: Error, Equatable {
    public enum Kind: Sendable, Equatable {
        /// 64: the command line asks for something that cannot be (an unknown --disk).
        case usage
        /// 65: an input file is malformed (the spec file).
        case badData
        /// 66: an input does not exist (the sysroot, the spec file).
        case inputMissing
        /// 74 (EX_IOERR): the report could not be written (standard output or --output failed mid-way).
        case outputError
    }

    public var kind: Kind
    public var message: String

    public init(_ kind: Kind, _ message: String) {
        self.kind = kind
        self.message = message
    }

    public var exitCode: Int32 {
        switch kind {
        case .usage: return 64
        case .badData: return 65
        case .inputMissing: return 66
        case .outputError: return 74
        }
    }
}

/// One check run: probes `machine`, redacts the values when a redactor is given, and judges them against `spec`.
/// A replay of a redacted bundle (it holds the salt id at `LiveRecording.redactionPath`) is marked as the
/// redacted report it came from; redacting again marks it with the new salt. Throws as `collectInventory`.
public func checkMachine(_ machine: Machine, spec: Spec, explicitDisk: String? = nil, redactor: Redactor? = nil,
                         collectedAt: String? = nil) throws(HWCheckError) -> Report {
    var inventory = try collectInventory(machine, spec: spec, explicitDisk: explicitDisk)
    var redaction = machine.files.attribute(LiveRecording.redactionPath).map { ReportRedaction(saltId: $0) }
    if let redactor {
        inventory = redactor.redact(inventory)
        redaction = ReportRedaction(saltId: redactor.saltId)
    }
    return Report(spec: spec, inventory: inventory, redaction: redaction, collectedAt: collectedAt)
}

/// Probes a machine: DMI, disks (and which is the system disk), NICs. The one error is an `explicitDisk` the
/// machine does not have (a usage error naming the disk as given; the command line adds its option).
public func collectInventory(_ machine: Machine, spec: Spec, explicitDisk: String? = nil) throws(HWCheckError) -> Inventory {
    let files = machine.files
    let placeholders = spec.placeholders
    let disks = DiskProbe().probe(machine.blockDevices.blockDevices(), files: files, placeholders: placeholders,
                                  registers: machine.registers)
    if let explicitDisk, !disks.contains(where: { $0.name == explicitDisk || $0.aliases.contains(explicitDisk) }) {
        // Kernel names come from the machine (or a recording): never let their bytes reach a terminal raw.
        let known = disks.isEmpty ? "none found" : disks.map { Terminal.printable($0.name) }.joined(separator: ", ")
        throw HWCheckError(.usage, "\(Terminal.printable(explicitDisk)): no such physical disk (disks: \(known))")
    }
    // A running kernel always has these directories (even with no disk or no network adapter): without them the
    // root is a recording that did not capture them.
    let recordingGaps = ["sys/class/block", "sys/class/net"].filter { !files.isDirectory($0) }
    return Inventory(
        dmi: DMIProbe().probe(files, placeholders: placeholders),
        disks: disks,
        systemDisk: SystemDiskLocator().locate(disks, files: files, explicitDisk: explicitDisk),
        nics: NICProbe().probe(files, placeholders: placeholders, permanentAddresses: machine.permanentAddresses,
                               pciNames: machine.pciNames, registers: machine.registers),
        udevDatabase: files.isDirectory("run/udev/data"),
        recordingGaps: recordingGaps
    )
}

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

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

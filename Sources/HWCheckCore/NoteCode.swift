/// Every note a report can carry: the JSON contract's `notes[].code`. `Note.code` has this type, so a new note is a
/// new case here, and the tests that enumerate `allCases` then demand its catalog text in both languages and its
/// `hwcheck explain` topic (CatalogTests, CommandLineTests): no code a report prints goes unexplained.
public enum NoteCode: String, CaseIterable, Sendable {
    case needsRoot = "needs-root"
    case noDMI = "no-dmi"
    case deviceTreeBoard = "device-tree-board"
    case noUdevDatabase = "no-udev-database"
    case rootOnRemovableDisk = "root-on-removable-disk"
    case rootNotOnDisk = "root-not-on-disk"
    case noRootMount = "no-root-mount"
    case systemDiskMembers = "system-disk-members"
    case currentMAC = "current-mac"
    case serialShared = "serial-shared"
    case nicAdminDown = "nic-admin-down"
    case hypervisorMAC = "hypervisor-mac"
    case recordingGap = "recording-gap"
    case hypervisorDiskSerial = "hypervisor-disk-serial"
    case windowsValueUncertain = "windows-value-uncertain"
    case nvmeControllerSerial = "nvme-controller-serial"
    /// proc/self/mountinfo could not be read (missing, unreadable, over 16 MiB): where "/" is, is not known.
    case rootMountUnreadable = "root-mount-unreadable"
    /// "/" is on the disk B2 binds, but a controller hides further disks from Linux (Intel RST, VMD).
    case hiddenDisksPresent = "hidden-disks-present"
}

extension SystemDiskChoice.FallbackReason {
    /// The note that says why B2 is not bound to the disk under "/" (exhaustive: a new reason needs a note).
    public var noteCode: NoteCode {
        switch self {
        case .rootOnRemovableDisk: return .rootOnRemovableDisk
        case .rootNotOnDisk: return .rootNotOnDisk
        case .noRootMount: return .noRootMount
        case .rootMountUnreadable: return .rootMountUnreadable
        }
    }
}

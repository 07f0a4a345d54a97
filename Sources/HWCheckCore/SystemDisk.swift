// System disk: the physical disk that holds "/", i.e. the disk Windows' `wmic diskdrive` would list first
// for this installation.
//
// Reads, under the system root:
//   proc/self/mountinfo                  the mount at "/" (the last one: later mounts stack on top);
//                                        field 3 is major:minor, the source follows " - fstype "
//   sys/dev/block/<major>:<minor>        the block device of "/"
//   sys/class/block/<name>/partition     a partition → its parent directory is the disk (older kernels have no
//                                        such file: uevent DEVTYPE=partition or `start` says it; SysfsDevicePath)
//   sys/class/block/<dm-N|mdN>/slaves/   device-mapper and md RAID → the disks below them
// Filesystems with an anonymous device number (major 0: btrfs, overlay) are found through the mount source
// ("/dev/sda2"). When "/" is not on a physical disk (overlay, tmpfs, NFS, loop), or is on a removable disk
// (a live USB stick), the binding disk is the first internal disk in `SystemDiskChoice.fallbackOrder`. When "/"
// is on removable media in a built-in slot (an SD card, eMMC) and there is no internal disk (an SD-card board),
// that disk is the system disk, and B2 says it is removable. A USB or Thunderbolt disk under "/" is never the
// system disk: it is the technician's stick or an external drive, and no internal disk in sight may be Linux's
// blindness (Intel RST RAID mode, VMD) rather than the machine's lack; HiddenDiskProbe.swift tells them apart.
// Same path as systemd src/shared/blockdev-util.c `block_get_whole_disk` and `get_block_device_harder`.
// A mountinfo that cannot be read (no /proc in a chroot or container, a denial, over 16 MiB) is not one without a
// "/" mount: the fallback then says the root mount could not be read, and names why.
// Controllers that hide disks (HiddenDiskProbe.swift) are looked for whenever `--disk` does not decide: a visible
// SATA disk says nothing about an NVMe drive Intel RST hides, so unless "/" proves the system disk, B2 is unknown.

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// How the system disk was chosen. Part of the JSON contract (`inventory.systemDisk.method`).
public enum SystemDiskMethod: String, Sendable {
    /// The disk below the "/" mount.
    case rootMount = "root-mount"
    /// "/" is not on an internal physical disk; the first internal disk was taken.
    case firstInternal = "first-internal"
    /// `--disk NAME`.
    case explicit
    /// No disk qualifies.
    case none
}

public struct SystemDiskChoice: Sendable, Equatable {
    public var method: SystemDiskMethod
    /// The chosen disk's kernel name.
    public var disk: String?
    /// Every physical disk below "/" (several for md RAID or an LVM volume spanning disks).
    public var rootDisks: [String]

    /// The disks B2 judges: every internal disk below "/" when the root mount decided (md RAID: each member
    /// must pass), else the one chosen disk.
    public var boundDisks: [String] {
        guard let disk else { return [] }
        return method == .rootMount ? rootDisks : [disk]
    }
    /// The "/" mount: source and filesystem type, for the report.
    public var rootSource: String?
    public var rootFilesystem: String?
    /// Why the root disk was not used, when it was not.
    public var fallbackReason: FallbackReason?
    /// The further NVMe namespace (an alias of `disk`) that holds "/" or that `--disk` named; nil when it is the
    /// disk entry itself. Windows serials the namespace by its own ids.
    public var namespace: String?
    /// A controller that may be hiding disks from Linux (looked for unless `--disk` decides). With no disk proven
    /// by "/" it makes B2 unknown; beside the disk under "/" it is a note.
    public var hiddenDisks: HiddenDisks?

    /// Why the binding disk is not the disk under "/". Codes are part of the JSON contract.
    public enum FallbackReason: Sendable, Equatable {
        /// "/" is on a removable disk: a live USB stick, most likely.
        case rootOnRemovableDisk(String)
        /// "/" is on overlay, tmpfs, NFS, a loop device...
        case rootNotOnDisk(source: String, filesystem: String)
        /// proc/self/mountinfo was read and has no "/" mount.
        case noRootMount
        /// proc/self/mountinfo could not be read: where "/" is, is not known.
        case rootMountUnreadable(RootMountFailure)

        public var code: String {
            switch self {
            case .rootOnRemovableDisk: return "root-on-removable-disk"
            case .rootNotOnDisk: return "root-not-on-disk"
            case .noRootMount: return "no-root-mount"
            case .rootMountUnreadable: return "root-mount-unreadable"
            }
        }

        public var facts: [String: String] {
            switch self {
            case .rootOnRemovableDisk(let disk): return ["disk": disk]
            case .rootNotOnDisk(let source, let filesystem): return ["source": source, "filesystem": filesystem]
            case .noRootMount: return [:]
            case .rootMountUnreadable(let failure): return failure.facts
            }
        }
    }

    /// Why proc/self/mountinfo could not be read. `facts` carry it to the note and the B2 finding, which word it
    /// per language (`DetailText.rootMountProblem`).
    public enum RootMountFailure: Sendable, Equatable {
        /// No such file: /proc is not mounted (a chroot, a container without it), or a recording without it.
        case missing
        /// EACCES/EPERM: a security module (AppArmor, SELinux) or a sandbox denies it.
        case denied
        /// Longer than the 16 MiB hwcheck reads (SystemRoot.maximumReadSize): never cut, so never half-read.
        case tooLarge
        /// open(2) or read(2) failed otherwise: EIO...
        case unreadable(errno: Int32)

        public var facts: [String: String] {
            switch self {
            case .missing: return ["rootMountCause": "missing"]
            case .denied: return ["rootMountCause": "denied"]
            case .tooLarge: return ["rootMountCause": "too-large"]
            case .unreadable(let code): return ["rootMountCause": "unreadable", "rootMountErrno": String(code)]
            }
        }
    }

    /// The documented fallback order: transport rank, then kernel name in natural order.
    public static let fallbackOrder = ["nvme", "sata", "scsi", "virtio", "mmc", "unknown"]
}

/// One line of /proc/self/mountinfo (Documentation/filesystems/proc.rst, 3.5).
public struct MountInfoEntry: Sendable, Equatable {
    public var devNumber: String
    public var mountPoint: String
    public var filesystem: String
    public var source: String

    /// Parses mountinfo text; malformed lines are skipped. Octal escapes (`\040` for space) are decoded.
    public static func parse(_ text: String) -> [MountInfoEntry] {
        // Bytes, not Characters: "\r\n" is one Character, and a combining mark would glue itself to a space.
        UdevDatabase.lines(text).compactMap { line in
            let fields = line.utf8.split(separator: UInt8(ascii: " ")).map { String(Substring($0)) }
            guard let separator = fields.firstIndex(of: "-"), separator >= 6, fields.count >= separator + 3 else {
                return nil
            }
            return MountInfoEntry(devNumber: fields[2], mountPoint: unescape(fields[4]),
                                  filesystem: fields[separator + 1], source: unescape(fields[separator + 2]))
        }
    }

    static func unescape(_ text: String) -> String {
        guard text.contains("\\") else { return text }
        var bytes: [UInt8] = []
        let utf8 = Array(text.utf8)
        var index = 0
        while index < utf8.count {
            if utf8[index] == UInt8(ascii: "\\"), index + 3 < utf8.count, let value = octal(utf8[(index + 1)...(index + 3)]) {
                bytes.append(value)
                index += 4
            } else {
                bytes.append(utf8[index])
                index += 1
            }
        }
        return String(decoding: bytes, as: UTF8.self)
    }

    private static func octal(_ digits: ArraySlice<UInt8>) -> UInt8? {
        guard digits.count == 3 else { return nil }
        var value = 0
        for digit in digits {
            guard digit >= UInt8(ascii: "0"), digit <= UInt8(ascii: "7") else { return nil }
            value = value * 8 + Int(digit - UInt8(ascii: "0"))
        }
        return value <= 255 ? UInt8(value) : nil
    }
}

public struct SystemDiskLocator: Sendable {
    public init() {}

    /// Chooses the binding disk among `disks` (already filtered to physical disks).
    public func locate(_ disks: [DiskInfo], files: SystemFiles, explicitDisk: String? = nil) -> SystemDiskChoice {
        var choice = SystemDiskChoice(method: .none, disk: nil, rootDisks: [])
        var mountInfo = ""
        var mountFailure: SystemDiskChoice.RootMountFailure?
        switch files.readText("proc/self/mountinfo") {
        case .text(let text): mountInfo = text
        case .missing: mountFailure = .missing
        case .denied: mountFailure = .denied
        // SystemRoot fails a read over its limit with EFBIG rather than cutting it.
        case .failed(let code): mountFailure = code == EFBIG ? .tooLarge : .unreadable(errno: code)
        }
        let root = MountInfoEntry.parse(mountInfo).last { $0.mountPoint == "/" }
        choice.rootSource = root?.source
        choice.rootFilesystem = root?.filesystem
        if let root {
            // Kernel name → the disk entry it belongs to (NVMe namespaces and multipath paths are aliases).
            var primary: [String: String] = [:]
            for disk in disks {
                primary[disk.name] = disk.name
                for alias in disk.aliases { primary[alias] = disk.name }
            }
            var found: [String] = []
            for name in rootDevice(of: root, files: files).map({ wholeDisks(of: $0, files: files, depth: 0) }) ?? [] {
                if let disk = primary[name], !found.contains(disk) {
                    found.append(disk)
                    if disk != name { choice.namespace = name }
                }
            }
            choice.rootDisks = found.sorted(by: DiskOrder.precedes)
        }

        if let explicitDisk {
            choice.method = .explicit
            choice.disk = disks.first { $0.name == explicitDisk || $0.aliases.contains(explicitDisk) }?.name ?? explicitDisk
            choice.namespace = choice.disk == explicitDisk ? nil : explicitDisk
            return choice
        }
        let byName = Dictionary(disks.map { ($0.name, $0) }, uniquingKeysWith: { first, _ in first })
        let internalRootDisks = choice.rootDisks.filter { byName[$0]?.isInternal == true }
        if let first = internalRootDisks.first {
            choice.method = .rootMount
            choice.disk = first
            // "/" proves the system disk; hidden disks beside it only earn a note (`hidden-disks-present`).
            choice.hiddenDisks = HiddenDiskProbe().probe(files)
            return choice
        }
        let hasInternalDisk = disks.contains(where: \.isInternal)
        if let removable = choice.rootDisks.first, !hasInternalDisk, byName[removable].map(Self.isBuiltInMedia) == true {
            // Nothing internal to fall back to: the card under "/" is the system disk, removable as it is.
            choice.method = .rootMount
            choice.disk = removable
            return choice
        }
        if let removable = choice.rootDisks.first {
            choice.fallbackReason = .rootOnRemovableDisk(removable)
        } else if let root {
            choice.fallbackReason = .rootNotOnDisk(source: root.source, filesystem: root.filesystem)
        } else if let mountFailure {
            choice.fallbackReason = .rootMountUnreadable(mountFailure)
        } else {
            choice.fallbackReason = .noRootMount
        }
        // A disk Windows would call removable because of its port comes after every other internal disk.
        let rank = { (disk: DiskInfo) in
            (disk.hotPlug.state == .yes ? 100 : 0) + (SystemDiskChoice.fallbackOrder.firstIndex(of: disk.transport) ?? 99)
        }
        let fallback = disks.filter(\.isInternal).min { lhs, rhs in
            rank(lhs) != rank(rhs) ? rank(lhs) < rank(rhs) : DiskOrder.precedes(lhs.name, rhs.name)
        }
        choice.method = fallback == nil ? .none : .firstInternal
        choice.disk = fallback?.name
        // Not proven by "/": a controller hiding disks means Windows may run from one Linux cannot see, visible
        // internal disks or not (Evaluator.evaluateDisk makes B2 unknown then).
        choice.hiddenDisks = HiddenDiskProbe().probe(files)
        return choice
    }

    /// Removable media in a slot of the board itself (an SD card or eMMC, removable media flag), as opposed to a
    /// device plugged into a USB or Thunderbolt port.
    static func isBuiltInMedia(_ disk: DiskInfo) -> Bool {
        disk.removableVia == nil || disk.removableVia == "sd-card"
    }

    /// The sysfs path of the block device mounted at "/", if it is one.
    func rootDevice(of mount: MountInfoEntry, files: SystemFiles) -> String? {
        if !mount.devNumber.hasPrefix("0:"), let path = files.resolve("sys/dev/block/\(mount.devNumber)") {
            return path
        }
        // Anonymous device numbers (btrfs, overlay): the mount source may still name a block device.
        guard mount.source.hasPrefix("/dev/") else { return nil }
        let name = PathComponents.lastComponent(of: mount.source)
        if mount.source.hasPrefix("/dev/mapper/") {
            for candidate in files.list("sys/class/block") ?? [] where candidate.hasPrefix("dm-") {
                if files.attribute("sys/class/block/\(candidate)/dm/name") == name {
                    return files.resolve("sys/class/block/\(candidate)")
                }
            }
            return nil
        }
        return files.resolve("sys/class/block/\(name)")
    }

    /// The whole physical disks below a block device: partition → parent, dm/md → slaves, recursively.
    func wholeDisks(of devicePath: String, files: SystemFiles, depth: Int) -> [String] {
        var visited = Set<String>()
        return wholeDisks(of: devicePath, files: files, depth: depth, visited: &visited)
    }

    /// `visited`: each device is walked once. The depth limit alone let a recording whose dm devices list each
    /// other as slaves fan out n^16 times (4 of them: no answer within a minute).
    private func wholeDisks(of devicePath: String, files: SystemFiles, depth: Int, visited: inout Set<String>) -> [String] {
        guard depth < 16, visited.insert(devicePath).inserted else { return [] }  // deeper than this: a loop
        var path = devicePath
        if SysfsDevicePath.isPartition(path, files: files) { path = PathComponents.parent(of: path) }
        let slaves = files.list("\(path)/slaves") ?? []
        if slaves.isEmpty { return [PathComponents.lastComponent(of: path)] }
        var disks: [String] = []
        for slave in slaves {
            guard let slavePath = files.resolve("sys/class/block/\(slave)") else { continue }
            for disk in wholeDisks(of: slavePath, files: files, depth: depth + 1, visited: &visited) where !disks.contains(disk) {
                disks.append(disk)
            }
        }
        return disks
    }
}

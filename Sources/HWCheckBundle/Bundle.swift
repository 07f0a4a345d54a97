// `hwcheck bundle`: exactly what a run read, as a system root that `--sysroot` replays to the same report.
//
// The run goes through `RecordingFiles`; every call it made is replayed here against the source root with the
// same link-walking rules as `SystemRoot` (links followed inside the root), and each thing met on the way is
// copied: directories, symbolic links as they are stored (relative, as sysfs has them), and files with the
// bytes the run read. Entries a run only listed or tested for existence become empty files (their content was
// never used). Live-only answers go under `hwcheck-live/` (see `LiveRecording`), PCI names into a pci.ids
// holding just the entries looked up.
//
// Limits: a file the run could not read for a reason other than "missing" or "permission denied" (EIO…) is
// left out; a file denied to a non-root run is written empty with mode 0400, which replays as denied only for
// a non-root reader. Make bundles as root.

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import HWCheckCore

/// `hwcheck bundle` as a library call: a check run over `source` through recorders, and what it read.
public enum Bundle {
    /// The entries of the bundle that replays `source` (whose files live under `sourceRoot`, "/" for this
    /// machine) to the report it gives with `spec` and `explicitDisk`; with a redactor, its values are replaced by
    /// the salted hashes `hwcheck --json --redact` shows, and the salt id is recorded.
    public static func capture(_ source: Machine, sourceRoot: String, spec: Spec, explicitDisk: String? = nil,
                               redactor: Redactor? = nil) throws(HWCheckError) -> [TarEntry] {
        let files = RecordingFiles(source.files)
        let permanentAddresses = RecordingPermanentAddresses(source.permanentAddresses)
        let pciNames = RecordingPCINames(source.pciNames)
        let registers = RecordingPCIRegisters(source.registers)
        // Block devices are read the recorded way over the recording, whatever the source: that records the
        // sysfs dirs, uevent files and udev database entries a replay enumerates (the live libudev source
        // gives the same records for the same machine: LiveParityTests).
        let machine = Machine(files: files, blockDevices: RecordedBlockDevices(files: files),
                              permanentAddresses: permanentAddresses, pciNames: pciNames, registers: registers)
        let inventory = try collectInventory(machine, spec: spec, explicitDisk: explicitDisk)
        // Read for the recording only: a replay looks for the redaction mark, and libudev needs each block
        // device's subsystem link when a bundle is bind-mounted for a live replay.
        _ = files.attribute(LiveRecording.redactionPath)
        for record in RecordedBlockDevices(files: files).blockDevices() {
            _ = files.readLink("\(record.devicePath)/subsystem")
        }

        var builder = BundleBuilder(sourceRoot: sourceRoot)
        builder.add(files.accesses)
        for answer in permanentAddresses.answers {
            if let recorded = RecordedPermanentAddresses.recordedText(answer.address) {
                builder.addGenerated(recorded.path(answer.interface), Array(recorded.text.utf8))
            }
        }
        builder.addGenerated(BundleBuilder.pciIDsPath, Array(pciNames.pciIDs().utf8))
        for file in registers.files() { builder.addGenerated(file.path, file.bytes) }
        if let redactor {
            builder.redact(redactor.substitutions(for: inventory))
            builder.addGenerated(LiveRecording.redactionPath, Array((redactor.saltId + "\n").utf8))
        }
        return builder.entries()
    }
}

public struct BundleBuilder {
    enum Node: Equatable {
        case directory
        /// `used`: the run read these bytes; otherwise a stand-in for an entry it only listed or tested.
        case file([UInt8], mode: UInt32, used: Bool)
        case symlink(String)
    }

    /// Host path of the source root, without a trailing slash ("" for "/").
    let sourcePrefix: String
    private(set) var nodes: [String: Node] = [:]
    static let pciIDsPath = "usr/share/misc/pci.ids"

    public init(sourceRoot: String) {
        var trimmed = sourceRoot
        while trimmed.count > 1 && trimmed.hasSuffix("/") { trimmed.removeLast() }
        sourcePrefix = trimmed == "/" ? "" : trimmed
    }

    /// Everything the recorded run read.
    public mutating func add(_ accesses: [FileAccess]) {
        for access in accesses { add(access) }
    }

    public mutating func add(_ access: FileAccess) {
        switch access {
        case .read(let path, let result):
            guard path != Self.pciIDsPath, let resolved = walk(path) else { return }
            switch result {
            case .bytes(let bytes): setFile(resolved, bytes, mode: 0o644, used: true)
            case .denied: setFile(resolved, [], mode: 0o400, used: true)
            case .missing, .failed: return
            }
        case .list(let path, let names):
            guard let names, let resolved = walk(path) else { return }
            setDirectory(resolved)
            for name in names { addEntry(PathComponents.join(resolved, name)) }
        case .resolve(let path, _), .exists(let path, _), .isDirectory(let path, _):
            guard path != Self.pciIDsPath, let resolved = walk(path) else { return }
            addEntry(resolved)
        case .readLink(let path, _):
            guard let parent = walk(PathComponents.parent(of: path)) else { return }
            addEntry(PathComponents.join(parent, PathComponents.lastComponent(of: path)))
        }
    }

    /// Adds a file of live-only data (`hwcheck-live/…`, pci.ids).
    public mutating func addGenerated(_ path: String, _ bytes: [UInt8]) {
        for parent in prefixes(of: PathComponents.parent(of: path)) { setDirectory(parent) }
        nodes[path] = .file(bytes, mode: 0o644, used: true)
    }

    /// The entry at a root-relative path whose parents are real directories, by its own type (not followed).
    mutating func addEntry(_ path: String) {
        var info = stat()
        guard !path.isEmpty, lstat(host(path), &info) == 0 else { return }
        for parent in prefixes(of: PathComponents.parent(of: path)) { setDirectory(parent) }
        switch info.st_mode & S_IFMT {
        case S_IFDIR: setDirectory(path)
        case S_IFLNK: if let target = readLink(path) { nodes[path] = .symlink(target) }
        default: if nodes[path] == nil { nodes[path] = .file([], mode: 0o644, used: false) }
        }
    }

    mutating func setDirectory(_ path: String) {
        if !path.isEmpty && nodes[path] == nil { nodes[path] = .directory }
    }

    mutating func setFile(_ path: String, _ bytes: [UInt8], mode: UInt32, used: Bool) {
        for parent in prefixes(of: PathComponents.parent(of: path)) { setDirectory(parent) }
        if case .file(_, _, true)? = nodes[path], !used { return }
        nodes[path] = .file(bytes, mode: mode, used: used)
    }

    func host(_ path: String) -> String { sourcePrefix + "/" + path }

    func readLink(_ path: String) -> String? {
        var buffer = [CChar](repeating: 0, count: 4096)
        let count = readlink(host(path), &buffer, buffer.count - 1)
        guard count > 0 else { return nil }
        return String(decoding: buffer[0..<count].map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }

    func prefixes(of path: String) -> [String] {
        let parts = PathComponents.split(path)
        return parts.indices.map { parts[...$0].joined(separator: "/") }
    }

    /// Resolves `path` with `SystemRoot`'s own walk, recording every link and directory met; the resolved path,
    /// or nil when a component is missing (what exists of the path is still recorded).
    mutating func walk(_ path: String) -> String? {
        var failure: Int32 = 0
        var steps: [SystemRoot.WalkStep] = []
        let resolved = SystemRoot(path: sourcePrefix.isEmpty ? "/" : sourcePrefix).walk(path, failure: &failure) { steps.append($0) }
        for step in steps {
            switch step {
            case .directory(let directory):
                setDirectory(directory)
            case .link(let link, let target):
                for parent in prefixes(of: PathComponents.parent(of: link)) { setDirectory(parent) }
                nodes[link] = .symlink(target)
            }
        }
        return resolved
    }

    /// The bundle's entries, parents first.
    public func entries() -> [TarEntry] {
        nodes.keys.sorted().compactMap { path in
            switch nodes[path] {
            case .directory: return TarEntry(path: path, kind: .directory, mode: 0o755)
            case .file(let bytes, let mode, _): return TarEntry(path: path, kind: .file(bytes), mode: mode)
            case .symlink(let target): return TarEntry(path: path, kind: .symlink(target), mode: 0o777)
            case nil: return nil
            }
        }
    }

    /// Replaces identifiers in the files that can hold them (DMI attributes, serial attributes, NIC addresses,
    /// the udev database and the live-only files) by their redaction tokens.
    public mutating func redact(_ substitutions: [(from: String, to: String)]) {
        // Every file, whatever its name: a recording may reach an identifier through a link to a file named
        // anything (the names below only decide the special cases).
        for (path, node) in nodes {
            guard case .file(let bytes, let mode, let used) = node, !bytes.isEmpty else { continue }
            let name = PathComponents.lastComponent(of: path)
            var rewritten = bytes
            for pair in substitutions { rewritten = Self.replace(Array(pair.from.utf8), with: Array(pair.to.utf8), in: rewritten) }
            // A value that is not valid UTF-8 was reported decoded (U+FFFD), so its bytes do not match the text:
            // an attribute file holding just that value is replaced whole.
            if rewritten == bytes {
                let text = String(decoding: bytes, as: UTF8.self).trimmedWhitespace
                if let pair = substitutions.first(where: { $0.from == text }) { rewritten = Array((pair.to + "\n").utf8) }
            }
            // SCSI VPD page 0x80 carries its length in bytes 2–3 (SPC-4 §7.8.15): keep it true to the new serial.
            if name == "vpd_pg80", rewritten.count >= 4, rewritten != bytes {
                let length = min(rewritten.count - 4, 0xFFFF)
                rewritten[2] = UInt8(length >> 8)
                rewritten[3] = UInt8(length & 0xFF)
            }
            nodes[path] = .file(rewritten, mode: mode, used: used)
        }
    }

    static func replace(_ target: [UInt8], with replacement: [UInt8], in bytes: [UInt8]) -> [UInt8] {
        guard !target.isEmpty, bytes.count >= target.count else { return bytes }
        var output: [UInt8] = []
        output.reserveCapacity(bytes.count)
        var index = 0
        while index < bytes.count {
            if index + target.count <= bytes.count && bytes[index..<index + target.count].elementsEqual(target) {
                output += replacement
                index += target.count
            } else {
                output.append(bytes[index])
                index += 1
            }
        }
        return output
    }
}

// Recording what a run reads, for `hwcheck bundle`: wrappers around the three seams (files, permanent MACs,
// PCI names) that pass every call on and remember it with its answer. A bundle is then exactly what the
// run read, and replaying it (`--sysroot BUNDLE`) reads the same files and gets the same answers.

/// One call on `SystemFiles` and what it answered.
public enum FileAccess: Equatable, Sendable {
    case read(String, FileRead)
    case list(String, [String]?)
    case resolve(String, String?)
    case readLink(String, String?)
    case exists(String, Bool)
    case isDirectory(String, Bool)
}

/// `SystemFiles` that records every call. Not thread-safe: hwcheck probes sequentially on one thread.
public final class RecordingFiles: SystemFiles, @unchecked Sendable {
    // @unchecked: the log is appended to from the one thread that runs the probes.
    public let base: SystemFiles
    public private(set) var accesses: [FileAccess] = []

    public init(_ base: SystemFiles) {
        self.base = base
    }

    public var rootDescription: String { base.rootDescription }

    public func read(_ path: String) -> FileRead {
        let result = base.read(path)
        accesses.append(.read(path, result))
        return result
    }

    public func list(_ path: String) -> [String]? {
        let result = base.list(path)
        accesses.append(.list(path, result))
        return result
    }

    public func resolve(_ path: String) -> String? {
        let result = base.resolve(path)
        accesses.append(.resolve(path, result))
        return result
    }

    public func readLink(_ path: String) -> String? {
        let result = base.readLink(path)
        accesses.append(.readLink(path, result))
        return result
    }

    public func exists(_ path: String) -> Bool {
        let result = base.exists(path)
        accesses.append(.exists(path, result))
        return result
    }

    public func isDirectory(_ path: String) -> Bool {
        let result = base.isDirectory(path)
        accesses.append(.isDirectory(path, result))
        return result
    }
}

/// Permanent MACs asked for during a run, with their answers.
public final class RecordingPermanentAddresses: PermanentAddressReader, @unchecked Sendable {
    // @unchecked: used from the one thread that runs the probes.
    public let base: PermanentAddressReader
    public private(set) var answers: [(interface: String, address: PermanentAddress)] = []

    public init(_ base: PermanentAddressReader) {
        self.base = base
    }

    public func permanentAddress(of interface: String) -> PermanentAddress {
        let result = base.permanentAddress(of: interface)
        answers.append((interface, result))
        return result
    }
}

/// PCI names looked up during a run, so a bundle can carry a pci.ids with exactly those entries.
public final class RecordingPCINames: PCINameLookup, @unchecked Sendable {
    // @unchecked: used from the one thread that runs the probes.
    public let base: PCINameLookup
    public private(set) var vendors: [UInt16: String] = [:]
    public private(set) var devices: [UInt16: [UInt16: String]] = [:]

    public init(_ base: PCINameLookup) {
        self.base = base
    }

    public func vendorName(vendor: UInt16) -> String? {
        let name = base.vendorName(vendor: vendor)
        if let name { vendors[vendor] = name }
        return name
    }

    public func deviceName(vendor: UInt16, device: UInt16) -> String? {
        let name = base.deviceName(vendor: vendor, device: device)
        if let name { devices[vendor, default: [:]][device] = name }
        return name
    }

    /// A pci.ids (pciutils format: "vvvv  Vendor", "\tdddd  Device") holding the names looked up.
    public func pciIDs() -> String {
        func hex(_ value: UInt16) -> String {
            let text = String(value, radix: 16)
            return String(repeating: "0", count: 4 - text.count) + text
        }
        var lines = ["# pci.ids entries looked up by hwcheck when this bundle was made"]
        for vendor in Set(vendors.keys).union(devices.keys).sorted() {
            // A device name without a vendor line cannot be written; libpci found both or neither.
            guard let name = vendors[vendor] else { continue }
            lines.append("\(hex(vendor))  \(name)")
            for (device, deviceName) in (devices[vendor] ?? [:]).sorted(by: { $0.key < $1.key }) {
                lines.append("\t\(hex(device))  \(deviceName)")
            }
        }
        return lines.joined(separator: "\n") + "\n"
    }
}

/// Live-only values carried by a bundle, under `hwcheck-live/` in the recorded root.
public enum LiveRecording {
    public static let directory = "hwcheck-live"
    /// Present in a redacted bundle: the salt id (`Redactor.saltId`) its identifiers were hashed with.
    public static let redactionPath = "hwcheck-live/redaction"

    /// "hwcheck-live/net/<ifname>/permanent_address": the permanent MAC as text ("3c:ec:ef:10:20:30"), an empty
    /// file when the driver has none.
    public static func permanentAddressPath(_ interface: String) -> String {
        "\(directory)/net/\(interface)/permanent_address"
    }

    /// "hwcheck-live/net/<ifname>/permanent_address_errno": the errno the live ioctl failed with.
    public static func permanentAddressErrorPath(_ interface: String) -> String {
        "\(directory)/net/\(interface)/permanent_address_errno"
    }

    // AHCI hot-plug bits need no directory of their own: libahci's port attributes are files, recorded like any
    // other; where a kernel lacks them the ABAR is read instead, and a recorded root holds it as the file sysfs
    // names it (`<pci>/resource5`), with the registers that were read at their offsets (`RecordingPCIRegisters`),
    // which is what `RecordedPCIRegisters` reads back. A read that was refused or failed leaves its errno instead:

    /// "hwcheck-live/<pci path>/resource<bar>_errno": the errno mapping the BAR failed with live (EACCES not root,
    /// EPERM lockdown), so a replay says why, as the live run did, instead of "not recorded".
    public static func registerErrorPath(pciPath: String, bar: Int) -> String {
        "\(directory)/\(pciPath)/resource\(bar)_errno"
    }
}

/// PCI registers read during a run, so a bundle can carry them as the BAR files a recorded root reads.
public final class RecordingPCIRegisters: PCIRegisterReader, @unchecked Sendable {
    // @unchecked: used from the one thread that runs the probes.
    public let base: PCIRegisterReader
    /// "<pci path>/resource<bar>" → offset → value, for every read that succeeded.
    public private(set) var values: [String: [Int: UInt32]] = [:]
    /// `LiveRecording.registerErrorPath` → errno, for every read that was refused or failed.
    public private(set) var errors: [String: Int32] = [:]

    public init(_ base: PCIRegisterReader) {
        self.base = base
    }

    public func read32(pciPath: String, bar: Int, offsets: [Int]) -> RegisterRead {
        let result = base.read32(pciPath: pciPath, bar: bar, offsets: offsets)
        switch result {
        case .values(let read):
            for (offset, value) in zip(offsets, read) { values["\(pciPath)/resource\(bar)", default: [:]][offset] = value }
        case .denied(let code), .failed(let code):
            errors[LiveRecording.registerErrorPath(pciPath: pciPath, bar: bar)] = code
        case .missing:
            break  // replays as missing: nothing to carry
        }
        return result
    }

    /// Each BAR file's bytes: the registers read, little-endian at their offsets, zeros between; and for each
    /// refused or failed read, its errno file.
    public func files() -> [(path: String, bytes: [UInt8])] {
        let bars = values.keys.sorted().map { path in
            let registers = values[path] ?? [:]
            var bytes = [UInt8](repeating: 0, count: (registers.keys.max() ?? 0) + 4)
            for (offset, value) in registers {
                for index in 0..<4 { bytes[offset + index] = UInt8((value >> (8 * UInt32(index))) & 0xFF) }
            }
            return (path, bytes)
        }
        return bars + errors.keys.sorted().map { path in (path, Array("\(errors[path] ?? 0)\n".utf8)) }
    }
}

/// Permanent MACs of a recorded root: what a bundle captured from the live interfaces. A root without them
/// (every fixture) answers `.notAvailable`, as a recording always did.
public struct RecordedPermanentAddresses: PermanentAddressReader {
    let files: SystemFiles

    public init(files: SystemFiles) {
        self.files = files
    }

    public func permanentAddress(of interface: String) -> PermanentAddress {
        if let code = files.attribute(LiveRecording.permanentAddressErrorPath(interface)).flatMap({ Int32($0) }) {
            return .failed(errno: code)
        }
        guard case .text(let text) = files.readText(LiveRecording.permanentAddressPath(interface)) else { return .notAvailable }
        let trimmed = text.trimmedWhitespace
        if trimmed.isEmpty { return .bytes([]) }
        let octets = trimmed.split(separator: ":").map { UInt8($0, radix: 16) }
        guard !octets.isEmpty, octets.allSatisfy({ $0 != nil }) else { return .notAvailable }
        return .bytes(octets.compactMap { $0 })
    }

    /// The file text for a live answer, or nil when nothing is to be written (no answer to carry).
    public static func recordedText(_ address: PermanentAddress) -> (path: (String) -> String, text: String)? {
        switch address {
        case .bytes(let bytes):
            return (LiveRecording.permanentAddressPath, bytes.map { Hex.encode([$0]) }.joined(separator: ":") + (bytes.isEmpty ? "" : "\n"))
        case .failed(let code):
            return (LiveRecording.permanentAddressErrorPath, "\(code)\n")
        case .notAvailable:
            return nil
        }
    }
}

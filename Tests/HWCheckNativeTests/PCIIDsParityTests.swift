import Foundation
import Testing
import HWCheckCore
@testable import HWCheckNative

/// PCIIDsFile (the look-up hwcheck uses) gives libpci's names: every vendor and device of the fixtures' excerpt,
/// a sample of this host's full pci.ids, and ids that are not there.
@Suite struct PCIIDsParityTests {
    static let hostIDs = "/usr/share/misc/pci.ids"

    func ids(in path: String, every step: Int) throws -> [(vendor: UInt16, device: UInt16?)] {
        let text = try String(decoding: Data(contentsOf: URL(fileURLWithPath: path)), as: UTF8.self)
        var result: [(UInt16, UInt16?)] = []
        var vendor: UInt16?
        for (index, line) in text.split(separator: "\n").enumerated() {
            if line.hasPrefix("C ") { break }
            if let first = line.first, first.isHexDigit, let id = UInt16(line.prefix(4), radix: 16) {
                vendor = id
                if index % step == 0 { result.append((id, nil)) }
            } else if line.hasPrefix("\t"), !line.hasPrefix("\t\t"), let vendor,
                      let id = UInt16(line.dropFirst().prefix(4), radix: 16), index % step == 0 {
                result.append((vendor, id))
            }
        }
        return result
    }

    func compare(_ path: String, every step: Int) throws {
        let ours = PCIIDsFile(path: path)
        let libpci = LibPCINames(sysfsPath: "/nonexistent/sys/bus/pci", idsPath: path)
        var checked = 0
        for (vendor, device) in try ids(in: path, every: step) + [(0xFFFE, nil), (0x8086, 0xFFFE), (0x0000, 0x0000)] {
            if let device {
                #expect(ours.deviceName(vendor: vendor, device: device) == libpci.deviceName(vendor: vendor, device: device),
                        "\(String(vendor, radix: 16)):\(String(device, radix: 16))")
            } else {
                #expect(ours.vendorName(vendor: vendor) == libpci.vendorName(vendor: vendor), "\(String(vendor, radix: 16))")
            }
            checked += 1
        }
        #expect(checked > 3)
    }

    @Test func fixtureExcerpt() throws {
        try compare(NativeTests.fixturePCIIDs, every: 1)
    }

    @Test(.enabled(if: FileManager.default.fileExists(atPath: hostIDs), "needs Debian's pci.ids"))
    func hostDatabaseSample() throws {
        try compare(Self.hostIDs, every: 97)
    }

    @Test func missingMalformedAndDirectory() {
        #expect(PCIIDsFile(path: "/nonexistent/pci.ids").vendorName(vendor: 0x8086) == nil)
        #expect(PCIIDsFile(path: "/").vendorName(vendor: 0x8086) == nil)
        let junk = PCIIDsFile(contents: Array("\u{FF}\u{FE} garbage\n8086\n\t\t\t\n\tzzzz  broken device\nC 02  Network\n8086  After classes\n".utf8))
        #expect(junk.vendorName(vendor: 0x8086) == nil)
        #expect(junk.deviceName(vendor: 0x8086, device: 0x15BC) == nil)
        let crlf = PCIIDsFile(contents: Array("8086  Intel Corporation\r\n\t15bc  I219-V \r\n10ec  Realtek".utf8))
        #expect(crlf.vendorName(vendor: 0x8086) == "Intel Corporation")
        #expect(crlf.deviceName(vendor: 0x8086, device: 0x15BC) == "I219-V")
        #expect(crlf.vendorName(vendor: 0x10EC) == "Realtek")
    }

    /// The fuzzer's find: a NUL inside a name ends it (libpci reads lines as C strings). On such a malformed file
    /// libpci rejects the whole list (no names at all); PCIIDsFile still names the entries it can read.
    @Test func nulEndsAName() throws {
        let database = PCIIDsFile(contents: Array("8086  Intel\u{01}Corp\0junk  \n\t15bc  I219\0-V\n".utf8))
        #expect(database.vendorName(vendor: 0x8086) == "Intel\u{01}Corp")
        #expect(database.deviceName(vendor: 0x8086, device: 0x15BC) == "I219")
    }
}

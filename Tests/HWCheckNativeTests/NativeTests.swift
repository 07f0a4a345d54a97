import Testing
import HWCheckCore
@testable import HWCheckNative

@Suite struct NativeTests {
    static let fixtureIDs = "\(#filePath)".split(separator: "/").dropLast(3).joined(separator: "/")
    static var fixturePCIIDs: String { "/" + fixtureIDs + "/fixtures/seed-m903g6g4/root/usr/share/misc/pci.ids" }

    @Test func pciNamesFromAGivenDatabase() {
        let names = LibPCINames(sysfsPath: "/nonexistent/sys/bus/pci", idsPath: Self.fixturePCIIDs)
        #expect(names.vendorName(vendor: 0x8086) == "Intel Corporation")
        #expect(names.deviceName(vendor: 0x8086, device: 0x15bc) == "Ethernet Connection (7) I219-V")
        #expect(names.deviceName(vendor: 0x8086, device: 0xffff) == nil)  // not in the database: nil, not "Device ffff"
    }

    /// A missing database is no names, not a crash or an exit (libpci's default error handler exits).
    @Test func missingDatabase() {
        let names = LibPCINames(sysfsPath: "/sys/bus/pci", idsPath: "/nonexistent/pci.ids")
        #expect(names.vendorName(vendor: 0x8086) == nil)
    }

    @Test func permanentAddressOfUnknownInterface() {
        #expect(EthtoolPermanentAddresses().permanentAddress(of: "hwcheck-none0") == .notAvailable)
    }

    /// libudev on this machine lists its block devices with root-relative paths the probes can read.
    @Test func udevListsThisMachinesBlockDevices() {
        let records = UdevBlockDevices().blockDevices()
        let files = SystemRoot(path: "/")
        for record in records {
            #expect(record.devicePath.hasPrefix("sys/devices/"))
            #expect(files.exists(record.devicePath))
        }
        #expect(records.map(\.name).sorted() == (files.list("sys/class/block") ?? []).sorted())
    }
}

import CPCI
#if canImport(Glibc)
import Glibc
#endif
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

    /// libpci over one vendor's excerpt names exactly what libpci over all of pci.ids names: every 40th vendor
    /// of the host's database, each of its devices.
    @Test(.enabled(if: LibPCINames.readFile("/usr/share/misc/pci.ids") != nil, "needs the pci.ids package"))
    func excerptNamesEqualWholeDatabase() throws {
        let path = "/usr/share/misc/pci.ids"
        let database = try #require(LibPCINames.readFile(path))
        let whole = try #require(hwcheck_pci_open("/nonexistent", path))
        defer { pci_cleanup(whole) }
        func name(_ access: UnsafeMutablePointer<pci_access>, _ which: Int32, _ vendor: UInt16, _ device: UInt16) -> String? {
            var buffer = [CChar](repeating: 0, count: 256)
            return hwcheck_pci_lookup(access, &buffer, 256, which, UInt32(vendor), UInt32(device)).map { String(cString: $0) }
        }
        let vendors = String(decoding: database, as: UTF8.self).split(separator: "\n")
            .filter { $0.count > 6 && $0.first?.isHexDigit == true && $0.dropFirst(4).hasPrefix("  ") }
            .compactMap { UInt16($0.prefix(4), radix: 16) }
        #expect(vendors.count > 1000)
        let names = LibPCINames(sysfsPath: "/nonexistent", idsPath: path)
        var compared = 0
        for vendor in stride(from: 0, to: vendors.count, by: 40).map({ vendors[$0] }) {
            #expect(names.vendorName(vendor: vendor) == name(whole, Int32(PCI_LOOKUP_VENDOR.rawValue), vendor, 0))
            let block = try #require(LibPCINames.vendorBlock(vendor, in: database))
            let devices = String(decoding: block, as: UTF8.self).split(separator: "\n")
                .filter { $0.hasPrefix("\t") && !$0.hasPrefix("\t\t") }.compactMap { UInt16($0.dropFirst().prefix(4), radix: 16) }
            for device in devices {
                #expect(names.deviceName(vendor: vendor, device: device) == name(whole, Int32(PCI_LOOKUP_DEVICE.rawValue), vendor, device))
                compared += 1
            }
        }
        #expect(compared > 100)
        let unlisted = try #require((UInt16(1)...UInt16(0xfff0)).first { !vendors.contains($0) })
        #expect(LibPCINames.vendorBlock(unlisted, in: database) == nil)
        #expect(names.vendorName(vendor: unlisted) == nil)
    }

    /// The binary search over the sorted vendor lines finds exactly the block a scan of every line finds: every
    /// vendor of the host's database, and the id after each where that one is not listed.
    @Test(.enabled(if: LibPCINames.readFile("/usr/share/misc/pci.ids") != nil, "needs the pci.ids package"))
    func searchedBlockEqualsScannedBlock() throws {
        let database = try #require(LibPCINames.readFile("/usr/share/misc/pci.ids"))
        let vendors = String(decoding: database, as: UTF8.self).split(separator: "\n")
            .filter { $0.count > 6 && $0.dropFirst(4).hasPrefix("  ") }.compactMap { UInt16($0.prefix(4), radix: 16) }
        #expect(vendors.count > 1000)
        let listed = Set(vendors)
        var compared = 0
        for vendor in vendors + vendors.map({ $0 &+ 1 }).filter({ !listed.contains($0) }) + [0, 0xffff] {
            #expect(LibPCINames.vendorBlock(vendor, in: database) == LibPCINames.scannedVendorBlock(vendor, in: database))
            compared += 1
        }
        #expect(compared > 2000)
    }

    /// A pci.ids that is not sorted (a recording may hold anything): the search notices an id out of order
    /// where it looks, or ends without the vendor, and scans instead, so every vendor of a file listed backwards
    /// or out of order where the search does not look is still found; an id that is not listed is absent.
    @Test func unsortedDatabaseIsScanned() throws {
        let vendors = Array(stride(from: 0x1000, to: 0x1100, by: 8))
        func database(_ order: [Int]) -> [UInt8] {
            Array(("# header\n" + order.map { "\(String($0, radix: 16))  Vendor \($0)\n\t0001  Device of \($0)\n# comment\n" }
                .joined() + "C 02  Network controller\n").utf8)
        }
        let sorted = database(vendors), backwards = database(vendors.reversed())
        let block = try #require(LibPCINames.vendorBlock(0x1080, in: sorted))
        #expect(String(decoding: block, as: UTF8.self) == "1080  Vendor 4224\n\t0001  Device of 4224\n# comment\n")
        #expect(LibPCINames.vendorBlock(0x1081, in: sorted) == nil)
        for vendor in vendors {
            let found = try #require(LibPCINames.vendorBlock(UInt16(vendor), in: backwards))
            #expect(found == LibPCINames.vendorBlock(UInt16(vendor), in: sorted))
        }
        #expect(LibPCINames.vendorBlock(0x1081, in: backwards) == nil)
        // Disorder the search's probes never see: 8086 listed before 1022. Searching 1022 meets 8086 (above the
        // key), then 10ec (inside the bounds) and would end "absent"; the scan finds it.
        let hidden = Array(("10ec  Realtek\n" + String(repeating: "\t8168  RTL8111/8168\n", count: 40)
            + "8086  Intel Corporation\n\t15bc  I219-V\n1022  Advanced Micro Devices, Inc. [AMD]\n\t1480  Root Complex\n").utf8)
        let amd = try #require(LibPCINames.vendorBlock(0x1022, in: hidden))
        #expect(String(decoding: amd, as: UTF8.self).hasPrefix("1022  Advanced Micro Devices"))
        #expect(LibPCINames.vendorBlock(0x1022, in: hidden) == LibPCINames.scannedVendorBlock(0x1022, in: hidden))
    }

    /// A missing database is no names, not a crash or an exit (libpci's default error handler exits).
    @Test func missingDatabase() {
        let names = LibPCINames(sysfsPath: "/sys/bus/pci", idsPath: "/nonexistent/pci.ids")
        #expect(names.vendorName(vendor: 0x8086) == nil)
    }

    @Test func permanentAddressOfUnknownInterface() {
        #expect(EthtoolPermanentAddresses().permanentAddress(of: "hwcheck-none0") == .notAvailable)
    }

    /// Only a link's leading "../" steps are taken; anything that would need the file system to resolve (an
    /// absolute target, ".." after a name, too many "..") is left to libudev.
    @Test func linkTargetsResolveLexicallyOnlyWhereSafe() {
        #expect(UdevBlockDevices.resolved("../../devices/virtual/block/loop0") == "/sys/devices/virtual/block/loop0")
        #expect(UdevBlockDevices.resolved("../../devices/pci0000:00/0000:00:17.0/ata1/host0/target0:0:0/0:0:0:0/block/sda")
                == "/sys/devices/pci0000:00/0000:00:17.0/ata1/host0/target0:0:0/0:0:0:0/block/sda")
        #expect(UdevBlockDevices.resolved("sda") == "/sys/class/block/sda")
        #expect(UdevBlockDevices.resolved("/sys/devices/virtual/block/loop0") == nil)
        #expect(UdevBlockDevices.resolved("../../devices/x/../block/sda") == nil)
        #expect(UdevBlockDevices.resolved("../../devices/./block/sda") == nil)
        #expect(UdevBlockDevices.resolved("../../devices//block/sda") == nil)
        #expect(UdevBlockDevices.resolved("../../../../etc") == nil)
        #expect(UdevBlockDevices.resolved("../..") == nil)
    }

    /// On this machine each /sys/class/block link's lexical target is the directory the kernel resolves it to.
    @Test(.enabled(if: UdevBlockDevices.classBlockIsPlain(), "needs /sys/class/block"))
    func linkTargetsAreWhereTheKernelPoints() {
        for name in SystemRoot(path: "/").list("sys/class/block") ?? [] {
            guard let target = UdevBlockDevices.linkTarget(of: name) else { Issue.record("\(name): no target"); continue }
            var real = [CChar](repeating: 0, count: 4096)
            let resolved = realpath("/sys/class/block/" + name, &real).map { String(cString: $0) }
            #expect(resolved == target, "\(name)")
        }
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

import Foundation
import Testing
import HWCheckCore

/// The live source copies only `BlockDeviceRecord.propertiesRead` from libudev. On every fixture, records cut to
/// those keys must give the same inventory as records with all of a device's properties: a probe reading a key
/// the list lacks would see nil live and the value under --sysroot, and this fails before LiveParityTests does.
@Suite struct BlockDevicePropertiesTests {
    static let repository = "/" + "\(#filePath)".split(separator: "/").dropLast(3).joined(separator: "/")
    static let roots: [String] = {
        let fixtures = repository + "/fixtures"
        let machines = (try? FileManager.default.contentsOfDirectory(atPath: fixtures)) ?? []
        return machines.sorted().map { "\(fixtures)/\($0)/root" }.filter { FileManager.default.fileExists(atPath: $0) }
    }()

    struct OnlyPropertiesRead: BlockDeviceSource {
        var source: BlockDeviceSource
        func blockDevices() -> [BlockDeviceRecord] {
            source.blockDevices().map { record in
                var record = record
                record.properties = record.properties.filter { BlockDeviceRecord.propertiesRead.contains($0.key) }
                return record
            }
        }
    }

    @Test func fixturesAreThere() {
        #expect(Self.roots.count > 20)
    }

    @Test(arguments: roots)
    func propertiesReadAreAllTheProbesRead(root: String) throws {
        let machine = Machine.recorded(SystemRoot(path: root))
        var cut = machine
        cut.blockDevices = OnlyPropertiesRead(source: machine.blockDevices)
        let spec = Spec.builtIn()
        #expect(try collectInventory(cut, spec: spec) == collectInventory(machine, spec: spec))
    }

    /// The cut removes something on a fixture with a udev database (else the comparison above proves nothing).
    @Test func theCutRemovesProperties() {
        let machine = Machine.recorded(SystemRoot(path: Self.repository + "/fixtures/desktop-sata-nvme/root"))
        let full = machine.blockDevices.blockDevices()
        let cut = OnlyPropertiesRead(source: machine.blockDevices).blockDevices()
        #expect(full.count == cut.count && !full.isEmpty)
        #expect(full.map(\.properties.count).reduce(0, +) > cut.map(\.properties.count).reduce(0, +))
        #expect(cut.contains { $0.properties["ID_SERIAL_SHORT"] != nil })
    }
}

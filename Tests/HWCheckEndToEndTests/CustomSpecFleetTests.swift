import Foundation
import Testing

/// Fleet and trace over reports the real `hwcheck --spec FILE --sysroot …` wrote with a custom spec: rows SN, DISK,
/// MAC, CHASSIS and BOARD bound to dmi.product_serial, disk.system.serial, nic.primary.mac, dmi.chassis_serial and
/// dmi.board_serial (README "Custom specs in fleet and trace").
@Suite struct CustomSpecFleetTests {
    static let spec = """
        {"specVersion": 1, "name": "Custom", "version": "7", "rows": [
          {"id": "SN", "title": {"en": "Serial", "zh": "序列号"}, "source": "dmi.product_serial", "requirements": ["not-empty", "not-placeholder"]},
          {"id": "DISK", "title": {"en": "Disk", "zh": "磁盘"}, "source": "disk.system.serial", "requirements": ["not-empty", "not-placeholder"]},
          {"id": "MAC", "title": {"en": "MAC", "zh": "MAC"}, "source": "nic.primary.mac", "requirements": ["not-empty", "not-placeholder"]},
          {"id": "CHASSIS", "title": {"en": "Chassis", "zh": "机箱"}, "source": "dmi.chassis_serial", "requirements": ["not-empty", "not-placeholder"]},
          {"id": "BOARD", "title": {"en": "Board", "zh": "主板"}, "source": "dmi.board_serial", "requirements": ["not-empty"]}
        ], "placeholders": {"serial": [], "uuid": [], "mac": [], "rules": ["repeated-character", "too-short", "filler-phrase"]}}
        """

    /// Writes `hwcheck [--spec] --sysroot ROOT --json` to `output`.
    static func report(root: String, spec: String?, to output: URL) throws {
        let result = try Harness.hwcheck((spec.map { ["--spec", $0] } ?? []) + ["--sysroot", root, "--json"])
        #expect(result.stderr == "", "\(result.stderr)")
        try Data(result.stdout.utf8).write(to: output)
    }

    @Test func fleetAndTraceFollowTheCustomRows() throws {
        let scratch = try makeScratchDirectory("custom-spec")
        defer { try? FileManager.default.removeItem(at: scratch) }
        let specFile = scratch.appendingPathComponent("spec.json")
        try Data(Self.spec.utf8).write(to: specFile)
        let reports = scratch.appendingPathComponent("reports")
        try FileManager.default.createDirectory(at: reports, withIntermediateDirectories: true)
        func fixture(_ name: String) -> String { Harness.fixtures.appendingPathComponent("\(name)/root").path }

        // A second board built like the seed machine (another UUID and serial; its chassis label, NIC and empty
        // disk serial the same): a different device sharing CHASSIS and MAC values.
        let clone = scratch.appendingPathComponent("clone")
        try FileManager.default.copyItem(atPath: fixture("seed-m903g6g4"), toPath: clone.path)
        let dmi = clone.appendingPathComponent("sys/class/dmi/id")
        try Data("CLONE123\n".utf8).write(to: dmi.appendingPathComponent("product_serial"))
        try Data("4c4c4544-0033-3910-8030-c0ffee000001\n".utf8).write(to: dmi.appendingPathComponent("product_uuid"))

        try Self.report(root: fixture("seed-m903g6g4"), spec: specFile.path, to: reports.appendingPathComponent("a-seed.json"))
        try Self.report(root: clone.path, spec: specFile.path, to: reports.appendingPathComponent("b-clone.json"))
        try Self.report(root: fixture("placeholder-firmware"), spec: specFile.path, to: reports.appendingPathComponent("c-placeholder.json"))
        // One machine under both specs: one device, whatever its rows are called.
        try Self.report(root: fixture("desktop-sata-nvme"), spec: specFile.path, to: reports.appendingPathComponent("d-desktop-custom.json"))
        try Self.report(root: fixture("desktop-sata-nvme"), spec: nil, to: reports.appendingPathComponent("e-desktop-default.json"))
        let seedReport = try String(contentsOf: reports.appendingPathComponent("a-seed.json"), encoding: .utf8)
        #expect(seedReport.contains("\"binds\": \"dmi.chassis_serial\""))

        let fleet = try Harness.hwcheck(["fleet", reports.path, "--json"])
        let json = try #require(try JSONSerialization.jsonObject(with: Data(fleet.stdout.utf8)) as? [String: Any], "\(fleet.stderr)")
        #expect(json["devices"] as? Int == 4)
        #expect((json["reports"] as? [String: Any])?["superseded"] as? Int == 1)
        let failing = (json["failingRows"] as? [[String: Any]] ?? []).compactMap { $0["row"] as? String }
        #expect(failing.contains("DISK"), "the seed's empty disk serial fails DISK")
        #expect(failing.contains("BOARD"), "the seed's empty board serial fails BOARD")
        #expect(Set(failing).isSubset(of: ["SN", "DISK", "MAC", "CHASSIS", "BOARD", "B1", "B2", "B3", "B4"]))
        let duplicates = (json["duplicates"] as? [[String: Any]] ?? []).map { "\($0["field"] ?? "")=\($0["value"] ?? ""):\($0["count"] ?? "")" }
        #expect(duplicates == ["MAC=3c:ec:ef:10:20:30:2", "CHASSIS=M903G6G4:2"])
        let placeholders = (json["placeholders"] as? [[String: Any]] ?? []).map { "\($0["field"] ?? "")=\($0["value"] ?? "")" }
        #expect(placeholders.contains("SN=To be filled by O.E.M."))
        #expect(!placeholders.contains { $0.hasPrefix("B") }, "\(placeholders)")

        let csv = try Harness.hwcheck(["fleet", reports.path, "--format", "csv"])
        #expect(csv.stdout.hasPrefix("source,collectedAt,hostId,SN,DISK,MAC,CHASSIS,BOARD,B1,B2,B3,B4,verdict,"), "\(csv.stdout)")

        let records = scratch.appendingPathComponent("records.csv")
        try Data("id,biosSerial,diskSerial,mac\nr1,M903G6G4,,\nr2,CLONE123,,3c:ec:ef:10:20:30\nr3,M903G6G4-X,,\n".utf8).write(to: records)
        let trace = try Harness.hwcheck(["trace", records.path, "--reports", reports.path, "--json"])
        let traced = try #require(try JSONSerialization.jsonObject(with: Data(trace.stdout.utf8)) as? [String: Any], "\(trace.stderr)")
        let outcomes = (traced["records"] as? [[String: Any]] ?? []).map { record -> String in
            let best = (record["candidates"] as? [[String: Any]])?.first
            let device = best?["device"] as? [String: Any]
            return "\(record["outcome"] ?? ""):\(device?["SN"] ?? "-")"
        }
        #expect(outcomes == ["unique:M903G6G4", "unique:CLONE123", "no-match:-"])
    }
}

import Foundation
import Testing

/// Server records holding what Windows sent, traced among the reports of the fixtures (and through the inventory).
@Suite struct WindowsFormTraceEndToEndTests {
    @Test func windowsFormsTraceToTheirMachines() throws {
        let scratch = try makeScratchDirectory("windows-trace")
        defer { try? FileManager.default.removeItem(at: scratch) }
        let reports = scratch.appendingPathComponent("reports.jsonl").path
        var lines = ""
        for machine in ["nvme-namespace-ids", "desktop-sata-nvme", "nvme-blank-eui", "seed-m903g6g4"] {
            lines += try Harness.hwcheck(["--sysroot", Harness.fixtures.appendingPathComponent("\(machine)/root").path, "--compact"]).stdout
        }
        try lines.write(toFile: reports, atomically: true, encoding: .utf8)
        let records = scratch.appendingPathComponent("failed.csv").path
        try """
            id,hostId,biosSerial,boardSerial,diskSerial,mac
            eui,,,,0025_3846_3140_F11C.,
            wmic,6B1C7A3E-2F44-11EF-9A1B-3CECEF102030,,,,3C-EC-EF-10-20-30
            blank,,,,AA230912345678,3C:18:A0:5E:71:D4

            """.write(toFile: records, atomically: true, encoding: .utf8)
        let expected = ["eui": "4c4c4544-004d-3510-8052-b4c04f574e32", "wmic": "6b1c7a3e-2f44-11ef-9a1b-3cecef102030",
                        "blank": "9d2e6f10-5a3b-11ee-8c99-0242ac120002"]

        let db = scratch.appendingPathComponent("fleet.db").path
        #expect(try Harness.hwcheck(["fleet", "import", "--db", db, reports]).status == 0)
        for source in [["--reports", reports], ["--db", db]] {
            let traced = try Harness.hwcheck(["trace", records] + source + ["--format", "json"])
            #expect(traced.status == 0, "\(traced.stdout)\(traced.stderr)")
            let result = try #require(try JSONSerialization.jsonObject(with: Data(traced.stdout.utf8)) as? [String: Any])
            for record in (result["records"] as? [[String: Any]]) ?? [] {
                let id = record["id"] as? String ?? "?"
                #expect(record["outcome"] as? String == "unique", "\(id) via \(source[0])")
                let device = ((record["candidates"] as? [[String: Any]])?.first?["device"] as? [String: Any]) ?? [:]
                #expect(device["hostId"] as? String == expected[id], "\(id) via \(source[0])")
            }
            #expect((result["records"] as? [[String: Any]])?.count == 3)
        }
    }
}

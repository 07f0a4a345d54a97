import Foundation
import Testing

/// `hwcheck fleet`, `fleet import`, `trace` run as a technician and IT would.
@Suite struct FleetCommandTests {
    /// Every fixture's report, collected twice (once pretty, once as JSON lines), plus a foreign file.
    func collect(into scratch: URL) throws -> URL {
        let reports = scratch.appendingPathComponent("reports")
        try FileManager.default.createDirectory(at: reports, withIntermediateDirectories: true)
        var lines = ""
        for machine in Harness.machines {
            let root = Harness.fixtures.appendingPathComponent("\(machine)/root").path
            _ = try Harness.hwcheck(["--sysroot", root, "--json", "--output", reports.appendingPathComponent("\(machine).json").path])
            lines += try Harness.hwcheck(["--sysroot", root, "--compact"]).stdout
        }
        try lines.write(to: reports.appendingPathComponent("all.jsonl"), atomically: true, encoding: .utf8)
        try "name,serial\n".write(to: reports.appendingPathComponent("notes.csv"), atomically: true, encoding: .utf8)
        return reports
    }

    @Test func fleetOverFixtureReports() throws {
        let scratch = try makeScratchDirectory("fleet")
        defer { try? FileManager.default.removeItem(at: scratch) }
        let reports = try collect(into: scratch)
        let result = try Harness.hwcheck(["fleet", reports.path, "--format", "json"])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stderr == "hwcheck: skipped \(reports.path)/notes.csv: not valid JSON: invalid literal at byte 0\n")
        let summary = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
        let count = Harness.machines.count
        #expect((summary["reports"] as? [String: Any])?["read"] as? Int == 2 * count)
        #expect(summary["devices"] as? Int == count)
        let placeholders = try #require(summary["placeholders"] as? [[String: Any]])
        let seen = Set(placeholders.map { "\($0["field"] ?? "")=\($0["value"] ?? "")" })
        // placeholder-firmware's and hp-dl120-g6's junk (among the fixtures' others).
        #expect(seen.isSuperset(of: ["B1=To be filled by O.E.M.", "B3=Default string", "hostId=03000200-0400-0500-0006-000700080009",
                                     "B1=XXXXXXXXXX", "B3=0123456789", "hostId=eeeeeeee-eeee-eeee-eeee-eeeeeeeeeeee"]))
        let skipped = try #require(summary["skipped"] as? [[String: Any]])
        #expect(skipped.count == 1)

        let csv = try Harness.hwcheck(["fleet", reports.path, "--format", "csv"])
        #expect(csv.stdout.hasPrefix("source,collectedAt,hostId,B1,B2,B3,B4,verdict,failing,duplicated,placeholders\n"))
        #expect(csv.stdout.split(separator: "\n").count == count + 1)
        let text = try Harness.hwcheck(["fleet", reports.appendingPathComponent("all.jsonl").path])
        #expect(text.stdout.hasPrefix("\(count) devices from \(count) reports"))
    }

    @Test func fleetReadsStandardInputAndReportsMissingInputs() throws {
        let root = Harness.fixtures.appendingPathComponent("seed-m903g6g4/root").path
        let line = try Harness.hwcheck(["--sysroot", root, "--compact"]).stdout
        let process = try Harness.runWithInput(Harness.binary, ["fleet", "-", "--format", "json"], input: line + line)
        #expect(process.status == 0)
        #expect(process.stdout.contains("\"superseded\": 1"))
        let missing = try Harness.hwcheck(["fleet", "/nonexistent/reports"])
        #expect(missing.status == 66)
        #expect(missing.stderr == "hwcheck: skipped /nonexistent/reports: no such file or directory\n")
    }

    @Test func importIsIdempotentAndTraceUsesTheInventory() throws {
        let scratch = try makeScratchDirectory("import")
        defer { try? FileManager.default.removeItem(at: scratch) }
        let reports = try collect(into: scratch)
        let db = scratch.appendingPathComponent("fleet.db").path
        let count = Harness.machines.count
        let first = try Harness.hwcheck(["fleet", "import", "--db", db, reports.path])
        #expect(first.status == 0, "\(first.stderr)")
        #expect(first.stdout == "imported \(count) reports (\(count) new devices), \(count) already in \(db), 1 input skipped\n")
        let again = try Harness.hwcheck(["fleet", "import", "--db", db, reports.path])
        #expect(again.stdout == "imported 0 reports (0 new devices), \(2 * count) already in \(db), 1 input skipped\n")

        // The seed's record: disk and board serial empty on the server; found by the rest.
        let records = scratch.appendingPathComponent("failed.csv")
        try "id,hostId,biosSerial,boardSerial,diskSerial,mac\nseed,4c4c4544-0033-3910-8030-b2c04f473634,M903G6G4,,,3c:ec:ef:10:20:30\n"
            .write(to: records, atomically: true, encoding: .utf8)
        let traced = try Harness.hwcheck(["trace", records.path, "--db", db, "--format", "json"])
        #expect(traced.status == 0, "\(traced.stdout)\(traced.stderr)")
        let result = try #require(try JSONSerialization.jsonObject(with: Data(traced.stdout.utf8)) as? [String: Any])
        let record = try #require((result["records"] as? [[String: Any]])?.first)
        #expect(record["outcome"] as? String == "unique")
        let candidate = try #require((record["candidates"] as? [[String: Any]])?.first)
        #expect(candidate["matched"] as? [String] == ["hostId", "biosSerial", "mac"])
    }

    /// The seed case end to end: three failed server records with empty disk serials (one also without board
    /// serial), traced among collected reports to their three devices.
    @Test func traceSeedRecords() throws {
        let scratch = try makeScratchDirectory("trace")
        defer { try? FileManager.default.removeItem(at: scratch) }
        func report(_ host: String, _ b1: String, _ b3: String?, _ mac: String) -> String {
            let b3JSON = b3.map { "\"\($0)\"" } ?? "null"
            return """
                {"binding":{"B1":"\(b1)","B2":null,"B3":\(b3JSON),"B4":"\(mac)"},"checks":[{"id":"B2","reasons":["empty"],"status":"fail"}],\
                "hostId":"\(host)","schemaVersion":1,"tool":{"name":"hwcheck","version":"0.1.0"},"verdict":"non-compliant"}

                """
        }
        let fleet = report("4c4c4544-0033-3910-8030-b2c04f473634", "M903G6G4", nil, "3c:ec:ef:10:20:30")
            + report("4c4c4544-0042-4d10-8058-c3c04f4a3132", "H2KXJ13", "/H2KXJ13/CNFCW0018B00EX/", "d4:81:d7:aa:bb:01")
            + report("8d3c2f00-51c1-11e9-9f44-1062e5c0ffee", "PF1ZQK7B", "L1HF97Y00A1", "e8:6a:64:12:34:56")
            + report("11111111-2222-3333-4444-555555555555", "OTHER1", "MB-1", "e8:6a:64:12:34:56")
            + report("11111111-2222-3333-4444-555555555556", "M903G6G5", "MB-2", "3c:ec:ef:10:20:31")
        try fleet.write(to: scratch.appendingPathComponent("reports.jsonl"), atomically: true, encoding: .utf8)
        let records = """
            RequestId,HostUniqueId,BiosSerial,BoardSerial,DiskSerial,Mac
            r1,4C4C4544-0033-3910-8030-B2C04F473634,M903G6G4,,,3C:EC:EF:10:20:30
            r2,,H2KXJ13,/H2KXJ13/CNFCW0018B00EX/,,d4:81:d7:aa:bb:01
            r3,8d3c2f00-51c1-11e9-9f44-1062e5c0ffee,PF1ZQK7B,L1HF97Y00A1,,e8:6a:64:12:34:56

            """
        try records.write(to: scratch.appendingPathComponent("failed.csv"), atomically: true, encoding: .utf8)
        let map = "hostId=HostUniqueId,biosSerial=BiosSerial,boardSerial=BoardSerial,diskSerial=DiskSerial,mac=Mac,id=RequestId"
        let result = try Harness.hwcheck(["trace", scratch.appendingPathComponent("failed.csv").path,
                                          "--reports", scratch.appendingPathComponent("reports.jsonl").path, "--map", map])
        #expect(result.status == 0, "\(result.stdout)\(result.stderr)")
        #expect(result.stdout.contains("record r1 (line 2): unique"))
        #expect(result.stdout.contains("→ 4c4c4544-0033-3910-8030-b2c04f473634"))
        #expect(result.stdout.contains("→ 4c4c4544-0042-4d10-8058-c3c04f4a3132"))
        #expect(result.stdout.contains("→ 8d3c2f00-51c1-11e9-9f44-1062e5c0ffee"))
        #expect(result.stdout.hasSuffix("3 records: 3 unique, 0 ambiguous, 0 no match\n"))

        // A record that fits two devices equally: exit 1.
        try "mac\ne8:6a:64:12:34:56\n".write(to: scratch.appendingPathComponent("mac.csv"), atomically: true, encoding: .utf8)
        let ambiguous = try Harness.hwcheck(["trace", scratch.appendingPathComponent("mac.csv").path,
                                             "--reports", scratch.appendingPathComponent("reports.jsonl").path])
        #expect(ambiguous.status == 1)
        #expect(ambiguous.stdout.contains(": ambiguous"))
        let usage = try Harness.hwcheck(["trace", scratch.appendingPathComponent("mac.csv").path])
        #expect(usage.status == 64)
    }
}

import Foundation
import Testing

/// Each recorded machine replayed with --sysroot gives its expected JSON, text reports and exit code.
@Suite struct FixtureReportTests {
    @Test(arguments: Harness.machines)
    func jsonReport(machine: String) throws {
        let root = Harness.fixtures.appendingPathComponent("\(machine)/root").path
        let result = try Harness.hwcheck(["--sysroot", root, "--json"])
        #expect(result.stderr == "")
        try Harness.expect(result.stdout, matches: Harness.fixtures.appendingPathComponent("\(machine)/expected/report.json"))
        try Harness.expect("\(result.status)\n", matches: Harness.fixtures.appendingPathComponent("\(machine)/expected/exit-code"))
    }

    @Test(arguments: Harness.machines)
    func textReports(machine: String) throws {
        let root = Harness.fixtures.appendingPathComponent("\(machine)/root").path
        for (language, file) in [("en", "report.txt"), ("zh", "report.zh.txt")] {
            let result = try Harness.hwcheck(["--sysroot", root, "--lang", language, "--verbose"])
            try Harness.expect(result.stdout, matches: Harness.fixtures.appendingPathComponent("\(machine)/expected/\(file)"))
        }
    }

    /// The locale picks the text language; --json stays English unless --lang says otherwise.
    @Test func localeChoosesLanguage() throws {
        let root = Harness.fixtures.appendingPathComponent("seed-m903g6g4/root").path
        let chinese = try Harness.hwcheck(["--sysroot", root], environment: ["LANG": "zh_CN.UTF-8"])
        #expect(chinese.stdout.hasPrefix("不合规"))
        let json = try Harness.hwcheck(["--sysroot", root, "--json"], environment: ["LANG": "zh_CN.UTF-8"])
        #expect(json.stdout.contains("\"message\": \"System disk sda (SATA) reports an empty serial number.\""))
    }

    /// The seed case: every defect in one run (disk serial, its hot-plug port, board serial), each with its remedy,
    /// and the payload the server would get.
    @Test func seedReportsB2AndB3Together() throws {
        let root = Harness.fixtures.appendingPathComponent("seed-m903g6g4/root").path
        let result = try Harness.hwcheck(["--sysroot", root, "--json"])
        #expect(result.status == 1)
        let report = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
        #expect(report["schemaVersion"] as? Int == 1)
        #expect(report["verdict"] as? String == "non-compliant")
        let binding = try #require(report["binding"] as? [String: Any])
        #expect(binding["B1"] as? String == "M903G6G4")
        #expect(binding["B2"] is NSNull)
        #expect(binding["B3"] is NSNull)
        let checks = try #require(report["checks"] as? [[String: Any]])
        let failing = checks.filter { $0["status"] as? String == "fail" }.compactMap { $0["id"] as? String }
        #expect(failing == ["B2", "B3"])
        let reasons = Dictionary(uniqueKeysWithValues: checks.compactMap { check in
            (check["id"] as? String).map { ($0, check["reasons"] as? [String] ?? []) }
        })
        #expect(reasons["B2"] == ["empty", "hot-plug"])
        #expect(reasons["B3"] == ["empty"])
        for check in checks where check["status"] as? String == "fail" {
            #expect((check["remedy"] as? String)?.isEmpty == false)
        }
    }
}

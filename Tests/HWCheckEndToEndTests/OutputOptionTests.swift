import Foundation
import Testing

/// `--output`, `--compact`, `--timestamp`.
@Suite struct OutputOptionTests {
    @Test func outputFileIsTheReport() throws {
        let scratch = try makeScratchDirectory("output")
        defer { try? FileManager.default.removeItem(at: scratch) }
        let root = Harness.fixtures.appendingPathComponent("seed-m903g6g4/root").path
        let file = scratch.appendingPathComponent("pc1.json").path
        let result = try Harness.hwcheck(["--sysroot", root, "--json", "--output", file])
        #expect(result.status == 1)
        #expect(result.stdout == "")
        try Harness.expect(try String(contentsOfFile: file, encoding: .utf8),
                           matches: Harness.fixtures.appendingPathComponent("seed-m903g6g4/expected/report.json"))
        #expect(try FileManager.default.contentsOfDirectory(atPath: scratch.path) == ["pc1.json"])  // no temporary left
    }

    @Test func missingOutputDirectoryExits66() throws {
        let root = Harness.fixtures.appendingPathComponent("seed-m903g6g4/root").path
        let result = try Harness.hwcheck(["--sysroot", root, "--json", "--output", "/nonexistent/dir/pc1.json"])
        #expect(result.status == 66)
        #expect(result.stdout == "")
        #expect(result.stderr == "hwcheck: --output /nonexistent/dir/pc1.json: no such file or directory\n")
    }

    @Test func compactAndTimestamp() throws {
        let root = Harness.fixtures.appendingPathComponent("desktop-sata-nvme/root").path
        let pretty = try Harness.hwcheck(["--sysroot", root, "--json"])
        let compact = try Harness.hwcheck(["--sysroot", root, "--compact"])
        #expect(compact.stdout.filter { $0 == "\n" }.count == 1)
        let a = try JSONSerialization.jsonObject(with: Data(pretty.stdout.utf8)) as? NSDictionary
        let b = try JSONSerialization.jsonObject(with: Data(compact.stdout.utf8)) as? NSDictionary
        #expect(a == b)
        #expect(!pretty.stdout.contains("collectedAt"))
        let stamped = try Harness.hwcheck(["--sysroot", root, "--json", "--timestamp"])
        let report = try #require(try JSONSerialization.jsonObject(with: Data(stamped.stdout.utf8)) as? [String: Any])
        let collected = try #require(report["collectedAt"] as? String)
        #expect(collected.count == 20 && collected.hasSuffix("Z"))
    }
}

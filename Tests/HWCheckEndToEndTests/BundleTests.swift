import Foundation
import Testing

/// `hwcheck bundle`: a bundle of every fixture, and of this machine, replays to the identical report.
@Suite struct BundleTests {
    @Test(arguments: Harness.machines)
    func bundleReplaysToTheSameReport(machine: String) throws {
        let scratch = try makeScratchDirectory("bundle")
        defer { try? FileManager.default.removeItem(at: scratch) }
        let root = Harness.fixtures.appendingPathComponent("\(machine)/root").path
        let original = try Harness.hwcheck(["--sysroot", root, "--json"])

        let archive = scratch.appendingPathComponent("\(machine).tar").path
        let bundled = try Harness.hwcheck(["bundle", "--sysroot", root, "--output", archive])
        #expect(bundled.status == 0, "\(bundled.stderr)")
        // Extraction goes under TMPDIR; the extracted copy is removed after the run.
        let temporary = scratch.appendingPathComponent("tmp")
        try FileManager.default.createDirectory(at: temporary, withIntermediateDirectories: true)
        let fromArchive = try Harness.hwcheck(["--sysroot", archive, "--json"], environment: ["TMPDIR": temporary.path])
        #expect(try FileManager.default.contentsOfDirectory(atPath: temporary.path).isEmpty)
        #expect(fromArchive.stdout == original.stdout)
        #expect(fromArchive.status == original.status)
        #expect(fromArchive.stderr == "")

        // As a directory, and a bundle of a bundle: still the same report.
        let directory = scratch.appendingPathComponent("dir").path
        #expect(try Harness.hwcheck(["bundle", "--sysroot", archive, "--output", directory]).status == 0)
        #expect(try Harness.hwcheck(["--sysroot", directory, "--json"]).stdout == original.stdout)
        let text = try Harness.hwcheck(["--sysroot", archive, "--lang", "en", "--verbose"])
        try Harness.expect(text.stdout, matches: Harness.fixtures.appendingPathComponent("\(machine)/expected/report.txt"))
    }

    /// A redacted bundle replays to the redacted report of the original, token for token.
    @Test(arguments: Harness.machines)
    func redactedBundleMatchesRedactedReport(machine: String) throws {
        let scratch = try makeScratchDirectory("redact")
        defer { try? FileManager.default.removeItem(at: scratch) }
        let root = Harness.fixtures.appendingPathComponent("\(machine)/root").path
        let archive = scratch.appendingPathComponent("r.tar").path
        #expect(try Harness.hwcheck(["bundle", "--sysroot", root, "--output", archive, "--redact", "--salt", "s3cret"]).status == 0)
        let replay = try Harness.hwcheck(["--sysroot", archive, "--json"])
        let redacted = try Harness.hwcheck(["--sysroot", root, "--json", "--redact", "--salt", "s3cret"])
        #expect(replay.stdout == redacted.stdout)
        #expect(redacted.stdout.contains("\"saltId\""))
        let report = try #require(try JSONSerialization.jsonObject(with: Data(redacted.stdout.utf8)) as? [String: Any])
        let plain = try #require(try JSONSerialization.jsonObject(with: Data(try Harness.hwcheck(["--sysroot", root, "--json"]).stdout.utf8)) as? [String: Any])
        #expect(report["verdict"] as? String == plain["verdict"] as? String)
        // No identifier of the original is left in the archive.
        let bytes = try Data(contentsOf: URL(fileURLWithPath: archive))
        for case let value as String in (plain["binding"] as? [String: Any] ?? [:]).values where !value.isEmpty {
            let checks = (plain["checks"] as? [[String: Any]]) ?? []
            // Listed junk stays (also a junk NVMe controller serial behind a good Windows form: `linuxReasons`).
            let isPlaceholder = checks.contains { ($0["value"] as? String) == value
                && ((($0["reasons"] as? [String]) ?? []) + (($0["linuxReasons"] as? [String]) ?? [])).contains("placeholder") }
            if !isPlaceholder { #expect(bytes.range(of: Data(value.utf8)) == nil, "\(value) left in the bundle of \(machine)") }
        }
    }

    @Test func generatedSaltIsPrinted() throws {
        let root = Harness.fixtures.appendingPathComponent("seed-m903g6g4/root").path
        let result = try Harness.hwcheck(["--sysroot", root, "--json", "--redact"])
        #expect(result.stderr.hasPrefix("hwcheck: redaction salt: "))
        #expect(!result.stdout.contains("M903G6G4"))
    }

    /// This machine, live: the bundle carries what only a live run knows (permanent MACs), so its replay is
    /// the live report.
    @Test(.enabled(if: Harness.isRoot, "DMI serials need root"))
    func liveBundleReplaysToTheLiveReport() throws {
        let scratch = try makeScratchDirectory("live")
        defer { try? FileManager.default.removeItem(at: scratch) }
        let live = try Harness.hwcheck(["--json"])
        let archive = scratch.appendingPathComponent("live.tar").path
        let bundled = try Harness.hwcheck(["bundle", "--output", archive])
        #expect(bundled.status == 0, "\(bundled.stderr)")
        let replay = try Harness.hwcheck(["--sysroot", archive, "--json"])
        #expect(replay.stdout == live.stdout)
        #expect(replay.status == live.status)
    }

    @Test func notABundleIsBadData() throws {
        let scratch = try makeScratchDirectory("notbundle")
        defer { try? FileManager.default.removeItem(at: scratch) }
        let file = scratch.appendingPathComponent("x.tar")
        try Data("not a tar".utf8).write(to: file)
        let result = try Harness.hwcheck(["--sysroot", file.path])
        #expect(result.status == 65)
        #expect(result.stderr.hasPrefix("hwcheck: --sysroot \(file.path): not a bundle"))
    }
}

import Foundation
import Testing

/// `make dist-check` must be able to fail (issue 13): a dist folder holding the debug build — dynamically linked
/// against the Swift runtime, with a RUNPATH into the toolchain — is refused by each of its two checks alone:
/// the NEEDED entries, and the run with the toolchain hidden in a private mount namespace. (The real static build
/// costs minutes, so `make dist-check` itself runs in .ci/run, not here.)
@Suite struct DistCheckTests {
    static func plantedDist() throws -> URL {
        let dist = try makeScratchDirectory("dist-planted")
        let bin = dist.appendingPathComponent("bin")
        try FileManager.default.createDirectory(at: bin, withIntermediateDirectories: true)
        let built = URL(fileURLWithPath: Harness.binary).deletingLastPathComponent()
        for name in ["hwcheck", "hwcheck-inventory"] {
            try FileManager.default.copyItem(at: built.appendingPathComponent(name), to: bin.appendingPathComponent(name))
        }
        let sums = try Harness.run("/bin/sh", ["-c", "cd \"$0\" && sha256sum hwcheck hwcheck-inventory > SHA256SUMS", bin.path])
        #expect(sums.status == 0, "\(sums.stderr)")
        return dist
    }

    static var script: String { Harness.repository.appendingPathComponent("scripts/dist-check.sh").path }

    @Test func neededEntriesRefuseADynamicallyLinkedBinary() throws {
        let dist = try Self.plantedDist()
        defer { try? FileManager.default.removeItem(at: dist) }
        let result = try Harness.run(Self.script, [dist.path], environment: ["DIST_CHECK_STEPS": "needed"])
        #expect(result.status == 1)
        #expect(result.stderr.contains("hwcheck needs libraries a live system lacks: ") && result.stderr.contains("libswiftCore.so"),
                "\(result.stderr)")
    }

    /// Needs root (or user namespaces) and swift on PATH to know what to hide: CI runs as root.
    @Test(.enabled(if: Harness.isRoot)) func hiddenToolchainRefusesADynamicallyLinkedBinary() throws {
        let dist = try Self.plantedDist()
        defer { try? FileManager.default.removeItem(at: dist) }
        let path = (ProcessInfo.processInfo.environment["PATH"] ?? "") + ":/usr/sbin:/usr/bin:/sbin:/bin"
        let result = try Harness.run(Self.script, [dist.path], environment: ["DIST_CHECK_STEPS": "run", "PATH": path])
        #expect(result.status == 1)
        #expect(result.stderr.contains("do not run with the toolchain"), "\(result.stderr)")
    }

    /// The man page hwcheck prints from its command table (scripts/dist.sh installs it) passes the man step,
    /// and the step still fails a page with a line over 80 columns or without the exit-code rows.
    @Test func manStepChecksThePrintedPage() throws {
        let dist = try Self.plantedDist()
        defer { try? FileManager.default.removeItem(at: dist) }
        let manual = dist.appendingPathComponent("share/man/man1")
        try FileManager.default.createDirectory(at: manual, withIntermediateDirectories: true)
        let page = try Harness.hwcheck(["--generate-manual", "2026-11-29"])
        #expect(page.status == 0)
        let path = manual.appendingPathComponent("hwcheck.1")
        try page.stdout.write(to: path, atomically: true, encoding: .utf8)
        let passed = try Harness.run(Self.script, [dist.path], environment: ["DIST_CHECK_STEPS": "man"])
        #expect(passed.status == 0, "\(passed.stderr)")
        try (page.stdout + ".nf\n" + String(repeating: "…", count: 70) + "x\n.fi\n").write(to: path, atomically: true, encoding: .utf8)
        let long = try Harness.run(Self.script, [dist.path], environment: ["DIST_CHECK_STEPS": "man"])
        #expect(long.status == 1 && long.stderr.contains("man page lines over 80 columns"), "\(long.stderr)")
        try page.stdout.replacingOccurrences(of: "74  output error", with: "74 output error").write(to: path, atomically: true, encoding: .utf8)
        let rowless = try Harness.run(Self.script, [dist.path], environment: ["DIST_CHECK_STEPS": "man"])
        #expect(rowless.status == 1 && rowless.stderr.contains("does not render the line"), "\(rowless.stderr)")
    }

    /// No Foundation in hwcheck (issue 12): its dynamic section names no Foundation library (the test build links
    /// the Swift runtime dynamically, so a dependency on FoundationEssentials would show here as it does in ldd).
    @Test func hwcheckNeedsNoFoundation() throws {
        let dynamic = try Harness.run("/usr/bin/readelf", ["-d", Harness.binary])
        #expect(dynamic.status == 0, "\(dynamic.stderr)")
        #expect(dynamic.stdout.contains("libswiftCore.so"), "\(dynamic.stdout)")
        #expect(!dynamic.stdout.contains("Foundation"), "\(dynamic.stdout)")
    }

    @Test func checksumMismatchFails() throws {
        let dist = try Self.plantedDist()
        defer { try? FileManager.default.removeItem(at: dist) }
        let handle = try FileHandle(forWritingTo: dist.appendingPathComponent("bin/hwcheck"))
        try handle.seekToEnd()
        try handle.write(contentsOf: Data("x".utf8))
        try handle.close()
        let result = try Harness.run(Self.script, [dist.path])
        #expect(result.status == 1)
        #expect(result.stderr.contains("does not match its SHA256SUMS"), "\(result.stderr)")
    }
}

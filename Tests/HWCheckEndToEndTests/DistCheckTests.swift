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

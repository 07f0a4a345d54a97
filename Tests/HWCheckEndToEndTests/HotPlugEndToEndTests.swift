import Foundation
import Testing

/// SATA hot-plug from libahci's world-readable port attributes, run for real as another user: the ABAR
/// (`resource5`) root-only and PCI config space cut at 64 bytes, as the kernel shows them to non-root users.
@Suite struct HotPlugEndToEndTests {
    static func check(_ json: String, _ id: String) throws -> [String: Any] {
        let report = try #require(try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any])
        let checks = try #require(report["checks"] as? [[String: Any]])
        return try #require(checks.first { $0["id"] as? String == id })
    }

    /// Without root, the seed's hot-plug port is still found: hot-plug yes, SATA port 2, the BIOS remedy.
    @Test(.enabled(if: Harness.isRoot, "needs root to drop privileges"))
    func nonRootFindsTheHotPlugPort() throws {
        let result = try Harness.runAsNonRoot("seed-hotplug")
        #expect(result.status == 1, "stderr: \(result.stderr)")
        let b2 = try Self.check(result.stdout, "B2")
        #expect(b2["status"] as? String == "fail")
        #expect(b2["reasons"] as? [String] == ["hot-plug"])
        #expect((b2["message"] as? String)?.contains("SATA port 2 (ata3") == true)
        #expect((b2["remedy"] as? String)?.contains("BIOS/UEFI setup") == true)
        #expect((b2["remedy"] as? String)?.contains("SATA port 2") == true)
        try Harness.expect(result.stdout, matches: Harness.fixtures.appendingPathComponent("seed-hotplug/expected/nonroot-report.json"))
    }

    /// Secure Boot (lockdown) and no root: B2's port is known from libahci; B4's adapter sits behind a root port
    /// whose slot capabilities only root can read, so B4 is unknown (one rule with B2), and the remedy says root.
    @Test(.enabled(if: Harness.isRoot, "needs root to drop privileges"))
    func nonRootUnderLockdown() throws {
        let result = try Harness.runAsNonRoot("lockdown-shuttle-dh270")
        #expect(result.status == 2, "stderr: \(result.stderr)")
        let b2 = try Self.check(result.stdout, "B2")
        #expect(b2["status"] as? String == "pass")
        let b4 = try Self.check(result.stdout, "B4")
        #expect(b4["status"] as? String == "unknown")
        #expect(b4["reasons"] as? [String] == ["hot-plug-unknown"])
        #expect((b4["remedy"] as? String)?.contains("as root (sudo hwcheck)") == true)
        #expect((b4["remedy"] as? String)?.contains("bridge 0000:00:1c.0") == true)
        #expect((b4["remedy"] as? String)?.contains("{") == false, "an unfilled template")
        try Harness.expect(result.stdout,
                           matches: Harness.fixtures.appendingPathComponent("lockdown-shuttle-dh270/expected/nonroot-report.json"))
    }

    /// Runs hwcheck --json over a copy of `machine`'s root changed by the shell `script` (run inside the copy).
    static func runOnChangedCopy(_ machine: String, _ script: String, body: (String, Harness.Result) throws -> Void) throws {
        let scratch = try Harness.temporaryDirectory("hotplug-\(machine)")
        defer { try? FileManager.default.removeItem(at: scratch) }
        let copy = scratch.appendingPathComponent("root").path
        let source = Harness.fixtures.appendingPathComponent("\(machine)/root").path
        let prepared = try Harness.run("/bin/sh", ["-c", "set -e; cp -a \"$SRC\" \"$DST\"; cd \"$DST\"; \(script)"],
                                       environment: ["SRC": source, "DST": copy])
        #expect(prepared.status == 0, "\(prepared.stderr)")
        try body(copy, try Harness.hwcheck(["--sysroot", copy, "--json"]))
    }

    static let shuttleHost = "sys/devices/pci0000:00/0000:00:17.0/ata3/host2/scsi_host/host2"

    /// An old kernel (no ataN) whose disks have serials: B2 cannot pass while the AHCI port's bits were never read.
    @Test func oldKernelSATAPortIsNotAPass() throws {
        let serials = """
            for d in sys/devices/pci0000:00/0000:00:1f.2/host*/target*/*:0:0:0; do
              printf '\\000\\200\\000\\010WD-00001' > "$d/vpd_pg80"
            done
            """
        try Self.runOnChangedCopy("oldkernel-optiplex-mdraid", serials) { _, result in
            #expect(result.status == 2, "\(result.stdout)")
            let b2 = try Self.check(result.stdout, "B2")
            #expect(b2["status"] as? String == "unknown")
            #expect(b2["reasons"] as? [String] == ["hot-plug-unknown"])
            #expect((b2["message"] as? String)?.contains("no ataN") == true)
            #expect((b2["remedy"] as? String)?.contains("BIOS/UEFI setup") == true)
            #expect((b2["remedy"] as? String)?.contains("{") == false, "an unfilled template")
        }
    }

    /// PxCMD all ones (a runtime-suspended controller) is no register value: unknown, not a hot-plug failure.
    @Test func allOnesPortCommandIsUnknown() throws {
        try Self.runOnChangedCopy("lockdown-shuttle-dh270", "echo ffffffff > \(Self.shuttleHost)/ahci_port_cmd") { _, result in
            #expect(result.status == 2, "\(result.stdout)")
            let b2 = try Self.check(result.stdout, "B2")
            #expect(b2["status"] as? String == "unknown")
            #expect(b2["reasons"] as? [String] == ["hot-plug-unknown"])
            #expect((b2["remedy"] as? String)?.contains("power/control") == true)
        }
    }

    /// A hot-plug port whose number is missing is named by ata3 and host2, with no "{port}" left in the text.
    @Test func hotPlugPortWithoutNumber() throws {
        let script = "rm sys/devices/pci0000:00/0000:00:17.0/ata3/ata_port/ata3/port_no; echo 4c017 > \(Self.shuttleHost)/ahci_port_cmd"
        try Self.runOnChangedCopy("lockdown-shuttle-dh270", script) { copy, result in
            #expect(result.status == 1, "\(result.stdout)")
            let b2 = try Self.check(result.stdout, "B2")
            #expect(b2["reasons"] as? [String] == ["hot-plug"])
            let message = try #require(b2["message"] as? String), remedy = try #require(b2["remedy"] as? String)
            #expect(message.contains("ata3, SCSI host2"))
            #expect(message.contains("port_no"))
            #expect(!message.contains("{") && !remedy.contains("{"), "an unfilled template: \(message) \(remedy)")
            let chinese = try Harness.hwcheck(["--sysroot", copy, "--lang", "zh"])
            #expect(chinese.stdout.contains("ata3，SCSI host2"))
            #expect(!chinese.stdout.contains("{port"))
        }
    }

    /// A bundle made where mapping resource5 was refused carries the errno: its replay says why (lockdown), as the
    /// live run did, not "not recorded".
    @Test func bundleCarriesARefusedRegisterRead() throws {
        let script = """
            rm \(Self.shuttleHost)/ahci_port_cmd \(Self.shuttleHost)/ahci_host_caps
            mkdir -p hwcheck-live/sys/devices/pci0000:00/0000:00:17.0
            echo 1 > hwcheck-live/sys/devices/pci0000:00/0000:00:17.0/resource5_errno
            """
        try Self.runOnChangedCopy("lockdown-shuttle-dh270", script) { copy, result in
            let b2 = try Self.check(result.stdout, "B2")
            #expect(b2["reasons"] as? [String] == ["hot-plug-unknown"])
            #expect((b2["remedy"] as? String)?.contains("locked down") == true)
            let scratch = try Harness.temporaryDirectory("bundle-errno")
            defer { try? FileManager.default.removeItem(at: scratch) }
            let bundle = scratch.appendingPathComponent("bundle").path
            #expect(try Harness.hwcheck(["bundle", "--sysroot", copy, "--output", bundle]).status == 0)
            let errno = "\(bundle)/hwcheck-live/sys/devices/pci0000:00/0000:00:17.0/resource5_errno"
            #expect(try String(contentsOfFile: errno, encoding: .utf8) == "1\n")
            #expect(try Harness.hwcheck(["--sysroot", bundle, "--json"]).stdout == result.stdout)
        }
    }

    /// A bundle carries libahci's port attributes as the files they are (no resource5 needed), so the replay of a
    /// locked-down machine's bundle still knows the port.
    @Test func bundleCarriesTheAttributes() throws {
        let scratch = try Harness.temporaryDirectory("bundle-ahci")
        defer { try? FileManager.default.removeItem(at: scratch) }
        let root = Harness.fixtures.appendingPathComponent("lockdown-shuttle-dh270/root").path
        let directory = scratch.appendingPathComponent("bundle").path
        #expect(try Harness.hwcheck(["bundle", "--sysroot", root, "--output", directory]).status == 0)
        let host = "\(directory)/sys/devices/pci0000:00/0000:00:17.0/ata3/host2/scsi_host/host2"
        #expect(try String(contentsOfFile: "\(host)/ahci_port_cmd", encoding: .utf8) == "c017\n")
        #expect(try String(contentsOfFile: "\(host)/ahci_host_caps", encoding: .utf8) == "60000005\n")
        #expect(!FileManager.default.fileExists(atPath: "\(directory)/sys/devices/pci0000:00/0000:00:17.0/resource5"))
        let replay = try Harness.hwcheck(["--sysroot", directory, "--json"])
        #expect(replay.status == 0)
        #expect(replay.stdout.contains("\"state\": \"no\""))
        #expect(replay.stdout == (try Harness.hwcheck(["--sysroot", root, "--json"])).stdout)
    }
}

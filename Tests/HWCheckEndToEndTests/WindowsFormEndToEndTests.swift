import Foundation
import Testing

/// The serial Windows sends for NVMe disks, end to end on the nvme-namespace-ids and nvme-blank-eui fixtures.
@Suite struct WindowsFormEndToEndTests {
    static let root = Harness.fixtures.appendingPathComponent("nvme-namespace-ids/root").path

    static func check(_ arguments: [String]) throws -> (b2: [String: Any], report: [String: Any], status: Int32) {
        let result = try Harness.hwcheck(arguments + ["--json"])
        let report = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
        let checks = try #require(report["checks"] as? [[String: Any]])
        return (try #require(checks.first { $0["id"] as? String == "B2" }), report, result.status)
    }

    /// EUI-64 only, NGUID only, both, neither: the value and rule in the check, the note only when uncertain.
    @Test(arguments: [
        ("nvme0n1", "0025_3846_3140_F11C.", "nvme-eui64"),
        ("nvme1n1", "0000_0000_0000_0001_00A0_7519_257D_4E36.", "nvme-nguid"),
        ("nvme2n1", "ACE4_2E00_1234_5678_ACE4_2E00_0000_0002.", "nvme-nguid"),
        ("nvme2n2", "ACE4_2E00_1234_5679.", "nvme-eui64"),
        ("nvme3n1", nil, "nvme-no-namespace-id"),
    ] as [(String, String?, String)])
    func eachNamespaceCase(disk: String, windows: String?, rule: String) throws {
        let (b2, report, status) = try Self.check(["--sysroot", Self.root, "--disk", disk])
        #expect(status == 0)
        #expect(b2["windowsValue"] as? String == windows)
        #expect(b2.keys.contains("windowsValue"))
        #expect(b2["windowsRule"] as? String == rule)
        let notes = ((report["notes"] as? [[String: Any]]) ?? []).compactMap { $0["code"] as? String }
        #expect(notes.contains("windows-value-uncertain") == (windows == nil))
    }

    /// A SATA system disk sends what Linux shows: no Windows keys at all.
    @Test func sataHasNoWindowsForm() throws {
        let seed = Harness.fixtures.appendingPathComponent("desktop-sata-nvme/root").path
        let (b2, _, _) = try Self.check(["--sysroot", seed, "--disk", "sda"])
        #expect(!b2.keys.contains("windowsValue") && !b2.keys.contains("windowsRule"))
    }

    /// Linux sees a good serial, Windows would send FFFF_FFFF_FFFF_FFFF.: the row fails.
    @Test func blankEUIFails() throws {
        let blank = Harness.fixtures.appendingPathComponent("nvme-blank-eui/root").path
        let (b2, _, status) = try Self.check(["--sysroot", blank])
        #expect(status == 1)
        #expect(b2["status"] as? String == "fail" && b2["reasons"] as? [String] == ["windows-placeholder"])
        #expect(b2["value"] as? String == "AA230912345678" && b2["windowsValue"] as? String == "FFFF_FFFF_FFFF_FFFF.")
    }

    /// A bundle carries the namespace attributes read; a redacted one carries none of their text.
    @Test func bundlesRecordAndRedactNamespaceIdentifiers() throws {
        let scratch = FileManager.default.temporaryDirectory.appendingPathComponent("hwcheck-windows-\(getpid())")
        try? FileManager.default.removeItem(at: scratch)
        try FileManager.default.createDirectory(at: scratch, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: scratch) }
        let plain = scratch.appendingPathComponent("plain").path
        #expect(try Harness.hwcheck(["bundle", "--sysroot", Self.root, "--output", plain]).status == 0)
        let namespace = "sys/devices/pci0000:00/0000:00:06.0/0000:01:00.0/nvme/nvme0/nvme0n1"
        #expect(try String(contentsOfFile: "\(plain)/\(namespace)/eui", encoding: .utf8) == "00 25 38 46 31 40 f1 1c\n")
        #expect(FileManager.default.fileExists(atPath: "\(plain)/sys/devices/pci0000:00/0000:00:1a.0/0000:02:00.0/nvme/nvme1/nvme1n1/nguid"))

        let archive = scratch.appendingPathComponent("r.tar").path
        #expect(try Harness.hwcheck(["bundle", "--sysroot", Self.root, "--output", archive, "--redact", "--salt", "s3cret"]).status == 0)
        let bytes = try Data(contentsOf: URL(fileURLWithPath: archive))
        // The wwid of nvme3n1 is "nvme." with the controller serial CVCQ5130003C400AGN in hex.
        for text in ["00 25 38 46 31 40 f1 1c", "002538463140f11c", "00000000-0000-0001-00a0-7519257d4e36", "ac e4 2e 00 12 34 56 78",
                     "ac e4 2e 00 12 34 56 79", "ace42e0012345679", "000000000000000100a07519257d4e36",
                     "ace42e0012345678ace42e0000000002", "43564351353133303030334334303041474e"] {
            #expect(bytes.range(of: Data(text.utf8)) == nil, "\(text) left in the redacted bundle")
        }
        let (b2, _, _) = try Self.check(["--sysroot", archive])
        let windows = try #require(b2["windowsValue"] as? String)
        #expect(windows != "0025_3846_3140_F11C." && windows.hasSuffix(".") && windows.count == 20)
        // The replay of the redacted bundle judges every namespace as the redacted report of the original does.
        for disk in ["nvme1n1", "nvme2n1", "nvme3n1"] {
            let replayed = try Self.check(["--sysroot", archive, "--disk", disk]).b2
            let redacted = try Self.check(["--sysroot", Self.root, "--disk", disk, "--redact", "--salt", "s3cret"]).b2
            #expect(replayed["windowsValue"] as? String == redacted["windowsValue"] as? String, "\(disk)")
            #expect(replayed["windowsRule"] as? String == redacted["windowsRule"] as? String, "\(disk)")
        }
    }

    /// Review item 2: the system disk's controller serial is all zeros, but Windows sends its EUI-64 form: B2 is
    /// judged on that and passes, the junk serial stays as `linuxReasons` and a note. Review item 4: on a 4.9
    /// kernel (no `nguid` file) the NGUID that wins over the EUI-64 is read from `wwid`.
    @Test func junkControllerSerialOnAnOldKernel() throws {
        let root = Harness.fixtures.appendingPathComponent("nvme-oldkernel-junk-serial/root").path
        let (b2, report, status) = try Self.check(["--sysroot", root])
        #expect(status == 0)
        #expect(b2["status"] as? String == "pass" && (b2["reasons"] as? [String])?.isEmpty == true)
        #expect(b2["linuxReasons"] as? [String] == ["placeholder"])
        #expect(b2["windowsValue"] as? String == "0025_385A_81B0_9C3D." && b2["windowsRule"] as? String == "nvme-eui64")
        let notes = ((report["notes"] as? [[String: Any]]) ?? []).compactMap { $0["code"] as? String }
        #expect(notes.contains("nvme-controller-serial"))
        let second = try Self.check(["--sysroot", root, "--disk", "nvme1n1"]).b2
        #expect(second["windowsValue"] as? String == "ACE4_2E00_7766_5544_ACE4_2E00_0000_0001.")
        #expect(second["windowsRule"] as? String == "nvme-nguid")
    }

    /// Review item 4: a recording without the namespace's `wwid`, `eui` and `nguid` is a gap (B2 unknown,
    /// `recording-gap` names the wwid), not a drive "with no EUI-64 and no NGUID".
    @Test func unrecordedNamespaceIdentifiersAreAGap() throws {
        let root = Harness.fixtures.appendingPathComponent("checkbox-latitude5501-m073/root").path
        let (b2, report, _) = try Self.check(["--sysroot", root])
        #expect(b2["status"] as? String == "unknown" && b2["reasons"] as? [String] == ["windows-not-recorded"])
        #expect(b2["windowsRule"] as? String == "nvme-ids-not-recorded" && b2["windowsValue"] is NSNull)
        let notes = (report["notes"] as? [[String: Any]]) ?? []
        #expect(!notes.contains { $0["code"] as? String == "windows-value-uncertain" })
        let gap = try #require(notes.first { $0["code"] as? String == "recording-gap" })
        #expect((gap["message"] as? String)?.contains("sys/class/block/nvme0n1/wwid") == true)
    }
}

import Foundation
import Testing

/// Issue 12's behaviour items end to end, beside the recorded reports: an unreadable "/" mount is named
/// (chroot-no-proc-two-disks), a SATA disk in sight does not outweigh the NVMe drive Intel RST hides
/// (live-usb-sata-rst-nvme, sata-root-rst-nvme), and every md member's hot-plug port is named (mdraid-hotplug-ports).
@Suite struct SystemDiskEvidenceTests {
    static func report(_ machine: String, _ arguments: [String] = []) throws -> (status: Int32, json: [String: Any]) {
        let root = Harness.fixtures.appendingPathComponent("\(machine)/root").path
        let result = try Harness.hwcheck(["--sysroot", root, "--json"] + arguments)
        #expect(result.stderr == "")
        return (result.status, try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any]))
    }

    static func check(_ report: [String: Any], _ id: String) throws -> [String: Any] {
        try #require((report["checks"] as? [[String: Any]])?.first { $0["id"] as? String == id })
    }

    static func note(_ report: [String: Any], _ code: String) -> [String: Any]? {
        (report["notes"] as? [[String: Any]])?.first { $0["code"] as? String == code }
    }

    @Test func missingMountinfoIsNamedNotMissingRoot() throws {
        let (status, report) = try Self.report("chroot-no-proc-two-disks")
        #expect(status == 2)
        let note = try #require(Self.note(report, "root-mount-unreadable"))
        #expect((note["message"] as? String)?.contains("/proc/self/mountinfo does not exist") == true)
        #expect(Self.note(report, "no-root-mount") == nil)
        let systemDisk = try #require((report["inventory"] as? [String: Any])?["systemDisk"] as? [String: Any])
        #expect(systemDisk["fallbackReason"] as? String == "root-mount-unreadable")
        let b2 = try Self.check(report, "B2")
        #expect(b2["status"] as? String == "unknown" && b2["reasons"] as? [String] == ["unreadable"])
        let (_, chinese) = try Self.report("chroot-no-proc-two-disks", ["--lang", "zh"])
        #expect((Self.note(chinese, "root-mount-unreadable")?["message"] as? String)?.contains("/proc/self/mountinfo 不存在") == true)
    }

    /// Booted from a stick, a visible SATA disk and an RST-hidden NVMe drive: B2 is not passed on the SATA disk.
    @Test func rstHiddenNVMeBesideVisibleSATA() throws {
        let (status, report) = try Self.report("live-usb-sata-rst-nvme")
        #expect(status == 2)
        let b2 = try Self.check(report, "B2")
        #expect(b2["status"] as? String == "unknown" && b2["reasons"] as? [String] == ["hidden-disks"])
        #expect((report["binding"] as? [String: Any])?["B2"] is NSNull)
        #expect((b2["message"] as? String)?.contains("reports 1 NVMe drive(s) hidden behind it by Intel RST") == true)
        #expect((b2["remedy"] as? String)?.contains("to AHCI") == true)
        let hidden = (((report["inventory"] as? [String: Any])?["systemDisk"] as? [String: Any])?["hiddenDisks"] as? [String: Any])
        #expect(hidden?["cause"] as? String == "rst-remapped-nvme" && hidden?["count"] as? Int == 1)
        #expect((Self.note(report, "root-on-removable-disk")?["message"] as? String)?.contains("B2 is not bound to sda") == true)
        // --disk decides: the technician who knows Windows is on sda gets it judged.
        let (named, explicit) = try Self.report("live-usb-sata-rst-nvme", ["--disk", "sda"])
        let explicitB2 = try Self.check(explicit, "B2")
        #expect(named == 0 && explicitB2["status"] as? String == "pass")
    }

    /// "/" on the visible SATA disk proves it: B2 is judged on it, and the hidden NVMe drive is a note.
    @Test func rootOnVisibleDiskKeepsItWithANote() throws {
        let (status, report) = try Self.report("sata-root-rst-nvme")
        #expect(status == 0)
        let b2 = try Self.check(report, "B2")
        #expect(b2["subject"] as? String == "sda")
        #expect((Self.note(report, "hidden-disks-present")?["message"] as? String)?.contains("1 further NVMe drive(s)") == true)
    }

    /// A recording without the namespace's `wwid` file but with udev's ID_WWN (its copy): the Windows form is derived.
    @Test func udevWWNStandsInForAMissingWWID() throws {
        let (status, report) = try Self.report("nvme-udev-wwn-only")
        #expect(status == 0)
        let b2 = try Self.check(report, "B2")
        #expect(b2["windowsValue"] as? String == "0025_388A_91B0_1236." && b2["windowsRule"] as? String == "nvme-eui64")
        let disk = try #require(((report["inventory"] as? [String: Any])?["disks"] as? [[String: Any]])?.first)
        let wwid = (disk["namespaceIds"] as? [String: Any])?["wwid"] as? [String: Any]
        #expect(wwid?["source"] as? String == "udev:ID_WWN" && wwid?["value"] as? String == "eui.0025388a91b01236")
        #expect(Self.note(report, "recording-gap") == nil)
    }

    /// md RAID1 over two hot-plug SATA ports: both ports are named, in both languages.
    @Test func everyHotPlugMemberPortIsNamed() throws {
        let (status, report) = try Self.report("mdraid-hotplug-ports")
        #expect(status == 1)
        let b2 = try Self.check(report, "B2")
        let message = try #require(b2["message"] as? String)
        #expect(message.contains("sda on SATA port 1 (ata2") && message.contains("sdb on SATA port 3 (ata4"), "\(message)")
        #expect((b2["remedy"] as? String)?.contains("SATA ports: 1, 3 (boards that count from 1 call them SATA 2, 4)") == true)
        let (_, chinese) = try Self.report("mdraid-hotplug-ports", ["--lang", "zh"])
        let chineseB2 = try Self.check(chinese, "B2")
        let zh = try #require(chineseB2["message"] as? String)
        #expect(zh.contains("sda 在 SATA 端口 1") && zh.contains("sdb 在 SATA 端口 3"), "\(zh)")
    }
}

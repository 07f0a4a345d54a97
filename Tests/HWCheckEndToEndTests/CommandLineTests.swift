import Foundation
import Testing

/// Contract of the command itself: exit codes for bad input, the smoke run on this machine, non-root.
@Suite struct CommandLineTests {
    /// This machine, live: a verdict exit code and valid JSON, whatever hardware it has.
    @Test func smokeOnThisMachine() throws {
        let result = try Harness.hwcheck(["--json"])
        #expect([0, 1, 2].contains(result.status), "stderr: \(result.stderr)")
        let report = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
        #expect(report["schemaVersion"] as? Int == 1)
        #expect(["compliant", "non-compliant", "undetermined"].contains(report["verdict"] as? String ?? ""))
    }

    @Test func quietPrintsNothing() throws {
        let root = Harness.fixtures.appendingPathComponent("seed-m903g6g4/root").path
        let result = try Harness.hwcheck(["--sysroot", root, "--quiet"])
        #expect(result.status == 1)
        #expect(result.stdout == "")
    }

    /// explain: every row, reason and note code in both languages; an unknown topic is a usage error.
    @Test func explainEveryTopic() throws {
        let topics = try Harness.hwcheck(["explain", "list"]).stdout.split(separator: "\n").map(String.init)
        #expect(topics.contains("B2") && topics.contains("hot-plug") && topics.contains("nic-hot-plug-slot")
                && topics.contains("windows-placeholder") && topics.contains("windows-value-uncertain") && topics.contains("windows-not-recorded")
                && topics.contains("nvme-controller-serial") && topics.contains("hidden-disks")
                && topics.contains("no-dmi") && topics.contains("hypervisor-mac"))
        #expect(topics.count == 39)  // 4 rows, 17 reason codes, 18 note codes
        for topic in topics {
            for language in ["en", "zh"] {
                let result = try Harness.hwcheck(["explain", topic, "--lang", language])
                #expect(result.status == 0)
                #expect(!result.stdout.contains("{"), "unfilled template in explain \(topic) --lang \(language)")
                #expect(result.stdout.utf8.count > 80)
            }
        }
        let b2 = try Harness.hwcheck(["explain", "b2", "--lang", "zh"]).stdout
        #expect(b2.contains("在根容器中") && b2.contains("wmic diskdrive get SerialNumber"))
        let unknown = try Harness.hwcheck(["explain", "B9"])
        #expect(unknown.status == 64)
        #expect(unknown.stderr.hasPrefix("hwcheck: explain B9: no such topic"))
        #expect(unknown.stderr.hasSuffix(" (see 'hwcheck explain --help')\n"), "\(unknown.stderr)")
    }

    /// trace's help gives every cause of exit 1, as the README and the code do: an unreadable record line too.
    @Test func traceHelpSaysWhenItExits1() throws {
        let help = try Harness.hwcheck(["trace", "--help"], environment: ["COLUMNS": "200"]).stdout
        #expect(help.contains("1   some record is ambiguous, matched nothing, or was unreadable"), "\(help)")
    }

    /// An empty path (an unset shell variable) is a usage error naming the option, on every command, before
    /// anything is read or written: not the current directory plus "/" and a confusing 66 or 74.
    @Test func emptyPathOptionsExit64() throws {
        let cases: [([String], String)] = [
            (["--output="], "--output"),
            (["bundle", "-o", ""], "--output"),
            (["--spec", ""], "--spec"),
            (["fleet", "--output=", "-"], "--output"),
            (["fleet", "import", "--db=", "-"], "--db"),
            (["trace", "-", "--db="], "--db"),
            (["trace", "-", "--reports", "r", "--map-file", ""], "--map-file"),
        ]
        for (arguments, option) in cases {
            let result = try Harness.hwcheck(arguments)
            #expect(result.status == 64, "\(arguments)")
            #expect(result.stdout == "")
            #expect(result.stderr.hasPrefix("hwcheck: \(option) '': give a path"), "\(arguments): \(result.stderr)")
        }
    }

    @Test func missingSysrootExits66() throws {
        let result = try Harness.hwcheck(["--sysroot", "/nonexistent/machine"])
        #expect(result.status == 66)
        #expect(result.stdout == "")
        #expect(result.stderr == "hwcheck: --sysroot /nonexistent/machine: no such directory (give the folder that holds sys/ and proc/)\n")
    }

    @Test func unknownFlagExits64() throws {
        let result = try Harness.hwcheck(["--no-such-flag"])
        #expect(result.status == 64)
        #expect(result.stderr.contains("--no-such-flag"))
    }

    @Test func unknownDiskExits64() throws {
        let root = Harness.fixtures.appendingPathComponent("desktop-sata-nvme/root").path
        let result = try Harness.hwcheck(["--sysroot", root, "--disk", "sdz"])
        #expect(result.status == 64)
        #expect(result.stderr == "hwcheck: --disk sdz: no such physical disk (disks: nvme0n1, sda)\n")
    }

    /// --disk binds B2 to another disk: the data disk of the desktop, whose serial is fine too.
    @Test func explicitDisk() throws {
        let root = Harness.fixtures.appendingPathComponent("desktop-sata-nvme/root").path
        let result = try Harness.hwcheck(["--sysroot", root, "--disk", "sda", "--json"])
        #expect(result.status == 0)
        #expect(result.stdout.contains("\"B2\": \"47TETN0DT\""))
        #expect(result.stdout.contains("\"method\": \"explicit\""))
    }

    @Test func specRoundTripsAndBadSpecExits65() throws {
        let printed = try Harness.hwcheck(["spec"])
        #expect(printed.status == 0)
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("hwcheck-spec-\(getpid())")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let root = Harness.fixtures.appendingPathComponent("seed-m903g6g4/root").path

        // The printed spec, given back, gives the same report as the built-in one.
        let copy = directory.appendingPathComponent("spec.json")
        try printed.stdout.write(to: copy, atomically: true, encoding: .utf8)
        let builtIn = try Harness.hwcheck(["--sysroot", root, "--json"])
        let fromFile = try Harness.hwcheck(["--sysroot", root, "--json", "--spec", copy.path])
        #expect(fromFile.stdout == builtIn.stdout)

        // A spec without B3 no longer fails the seed's empty board serial.
        let withoutB3 = printed.stdout.replacingOccurrences(of: "\"source\": \"dmi.board_serial\"", with: "\"source\": \"dmi.product_serial\"")
        try withoutB3.write(to: copy, atomically: true, encoding: .utf8)
        let relaxed = try Harness.hwcheck(["--sysroot", root, "--json", "--spec", copy.path])
        #expect(relaxed.stdout.contains("\"B3\": \"M903G6G4\""))

        let broken = directory.appendingPathComponent("broken.json")
        try "{\"specVersion\": 1, \"rows\": [".write(to: broken, atomically: true, encoding: .utf8)
        let bad = try Harness.hwcheck(["--spec", broken.path])
        #expect(bad.status == 65)
        #expect(bad.stderr.hasPrefix("hwcheck: --spec \(broken.path): "))

        let unknownSource = printed.stdout.replacingOccurrences(of: "disk.system.serial", with: "disk.any")
        try unknownSource.write(to: broken, atomically: true, encoding: .utf8)
        let badSource = try Harness.hwcheck(["--spec", broken.path])
        #expect(badSource.status == 65)
        #expect(badSource.stderr.contains("row B2: unknown source \"disk.any\""))

        let missing = try Harness.hwcheck(["--spec", directory.appendingPathComponent("none.json").path])
        #expect(missing.status == 66)
    }

    /// Not root, for real: the DMI serials are 0400 as the kernel makes them (BARs 0600, config space cut at 64
    /// bytes) and hwcheck runs as another user. They must be "unreadable (needs root)", never empty, the hot-plug
    /// bits unknown, and the verdict undetermined (exit 2).
    @Test(.enabled(if: Harness.isRoot, "needs root to drop privileges"))
    func nonRootIsUndetermined() throws {
        let result = try Harness.runAsNonRoot("desktop-sata-nvme")
        #expect(result.status == 2, "stderr: \(result.stderr)")
        try Harness.expect(result.stdout, matches: Harness.fixtures.appendingPathComponent("desktop-sata-nvme/expected/nonroot-report.json"))
    }
}

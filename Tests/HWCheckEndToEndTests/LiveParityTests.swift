import Foundation
import Testing

/// The live path (libudev, /proc/self/mountinfo, the ethtool ioctl) run against a fixture must report exactly
/// what `--sysroot` reports for it. In a private mount namespace the fixture's sys/, run/udev/ and pci.ids folder
/// are bind-mounted over the host's, and its mountinfo over this process's own; an empty network namespace keeps
/// the host's interfaces from answering for the recorded ones (shared TESTING.md; `Harness.live`). Fixtures carry
/// `subsystem` links as real sysfs does: libudev needs them. Needs root (CI and developers run as root).
/// Fixtures with a `NO_LIVE_PARITY` file (which says why) are left out, and the reason is printed.
@Suite(.enabled(if: Harness.isRoot, "needs root for mount namespaces"))
struct LiveParityTests {
    @Test(arguments: Harness.parityMachines)
    func liveRunMatchesSysroot(machine: String) throws {
        let root = Harness.fixtures.appendingPathComponent("\(machine)/root").path
        let recorded = try Harness.hwcheck(["--sysroot", root, "--json"])
        let live = try Harness.live(root: root, arguments: ["--json"])
        guard Harness.hasMountinfo(machine) else {
            // Live without /proc the Swift runtime finds no arguments: hwcheck refuses rather than ignore --json.
            // What the recording shows without mountinfo is a gap in the recording, which --sysroot reports.
            // An ASan build cannot read its options without /proc either (sanitizer_common reads /proc/self/environ):
            // its LeakSanitizer then stops the exit with a fatal error and status 1, after hwcheck's refusal.
            let leakSanitizerStopped = live.stderr.contains("LeakSanitizer has encountered a fatal error")
            #expect((live.status == 70 || leakSanitizerStopped) && live.stdout == "", "\(machine): \(live.status) \(live.stdout)")
            #expect(live.stderr.contains("hwcheck: cannot read its command line: /proc is not mounted"), "\(live.stderr)")
            #expect(recorded.status != 70 && recorded.stdout.hasPrefix("{"), "\(machine): --sysroot gives its report")
            return
        }
        #expect(live.stderr == "")
        #expect(live.status == recorded.status)
        #expect(live.stdout == recorded.stdout, "live libudev run differs from --sysroot for \(machine)")
    }

    @Test func excludedFixturesSayWhy() {
        for machine in Harness.machines {
            guard let reason = Harness.noLiveParityReason(machine) else { continue }
            #expect(!reason.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty, "\(machine)/NO_LIVE_PARITY is empty")
            print("live parity skipped for \(machine): \(reason.split(separator: "\n").joined(separator: " "))")
        }
    }
}

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
        // Without /proc (no recorded mountinfo) hwcheck gets no arguments live: both runs are then the text report.
        let arguments = Harness.hasMountinfo(machine) ? ["--json"] : []
        let recorded = try Harness.hwcheck(["--sysroot", root] + arguments)
        let live = try Harness.live(root: root, arguments: arguments)
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

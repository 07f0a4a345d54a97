import Foundation
import Testing

/// The live path (libudev, /proc/self/mountinfo, the ethtool ioctl) run against a fixture must report exactly
/// what `--sysroot` reports for it. In a private mount namespace the fixture's sys/, run/udev/ and pci.ids folder
/// are bind-mounted over the host's, and its mountinfo over this process's own; an empty network namespace keeps
/// the host's interfaces from answering for the recorded ones (shared TESTING.md). Fixtures carry `subsystem`
/// links as real sysfs does: libudev needs them. Needs root (CI and developers run as root).
@Suite(.enabled(if: Harness.isRoot, "needs root for mount namespaces"))
struct LiveParityTests {
    @Test(arguments: Harness.machines)
    func liveRunMatchesSysroot(machine: String) throws {
        let root = Harness.fixtures.appendingPathComponent("\(machine)/root").path
        let recorded = try Harness.hwcheck(["--sysroot", root, "--json"])

        // /run/udev may not exist on the host, and a fixture may have no udev database: a private tmpfs on /run
        // gives a mount point either way, and an empty one when the fixture has none.
        let script = """
            set -e
            mount --make-rprivate /
            mount -t tmpfs tmpfs /run
            mkdir -p /run/udev
            if [ -d "$FIX/run/udev" ]; then mount --bind "$FIX/run/udev" /run/udev; fi
            mount --bind "$FIX/usr/share/misc" /usr/share/misc
            mount --bind "$FIX/sys" /sys
            # Only mountinfo: the Swift runtime reads argv from /proc/self/cmdline. `exec` keeps this pid.
            mount --bind "$FIX/proc/self/mountinfo" /proc/$$/mountinfo
            exec env SYSTEMD_DEVICE_VERIFY_SYSFS=0 "$HWCHECK" --json
            """
        let live = try Harness.run("/usr/bin/unshare", ["--mount", "--net", "/bin/sh", "-c", script],
                                   environment: ["FIX": root, "HWCHECK": Harness.binary])
        #expect(live.stderr == "")
        #expect(live.status == recorded.status)
        #expect(live.stdout == recorded.stdout, "live libudev run differs from --sysroot for \(machine)")
    }
}

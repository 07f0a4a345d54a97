import Foundation
import Testing

/// Live runs against a fixture in a private mount namespace, strace, and generated machines.
extension Harness {
    /// Why a fixture is left out of the live parity test (its `NO_LIVE_PARITY` file), or nil.
    static func noLiveParityReason(_ machine: String) -> String? {
        try? String(contentsOf: fixtures.appendingPathComponent("\(machine)/NO_LIVE_PARITY"), encoding: .utf8)
    }

    /// The fixture records proc/self/mountinfo. One that does not is replayed live without /proc, where the Swift
    /// runtime cannot find the process's arguments (it reads /proc/self/maps) and hwcheck refuses to run (70).
    static func hasMountinfo(_ machine: String) -> Bool {
        FileManager.default.fileExists(atPath: fixtures.appendingPathComponent("\(machine)/root/proc/self/mountinfo").path)
    }

    /// Fixtures whose live libudev run must equal their --sysroot run: all but those marked NO_LIVE_PARITY.
    static var parityMachines: [String] { machines.filter { noLiveParityReason($0) == nil } }

    static var hasStrace: Bool { FileManager.default.isExecutableFile(atPath: "/usr/bin/strace") }

    /// For runs under strace: LeakSanitizer cannot work under ptrace and fails the run (ASan builds only;
    /// ignored otherwise). Leaks are still checked by every untraced run of the ASan suite.
    static let tracedEnvironment = ["ASAN_OPTIONS": "detect_leaks=0"]

    /// Runs hwcheck's live path (libudev, /proc/self/mountinfo, the ethtool ioctl) against the system root
    /// `root`: in a private mount namespace the fixture's sys/, run/udev/ and pci.ids folder are bind-mounted
    /// over the host's, and its mountinfo over this process's own; an empty network namespace keeps the host's
    /// interfaces from answering for the recorded ones (shared TESTING.md). With `readOnly` every mount the run
    /// can see (the whole file system and each bind of the fixture) is remounted read-only first; with
    /// `straceLog` the run is traced (file and network system calls) into that file.
    static func live(root: String, arguments: [String] = ["--json"], readOnly: Bool = false,
                     straceLog: String? = nil) throws -> Result {
        // /run/udev may not exist on the host, and a fixture may have no udev database: a private tmpfs on /run
        // gives a mount point either way, and an empty one when the fixture has none. A fixture without
        // usr/share/misc gets an empty folder there too.
        let script = """
            set -e
            mount --make-rprivate /
            mount -t tmpfs tmpfs /run
            mkdir -p /run/udev /run/hwcheck-empty
            if [ -d "$FIX/run/udev" ]; then mount --bind "$FIX/run/udev" /run/udev; fi
            if [ -d "$FIX/usr/share/misc" ]; then mount --bind "$FIX/usr/share/misc" /usr/share/misc
            else mount --bind /run/hwcheck-empty /usr/share/misc; fi
            mount --bind "$FIX/sys" /sys
            # Only mountinfo: the Swift runtime finds argv through /proc/self (maps). `exec` keeps this pid. A fixture
            # without mountinfo is a machine without /proc (a chroot): an empty tmpfs there, where hwcheck cannot
            # read its arguments and says so (Harness.hasMountinfo).
            if [ -f "$FIX/proc/self/mountinfo" ]; then
              mount --bind "$FIX/proc/self/mountinfo" /proc/$$/mountinfo; PROCMOUNT=/proc/$$/mountinfo
            else
              mount -t tmpfs tmpfs /proc; PROCMOUNT=/proc
            fi
            if [ "$READONLY" = 1 ]; then
              for m in / /run /run/udev /usr/share/misc /sys "$PROCMOUNT"; do mount -o remount,bind,ro "$m"; done
            fi
            exec env SYSTEMD_DEVICE_VERIFY_SYSFS=0 "$HWCHECK" "$@"
            """
        let unshare = ["/usr/bin/unshare", "--mount", "--net", "/bin/sh", "-c", script, "sh"] + arguments
        let environment = ["FIX": root, "HWCHECK": binary, "READONLY": readOnly ? "1" : "0"]
        guard let straceLog else { return try run(unshare[0], Array(unshare.dropFirst()), environment: environment) }
        // strace runs outside the namespace (its log stays writable); `TracedCall.hwcheck` picks hwcheck's calls.
        return try run("/usr/bin/strace", ["-f", "-qq", "-y", "-e", TracedCall.traced, "-o", straceLog] + unshare,
                       environment: environment.merging(tracedEnvironment) { _, traced in traced })
    }

    /// A fresh temporary directory, removed by the caller.
    static func temporaryDirectory(_ name: String) throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("hwcheck-\(name)-\(getpid())-\(UInt32.random(in: 0...UInt32.max))")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }

    /// Writes a generated machine with `count` disks and `count` NICs to DIR/root (fixtures/build_hostile.py).
    static func generateMachine(count: Int, into directory: URL) throws -> String {
        let built = try run("/usr/bin/env", ["python3", fixtures.appendingPathComponent("build_hostile.py").path,
                                             "--many", String(count), directory.path])
        #expect(built.status == 0, "build_hostile.py --many: \(built.stderr)")
        return directory.appendingPathComponent("root").path
    }
}

/// One system call strace logged: "1234 openat(AT_FDCWD, "/sys/...", O_RDONLY|O_CLOEXEC) = 3".
struct TracedCall {
    var name: String
    var line: String
    /// The path the call names: its first quoted argument ("" for fd-relative calls; none for write, whose quoted
    /// argument is data, and for readlink's second, which is what the link holds, not a path opened).
    var paths: [String]

    /// What the tests trace: every call that names a file, every network call, and the calls that change files.
    static let traced = "trace=%file,%network,creat,truncate,ftruncate,write"

    /// The calls the hwcheck process made: those of the pid that executed `binary`, from that execve on
    /// (hwcheck starts no other process; strace -f prefixes each line with the pid).
    static func hwcheck(_ log: String, binary: String) -> [TracedCall] {
        let lines = log.split(separator: "\n").map(String.init)
        guard let start = lines.firstIndex(where: { $0.contains("execve(\"\(binary)\"") }) else { return [] }
        let pid = lines[start].prefix(while: { $0.isNumber })
        return parse(lines[start...].filter { $0.hasPrefix(pid + " ") }.joined(separator: "\n"))
    }

    static func parse(_ log: String) -> [TracedCall] {
        log.split(separator: "\n").compactMap { raw in
            let line = String(raw)
            var rest = Substring(line).drop(while: { $0.isNumber })
            rest = rest.drop(while: { $0 == " " })
            guard let paren = rest.firstIndex(of: "(") else { return nil }
            let name = String(rest[..<paren])
            var paths: [String] = []
            let scan = rest[paren...]
            if name != "write", let open = scan.firstIndex(of: "\""),
               case let after = scan[scan.index(after: open)...], let close = after.firstIndex(of: "\"") {
                var path = String(after[..<close])
                while path.hasPrefix("//") { path.removeFirst() }
                if !path.isEmpty { paths.append(path) }
            }
            // With strace -y a returned descriptor shows the file the kernel opened ("= 3</real/path>"): links
            // the kernel followed (in a path given to a library, say) show up there.
            if let equals = line.range(of: ") = ", options: .backwards), case let result = line[equals.upperBound...],
               let open = result.firstIndex(of: "<"), let close = result.lastIndex(of: ">"), open < close {
                paths.append(String(result[result.index(after: open)..<close]))
            }
            return TracedCall(name: name, line: line, paths: paths)
        }
    }

    /// An open that can create or change a file.
    var writes: Bool {
        if ["creat", "truncate", "ftruncate", "rename", "renameat", "renameat2", "unlink", "unlinkat", "mkdir", "mkdirat",
            "rmdir", "symlink", "symlinkat", "link", "linkat", "chmod", "fchmodat", "chown", "fchownat"].contains(name) {
            return true
        }
        guard name == "open" || name == "openat" || name == "openat2" else { return false }
        return line.contains("O_WRONLY") || line.contains("O_RDWR") || line.contains("O_CREAT") || line.contains("O_TRUNC")
    }
}

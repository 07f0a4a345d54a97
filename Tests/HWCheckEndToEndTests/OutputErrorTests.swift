import Foundation
import Testing

/// A report that could not be written never ends with a verdict (issue 9 items 6 and 7): a failed write is exit 74
/// with one line, a closed pipe is 74 without a word, and `--output` never replaces what is not a regular file.
@Suite struct OutputErrorTests {
    static let root = Harness.fixtures.appendingPathComponent("seed-m903g6g4/root").path
    static let report = Harness.fixtures.appendingPathComponent("seed-m903g6g4/expected/report.json").path

    /// Runs hwcheck through sh with standard output redirected as `redirection` says (`>/dev/full`, `>&-`).
    static func redirected(_ redirection: String, _ arguments: [String]) throws -> Harness.Result {
        try Harness.run("/bin/sh", ["-c", "exec \"$0\" \"$@\" \(redirection)", Harness.binary] + arguments)
    }

    static let commands: [[String]] = [
        ["--sysroot", root, "--json"], ["--sysroot", root], ["spec"], ["explain", "B2"], ["explain", "list"],
        ["fleet", report], ["fleet", "--format", "json", report],
    ]

    @Test(arguments: commands)
    func fullDiskIsExit74(arguments: [String]) throws {
        let result = try Self.redirected(">/dev/full", arguments)
        #expect(result.status == 74, "\(arguments): \(result.stderr)")
        #expect(result.stderr == "hwcheck: standard output: no space left on device (the report was not written)\n")
    }

    @Test func traceFullDiskIsExit74() throws {
        let scratch = try makeScratchDirectory("trace-full")
        defer { try? FileManager.default.removeItem(at: scratch) }
        let records = scratch.appendingPathComponent("r.csv").path
        try "id,biosSerial\nr1,M903G6G4\n".write(toFile: records, atomically: true, encoding: .utf8)
        let result = try Self.redirected(">/dev/full", ["trace", records, "--reports", Self.report])
        #expect(result.status == 74, "\(result.stderr)")
        #expect(result.stderr == "hwcheck: standard output: no space left on device (the report was not written)\n")
    }

    /// fleet import's summary line comes from hwcheck-inventory: its write errors are 74 too.
    @Test func fleetImportFullDiskIsExit74() throws {
        let scratch = try makeScratchDirectory("import-full")
        defer { try? FileManager.default.removeItem(at: scratch) }
        let database = scratch.appendingPathComponent("fleet.db").path
        let result = try Self.redirected(">/dev/full", ["fleet", "import", "--db", database, Self.report])
        #expect(result.status == 74, "\(result.stderr)")
        #expect(result.stderr.hasSuffix("hwcheck: standard output: no space left on device (the report was not written)\n"))
    }

    @Test func closedStandardOutputIsExit74() throws {
        let result = try Self.redirected(">&-", ["--sysroot", Self.root, "--json"])
        #expect(result.status == 74)
        #expect(result.stderr == "hwcheck: standard output: closed or not open for writing (the report was not written)\n")
    }

    /// A reader that went away: EPIPE, exit 74, nothing on standard error, not a death by SIGPIPE.
    @Test(arguments: [["--sysroot", root, "--json"], ["spec"], ["fleet", report]])
    func brokenPipeEndsQuietly(arguments: [String]) throws {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: Harness.binary)
        process.arguments = arguments
        process.environment = ["PATH": "/usr/bin:/bin", "LANG": "C.UTF-8"]
        let out = Pipe(), err = Pipe()
        try out.fileHandleForReading.close()  // no reader: the first write is EPIPE
        process.standardOutput = out
        process.standardError = err
        process.standardInput = FileHandle.nullDevice
        try process.run()
        let stderr = err.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        #expect(process.terminationReason == .exit, "killed by signal \(process.terminationStatus)")
        #expect(process.terminationStatus == 74)
        #expect(stderr.isEmpty, "\(String(decoding: stderr, as: UTF8.self))")
    }

    @Test func outputToAFullDeviceIsExit74() throws {
        let result = try Harness.hwcheck(["--sysroot", Self.root, "--json", "-o", "/dev/full"])
        #expect(result.status == 74)
        #expect(result.stderr == "hwcheck: --output /dev/full: no space left on device (the report was not written)\n")
        var info = stat()
        #expect(stat("/dev/full", &info) == 0 && (info.st_mode & S_IFMT) == S_IFCHR)
    }

    /// A target that is not a regular file is written in place: a link to standard output gets the report and
    /// stays a link; a device node (made as root, so the real /dev/null is never at risk) stays a device.
    @Test func outputIntoNonRegularTargetsInPlace() throws {
        let scratch = try makeScratchDirectory("output-inplace")
        defer { try? FileManager.default.removeItem(at: scratch) }
        let link = scratch.appendingPathComponent("stdout").path
        try FileManager.default.createSymbolicLink(atPath: link, withDestinationPath: "/proc/self/fd/1")
        let viaLink = try Harness.hwcheck(["--sysroot", Self.root, "--json", "-o", link])
        #expect(viaLink.status == 1, "\(viaLink.stderr)")
        #expect(viaLink.stdout == (try String(contentsOfFile: Self.report, encoding: .utf8)))
        #expect((try? FileManager.default.destinationOfSymbolicLink(atPath: link)) == "/proc/self/fd/1")
        #expect(try FileManager.default.contentsOfDirectory(atPath: scratch.path) == ["stdout"])

        guard Harness.isRoot else { return }
        let null = scratch.appendingPathComponent("null").path
        #expect(mknod(null, S_IFCHR | 0o666, makedev(1, 3)) == 0)
        let quiet = try Harness.hwcheck(["--sysroot", Self.root, "-q", "-o", null])
        #expect(quiet.status == 1, "\(quiet.stderr)")
        var info = stat()
        #expect(lstat(null, &info) == 0 && (info.st_mode & S_IFMT) == S_IFCHR, "the device node was replaced")
    }

    /// An existing regular file is replaced atomically but keeps its mode.
    @Test func outputKeepsTheModeOfAnExistingFile() throws {
        let scratch = try makeScratchDirectory("output-mode")
        defer { try? FileManager.default.removeItem(at: scratch) }
        let file = scratch.appendingPathComponent("pc1.json").path
        #expect(FileManager.default.createFile(atPath: file, contents: Data("old".utf8), attributes: [.posixPermissions: 0o600]))
        #expect(try Harness.hwcheck(["--sysroot", Self.root, "--json", "-o", file]).status == 1)
        var info = stat()
        #expect(stat(file, &info) == 0 && info.st_mode & 0o7777 == 0o600)
        #expect(try String(contentsOfFile: file, encoding: .utf8) == (try String(contentsOfFile: Self.report, encoding: .utf8)))
    }

    @Test func negativeFleetLimitIsAUsageError() throws {
        let result = try Harness.hwcheck(["fleet", "--limit=-1", Self.report])
        #expect(result.status == 64)
        #expect(result.stdout == "")
        #expect(result.stderr == "hwcheck: --limit -1: give a count of 0 or more (see 'hwcheck fleet --help')\n")
    }
}

private func makedev(_ major: UInt32, _ minor: UInt32) -> dev_t {
    dev_t((UInt64(major) << 8) | UInt64(minor))
}

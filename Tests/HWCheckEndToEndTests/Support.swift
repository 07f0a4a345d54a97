import Foundation
import Testing

/// Runs the built `hwcheck` binary and compares its output with expected files beside the fixtures.
/// `RECORD=1 swift test` rewrites the expected files and fails, so nothing is committed by accident.
enum Harness {
    static let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()
    static let fixtures = repository.appendingPathComponent("fixtures")

    /// The binary built beside this test bundle.
    static var binary: String {
        let executable = URL(fileURLWithPath: "/proc/self/exe").resolvingSymlinksInPath()
        return executable.deletingLastPathComponent().appendingPathComponent("hwcheck").path
    }

    static var recording: Bool { ProcessInfo.processInfo.environment["RECORD"] == "1" }
    static var isRoot: Bool { getuid() == 0 }

    /// Every fixture: a folder under fixtures/ with a root/ inside.
    static var machines: [String] {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: fixtures.path)) ?? []
        return names.filter { FileManager.default.fileExists(atPath: fixtures.appendingPathComponent("\($0)/root").path) }.sorted()
    }

    struct Result {
        var stdout: String
        var stderr: String
        var status: Int32
    }

    static func run(_ executable: String, _ arguments: [String], environment: [String: String] = [:],
                    removing: [String] = []) throws -> Result {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        // A fixed, colourless environment: the report must not depend on the developer's locale.
        var env = ["PATH": "/usr/sbin:/usr/bin:/sbin:/bin", "NO_COLOR": "1", "LANG": "C.UTF-8"]
        env.merge(environment) { _, new in new }
        for name in removing { env[name] = nil }
        process.environment = env
        let out = Pipe(), err = Pipe()
        process.standardOutput = out
        process.standardError = err
        process.standardInput = FileHandle.nullDevice
        try process.run()
        let stdout = out.fileHandleForReading.readDataToEndOfFile()
        let stderr = err.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return Result(stdout: String(decoding: stdout, as: UTF8.self), stderr: String(decoding: stderr, as: UTF8.self),
                      status: process.terminationStatus)
    }

    /// Runs with `input` on standard input.
    static func runWithInput(_ executable: String, _ arguments: [String], input: String) throws -> Result {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        process.environment = ["PATH": "/usr/sbin:/usr/bin:/sbin:/bin", "NO_COLOR": "1", "LANG": "C.UTF-8"]
        let out = Pipe(), err = Pipe(), inPipe = Pipe()
        process.standardOutput = out
        process.standardError = err
        process.standardInput = inPipe
        try process.run()
        inPipe.fileHandleForWriting.write(Data(input.utf8))
        try inPipe.fileHandleForWriting.close()
        let stdout = out.fileHandleForReading.readDataToEndOfFile()
        let stderr = err.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return Result(stdout: String(decoding: stdout, as: UTF8.self), stderr: String(decoding: stderr, as: UTF8.self),
                      status: process.terminationStatus)
    }

    static func hwcheck(_ arguments: [String], environment: [String: String] = [:]) throws -> Result {
        try run(binary, arguments, environment: environment)
    }

    /// Compares `actual` with the expected file, or records it.
    static func expect(_ actual: String, matches path: URL, sourceLocation: SourceLocation = #_sourceLocation) throws {
        if recording {
            try FileManager.default.createDirectory(at: path.deletingLastPathComponent(), withIntermediateDirectories: true)
            try actual.write(to: path, atomically: true, encoding: .utf8)
            Issue.record("recorded \(path.path); run again without RECORD=1", sourceLocation: sourceLocation)
            return
        }
        let expected = try String(contentsOf: path, encoding: .utf8)
        #expect(actual == expected, "output differs from \(path.path)", sourceLocation: sourceLocation)
    }

    /// Runs hwcheck --json as uid 4242 over a copy of `machine`'s root prepared as the kernel shows sysfs to a
    /// non-root user: the DMI serials 0400, PCI BARs (`resource[0-9]`) 0600, config space cut at 64 bytes.
    static func runAsNonRoot(_ machine: String) throws -> Result {
        let copy = FileManager.default.temporaryDirectory.appendingPathComponent("hwcheck-nonroot-\(machine)-\(getpid())")
        defer { try? FileManager.default.removeItem(at: copy) }
        let prepare = """
            set -e
            cp -a "$SRC" "$DST"
            chmod -R a+rX "$DST"
            chmod 0755 "$(dirname "$DST")" 2>/dev/null || true
            cd "$DST/sys/devices/virtual/dmi/id"
            chmod 0400 product_serial board_serial product_uuid chassis_serial 2>/dev/null || true
            cd "$DST/sys/devices"
            find . -name 'resource[0-9]' -exec chmod 0600 {} +
            find . -name config -exec truncate -s 64 {} +
            """
        let source = fixtures.appendingPathComponent("\(machine)/root").path
        let prepared = try run("/bin/sh", ["-c", prepare], environment: ["SRC": source, "DST": copy.path])
        #expect(prepared.status == 0, "\(prepared.stderr)")
        return try run("/usr/bin/setpriv", ["--reuid=4242", "--regid=4242", "--clear-groups", binary, "--sysroot", copy.path, "--json"])
    }
}

/// A private temporary directory, removed by the caller.
func makeScratchDirectory(_ name: String) throws -> URL {
    let directory = FileManager.default.temporaryDirectory.appendingPathComponent("hwcheck-\(name)-\(getpid())-\(UUID().uuidString.prefix(8))")
    try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    return directory
}

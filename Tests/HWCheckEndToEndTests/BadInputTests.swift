import Foundation
import Testing

/// Bad arguments and bad files: each gives one line on stderr that names the problem and the fix, the documented
/// exit code (README), and nothing on stdout. (`--output` is not on this branch yet: the fleet branch adds it, and
/// with it the "no partial output file" test.)
@Suite struct BadInputTests {
    struct Case: CustomTestStringConvertible, Sendable {
        var name: String
        var arguments: [String]
        var status: Int32
        /// Substrings the one line must hold: the problem, then the fix.
        var says: [String]
        var testDescription: String { name }
    }

    /// A fresh folder with the bad files; "$DIR" in a case's arguments stands for it. Removed by the caller.
    static func makeDirectory() throws -> URL {
        let url = try Harness.temporaryDirectory("badinput")
        try "{\"specVersion\": 1, \"rows\": [".write(to: url.appendingPathComponent("truncated.json"), atomically: true, encoding: .utf8)
        try Data([0xFF, 0x00, 0x1B, 0x5B, 0x32, 0x4A, 0x7B]).write(to: url.appendingPathComponent("binary.json"))
        try "{\"specVersion\": 2}".write(to: url.appendingPathComponent("v2.json"), atomically: true, encoding: .utf8)
        try "not a folder\n".write(to: url.appendingPathComponent("file"), atomically: true, encoding: .utf8)
        return url
    }

    static var cases: [Case] {
        let dir = "$DIR"
        return [
            Case(name: "unknown flag", arguments: ["--no-such-flag"], status: 64, says: ["--no-such-flag", "hwcheck --help"]),
            Case(name: "unknown flag of spec", arguments: ["spec", "--bogus"], status: 64, says: ["--bogus", "hwcheck spec --help"]),
            Case(name: "fleet import without reports", arguments: ["fleet", "import", "--db", "x.db"], status: 64,
                 says: ["<REPORTS>", "hwcheck fleet import --help"]),
            Case(name: "missing value", arguments: ["--sysroot"], status: 64, says: ["--sysroot", "hwcheck --help"]),
            Case(name: "bad language", arguments: ["--lang", "fr"], status: 64, says: ["'fr'", "'en' and 'zh'"]),
            Case(name: "extra argument", arguments: ["--json", "extra"], status: 64, says: ["'extra'", "hwcheck --help"]),
            Case(name: "sysroot missing", arguments: ["--sysroot", "\(dir)/none"], status: 66,
                 says: ["no such directory", "give the folder that holds sys/"]),
            // A file given as --sysroot is taken for a bundle archive; one that is not is bad input data.
            Case(name: "sysroot is a file", arguments: ["--sysroot", "\(dir)/file"], status: 65,
                 says: ["not a bundle", "hwcheck bundle"]),
            Case(name: "spec missing", arguments: ["--spec", "\(dir)/none.json"], status: 66, says: ["no such file", "hwcheck spec > FILE"]),
            Case(name: "spec is a directory", arguments: ["--spec", dir], status: 66, says: ["EISDIR", "hwcheck spec > FILE"]),
            Case(name: "spec truncated", arguments: ["--spec", "\(dir)/truncated.json"], status: 65, says: ["not valid JSON", "hwcheck spec"]),
            Case(name: "spec binary", arguments: ["--spec", "\(dir)/binary.json"], status: 65, says: ["not valid JSON", "hwcheck spec"]),
            Case(name: "spec version", arguments: ["--spec", "\(dir)/v2.json"], status: 65, says: ["hwcheck spec"]),
        ]
    }

    @Test(arguments: cases)
    func oneLineErrorAndExitCode(_ bad: Case) throws {
        let directory = try Self.makeDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let result = try Harness.hwcheck(bad.arguments.map { $0.replacingOccurrences(of: "$DIR", with: directory.path) })
        #expect(result.status == bad.status, "stderr: \(result.stderr)")
        #expect(result.stdout == "")
        #expect(result.stderr.hasPrefix("hwcheck: "))
        #expect(result.stderr.hasSuffix("\n") && result.stderr.filter { $0 == "\n" }.count == 1, "not one line: \(result.stderr)")
        for text in bad.says { #expect(result.stderr.contains(text), "\(bad.name): \(result.stderr) lacks \(text)") }
    }

    /// An unreadable spec file, for real: as another user (root reads any file).
    @Test(.enabled(if: Harness.isRoot, "needs root to drop privileges"))
    func unreadableSpec() throws {
        let directory = try Self.makeDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let file = directory.appendingPathComponent("secret.json")
        try "{}".write(to: file, atomically: true, encoding: .utf8)
        chmod(file.path, 0o600)
        chmod(directory.path, 0o755)
        let result = try Harness.run("/usr/bin/setpriv", ["--reuid=4242", "--regid=4242", "--clear-groups", Harness.binary,
                                                          "--spec", file.path])
        #expect(result.status == 66)
        #expect(result.stdout == "")
        #expect(result.stderr == "hwcheck: --spec \(file.path): permission denied (make it readable for this user, or run as root)\n")
    }

    /// --help and --version still print normally and exit 0.
    @Test func helpAndVersion() throws {
        let help = try Harness.hwcheck(["--help"])
        #expect(help.status == 0)
        #expect(help.stdout.contains("EXIT CODES"))
        let version = try Harness.hwcheck(["--version"])
        #expect(version.status == 0)
        #expect(version.stdout == "0.1.0\n")
    }
}

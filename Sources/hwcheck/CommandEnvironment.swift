import ArgumentParser
import HWCheckCore
import HWCheckFleet

#if canImport(Glibc)
import Glibc
#endif

/// Runs a command body and ends the process as the README's exit codes say: the body's code, or the error's
/// (CommandExit, the one mapping every command and hwcheck-inventory use) with its line on standard error.
func runMappingErrors(_ body: () throws -> Int32) throws {
    let code: Int32
    do {
        code = try body()
    } catch let exit as ExitCode {
        throw exit
    } catch {
        if let message = CommandExit.message(for: error) { DescriptorOutput.standardError(message) }
        throw ExitCode(CommandExit.exitCode(for: error))
    }
    if code != 0 { throw ExitCode(code) }
}

enum Environment {
    /// $TMPDIR, else /tmp: where `--sysroot ARCHIVE` is extracted.
    static var temporaryDirectory: String {
        let value = current["TMPDIR"] ?? ""
        return value.hasPrefix("/") ? value : "/tmp"
    }

    static var current: [String: String] { ProcessEnvironment.current }
}

/// An absolute path for a path given on the command line.
func absolutePath(_ path: String) -> String {
    if path.hasPrefix("/") { return path }
    var buffer = [CChar](repeating: 0, count: 4096)
    guard getcwd(&buffer, buffer.count) != nil else { return path }
    return String(decoding: buffer.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self) + "/" + path
}

import HWCheckCommandLine
import HWCheckCore

#if canImport(Glibc)
import Glibc
#endif

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

/// `--lang en|zh`: the option, and the language it names.
enum LanguageOption {
    static let choices = ValueKind.choice(["en", "zh"])

    static func option(_ help: String) -> Argument {
        .option("lang", value: choices, valueName: "lang", help: help)
    }

    /// The language `--lang` gave, or nil.
    static func language(_ invocation: Invocation) -> Language? {
        invocation.value("lang").map { $0 == "zh" ? .zh : .en }
    }
}

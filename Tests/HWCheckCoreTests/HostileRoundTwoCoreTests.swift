import Foundation
import Testing
@testable import HWCheckCore

#if canImport(Glibc)
import Glibc
#endif

/// Issue 9 (hostile input, round 2), the core side: spec files and file reads under a root.
@Suite struct HostileRoundTwoCoreTests {
    /// JSONDecoder keeps the last of two equal keys silently; the spec decoder names the repeated key.
    @Test(arguments: [
        (#"{"a": 1, "a": 2}"#, "a"),
        (#"{"rows": [{"id": "B1", "id": "B2"}]}"#, "id"),
        (#"{"x": {"k": 1}, "y": {"k": 1}, "x": 0}"#, "x"),
        (#"{"a\"b": 1, "a\"b": 2}"#, #"a\"b"#),
    ])
    func repeatedKeysAreFound(text: String, key: String) {
        #expect(Spec.repeatedKey(in: Array(text.utf8)) == key)
    }

    @Test(arguments: [#"{"a": 1, "b": {"a": 2}}"#, #"{"a": ["a", "a"], "b": "a"}"#, #"[{"a": 1}, {"a": 1}]"#, #"{"a,": 1, "a": ",\"a\""}"#])
    func distinctKeysPass(text: String) {
        #expect(Spec.repeatedKey(in: Array(text.utf8)) == nil)
    }

    @Test func builtInSpecHasNoRepeatedKey() {
        #expect(Spec.repeatedKey(in: PackageResources.default_spec_json) == nil)
    }

    /// A file over the read limit was cut at 1 MiB without a word; now it is read whole up to 16 MiB, and a
    /// longer one fails with EFBIG (unreadable, with a reason) instead of being cut.
    @Test func longFilesAreReadWholeOrFail() throws {
        let root = "/tmp/hwcheck-long-\(getpid())"
        mkdir(root, 0o700)
        defer { try? FileManager.default.removeItem(atPath: root) }
        let two = [UInt8](repeating: 0x61, count: 2 << 20)
        try Data(two).write(to: URL(fileURLWithPath: root + "/two"))
        try Data(count: SystemRoot.maximumReadSize + 1).write(to: URL(fileURLWithPath: root + "/over"))
        let files = SystemRoot(path: root)
        #expect(files.read("two") == .bytes(two))
        #expect(files.read("over") == .failed(errno: EFBIG))
    }
}

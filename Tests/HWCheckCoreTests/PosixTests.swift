import Foundation
import Testing
@testable import HWCheckCore

/// The one home of POSIX plumbing: errno words, directory names, whole-file reads with a limit.
@Suite struct PosixTests {
    @Test func errnoWordsKeepBothForms() {
        // A report's detail names the errno; a command's message says a plain phrase.
        #expect(ErrorText.describe(errno: EIO) == "EIO (\(String(cString: strerror(EIO))))")
        #expect(ErrorText.describe(errno: ENOENT) == "errno \(ENOENT) (\(String(cString: strerror(ENOENT))))")
        #expect(ErrnoError(code: EACCES).text == "permission denied")
        #expect(ErrnoError(code: ENOTDIR).text == "a path component is not a directory")
        #expect(ErrnoError(code: EIO).text == String(cString: strerror(EIO)))
    }

    @Test func directoryNamesAreSortedWithoutDotEntries() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("hwcheck-posix-\(getpid())")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        for name in ["b", ".hidden", "a"] {
            try Data().write(to: directory.appendingPathComponent(name))
        }
        #expect(Posix.directoryNames(directory.path) == [".hidden", "a", "b"])
        #expect(Posix.directoryNames(directory.path + "/missing") == nil)
    }

    @Test func readAllStopsAtTheLimit() throws {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("hwcheck-posix-read-\(getpid())").path
        try Data(repeating: 7, count: 10_000).write(to: URL(fileURLWithPath: path))
        defer { unlink(path) }
        func read(limit: Int, chunk: Int) -> Posix.WholeFile {
            let descriptor = open(path, O_RDONLY)
            defer { close(descriptor) }
            return Posix.readAll(descriptor, limit: limit, chunk: chunk)
        }
        #expect(read(limit: 10_000, chunk: 4096) == .bytes([UInt8](repeating: 7, count: 10_000)))
        #expect(read(limit: 9_999, chunk: 4096) == .tooLarge)
        #expect(read(limit: 9_999, chunk: 1 << 16) == .tooLarge)
        #expect(Posix.readAll(-1, limit: 1) == .failed(errno: EBADF))
    }

    /// With the size known the file is read straight into an array of that size; a file that is larger (it grew
    /// after fstat) is read on in chunks, a smaller one ends early, and the limit holds either way.
    @Test func readAllWithAnExpectedSize() throws {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("hwcheck-posix-sized-\(getpid())").path
        let content = (0..<10_000).map { UInt8(truncatingIfNeeded: $0 * 7) }
        try Data(content).write(to: URL(fileURLWithPath: path))
        defer { unlink(path) }
        func read(limit: Int, expected: Int) -> Posix.WholeFile {
            let descriptor = open(path, O_RDONLY)
            defer { close(descriptor) }
            return Posix.readAll(descriptor, limit: limit, chunk: 4096, expectedSize: expected)
        }
        #expect(read(limit: 1 << 20, expected: 10_000) == .bytes(content))
        #expect(read(limit: 1 << 20, expected: 3_000) == .bytes(content))
        #expect(read(limit: 1 << 20, expected: 50_000) == .bytes(content))
        #expect(read(limit: 10_000, expected: 10_000) == .bytes(content))
        #expect(read(limit: 9_999, expected: 10_000) == .tooLarge)
        #expect(read(limit: 9_999, expected: 3_000) == .tooLarge)
        #expect(Posix.readAll(-1, limit: 1, expectedSize: 10) == .failed(errno: EBADF))
    }
}

#if canImport(Glibc)
import Glibc
#endif
import Testing
@testable import HWCheckCore

/// The hash against coreutils' `sha256sum` (an independent implementation) on random inputs of every length
/// around the block and padding boundaries, fed whole and in uneven pieces.
@Suite struct SHA256ReferenceTests {
    /// `sha256sum` of `bytes`, through a temporary file.
    func reference(_ bytes: [UInt8]) throws -> String {
        let path = "/tmp/hwcheck-sha256-\(getpid())-\(UInt64.random(in: 0...UInt64.max))"
        let descriptor = open(path, O_WRONLY | O_CREAT | O_EXCL, 0o600)
        try #require(descriptor >= 0)
        defer { unlink(path) }
        let written = bytes.withUnsafeBytes { write(descriptor, $0.baseAddress, $0.count) }
        close(descriptor)
        try #require(written == bytes.count)
        let pipe = try #require(popen("sha256sum \(path)", "r"))
        var line = [CChar](repeating: 0, count: 256)
        let got = fgets(&line, Int32(line.count), pipe)
        pclose(pipe)
        try #require(got != nil)
        return String(String(cString: line).prefix(64))
    }

    @Test func matchesSHA256SumOnRandomInputs() throws {
        var generator = SystemRandomNumberGenerator()
        let lengths = Array(0...130) + [191, 192, 193, 1000, 3_071, 4_096, 65_537]
        for length in lengths {
            let bytes = (0..<length).map { _ in UInt8.random(in: 0...255, using: &generator) }
            let expected = try reference(bytes)
            #expect(SHA256.hex(bytes) == expected, "length \(length)")
            // The same bytes in pieces of 1, 7 and 63 bytes: every partial-block path.
            for piece in [1, 7, 63] where length > 0 {
                var hasher = SHA256()
                var start = 0
                while start < length {
                    let end = min(start + piece, length)
                    hasher.update(Array(bytes[start..<end]))
                    start = end
                }
                #expect(Hex.encode(hasher.finalize()) == expected, "length \(length) in pieces of \(piece)")
            }
        }
    }

    /// A raw buffer that does not start on a word boundary: the word loads are unaligned.
    @Test func unalignedInput() throws {
        let bytes = (0..<301).map { UInt8(truncatingIfNeeded: $0 &* 31 &+ 7) }
        let expected = try reference(Array(bytes[1...]))
        var hasher = SHA256()
        bytes.withUnsafeBytes { hasher.update(UnsafeRawBufferPointer(rebasing: $0[1...])) }
        #expect(Hex.encode(hasher.finalize()) == expected)
    }
}

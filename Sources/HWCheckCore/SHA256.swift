// SHA-256 (FIPS 180-4), for redaction tokens and report content hashes.
//
// Written here rather than taken from swift-crypto: that package builds BoringSSL (a first build 1 to 1.5
// minutes longer on the 2-core build machines, every CI run), and hwcheck needs one hash function, not a
// crypto library. Checked against the FIPS 180-4 / NIST example vectors and against `sha256sum` in the tests.
//
// `fleet import` hashes every report (3 KB each, a million per run), so the block function is written for speed:
// no allocation (the partial block lives inline, the schedule on the stack), big-endian words loaded straight
// from the caller's bytes, K[i] + W[i] added while the schedule is built, and the 64 rounds unrolled by eight so
// the eight working variables change roles instead of being shifted along every round (the layout of
// FIPS 180-4 §6.2.2 as OpenSSL's sha256-586 and Linux's lib/crypto/sha256.c write it): 54 instructions a byte
// (callgrind), against 74 for the straightforward loop before. Plain Swift has no way to the x86 SHA instructions;
// the inventory passes a block function on them (CSHA256) where the CPU has them.

/// A block function written elsewhere (the inventory's, on the x86 SHA instructions: CSHA256): compresses `count`
/// 64-byte blocks at `data` into `state` (H0 … H7).
public typealias SHA256Blocks = @convention(c) (_ state: UnsafeMutablePointer<UInt32>?, _ data: UnsafePointer<UInt8>?, _ count: Int) -> Void

public struct SHA256: Sendable {
    private var state: (UInt32, UInt32, UInt32, UInt32, UInt32, UInt32, UInt32, UInt32) =
        (0x6a09e667, 0xbb67ae85, 0x3c6ef372, 0xa54ff53a, 0x510e527f, 0x9b05688c, 0x1f83d9ab, 0x5be0cd19)
    /// The bytes of an incomplete block, waiting for more input (64 bytes inline: no heap buffer).
    private var partial: (UInt64, UInt64, UInt64, UInt64, UInt64, UInt64, UInt64, UInt64) = (0, 0, 0, 0, 0, 0, 0, 0)
    private var partialCount = 0
    private var length: UInt64 = 0

    private static let k: [UInt32] = [
        0x428a2f98, 0x71374491, 0xb5c0fbcf, 0xe9b5dba5, 0x3956c25b, 0x59f111f1, 0x923f82a4, 0xab1c5ed5,
        0xd807aa98, 0x12835b01, 0x243185be, 0x550c7dc3, 0x72be5d74, 0x80deb1fe, 0x9bdc06a7, 0xc19bf174,
        0xe49b69c1, 0xefbe4786, 0x0fc19dc6, 0x240ca1cc, 0x2de92c6f, 0x4a7484aa, 0x5cb0a9dc, 0x76f988da,
        0x983e5152, 0xa831c66d, 0xb00327c8, 0xbf597fc7, 0xc6e00bf3, 0xd5a79147, 0x06ca6351, 0x14292967,
        0x27b70a85, 0x2e1b2138, 0x4d2c6dfc, 0x53380d13, 0x650a7354, 0x766a0abb, 0x81c2c92e, 0x92722c85,
        0xa2bfe8a1, 0xa81a664b, 0xc24b8b70, 0xc76c51a3, 0xd192e819, 0xd6990624, 0xf40e3585, 0x106aa070,
        0x19a4c116, 0x1e376c08, 0x2748774c, 0x34b0bcb5, 0x391c0cb3, 0x4ed8aa4a, 0x5b9cca4f, 0x682e6ff3,
        0x748f82ee, 0x78a5636f, 0x84c87814, 0x8cc70208, 0x90befffa, 0xa4506ceb, 0xbef9a3f7, 0xc67178f2,
    ]

    /// Runs instead of the Swift rounds when given.
    private let blocks: SHA256Blocks?

    public init(blocks: SHA256Blocks? = nil) {
        self.blocks = blocks
    }

    /// The digest of `bytes` in one call.
    public static func hash<Bytes: Sequence>(_ bytes: Bytes) -> [UInt8] where Bytes.Element == UInt8 {
        var hasher = SHA256()
        hasher.update(Array(bytes))
        return hasher.finalize()
    }

    /// Lower-case hex of the digest of `bytes`.
    public static func hex<Bytes: Sequence>(_ bytes: Bytes) -> String where Bytes.Element == UInt8 {
        Hex.encode(hash(bytes))
    }

    public mutating func update(_ bytes: [UInt8]) {
        bytes.withUnsafeBytes { update($0) }
    }

    public mutating func update(_ bytes: UnsafeBufferPointer<UInt8>) {
        update(UnsafeRawBufferPointer(bytes))
    }

    public mutating func update(_ bytes: UnsafeRawBufferPointer) {
        length &+= UInt64(bytes.count)
        var offset = 0
        if partialCount > 0 {
            let take = min(64 - partialCount, bytes.count)
            let filled = partialCount
            withUnsafeMutableBytes(of: &partial) { block in
                for index in 0..<take { block[filled + index] = bytes[index] }
            }
            partialCount += take
            offset = take
            if partialCount < 64 { return }
            let block = partial
            withUnsafeBytes(of: block) { compressBlocks($0) }
            partialCount = 0
        }
        let whole = (bytes.count - offset) / 64 * 64
        if whole > 0 {
            compressBlocks(UnsafeRawBufferPointer(rebasing: bytes[offset..<(offset + whole)]))
            offset += whole
        }
        let rest = bytes.count - offset
        if rest > 0 {
            withUnsafeMutableBytes(of: &partial) { block in
                for index in 0..<rest { block[index] = bytes[offset + index] }
            }
            partialCount = rest
        }
    }

    public mutating func finalize() -> [UInt8] {
        let bitLength = length &* 8
        // Padding (FIPS 180-4 §5.1.1): 0x80, zeros up to 56 bytes into a block, the bit length big-endian.
        var tail: (UInt64, UInt64, UInt64, UInt64, UInt64, UInt64, UInt64, UInt64,
                   UInt64, UInt64, UInt64, UInt64, UInt64, UInt64, UInt64, UInt64) = (0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0)
        let used = partialCount
        let total = used < 56 ? 64 : 128
        withUnsafeMutableBytes(of: &tail) { block in
            withUnsafeBytes(of: partial) { pending in
                for index in 0..<used { block[index] = pending[index] }
            }
            block[used] = 0x80
            block.storeBytes(of: bitLength.bigEndian, toByteOffset: total - 8, as: UInt64.self)
        }
        withUnsafeBytes(of: tail) { compressBlocks(UnsafeRawBufferPointer(rebasing: $0[0..<total])) }
        partialCount = 0
        var digest = [UInt8](repeating: 0, count: 32)
        digest.withUnsafeMutableBytes { out in
            let words = [state.0, state.1, state.2, state.3, state.4, state.5, state.6, state.7]
            for (index, word) in words.enumerated() { out.storeBytes(of: word.bigEndian, toByteOffset: index * 4, as: UInt32.self) }
        }
        return digest
    }

    @inline(__always)
    private static func rotate(_ value: UInt32, _ count: UInt32) -> UInt32 {
        (value >> count) | (value << (32 - count))
    }

    /// One round: `d` and `h` change; the caller rotates the roles of the eight variables (FIPS 180-4 §6.2.2
    /// step 3 without its seven moves). `kw` is K[t] + W[t].
    @inline(__always)
    private static func round(_ a: UInt32, _ b: UInt32, _ c: UInt32, _ d: inout UInt32,
                              _ e: UInt32, _ f: UInt32, _ g: UInt32, _ h: inout UInt32, _ kw: UInt32) {
        let t1 = h &+ (rotate(e, 6) ^ rotate(e, 11) ^ rotate(e, 25)) &+ (g ^ (e & (f ^ g))) &+ kw
        let t2 = (rotate(a, 2) ^ rotate(a, 13) ^ rotate(a, 22)) &+ ((a & b) | (c & (a | b)))
        d &+= t1
        h = t1 &+ t2
    }

    /// Compresses the whole 64-byte blocks of `bytes` (its count is a multiple of 64).
    private mutating func compressBlocks(_ bytes: UnsafeRawBufferPointer) {
        if let blocks, let data = bytes.baseAddress {
            withUnsafeMutablePointer(to: &state) { words in
                words.withMemoryRebound(to: UInt32.self, capacity: 8) { blocks($0, data.assumingMemoryBound(to: UInt8.self), bytes.count / 64) }
            }
            return
        }
        var (a0, b0, c0, d0, e0, f0, g0, h0) = state
        withUnsafeTemporaryAllocation(of: UInt32.self, capacity: 64) { w in
            Self.k.withUnsafeBufferPointer { k in
                var base = 0
                while base + 64 <= bytes.count {
                    // The schedule, with K added in: a round then needs one load for both.
                    for index in 0..<16 {
                        w[index] = bytes.loadUnaligned(fromByteOffset: base + index * 4, as: UInt32.self).bigEndian
                    }
                    for index in 16..<64 {
                        let x = w[index - 15], y = w[index - 2]
                        let s0 = Self.rotate(x, 7) ^ Self.rotate(x, 18) ^ (x >> 3)
                        let s1 = Self.rotate(y, 17) ^ Self.rotate(y, 19) ^ (y >> 10)
                        w[index] = w[index - 16] &+ s0 &+ w[index - 7] &+ s1
                    }
                    for index in 0..<64 { w[index] &+= k[index] }
                    var (a, b, c, d, e, f, g, h) = (a0, b0, c0, d0, e0, f0, g0, h0)
                    var t = 0
                    while t < 64 {
                        Self.round(a, b, c, &d, e, f, g, &h, w[t])
                        Self.round(h, a, b, &c, d, e, f, &g, w[t + 1])
                        Self.round(g, h, a, &b, c, d, e, &f, w[t + 2])
                        Self.round(f, g, h, &a, b, c, d, &e, w[t + 3])
                        Self.round(e, f, g, &h, a, b, c, &d, w[t + 4])
                        Self.round(d, e, f, &g, h, a, b, &c, w[t + 5])
                        Self.round(c, d, e, &f, g, h, a, &b, w[t + 6])
                        Self.round(b, c, d, &e, f, g, h, &a, w[t + 7])
                        t += 8
                    }
                    a0 &+= a; b0 &+= b; c0 &+= c; d0 &+= d
                    e0 &+= e; f0 &+= f; g0 &+= g; h0 &+= h
                    base += 64
                }
            }
        }
        state = (a0, b0, c0, d0, e0, f0, g0, h0)
    }
}

public enum Hex {
    private static let digits = Array("0123456789abcdef".utf8)

    public static func encode(_ bytes: [UInt8]) -> String {
        var text: [UInt8] = []
        text.reserveCapacity(bytes.count * 2)
        for byte in bytes {
            text.append(digits[Int(byte >> 4)])
            text.append(digits[Int(byte & 0x0F)])
        }
        return String(decoding: text, as: UTF8.self)
    }
}

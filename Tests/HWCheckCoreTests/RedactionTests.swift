import Testing
@testable import HWCheckCore

@Suite struct SHA256Tests {
    /// FIPS 180-4 examples (NIST CSRC "SHA256.pdf") and the two-block and empty cases.
    @Test(arguments: [
        ("", "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"),
        ("abc", "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"),
        ("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq", "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1"),
        ("abcdefghbcdefghicdefghijdefghijkefghijklfghijklmghijklmnhijklmnoijklmnopjklmnopqklmnopqrlmnopqrsmnopqrstnopqrstu",
         "cf5b16a778af8380036ce59e7b0492370b249b11e8f07a51afac45037afee9d1"),
    ])
    func vectors(input: String, digest: String) {
        #expect(SHA256.hex(Array(input.utf8)) == digest)
    }

    @Test func millionAs() {
        var hasher = SHA256()
        let chunk = [UInt8](repeating: UInt8(ascii: "a"), count: 1000)
        for _ in 0..<1000 { hasher.update(chunk) }
        #expect(Hex.encode(hasher.finalize()) == "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0")
    }

    /// Updates split at every offset give the one-shot digest.
    @Test func incremental() {
        let bytes = Array((0..<200).map { UInt8($0) })
        let whole = SHA256.hash(bytes)
        for split in [0, 1, 55, 56, 63, 64, 65, 127, 128, 199] {
            var hasher = SHA256()
            hasher.update(Array(bytes[..<split]))
            hasher.update(Array(bytes[split...]))
            #expect(hasher.finalize() == whole, "split at \(split)")
        }
    }
}

@Suite struct RedactionTests {
    let redactor = Redactor(salt: "pepper")

    @Test func tokensAreStableSaltedAndShaped() {
        #expect(redactor.token("M903G6G4") == redactor.token("M903G6G4"))
        #expect(redactor.token("M903G6G4") != Redactor(salt: "other").token("M903G6G4"))
        #expect(redactor.token("M903G6G4").hasPrefix("h:"))
        #expect(redactor.token("M903G6G4").count == 18)
        let mac = redactor.macToken("3c:ec:ef:10:20:30")
        #expect(mac == redactor.macToken("3C:EC:EF:10:20:30"))
        let octets = mac.split(separator: ":").compactMap { UInt8($0, radix: 16) }
        #expect(octets.count == 6)
        #expect(octets[0] & 0x02 == 0)     // a manufacturer's address stays one: a replay judges it alike
        #expect(octets[0] & 0x01 == 0)     // unicast
        let random = redactor.macToken("5a:11:22:33:44:55")
        #expect((UInt8(random.prefix(2), radix: 16) ?? 0) & 0x02 == 0x02)  // and a local one stays local
        let uuid = redactor.token("6b1c7a3e-2f44-11ef-9a1b-3cecef102030", kind: .uuid)
        #expect(uuid.count == 36 && uuid.split(separator: "-").map(\.count) == [8, 4, 4, 4, 12])
    }

    @Test func onlyUsableValuesAreRedacted() {
        let value = Field(state: .value, value: "ABC123", raw: "  ABC123  ", source: "x")
        let redacted = redactor.redact(value, kind: .serial)
        #expect(redacted.value == redactor.token("ABC123"))
        #expect(redacted.raw == "  \(redactor.token("ABC123"))  ")
        let placeholder = Field(state: .placeholder, value: "To Be Filled By O.E.M.", source: "x")
        #expect(redactor.redact(placeholder, kind: .serial) == placeholder)
        let empty = Field(state: .empty, source: "x")
        #expect(redactor.redact(empty, kind: .serial) == empty)
    }

    @Test func replacingEvery() {
        #expect("a-b-a".replacingEvery("a", with: "xy") == "xy-b-xy")
        #expect("abc".replacingEvery("", with: "z") == "abc")
    }
}

@Suite struct TimestampTests {
    @Test(arguments: [
        ("1970-01-01T00:00:00Z", Int64(0)),
        ("2026-03-01T08:30:00Z", Int64(1_772_353_800)),
        ("2026-03-01T10:30:00+02:00", Int64(1_772_353_800)),
        ("2026-03-01T08:30:00.250Z", Int64(1_772_353_800)),
        ("2000-02-29T23:59:59Z", Int64(951_868_799)),
    ])
    func parses(text: String, seconds: Int64) {
        #expect(Timestamp.parse(text) == seconds)
    }

    @Test func rejectsAndRoundTrips() {
        for bad in ["", "2026-03-01", "2026-13-01T00:00:00Z", "2026-03-01T08:30:00", "2026-03-01T08:30:00Zjunk"] {
            #expect(Timestamp.parse(bad) == nil, "\(bad)")
        }
        for seconds: Int64 in [0, 951_868_799, 1_772_353_800, 4_102_444_800] {
            #expect(Timestamp.parse(Timestamp.format(seconds)) == seconds)
        }
        #expect(Timestamp.format(1_772_353_800) == "2026-03-01T08:30:00Z")
    }
}

@Suite struct RecordedPermanentAddressTests {
    struct Files: SystemFiles {
        var contents: [String: String]
        var rootDescription: String { "test" }
        func read(_ path: String) -> FileRead { contents[path].map { .bytes(Array($0.utf8)) } ?? .missing }
        func list(_ path: String) -> [String]? { nil }
        func resolve(_ path: String) -> String? { path }
        func readLink(_ path: String) -> String? { nil }
        func exists(_ path: String) -> Bool { contents[path] != nil }
        func isDirectory(_ path: String) -> Bool { false }
    }

    @Test func readsWhatABundleCarries() {
        let files = Files(contents: [
            "hwcheck-live/net/eno1/permanent_address": "3c:ec:ef:10:20:30\n",
            "hwcheck-live/net/wlan0/permanent_address": "",
            "hwcheck-live/net/eth9/permanent_address_errno": "95\n",
        ])
        let reader = RecordedPermanentAddresses(files: files)
        #expect(reader.permanentAddress(of: "eno1") == .bytes([0x3c, 0xec, 0xef, 0x10, 0x20, 0x30]))
        #expect(reader.permanentAddress(of: "wlan0") == .bytes([]))
        #expect(reader.permanentAddress(of: "eth9") == .failed(errno: 95))
        #expect(reader.permanentAddress(of: "eth1") == .notAvailable)
        let text = RecordedPermanentAddresses.recordedText(.bytes([0x3c, 0xec, 0xef, 0x10, 0x20, 0x30]))
        #expect(text?.text == "3c:ec:ef:10:20:30\n")
        #expect(text?.path("eno1") == "hwcheck-live/net/eno1/permanent_address")
        #expect(RecordedPermanentAddresses.recordedText(.notAvailable) == nil)
    }
}

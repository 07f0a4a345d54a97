import Testing
@testable import HWCheckCore

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

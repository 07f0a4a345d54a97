import Testing
@testable import HWCheckCore

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

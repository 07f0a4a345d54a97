import Testing
@testable import HWCheckCore

@Suite struct ParserTests {
    @Test func udevDatabaseProperties() {
        let text = "S:disk/by-id/ata-X\nI:1234\nE:ID_SERIAL=WDC_WD10_WD-1\nE:ID_SERIAL_SHORT=WD-1\nE:=bad\nE:NOEQUALS\nE:EMPTY=\nG:systemd\n"
        let properties = UdevDatabase.parseProperties(text)
        #expect(properties == ["ID_SERIAL": "WDC_WD10_WD-1", "ID_SERIAL_SHORT": "WD-1", "EMPTY": ""])
    }

    @Test func mountInfoRootAndEscapes() {
        let text = """
            22 28 0:21 / /proc rw - proc proc rw
            28 1 8:2 / / rw,relatime shared:1 - ext4 /dev/sda2 rw
            40 28 8:3 / /mnt/my\\040disk rw - ext4 /dev/sda3 rw
            garbage line
            50 1 0:45 / / rw - overlay overlay rw,lowerdir=/a
            """
        let entries = MountInfoEntry.parse(text)
        #expect(entries.count == 4)
        #expect(entries[2].mountPoint == "/mnt/my disk")
        #expect(entries.last { $0.mountPoint == "/" }?.filesystem == "overlay")
        #expect(entries[1] == MountInfoEntry(devNumber: "8:2", mountPoint: "/", filesystem: "ext4", source: "/dev/sda2"))
    }

    @Test func vpdPage80() {
        let page: [UInt8] = [0, 0x80, 0, 8] + Array("Z3TABCD1".utf8)
        #expect(DiskProbe.unitSerialNumber(fromVPDPage: page) == "Z3TABCD1")
        #expect(DiskProbe.unitSerialNumber(fromVPDPage: [0, 0x83, 0, 0]) == "")
        #expect(DiskProbe.unitSerialNumber(fromVPDPage: [0, 0x80, 0, 200, 65]) == "A")  // length past the end
    }

    @Test func naturalDiskOrder() {
        let names = ["sdaa", "sdb", "nvme10n1", "sda", "nvme1n1", "nvme0n1"]
        #expect(names.sorted(by: DiskOrder.precedes) == ["nvme0n1", "nvme1n1", "nvme10n1", "sda", "sdb", "sdaa"])
    }

    @Test func templateFilling() {
        #expect(Catalog.fill("disk {disk} ({transport}) {missing}", ["disk": "sda", "transport": "sata"]) == "disk sda (sata) {missing}")
        #expect(Catalog.fill("unclosed {brace", [:]) == "unclosed {brace")
    }

    @Test func jsonEscapesControlCharacters() {
        let value = JSONValue.object(["b": .string("a\"\\\n\u{1B}[31m"), "a": .null, "c": .array([])])
        #expect(value.serialized() == "{\n  \"a\": null,\n  \"b\": \"a\\\"\\\\\\n\\u001b[31m\",\n  \"c\": []\n}\n")
    }

    @Test func terminalTextIsSafeAndWidthAware() {
        #expect(Terminal.printable("ok\u{1B}[2J") == "ok\\x1b[2J")
        #expect(Terminal.displayWidth("系统盘") == 6)
        #expect(Terminal.displayWidth("B2 ok") == 5)
    }

    @Test func localeLanguage() {
        #expect(Language.fromLocale(["LANG": "zh_CN.UTF-8"]) == .zh)
        #expect(Language.fromLocale(["LC_ALL": "en_US.UTF-8", "LANG": "zh_CN.UTF-8"]) == .en)
        #expect(Language.fromLocale(["LC_MESSAGES": "zh_TW", "LANG": "C"]) == .zh)
        #expect(Language.fromLocale([:]) == .en)
    }
}

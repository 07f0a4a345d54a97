import HWCheckCore
import Testing
@testable import HWCheckBundle

@Suite struct TarTests {
    @Test func roundTripWithLinksAndLongNames() throws {
        let long = "sys/devices/pci0000:00/0000:00:14.0/usb1/1-2/1-2.4/1-2.4.1/1-2.4.1:1.0/host6/target6:0:0/6:0:0:0/block/sdb/very/deep/path/beyond/the/ustar/limit/of/two/hundred/and/fifty/five/bytes/serial"
        let entries = [
            TarEntry(path: "sys", kind: .directory, mode: 0o755),
            TarEntry(path: "sys/class", kind: .directory, mode: 0o755),
            TarEntry(path: "sys/class/sda", kind: .symlink("../../devices/pci0000:00/0000:00:17.0/ata1/block/sda"), mode: 0o777),
            TarEntry(path: "sys/serial", kind: .file(Array("Z3T\n".utf8)), mode: 0o400),
            TarEntry(path: long, kind: .file([0, 0x80, 0, 1, 65]), mode: 0o644),
            TarEntry(path: "sys/long-link", kind: .symlink(String(repeating: "../", count: 40) + "target"), mode: 0o777),
        ]
        let archive = Tar.write(entries)
        #expect(archive.count % 512 == 0)
        let read = try Tar.read(archive)
        #expect(read == entries)

        let directory = try #require(FileIO.makeTemporaryDirectory(prefix: "hwcheck-tar-test"))
        defer { FileIO.removeTree(directory) }
        try Tar.extract(read, into: directory)
        let root = SystemRoot(path: directory)
        #expect(root.readLink("sys/class/sda") == "../../devices/pci0000:00/0000:00:17.0/ata1/block/sda")
        #expect(root.read(long) == .bytes([0, 0x80, 0, 1, 65]))
        #expect(root.read("sys/serial") == .bytes(Array("Z3T\n".utf8)))
    }

    @Test func unsafeArchivesAreRefused() throws {
        let climbing = Tar.write([TarEntry(path: "ok", kind: .directory, mode: 0o755)])
        // Rewrite the name to "../x" with a valid checksum by building the header directly.
        var header = Tar.header(name: "../evil", prefix: "", mode: 0o644, size: 0, type: UInt8(ascii: "0"), link: "")
        header += [UInt8](repeating: 0, count: 1024)
        #expect(throws: Tar.ReadError.self) { try Tar.read(header) }
        #expect(try Tar.read(climbing).count == 1)

        // A link in the archive, then a file "through" it: never written outside.
        let directory = try #require(FileIO.makeTemporaryDirectory(prefix: "hwcheck-tar-test"))
        defer { FileIO.removeTree(directory) }
        let entries = [TarEntry(path: "escape", kind: .symlink("/tmp"), mode: 0o777),
                       TarEntry(path: "escape/hwcheck-should-not-exist", kind: .file([1]), mode: 0o644)]
        #expect(throws: Tar.ReadError.self) { try Tar.extract(entries, into: directory) }
        #expect(!SystemRoot(path: "/").exists("tmp/hwcheck-should-not-exist"))

        var corrupt = Tar.write([TarEntry(path: "a", kind: .file([1, 2, 3]), mode: 0o644)])
        corrupt[10] ^= 0xFF
        #expect(throws: Tar.ReadError.self) { try Tar.read(corrupt) }
        #expect(throws: Tar.ReadError.self) { try Tar.read(Array(Tar.write([TarEntry(path: "a", kind: .file([1]), mode: 0o644)]).prefix(600))) }
    }
}

import Foundation
import Testing
@testable import HWCheckCore

/// A /proc/self/mountinfo that cannot be read (missing, denied, a read error, over 16 MiB) is not one without a
/// "/" mount (issue 12, behaviour item 1): the note names the failure, and B2 is unknown when the first internal disk
/// is only a guess among several. Recorded machines with their mountinfo read replaced through the `SystemFiles`
/// seam; the too-large case through `SystemRoot` itself.
@Suite struct RootMountTests {
    static let fixtures = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("fixtures")

    /// A recorded root whose proc/self/mountinfo reads as `mountinfo`.
    struct ReplacedMountinfo: SystemFiles {
        let inner: SystemRoot
        let mountinfo: FileRead
        var rootDescription: String { inner.rootDescription }
        func read(_ path: String) -> FileRead { path == "proc/self/mountinfo" ? mountinfo : inner.read(path) }
        func list(_ path: String) -> [String]? { inner.list(path) }
        func resolve(_ path: String) -> String? { inner.resolve(path) }
        func readLink(_ path: String) -> String? { inner.readLink(path) }
        func exists(_ path: String) -> Bool { inner.exists(path) }
        func isDirectory(_ path: String) -> Bool { inner.isDirectory(path) }
    }

    static func report(_ machine: String, mountinfo: FileRead) throws -> Report {
        let root = SystemRoot(path: fixtures.appendingPathComponent("\(machine)/root").path)
        return try checkMachine(.recorded(ReplacedMountinfo(inner: root, mountinfo: mountinfo)), spec: Spec.builtIn())
    }

    static func noteText(_ report: Report, _ code: NoteCode, _ language: Language) -> String? {
        report.notes.first { $0.code == code }.map { report.message($0, language: language).message }
    }

    /// desktop-sata-nvme has two internal disks (nvme0n1 under "/", sda): without "/" either may be Windows'.
    @Test(arguments: [(FileRead.missing, "does not exist", "不存在"),
                      (.denied, "could not be read: permission denied", "无法读取 /proc/self/mountinfo：权限不足"),
                      (.failed(errno: EIO), "could not be read: EIO", "系统错误 EIO"),
                      (.failed(errno: EFBIG), "larger than the 16 MiB", "16 MiB")])
    func unreadableMountinfoIsNamed(read: FileRead, english: String, chinese: String) throws {
        let report = try Self.report("desktop-sata-nvme", mountinfo: read)
        #expect(report.inventory.systemDisk.fallbackReason?.code == "root-mount-unreadable")
        #expect(report.inventory.systemDisk.method == .firstInternal)
        #expect(!report.notes.contains { $0.code == .noRootMount })
        let en = try #require(Self.noteText(report, .rootMountUnreadable, .en))
        #expect(en.contains(english) && !en.contains("No \"/\" mount"), "\(en)")
        #expect(en.contains("B2 uses the first internal disk, nvme0n1"))
        #expect(try #require(Self.noteText(report, .rootMountUnreadable, .zh)).contains(chinese))
        let b2 = try #require(report.results.first { $0.row.id == "B2" })
        #expect(b2.status == .unknown && b2.reasons == [.unreadable] && b2.subject == "nvme0n1")
        let finding = try #require(report.findings(b2, language: .en).first)
        #expect(finding.message.contains(english) && finding.message.contains("several internal disks (nvme0n1, sda)"),
                "\(finding.message)")
        #expect(finding.remedy.contains("--disk NAME"))
    }

    /// With one internal disk the choice is the same wherever "/" is: B2 stands on it, the note still says why.
    @Test func oneInternalDiskStands() throws {
        let report = try Self.report("live-usb-boot", mountinfo: .missing)
        let b2 = try #require(report.results.first { $0.row.id == "B2" })
        #expect(b2.status == .pass && b2.subject == "sda")
        #expect(report.notes.map(\.code).contains(.rootMountUnreadable))
        #expect(report.verdict == .compliant)
    }

    /// A mountinfo that was read and has no "/" mount keeps its own note and wording.
    @Test func readMountinfoWithoutRootKeepsNoRootMount() throws {
        let report = try Self.report("live-usb-boot", mountinfo: .bytes(Array("22 1 0:21 / /proc rw - proc proc rw\n".utf8)))
        #expect(report.inventory.systemDisk.fallbackReason == .noRootMount)
        #expect(Self.noteText(report, .noRootMount, .en)?.hasPrefix("No \"/\" mount in /proc/self/mountinfo") == true)
        #expect(!report.notes.contains { $0.code == .rootMountUnreadable })
    }

    /// Through the real seam: a mountinfo one byte over the 16 MiB limit (sparse, so cheap) is too large, not empty.
    @Test func oversizedMountinfoThroughSystemRoot() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("hwcheck-rootmount-\(getpid())")
        defer { try? FileManager.default.removeItem(at: directory) }
        let proc = directory.appendingPathComponent("proc/self")
        try FileManager.default.createDirectory(at: proc, withIntermediateDirectories: true)
        let path = proc.appendingPathComponent("mountinfo").path
        #expect(FileManager.default.createFile(atPath: path, contents: nil))
        #expect(truncate(path, off_t(SystemRoot.maximumReadSize + 1)) == 0)
        let choice = SystemDiskLocator().locate([], files: SystemRoot(path: directory.path))
        #expect(choice.fallbackReason == .rootMountUnreadable(.tooLarge))
        #expect(truncate(path, off_t(SystemRoot.maximumReadSize)) == 0)  // at the limit it is read (and holds no "/")
        #expect(SystemDiskLocator().locate([], files: SystemRoot(path: directory.path)).fallbackReason == .noRootMount)
    }
}

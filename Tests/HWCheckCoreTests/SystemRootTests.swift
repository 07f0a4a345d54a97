import Foundation
import Testing
@testable import HWCheckCore

#if canImport(Glibc)
import Glibc
#endif

/// The seam must never let a recording read the host: absolute links and `..` stay inside the root.
@Suite final class SystemRootTests {
    var roots: [String] = []

    deinit {
        for root in roots { try? FileManager.default.removeItem(atPath: root) }
    }

    func makeRoot() -> String {
        var template = Array("/tmp/hwcheck-root-XXXXXX".utf8CString)
        let path = template.withUnsafeMutableBufferPointer { String(cString: mkdtemp($0.baseAddress!)!) }
        mkdir(path + "/sys", 0o755)
        mkdir(path + "/etc", 0o755)
        write(path + "/etc/hostname", "inside\n")
        symlink("/etc/hostname", path + "/sys/absolute")
        symlink("../../../../../../etc/hostname", path + "/sys/climbing")
        symlink("loop", path + "/sys/loop")
        roots.append(path)
        return path
    }

    func write(_ path: String, _ text: String) {
        let fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
        _ = text.withCString { Glibc.write(fd, $0, strlen($0)) }
        close(fd)
    }

    @Test func linksResolveInsideTheRoot() {
        let root = SystemRoot(path: makeRoot())
        #expect(root.resolve("sys/absolute") == "etc/hostname")
        #expect(root.resolve("sys/climbing") == "etc/hostname")
        #expect(root.readText("sys/absolute") == .text("inside\n"))
        #expect(root.resolve("sys/loop") == nil)  // ELOOP
        #expect(root.read("sys/loop") == .failed(errno: ELOOP))  // unreadable, as a live open(2) says; not absent
        #expect(root.read("etc/hostname/inner") == .missing)  // ENOTDIR
        #expect(root.read("sys/missing") == .missing)
        #expect(root.read("sys") == .failed(errno: EISDIR))
    }

    /// Injected permission errors: a denied DMI serial is "unreadable", never "empty".
    struct DenyingFiles: SystemFiles {
        let inner: SystemFiles
        var rootDescription: String { inner.rootDescription }
        func read(_ path: String) -> FileRead { path.hasSuffix("_serial") ? .denied : inner.read(path) }
        func list(_ path: String) -> [String]? { inner.list(path) }
        func resolve(_ path: String) -> String? { inner.resolve(path) }
        func readLink(_ path: String) -> String? { inner.readLink(path) }
        func exists(_ path: String) -> Bool { inner.exists(path) }
        func isDirectory(_ path: String) -> Bool { inner.isDirectory(path) }
    }

    @Test func deniedIsUnreadableNotEmpty() {
        let path = makeRoot()
        mkdir(path + "/sys/class", 0o755)
        mkdir(path + "/sys/class/dmi", 0o755)
        mkdir(path + "/sys/class/dmi/id", 0o755)
        write(path + "/sys/class/dmi/id/product_serial", "\n")
        let dmi = DMIProbe().probe(DenyingFiles(inner: SystemRoot(path: path)), placeholders: Spec.builtIn().placeholders)
        #expect(dmi[.productSerial].state == .unreadable)
        #expect(dmi[.productSerial].detail?.en == "permission denied (needs root)")
        #expect(dmi[.sysVendor].state == .absent)
    }
}

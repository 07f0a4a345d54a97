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

    /// Issue 12: a directory resolved once is not walked again; results stay those of a full walk, links out of
    /// the root and loops included, whichever path warmed the cache.
    @Test func resolvedDirectoriesAreRemembered() {
        let path = makeRoot()
        for directory in ["/sys/devices", "/sys/devices/pci0", "/sys/devices/pci0/net", "/sys/class"] { mkdir(path + directory, 0o755) }
        write(path + "/sys/devices/pci0/net/address", "3c:ec:ef:10:20:30\n")
        write(path + "/sys/devices/pci0/net/mtu", "1500\n")
        symlink("../devices/pci0/net", path + "/sys/class/eth0")
        symlink("../devices/pci0/net", path + "/sys/class/eth0-alias")
        symlink("/sys/devices/../devices/pci0", path + "/sys/class/absolute")
        symlink("../../../../sys/class/loop2", path + "/sys/class/loop1")
        symlink("loop1", path + "/sys/class/loop2")
        let root = SystemRoot(path: path)

        #expect(root.readText("sys/class/eth0/address") == .text("3c:ec:ef:10:20:30\n"))
        let afterFirst = root.resolvedDirectories.steps
        #expect(root.readText("sys/class/eth0/mtu") == .text("1500\n"))
        #expect(root.resolvedDirectories.steps == afterFirst)  // opened in the resolved directory, no walk
        #expect(root.resolve("sys/class/eth0/mtu") == "sys/devices/pci0/net/mtu")
        #expect(root.resolvedDirectories.steps == afterFirst + 1)  // only "mtu" itself
        #expect(root.resolve("sys/class/eth0") == "sys/devices/pci0/net")
        #expect(root.resolvedDirectories.steps == afterFirst + 1)
        // Another link into directories met before: only the link itself is lstat'ed.
        #expect(root.resolve("sys/class/eth0-alias") == "sys/devices/pci0/net")
        #expect(root.resolvedDirectories.steps == afterFirst + 2)
        // A link in a resolved directory is not opened as it stands: it is resolved inside the root.
        #expect(root.read("sys/absolute") == .bytes(Array("inside\n".utf8)))

        // A cached prefix keeps its meaning: "..", absolute links and the link count behave as on a cold walk.
        #expect(root.resolve("sys/class/eth0/../net/address") == "sys/devices/pci0/net/address")
        #expect(root.resolve("sys/class/absolute/net/mtu") == "sys/devices/pci0/net/mtu")
        #expect(root.resolve("sys/class/absolute/../../../../etc/hostname") == "etc/hostname")
        #expect(root.read("sys/class/loop1/x") == .failed(errno: ELOOP))
        #expect(root.read("sys/class/loop1/x") == .failed(errno: ELOOP))  // a failure is not remembered as a directory
        #expect(root.read("sys/climbing") == .bytes(Array("inside\n".utf8)))
        #expect(root.read("sys/class/eth0/address/x") == .missing)  // ENOTDIR below a file, cached parent or not

        // The kernel counts links over the whole path (40 at most), so a cached prefix carries its count: 21 links
        // to reach hop20, then 19 or 20 more.
        var target = "sys/devices/pci0"
        for index in 0..<21 {
            symlink(target, path + "/hop\(index)")
            target = "hop\(index)"
        }
        let forty = "hop20/net/../../../../hop18", fortyOne = "hop20/net/../../../../hop19"
        let cold = SystemRoot(path: path)
        #expect(cold.resolve(forty) == "sys/devices/pci0")
        #expect(SystemRoot(path: path).resolve(fortyOne) == nil)
        #expect(cold.resolve("hop20/net") == "sys/devices/pci0/net")  // now cached with 21 links
        #expect(cold.read(fortyOne + "/net/mtu") == .failed(errno: ELOOP))
        #expect(cold.read(forty + "/net/mtu") == .bytes(Array("1500\n".utf8)))
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

    /// `readLink` and `linkName` take the parent as written (no split and re-join): every spelling of a path
    /// gives what the split components give, trailing slashes and odd link targets included.
    @Test func linkSpellingsAgree() {
        let path = makeRoot()
        for directory in ["/sys/devices", "/sys/devices/pci0"] { mkdir(path + directory, 0o755) }
        symlink("../../bus/pci", path + "/sys/devices/pci0/subsystem")
        symlink("../../bus/virtio//", path + "/sys/devices/pci0/trailing")
        symlink("/", path + "/sys/devices/pci0/root")
        symlink("e1000e", path + "/sys/devices/pci0/bare")
        let root = SystemRoot(path: path)
        for spelling in ["sys/devices/pci0/subsystem", "/sys/devices/pci0/subsystem", "sys//devices/pci0/subsystem/",
                         "sys/devices/./pci0/subsystem", "sys/devices/pci0/../pci0/subsystem"] {
            #expect(root.readLink(spelling) == "../../bus/pci", "\(spelling)")
            #expect(root.linkName(spelling) == "pci", "\(spelling)")
        }
        #expect(root.linkName("sys/devices/pci0/trailing") == "virtio")
        #expect(root.linkName("sys/devices/pci0/root") == "/")
        #expect(root.linkName("sys/devices/pci0/bare") == "e1000e")
        #expect(root.readLink("sys/devices/pci0") == nil)  // a directory, not a link
        #expect(root.readLink("sys/devices/pci0/missing") == nil)
        #expect(root.readLink("") == nil)
        #expect(root.readLink("/") == nil)
        for (given, parent, last) in [("a/b/c", "a/b", "c"), ("c", "", "c"), ("/c", "", "c"), ("a/b//", "a", "b"), ("a//b", "a/", "b")] {
            let split = PathComponents.parentAndLast(given)
            #expect(split?.0 == parent && split?.1 == last, "\(given)")
        }
        #expect(PathComponents.parentAndLast("") == nil && PathComponents.parentAndLast("///") == nil)
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

import HWCheckBundle
import HWCheckCommandLine
import HWCheckCore

#if canImport(Glibc)
import Glibc
#endif

struct BundleCommand: RunnableCommand {
    static let table = Command(
        name: "bundle",
        abstract: "Capture exactly what hwcheck reads on this machine into one archive that --sysroot replays.",
        discussion: """
            The bundle holds the files hwcheck read under sys/, run/udev/data/ and proc/self/mountinfo (links kept \
            as links), what only a live run can read: permanent MACs (hwcheck-live/net/<ifname>/permanent_address) \
            and the AHCI registers where the kernel lacks libahci's port attributes (as the controller's resource5 \
            file), and a pci.ids with the names looked up. 'hwcheck --sysroot BUNDLE' gives the report this machine \
            gives. Run it as root (files a non-root run cannot read are carried empty and mode 0400).

            --output FILE.tar writes a tar archive, any other name a directory; neither may exist yet. The last \
            line says what was written. With --redact, serials, UUIDs and MACs in the bundle are replaced by \
            salted hashes, exactly as 'hwcheck --json --redact --salt SALT' shows them.

            EXIT CODES:
              0   bundle written
              64  usage error
              65  bad input (spec file, sysroot archive)
              66  sysroot missing, output exists or is not writable
              70  internal error
              74  the bundle could not be written
            """,
        arguments: [.option("output", short: "o", value: .path, valueName: "PATH", help: "Where to write the bundle: FILE.tar, or a new directory.",
                            required: true)]
            + MachineOptions.arguments
            + [LanguageOption.option("Language of the line saying what was written: en or zh. Default: from LC_ALL/LC_MESSAGES/LANG.")])

    let output: String
    let machineOptions: MachineOptions
    let lang: Language?

    init(_ invocation: Invocation) {
        output = invocation.value("output") ?? ""
        machineOptions = MachineOptions(invocation)
        lang = LanguageOption.language(invocation)
    }

    func run() throws -> Int32 {
        let entries = try machineOptions.withMachine { source, specTable, sourceRoot, redactor throws(HWCheckError) in
            try Bundle.capture(source, sourceRoot: sourceRoot, spec: specTable, explicitDisk: machineOptions.disk,
                               redactor: redactor)
        }
        try write(entries, to: output)
        return 0
    }

    /// Writes the bundle and says what it wrote. An existing target is refused alike, file or directory: a bundle
    /// never overwrites anything (66, as an unwritable output).
    func write(_ entries: [TarEntry], to path: String) throws {
        let absolute = absolutePath(path)
        var info = stat()
        if lstat(absolute, &info) == 0 {
            throw HWCheckError(.inputMissing, "--output \(path): already exists (give a new name, or remove it first)")
        }
        let files = entries.filter { if case .file = $0.kind { return true } else { return false } }.count
        let zh = (lang ?? Language.fromLocale(Environment.current)) == .zh
        if path.hasSuffix(".tar") {
            let archive = Tar.write(entries)
            try Output.file(archive, to: path)
            try Output.standard(zh ? "已写入证据包：\(path)（tar 归档，\(files) 个文件，\(archive.count) 字节）\n"
                : "bundle written: \(path) (tar archive, \(files) files, \(archive.count) bytes)\n")
            return
        }
        guard mkdir(absolute, 0o755) == 0 else {
            throw HWCheckError(.inputMissing, "--output \(path): cannot create the directory (\(ErrnoError(code: errno).text))")
        }
        do { try Tar.extract(entries, into: absolute) } catch {
            throw HWCheckError(.inputMissing, "--output \(path): \(error.message)")
        }
        try Output.standard(zh ? "已写入证据包：\(path)（目录，\(files) 个文件）\n" : "bundle written: \(path) (directory, \(files) files)\n")
    }
}

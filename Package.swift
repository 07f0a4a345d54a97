// swift-tools-version:6.0
import PackageDescription

let package = Package(
    name: "hwcheck",
    products: [
        .executable(name: "hwcheck", targets: ["hwcheck"]),
        .library(name: "HWCheckCore", targets: ["HWCheckCore"]),
        .executable(name: "hwcheck-inventory", targets: ["hwcheck-inventory"]),
        .library(name: "HWCheckFleet", targets: ["HWCheckFleet"]),
    ],
    dependencies: [
        // Only hwcheck-inventory uses it (it links Foundation through GRDB anyway); hwcheck has its own parser.
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
        // SQLite for the fleet inventory (`hwcheck fleet import`); on Linux it links the system libsqlite3.
        .package(url: "https://github.com/groue/GRDB.swift", from: "7.0.0"),
    ],
    targets: [
        // C system-library targets: a module map and a shim header each. CUdev's header only includes libudev.h;
        // CEthtool's wraps the variadic ioctl(); CPCI's wraps the variadic pci_lookup_name() and also holds what
        // Swift cannot express: the setjmp/longjmp that turns libpci's never-returning error() into a NULL, and
        // the memfd_create system call (variadic syscall()) that hands libpci a pci.ids excerpt.
        .systemLibrary(name: "CUdev", pkgConfig: "libudev", providers: [.apt(["libudev-dev"])]),
        .systemLibrary(name: "CPCI", pkgConfig: "libpci", providers: [.apt(["libpci-dev", "pci.ids"])]),
        .systemLibrary(name: "CEthtool"),
        // zlib: the inventory stores each report's JSON compressed, in the form SQLite's own archive format uses
        // (sqlar), so the sqlite3 shell's sqlar_uncompress() reads it back.
        .systemLibrary(name: "CZlib", pkgConfig: "zlib", providers: [.apt(["zlib1g-dev"])]),
        // SHA-256's block function on the x86 SHA instructions (intrinsics in its header), for the inventory's hashes.
        .systemLibrary(name: "CSHA256"),

        // Plain Swift: model, probes over the system-root seam, spec table, evaluation, reports.
        .target(
            name: "HWCheckCore",
            // Data, not code: compiled in as byte arrays (no Bundle), read with the module's own JSON reader: this
            // module imports no Foundation, and neither does anything `hwcheck` links.
            resources: [.embedInCode("Resources/default-spec.json"), .embedInCode("Resources/placeholders.json")]
        ),
        // The only module of the check that imports the C modules (the inventory, below, uses SQLite's and zlib's).
        .target(name: "HWCheckNative", dependencies: ["HWCheckCore", "CUdev", "CPCI", "CEthtool"]),
        // The command-line table: getopt_long-style parsing, --help, the man page and shell completions from one
        // declaration per command (plain Swift; swift-argument-parser would bring FoundationEssentials along).
        .target(name: "HWCheckCommandLine", dependencies: ["HWCheckCore"]),
        // Plain Swift, one machine's recording: tar (writing, streaming extraction), `hwcheck bundle`'s capture,
        // and where `--sysroot` reads (a folder, or an archive extracted for the run and removed after it).
        .target(name: "HWCheckBundle", dependencies: ["HWCheckCore"]),
        // Plain Swift over collected reports: fleet summaries, tracing, the import pipeline.
        .target(name: "HWCheckFleet", dependencies: ["HWCheckCore"]),
        // The SQLite inventory: the only module that uses GRDB. GRDB brings all of Foundation and ICU, so it lives
        // in its own executable, `hwcheck-inventory`, which `hwcheck fleet import` and `trace --db` run; the
        // check every device runs stays small and fast.
        // It also calls SQLite's C interface (through GRDB's statements), zlib's and the SHA instructions on the import path.
        .target(name: "HWCheckInventory", dependencies: ["HWCheckFleet", "HWCheckCore", "CZlib", "CSHA256", .product(name: "GRDB", package: "GRDB.swift")]),
        .executableTarget(
            name: "hwcheck-inventory",
            dependencies: ["HWCheckInventory", "HWCheckFleet", "HWCheckCore", .product(name: "ArgumentParser", package: "swift-argument-parser")]
        ),
        // Parses arguments, picks the renderer, maps the verdict to an exit code.
        .executableTarget(name: "hwcheck", dependencies: ["HWCheckCore", "HWCheckNative", "HWCheckBundle", "HWCheckFleet", "HWCheckCommandLine"]),

        .testTarget(name: "HWCheckCoreTests", dependencies: ["HWCheckCore"]),
        .testTarget(name: "HWCheckCommandLineTests", dependencies: ["HWCheckCommandLine"]),
        .testTarget(name: "HWCheckFleetTests", dependencies: [
            "HWCheckFleet", "HWCheckBundle", "HWCheckInventory", "HWCheckCore", .product(name: "GRDB", package: "GRDB.swift"),
        ]),
        .testTarget(name: "HWCheckNativeTests", dependencies: ["HWCheckNative", "HWCheckCore", "CPCI"]),
        .testTarget(name: "HWCheckEndToEndTests", dependencies: ["hwcheck", "hwcheck-inventory"]),
        // Replays Fuzz/corpus through the fuzz targets' checks; scripts/fuzz.sh runs them under libFuzzer.
        .testTarget(name: "HWCheckFuzzCorpusTests", dependencies: ["HWCheckCore", "HWCheckBundle", "HWCheckFleet"], path: "Fuzz",
                    exclude: ["Entry", "corpus", "README.md"]),
    ],
    swiftLanguageModes: [.v6]
)

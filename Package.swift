// swift-tools-version:6.0
import PackageDescription

let package = Package(
    name: "hwcheck",
    platforms: [.macOS(.v13)],
    products: [
        .executable(name: "hwcheck", targets: ["hwcheck"]),
        .library(name: "HWCheckCore", targets: ["HWCheckCore"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
    ],
    targets: [
        // Thin C system-library targets: a module map and a shim header each, nothing else.
        .systemLibrary(name: "CUdev", pkgConfig: "libudev", providers: [.apt(["libudev-dev"])]),
        .systemLibrary(name: "CPCI", pkgConfig: "libpci", providers: [.apt(["libpci-dev", "pci.ids"])]),
        .systemLibrary(name: "CEthtool"),

        // Plain Swift: model, probes over the system-root seam, spec table, evaluation, reports.
        .target(name: "HWCheckCore"),
        // The only module that imports the C modules.
        .target(name: "HWCheckNative", dependencies: ["HWCheckCore", "CUdev", "CPCI", "CEthtool"]),
        // Parses arguments, picks the renderer, maps the verdict to an exit code.
        .executableTarget(
            name: "hwcheck",
            dependencies: [
                "HWCheckCore", "HWCheckNative",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),

        .testTarget(name: "HWCheckCoreTests", dependencies: ["HWCheckCore"]),
        .testTarget(name: "HWCheckNativeTests", dependencies: ["HWCheckNative", "HWCheckCore"]),
        .testTarget(name: "HWCheckEndToEndTests", dependencies: ["hwcheck"]),
        // Replays Fuzz/corpus through the fuzz targets' checks; scripts/fuzz.sh runs them under libFuzzer.
        .testTarget(name: "HWCheckFuzzCorpusTests", dependencies: ["HWCheckCore"], path: "Fuzz",
                    exclude: ["Entry", "corpus", "README.md"]),
    ],
    swiftLanguageModes: [.v6]
)

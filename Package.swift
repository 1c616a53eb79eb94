// swift-tools-version:6.1
import PackageDescription

let package = Package(
    name: "dispatchd",
    platforms: [.macOS(.v14)],
    products: [
        .executable(name: "dispatchd", targets: ["dispatchd"]),
        .library(name: "Rules", targets: ["Rules"]),
    ],
    traits: [
        // Use libsystemd's sd_notify and sd_journal_sendv instead of the hand-written protocols.
        // Off by default: a plain `swift build` needs no libsystemd (needs libsystemd-dev).
        .trait(name: "Systemd", description: "Link libsystemd for sd_notify and the journal"),
    ],
    dependencies: [
        .package(url: "https://github.com/jpsim/Yams.git", from: "6.2.2"),
        .package(url: "https://github.com/apple/swift-argument-parser.git", from: "1.8.2"),
        .package(url: "https://github.com/apple/swift-log.git", from: "1.16.2"),
        .package(url: "https://github.com/groue/GRDB.swift.git", from: "7.10.0"),
        .package(url: "https://github.com/apple/swift-collections.git", from: "1.6.0"),
    ],
    targets: [
        // The county model, config reading and validation, incident decoding and the matcher.
        // Pure logic: no syscalls, no clocks, no files beyond reading config text handed in.
        .target(
            name: "Rules",
            dependencies: [
                .product(name: "Yams", package: "Yams"),
                .product(name: "Logging", package: "swift-log"),
            ]
        ),
        // The one thin layer over the operating system: syscalls, inotify, spool files, timers.
        .target(
            name: "Platform",
            dependencies: [
                .product(name: "Logging", package: "swift-log"),
                .product(name: "HeapModule", package: "swift-collections"),
                .target(name: "CSystemd", condition: .when(traits: ["Systemd"])),
            ]
        ),
        // libsystemd's headers, only with the Systemd trait.
        .systemLibrary(name: "CSystemd", pkgConfig: "libsystemd", providers: [.apt(["libsystemd-dev"])]),
        // The dispatch core shared by the daemon and the commands.
        .target(
            name: "Dispatcher",
            dependencies: [
                "Rules", "Platform",
                .product(name: "Logging", package: "swift-log"),
                .product(name: "GRDB", package: "GRDB.swift"),
            ]
        ),
        .executableTarget(
            name: "dispatchd",
            dependencies: [
                "Rules", "Dispatcher", "Platform",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Logging", package: "swift-log"),
            ]
        ),
        .executableTarget(
            name: "dispatchd-bench",
            dependencies: ["Rules", "Dispatcher", "Platform"]
        ),
        .testTarget(name: "RulesTests", dependencies: ["Rules"]),
        .testTarget(name: "PlatformTests", dependencies: ["Platform"]),
        .testTarget(name: "DispatcherTests", dependencies: ["Dispatcher", "Rules", "Platform",
                                                      .product(name: "InMemoryLogging", package: "swift-log")]),
    ],
    swiftLanguageModes: [.v6]
)

// swift-tools-version:6.1
import PackageDescription

let package = Package(
    name: "dispatchd",
    platforms: [.macOS(.v14)],
    products: [
        .executable(name: "dispatchd", targets: ["dispatchd"]),
        .executable(name: "dispatchd-console", targets: ["dispatchd-console"]),
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
        // The duty-room console only (SPEC §17); the daemon never links these.
        .package(url: "https://github.com/hummingbird-project/hummingbird.git", from: "2.28.1", traits: []),
        .package(url: "https://github.com/hummingbird-project/hummingbird-auth.git", from: "2.5.0"),
        .package(url: "https://github.com/swift-server/swift-service-lifecycle.git", from: "2.13.0"),
        .package(url: "https://github.com/apple/swift-http-types.git", from: "1.8.0"),
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
                "Rules", "Platform", "Catalogue",
                .product(name: "Logging", package: "swift-log"),
                .product(name: "GRDB", package: "GRDB.swift"),
            ]
        ),
        // The version and source commit, stamped in by `make` (see Sources/BuildStamp/include).
        .target(name: "BuildStamp"),
        // The message catalogue: every human text in Chinese and English (SPEC §10). No dependencies.
        .target(name: "Catalogue"),
        .executableTarget(
            name: "dispatchd",
            dependencies: [
                "Rules", "Dispatcher", "Platform", "BuildStamp", "Catalogue",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Logging", package: "swift-log"),
            ]
        ),
        .executableTarget(
            name: "dispatchd-bench",
            dependencies: ["Rules", "Dispatcher", "Platform"]
        ),
        // The duty-room console (SPEC §17): HTTP, pages, server-sent events, metrics. Reads the
        // state read-only and acts only by dropping ack and command files.
        .target(
            name: "Console",
            dependencies: [
                "Rules", "Dispatcher", "Platform", "Catalogue",
                .product(name: "Logging", package: "swift-log"),
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "HummingbirdBcrypt", package: "hummingbird-auth"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "HTTPTypes", package: "swift-http-types"),
                .product(name: "Yams", package: "Yams"),
            ]
        ),
        .executableTarget(
            name: "dispatchd-console",
            dependencies: [
                "Console", "Rules", "Dispatcher", "Platform",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Logging", package: "swift-log"),
            ]
        ),
        .testTarget(name: "ConsoleTests", dependencies: ["Console", "Catalogue", "Dispatcher", "Rules", "Platform"]),
        .testTarget(name: "RulesTests", dependencies: ["Rules"]),
        .testTarget(name: "PlatformTests", dependencies: ["Platform"]),
        .testTarget(name: "CatalogueTests", dependencies: ["Catalogue"]),
        .testTarget(name: "DispatcherTests", dependencies: ["Dispatcher", "Rules", "Platform",
                                                      .product(name: "InMemoryLogging", package: "swift-log")]),
    ],
    swiftLanguageModes: [.v6]
)

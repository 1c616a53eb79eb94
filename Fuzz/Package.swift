// swift-tools-version:6.1
// libFuzzer targets for dispatchd's untrusted-input decoders (docs/FUZZING.md).
//
// A separate package so that a plain `swift build` at the root never builds fuzzers. Build and
// run through `scripts/fuzz.sh`, which passes `-Xswiftc -sanitize=fuzzer,address`: each
// target is compiled with `-parse-as-library` and defines `LLVMFuzzerTestOneInput`, so
// libFuzzer's own `main` drives it.
import PackageDescription

let fuzzTarget: (String, String) -> Target = { name, path in
    .executableTarget(
        name: name,
        dependencies: ["FuzzSupport", .product(name: "Rules", package: "dispatchd")],
        path: path,
        swiftSettings: [.unsafeFlags(["-parse-as-library"])]
    )
}

let package = Package(
    name: "dispatchd-fuzz",
    platforms: [.macOS(.v14)],
    dependencies: [.package(name: "dispatchd", path: "..")],
    targets: [
        .target(name: "FuzzSupport", dependencies: [.product(name: "Rules", package: "dispatchd")], path: "FuzzSupport"),
        fuzzTarget("fuzz-native-incident", "NativeIncident"),
        fuzzTarget("fuzz-cap", "CAP"),
        fuzzTarget("fuzz-ack", "Ack"),
        fuzzTarget("fuzz-command", "Command"),
        fuzzTarget("fuzz-config", "Config"),
    ],
    swiftLanguageModes: [.v6]
)

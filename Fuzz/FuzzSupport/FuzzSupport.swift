import Foundation
import Rules

/// What the fuzz targets share: the example county and the checks every refusal must pass.
///
/// Invariants checked on every input (a violation traps, and libFuzzer records the input):
/// - decoding never crashes, hangs or exhausts memory, whatever the bytes;
/// - an `InputError` has a non-empty message and remedy, and a position (when it has one) of
///   line ≥ 1 and column ≥ 1.
public enum FuzzSupport {
    /// The repository root, found from this file's path (`Fuzz/FuzzSupport/FuzzSupport.swift`).
    public static let repositoryRoot: String = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().path

    /// The example county in `config/`; traps when it does not load (the fuzzer cannot run).
    public static let exampleCounty: County = {
        let result = CountyLoader.load(configPath: repositoryRoot + "/config/dispatchd.yaml") { path in
            Array(try Data(contentsOf: URL(fileURLWithPath: path)))
        }
        guard let county = result.county else {
            fatalError("the example county in \(repositoryRoot)/config does not load: \(result.diagnostics)")
        }
        return county
    }()

    /// Traps when `error` breaks the refusal contract (message, remedy, position).
    public static func check(_ error: InputError) {
        precondition(!error.message.isEmpty, "InputError without a message: \(error)")
        precondition(error.remedy?.isEmpty == false, "InputError without a remedy: \(error)")
        if let line = error.line { precondition(line >= 1, "InputError at line \(line): \(error)") }
        if let column = error.column { precondition(column >= 1, "InputError at column \(column): \(error)") }
    }
}

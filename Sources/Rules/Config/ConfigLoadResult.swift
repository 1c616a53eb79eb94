/// What `CountyLoader.load` produces: the county when the config is valid, and every finding.
///
/// Invariant: `county` is non-nil exactly when `diagnostics` holds no error (warnings allowed).
public struct ConfigLoadResult: Sendable {
    public var county: County?
    public var diagnostics: [Diagnostic]

    public init(county: County?, diagnostics: [Diagnostic]) {
        self.county = county
        self.diagnostics = diagnostics
    }

    public var hasErrors: Bool { diagnostics.contains { $0.severity == .error } }
    public var errors: [Diagnostic] { diagnostics.filter { $0.severity == .error } }
    public var warnings: [Diagnostic] { diagnostics.filter { $0.severity == .warning } }
}

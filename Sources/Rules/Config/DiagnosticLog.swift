/// Collects the findings of one config load so that every error is reported in one run.
///
/// A reference type on purpose: every reader of one load appends to the same log. Used from
/// one thread only, inside `CountyLoader.load`.
final class DiagnosticLog {
    private(set) var diagnostics: [Diagnostic] = []

    var errorCount: Int { diagnostics.count { $0.severity == .error } }

    func error(_ location: SourceLocation?, _ message: String, remedy: String? = nil) {
        diagnostics.append(.error(at: location, message, remedy: remedy))
    }

    func warning(_ location: SourceLocation?, _ message: String, remedy: String? = nil) {
        diagnostics.append(.warning(at: location, message, remedy: remedy))
    }
}

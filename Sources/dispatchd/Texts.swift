import Catalogue
import Dispatcher
import Foundation
import Rules

/// The catalogue of this process's language (SPEC §10: LC_ALL, LC_MESSAGES, LANG). Every
/// human text the commands print comes from here; `--json` never does.
let texts = Catalogue(environment: ProcessInfo.processInfo.environment)

extension Catalogue {
    /// Column headings in this language.
    func columns(_ keys: TextKey...) -> [String] { keys.map { self($0) } }
}

/// The `--flag value` options (and bare `--switch`es) of one subcommand, parsed once; every
/// subcommand reads its values from here, so unknown flags and bad numbers are reported the
/// same way everywhere.
struct BenchArguments {
    private var values: [String: String] = [:]
    private var switches: Set<String> = []

    init(_ arguments: ArraySlice<String>, command: String, options: [String], switches known: [String] = []) throws {
        var rest = arguments
        while let flag = rest.popFirst() {
            if known.contains(flag) {
                switches.insert(flag)
                continue
            }
            guard options.contains(flag) else {
                let all = options.map { "\($0) …" } + known
                throw BenchUsage("unknown option \(flag) for \(command) (known: \(all.joined(separator: ", ")))")
            }
            guard let value = rest.popFirst() else { throw BenchUsage("\(flag) needs a value") }
            values[flag] = value
        }
    }

    func string(_ flag: String) -> String? { values[flag] }

    func isSet(_ flag: String) -> Bool { switches.contains(flag) }

    func positive(_ flag: String, default fallback: Int) throws -> Int {
        guard let value = values[flag] else { return fallback }
        guard let number = Int(value), number > 0 else { throw BenchUsage("\(flag) wants a positive integer, got \(value)") }
        return number
    }

    func seed(default fallback: UInt64) throws -> UInt64 {
        guard let value = values["--seed"] else { return fallback }
        guard let number = UInt64(value) else { throw BenchUsage("--seed wants an unsigned integer, got \(value)") }
        return number
    }
}

struct BenchUsage: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
}

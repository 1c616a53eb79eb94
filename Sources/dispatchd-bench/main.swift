import Foundation

// dispatchd-bench: subcommand dispatch only; each subcommand lives in its own file.
let usage = """
    usage: dispatchd-bench match [--incidents N] [--seed N]
           dispatchd-bench load [--runs N] [--seed N]
           dispatchd-bench generate --out DIR [--seed N]
           dispatchd-bench timers [--pending N] [--samples N]
           dispatchd-bench daemon [\(DaemonBenchmark.options)]
           dispatchd-bench console [\(ConsoleBenchmark.options)]
           dispatchd-bench all [daemon options]     (timers, then daemon)
    """
let arguments = CommandLine.arguments.dropFirst()
do {
    switch arguments.first {
    case "match": try MatchBenchmark(arguments: arguments.dropFirst()).run()
    case "load": try LoadBenchmark(arguments: arguments.dropFirst()).run()
    case "generate": try GenerateCommand(arguments: arguments.dropFirst()).run()
    case "timers": try DeadlineBenchmark(arguments: arguments.dropFirst()).run()
    case "daemon": try DaemonBenchmark(arguments: arguments.dropFirst()).run()
    case "console": try ConsoleBenchmark(arguments: arguments.dropFirst()).run()
    case "all": try AllBenchmarks(arguments: arguments.dropFirst()).run()
    default: throw BenchUsage("expected a subcommand: match, load, generate, timers, daemon, console or all")
    }
} catch let error as BenchUsage {
    FileHandle.standardError.write(Data("dispatchd-bench: \(error)\n\(usage)\n".utf8))
    exit(64)
} catch {
    FileHandle.standardError.write(Data("dispatchd-bench: \(error)\n".utf8))
    exit(1)
}

import Foundation
import Glibc

extension DaemonScenarios {
    struct FaultEnd {
        var faultSeconds: Double
        var waiting: Int
        /// Per round, from the end of the fault to the last waiting order in `outgoing/`; ascending.
        var seconds: [Double]
    }

    /// SPEC §13 "a fault of the environment ends": one daemon, `rounds` times: `outgoing/.staging`
    /// is replaced by a regular file (no message can be staged, even as root), `waiting`
    /// incidents are dropped and committed (their orders wait in the outbox), the fault lasts
    /// `faultSeconds` (long enough for a growing backoff to matter), then the directory is put
    /// back; timed from putting it back until `outgoing/` holds every waiting order (polled
    /// every 5 ms).
    func faultEnd(rounds: Int, waiting: Int, faultSeconds: Double) throws -> FaultEnd {
        let county = try county("fault")
        let daemon = try DaemonProcess(binary: binary, county: county, label: "fault")
        let staging = county.outgoing + "/.staging"
        let parked = county.directory + "/staging-parked"
        let clock = ContinuousClock()
        var seconds: [Double] = []
        for round in 0..<rounds {
            guard rename(staging, parked) == 0 else { throw BenchFailure("fault: cannot move \(staging) aside") }
            try SpoolDrop.write(Array("not a directory\n".utf8), to: county.outgoing, name: ".staging")
            let before = try SpoolDrop.orderFiles(in: county.outgoing)
            for index in 0..<waiting {
                let name = String(format: "fault-%02d-%04d.json", round, index)
                try SpoolDrop.write(BenchCounty.incident(id: "GM-FAULT-\(round)-\(index)", kind: "storm",
                                                         area: BenchCounty.village(index), sent: Date()),
                                    to: county.incomingStaging, name: name)
                try SpoolDrop.rename(name, from: county.incomingStaging, to: county.incoming)
            }
            Thread.sleep(forTimeInterval: faultSeconds)
            guard try SpoolDrop.orderFiles(in: county.outgoing) == before else {
                throw BenchFailure("fault: orders were published while .staging was not a directory")
            }
            guard unlink(staging) == 0, rename(parked, staging) == 0 else { throw BenchFailure("fault: cannot restore \(staging)") }
            let ended = clock.now
            let deadline = ended.advanced(by: .seconds(120))
            while try SpoolDrop.orderFiles(in: county.outgoing) < before + waiting {
                guard clock.now < deadline, daemon.process.isRunning else {
                    throw BenchFailure("fault: the waiting orders did not come out; see \(daemon.logPath)")
                }
                usleep(5_000)
            }
            seconds.append(Stats.seconds(ended.duration(to: clock.now)))
        }
        try daemon.stop()
        return FaultEnd(faultSeconds: faultSeconds, waiting: waiting, seconds: seconds.sorted())
    }
}

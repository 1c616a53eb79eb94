import Foundation
import Rules

/// A deterministic pseudo-random source (SplitMix64), so a failing crash run can be replayed
/// from its printed seed.
struct SplitMix64: RandomNumberGenerator {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}

/// The crash test's inputs: varied native incidents of the example county, with updates,
/// cancels, exact duplicates (same bytes, another name) and a few bad files.
struct CrashWorkload {
    struct Input {
        var name: String
        var bytes: [UInt8]
        var isBad: Bool
        var sha256: String { SHA256.hex(of: bytes) }
    }

    static let areas = ["gaoming/hecheng", "gaoming/hecheng/minghu", "gaoming/hecheng/sucun", "gaoming/yanghe",
                        "gaoming/yanghe/hedong", "gaoming/yanghe/shishui", "gaoming/mingcheng", "gaoming/mingcheng/mingnan",
                        "gaoming/genghe", "gaoming/genghe/xiaodong", "gaoming/yanghe/shishui/grid-02"]
    static let kinds = ["typhoon", "storm", "wildfire", "landslide", "e2e", "e2e", "drill"]
    static let levels = ["white", "blue", "yellow", "orange", "red"]

    var inputs: [Input] = []

    init(count: Int, seed: UInt64) {
        var random = SplitMix64(seed: seed)
        var alerts: [(id: String, kind: String, area: String, bytes: [UInt8])] = []
        var serial = 0
        while inputs.count < count {
            serial += 1
            let roll = Int.random(in: 0..<100, using: &random)
            let name = String(format: "in-%04d.json", serial)
            if roll < 4 {
                let bad = serial % 2 == 0
                    ? "{\"id\": \"BROKEN-\(serial)\", \"kind\": \"storm\",\n \"level\": \n"
                    : DaemonSandbox.incident(id: "BADLEVEL-\(serial)", kind: "storm", level: "mauve")
                inputs.append(Input(name: name, bytes: Array(bad.utf8), isBad: true))
            } else if roll < 12, let original = alerts.randomElement(using: &random) {
                inputs.append(Input(name: name, bytes: original.bytes, isBad: false))
            } else if roll < 22, let original = alerts.randomElement(using: &random) {
                let text = DaemonSandbox.incident(id: original.id, kind: original.kind, level: CrashWorkload.levels.randomElement(using: &random)!,
                                                  area: original.area, msgType: "update",
                                                  sent: "2026-01-01T\(String(format: "%02d", 10 + serial / 60)):\(String(format: "%02d", serial % 60)):00+08:00")
                inputs.append(Input(name: name, bytes: Array(text.utf8), isBad: false))
            } else if roll < 28, let original = alerts.randomElement(using: &random) {
                let text = #"{"id": "\#(original.id)", "msg_type": "cancel", "sent": "2026-01-02T09:00:\#(String(format: "%02d", serial % 60))+08:00"}"#
                inputs.append(Input(name: name, bytes: Array(text.utf8), isBad: false))
            } else {
                let id = "CRASH-\(serial)"
                let kind = CrashWorkload.kinds.randomElement(using: &random)!
                let area = CrashWorkload.areas.randomElement(using: &random)!
                let exercise = Int.random(in: 0..<10, using: &random) == 0
                let text = DaemonSandbox.incident(id: id, kind: kind, level: CrashWorkload.levels.randomElement(using: &random)!,
                                                  area: area, title: "崩溃测试\(serial)号", exercise: exercise)
                let bytes = Array(text.utf8)
                alerts.append((id, kind, area, bytes))
                inputs.append(Input(name: name, bytes: bytes, isBad: false))
            }
        }
    }
}

/// Counts the elements of a sequence: a multiset, for "exactly once" checks.
func tally<S: Sequence>(_ items: S) -> [S.Element: Int] where S.Element: Hashable {
    items.reduce(into: [:]) { $0[$1, default: 0] += 1 }
}

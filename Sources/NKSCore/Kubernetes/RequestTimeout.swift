// Reads --request-timeout the way kubectl does (client-go clientcmd ParseTimeout): a bare
// integer is seconds, otherwise a Go duration such as "500ms", "1m30s", "1.5h"; "0" means
// no timeout.
import Foundation

public enum RequestTimeout {
    /// nil when the text is not a duration kubectl would accept.
    public static func parse(_ text: String) -> Duration? {
        if let seconds = Int64(text), seconds >= 0 {
            return .seconds(seconds)
        }
        return parseGoDuration(text)
    }

    /// Go's time.ParseDuration for non-negative values: one or more decimal numbers, each
    /// with a unit (ns, us, µs, ms, s, m, h).
    static func parseGoDuration(_ text: String) -> Duration? {
        var rest = Substring(text)
        if rest.hasPrefix("+") { rest = rest.dropFirst() }
        if rest == "0" { return .zero }
        guard !rest.isEmpty else { return nil }
        var totalNanoseconds: Double = 0
        while !rest.isEmpty {
            let number = rest.prefix { $0.isASCII && ($0.isNumber || $0 == ".") }
            guard !number.isEmpty, number != ".", let value = Double(number) else { return nil }
            rest = rest.dropFirst(number.count)
            let unit = rest.prefix { !($0.isASCII && ($0.isNumber || $0 == ".")) }
            rest = rest.dropFirst(unit.count)
            guard let scale = nanosecondsPerUnit[String(unit)] else { return nil }
            totalNanoseconds += value * scale
        }
        guard totalNanoseconds.isFinite, totalNanoseconds < 9.2e18 else { return nil }
        return .nanoseconds(Int64(totalNanoseconds.rounded()))
    }

    private static let nanosecondsPerUnit: [String: Double] = [
        "ns": 1, "us": 1e3, "µs": 1e3, "μs": 1e3, "ms": 1e6, "s": 1e9, "m": 60e9, "h": 3600e9,
    ]
}

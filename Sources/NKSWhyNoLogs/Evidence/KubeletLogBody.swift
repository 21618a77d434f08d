// Splits one kubelet log line into its time, message and key/value fields, whatever wrapped
// it: a journal prefix (short, short-precise, short-iso), a klog header, or JSON logging.
import Foundation

struct KubeletLogBody {
    var time: Date?
    var message: String
    private var fields: [String: String] = [:]
    private var structuredTail: Substring = ""

    init(_ raw: String, reference: Date) {
        var rest = Substring(raw.trimmingCharacters(in: .whitespaces))
        var journalTime: Date?
        // Journal prefix: "<time> <host> <unit>[pid]: ". The unit is kubelet, or docker/
        // microk8s.daemon-kubelet where the kubelet runs inside something else.
        if let colon = rest.range(of: "]: ") , rest[..<colon.lowerBound].split(separator: " ").count <= 6, !rest.hasPrefix("{") {
            journalTime = Self.journalTime(String(rest[..<colon.lowerBound]), reference: reference)
            if journalTime != nil || Self.klogHeader(rest) == nil { rest = rest[colon.upperBound...] }
        }
        if rest.hasPrefix("{"), let object = try? JSONSerialization.jsonObject(with: Data(rest.utf8)) as? [String: Any] {
            message = object["msg"] as? String ?? ""
            for (key, value) in object where key != "msg" { fields[key] = "\(value)" }
            if let ts = object["ts"] as? Double { time = Date(timeIntervalSince1970: ts) }
            time = time ?? journalTime
            return
        }
        if let header = Self.klogHeader(rest) {
            time = Self.klogTime(month: header.month, day: header.day, clock: header.clock, reference: reference) ?? journalTime
            rest = header.rest
        } else {
            time = journalTime
        }
        // Structured klog: "message" key="value" key2=value2
        if rest.hasPrefix("\""), let end = Self.closingQuote(in: rest) {
            message = String(rest[rest.index(after: rest.startIndex)..<end])
            structuredTail = rest[rest.index(after: end)...]
        } else {
            message = String(rest)
        }
    }

    /// A key's value from structured logging (`key="v"` or `key=v`) or a JSON field.
    func field(_ key: String) -> String? {
        if let value = fields[key] { return value }
        guard let range = structuredTail.range(of: " \(key)=") else { return nil }
        let after = structuredTail[range.upperBound...]
        if after.hasPrefix("\"") {
            guard let end = Self.closingQuote(in: after) else { return nil }
            return String(after[after.index(after: after.startIndex)..<end])
        }
        return String(after.prefix { !$0.isWhitespace })
    }

    /// The index of the quote that closes the one `text` starts with, skipping `\"`.
    private static func closingQuote(in text: Substring) -> Substring.Index? {
        var index = text.index(after: text.startIndex)
        var escaped = false
        while index < text.endIndex {
            let c = text[index]
            if escaped { escaped = false } else if c == "\\" { escaped = true } else if c == "\"" { return index }
            index = text.index(after: index)
        }
        return nil
    }

    /// "I0214 08:38:39.199718    5148 eviction_manager.go:338] rest"
    private static func klogHeader(_ text: Substring) -> (month: Int, day: Int, clock: Substring, rest: Substring)? {
        guard let first = text.first, "IWEF".contains(first), text.count > 22 else { return nil }
        let digits = text.dropFirst().prefix(4)
        guard digits.count == 4, digits.allSatisfy(\.isNumber), let close = text.range(of: "] ") else { return nil }
        let month = Int(digits.prefix(2))!, day = Int(digits.suffix(2))!
        let clock = text.dropFirst(6).prefix { !$0.isWhitespace }
        return (month, day, clock, text[close.upperBound...])
    }

    private static func klogTime(month: Int, day: Int, clock: Substring, reference: Date) -> Date? {
        let parts = clock.split(separator: ":")
        guard parts.count == 3, let hour = Int(parts[0]), let minute = Int(parts[1]), let seconds = Double(parts[2]) else { return nil }
        return dated(month: month, day: day, hour: hour, minute: minute, seconds: seconds, reference: reference)
    }

    /// "2023-04-07T09:23:18.813824+0000 host unit[1]" or "Apr 07 09:23:18[.ffffff] host unit[1]".
    private static func journalTime(_ prefix: String, reference: Date) -> Date? {
        let words = prefix.split(separator: " ")
        guard let first = words.first else { return nil }
        if first.count >= 19, first.dropFirst(4).first == "-" {
            return isoTime(String(first))
        }
        guard words.count >= 3, let month = months.firstIndex(of: String(first)).map({ $0 + 1 }), let day = Int(words[1]) else { return nil }
        let clock = words[2].split(separator: ":")
        guard clock.count == 3, let hour = Int(clock[0]), let minute = Int(clock[1]), let seconds = Double(clock[2]) else { return nil }
        return dated(month: month, day: day, hour: hour, minute: minute, seconds: seconds, reference: reference)
    }

    private static let months = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]

    static func isoTime(_ text: String) -> Date? {
        // journalctl writes "+0000"; ISO8601DateFormatter wants "+00:00" or "Z".
        var text = text
        if let sign = text.lastIndex(where: { $0 == "+" || $0 == "-" }), text.distance(from: sign, to: text.endIndex) == 5 {
            text.insert(":", at: text.index(sign, offsetBy: 3))
        }
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        if let date = formatter.date(from: text) { return date }
        formatter.formatOptions = [.withInternetDateTime]
        return formatter.date(from: text)
    }

    /// Neither klog nor the short journal format carries a year. `reference` is the start of
    /// the window the lines were asked for: take the first year that puts the line after it
    /// (a January line in a window that began in December is next year's).
    private static func dated(month: Int, day: Int, hour: Int, minute: Int, seconds: Double, reference: Date) -> Date? {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC")!
        let year = calendar.component(.year, from: reference)
        for candidate in [year, year + 1] {
            let components = DateComponents(year: candidate, month: month, day: day, hour: hour, minute: minute, second: Int(seconds))
            guard let date = calendar.date(from: components) else { continue }
            let precise = date.addingTimeInterval(seconds - Double(Int(seconds)))
            if precise >= reference.addingTimeInterval(-86_400) { return precise }
        }
        return nil
    }
}

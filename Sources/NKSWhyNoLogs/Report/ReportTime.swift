// Times as the report prints them: RFC 3339 in UTC, to the second.
import Foundation

enum ReportTime {
    static func format(_ date: Date) -> String {
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime]
        return formatter.string(from: date)
    }
}

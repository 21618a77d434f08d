// Decoding of the JSON kubectl prints: Kubernetes timestamps (RFC 3339 Time and MicroTime)
// into Date, and one configured decoder every model and caller shares.
import Foundation

public enum KubernetesJSON {
    /// A decoder for `kubectl ... -o json` output. Unknown fields are ignored by Codable;
    /// absent and null timestamps decode as nil through the models' optionals.
    public static func decoder() -> JSONDecoder {
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .custom { decoder in
            let container = try decoder.singleValueContainer()
            let text = try container.decode(String.self)
            guard let date = parseTimestamp(text) else {
                throw DecodingError.dataCorruptedError(
                    in: container,
                    debugDescription: "\"\(text)\" is not an RFC 3339 timestamp"
                )
            }
            return date
        }
        return decoder
    }

    /// An encoder whose dates round-trip through `decoder()` (MicroTime precision).
    public static func encoder() -> JSONEncoder {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        encoder.dateEncodingStrategy = .custom { date, encoder in
            var container = encoder.singleValueContainer()
            try container.encode(formatTimestamp(date))
        }
        return encoder
    }

    /// Parses metav1.Time (`2024-05-01T10:00:00Z`) and metav1.MicroTime
    /// (`2024-05-01T10:00:00.123456Z`); Go may also emit a numeric offset instead of Z.
    public static func parseTimestamp(_ text: String) -> Date? {
        let withFraction = Date.ISO8601FormatStyle(includingFractionalSeconds: true)
        let withoutFraction = Date.ISO8601FormatStyle()
        if let date = try? withoutFraction.parse(text) { return date }
        if let date = try? withFraction.parse(text) { return date }
        return nil
    }

    /// MicroTime form, UTC.
    public static func formatTimestamp(_ date: Date) -> String {
        date.formatted(Date.ISO8601FormatStyle(includingFractionalSeconds: true))
    }
}

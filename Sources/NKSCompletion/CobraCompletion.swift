// The answer kubectl expects from a `kubectl_complete-<plugin>` executable: cobra's
// `__complete` protocol — one candidate per line (`value<TAB>description`), then
// `:<directive>`.
import Foundation

public struct CompletionDirective: OptionSet, Sendable, Hashable {
    public let rawValue: Int
    public init(rawValue: Int) { self.rawValue = rawValue }

    /// Something went wrong; the shell offers nothing.
    public static let error = CompletionDirective(rawValue: 1)
    /// Do not add a space after the candidate (e.g. `app=` still needs its value).
    public static let noSpace = CompletionDirective(rawValue: 2)
    /// Do not fall back to file names when there are no candidates.
    public static let noFileCompletion = CompletionDirective(rawValue: 4)
    /// Candidates are file extensions to filter file names by.
    public static let filterFileExtensions = CompletionDirective(rawValue: 8)
    /// Complete directory names only (no candidates: any directory).
    public static let filterDirectories = CompletionDirective(rawValue: 16)
    /// Keep the candidates' order (newest revision first) instead of sorting them.
    public static let keepOrder = CompletionDirective(rawValue: 32)

    /// Cobra's "default": let the shell complete file names.
    public static let fileNames: CompletionDirective = []
}

public struct Candidate: Sendable, Hashable {
    public var value: String
    public var description: String?

    public init(_ value: String, _ description: String? = nil) {
        self.value = value
        self.description = description
    }
}

public struct Completion: Sendable, Hashable {
    public var candidates: [Candidate]
    public var directive: CompletionDirective

    public init(_ candidates: [Candidate], _ directive: CompletionDirective = .noFileCompletion) {
        self.candidates = candidates
        self.directive = directive
    }

    /// Nothing to offer and nothing for the shell to fall back to: what a failed look-up
    /// answers, so no error text ever lands in the candidate list.
    public static let nothing = Completion([], .noFileCompletion)

    /// The protocol text. Descriptions are one line without tabs; values with a newline
    /// cannot be represented and are left out.
    public var rendered: String {
        var text = ""
        for candidate in candidates where !candidate.value.contains(where: \.isNewline) && !candidate.value.contains("\t") {
            text += candidate.value
            if let description = candidate.description.map(Self.oneLine), !description.isEmpty {
                text += "\t" + description
            }
            text += "\n"
        }
        return text + ":\(directive.rawValue)\n"
    }

    static func oneLine(_ text: String) -> String {
        let first = text.split(whereSeparator: \.isNewline).first.map(String.init) ?? ""
        return first.replacingOccurrences(of: "\t", with: " ").trimmingCharacters(in: .whitespaces)
    }
}

// Why a scenario could not be used: always names the file and the problem.

public struct ScenarioError: Error, Sendable, Equatable, CustomStringConvertible {
    /// A problem found inside a scenario, before the file name is known to the caller.
    public struct Problem: Error, Sendable, Equatable {
        public var message: String
        public init(_ message: String) { self.message = message }
    }

    public var file: String
    public var problem: String

    public init(file: String, problem: String) {
        self.file = file
        self.problem = problem
    }

    public var description: String { "scenario \(file): \(problem); fix the file and try again" }
}

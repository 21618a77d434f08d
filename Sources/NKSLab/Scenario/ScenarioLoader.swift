// Finds a scenario by name or path, decodes it with Yams and validates it, so a bad file is
// rejected with its name and reason before any node starts.
import Foundation
import Yams

public enum ScenarioLoader {
    /// Directories searched for `NAME.yaml`: $NKS_LAB_SCENARIOS, then `PREFIX/share/nks-lab/scenarios`
    /// beside an installed executable (install.sh puts them there), then `scenarios/` next to the
    /// running executable's package checkout, then under the current directory.
    public static func searchDirectories(environment: [String: String] = ProcessInfo.processInfo.environment) -> [URL] {
        var directories: [URL] = []
        if let configured = environment["NKS_LAB_SCENARIOS"], !configured.isEmpty {
            directories.append(URL(fileURLWithPath: configured))
        }
        // The executable itself (/proc/self/exe): argv[0] is a bare name when found on PATH.
        var directory = URL(fileURLWithPath: LabExecutable.path).resolvingSymlinksInPath().deletingLastPathComponent()
        directories.append(directory.deletingLastPathComponent().appendingPathComponent("share/nks-lab/scenarios"))
        for _ in 0..<6 {
            directories.append(directory.appendingPathComponent("scenarios"))
            directory.deleteLastPathComponent()
        }
        directories.append(URL(fileURLWithPath: FileManager.default.currentDirectoryPath).appendingPathComponent("scenarios"))
        return directories
    }

    /// `reference` is a path (contains a slash or ends in .yaml) or a scenario name.
    public static func load(_ reference: String, searching directories: [URL] = searchDirectories()) throws -> Scenario {
        if reference.contains("/") || reference.hasSuffix(".yaml") || reference.hasSuffix(".yml") {
            return try load(file: URL(fileURLWithPath: reference))
        }
        for directory in directories {
            let candidate = directory.appendingPathComponent("\(reference).yaml")
            if FileManager.default.fileExists(atPath: candidate.path) { return try load(file: candidate) }
        }
        throw ScenarioError(file: "\(reference).yaml", problem: "no such scenario in \(directories.map(\.path).joined(separator: ", ")); give a path or set NKS_LAB_SCENARIOS")
    }

    public static func load(file: URL) throws -> Scenario {
        let text: String
        do {
            text = try String(contentsOf: file, encoding: .utf8)
        } catch {
            throw ScenarioError(file: file.path, problem: "cannot be read (\(error.localizedDescription))")
        }
        return try decode(text, file: file.path)
    }

    public static func decode(_ text: String, file: String) throws -> Scenario {
        let scenario: Scenario
        do {
            scenario = try YAMLDecoder().decode(Scenario.self, from: text)
        } catch let error as DecodingError {
            throw ScenarioError(file: file, problem: describe(error))
        } catch {
            throw ScenarioError(file: file, problem: "is not valid YAML: \(error)".replacingOccurrences(of: "\n", with: " "))
        }
        do {
            try validate(scenario)
        } catch {
            throw ScenarioError(file: file, problem: error.message)
        }
        return scenario
    }

    static func validate(_ scenario: Scenario) throws(ScenarioError.Problem) {
        if let count = scenario.nodeCount, count < 1 { throw .init("nodeCount must be at least 1, not \(count)") }
        if let names = scenario.nodeNames, !names.contains("{index}") {
            throw .init("nodeNames '\(names)' must contain {index} so every node gets its own name")
        }
        if let defaults = scenario.defaults { try validate(defaults, at: "defaults") }
        for (number, group) in (scenario.nodeGroups ?? []).enumerated() {
            do { try group.nodes.validate() } catch { throw .init("nodeGroups[\(number)] (\(group.name)): \(error.message)") }
        }
        for (number, override) in (scenario.overrides ?? []).enumerated() {
            do { try override.nodes.validate() } catch { throw .init("overrides[\(number)]: \(error.message)") }
            try validate(override.spec, at: "overrides[\(number)]")
        }
        for (number, object) in (scenario.objects ?? []).enumerated() {
            guard object["apiVersion"]?.stringValue != nil, object["kind"]?.stringValue != nil,
                  object["metadata"]?["name"]?.stringValue != nil else {
                throw .init("objects[\(number)] needs apiVersion, kind and metadata.name")
            }
        }
        for (number, log) in (scenario.podLogs ?? []).enumerated() {
            let answers = [log.text != nil, log.status != nil, log.bodyWithSuccess != nil].filter { $0 }.count
            if answers != 1 { throw .init("podLogs[\(number)] (\(log.pod)) needs exactly one of text, status or bodyWithSuccess") }
        }
    }

    private static func validate(_ spec: NodeSpec, at place: String) throws(ScenarioError.Problem) {
        for (path, file) in spec.files ?? [:] {
            guard NodeFilePath.isPerNode(path) else {
                throw .init("\(place): file \(path) is not under /etc/, /var/lib/ or /var/log/, the only per-node directories")
            }
            if let mode = file.mode, UInt16(mode, radix: 8).map({ $0 <= 0o7777 }) != true {
                throw .init("\(place): file \(path) has mode '\(mode)'; use octal like \"0644\"")
            }
        }
        for path in spec.removeFiles ?? [] where !NodeFilePath.isPerNode(path) {
            throw .init("\(place): removeFiles entry \(path) is not under /etc/, /var/lib/ or /var/log/")
        }
        for (path, answer) in spec.proxy ?? [:] {
            let answers = [answer.json != nil, answer.text != nil, answer.status != nil, answer.directoryListing == true].filter { $0 }.count
            if answers != 1 { throw .init("\(place): proxy \(path) needs exactly one of json, text, status or directoryListing") }
        }
    }

    private static func describe(_ error: DecodingError) -> String {
        func path(_ context: DecodingError.Context) -> String {
            let keys = context.codingPath.map { $0.intValue.map { "[\($0)]" } ?? ".\($0.stringValue)" }.joined()
            return keys.isEmpty ? "the top level" : String(keys.drop { $0 == "." })
        }
        switch error {
        case .keyNotFound(let key, let context):
            return "\(path(context)) lacks the required field '\(key.stringValue)'"
        case .typeMismatch(_, let context), .dataCorrupted(let context):
            return "\(path(context)): \(context.debugDescription)"
        case .valueNotFound(_, let context):
            return "\(path(context)) has no value"
        @unknown default:
            return "\(error)"
        }
    }
}

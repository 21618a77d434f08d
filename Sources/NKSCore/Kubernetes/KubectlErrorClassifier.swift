// Turns what a failed kubectl printed on stderr into a KubectlError. The texts matched here
// are kubectl's and the apiserver's own (kubectl pkg/cmd/util/helpers.go StandardErrorMessage,
// apimachinery api/errors, apiserver responsewriters forbiddenMessage, client-go clientcmd),
// as kubectl 1.32 prints them.
import Foundation

extension KubectlError {
    /// Classifies a failed run. kubectl's final message comes after any klog lines
    /// (`E1123 18:15:13.508657 15235 memcache.go:265] …`), which only repeat the cause, so
    /// the message lines decide first and the klog lines only when they say nothing known.
    public static func classify(standardError: String, exitCode: Int32, command: String) -> KubectlError {
        let lines = standardError.split(whereSeparator: \.isNewline).map { String($0).trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
        let messageLines = lines.filter { !isKlogLine($0) && !$0.hasPrefix("Warning: ") }
        let klogLines = lines.filter(isKlogLine)
        if let error = classify(lines: messageLines, context: lines, command: command) { return error }
        if let error = classify(lines: klogLines, context: lines, command: command) { return error }
        let message = messageLines.first ?? klogLines.last ?? "kubectl printed nothing on stderr"
        return .failed(command: command, exitCode: exitCode, message: message)
    }

    private static func classify(lines: [String], context: [String], command: String) -> KubectlError? {
        for line in lines {
            if line.contains("Error from server (Forbidden)") || line.contains(" is forbidden: User ") {
                return .forbidden(parseForbidden(line))
            }
            // create/apply put `error when creating "FILE": ` before the object's own words.
            if let match = line.firstMatch(of: #/Error from server \(NotFound\): (?:error when [a-z]+ "[^"]*": )?(?:([^\s"]+) "([^"]*)" not found)?/#) {
                return .notFound(resource: match.1.map(String.init), name: match.2.map(String.init), message: messageAfterPrefix(line))
            }
            // "Error from server (AlreadyExists): error when creating "STDIN": configmaps "x" already exists"
            if line.contains("Error from server (AlreadyExists)"),
               let match = line.firstMatch(of: #/([^\s"]+) "([^"]*)" already exists/#) {
                return .alreadyExists(resource: String(match.1), name: String(match.2), message: messageAfterPrefix(line))
            }
            if line.contains("You must be logged in to the server") || line.contains("Error from server (Unauthorized)") {
                let detail = line.firstMatch(of: #/\((.*)\)\s*$/#).map { String($0.1) } ?? line
                return .unauthorized(message: detail)
            }
        }
        for line in lines {
            // A dial that times out never reached the server: that is reachability, not a slow server.
            if line.contains("dial tcp"), line.contains("i/o timeout") {
                return .unreachable(server: serverAddress(in: context), message: reasonAfterConnect(line))
            }
            if timeoutMarkers.contains(where: line.contains) {
                return .timedOut(command: command, message: messageAfterPrefix(line))
            }
        }
        for line in lines where configurationMarkers.contains(where: line.contains) || isMissingKubeconfigEntry(line) {
            return .badConfiguration(message: messageAfterPrefix(line))
        }
        for line in lines where unreachableMarkers.contains(where: line.contains) && !line.contains("x509:") {
            return .unreachable(server: serverAddress(in: context), message: reasonAfterConnect(line))
        }
        return nil
    }

    private static let timeoutMarkers = [
        "context deadline exceeded",
        "Client.Timeout exceeded",
        "the server was unable to return a response in the time allotted",
        "Error from server (Timeout)",
        "TLS handshake timeout",
        "net/http: timeout awaiting response headers",
    ]

    private static let configurationMarkers = [
        "Error in configuration",
        "invalid configuration",
        "no configuration has been provided",
        "error loading config file",
        "context was not found for specified context",
        "no context exists with the name",
        "current-context is not set",
        "no server found for cluster",
    ]

    private static let unreachableMarkers = [
        "was refused - did you specify the right host or port?",
        "Unable to connect to the server",
        "no such host",
        "couldn't get current server API group list",
        "connect: connection refused",
        "connect: no route to host",
        "connect: network is unreachable",
    ]

    static func isKlogLine(_ line: String) -> Bool {
        line.wholeMatch(of: #/[IWEF]\d{4} \d{2}:\d{2}:\d{2}\.\d+\s+\d+ [^\]]+\].*/#) != nil
    }

    /// `error: auth info "x" does not exist`, `error: context "x" does not exist`: a flag
    /// named an entry the kubeconfig lacks.
    private static func isMissingKubeconfigEntry(_ line: String) -> Bool {
        line.firstMatch(of: #/(context|cluster|auth info|user) "[^"]*" does not exist/#) != nil
    }

    /// "Error from server (X): rest" → "rest"; "error: rest" → "rest".
    private static func messageAfterPrefix(_ line: String) -> String {
        if let match = line.firstMatch(of: #/^Error from server(?: \([A-Za-z]+\))?: (.*)$/#) { return String(match.1) }
        if let match = line.firstMatch(of: #/^error: (.*)$/#) { return String(match.1) }
        return line
    }

    private static func reasonAfterConnect(_ line: String) -> String {
        if line.contains("was refused - did you specify the right host or port?") { return "connection refused" }
        if let match = line.firstMatch(of: #/Unable to connect to the server: (.*)$/#) { return String(match.1) }
        if let match = line.firstMatch(of: #/dial tcp[^:]*(?::\d+)?: (.*?)"?$/#) { return String(match.1) }
        return line
    }

    /// The host:port kubectl tried, from whichever line names it.
    private static func serverAddress(in lines: [String]) -> String? {
        for line in lines {
            if let match = line.firstMatch(of: #/The connection to the server (\S+) was refused/#) { return String(match.1) }
        }
        for line in lines {
            if let match = line.firstMatch(of: #/Get \\?"([a-z]+://[^/"\\?]+)/#),
               let components = URLComponents(string: String(match.1)), let host = components.host {
                return components.port.map { "\(host):\($0)" } ?? host
            }
            if let match = line.firstMatch(of: #/dial tcp ([^\s:]+:\d+|\[[^\]]+\]:\d+): /#) { return String(match.1) }
            if let match = line.firstMatch(of: #/lookup (\S+) on /#) { return String(match.1) }
        }
        return nil
    }

    /// Parses `pods is forbidden: User "alice" cannot list resource "pods" in API group ""
    /// in the namespace "default"` and the cluster-scope and non-resource-path forms.
    static func parseForbidden(_ line: String) -> Forbidden {
        let message = messageAfterPrefix(line)
        if let match = message.firstMatch(of: #/User "([^"]*)" cannot (\S+) resource "([^"]*)" in API group "([^"]*)"(?: in the namespace "([^"]*)")?/#) {
            return Forbidden(user: String(match.1), verb: String(match.2), resource: String(match.3), apiGroup: String(match.4), namespace: match.5.map(String.init), message: message)
        }
        if let match = message.firstMatch(of: #/User "([^"]*)" cannot (\S+) path "([^"]*)"/#) {
            return Forbidden(user: String(match.1), verb: String(match.2), resource: String(match.3), message: message)
        }
        return Forbidden(message: message)
    }
}

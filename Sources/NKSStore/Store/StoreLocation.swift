// Where the config store lives: --repo, else NKS_REPO, else $XDG_CONFIG_HOME/nks/sync
// (~/.config/nks/sync).
import Foundation

public enum StoreLocation {
    public static func resolve(flag: String?, environment: [String: String] = ProcessInfo.processInfo.environment) -> String {
        if let flag, !flag.isEmpty { return expandTilde(flag, environment) }
        if let variable = environment["NKS_REPO"], !variable.isEmpty { return expandTilde(variable, environment) }
        let configHome = environment["XDG_CONFIG_HOME"].flatMap { $0.isEmpty ? nil : $0 }
            ?? (environment["HOME"] ?? NSHomeDirectory()) + "/.config"
        return configHome + "/nks/sync"
    }

    static func expandTilde(_ path: String, _ environment: [String: String]) -> String {
        guard path == "~" || path.hasPrefix("~/") else { return path }
        return (environment["HOME"] ?? NSHomeDirectory()) + path.dropFirst()
    }
}

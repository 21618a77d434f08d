// Shell scripts that complete the plugin executables when they are called directly
// (`kubectl-nks_sync st<TAB>`), as swift-argument-parser generates them.
import ArgumentParser

public enum CompletionScripts {
    /// Relative path → script, for bash, zsh and fish, in the directories each shell's
    /// completion loader reads by convention.
    public static func files(for plugin: DistributedPlugin) -> [String: String] {
        [
            "completions/bash/\(plugin.executable)": script(plugin, .bash),
            "completions/zsh/_\(plugin.executable)": script(plugin, .zsh),
            "completions/fish/\(plugin.executable).fish": script(plugin, .fish),
        ]
    }

    /// The library names functions and the `complete` registration after the root
    /// command's name, which is `kubectl nks-sync` so that help reads as kubectl's; a name
    /// with a space is no shell function name, so the executable's name is put in its place.
    static func script(_ plugin: DistributedPlugin, _ shell: CompletionShell) -> String {
        let generated = plugin.command.completionScript(for: shell)
        return generated.replacingOccurrences(of: "kubectl \(plugin.name)", with: plugin.executable)
    }
}

// The command's surface: help that reads as a kubectl subcommand, and flag combinations
// refused before anything is read (exit 64, a message naming the flag).
import ArgumentParser
import Testing
@testable import NKSRepull

@Test func helpReadsAsAKubectlSubcommand() {
    #expect(RepullCommand.helpMessage().contains("USAGE: kubectl nks-repull"))
    #expect(RepullCommand.helpMessage().contains("See also: kubectl nks-sync"))
    #expect(RepullCommand.helpMessage().contains("--defaults"))
}

@Test(arguments: [
    (["--dry-run", "--yes"], "--dry-run and --yes contradict each other"),
    (["web-1", "-l", "app=web"], "give pod names or -l/--selector, not both"),
    (["web-1", "-A"], "pod names need one namespace; drop -A"),
    (["--nodes", "worker-1"], "--nodes goes with --image or --defaults"),
    (["--defaults", "web-1"], "--image/--defaults pull onto nodes; give no pod names"),
    (["--defaults", "--fix-manifests"], "--fix-manifests applies to failing pods"),
    (["--image", "k8s.gcr.io/pause:3.2", "--nodes", "a", "-l", "x=y"], "give --nodes or -l/--selector, not both"),
    (["--image", "Nginx:1.27"], "--image: invalid image reference"),
    (["--mirror", "harbor.local/Team"], "--mirror must be a registry prefix such as harbor.example.com/project"),
    (["--mirror-registries", "docker.io,https://quay.io"], "--mirror-registries: \"https://quay.io\" is not a registry host or host/namespace"),
    (["--mirror-registries", ","], "--mirror-registries is empty"),
])
func contradictoryFlagsAreRefused(arguments: [String], message: String) {
    do {
        _ = try RepullCommand.parseAsRoot(arguments)
        Issue.record("accepted \(arguments)")
    } catch {
        #expect(RepullCommand.exitCode(for: error) == .validationFailure)
        #expect(RepullCommand.message(for: error).contains(message), "\(RepullCommand.message(for: error))")
    }
}

@Test(arguments: [
    ["--image", "k8s.gcr.io/pause:3.2", "--nodes", "worker-2,worker-3"],
    ["--defaults", "--mirror", "harbor.local/p", "--mirror-registries", "docker.io, registry.k8s.io"],
    ["-A", "--mirror", "harbor.local/p", "--mirror-registries", "harbor.local:5000/team", "--repo", "/srv/nks"],
])
func sensibleCombinationsAreAccepted(arguments: [String]) throws {
    _ = try RepullCommand.parseAsRoot(arguments)
}

import Testing
@testable import NKSStore

@Suite struct EnvironmentFlagsTests {
    let deadline = EnvironmentFlagsSpec(set: ["--image-pull-progress-deadline": "10m"])

    @Test(arguments: [
        // /etc/sysconfig/kubelet of an EKS/NKS-style image: node-specific flags are kept
        ("KUBELET_EXTRA_ARGS=\"--node-labels=group=a --node-ip=10.0.0.5\"\n",
         "KUBELET_EXTRA_ARGS=\"--node-labels=group=a --node-ip=10.0.0.5 --image-pull-progress-deadline=10m\"\n"),
        // an existing value is replaced where it stands; the space form too
        ("KUBELET_EXTRA_ARGS=\"--image-pull-progress-deadline 1m --v=2\"\n",
         "KUBELET_EXTRA_ARGS=\"--image-pull-progress-deadline=10m --v=2\"\n"),
        // empty variable
        ("KUBELET_EXTRA_ARGS=\n", "KUBELET_EXTRA_ARGS=--image-pull-progress-deadline=10m\n"),
        // systemd drop-in
        ("[Service]\nEnvironment=\"KUBELET_EXTRA_ARGS=--max-pods=110\"\n",
         "[Service]\nEnvironment=\"KUBELET_EXTRA_ARGS=--max-pods=110 --image-pull-progress-deadline=10m\"\n"),
        // missing variable in a unit file: added as Environment=
        ("[Service]\nExecStart=\n", "[Service]\nExecStart=\nEnvironment=\"KUBELET_EXTRA_ARGS=--image-pull-progress-deadline=10m\"\n"),
        // missing variable in an env file
        ("OTHER=1\n", "OTHER=1\nKUBELET_EXTRA_ARGS=\"--image-pull-progress-deadline=10m\"\n"),
        // already right: unchanged
        ("KUBELET_EXTRA_ARGS='--image-pull-progress-deadline=10m'\n", "KUBELET_EXTRA_ARGS='--image-pull-progress-deadline=10m'\n"),
    ])
    func ensuresTheFlag(file: String, expected: String) {
        let rendered = EnvironmentFlags.render(file, deadline)
        #expect(rendered == expected)
        #expect(EnvironmentFlags.unmet(EnvironmentFlags.flags(in: rendered, variable: "KUBELET_EXTRA_ARGS"), deadline).isEmpty)
    }

    @Test func removesFlagsWithTheirValues() {
        let spec = EnvironmentFlagsSpec(set: [:], remove: ["--image-pull-progress-deadline"])
        let file = "KUBELET_EXTRA_ARGS=\"--image-pull-progress-deadline 5m --v=2\"\n"
        #expect(EnvironmentFlags.render(file, spec) == "KUBELET_EXTRA_ARGS=\"--v=2\"\n")
        #expect(EnvironmentFlags.unmet(EnvironmentFlags.flags(in: file, variable: "KUBELET_EXTRA_ARGS"), spec) == ["--image-pull-progress-deadline must be removed"])
    }

    @Test func reportsWrongValues() {
        let flags = EnvironmentFlags.flags(in: "KUBELET_EXTRA_ARGS=\"--image-pull-progress-deadline=1m\"\n", variable: "KUBELET_EXTRA_ARGS")
        #expect(EnvironmentFlags.unmet(flags, deadline) == ["--image-pull-progress-deadline=1m, want 10m"])
    }
}

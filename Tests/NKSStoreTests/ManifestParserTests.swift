import Testing
@testable import NKSStore

@Suite struct ManifestParserTests {
    let full = """
    version: 1
    access:
      user: centos
      port: 2222
      sudo: true
      jump: bastion.example.com
    groups:
      workers: node-role.kubernetes.io/worker
      gpu: "nodegroup in (gpu-a,gpu-b),!legacy"
    entries:
      - path: /etc/logrotate.d/docker
        mode: 0644
        validate: logrotate -d {}
        when:
          runtime: docker
      - path: /etc/default/grub
        kind: kernel-args
        present: [cgroup.memory=nokmem]
        activate: [grub2-mkconfig -o /boot/grub2/grub.cfg]
      - path: /var/lib/kubelet/config.yaml
        kind: keys
        set:
          imageGCHighThresholdPercent: 80
          evictionHard:
            nodefs.available: "10%"
        remove: [evictionHard/imagefs.available]
        groups: [workers]
      - path: /etc/sysconfig/kubelet
        kind: env-flags
        set:
          --image-pull-progress-deadline: 10m
        when:
          kubeletVersion: "<1.24"
        disruption: restart-kubelet

    """

    @Test func readsAFullManifest() throws {
        let manifest = try ManifestParser.parse(full)
        #expect(manifest.access.user == "centos")
        #expect(manifest.access.port == 2222)
        #expect(manifest.access.sudo == true)
        #expect(manifest.groups.map(\.name) == ["workers", "gpu"])
        #expect(manifest.groups(forLabels: ["nodegroup": "gpu-b"]) == ["gpu"])
        #expect(manifest.groups(forLabels: ["nodegroup": "gpu-b", "legacy": "1", "node-role.kubernetes.io/worker": ""]) == ["workers"])
        #expect(manifest.entries.map(\.path) == ["/etc/logrotate.d/docker", "/etc/default/grub", "/var/lib/kubelet/config.yaml", "/etc/sysconfig/kubelet"])

        let logrotate = manifest.entries[0]
        #expect(logrotate.kind == .file(owner: "root", group: "root", mode: "0644", allowSecrets: false))
        #expect(logrotate.validate == "logrotate -d {}")
        #expect(logrotate.conditions.runtimes == ["docker"])
        #expect(logrotate.disruption == .none)
        #expect(logrotate.line == 11)

        #expect(manifest.entries[1].kind == .kernelArgs(KernelArgumentsSpec(present: ["cgroup.memory=nokmem"])))
        #expect(manifest.entries[1].disruption == .reboot)
        guard case .keys(let keys, let format) = manifest.entries[2].kind else { Issue.record("not keys"); return }
        #expect(format == .yaml)
        #expect(keys.remove == [["evictionHard", "imagefs.available"]])
        #expect(keys.set.value(at: ["evictionHard", "nodefs.available"]) == .string("10%"))
        #expect(manifest.entries[3].conditions.unmetReason(NodeFacts(name: "n", kubeletVersion: KubeVersion("v1.29.3-eks-1"))) == "kubelet v1.29.3, entry needs <1.24")
        #expect(manifest.entries[3].conditions.unmetReason(NodeFacts(name: "n", kubeletVersion: KubeVersion("v1.23.17"))) == nil)
    }

    @Test(arguments: [
        ("entries:\n  - path: /etc/x\n    colour: red\n", "nks-sync.yaml:3: unknown key 'colour' in entry"),
        ("entries:\n  - path: etc/x\n", "nks-sync.yaml:2: path 'etc/x' must be absolute"),
        ("entries:\n  - path: /etc/../root/.ssh/authorized_keys\n", "nks-sync.yaml:2: path '/etc/../root/.ssh/authorized_keys' must be a normalised file path"),
        ("entries:\n  - path: /proc/sys/vm/swappiness\n", "nks-sync.yaml:2: path '/proc/sys/vm/swappiness' is under /proc"),
        ("entries:\n  - path: /etc/x\n    mode: rw-r--r--\n", "nks-sync.yaml:3: entry /etc/x: mode 'rw-r--r--' is not an octal file mode"),
        ("entries:\n  - path: /etc/x\n  - path: /etc/x\n", "nks-sync.yaml:3: duplicate path /etc/x (first declared on line 2)"),
        ("groups:\n  bad: \"a in b\"\n", "nks-sync.yaml:2: group bad: 'a in b' in selector 'a in b': values must be in parentheses"),
        ("groups:\n  bad: \"-x=1\"\n", "nks-sync.yaml:2: group bad: '-x' in selector '-x=1' is not a valid label key"),
        ("entries:\n  - path: /etc/x\n    groups: [nope]\n", "nks-sync.yaml:2: entry /etc/x: unknown group 'nope'"),
        ("entries:\n  - path: /etc/x\n    kind: symlink\n", "nks-sync.yaml:3: entry /etc/x: unknown kind 'symlink'"),
        ("entries:\n  - path: /etc/default/grub\n    kind: kernel-args\n    mode: \"0644\"\n    present: [a]\n", "nks-sync.yaml:4: entry /etc/default/grub: 'mode' does not apply to kind kernel-args"),
        ("entries:\n  - path: /etc/default/grub\n    kind: kernel-args\n", "nks-sync.yaml:2: entry /etc/default/grub: kernel-args needs present: or absent: arguments"),
        ("entries:\n  - path: /etc/x\n    when:\n      kubeletVersion: newest\n", "nks-sync.yaml:4: entry /etc/x: kubeletVersion 'newest' is not a range"),
        ("entries:\n  - path: /etc/x\n    validate: logrotate -d\n", "nks-sync.yaml:3: entry /etc/x: validate must contain {}"),
        ("version: 2\n", "nks-sync.yaml:1: version must be 1"),
        ("access:\n  port: 70000\n", "nks-sync.yaml:2: access.port must be a number from 1 to 65535"),
        // An ssh_config from the store would run its ProxyCommand on every operator's machine.
        ("access:\n  sshConfig: ./ssh_config\n", "nks-sync.yaml:2: access.sshConfig is not read from the store, because an ssh_config can run programs on your machine"),
        ("access:\n  ssh-config: ./ssh_config\n", "nks-sync.yaml:2: access.ssh-config is not read from the store"),
        ("access:\n  jump: \"-oProxyCommand=touch /tmp/pwned\"\n", "nks-sync.yaml:2: access.jump must be [user@]host[:port]"),
        ("access:\n  jump: \"bastion;touch x\"\n", "nks-sync.yaml:2: access.jump must be [user@]host[:port]"),
        ("access:\n  user: \"-oProxyCommand=x\"\n", "nks-sync.yaml:2: access.user must be a login name"),
        ("access:\n  user: \"ec2 user\"\n", "nks-sync.yaml:2: access.user must be a login name"),
        ("entries: [\n", "nks-sync.yaml:2: not valid YAML"),
        ("entries:\n  - path: /etc/x\n    disruption: sometimes\n", "nks-sync.yaml:3: entry /etc/x: disruption must be one of none, reload, restart-kubelet, reboot"),
    ])
    func reportsEveryMistakeWithItsLine(manifest: String, expected: String) {
        do {
            _ = try ManifestParser.parse(manifest)
            Issue.record("accepted an invalid manifest")
        } catch let error as ManifestErrors {
            #expect(error.description.contains(expected), "got: \(error.description)")
        } catch {
            Issue.record("unexpected error \(error)")
        }
    }

    @Test func reportsAllMistakesAtOnce() throws {
        let manifest = "entries:\n  - path: relative\n  - path: /etc/y\n    mode: \"999\"\n"
        let error = try #require(throws: ManifestErrors.self) { try ManifestParser.parse(manifest) }
        #expect(error.errors.map(\.line) == [2, 4])
    }
}

// Which file gives kubelet.service a variable, from `systemctl cat kubelet` of real layouts:
// kubeadm's RPM (10-kubeadm.conf with EnvironmentFile=-/etc/sysconfig/kubelet), kubeadm's
// deb (/etc/default/kubelet), EKS AL2 (bootstrap.sh's drop-ins).
import Foundation
import Testing
@testable import NKSStore

@Suite struct ServiceUnitListingTests {
    static let kubeadmRPM = """
    # /usr/lib/systemd/system/kubelet.service
    [Unit]
    Description=kubelet: The Kubernetes Node Agent
    Documentation=https://kubernetes.io/docs/
    Wants=network-online.target
    After=network-online.target

    [Service]
    ExecStart=/usr/bin/kubelet
    Restart=always
    StartLimitInterval=0
    RestartSec=10

    [Install]
    WantedBy=multi-user.target

    # /usr/lib/systemd/system/kubelet.service.d/10-kubeadm.conf
    # Note: This dropin only works with kubeadm and kubelet v1.11+
    [Service]
    Environment="KUBELET_KUBECONFIG_ARGS=--bootstrap-kubeconfig=/etc/kubernetes/bootstrap-kubelet.conf --kubeconfig=/etc/kubernetes/kubelet.conf"
    Environment="KUBELET_CONFIG_ARGS=--config=/var/lib/kubelet/config.yaml"
    # This is a file that "kubeadm init" and "kubeadm join" generates at runtime, populating the KUBELET_KUBEADM_ARGS variable dynamically
    EnvironmentFile=-/var/lib/kubelet/kubeadm-flags.env
    # This is a file that the user can use for overrides of the kubelet args as a last resort. Preferably, the user should use
    # the .NodeRegistration.KubeletExtraArgs object in the configuration files instead. KUBELET_EXTRA_ARGS should be sourced from this file.
    EnvironmentFile=-/etc/sysconfig/kubelet
    ExecStart=
    ExecStart=/usr/bin/kubelet $KUBELET_KUBECONFIG_ARGS $KUBELET_CONFIG_ARGS $KUBELET_KUBEADM_ARGS $KUBELET_EXTRA_ARGS

    """

    static let eksAL2 = """
    # /etc/systemd/system/kubelet.service
    [Unit]
    Description=Kubernetes Kubelet
    Documentation=https://github.com/kubernetes/kubernetes
    After=containerd.service sandbox-image.service
    Requires=containerd.service sandbox-image.service

    [Service]
    Slice=runtime.slice
    ExecStartPre=/sbin/iptables -P FORWARD ACCEPT -w 5
    ExecStart=/usr/bin/kubelet \\
        --config /etc/kubernetes/kubelet/kubelet-config.json \\
        --kubeconfig /var/lib/kubelet/kubeconfig \\
        --container-runtime-endpoint unix:///run/containerd/containerd.sock \\
        $KUBELET_ARGS \\
        $KUBELET_EXTRA_ARGS

    Restart=on-failure
    RestartForceExitStatus=SIGPIPE
    RestartSec=5
    KillMode=process
    CPUAccounting=true
    MemoryAccounting=true

    [Install]
    WantedBy=multi-user.target

    # /etc/systemd/system/kubelet.service.d/10-kubelet-args.conf
    [Service]
    Environment='KUBELET_ARGS=--node-ip=192.168.1.97 --pod-infra-container-image=602401143452.dkr.ecr.ap-northeast-3.amazonaws.com/eks/pause:3.5 --v=2 --cloud-provider=aws --container-runtime=remote'

    # /etc/systemd/system/kubelet.service.d/30-kubelet-extra-args.conf
    [Service]
    Environment='KUBELET_EXTRA_ARGS=--node-labels=eks.amazonaws.com/nodegroup=ng-1 --max-pods=58'

    """

    let kubeadmFlags = "KUBELET_KUBEADM_ARGS=\"--container-runtime-endpoint=unix:///var/run/containerd/containerd.sock --pod-infra-container-image=registry.k8s.io/pause:3.9\"\n"

    func listing(_ text: String) -> ServiceUnitListing { ServiceUnitListing(unit: "kubelet.service", systemctlCat: text)! }

    @Test func kubeadmTakesExtraArgsFromTheEnvironmentFileItNames() {
        let unit = listing(Self.kubeadmRPM)
        #expect(unit.fragments.map(\.path) == ["/usr/lib/systemd/system/kubelet.service", "/usr/lib/systemd/system/kubelet.service.d/10-kubeadm.conf"])
        #expect(unit.reads("/etc/sysconfig/kubelet") && unit.reads("/var/lib/kubelet/kubeadm-flags.env") && !unit.reads("/etc/default/kubelet"))
        let files: [String: String?] = ["/var/lib/kubelet/kubeadm-flags.env": kubeadmFlags, "/etc/default/kubelet": nil]
        #expect(unit.source(of: "KUBELET_EXTRA_ARGS", entryPath: "/etc/sysconfig/kubelet", entryContent: "KUBELET_EXTRA_ARGS=\n", files: files) == .file("/etc/sysconfig/kubelet"))
        #expect(unit.source(of: "KUBELET_KUBEADM_ARGS", entryPath: "/etc/sysconfig/kubelet", entryContent: "KUBELET_EXTRA_ARGS=\n", files: files) == .file("/var/lib/kubelet/kubeadm-flags.env"))
        #expect(unit.source(of: "KUBELET_CONFIG_ARGS", entryPath: "/etc/sysconfig/kubelet", entryContent: nil, files: files) == .file("/usr/lib/systemd/system/kubelet.service.d/10-kubeadm.conf"))
        // An EnvironmentFile= beats Environment=, even one in a later drop-in.
        let withOverride = Self.kubeadmRPM + "\n# /etc/systemd/system/kubelet.service.d/90-extra.conf\n[Service]\nEnvironment=\"KUBELET_EXTRA_ARGS=--v=4\"\n"
        #expect(listing(withOverride).source(of: "KUBELET_EXTRA_ARGS", entryPath: "/etc/sysconfig/kubelet", entryContent: "KUBELET_EXTRA_ARGS=--v=2\n", files: files) == .file("/etc/sysconfig/kubelet"))
        #expect(listing(withOverride).source(of: "KUBELET_EXTRA_ARGS", entryPath: "/etc/sysconfig/kubelet", entryContent: "# nothing\n", files: files) == .file("/etc/systemd/system/kubelet.service.d/90-extra.conf"))
        // A file that would decide but was not read.
        #expect(unit.source(of: "KUBELET_EXTRA_ARGS", entryPath: "/etc/default/kubelet", entryContent: nil, files: [:]) == .unread("/etc/sysconfig/kubelet"))
    }

    @Test func eksTakesExtraArgsFromTheLaterDropIn() {
        let unit = listing(Self.eksAL2)
        let dropIn = "/etc/systemd/system/kubelet.service.d/30-kubelet-extra-args.conf"
        #expect(unit.source(of: "KUBELET_EXTRA_ARGS", entryPath: dropIn, entryContent: unit.text(of: dropIn), files: [:]) == .file(dropIn))
        #expect(!unit.reads("/etc/sysconfig/kubelet"))
        // A drop-in that sorts after 30-… and does not exist yet takes over once written.
        let later = "/etc/systemd/system/kubelet.service.d/40-nks.conf"
        #expect(unit.reads(later))
        #expect(unit.source(of: "KUBELET_EXTRA_ARGS", entryPath: later, entryContent: nil, files: [:]) == .file(dropIn))
        #expect(unit.source(of: "KUBELET_EXTRA_ARGS", entryPath: later, entryContent: "[Service]\nEnvironment=\"KUBELET_EXTRA_ARGS=--v=2\"\n", files: [:]) == .file(later))
        let earlier = "/etc/systemd/system/kubelet.service.d/20-nks.conf"
        #expect(unit.source(of: "KUBELET_EXTRA_ARGS", entryPath: earlier, entryContent: "[Service]\nEnvironment=\"KUBELET_EXTRA_ARGS=--v=2\"\n", files: [:]) == .file(dropIn))
    }

    @Test func aCommentThatLooksLikeAPathIsNotAFragment() {
        let unit = listing("# /etc/systemd/system/kubelet.service\n[Service]\n# /usr/bin/kubelet is started below\nExecStart=/usr/bin/kubelet\n")
        #expect(unit.fragments.count == 1)
        #expect(ServiceUnitListing(unit: "kubelet.service", systemctlCat: "") == nil)
    }

    // The node's view through DriftEvaluator: in sync where the flag really is, drifted (and
    // nothing to push to the entry's file) where a file that wins lacks it.
    @Test func statusFollowsTheFileThatWins() {
        let spec = EnvironmentFlagsSpec(set: ["--max-pods": "58"])
        func status(_ path: String, _ content: String?, unit: String, files: [String: String?] = [:]) -> EntryStatus {
            let entry = ManagedEntry(path: path, kind: .envFlags(spec), groups: [], conditions: NodeConditions(), validate: nil, activate: [], disruption: .restartKubelet)
            var observed: [String: ObservedFile] = [path: content.map { ObservedFile(state: .present, content: Data($0.utf8)) } ?? ObservedFile(state: .missing)]
            for (file, text) in files { observed[file] = text.map { ObservedFile(state: .present, content: Data($0.utf8)) } ?? ObservedFile(state: .missing) }
            return DriftEvaluator.evaluate(entry, canonical: nil, facts: NodeFacts(name: "n"), groups: [],
                                           observation: NodeObservation(files: observed, kubeletUnit: listing(unit)))
        }
        let dropIn = "/etc/systemd/system/kubelet.service.d/30-kubelet-extra-args.conf"
        let eks = status(dropIn, listing(Self.eksAL2).text(of: dropIn), unit: Self.eksAL2)
        #expect(eks.state == .inSync, "\(eks.detail)")
        let lacking = Self.eksAL2.replacingOccurrences(of: " --max-pods=58'", with: "'")
        let sysconfig = status("/etc/sysconfig/kubelet", "KUBELET_EXTRA_ARGS=--max-pods=58\n", unit: lacking)
        #expect(sysconfig.state == .drifted && sysconfig.desired == nil)
        #expect(sysconfig.detail == "kubelet.service does not read /etc/sysconfig/kubelet (systemctl cat kubelet.service); flags there have no effect: manage the file it reads")
        let later = status("/etc/systemd/system/kubelet.service.d/20-nks.conf", "[Service]\nEnvironment=\"KUBELET_EXTRA_ARGS=--max-pods=58\"\n", unit: lacking)
        #expect(later.state == .drifted && later.desired == nil)
        #expect(later.detail.contains("it is set in \(dropIn), which overrides /etc/systemd/system/kubelet.service.d/20-nks.conf"))
        let own = status("/etc/systemd/system/kubelet.service.d/40-nks.conf", nil, unit: lacking)
        #expect(own.state == .missing && own.desired == "[Service]\nEnvironment=\"KUBELET_EXTRA_ARGS=--max-pods=58\"\n")
        let rpm = status("/etc/sysconfig/kubelet", "KUBELET_EXTRA_ARGS=--node-ip=10.0.1.5 --max-pods=58\n", unit: Self.kubeadmRPM, files: ["/var/lib/kubelet/kubeadm-flags.env": kubeadmFlags])
        #expect(rpm.state == .inSync, "\(rpm.detail)")
    }
}

// env-flags read and rewritten the way systemd reads the files, from real layouts: RHEL/EKS
// /etc/sysconfig/kubelet, Debian /etc/default/kubelet, kubeadm's kubeadm-flags.env and
// 10-kubeadm.conf, EKS AL2's 30-kubelet-extra-args.conf (bootstrap.sh writes
// `Environment='KUBELET_EXTRA_ARGS=$KUBELET_EXTRA_ARGS'`).
import Foundation
import Testing
@testable import NKSStore

@Suite struct EnvironmentFlagsTests {
    let deadline = EnvironmentFlagsSpec(set: ["--image-pull-progress-deadline": "10m"])
    let sysconfig = "/etc/sysconfig/kubelet"
    let dropIn = "/etc/systemd/system/kubelet.service.d/30-kubelet-extra-args.conf"

    @Test(arguments: [
        // /etc/sysconfig/kubelet of an EKS/NKS-style image: node-specific flags are kept
        ("KUBELET_EXTRA_ARGS=\"--node-labels=group=a --node-ip=10.0.0.5\"\n",
         "KUBELET_EXTRA_ARGS=\"--node-labels=group=a --node-ip=10.0.0.5 --image-pull-progress-deadline=10m\"\n"),
        // an existing value is replaced where it stands, in the form it is written in
        ("KUBELET_EXTRA_ARGS=\"--image-pull-progress-deadline 1m --v=2\"\n",
         "KUBELET_EXTRA_ARGS=\"--image-pull-progress-deadline 10m --v=2\"\n"),
        ("KUBELET_EXTRA_ARGS=\"--image-pull-progress-deadline=1m --v=2\"\n",
         "KUBELET_EXTRA_ARGS=\"--image-pull-progress-deadline=10m --v=2\"\n"),
        // empty variable (the RPM's /etc/sysconfig/kubelet)
        ("KUBELET_EXTRA_ARGS=\n", "KUBELET_EXTRA_ARGS=--image-pull-progress-deadline=10m\n"),
        // missing variable in an env file
        ("OTHER=1\n", "OTHER=1\nKUBELET_EXTRA_ARGS=\"--image-pull-progress-deadline=10m\"\n"),
        // already right: unchanged
        ("KUBELET_EXTRA_ARGS='--image-pull-progress-deadline=10m'\n", "KUBELET_EXTRA_ARGS='--image-pull-progress-deadline=10m'\n"),
        // unquoted: systemd reads to the end of the line, spaces included, so both flags are there
        ("KUBELET_EXTRA_ARGS=--node-ip=10.0.1.5 --image-pull-progress-deadline=10m\n",
         "KUBELET_EXTRA_ARGS=--node-ip=10.0.1.5 --image-pull-progress-deadline=10m\n"),
        ("KUBELET_EXTRA_ARGS=--node-ip=10.0.1.5 --image-pull-progress-deadline=1m --v=2\n",
         "KUBELET_EXTRA_ARGS=--node-ip=10.0.1.5 --image-pull-progress-deadline=10m --v=2\n"),
        // a continuation line: only the value changes, the layout stays
        ("KUBELET_EXTRA_ARGS=\"--node-ip=10.0.1.5 \\\n    --image-pull-progress-deadline=1m \\\n    --v=2\"\n",
         "KUBELET_EXTRA_ARGS=\"--node-ip=10.0.1.5 \\\n    --image-pull-progress-deadline=10m \\\n    --v=2\"\n"),
        ("KUBELET_EXTRA_ARGS=--node-ip=10.0.1.5 \\\n  --v=2\n",
         "KUBELET_EXTRA_ARGS=--node-ip=10.0.1.5 \\\n  --v=2 --image-pull-progress-deadline=10m\n"),
        // systemd does not read `export NAME=`, nor a commented assignment: the variable is added
        ("# KUBELET_EXTRA_ARGS=--image-pull-progress-deadline=10m\nexport KUBELET_EXTRA_ARGS=--image-pull-progress-deadline=10m\n",
         "# KUBELET_EXTRA_ARGS=--image-pull-progress-deadline=10m\nexport KUBELET_EXTRA_ARGS=--image-pull-progress-deadline=10m\nKUBELET_EXTRA_ARGS=\"--image-pull-progress-deadline=10m\"\n"),
        // a later assignment replaces an earlier one: the last is the one edited
        ("KUBELET_EXTRA_ARGS=--v=2\nKUBELET_EXTRA_ARGS=\"--v=4\"\n",
         "KUBELET_EXTRA_ARGS=--v=2\nKUBELET_EXTRA_ARGS=\"--v=4 --image-pull-progress-deadline=10m\"\n"),
    ])
    func ensuresTheFlagInAnEnvironmentFile(file: String, expected: String) {
        let rendered = EnvironmentFlags.render(file, deadline, path: sysconfig)
        #expect(rendered == expected)
        #expect(EnvironmentFlags.unmet(EnvironmentFlags.flags(in: rendered, variable: "KUBELET_EXTRA_ARGS", path: sysconfig), deadline).isEmpty)
    }

    @Test(arguments: [
        // EKS AL2 bootstrap.sh: the whole assignment in single quotes
        ("[Service]\nEnvironment='KUBELET_EXTRA_ARGS=--node-labels=eks.amazonaws.com/nodegroup=ng-1 --max-pods=58'\n",
         "[Service]\nEnvironment='KUBELET_EXTRA_ARGS=--node-labels=eks.amazonaws.com/nodegroup=ng-1 --max-pods=58 --image-pull-progress-deadline=10m'\n"),
        // kubeadm style double quotes
        ("[Service]\nEnvironment=\"KUBELET_EXTRA_ARGS=--max-pods=110\"\n",
         "[Service]\nEnvironment=\"KUBELET_EXTRA_ARGS=--max-pods=110 --image-pull-progress-deadline=10m\"\n"),
        // a continued Environment= line keeps its layout
        ("[Service]\nEnvironment=\"KUBELET_EXTRA_ARGS=--max-pods=110 \\\n  --image-pull-progress-deadline=2m\"\n",
         "[Service]\nEnvironment=\"KUBELET_EXTRA_ARGS=--max-pods=110 \\\n  --image-pull-progress-deadline=10m\"\n"),
        // bare: `Environment=A=--x --y` assigns only --x; the rewrite quotes the word it must widen
        ("[Service]\nEnvironment=KUBELET_EXTRA_ARGS=--max-pods=110 OTHER=1\n",
         "[Service]\nEnvironment=\"KUBELET_EXTRA_ARGS=--max-pods=110 --image-pull-progress-deadline=10m\" OTHER=1\n"),
        // other assignments on the same line stay as they are
        ("[Service]\nEnvironment=\"A=1\" 'KUBELET_EXTRA_ARGS=--v=2' \"B=2\"\n",
         "[Service]\nEnvironment=\"A=1\" 'KUBELET_EXTRA_ARGS=--v=2 --image-pull-progress-deadline=10m' \"B=2\"\n"),
        // missing variable in a unit file: added as Environment= in [Service]
        ("[Service]\nExecStart=\n", "[Service]\nExecStart=\nEnvironment=\"KUBELET_EXTRA_ARGS=--image-pull-progress-deadline=10m\"\n"),
        ("", "[Service]\nEnvironment=\"KUBELET_EXTRA_ARGS=--image-pull-progress-deadline=10m\"\n"),
    ])
    func ensuresTheFlagInADropIn(file: String, expected: String) {
        let rendered = EnvironmentFlags.render(file, deadline, path: dropIn)
        #expect(rendered == expected)
        #expect(EnvironmentFlags.unmet(EnvironmentFlags.flags(in: rendered, variable: "KUBELET_EXTRA_ARGS", path: dropIn), deadline).isEmpty, "\(rendered)")
    }

    @Test func readsValuesAsSystemdDoes() {
        func value(_ text: String, _ path: String = "/etc/default/kubelet") -> String? { EnvironmentFlags.value(of: "KUBELET_EXTRA_ARGS", in: text, path: path) }
        #expect(value("KUBELET_EXTRA_ARGS=--node-ip=10.0.1.5 --image-pull-progress-deadline=10m   \n") == "--node-ip=10.0.1.5 --image-pull-progress-deadline=10m")
        #expect(value("KUBELET_EXTRA_ARGS=--a=1 # not a comment\n") == "--a=1 # not a comment")
        #expect(value("KUBELET_EXTRA_ARGS=\"--a=\\$x \\\"q\\\" \\d\"\n") == "--a=$x \"q\" \\d")
        #expect(value("KUBELET_EXTRA_ARGS='--a=\\n'\n") == "--a=\\n")
        #expect(value("KUBELET_EXTRA_ARGS=--a=1\\\n--b=2\n") == "--a=1--b=2")
        #expect(value("  KUBELET_EXTRA_ARGS = \"--a\"\n") == "--a")
        #expect(value("; KUBELET_EXTRA_ARGS=--a\n") == nil)
        #expect(value("[Service]\nEnvironment=KUBELET_EXTRA_ARGS=--x --y\n", dropIn) == "--x")
        #expect(value("[Service]\nEnvironment=\"KUBELET_EXTRA_ARGS=--a=100%% \\\"q\\\"\"\n", dropIn) == "--a=100% \"q\"")
        #expect(value("[Service]\nEnvironment=\"KUBELET_EXTRA_ARGS=--a\"\nEnvironment=\n", dropIn) == nil)
        #expect(value("[Unit]\nEnvironment=\"KUBELET_EXTRA_ARGS=--a\"\n", dropIn) == nil)
    }

    @Test func removesFlagsWithTheirValues() {
        let spec = EnvironmentFlagsSpec(set: [:], remove: ["--image-pull-progress-deadline"])
        let file = "KUBELET_EXTRA_ARGS=\"--image-pull-progress-deadline 5m --v=2\"\n"
        #expect(EnvironmentFlags.render(file, spec, path: sysconfig) == "KUBELET_EXTRA_ARGS=\"--v=2\"\n")
        #expect(EnvironmentFlags.unmet(EnvironmentFlags.flags(in: file, variable: "KUBELET_EXTRA_ARGS", path: sysconfig), spec) == ["--image-pull-progress-deadline must be removed"])
        #expect(EnvironmentFlags.render("KUBELET_EXTRA_ARGS=\"--v=2 --image-pull-progress-deadline=5m\"\n", spec, path: sysconfig) == "KUBELET_EXTRA_ARGS=\"--v=2\"\n")
    }

    @Test func reportsWrongValues() {
        let flags = EnvironmentFlags.flags(in: "KUBELET_EXTRA_ARGS=\"--image-pull-progress-deadline=1m\"\n", variable: "KUBELET_EXTRA_ARGS", path: sysconfig)
        #expect(EnvironmentFlags.unmet(flags, deadline) == ["--image-pull-progress-deadline=1m, want 10m"])
    }

    @Test func valuesWithQuotesAndDollarsAreWrittenSoSystemdReadsThemBack() {
        let spec = EnvironmentFlagsSpec(set: ["--node-labels": "a=$b,c=\"d\",e='f'", "--x": "100%"])
        for file in ["KUBELET_EXTRA_ARGS=\"--v=2\"\n", "KUBELET_EXTRA_ARGS='--v=2'\n", "KUBELET_EXTRA_ARGS=--v=2\n", "OTHER=1\n"] {
            let rendered = EnvironmentFlags.render(file, spec, path: sysconfig)
            #expect(EnvironmentFlags.unmet(EnvironmentFlags.flags(in: rendered, variable: "KUBELET_EXTRA_ARGS", path: sysconfig), spec).isEmpty, "\(rendered)")
        }
        for file in ["[Service]\nEnvironment=\"KUBELET_EXTRA_ARGS=--v=2\"\n", "[Service]\nEnvironment='KUBELET_EXTRA_ARGS=--v=2'\n", "[Service]\nEnvironment=KUBELET_EXTRA_ARGS=--v=2\n", ""] {
            let rendered = EnvironmentFlags.render(file, spec, path: dropIn)
            #expect(EnvironmentFlags.unmet(EnvironmentFlags.flags(in: rendered, variable: "KUBELET_EXTRA_ARGS", path: dropIn), spec).isEmpty, "\(rendered)")
        }
    }

    /// Any text a node may hold, in either syntax: reading never traps, and once rendered the
    /// file satisfies the spec and renders to itself.
    @Test func anyFileRendersToOneThatSatisfiesTheSpecAndIsStable() {
        let alphabet = Array("KUBELET_EXTRA_ARGS=\"'\\ \t\n#;$%[]Service-=x1 --v=2 Environment=")
        let spec = EnvironmentFlagsSpec(set: ["--image-pull-progress-deadline": "10m", "--v": "4"], remove: ["--x"])
        var state: UInt64 = 0x9E3779B97F4A7C15
        func next() -> Int { state = state &* 6364136223846793005 &+ 1442695040888963407; return Int(state >> 33) }
        for round in 0..<3000 {
            let text = String((0..<(next() % 60)).map { _ in alphabet[next() % alphabet.count] })
            for path in [sysconfig, dropIn] {
                // Such a file is reported, never rewritten (DriftEvaluator).
                if path == sysconfig, SystemdEnvironmentFile.hasUnclosedQuote(text) { continue }
                let rendered = EnvironmentFlags.render(text, spec, path: path)
                let problems = EnvironmentFlags.unmet(EnvironmentFlags.flags(in: rendered, variable: "KUBELET_EXTRA_ARGS", path: path), spec)
                #expect(problems.isEmpty, "round \(round) \(path): \(text.debugDescription) → \(rendered.debugDescription)")
                #expect(EnvironmentFlags.render(rendered, spec, path: path) == rendered, "round \(round) \(path): \(text.debugDescription)")
                if !problems.isEmpty { return }
            }
        }
    }

    @Test func aFileWithAnUnclosedQuoteIsReportedNotRewritten() {
        let entry = ManagedEntry(path: sysconfig, kind: .envFlags(deadline), groups: [], conditions: NodeConditions(), validate: nil, activate: [], disruption: .restartKubelet)
        let file = "KUBELET_EXTRA_ARGS=\"--node-ip=10.0.1.5\nOTHER=1\n"
        let status = DriftEvaluator.evaluate(entry, canonical: nil, facts: NodeFacts(name: "n"), groups: [],
                                             observation: NodeObservation(files: [sysconfig: ObservedFile(state: .present, content: Data(file.utf8))]))
        #expect(status.state == .drifted && status.desired == nil)
        #expect(status.detail == "/etc/sysconfig/kubelet has a quote that is never closed, so systemd reads the rest of the file as one value; fix it by hand before pushing")
    }
}

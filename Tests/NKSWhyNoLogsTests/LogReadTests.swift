// The reproduced read: kubelet failures in an error status and in a 200 body.
import Foundation
import NKSCore
import Testing
@testable import NKSWhyNoLogs

struct ReadCase: Sendable, CustomTestStringConvertible {
    var note: String
    var exitCode: Int32
    var stdout: String
    var stderr: String
    var outcome: LogReadOutcome
    var testDescription: String { note }
}

let readCases: [ReadCase] = [
    // Seed 001 / kubernetes issue 142258: kubectl exits 0 and prints the kubelet's error as a log line.
    ReadCase(note: "200 body", exitCode: 0, stdout: "unable to retrieve container logs for containerd://4703b9db4177926a2c963fa9e635e5931587f6e0e3b7d7165e94c6f4689d5c35\n", stderr: "", outcome: .unableToRetrieve(containerID: "containerd://4703b9db4177926a2c963fa9e635e5931587f6e0e3b7d7165e94c6f4689d5c35")),
    // Once the kubelet reports it as an error: a metav1.Status 400 printed by kubectl.
    ReadCase(note: "400 status", exitCode: 1, stdout: "", stderr: "Error from server (BadRequest): unable to retrieve container logs for containerd://a39e46811fd9cb371853d60f27a40321428a1d0dff2a6587a0e2207d225dfcba\n", outcome: .unableToRetrieve(containerID: "containerd://a39e46811fd9cb371853d60f27a40321428a1d0dff2a6587a0e2207d225dfcba")),
    // kubelet pkg/kubelet/kuberuntime/logs ReadLogs: EvalSymlinks of the pod log path.
    ReadCase(note: "log file missing", exitCode: 0, stdout: "failed to try resolving symlinks in path \"/var/log/pods/batch_hello-26fmz_0b1e/hello/0.log\": lstat /var/log/pods/batch_hello-26fmz_0b1e/hello/0.log: no such file or directory\n", stderr: "", outcome: .logFileMissing(path: "/var/log/pods/batch_hello-26fmz_0b1e/hello/0.log")),
    // kubelet validateContainerLogStatus.
    ReadCase(note: "waiting", exitCode: 1, stdout: "", stderr: "Error from server (BadRequest): container \"hello\" in pod \"hello-26fmz\" is waiting to start: ContainerCreating\n", outcome: .waitingToStart(reason: "ContainerCreating")),
    ReadCase(note: "previous", exitCode: 1, stdout: "", stderr: "Error from server (BadRequest): previous terminated container \"hello\" in pod \"hello-26fmz\" not found\n", outcome: .previousNotFound),
    ReadCase(note: "pod gone", exitCode: 1, stdout: "", stderr: "Error from server (NotFound): pods \"hello-26fmz\" not found\n", outcome: .podNotFound),
    ReadCase(note: "forbidden", exitCode: 1, stdout: "", stderr: "Error from server (Forbidden): pods \"hello-26fmz\" is forbidden: User \"dev\" cannot get resource \"pods/log\" in API group \"\" in the namespace \"batch\"\n", outcome: .forbidden(message: "pods \"hello-26fmz\" is forbidden: User \"dev\" cannot get resource \"pods/log\" in API group \"\" in the namespace \"batch\"")),
    // apiserver proxying to a kubelet that is gone.
    ReadCase(note: "kubelet unreachable", exitCode: 1, stdout: "", stderr: "Error from server: Get \"https://10.0.0.7:10250/containerLogs/batch/hello-26fmz/hello?tailLines=10\": dial tcp 10.0.0.7:10250: connect: no route to host\n", outcome: .kubeletUnreachable(message: "Get \"https://10.0.0.7:10250/containerLogs/batch/hello-26fmz/hello?tailLines=10\": dial tcp 10.0.0.7:10250: connect: no route to host")),
    ReadCase(note: "logs", exitCode: 0, stdout: "Hello, Kubernetes!\n", stderr: "", outcome: .readable(lines: 1)),
    ReadCase(note: "empty", exitCode: 0, stdout: "", stderr: "", outcome: .empty),
    // A real log that mentions the phrase among other lines stays a log.
    ReadCase(note: "log mentioning the phrase", exitCode: 0, stdout: "starting\nunable to retrieve container logs for containerd://x\ndone\n", stderr: "", outcome: .readable(lines: 3)),
]

@Test(arguments: readCases)
func classifiesTheRead(_ c: ReadCase) {
    let read = LogRead(PodLogs(command: "kubectl logs", exitCode: c.exitCode, output: Data(c.stdout.utf8), standardError: c.stderr))
    #expect(read.outcome == c.outcome)
}

// The docker reference grammar: implicit docker.io and library/, ports, tags, digests.
import Testing
@testable import NKSRepull

struct ReferenceCase: Sendable, CustomTestStringConvertible {
    var text: String
    var canonical: String
    var familiar: String
    var basename: String
    var testDescription: String { text }
}

@Test(arguments: [
    ReferenceCase(text: "nginx", canonical: "docker.io/library/nginx:latest", familiar: "nginx:latest", basename: "nginx"),
    ReferenceCase(text: "nginx:1.25", canonical: "docker.io/library/nginx:1.25", familiar: "nginx:1.25", basename: "nginx"),
    ReferenceCase(text: "coredns/coredns:1.8.0", canonical: "docker.io/coredns/coredns:1.8.0", familiar: "coredns/coredns:1.8.0", basename: "coredns"),
    ReferenceCase(text: "docker.io/calico/node:v3.20.0", canonical: "docker.io/calico/node:v3.20.0", familiar: "calico/node:v3.20.0", basename: "node"),
    ReferenceCase(text: "index.docker.io/library/busybox:1.36", canonical: "docker.io/library/busybox:1.36", familiar: "busybox:1.36", basename: "busybox"),
    ReferenceCase(text: "k8s.gcr.io/pause:3.2", canonical: "k8s.gcr.io/pause:3.2", familiar: "k8s.gcr.io/pause:3.2", basename: "pause"),
    ReferenceCase(text: "registry.local:5000/team/app", canonical: "registry.local:5000/team/app:latest", familiar: "registry.local:5000/team/app:latest", basename: "app"),
    ReferenceCase(text: "localhost/app:dev", canonical: "localhost/app:dev", familiar: "localhost/app:dev", basename: "app"),
    ReferenceCase(text: "k8s.gcr.io/sig-storage/csi-attacher:v3.4.0", canonical: "k8s.gcr.io/sig-storage/csi-attacher:v3.4.0", familiar: "k8s.gcr.io/sig-storage/csi-attacher:v3.4.0", basename: "csi-attacher"),
    ReferenceCase(text: "nginx@sha256:0d17b565c37bcbd895e9d92315a05c1c3c9a29f762b011a10c54a66cd53c9b31", canonical: "docker.io/library/nginx@sha256:0d17b565c37bcbd895e9d92315a05c1c3c9a29f762b011a10c54a66cd53c9b31", familiar: "nginx@sha256:0d17b565c37bcbd895e9d92315a05c1c3c9a29f762b011a10c54a66cd53c9b31", basename: "nginx"),
    ReferenceCase(text: "quay.io/coreos/flannel:v0.15.1-amd64@sha256:0d17b565c37bcbd895e9d92315a05c1c3c9a29f762b011a10c54a66cd53c9b31", canonical: "quay.io/coreos/flannel:v0.15.1-amd64@sha256:0d17b565c37bcbd895e9d92315a05c1c3c9a29f762b011a10c54a66cd53c9b31", familiar: "quay.io/coreos/flannel:v0.15.1-amd64@sha256:0d17b565c37bcbd895e9d92315a05c1c3c9a29f762b011a10c54a66cd53c9b31", basename: "flannel"),
])
func parsesReferences(_ c: ReferenceCase) throws {
    let reference = try ImageReference(parsing: c.text)
    #expect(reference.canonical == c.canonical)
    #expect(reference.familiar == c.familiar)
    #expect(reference.basename == c.basename)
}

@Test(arguments: ["", "Nginx", "nginx:", "nginx:-bad", "nginx@sha256:xyz", "a//b", "registry.local/Team/app"])
func rejectsInvalidReferences(_ text: String) {
    #expect(throws: ImageReference.ParseError.self) { try ImageReference(parsing: text) }
}

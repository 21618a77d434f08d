// Real pull error texts as kubelet events and container statuses carry them, each with the
// runtime/component and version that writes it and the cause nks-repull must name.
// Image names and hosts vary; the wording is the runtime's own.
@testable import NKSRepull

struct CorpusEntry: Sendable, CustomTestStringConvertible {
    var source: String
    var message: String
    var cause: PullCause
    var image: String? = nil
    var testDescription: String { "\(cause.rawValue) — \(source)" }
}

import Testing

enum PullErrorCorpus {
    static let entries: [CorpusEntry] = [
        // MARK: rate-limited
        // dockershim (kubelet ≤1.23, docker 19.03/20.10): daemon error passed through the CRI.
        CorpusEntry(source: "kubelet 1.21 dockershim, docker 20.10", message: #"Failed to pull image "nginx:1.21": rpc error: code = Unknown desc = Error response from daemon: toomanyrequests: You have reached your pull rate limit. You may increase the limit by authenticating and upgrading: https://www.docker.com/increase-rate-limit"#, cause: .rateLimited),
        // containerd 1.4–1.6: GET of the manifest with a body.
        CorpusEntry(source: "containerd 1.5 (remotes/docker/fetcher.go)", message: #"Failed to pull image "docker.io/library/nginx:latest": rpc error: code = Unknown desc = failed to pull and unpack image "docker.io/library/nginx:latest": failed to copy: httpReadSeeker: failed open: unexpected status code https://registry-1.docker.io/v2/library/nginx/manifests/sha256:0d17b565c37bcbd895e9d92315a05c1c3c9a29f762b011a10c54a66cd53c9b31: 429 Too Many Requests - Server message: toomanyrequests: You have reached your pull rate limit. You may increase the limit by authenticating and upgrading: https://www.docker.com/increase-rate-limit"#, cause: .rateLimited),
        // containerd 1.6 resolver: HEAD request, no body so no "toomanyrequests".
        CorpusEntry(source: "containerd 1.6 (remotes/docker/resolver.go)", message: #"Failed to pull image "redis:7": rpc error: code = Unknown desc = failed to pull and unpack image "docker.io/library/redis:7": failed to resolve reference "docker.io/library/redis:7": pulling from host registry-1.docker.io failed with status code [manifests 7]: 429 Too Many Requests"#, cause: .rateLimited),
        // containerd 1.7+ (remotes/errors.go ErrUnexpectedStatus) HEAD request.
        CorpusEntry(source: "containerd 1.7 (remotes/errors.go)", message: #"Failed to pull image "busybox:1.36": failed to pull and unpack image "docker.io/library/busybox:1.36": failed to resolve reference "docker.io/library/busybox:1.36": unexpected status from HEAD request to https://registry-1.docker.io/v2/library/busybox/manifests/1.36: 429 Too Many Requests"#, cause: .rateLimited),
        // containerd 2.0 with kubelet 1.32: status message carries the cause after ErrImagePull.
        CorpusEntry(source: "kubelet 1.32 status, containerd 2.0", message: #"Back-off pulling image "busybox:1.36": ErrImagePull: failed to pull and unpack image "docker.io/library/busybox:1.36": failed to resolve reference "docker.io/library/busybox:1.36": unexpected status from HEAD request to https://registry-1.docker.io/v2/library/busybox/manifests/1.36: 429 Too Many Requests"#, cause: .rateLimited),
        // containerd 1.6: the anonymous token endpoint rate-limited.
        CorpusEntry(source: "containerd 1.6 (remotes/docker/auth/fetch.go)", message: #"failed to pull and unpack image "docker.io/library/alpine:3.18": failed to resolve reference "docker.io/library/alpine:3.18": failed to authorize: failed to fetch anonymous token: unexpected status: 429 Too Many Requests"#, cause: .rateLimited),
        // CRI-O 1.2x (containers/image docker client).
        CorpusEntry(source: "CRI-O 1.26 (containers/image v5)", message: #"rpc error: code = Unknown desc = reading manifest latest in docker.io/library/nginx: toomanyrequests: You have reached your pull rate limit. You may increase the limit by authenticating and upgrading: https://www.docker.com/increase-rate-limit"#, cause: .rateLimited),
        // docker 24 daemon wording of the same limit.
        CorpusEntry(source: "kubelet 1.23 dockershim, docker 24", message: #"Error response from daemon: toomanyrequests: You have reached your unauthenticated pull rate limit. https://www.docker.com/increase-rate-limit"#, cause: .rateLimited),

        // MARK: image-not-found
        CorpusEntry(source: "containerd 1.6/1.7 (remotes/docker/resolver.go ErrNotFound)", message: #"Failed to pull image "nginx:1.99": rpc error: code = NotFound desc = failed to pull and unpack image "docker.io/library/nginx:1.99": failed to resolve reference "docker.io/library/nginx:1.99": docker.io/library/nginx:1.99: not found"#, cause: .imageNotFound),
        CorpusEntry(source: "kubelet 1.32 status, containerd 2.0", message: #"Back-off pulling image "nginx:1.99": ErrImagePull: rpc error: code = NotFound desc = failed to pull and unpack image "docker.io/library/nginx:1.99": failed to resolve reference "docker.io/library/nginx:1.99": docker.io/library/nginx:1.99: not found"#, cause: .imageNotFound),
        CorpusEntry(source: "kubelet 1.20 dockershim, docker 19.03", message: #"Failed to pull image "nginx:1.99": rpc error: code = Unknown desc = Error response from daemon: manifest for nginx:1.99 not found: manifest unknown: manifest unknown"#, cause: .imageNotFound),
        CorpusEntry(source: "CRI-O 1.24 (containers/image)", message: #"rpc error: code = Unknown desc = reading manifest 1.99 in docker.io/library/nginx: manifest unknown: manifest unknown"#, cause: .imageNotFound),
        CorpusEntry(source: "CRI-O 1.28 (containers/image)", message: #"initializing source docker://quay.io/prometheus/node-exporter:v9.9.9: reading manifest v9.9.9 in quay.io/prometheus/node-exporter: manifest unknown"#, cause: .imageNotFound),
        CorpusEntry(source: "kubelet (images/image_manager.go) ErrImageNeverPull", message: #"Container image "registry.local/app:1.0" is not present with pull policy of Never"#, cause: .imageNotFound),
        CorpusEntry(source: "Harbor 2.x via containerd 1.7", message: #"failed to pull and unpack image "harbor.example.com/team/app:2.0": failed to resolve reference "harbor.example.com/team/app:2.0": harbor.example.com/team/app:2.0: not found"#, cause: .imageNotFound),

        // MARK: auth-required
        CorpusEntry(source: "containerd 1.6 (remotes/docker/auth/fetch.go)", message: #"Failed to pull image "ghcr.io/acme/private:1.0": rpc error: code = Unknown desc = failed to pull and unpack image "ghcr.io/acme/private:1.0": failed to resolve reference "ghcr.io/acme/private:1.0": failed to authorize: failed to fetch anonymous token: unexpected status: 401 Unauthorized"#, cause: .authRequired),
        CorpusEntry(source: "containerd 1.7 (remotes/errors.go)", message: #"failed to pull and unpack image "ghcr.io/acme/private:1.0": failed to resolve reference "ghcr.io/acme/private:1.0": failed to authorize: failed to fetch anonymous token: unexpected status from GET request to https://ghcr.io/token?scope=repository%3Aacme%2Fprivate%3Apull&service=ghcr.io: 401 Unauthorized"#, cause: .authRequired),
        CorpusEntry(source: "containerd 1.6+ (remotes/docker/errcode.go)", message: #"failed to pull and unpack image "docker.io/acme/private:1.0": failed to resolve reference "docker.io/acme/private:1.0": pull access denied, repository does not exist or may require authorization: server message: insufficient_scope: authorization failed"#, cause: .authRequired),
        CorpusEntry(source: "kubelet 1.21 dockershim, docker 20.10", message: #"Failed to pull image "acme/private:1.0": rpc error: code = Unknown desc = Error response from daemon: pull access denied for acme/private, repository does not exist or may require 'docker login': denied: requested access to the resource is denied"#, cause: .authRequired),
        CorpusEntry(source: "kubelet dockershim, docker with ECR", message: #"Failed to pull image "123456789012.dkr.ecr.ap-northeast-1.amazonaws.com/app:1.0": rpc error: code = Unknown desc = Error response from daemon: Get https://123456789012.dkr.ecr.ap-northeast-1.amazonaws.com/v2/app/manifests/1.0: no basic auth credentials"#, cause: .authRequired),
        CorpusEntry(source: "CRI-O 1.27 (containers/image)", message: #"initializing source docker://quay.io/acme/private:1.0: reading manifest 1.0 in quay.io/acme/private: unauthorized: access to the requested resource is not authorized"#, cause: .authRequired),
        CorpusEntry(source: "CRI-O 1.25 with Harbor", message: #"initializing source docker://harbor.example.com/team/app:1.0: reading manifest 1.0 in harbor.example.com/team/app: unauthorized: authentication required"#, cause: .authRequired),
        CorpusEntry(source: "containerd 1.7 with GCR/Artifact Registry", message: #"failed to pull and unpack image "europe-docker.pkg.dev/acme/repo/app:1": failed to resolve reference "europe-docker.pkg.dev/acme/repo/app:1": unexpected status from HEAD request to https://europe-docker.pkg.dev/v2/acme/repo/app/manifests/1: 403 Forbidden"#, cause: .authRequired),

        // MARK: registry-unreachable
        CorpusEntry(source: "containerd 1.6, closed network (seed 002)", message: #"Failed to pull image "k8s.gcr.io/pause:3.2": rpc error: code = Unknown desc = failed to pull and unpack image "k8s.gcr.io/pause:3.2": failed to resolve reference "k8s.gcr.io/pause:3.2": failed to do request: Head "https://k8s.gcr.io/v2/pause/manifests/3.2": dial tcp 74.125.204.82:443: i/o timeout"#, cause: .registryUnreachable),
        CorpusEntry(source: "kubelet dockershim, docker 19.03, closed network", message: #"Failed to pull image "k8s.gcr.io/pause:3.2": rpc error: code = Unknown desc = Error response from daemon: Get https://k8s.gcr.io/v2/: net/http: request canceled while waiting for connection (Client.Timeout exceeded while awaiting headers)"#, cause: .registryUnreachable),
        CorpusEntry(source: "containerd 1.7, DNS", message: #"failed to pull and unpack image "registry.internal/app:1": failed to resolve reference "registry.internal/app:1": failed to do request: Head "https://registry.internal/v2/app/manifests/1": dial tcp: lookup registry.internal on 10.0.0.2:53: no such host"#, cause: .registryUnreachable),
        CorpusEntry(source: "CRI-O 1.26 (containers/image ping)", message: #"initializing source docker://registry.example.com/app:v1: pinging container registry registry.example.com: Get "https://registry.example.com/v2/": dial tcp 10.0.0.5:443: connect: no route to host"#, cause: .registryUnreachable),
        CorpusEntry(source: "kubelet dockershim, docker 20.10", message: #"Error response from daemon: Get "https://registry-1.docker.io/v2/": net/http: TLS handshake timeout"#, cause: .registryUnreachable),
        CorpusEntry(source: "containerd 1.6, refused", message: #"failed to pull and unpack image "10.0.0.9:5000/app:1": failed to resolve reference "10.0.0.9:5000/app:1": failed to do request: Head "https://10.0.0.9:5000/v2/app/manifests/1": dial tcp 10.0.0.9:5000: connect: connection refused"#, cause: .registryUnreachable),
        CorpusEntry(source: "containerd 1.7, proxy", message: #"failed to pull and unpack image "docker.io/library/nginx:1.25": failed to copy: httpReadSeeker: failed open: failed to do request: Get "https://production.cloudflare.docker.com/registry-v2/docker/registry/v2/blobs/sha256/aa/aa/data": read tcp 10.0.0.4:51234->104.16.99.55:443: read: connection reset by peer"#, cause: .registryUnreachable),
        CorpusEntry(source: "CRI-O 1.28, DNS", message: #"pinging container registry registry.k8s.io: Get "https://registry.k8s.io/v2/": dial tcp: lookup registry.k8s.io: Temporary failure in name resolution"#, cause: .registryUnreachable),

        // containerd/containerd#4233: a registry that hangs up on the HEAD request.
        CorpusEntry(source: "containerd 1.3 (ctr, remotes/docker/resolver.go)", message: #"failed to resolve reference "registry.cn-south-1.com/library/iop/gcr.io/google_containers/pause-amd64:3.1": failed to do request: Head https://registry.cn-south-1.com/v2/library/iop/gcr.io/google_containers/pause-amd64/manifests/3.1: EOF"#, cause: .registryUnreachable),

        // MARK: registry-deprecated
        CorpusEntry(source: "containerd 1.6 + docker.pkg.github.com (seed 002)", message: #"failed to pull and unpack image "docker.pkg.github.com/acme/app/api:1.4": failed to resolve reference "docker.pkg.github.com/acme/app/api:1.4": pulling from host docker.pkg.github.com failed with status code [manifests 1.4]: 401 Unauthorized"#, cause: .registryDeprecated),
        CorpusEntry(source: "containerd 2.0 (core/transfer/local/pull.go)", message: #"Failed to pull image "k8s.gcr.io/echoserver:1.4": rpc error: code = InvalidArgument desc = failed to pull and unpack image "k8s.gcr.io/echoserver:1.4": schema 1 image manifests are no longer supported: invalid argument"#, cause: .registryDeprecated),
        CorpusEntry(source: "containerd 1.7 + docker.pkg.github.com", message: #"failed to pull and unpack image "docker.pkg.github.com/acme/app/api:1.4": failed to resolve reference "docker.pkg.github.com/acme/app/api:1.4": unexpected status from HEAD request to https://docker.pkg.github.com/v2/acme/app/api/manifests/1.4: 401 Unauthorized"#, cause: .registryDeprecated),
        CorpusEntry(source: "docker 25+ (distribution schema1 removal)", message: #"Error response from daemon: [DEPRECATION NOTICE] Docker Image Format v1 and Docker Image manifest version 2, schema 1 support is disabled by default and will be removed in an upcoming release. Suggest the author of docker.io/library/old:1 to upgrade the image to the OCI Format or Docker Image manifest v2, schema 2."#, cause: .registryDeprecated),

        // containerd 2.1 refuses schema 1 outright; docker 29 (on containerd 2.1) passes it on.
        CorpusEntry(source: "docker 29 daemon on containerd 2.1", message: #"Error response from daemon: not implemented: media type "application/vnd.docker.distribution.manifest.v1+prettyjws" is no longer supported since containerd v2.1, please rebuild the image as "application/vnd.docker.distribution.manifest.v2+json" or "application/vnd.oci.image.manifest.v1+json""#, cause: .registryDeprecated),
        CorpusEntry(source: "kubelet 1.33, containerd 2.1 (CRI image pull)", message: #"Failed to pull image "training/webapp:latest": failed to pull and unpack image "docker.io/training/webapp:latest": not implemented: media type "application/vnd.docker.distribution.manifest.v1+prettyjws" is no longer supported since containerd v2.1, please rebuild the image as "application/vnd.docker.distribution.manifest.v2+json" or "application/vnd.oci.image.manifest.v1+json""#, cause: .registryDeprecated),

        // MARK: pull-progress-timeout
        CorpusEntry(source: "kubelet 1.18 dockershim (docker_image.go, seed 004)", message: #"Cancel pulling image "123456789012.dkr.ecr.ap-northeast-1.amazonaws.com/api:2.3" because of no progress for 1m0s, latest progress: "e4c1a2b3c4d5: Downloading [=====>    ] 120MB/310MB""#, cause: .pullProgressTimeout),
        CorpusEntry(source: "containerd 1.7 CRI (image_pull.go)", message: #"cancel pulling image docker.io/acme/big:1.0 because of no progress in 5m0s"#, cause: .pullProgressTimeout),
        CorpusEntry(source: "kubelet 1.27, containerd 1.7", message: #"Failed to pull image "acme/big:1.0": rpc error: code = Canceled desc = failed to pull and unpack image "docker.io/acme/big:1.0": context canceled"#, cause: .pullProgressTimeout),
        CorpusEntry(source: "kubelet 1.20 dockershim", message: #"Failed to pull image "acme/big:1.0": rpc error: code = Unknown desc = context canceled"#, cause: .pullProgressTimeout),
        CorpusEntry(source: "kubelet 1.32 status, containerd 1.7", message: #"Back-off pulling image "acme/big:1.0": ErrImagePull: failed to pull and unpack image "docker.io/acme/big:1.0": failed to copy: read tcp 10.0.0.4:40312->104.16.99.55:443: read: context canceled"#, cause: .pullProgressTimeout),

        // MARK: tls-untrusted
        CorpusEntry(source: "containerd 1.6, Go <1.20", message: #"failed to pull and unpack image "harbor.local/team/app:1": failed to resolve reference "harbor.local/team/app:1": failed to do request: Head "https://harbor.local/v2/team/app/manifests/1": x509: certificate signed by unknown authority"#, cause: .tlsUntrusted),
        CorpusEntry(source: "containerd 1.7, Go ≥1.20", message: #"failed to pull and unpack image "harbor.local/team/app:1": failed to resolve reference "harbor.local/team/app:1": failed to do request: Head "https://harbor.local/v2/team/app/manifests/1": tls: failed to verify certificate: x509: certificate signed by unknown authority"#, cause: .tlsUntrusted),
        CorpusEntry(source: "kubelet dockershim, docker 20.10", message: #"Error response from daemon: Get "https://harbor.local/v2/": x509: certificate is valid for ingress.local, not harbor.local"#, cause: .tlsUntrusted),
        CorpusEntry(source: "containerd 1.6, plain-HTTP registry", message: #"failed to pull and unpack image "10.0.0.9:5000/app:1": failed to resolve reference "10.0.0.9:5000/app:1": failed to do request: Head "https://10.0.0.9:5000/v2/app/manifests/1": http: server gave HTTP response to HTTPS client"#, cause: .tlsUntrusted),
        CorpusEntry(source: "CRI-O 1.27", message: #"pinging container registry harbor.local: Get "https://harbor.local/v2/": tls: failed to verify certificate: x509: certificate has expired or is not yet valid: current time 2024-03-01T00:00:00Z is after 2024-02-01T00:00:00Z"#, cause: .tlsUntrusted),

        // MARK: platform-mismatch
        CorpusEntry(source: "containerd 1.6/1.7 (images/handlers.go)", message: #"failed to pull and unpack image "docker.io/acme/arm-only:1": no match for platform in manifest: not found"#, cause: .platformMismatch),
        CorpusEntry(source: "docker 20.10", message: #"Error response from daemon: image with reference acme/arm-only:1 was found but does not match the specified platform: wanted linux/amd64, actual: linux/arm64"#, cause: .platformMismatch),
        CorpusEntry(source: "CRI-O 1.24 (containers/image)", message: #"choosing image instance: no image found in manifest list for architecture amd64, variant "", OS linux"#, cause: .platformMismatch),
        CorpusEntry(source: "CRI-O 1.29 (containers/image 5.29)", message: #"choosing an image from manifest list docker://acme/arm-only:1: no image found in image index for architecture "amd64", variant "", OS "linux""#, cause: .platformMismatch),

        // MARK: disk-full
        CorpusEntry(source: "containerd 1.6 (unpack)", message: #"failed to pull and unpack image "docker.io/acme/big:1.0": failed to extract layer sha256:4a0b5e1f6c: write /var/lib/containerd/io.containerd.snapshotter.v1.overlayfs/snapshots/112/fs/usr/lib/libLLVM.so: no space left on device: unknown"#, cause: .diskFull),
        CorpusEntry(source: "kubelet dockershim, docker 19.03", message: #"Error response from daemon: failed to register layer: Error processing tar file(exit status 1): write /usr/share/locale/de/LC_MESSAGES/libc.mo: no space left on device"#, cause: .diskFull),
        CorpusEntry(source: "containerd 1.7 (content store)", message: #"failed to pull and unpack image "docker.io/acme/big:1.0": failed to copy: failed to send write: write /var/lib/containerd/io.containerd.content.v1.content/ingest/3f1e/data: no space left on device: unknown"#, cause: .diskFull),
        CorpusEntry(source: "CRI-O 1.26", message: #"writing blob: storing blob to file "/var/tmp/storage1234/1": write /var/tmp/storage1234/1: no space left on device"#, cause: .diskFull),

        // MARK: unknown (texts that say nothing about the cause)
        CorpusEntry(source: "kubelet event BackOff (all versions)", message: #"Back-off pulling image "busybox:1.36""#, cause: .unknown),
        CorpusEntry(source: "kubelet event Failed", message: "Error: ErrImagePull", cause: .unknown),
        CorpusEntry(source: "kubelet event Failed", message: "Error: ImagePullBackOff", cause: .unknown),
    ]
}

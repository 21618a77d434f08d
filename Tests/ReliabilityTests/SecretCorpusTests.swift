// Registry credentials in the shapes nodes really hold them, which the detector must refuse,
// and ordinary node files it must let through. Shapes from the tools' own documentation:
// docker's ~/.docker/config.json and a kubernetes.io/dockerconfigjson Secret, podman/CRI-O
// auth.json (containers-auth.json(5)), containerd's CRI registry auth in config.toml and
// hosts.toml headers (containerd docs/hosts.md, docs/cri/registry.md), k3s registries.yaml.
import Foundation
import NKSStore
import Testing

@Suite struct SecretCorpusTests {
    static let credentials: [(name: String, text: String, key: String)] = [
        ("docker config.json", """
        {
        	"auths": {
        		"https://index.docker.io/v1/": {
        			"auth": "dXNlcjpodW50ZXIy"
        		}
        	}
        }
        """, "auth"),
        ("docker config.json with an identity token", """
        {
          "auths": {
            "myregistry.azurecr.io": {
              "auth": "",
              "identitytoken": "eyJhbGciOiJSUzI1NiIsInR5cCI6IkpXVCJ9.e30.sig"
            }
          }
        }
        """, "identitytoken"),
        ("podman/CRI-O auth.json", """
        {
            "auths": {
                "quay.io": {
                    "auth": "dXNlcjpodW50ZXIy"
                }
            }
        }
        """, "auth"),
        ("dockerconfigjson in one line", #"{"auths":{"harbor.example.com":{"username":"robot$ci","password":"hunter2","auth":"cm9ib3QkY2k6aHVudGVyMg=="}}}"#, "password"),
        ("kubernetes.io/dockerconfigjson Secret", """
        apiVersion: v1
        kind: Secret
        metadata:
          name: regcred
        type: kubernetes.io/dockerconfigjson
        data:
          .dockerconfigjson: eyJhdXRocyI6eyJoYXJib3IuZXhhbXBsZS5jb20iOnsiYXV0aCI6ImRYTmxjanBvZFc1MFpYSXkifX19
        """, ".dockerconfigjson"),
        ("containerd config.toml CRI registry auth", """
        version = 2
        [plugins."io.containerd.grpc.v1.cri".registry]
          config_path = ""
        [plugins."io.containerd.grpc.v1.cri".registry.configs."gcr.io".auth]
          username = "_json_key"
          password = 'paste output from jq'
        """, "password"),
        ("containerd config.toml auth field", """
        [plugins."io.containerd.grpc.v1.cri".registry.configs."registry.example.com".auth]
          auth = "dXNlcjpodW50ZXIy"
        """, "auth"),
        ("containerd hosts.toml Authorization header", """
        server = "https://registry.example.com"

        [host."https://registry.example.com"]
          capabilities = ["pull", "resolve"]
          [host."https://registry.example.com".header]
            Authorization = ["Basic dXNlcjpodW50ZXIy"]
        """, "Authorization"),
        ("containerd hosts.toml bearer header as a string", """
        [host."https://mirror.internal".header]
          authorization = "Bearer eyJhbGciOiJIUzI1NiJ9.e30.x"
        """, "authorization"),
        ("k3s registries.yaml", """
        configs:
          "registry.example.com:5000":
            auth:
              username: xxx
              password: hunter2
        """, "password"),
        ("kubeconfig token", "users:\n- name: admin\n  user:\n    token: eyJhbGciOiJSUzI1NiJ9.e30.sig\n", "token"),
        ("HTTP header in a file", "GET /v2/ HTTP/1.1\nAuthorization: Bearer abc.def.ghi\n", "Authorization"),
    ]

    static let ordinaryFiles: [(name: String, text: String)] = [
        ("logrotate preset", Preset.logrotateDocker.files["/etc/logrotate.d/docker"]!),
        ("kubelet config.yaml", """
        apiVersion: kubelet.config.k8s.io/v1beta1
        kind: KubeletConfiguration
        authentication:
          anonymous:
            enabled: false
          webhook:
            cacheTTL: 0s
            enabled: true
          x509:
            clientCAFile: /etc/kubernetes/pki/ca.crt
        authorization:
          mode: Webhook
          webhook:
            cacheAuthorizedTTL: 0s
        cgroupDriver: systemd
        """),
        ("EKS kubelet-config.json", #"{"kind":"KubeletConfiguration","authentication":{"anonymous":{"enabled":false},"webhook":{"cacheTTL":"2m0s","enabled":true},"x509":{"clientCAFile":"/etc/kubernetes/pki/ca.crt"}},"authorization":{"mode":"Webhook"},"serverTLSBootstrap":true}"#),
        ("kubelet flow style", "authorization: {mode: Webhook}\nauthentication: {webhook: {enabled: true}}\n"),
        ("kubeadm 10-kubeadm.conf", """
        [Service]
        Environment="KUBELET_KUBECONFIG_ARGS=--bootstrap-kubeconfig=/etc/kubernetes/bootstrap-kubelet.conf --kubeconfig=/etc/kubernetes/kubelet.conf"
        EnvironmentFile=-/var/lib/kubelet/kubeadm-flags.env
        ExecStart=
        ExecStart=/usr/bin/kubelet $KUBELET_KUBECONFIG_ARGS $KUBELET_CONFIG_ARGS $KUBELET_KUBEADM_ARGS $KUBELET_EXTRA_ARGS
        """),
        ("sysconfig kubelet", "KUBELET_EXTRA_ARGS=--node-ip=10.0.1.5 --image-pull-progress-deadline=10m\n"),
        ("containerd config.toml without credentials", """
        version = 2
        [plugins."io.containerd.grpc.v1.cri"]
          sandbox_image = "registry.k8s.io/pause:3.9"
        [plugins."io.containerd.grpc.v1.cri".registry]
          config_path = "/etc/containerd/certs.d"
        [plugins."io.containerd.grpc.v1.cri".registry.configs."gcr.io".auth]
          auth = ""
        """),
        ("hosts.toml without headers", """
        server = "https://registry-1.docker.io"

        [host."https://mirror.gcr.io"]
          capabilities = ["pull", "resolve"]
          skip_verify = false
        """),
        ("docker config.json with a credential helper", """
        {
          "auths": {
            "https://index.docker.io/v1/": {}
          },
          "credsStore": "desktop",
          "credHelpers": {"123456789012.dkr.ecr.us-east-1.amazonaws.com": "ecr-login"}
        }
        """),
        ("docker daemon.json", #"{"log-driver": "json-file", "log-opts": {"max-size": "100m", "max-file": "10"}}"#),
        ("kubeconfig with a token file", "users:\n- name: node\n  user:\n    tokenFile: /var/run/secrets/token\n    token: \"\"\n"),
    ]

    @Test func registryCredentialsInTheirRealShapesAreRecognised() {
        for sample in Self.credentials {
            #expect(SecretDetector.reason(sample.text) == "it has a '\(sample.key)' value", "\(sample.name)")
        }
    }

    @Test func ordinaryNodeFilesAreNotTakenForCredentials() {
        for sample in Self.ordinaryFiles {
            #expect(SecretDetector.reason(sample.text) == nil, "\(sample.name)")
        }
    }
}

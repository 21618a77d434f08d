// `kubectl get nodes -o json` as kubectl 1.32 prints it for a two-node list: a Ready
// containerd worker and a NotReady, cordoned docker worker under DiskPressure. Field order,
// managedFields, images and unknown fields are kept as the apiserver sends them.
enum NodeFixtures {
    static let list = #"""
    {
        "apiVersion": "v1",
        "items": [
            {
                "apiVersion": "v1",
                "kind": "Node",
                "metadata": {
                    "annotations": {
                        "node.alpha.kubernetes.io/ttl": "0",
                        "volumes.kubernetes.io/controller-managed-attach-detach": "true"
                    },
                    "creationTimestamp": "2024-03-11T02:14:51Z",
                    "labels": {
                        "beta.kubernetes.io/arch": "amd64",
                        "kubernetes.io/hostname": "nks-pool-a-w-1x2y",
                        "kubernetes.io/os": "linux",
                        "magnum.openstack.org/nodegroup": "pool-a"
                    },
                    "managedFields": [
                        {
                            "apiVersion": "v1",
                            "fieldsType": "FieldsV1",
                            "fieldsV1": {"f:metadata": {"f:labels": {".": {}, "f:kubernetes.io/os": {}}}},
                            "manager": "kubelet",
                            "operation": "Update",
                            "time": "2024-05-01T09:59:40Z"
                        }
                    ],
                    "name": "nks-pool-a-w-1x2y",
                    "resourceVersion": "48211993",
                    "uid": "7f0c2f0e-2d7e-4b0f-9a3c-58d2e3b1e6a1"
                },
                "spec": {
                    "podCIDR": "10.100.1.0/24",
                    "podCIDRs": ["10.100.1.0/24"],
                    "providerID": "openstack:///5d0f7c1a-4b8e-4c55-9d8e-0a9b1c2d3e4f"
                },
                "status": {
                    "addresses": [
                        {"address": "192.168.0.21", "type": "InternalIP"},
                        {"address": "nks-pool-a-w-1x2y", "type": "Hostname"}
                    ],
                    "allocatable": {"cpu": "3920m", "ephemeral-storage": "46478562887", "memory": "7865068Ki", "pods": "110"},
                    "capacity": {"cpu": "4", "ephemeral-storage": "50432020Ki", "memory": "8015596Ki", "pods": "110"},
                    "conditions": [
                        {
                            "lastHeartbeatTime": "2024-05-01T09:59:40Z",
                            "lastTransitionTime": "2024-03-11T02:14:51Z",
                            "message": "kubelet has sufficient memory available",
                            "reason": "KubeletHasSufficientMemory",
                            "status": "False",
                            "type": "MemoryPressure"
                        },
                        {
                            "lastHeartbeatTime": "2024-05-01T09:59:40Z",
                            "lastTransitionTime": "2024-03-11T02:14:51Z",
                            "message": "kubelet has no disk pressure",
                            "reason": "KubeletHasNoDiskPressure",
                            "status": "False",
                            "type": "DiskPressure"
                        },
                        {
                            "lastHeartbeatTime": "2024-05-01T09:59:40Z",
                            "lastTransitionTime": "2024-03-11T02:15:22Z",
                            "message": "kubelet is posting ready status",
                            "reason": "KubeletReady",
                            "status": "True",
                            "type": "Ready"
                        }
                    ],
                    "daemonEndpoints": {"kubeletEndpoint": {"Port": 10250}},
                    "images": [
                        {"names": ["registry.k8s.io/pause@sha256:7031c1b283388d2c2e09b57badb803c05ebed362dc88d84b480cc47f72a21097", "registry.k8s.io/pause:3.9"], "sizeBytes": 321520}
                    ],
                    "nodeInfo": {
                        "architecture": "amd64",
                        "bootID": "0b6c64c9-9d6c-4c61-8f57-1b3b1e7f9d20",
                        "containerRuntimeVersion": "containerd://1.7.13",
                        "kernelVersion": "5.14.0-362.8.1.el9_3.x86_64",
                        "kubeProxyVersion": "v1.28.5",
                        "kubeletVersion": "v1.28.5",
                        "machineID": "3f1e2d4c5b6a79880a1b2c3d4e5f6071",
                        "operatingSystem": "linux",
                        "osImage": "Rocky Linux 9.3 (Blue Onyx)",
                        "systemUUID": "5d0f7c1a-4b8e-4c55-9d8e-0a9b1c2d3e4f"
                    }
                }
            },
            {
                "apiVersion": "v1",
                "kind": "Node",
                "metadata": {
                    "creationTimestamp": "2023-11-02T07:40:03Z",
                    "labels": {"kubernetes.io/hostname": "nks-pool-b-w-9k8j"},
                    "name": "nks-pool-b-w-9k8j",
                    "resourceVersion": "48211870",
                    "uid": "c3b0e1d4-8a8e-4c41-b7ad-6a8f2b7c9e10"
                },
                "spec": {
                    "taints": [
                        {"effect": "NoSchedule", "key": "node.kubernetes.io/unschedulable", "timeAdded": "2024-05-01T09:40:00Z"},
                        {"effect": "NoSchedule", "key": "node.kubernetes.io/disk-pressure", "timeAdded": "2024-05-01T09:31:12Z"},
                        {"effect": "NoExecute", "key": "dedicated", "value": "batch"}
                    ],
                    "unschedulable": true
                },
                "status": {
                    "addresses": [
                        {"address": "192.168.0.37", "type": "InternalIP"},
                        {"address": "133.186.0.9", "type": "ExternalIP"},
                        {"address": "nks-pool-b-w-9k8j", "type": "Hostname"}
                    ],
                    "conditions": [
                        {
                            "lastHeartbeatTime": "2024-05-01T09:58:51Z",
                            "lastTransitionTime": "2024-05-01T09:31:02Z",
                            "message": "kubelet has disk pressure",
                            "reason": "KubeletHasDiskPressure",
                            "status": "True",
                            "type": "DiskPressure"
                        },
                        {
                            "lastHeartbeatTime": "2024-05-01T09:58:51Z",
                            "lastTransitionTime": "2024-05-01T09:59:35Z",
                            "message": "Kubelet stopped posting node status.",
                            "reason": "NodeStatusUnknown",
                            "status": "Unknown",
                            "type": "Ready"
                        }
                    ],
                    "nodeInfo": {
                        "architecture": "amd64",
                        "bootID": "e2a4c6f8-1b3d-4e5f-8a9b-0c1d2e3f4a5b",
                        "containerRuntimeVersion": "docker://20.10.7",
                        "kernelVersion": "3.10.0-1160.el7.x86_64",
                        "kubeletVersion": "v1.23.17",
                        "osImage": "CentOS Linux 7 (Core)"
                    }
                }
            }
        ],
        "kind": "List",
        "metadata": {
            "resourceVersion": ""
        }
    }
    """#
}

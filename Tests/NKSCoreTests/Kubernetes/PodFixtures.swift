// `kubectl get pods -o json` documents: a Job pod the kubelet evicted under DiskPressure
// (its containers already gone), and a pod stuck in ImagePullBackOff behind an init container.
enum PodFixtures {
    static let list = #"""
    {
        "apiVersion": "v1",
        "items": [
            {
                "apiVersion": "v1",
                "kind": "Pod",
                "metadata": {
                    "creationTimestamp": "2024-05-01T09:00:00Z",
                    "generateName": "nightly-report-28577340-",
                    "labels": {
                        "batch.kubernetes.io/controller-uid": "0d5c1b7e-6b1f-4e5d-9b87-1f2e3d4c5b6a",
                        "batch.kubernetes.io/job-name": "nightly-report-28577340",
                        "controller-uid": "0d5c1b7e-6b1f-4e5d-9b87-1f2e3d4c5b6a",
                        "job-name": "nightly-report-28577340"
                    },
                    "name": "nightly-report-28577340-v7k2p",
                    "namespace": "batch",
                    "ownerReferences": [
                        {
                            "apiVersion": "batch/v1",
                            "blockOwnerDeletion": true,
                            "controller": true,
                            "kind": "Job",
                            "name": "nightly-report-28577340",
                            "uid": "0d5c1b7e-6b1f-4e5d-9b87-1f2e3d4c5b6a"
                        }
                    ],
                    "resourceVersion": "48190021",
                    "uid": "a7e9d3c1-2b4f-4d6e-8f1a-3c5e7a9b1d2f"
                },
                "spec": {
                    "containers": [
                        {
                            "command": ["/bin/report", "--since=24h"],
                            "image": "registry.example.com/batch/report:2.4.1",
                            "imagePullPolicy": "IfNotPresent",
                            "name": "report",
                            "resources": {
                                "limits": {"memory": "512Mi"},
                                "requests": {"cpu": "250m", "ephemeral-storage": "1Gi", "memory": "256Mi"}
                            },
                            "terminationMessagePath": "/dev/termination-log",
                            "terminationMessagePolicy": "File"
                        }
                    ],
                    "dnsPolicy": "ClusterFirst",
                    "enableServiceLinks": true,
                    "nodeName": "nks-pool-b-w-9k8j",
                    "preemptionPolicy": "PreemptLowerPriority",
                    "priority": 0,
                    "restartPolicy": "Never",
                    "schedulerName": "default-scheduler",
                    "securityContext": {},
                    "serviceAccount": "default",
                    "serviceAccountName": "default",
                    "terminationGracePeriodSeconds": 30,
                    "tolerations": [
                        {"effect": "NoExecute", "key": "node.kubernetes.io/not-ready", "operator": "Exists", "tolerationSeconds": 300}
                    ]
                },
                "status": {
                    "conditions": [
                        {"lastProbeTime": null, "lastTransitionTime": "2024-05-01T09:31:40Z", "message": "The node was low on resource: ephemeral-storage. ", "reason": "TerminationByKubelet", "status": "True", "type": "DisruptionTarget"}
                    ],
                    "containerStatuses": [
                        {
                            "containerID": "containerd://4f1e9c2b7a6d5e3f8c0b1a2d3e4f5a6b7c8d9e0f1a2b3c4d5e6f7a8b9c0d1e2f",
                            "image": "registry.example.com/batch/report:2.4.1",
                            "imageID": "registry.example.com/batch/report@sha256:9b2c1d0e8f7a6b5c4d3e2f1a0b9c8d7e6f5a4b3c2d1e0f9a8b7c6d5e4f3a2b1c",
                            "lastState": {},
                            "name": "report",
                            "ready": false,
                            "restartCount": 0,
                            "started": false,
                            "state": {
                                "terminated": {
                                    "containerID": "containerd://4f1e9c2b7a6d5e3f8c0b1a2d3e4f5a6b7c8d9e0f1a2b3c4d5e6f7a8b9c0d1e2f",
                                    "exitCode": 137,
                                    "finishedAt": "2024-05-01T09:31:39Z",
                                    "reason": "ContainerStatusUnknown",
                                    "message": "The container could not be located when the pod was terminated",
                                    "startedAt": "2024-05-01T09:00:04Z"
                                }
                            }
                        }
                    ],
                    "hostIP": "192.168.0.37",
                    "message": "The node was low on resource: ephemeral-storage. Threshold quantity: 5042002Ki, available: 3110248Ki. Container report was using 2811904Ki, request is 1Gi, has larger consumption of ephemeral-storage. ",
                    "phase": "Failed",
                    "qosClass": "Burstable",
                    "reason": "Evicted",
                    "startTime": "2024-05-01T09:00:00Z"
                }
            },
            {
                "apiVersion": "v1",
                "kind": "Pod",
                "metadata": {
                    "creationTimestamp": "2024-05-01T09:50:12Z",
                    "name": "web-6f7d8c9b5d-x2x7q",
                    "namespace": "default",
                    "uid": "f1e2d3c4-b5a6-4978-8a9b-0c1d2e3f4a5b"
                },
                "spec": {
                    "containers": [
                        {"image": "docker.io/library/nginx:1.25", "name": "nginx"}
                    ],
                    "imagePullSecrets": [{"name": "regcred"}],
                    "initContainers": [
                        {"image": "busybox:1.36", "name": "wait-db"}
                    ],
                    "nodeName": "nks-pool-a-w-1x2y",
                    "serviceAccountName": "web"
                },
                "status": {
                    "containerStatuses": [
                        {
                            "image": "docker.io/library/nginx:1.25",
                            "imageID": "",
                            "lastState": {},
                            "name": "nginx",
                            "ready": false,
                            "restartCount": 0,
                            "started": false,
                            "state": {
                                "waiting": {
                                    "message": "Back-off pulling image \"docker.io/library/nginx:1.25\"",
                                    "reason": "ImagePullBackOff"
                                }
                            }
                        }
                    ],
                    "initContainerStatuses": [
                        {
                            "containerID": "containerd://0a1b2c3d4e5f60718293a4b5c6d7e8f90a1b2c3d4e5f60718293a4b5c6d7e8f9",
                            "image": "docker.io/library/busybox:1.36",
                            "imageID": "docker.io/library/busybox@sha256:c3839dd800b9eb7603340509769c43e146a74c63dca3045a8e7dc8ee07e53966",
                            "lastState": {},
                            "name": "wait-db",
                            "ready": true,
                            "restartCount": 0,
                            "started": false,
                            "state": {
                                "terminated": {
                                    "containerID": "containerd://0a1b2c3d4e5f60718293a4b5c6d7e8f90a1b2c3d4e5f60718293a4b5c6d7e8f9",
                                    "exitCode": 0,
                                    "finishedAt": "2024-05-01T09:50:20Z",
                                    "reason": "Completed",
                                    "startedAt": "2024-05-01T09:50:15Z"
                                }
                            }
                        }
                    ],
                    "phase": "Pending",
                    "podIP": "10.100.1.23",
                    "podIPs": [{"ip": "10.100.1.23"}],
                    "qosClass": "BestEffort",
                    "startTime": "2024-05-01T09:50:12Z"
                }
            }
        ],
        "kind": "List",
        "metadata": {"resourceVersion": ""}
    }
    """#
}

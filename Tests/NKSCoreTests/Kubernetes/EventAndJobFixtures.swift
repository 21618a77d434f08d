// Events as both APIs write them (kubelet's old-style with count and null eventTime; a
// scheduler event with MicroTime eventTime, series and null first/lastTimestamp), and a
// CronJob with the failed Job it spawned.
enum EventAndJobFixtures {
    static let events = #"""
    {
        "apiVersion": "v1",
        "items": [
            {
                "apiVersion": "v1",
                "count": 4,
                "eventTime": null,
                "firstTimestamp": "2024-05-01T09:31:02Z",
                "involvedObject": {
                    "apiVersion": "v1",
                    "kind": "Node",
                    "name": "nks-pool-b-w-9k8j",
                    "uid": "nks-pool-b-w-9k8j"
                },
                "kind": "Event",
                "lastTimestamp": "2024-05-01T09:41:02Z",
                "message": "The node was low on resource: ephemeral-storage. Threshold quantity: 5042002Ki, available: 3110248Ki.",
                "metadata": {
                    "creationTimestamp": "2024-05-01T09:31:02Z",
                    "name": "nks-pool-b-w-9k8j.17cb3c1f2d7a9e10",
                    "namespace": "default",
                    "resourceVersion": "48190011",
                    "uid": "5b6c7d8e-9f0a-4b1c-8d2e-3f4a5b6c7d8e"
                },
                "reason": "EvictionThresholdMet",
                "reportingComponent": "kubelet",
                "reportingInstance": "nks-pool-b-w-9k8j",
                "source": {"component": "kubelet", "host": "nks-pool-b-w-9k8j"},
                "type": "Warning"
            },
            {
                "action": "Scheduling",
                "apiVersion": "v1",
                "eventTime": "2024-05-01T09:50:12.481732Z",
                "firstTimestamp": null,
                "involvedObject": {
                    "apiVersion": "v1",
                    "fieldPath": "spec.containers{nginx}",
                    "kind": "Pod",
                    "name": "web-6f7d8c9b5d-x2x7q",
                    "namespace": "default",
                    "resourceVersion": "48211001",
                    "uid": "f1e2d3c4-b5a6-4978-8a9b-0c1d2e3f4a5b"
                },
                "kind": "Event",
                "lastTimestamp": null,
                "message": "Failed to pull image \"docker.io/library/nginx:1.25\": failed to pull and unpack image \"docker.io/library/nginx:1.25\": failed to copy: httpReadSeeker: failed open: unexpected status code https://registry-1.docker.io/v2/library/nginx/manifests/sha256:...: 429 Too Many Requests - Server message: toomanyrequests: You have reached your pull rate limit.",
                "metadata": {
                    "creationTimestamp": "2024-05-01T09:50:12Z",
                    "name": "web-6f7d8c9b5d-x2x7q.17cb3d2a0b1c2d3e",
                    "namespace": "default",
                    "resourceVersion": "48211050",
                    "uid": "6c7d8e9f-0a1b-4c2d-9e3f-4a5b6c7d8e9f"
                },
                "reason": "Failed",
                "reportingComponent": "kubelet",
                "reportingInstance": "nks-pool-a-w-1x2y",
                "series": {"count": 6, "lastObservedTime": "2024-05-01T09:55:40.102934Z"},
                "source": {},
                "type": "Warning"
            }
        ],
        "kind": "List",
        "metadata": {"resourceVersion": ""}
    }
    """#

    static let cronJob = #"""
    {
        "apiVersion": "batch/v1",
        "kind": "CronJob",
        "metadata": {
            "creationTimestamp": "2023-12-01T00:00:00Z",
            "generation": 3,
            "name": "nightly-report",
            "namespace": "batch",
            "resourceVersion": "48190100",
            "uid": "9a8b7c6d-5e4f-4a3b-2c1d-0e9f8a7b6c5d"
        },
        "spec": {
            "concurrencyPolicy": "Forbid",
            "failedJobsHistoryLimit": 1,
            "jobTemplate": {
                "metadata": {"creationTimestamp": null, "labels": {"app": "report"}},
                "spec": {
                    "backoffLimit": 0,
                    "template": {
                        "metadata": {"creationTimestamp": null},
                        "spec": {"containers": [{"image": "registry.example.com/batch/report:2.4.1", "name": "report"}], "restartPolicy": "Never"}
                    },
                    "ttlSecondsAfterFinished": 600
                }
            },
            "schedule": "0 9 * * *",
            "successfulJobsHistoryLimit": 3,
            "suspend": false,
            "timeZone": "Asia/Seoul"
        },
        "status": {
            "active": [
                {"apiVersion": "batch/v1", "kind": "Job", "name": "nightly-report-28577400", "namespace": "batch", "resourceVersion": "48211900", "uid": "1b2c3d4e-5f6a-4b7c-8d9e-0f1a2b3c4d5e"}
            ],
            "lastScheduleTime": "2024-05-01T10:00:00Z",
            "lastSuccessfulTime": "2024-04-30T09:04:51Z"
        }
    }
    """#

    static let job = #"""
    {
        "apiVersion": "batch/v1",
        "kind": "Job",
        "metadata": {
            "creationTimestamp": "2024-05-01T09:00:00Z",
            "labels": {"app": "report"},
            "name": "nightly-report-28577340",
            "namespace": "batch",
            "ownerReferences": [
                {"apiVersion": "batch/v1", "blockOwnerDeletion": true, "controller": true, "kind": "CronJob", "name": "nightly-report", "uid": "9a8b7c6d-5e4f-4a3b-2c1d-0e9f8a7b6c5d"}
            ],
            "uid": "0d5c1b7e-6b1f-4e5d-9b87-1f2e3d4c5b6a"
        },
        "spec": {
            "backoffLimit": 0,
            "completionMode": "NonIndexed",
            "completions": 1,
            "manualSelector": false,
            "parallelism": 1,
            "podReplacementPolicy": "TerminatingOrFailed",
            "suspend": false,
            "ttlSecondsAfterFinished": 600
        },
        "status": {
            "conditions": [
                {"lastProbeTime": "2024-05-01T09:31:41Z", "lastTransitionTime": "2024-05-01T09:31:41Z", "message": "Job has reached the specified backoff limit", "reason": "BackoffLimitExceeded", "status": "True", "type": "FailureTarget"},
                {"lastProbeTime": "2024-05-01T09:31:41Z", "lastTransitionTime": "2024-05-01T09:31:41Z", "message": "Job has reached the specified backoff limit", "reason": "BackoffLimitExceeded", "status": "True", "type": "Failed"}
            ],
            "failed": 1,
            "ready": 0,
            "startTime": "2024-05-01T09:00:00Z",
            "terminating": 0,
            "uncountedTerminatedPods": {}
        }
    }
    """#
}

// batch/v1 Job and CronJob: the short-lived pods whose logs disappear first, and the
// settings (TTL, history limits) that decide how long their traces stay.
import Foundation

public struct Job: KubernetesObject, Hashable {
    public static let resource = "jobs.batch"
    public static let isNamespaced = true

    public var metadata: ObjectMeta
    public var spec: Spec?
    public var status: Status?

    public init(metadata: ObjectMeta, spec: Spec? = nil, status: Status? = nil) {
        self.metadata = metadata
        self.spec = spec
        self.status = status
    }

    public struct Spec: Codable, Sendable, Hashable {
        public var ttlSecondsAfterFinished: Int?
        public var backoffLimit: Int?
        public var completions: Int?
        public var parallelism: Int?
        public var activeDeadlineSeconds: Int?

        public init(ttlSecondsAfterFinished: Int? = nil, backoffLimit: Int? = nil, completions: Int? = nil, parallelism: Int? = nil, activeDeadlineSeconds: Int? = nil) {
            self.ttlSecondsAfterFinished = ttlSecondsAfterFinished
            self.backoffLimit = backoffLimit
            self.completions = completions
            self.parallelism = parallelism
            self.activeDeadlineSeconds = activeDeadlineSeconds
        }
    }

    public struct Status: Codable, Sendable, Hashable {
        public var active: Int?
        public var succeeded: Int?
        public var failed: Int?
        public var startTime: Date?
        public var completionTime: Date?
        public var conditions: [Condition]?

        public init(active: Int? = nil, succeeded: Int? = nil, failed: Int? = nil, startTime: Date? = nil, completionTime: Date? = nil, conditions: [Condition]? = nil) {
            self.active = active
            self.succeeded = succeeded
            self.failed = failed
            self.startTime = startTime
            self.completionTime = completionTime
            self.conditions = conditions
        }
    }

    public struct Condition: Codable, Sendable, Hashable {
        /// "Complete", "Failed", "Suspended", "FailureTarget", "SuccessCriteriaMet".
        public var type: String
        public var status: String
        public var reason: String?
        public var message: String?
        public var lastProbeTime: Date?
        public var lastTransitionTime: Date?

        public init(type: String, status: String, reason: String? = nil, message: String? = nil, lastProbeTime: Date? = nil, lastTransitionTime: Date? = nil) {
            self.type = type
            self.status = status
            self.reason = reason
            self.message = message
            self.lastProbeTime = lastProbeTime
            self.lastTransitionTime = lastTransitionTime
        }
    }
}

extension Job {
    /// Finished means a Complete or Failed condition is True; the TTL clock starts then.
    public var isFinished: Bool {
        status?.conditions?.contains { ($0.type == "Complete" || $0.type == "Failed") && $0.status == "True" } ?? false
    }

    public var hasFailed: Bool {
        status?.conditions?.contains { $0.type == "Failed" && $0.status == "True" } ?? false
    }
}

public struct CronJob: KubernetesObject, Hashable {
    public static let resource = "cronjobs.batch"
    public static let isNamespaced = true

    public var metadata: ObjectMeta
    public var spec: Spec?
    public var status: Status?

    public init(metadata: ObjectMeta, spec: Spec? = nil, status: Status? = nil) {
        self.metadata = metadata
        self.spec = spec
        self.status = status
    }

    public struct Spec: Codable, Sendable, Hashable {
        public var schedule: String
        public var timeZone: String?
        public var suspend: Bool?
        public var concurrencyPolicy: String?
        public var successfulJobsHistoryLimit: Int?
        public var failedJobsHistoryLimit: Int?
        public var jobTemplate: JobTemplate?

        public init(schedule: String, timeZone: String? = nil, suspend: Bool? = nil, concurrencyPolicy: String? = nil, successfulJobsHistoryLimit: Int? = nil, failedJobsHistoryLimit: Int? = nil, jobTemplate: JobTemplate? = nil) {
            self.schedule = schedule
            self.timeZone = timeZone
            self.suspend = suspend
            self.concurrencyPolicy = concurrencyPolicy
            self.successfulJobsHistoryLimit = successfulJobsHistoryLimit
            self.failedJobsHistoryLimit = failedJobsHistoryLimit
            self.jobTemplate = jobTemplate
        }
    }

    public struct JobTemplate: Codable, Sendable, Hashable {
        public var metadata: TemplateMeta?
        public var spec: Job.Spec?

        public init(metadata: TemplateMeta? = nil, spec: Job.Spec? = nil) {
            self.metadata = metadata
            self.spec = spec
        }
    }

    /// A template's metadata has no name; only its labels and annotations matter.
    public struct TemplateMeta: Codable, Sendable, Hashable {
        public var labels: [String: String]?
        public var annotations: [String: String]?

        public init(labels: [String: String]? = nil, annotations: [String: String]? = nil) {
            self.labels = labels
            self.annotations = annotations
        }
    }

    public struct Status: Codable, Sendable, Hashable {
        public var lastScheduleTime: Date?
        public var lastSuccessfulTime: Date?
        public var active: [ObjectReference]?

        public init(lastScheduleTime: Date? = nil, lastSuccessfulTime: Date? = nil, active: [ObjectReference]? = nil) {
            self.lastScheduleTime = lastScheduleTime
            self.lastSuccessfulTime = lastSuccessfulTime
            self.active = active
        }
    }
}

extension CronJob {
    /// The apiserver's defaults when the fields are unset: 3 successful, 1 failed.
    public var effectiveSuccessfulJobsHistoryLimit: Int { spec?.successfulJobsHistoryLimit ?? 3 }
    public var effectiveFailedJobsHistoryLimit: Int { spec?.failedJobsHistoryLimit ?? 1 }
}

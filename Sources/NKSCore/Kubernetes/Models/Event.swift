// core/v1 Event: what happened to which object, when and how often. Events written through
// the older API carry first/lastTimestamp; newer ones carry eventTime (MicroTime) and series.
import Foundation

public struct Event: KubernetesObject, Hashable {
    public static let resource = "events"
    public static let isNamespaced = true

    public var metadata: ObjectMeta
    public var involvedObject: ObjectReference
    public var reason: String?
    public var message: String?
    /// "Normal" or "Warning".
    public var type: String?
    public var count: Int?
    public var firstTimestamp: Date?
    public var lastTimestamp: Date?
    public var eventTime: Date?
    public var source: Source?
    public var reportingComponent: String?
    public var reportingInstance: String?
    public var series: Series?

    public init(metadata: ObjectMeta, involvedObject: ObjectReference, reason: String? = nil, message: String? = nil, type: String? = nil, count: Int? = nil, firstTimestamp: Date? = nil, lastTimestamp: Date? = nil, eventTime: Date? = nil, source: Source? = nil, reportingComponent: String? = nil, reportingInstance: String? = nil, series: Series? = nil) {
        self.metadata = metadata
        self.involvedObject = involvedObject
        self.reason = reason
        self.message = message
        self.type = type
        self.count = count
        self.firstTimestamp = firstTimestamp
        self.lastTimestamp = lastTimestamp
        self.eventTime = eventTime
        self.source = source
        self.reportingComponent = reportingComponent
        self.reportingInstance = reportingInstance
        self.series = series
    }

    public struct Source: Codable, Sendable, Hashable {
        public var component: String?
        /// The node, for kubelet events.
        public var host: String?

        public init(component: String? = nil, host: String? = nil) {
            self.component = component
            self.host = host
        }
    }

    public struct Series: Codable, Sendable, Hashable {
        public var count: Int?
        public var lastObservedTime: Date?

        public init(count: Int? = nil, lastObservedTime: Date? = nil) {
            self.count = count
            self.lastObservedTime = lastObservedTime
        }
    }
}

extension Event {
    /// When the event was last seen, whichever API wrote it: the series' last observation,
    /// then lastTimestamp, eventTime, firstTimestamp, and finally the object's creation.
    public var effectiveTime: Date? {
        series?.lastObservedTime ?? lastTimestamp ?? eventTime ?? firstTimestamp ?? metadata.creationTimestamp
    }

    /// How many times it happened; a series counts its repeats, an old-style event its count.
    public var effectiveCount: Int {
        series?.count ?? count ?? 1
    }

    public var isWarning: Bool { type == "Warning" }

    /// The node or component that reported it: kubelet events name their node here.
    public var reporter: String? {
        source?.host ?? reportingInstance ?? source?.component ?? reportingComponent
    }
}

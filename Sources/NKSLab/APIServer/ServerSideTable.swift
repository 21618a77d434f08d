// Server-side Tables (meta.k8s.io/v1 Table), which `kubectl get` asks for and prints as
// is: the columns the real apiserver shows for nodes, pods, events and namespaces, and
// NAME/AGE for everything else; a custom resource's columns come from its CRD's
// additionalPrinterColumns.
import Foundation

enum ServerSideTable {
    struct Column {
        var name: String
        var type: String
        var priority: Int = 0
        var description: String = ""
        var format: String = ""
    }

    /// `includeObject` decides what rides along in each row: kubectl asks for the object.
    enum Include: String {
        case none = "None", metadata = "Metadata", object = "Object"
    }

    static func table(for type: ResourceType, objects: [JSONValue], resourceVersion: Int, include: Include, now: Date = Date()) -> JSONValue {
        let columns = columns(for: type)
        let rows: [JSONValue] = objects.map { object in
            var row: JSONValue = ["cells": .array(cells(for: type, object: object, now: now))]
            switch include {
            case .none: break
            case .object: row["object"] = object
            case .metadata:
                row["object"] = [
                    "kind": "PartialObjectMetadata", "apiVersion": "meta.k8s.io/v1",
                    "metadata": object["metadata"] ?? [:],
                ]
            }
            return row
        }
        return [
            "kind": "Table", "apiVersion": "meta.k8s.io/v1",
            "metadata": ["resourceVersion": .string(String(resourceVersion))],
            "columnDefinitions": .array(columns.map { column in
                [
                    "name": .string(column.name), "type": .string(column.type),
                    "format": .string(column.name == "Name" ? "name" : column.format),
                    "description": .string(column.description), "priority": .number(Double(column.priority)),
                ]
            }),
            "rows": .array(rows),
        ]
    }

    static func columns(for type: ResourceType) -> [Column] {
        if type.isCustom {
            return [Column(name: "Name", type: "string")] + type.printerColumns.map {
                Column(name: $0.name, type: $0.type, priority: $0.priority, description: $0.description, format: $0.format)
            }
        }
        switch type.kind {
        case "Node":
            return [Column(name: "Name", type: "string"), Column(name: "Status", type: "string"), Column(name: "Roles", type: "string"),
                    Column(name: "Age", type: "string"), Column(name: "Version", type: "string"),
                    Column(name: "Internal-IP", type: "string", priority: 1), Column(name: "External-IP", type: "string", priority: 1),
                    Column(name: "OS-Image", type: "string", priority: 1), Column(name: "Kernel-Version", type: "string", priority: 1),
                    Column(name: "Container-Runtime", type: "string", priority: 1)]
        case "Pod":
            return [Column(name: "Name", type: "string"), Column(name: "Ready", type: "string"), Column(name: "Status", type: "string"),
                    Column(name: "Restarts", type: "string"), Column(name: "Age", type: "string"),
                    Column(name: "IP", type: "string", priority: 1), Column(name: "Node", type: "string", priority: 1)]
        case "Event":
            return [Column(name: "Last Seen", type: "string"), Column(name: "Type", type: "string"), Column(name: "Reason", type: "string"),
                    Column(name: "Object", type: "string"), Column(name: "Message", type: "string")]
        case "Namespace":
            return [Column(name: "Name", type: "string"), Column(name: "Status", type: "string"), Column(name: "Age", type: "string")]
        default:
            return [Column(name: "Name", type: "string"), Column(name: "Age", type: "string")]
        }
    }

    static func cells(for type: ResourceType, object: JSONValue, now: Date) -> [JSONValue] {
        let name = JSONValue.string(object[path: "metadata", "name"]?.stringValue ?? "")
        let age = JSONValue.string(age(of: object[path: "metadata", "creationTimestamp"]?.stringValue, now: now))
        if type.isCustom {
            return [name] + type.printerColumns.map { customCell($0, object: object, now: now) }
        }
        switch type.kind {
        case "Node":
            let addresses = object[path: "status", "addresses"]?.arrayValue ?? []
            func address(_ kind: String) -> JSONValue {
                .string(addresses.first { $0["type"]?.stringValue == kind }?["address"]?.stringValue ?? "<none>")
            }
            let info = object[path: "status", "nodeInfo"]
            return [name, .string(nodeStatus(object)), .string(nodeRoles(object)), age,
                    .string(info?["kubeletVersion"]?.stringValue ?? ""), address("InternalIP"), address("ExternalIP"),
                    .string(info?["osImage"]?.stringValue ?? "<unknown>"), .string(info?["kernelVersion"]?.stringValue ?? "<unknown>"),
                    .string(info?["containerRuntimeVersion"]?.stringValue ?? "<unknown>")]
        case "Pod":
            let statuses = object[path: "status", "containerStatuses"]?.arrayValue ?? []
            let total = object[path: "spec", "containers"]?.arrayValue?.count ?? statuses.count
            let ready = statuses.filter { $0["ready"]?.boolValue == true }.count
            let restarts = statuses.reduce(0) { $0 + ($1["restartCount"]?.intValue ?? 0) }
            return [name, .string("\(ready)/\(total)"), .string(podStatus(object)), .string(String(restarts)), age,
                    .string(object[path: "status", "podIP"]?.stringValue ?? "<none>"),
                    .string(object[path: "spec", "nodeName"]?.stringValue ?? "<none>")]
        case "Event":
            let seen = object["lastTimestamp"]?.stringValue ?? object["eventTime"]?.stringValue
                ?? object[path: "metadata", "creationTimestamp"]?.stringValue
            let involved = object["involvedObject"]
            let objectName = "\((involved?["kind"]?.stringValue ?? "").lowercased())/\(involved?["name"]?.stringValue ?? "")"
            return [.string(self.age(of: seen, now: now)), .string(object["type"]?.stringValue ?? ""),
                    .string(object["reason"]?.stringValue ?? ""), .string(objectName), .string(object["message"]?.stringValue ?? "")]
        case "Namespace":
            return [name, .string(object[path: "status", "phase"]?.stringValue ?? "Active"), age]
        default:
            return [name, age]
        }
    }

    /// One additionalPrinterColumn's cell: the value at its JSONPath, a date as an age,
    /// null (kubectl leaves it blank) when absent, as apiextensions' table convertor does.
    static func customCell(_ column: PrinterColumn, object: JSONValue, now: Date) -> JSONValue {
        guard let value = SimpleJSONPath(column.jsonPath)?.value(in: object), value != .null else { return .null }
        switch column.type {
        case "date":
            guard let text = value.stringValue else { return .null }
            let shown = age(of: text, now: now)
            return .string(shown == "<unknown>" ? "<invalid>" : shown)
        case "string":
            return value.stringValue.map(JSONValue.string) ?? .string(value.scalarText ?? value.serializedText)
        default:
            return value
        }
    }

    static func nodeStatus(_ node: JSONValue) -> String {
        let ready = node[path: "status", "conditions"]?.arrayValue?.first { $0["type"]?.stringValue == "Ready" }
        var status: String
        switch ready?["status"]?.stringValue {
        case "True": status = "Ready"
        case "False": status = "NotReady"
        default: status = "Unknown"
        }
        if node[path: "spec", "unschedulable"]?.boolValue == true { status += ",SchedulingDisabled" }
        return status
    }

    static func nodeRoles(_ node: JSONValue) -> String {
        let labels = node[path: "metadata", "labels"]?.objectValue ?? [:]
        let prefix = "node-role.kubernetes.io/"
        var roles = labels.keys.filter { $0.hasPrefix(prefix) }.map { String($0.dropFirst(prefix.count)) }.filter { !$0.isEmpty }
        if let role = labels["kubernetes.io/role"]?.stringValue { roles.append(role) }
        return roles.isEmpty ? "<none>" : Set(roles).sorted().joined(separator: ",")
    }

    /// The STATUS column kubectl shows: a waiting/terminated reason beats the phase.
    static func podStatus(_ pod: JSONValue) -> String {
        if pod[path: "metadata", "deletionTimestamp"] != nil { return "Terminating" }
        var status = pod[path: "status", "reason"]?.stringValue ?? pod[path: "status", "phase"]?.stringValue ?? "Unknown"
        for container in pod[path: "status", "containerStatuses"]?.arrayValue ?? [] {
            if let reason = container[path: "state", "waiting", "reason"]?.stringValue, !reason.isEmpty {
                status = reason
            } else if let terminated = container[path: "state", "terminated"] {
                if let reason = terminated["reason"]?.stringValue, !reason.isEmpty {
                    status = reason
                } else {
                    status = "ExitCode:\(terminated["exitCode"]?.intValue ?? 0)"
                }
            }
        }
        return status
    }

    /// kubectl's short duration ("5s", "3m20s", "7h", "12d").
    static func age(of timestamp: String?, now: Date) -> String {
        guard let timestamp, let date = try? Date(timestamp, strategy: .iso8601) else { return "<unknown>" }
        return humanDuration(now.timeIntervalSince(date))
    }

    static func humanDuration(_ interval: TimeInterval) -> String {
        let seconds = Int(interval.rounded(.down))
        if seconds < -1 { return "<invalid>" }
        if seconds < 0 { return "0s" }
        if seconds < 120 { return "\(seconds)s" }
        let minutes = seconds / 60
        if minutes < 10 { return seconds % 60 == 0 ? "\(minutes)m" : "\(minutes)m\(seconds % 60)s" }
        if minutes < 180 { return "\(minutes)m" }
        let hours = minutes / 60
        if hours < 8 { return minutes % 60 == 0 ? "\(hours)h" : "\(hours)h\(minutes % 60)m" }
        if hours < 48 { return "\(hours)h" }
        if hours < 24 * 8 { return hours % 24 == 0 ? "\(hours / 24)d" : "\(hours / 24)d\(hours % 24)h" }
        if hours < 24 * 365 * 2 { return "\(hours / 24)d" }
        if hours < 24 * 365 * 8 { return "\(hours / 24 / 365)y\((hours / 24) % 365)d" }
        return "\(hours / 24 / 365)y"
    }
}

// The table view of a plan or report: one row per failing container, then its actions.
import NKSCore

enum RepullTable {
    static func render(_ report: RepullReport, wide: Bool, headers: Bool) -> String {
        if report.items.isEmpty { return headers ? "No failing image pulls found.\n" : "" }
        var table = Table(headers: wide ? ["NAMESPACE", "POD", "CONTAINER", "NODE", "RUNTIME", "IMAGE", "CAUSE", "MESSAGE"]
                                        : ["NAMESPACE", "POD", "CONTAINER", "NODE", "CAUSE", "IMAGE"])
        for item in report.items {
            let base = [item.namespace, item.pod, item.container, item.node ?? "<none>"]
            table.append(wide ? base + [item.runtime ?? "<unknown>", item.image, item.cause.rawValue, item.message]
                              : base + [item.cause.rawValue, item.image])
        }
        var text = table.render(headers: headers)
        if !headers { return text }
        text += "\n"
        for item in report.items {
            text += "\(item.namespace)/\(item.pod) \(item.container): \(item.cause.rawValue)\n"
            text += "  message: \(TerminalText.escaped(item.message))\n"
            for action in item.actions {
                text += "  - \(action.kind.rawValue) [\(action.status.rawValue)]: \(TerminalText.escaped(action.detail))\n"
            }
        }
        return text
    }
}

// The table view of `--image` / `--defaults`: one row per node and image it lacked.
import NKSCore

enum PrePullTable {
    static func render(_ report: PrePullReport, headers: Bool) -> String {
        var table = Table(headers: ["NODE", "RUNTIME", "IMAGE", "ACTION", "STATUS"])
        for node in report.nodes {
            if let error = node.error {
                table.append([node.node, node.runtime, "<unknown>", "not read: " + error, "failed"])
                continue
            }
            for (image, action) in zip(node.missing, node.actions) {
                table.append([node.node, node.runtime, image, action.detail, action.status.rawValue])
            }
        }
        let lacking = report.nodes.filter { !$0.missing.isEmpty }.count
        let summary = "\(report.nodes.count) node\(report.nodes.count == 1 ? "" : "s"): \(lacking) lacking images, \(report.nodes.filter { $0.error != nil }.count) not read\n"
        if table.rows.isEmpty { return headers ? summary : "" }
        return table.render(headers: headers) + (headers ? summary : "")
    }
}

// Where the running nks-lab is: `up` restarts it as `serve`, and the demo finds the plugins
// that install.sh put beside it.
import Foundation

enum LabExecutable {
    static var path: String {
        (try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe")) ?? CommandLine.arguments[0]
    }

    static var directory: URL? {
        let path = self.path
        return path.hasPrefix("/") ? URL(fileURLWithPath: path).deletingLastPathComponent() : nil
    }
}

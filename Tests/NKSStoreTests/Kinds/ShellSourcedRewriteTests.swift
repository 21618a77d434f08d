// /etc/default/grub is sourced as root by grub-mkconfig: a rewritten assignment must give
// the variable exactly the intended characters. Checked by sourcing the result with the
// real /bin/sh and printing the variable.
import Foundation
import Testing
@testable import NKSStore

@Suite struct ShellSourcedRewriteTests {
    /// What `sh` sees in `variable` after sourcing `file`, with `$HOME`-style expansions
    /// pointed at a value that would show if one happened.
    static func sourced(_ file: String, variable: String) throws -> String {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("grub-\(UUID().uuidString)").path
        try file.write(toFile: path, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(atPath: path) }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/sh")
        process.arguments = ["-c", "EXPANDED=expanded; . \"$1\" && printf '%s' \"$\(variable)\"", "sh", path]
        process.environment = ["PATH": "/usr/bin:/bin"]
        let output = Pipe()
        process.standardOutput = output
        try process.run()
        let data = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return String(decoding: data, as: UTF8.self)
    }

    @Test(arguments: [
        "GRUB_CMDLINE_LINUX=\"quiet\"\n",
        "GRUB_CMDLINE_LINUX=quiet\n",
        "GRUB_TIMEOUT=5\n",
        "GRUB_CMDLINE_LINUX=\"\"\n",
    ])
    func addedArgumentsKeepDollarBacktickAndBackslash(grub: String) throws {
        // Each would run or expand something in a double-quoted shell word if left bare.
        let spec = KernelArgumentsSpec(present: ["dyndbg=$EXPANDED", "x=`id`", "y=a\\b", "z=\"q\""])
        let rendered = KernelArguments.render(grub, spec)
        let value = try Self.sourced(rendered, variable: "GRUB_CMDLINE_LINUX")
        let words = value.split(separator: " ").map(String.init)
        #expect(Array(words.suffix(4)) == spec.present, "\(rendered)")
    }

    @Test func aReferenceToAnotherVariableStaysAReference() throws {
        let grub = "GRUB_CMDLINE_LINUX_EXTRA=\"splash\"\nGRUB_CMDLINE_LINUX=\"$GRUB_CMDLINE_LINUX_EXTRA quiet\"\n"
        let rendered = KernelArguments.render(grub, KernelArgumentsSpec(present: ["cgroup.memory=nokmem"]))
        #expect(try Self.sourced(rendered, variable: "GRUB_CMDLINE_LINUX") == "splash quiet cgroup.memory=nokmem")
    }
}

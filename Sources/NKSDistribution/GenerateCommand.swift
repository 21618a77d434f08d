// `nks-generate PACKAGE_DIR [--check]`: writes the generated files (completion scripts,
// krew manifests, the README's command reference), or only reports stale ones. The
// package's command plugin runs it; tests call GeneratedFiles directly.
import ArgumentParser
import Foundation

public struct GenerateCommand: ParsableCommand {
    public static let configuration = CommandConfiguration(
        commandName: "nks-generate",
        abstract: "Regenerate completions/, krew/ and the README's command reference from the plugins' definitions."
    )

    @Argument(help: "The package's root directory.")
    var packageDirectory: String = "."

    @Flag(name: .customLong("check"), help: "Change nothing; exit 1 when a generated file is not current.")
    var check = false

    public init() {}

    public func run() throws {
        let root = URL(fileURLWithPath: packageDirectory)
        guard FileManager.default.fileExists(atPath: root.appendingPathComponent("Package.swift").path) else {
            throw ValidationError("\(packageDirectory) is not the package's root (no Package.swift there)")
        }
        do {
            if check {
                let stale = try GeneratedFiles.stale(in: root)
                for path in stale { print("not current: \(path)") }
                if !stale.isEmpty {
                    print("run: swift package --allow-writing-to-package-directory generate-distribution-files")
                    throw ExitCode.failure
                }
                return
            }
            let written = try GeneratedFiles.write(to: root)
            print(written.isEmpty ? "Every generated file is current." : written.map { "wrote \($0)" }.joined(separator: "\n"))
        } catch let error as GenerationError {
            FileHandle.standardError.write(Data("nks-generate: \(error.description)\n".utf8))
            throw ExitCode(2)
        }
    }
}

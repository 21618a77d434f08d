// swift-tools-version:6.2
// kubectl-nks: kubectl plugins for the people who run Kubernetes worker nodes.
import PackageDescription

let strict: [SwiftSetting] = [
    .swiftLanguageMode(.v6),
    .enableUpcomingFeature("ExistentialAny"),
]

let package = Package(
    name: "kubectl-nks",
    platforms: [.macOS(.v15)],
    products: [
        .executable(name: "kubectl-nks_sync", targets: ["kubectl-nks_sync"]),
        .executable(name: "kubectl-nks_repull", targets: ["kubectl-nks_repull"]),
        .executable(name: "kubectl-nks_why_nologs", targets: ["kubectl-nks_why_nologs"]),
        .executable(name: "nks-lab", targets: ["nks-lab"]),
        // kubectl (>= 1.26) runs these to complete `kubectl nks-sync <TAB>` and friends.
        .executable(name: "kubectl_complete-nks_sync", targets: ["kubectl_complete-nks_sync"]),
        .executable(name: "kubectl_complete-nks_repull", targets: ["kubectl_complete-nks_repull"]),
        .executable(name: "kubectl_complete-nks_why_nologs", targets: ["kubectl_complete-nks_why_nologs"]),
        .library(name: "NKSCore", targets: ["NKSCore"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/jpsim/Yams", from: "6.2.2"),
        .package(url: "https://github.com/apple/swift-log", from: "1.16.2"),
        .package(url: "https://github.com/swiftlang/swift-subprocess", from: "1.0.2"),
        .package(url: "https://github.com/apple/swift-crypto", from: "4.5.2"),
        .package(url: "https://github.com/onevcat/Rainbow", from: "4.2.2"),
        .package(url: "https://github.com/hummingbird-project/hummingbird", from: "2.28.1"),
        .package(url: "https://github.com/apple/swift-nio", from: "2.101.2"),
    ],
    targets: [
        .systemLibrary(
            name: "CLibGit2",
            pkgConfig: "libgit2",
            providers: [.apt(["libgit2-dev"]), .brew(["libgit2"])]
        ),
        .target(
            name: "NKSCore",
            dependencies: [
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Yams", package: "Yams"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "Subprocess", package: "swift-subprocess"),
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "Rainbow", package: "Rainbow"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
            ],
            swiftSettings: strict
        ),
        .target(name: "NKSStore", dependencies: ["NKSCore", "CLibGit2"], swiftSettings: strict),
        .target(name: "NKSSync", dependencies: ["NKSCore", "NKSStore"], swiftSettings: strict),
        .target(name: "NKSRepull", dependencies: ["NKSCore", "NKSStore"], swiftSettings: strict),
        .target(name: "NKSWhyNoLogs", dependencies: ["NKSCore"], swiftSettings: strict),
        .target(
            name: "NKSCompletion",
            dependencies: ["NKSCore", "NKSStore", .product(name: "ArgumentParser", package: "swift-argument-parser")],
            swiftSettings: strict
        ),
        // Writes the files generated from the command definitions (see Plugins/).
        .target(
            name: "NKSDistribution",
            dependencies: ["NKSCompletion", "NKSSync", "NKSRepull", "NKSWhyNoLogs", .product(name: "Yams", package: "Yams")],
            swiftSettings: strict
        ),
        .executableTarget(name: "nks-generate", dependencies: ["NKSDistribution"], swiftSettings: strict),
        .plugin(
            name: "GenerateDistributionFiles",
            capability: .command(
                intent: .custom(verb: "generate-distribution-files", description: "Regenerate completions/, krew/ and the README's command reference from the plugins' definitions."),
                permissions: [.writeToPackageDirectory(reason: "It rewrites completions/, krew/ and the command reference in README.md.")]
            ),
            dependencies: ["nks-generate"]
        ),
        .target(
            name: "NKSLab",
            dependencies: [
                "NKSCore",
                .product(name: "Hummingbird", package: "hummingbird"),
            ],
            swiftSettings: strict
        ),
        .executableTarget(name: "kubectl-nks_sync", dependencies: ["NKSSync"], swiftSettings: strict),
        .executableTarget(name: "kubectl-nks_repull", dependencies: ["NKSRepull"], swiftSettings: strict),
        .executableTarget(name: "kubectl-nks_why_nologs", dependencies: ["NKSWhyNoLogs"], swiftSettings: strict),
        .executableTarget(name: "nks-lab", dependencies: ["NKSLab"], swiftSettings: strict),
        .executableTarget(name: "kubectl_complete-nks_sync", dependencies: ["NKSCompletion", "NKSSync"], swiftSettings: strict),
        .executableTarget(name: "kubectl_complete-nks_repull", dependencies: ["NKSCompletion", "NKSRepull"], swiftSettings: strict),
        .executableTarget(name: "kubectl_complete-nks_why_nologs", dependencies: ["NKSCompletion", "NKSWhyNoLogs"], swiftSettings: strict),
        .testTarget(name: "NKSCoreTests", dependencies: ["NKSCore"], swiftSettings: strict),
        .testTarget(name: "NKSStoreTests", dependencies: ["NKSStore"], swiftSettings: strict),
        .testTarget(name: "NKSSyncTests", dependencies: ["NKSSync", "NKSStore", "NKSCore", .product(name: "ArgumentParser", package: "swift-argument-parser")], swiftSettings: strict),
        .testTarget(name: "NKSRepullTests", dependencies: ["NKSRepull", "NKSCore", "NKSStore", .product(name: "Yams", package: "Yams")], swiftSettings: strict),
        .testTarget(
            name: "NKSCompletionTests",
            dependencies: ["NKSCompletion", "NKSDistribution", "NKSSync", "NKSRepull", "NKSWhyNoLogs", "NKSStore", "NKSCore", .product(name: "Yams", package: "Yams")],
            swiftSettings: strict
        ),
        .testTarget(name: "NKSWhyNoLogsTests", dependencies: ["NKSWhyNoLogs", "NKSCore"], swiftSettings: strict),
        // Shared by the test targets that start labs: one lab at a time per test process.
        .target(name: "LabTestSupport", dependencies: ["NKSLab"], path: "Tests/LabTestSupport", swiftSettings: strict),
        .testTarget(name: "NKSLabTests", dependencies: ["NKSLab", "NKSCore", "LabTestSupport"], swiftSettings: strict),
        .testTarget(
            name: "IntegrationTests",
            dependencies: ["NKSCore", "NKSLab", "NKSSync", "NKSRepull", "NKSWhyNoLogs", "LabTestSupport"],
            swiftSettings: strict
        ),
        // Faults, hostile nodes and hostile input, each test failing when its protection goes.
        .testTarget(
            name: "ReliabilityTests",
            dependencies: ["NKSCore", "NKSStore", "NKSLab", "NKSSync", "NKSRepull", "NKSWhyNoLogs", "LabTestSupport"],
            swiftSettings: strict
        ),
    ]
)

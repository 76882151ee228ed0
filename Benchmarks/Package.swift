// swift-tools-version:6.1
// Benchmarks live in their own package so that they never slow the main build or its tests.
// The domain's sources are reached through a symbolic link (Sources/PraktikaDomain), so this
// package needs neither Vapor nor the folder name of the checkout.
import PackageDescription

let package = Package(
    name: "PraktikaBenchmarks",
    platforms: [.macOS(.v14)],
    dependencies: [
        .package(url: "https://github.com/ordo-one/benchmark", exact: "1.38.1", traits: ["MallocInterposer"])
    ],
    targets: [
        .target(name: "PraktikaDomain", path: "Sources/PraktikaDomain"),
        .executableTarget(
            name: "Seating",
            dependencies: ["PraktikaDomain", .product(name: "Benchmark", package: "benchmark")],
            path: "Benchmarks/Seating",
            plugins: [.plugin(name: "BenchmarkPlugin", package: "benchmark")]
        ),
        .executableTarget(
            name: "seating-instances",
            dependencies: ["PraktikaDomain"],
            path: "Sources/seating-instances"
        ),
    ]
)

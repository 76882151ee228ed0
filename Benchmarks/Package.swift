// swift-tools-version:6.1
// Benchmarks live in their own package so that they never slow the main build or its tests.
// They use the project itself (the package one folder up) in release mode.
import Foundation
import PackageDescription

// A package used by path is known by its folder's name, which is the checkout's, not the project's.
let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().lastPathComponent

let package = Package(
    name: "PraktikaBenchmarks",
    platforms: [.macOS(.v14)],
    dependencies: [
        .package(url: "https://github.com/ordo-one/benchmark", exact: "1.38.1", traits: ["MallocInterposer"]),
        .package(path: ".."),
        .package(url: "https://github.com/vapor/vapor.git", from: "4.122.3"),
        .package(url: "https://github.com/vapor/sql-kit.git", from: "3.36.0"),
        .package(url: "https://github.com/vapor/fluent.git", from: "4.13.0"),
    ],
    targets: [
        .executableTarget(
            name: "Seating",
            dependencies: [
                .product(name: "PraktikaDomain", package: root),
                .product(name: "Benchmark", package: "benchmark"),
            ],
            path: "Benchmarks/Seating",
            plugins: [.plugin(name: "BenchmarkPlugin", package: "benchmark")]
        ),
        .executableTarget(
            name: "Search",
            dependencies: [
                .product(name: "PraktikaApp", package: root),
                .product(name: "PraktikaDomain", package: root),
                .product(name: "Benchmark", package: "benchmark"),
                .product(name: "Vapor", package: "vapor"),
                .product(name: "SQLKit", package: "sql-kit"),
                .product(name: "Fluent", package: "fluent"),
            ],
            path: "Benchmarks/Search",
            plugins: [.plugin(name: "BenchmarkPlugin", package: "benchmark")]
        ),
        .executableTarget(
            name: "Outcomes",
            dependencies: [
                .product(name: "PraktikaApp", package: root),
                .product(name: "Benchmark", package: "benchmark"),
                .product(name: "Vapor", package: "vapor"),
                .product(name: "SQLKit", package: "sql-kit"),
                .product(name: "Fluent", package: "fluent"),
            ],
            path: "Benchmarks/Outcomes",
            plugins: [.plugin(name: "BenchmarkPlugin", package: "benchmark")]
        ),
        .executableTarget(
            name: "Analysis",
            dependencies: [
                .product(name: "PraktikaDomain", package: root),
                .product(name: "Benchmark", package: "benchmark"),
            ],
            path: "Benchmarks/Analysis",
            plugins: [.plugin(name: "BenchmarkPlugin", package: "benchmark")]
        ),
        .executableTarget(
            name: "seating-instances",
            dependencies: [.product(name: "PraktikaDomain", package: root)],
            path: "Sources/seating-instances"
        ),
    ]
)

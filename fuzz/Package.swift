// swift-tools-version:6.0
// The scenario reader under libFuzzer, in its own package so that neither CI's test build nor
// users build it by default. Build and run with `make fuzz` (see fuzz/README.md).
import PackageDescription

let package = Package(
  name: "DamagesFuzz",
  // The folder above, named so that products are found by the same name whatever the folder
  // of the clone is called.
  dependencies: [.package(name: "DamagesKit", path: "..")],
  targets: [
    .executableTarget(
      name: "scenario-fuzzer",
      dependencies: ["FuzzerEntry", .product(name: "DamagesScenario", package: "DamagesKit")],
      swiftSettings: [
        .enableUpcomingFeature("ExistentialAny"),
        .enableUpcomingFeature("InternalImportsByDefault"),
        // No top-level code: the entry point is FuzzerEntry's, which runs libFuzzer.
        .unsafeFlags(["-parse-as-library"]),
      ]
    ),
    .target(name: "FuzzerEntry"),
  ]
)

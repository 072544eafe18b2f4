// swift-tools-version:6.0
// The scenario reader under libFuzzer, in its own package so that neither CI's test build nor
// users build it by default. Build and run with `make fuzz` (see fuzz/README.md).
import PackageDescription

let package = Package(
  name: "DamagesFuzz",
  // `DamagesKit` is a link to the folder above, as in bench/.
  dependencies: [.package(path: "DamagesKit")],
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

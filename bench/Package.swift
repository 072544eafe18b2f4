// swift-tools-version:6.0
// The benchmark, in its own package so that neither CI nor users build it by default.
//   cd bench && swift run -c release damages-bench [--runs N]
import PackageDescription

let package = Package(
  name: "DamagesBench",
  // The folder above, named so that products are found by the same name whatever the folder
  // of the clone is called.
  dependencies: [.package(name: "DamagesKit", path: "..")],
  targets: [
    .executableTarget(
      name: "damages-bench",
      dependencies: [
        .product(name: "DamagesSimulation", package: "DamagesKit"),
        .product(name: "DamagesScenario", package: "DamagesKit"),
        "CReference",
      ]
    ),
    // The same model as a hand-written C loop on GSL, the other yardstick besides numpy.
    .target(
      name: "CReference",
      linkerSettings: [.linkedLibrary("gsl"), .linkedLibrary("gslcblas"), .linkedLibrary("m")]
    ),
  ]
)

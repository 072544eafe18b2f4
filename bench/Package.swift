// swift-tools-version:6.0
// The benchmark, in its own package so that neither CI nor users build it by default.
//   cd bench && swift run -c release damages-bench [--runs N]
import PackageDescription

let package = Package(
  name: "DamagesBench",
  // `DamagesKit` is a link to the folder above, so the package is found by the same name
  // whatever the folder of the clone is called.
  dependencies: [.package(path: "DamagesKit")],
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

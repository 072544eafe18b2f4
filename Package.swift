// swift-tools-version:6.0
import PackageDescription

let swiftSettings: [SwiftSetting] = [
  .enableUpcomingFeature("ExistentialAny"),
  .enableUpcomingFeature("InternalImportsByDefault"),
]

let package = Package(
  name: "DamagesKit",
  products: [
    .executable(name: "damages", targets: ["damages"]),
    .library(name: "DamagesLaw", targets: ["DamagesLaw"]),
    .library(name: "DamagesSimulation", targets: ["DamagesSimulation"]),
    .library(name: "DamagesScenario", targets: ["DamagesScenario"]),
    .library(name: "DamagesReports", targets: ["DamagesReports"]),
    .library(name: "DamagesAnalyses", targets: ["DamagesAnalyses"]),
    .library(name: "DamagesWeb", targets: ["DamagesWeb"]),
  ],
  dependencies: [
    .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
    .package(url: "https://github.com/jpsim/Yams", from: "6.0.0"),
    .package(url: "https://github.com/yaslab/CSV.swift", from: "2.5.0"),
    .package(url: "https://github.com/hummingbird-project/hummingbird", from: "2.28.1"),
    .package(url: "https://github.com/apple/swift-nio", from: "2.101.2"),
    .package(url: "https://github.com/apple/swift-log", from: "1.16.2"),
    .package(url: "https://github.com/weichsel/ZIPFoundation", from: "0.9.20"),
  ],
  targets: [
    // C: GSL itself (pkg-config `gsl`) and a small shim that owns the error handler's state.
    .systemLibrary(
      name: "CGSL",
      pkgConfig: "gsl",
      providers: [.apt(["libgsl-dev"])]
    ),
    .target(name: "CGSLShims", dependencies: ["CGSL"]),

    // Swift: the only layer that touches pointers.
    .target(name: "GSL", dependencies: ["CGSL", "CGSLShims"], swiftSettings: swiftSettings),

    // C: libxlsxwriter (pkg-config `xlsxwriter`), and the thin Swift layer over it that writes
    // the Excel workbooks of `--format xlsx`: the only code that holds its pointers.
    .systemLibrary(
      name: "CXLSXWriter",
      pkgConfig: "xlsxwriter",
      providers: [.apt(["libxlsxwriter-dev"])]
    ),
    .target(name: "XLSX", dependencies: ["CXLSXWriter"], swiftSettings: swiftSettings),

    // The legal rules R1 to R11: plain value types, no GSL, no I/O, no randomness.
    .target(
      name: "DamagesLaw",
      swiftSettings: swiftSettings,
      // Rounding calls the C maths library, which nothing else in this module links.
      linkerSettings: [.linkedLibrary("m", .when(platforms: [.linux]))]
    ),

    .target(
      name: "DamagesSimulation",
      dependencies: ["GSL", "DamagesLaw"],
      swiftSettings: swiftSettings
    ),
    // The scenario file: reading, the rules of its values, located diagnostics, sweep paths.
    .target(
      name: "DamagesScenario",
      dependencies: [
        "DamagesSimulation", "DamagesLaw",
        .product(name: "Yams", package: "Yams"),
        .product(name: "CSV", package: "CSV.swift"),
        // the claims workbook of `damages batch` (an .xlsx file is a ZIP archive of XML parts)
        .product(name: "ZIPFoundation", package: "ZIPFoundation"),
      ],
      swiftSettings: swiftSettings
    ),
    // What the analyses print and write: tables, CSV, Markdown, JSON, SVG charts, output files.
    .target(
      name: "DamagesReports",
      dependencies: [
        "DamagesScenario", "DamagesSimulation", "DamagesLaw", "XLSX",
        .product(name: "CSV", package: "CSV.swift"),
      ],
      swiftSettings: swiftSettings
    ),
    // Scenario + options -> result: the one place the command line, the web and batches share.
    .target(
      name: "DamagesAnalyses",
      dependencies: ["DamagesScenario", "DamagesReports", "DamagesSimulation", "DamagesLaw", "XLSX"],
      swiftSettings: swiftSettings
    ),
    // The local web page of `damages serve`: an HTTP layer over the same readers and reports.
    .target(
      name: "DamagesWeb",
      dependencies: [
        "DamagesAnalyses", "DamagesScenario", "DamagesReports", "DamagesSimulation", "DamagesLaw",
        .product(name: "Hummingbird", package: "hummingbird"),
        .product(name: "HummingbirdCore", package: "hummingbird"),
        .product(name: "NIOCore", package: "swift-nio"),
        .product(name: "Logging", package: "swift-log"),
      ],
      // the page's script, a real JavaScript file rather than a Swift string
      resources: [.copy("Page/app.js")],
      swiftSettings: swiftSettings
    ),
    .executableTarget(
      name: "damages",
      dependencies: [
        "DamagesAnalyses", "DamagesScenario", "DamagesReports", "DamagesSimulation", "DamagesLaw",
        "DamagesWeb", "XLSX",
        .product(name: "ArgumentParser", package: "swift-argument-parser"),
      ],
      swiftSettings: swiftSettings
    ),

    .target(
      name: "_DamagesTestSupport",
      dependencies: ["DamagesLaw", "DamagesSimulation", "DamagesScenario"],
      path: "Tests/_DamagesTestSupport",
      swiftSettings: swiftSettings
    ),
    .testTarget(name: "GSLTests", dependencies: ["GSL"], swiftSettings: swiftSettings),
    .testTarget(
      name: "DamagesLawTests",
      dependencies: ["DamagesLaw", "_DamagesTestSupport"],
      swiftSettings: swiftSettings
    ),
    .testTarget(
      name: "DamagesSimulationTests",
      // the sensitivity tests read a bundled scenario; the differential test of the two
      // engines compares the JSON of `simulate` and `sweep` (DamagesReports, DamagesAnalyses)
      dependencies: [
        "DamagesSimulation", "DamagesScenario", "DamagesReports", "DamagesAnalyses", "GSL",
        "_DamagesTestSupport",
      ],
      swiftSettings: swiftSettings
    ),
    .testTarget(
      name: "DamagesScenarioTests",
      dependencies: ["DamagesScenario", "_DamagesTestSupport"],
      swiftSettings: swiftSettings
    ),
    .testTarget(
      name: "DamagesReportsTests",
      dependencies: ["DamagesReports", "DamagesScenario", "_DamagesTestSupport"],
      swiftSettings: swiftSettings
    ),
    .testTarget(
      name: "DamagesAnalysesTests",
      dependencies: ["DamagesAnalyses", "_DamagesTestSupport"],
      swiftSettings: swiftSettings
    ),
    .testTarget(
      name: "DamagesWebTests",
      dependencies: [
        "DamagesWeb", "DamagesScenario", "DamagesReports", "DamagesAnalyses", "DamagesLaw",
        "_DamagesTestSupport", .product(name: "HummingbirdTesting", package: "hummingbird"),
      ],
      swiftSettings: swiftSettings
    ),
    .testTarget(
      name: "damagesTests",
      // depends on the executable so that `swift test` builds it: these tests run it (and
      // read the workbooks it writes back with the claims-sheet reader of DamagesScenario)
      dependencies: [
        "damages", "DamagesScenario", "_DamagesTestSupport", .product(name: "Yams", package: "Yams"),
      ],
      swiftSettings: swiftSettings
    ),
  ]
)

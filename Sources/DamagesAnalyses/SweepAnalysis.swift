public import DamagesLaw
public import DamagesReports
public import DamagesScenario
public import DamagesSimulation
public import XLSX

/// A sweep's grid, checked and ready to simulate: one scenario per point.
public struct SweepGrid: Sendable {
  /// The swept paths, in the order of the coordinates.
  public var axes: [String]
  /// Each point's coordinates and its scenario (the sweep's values applied and checked).
  public var points: [(coordinates: [Double], scenario: Scenario)]
  public var title: String
  public var terms: CaseTerms
}

/// The result of a sweep, with what its reports need.
public struct SweepOutcome: Sendable {
  public var points: [SweepPoint]
  public var axes: [String]
  public var title: String
  public var terms: CaseTerms
  public var runs: Int
  public var seed: UInt64

  public func report(format: OutputFormat, lang: Language, round: Bool = false,
                     shape: TableShape = .long) -> String {
    SweepReport.render(
      points, axes: axes, title: title, terms: terms, runs: runs, seed: seed, format: format,
      lang: lang, round: round, shape: shape)
  }

  /// The Excel workbook (`--format xlsx`).
  public func workbook(lang: Language) -> Workbook {
    SweepReport.workbook(points, axes: axes, title: title, runs: runs, seed: seed, lang: lang)
  }

  /// Lines for one axis, a heat map for two; nil for more.
  public func chart(logX: Bool = false, lang: Language) -> String? {
    SweepReport.chart(points, axes: axes, logX: logX, lang: lang)
  }
}

extension Analyses {
  /// The grid of the scenario's `sweep` block, every point checked as the file is.
  ///
  /// This is the one place that decides whether a scenario can be swept, for `damages sweep`,
  /// the web page and `damages run` alike:
  /// - without a sweep block there is nothing to sweep (`sweep`: error);
  /// - a sweep follows one route, so a scenario that compares two (`route: compare`) is
  ///   refused on `case.route` (the command line's `--route` picks one first);
  /// - `maxPoints` caps the grid (the web server's limit), checked before any point is built.
  public static func sweepGrid(
    of scenario: Scenario, file: String, maxPoints: Int? = nil, noSweepHint: String? = nil
  ) throws(ScenarioError) -> SweepGrid {
    func refuse(_ field: String, _ message: String) -> ScenarioError {
      ScenarioError(diagnostics: [ScenarioDiagnostic(file: file, field: field, message: message)])
    }
    guard !scenario.sweep.isEmpty else {
      throw refuse(
        "sweep",
        "the scenario has no sweep block; "
          + (noSweepHint ?? "add one, e.g. sweep: {facts.multiplier: [1, 2, 3, 4, 5]}"))
    }
    guard scenario.terms.route != .compare else {
      throw refuse(
        "case.route",
        "a sweep follows one route, and this scenario compares two; set route: tort or route: contract to sweep it (simulate shows which is better)"
      )
    }
    let size = scenario.sweep.reduce(1) { $0 * $1.values.count }
    if let maxPoints, size > maxPoints {
      throw refuse(
        "sweep",
        "the grid has \(size) points; this server allows at most \(maxPoints) (the command line allows 10,000)")
    }
    let points = try ScenarioReader.sweepPoints(of: scenario, file: file)
    return SweepGrid(
      axes: scenario.sweep.map(\.path), points: points, title: scenario.title,
      terms: scenario.terms)
  }

  /// `damages sweep`: every point of the grid simulated with the same seed and run count
  /// (common random numbers). Progress counts points.
  public static func sweep(_ grid: SweepGrid, options: AnalysisOptions, base: Scenario)
    throws(AnalysisError) -> SweepOutcome
  {
    let o = options.simulationOptions(for: base)
    let progress = options.progress
    do {
      let points = try Sweep.run(points: grid.points, options: o) { progress?($0) }
      return SweepOutcome(
        points: points, axes: grid.axes, title: grid.title, terms: grid.terms, runs: o.runs,
        seed: o.seed)
    } catch { throw .simulation(error) }
  }

  /// The grid and the sweep together.
  public static func sweep(_ scenario: Scenario, file: String, options: AnalysisOptions)
    throws(AnalysisError) -> SweepOutcome
  {
    let grid: SweepGrid
    do { grid = try sweepGrid(of: scenario, file: file) } catch { throw .scenario(error) }
    return try sweep(grid, options: options, base: scenario)
  }
}

public import DamagesLaw
public import DamagesReports
public import DamagesScenario
public import DamagesSimulation

/// What a command, a web route or a batch asks of an analysis besides the scenario: the run
/// count, seed, threads and sampling that replace the scenario's own `simulation` block, and
/// where progress goes and how cancellation is asked for.
public struct AnalysisOptions: Sendable {
  /// nil: the scenario's `simulation.runs` (or the analysis' own default).
  public var runs: Int?
  /// nil: the scenario's `simulation.seed`.
  public var seed: UInt64?
  /// nil: the scenario's `simulation.threads`, else all cores. Results do not depend on it.
  public var threads: Int?
  /// nil: the scenario's `simulation.sampling`.
  public var sampling: Sampling?
  /// nil: the compiled engine (``SimulationEngine``).
  public var engine: SimulationEngine?
  /// Called with the units done so far: runs for a simulation, points for a sweep.
  public var progress: (@Sendable (Int) -> Void)?
  /// Polled between blocks; `true` stops the analysis with ``SimulationError/cancelled``.
  public var isCancelled: (@Sendable () -> Bool)?

  public init(runs: Int? = nil, seed: UInt64? = nil, threads: Int? = nil, sampling: Sampling? = nil) {
    self.runs = runs
    self.seed = seed
    self.threads = threads
    self.sampling = sampling
  }

  /// The engine's options for `scenario`: the scenario's `simulation` block, overridden by
  /// what is set here.
  public func simulationOptions(for scenario: Scenario) -> SimulationOptions {
    var o = SimulationOptions(for: scenario)
    if let runs { o.runs = runs }
    if let seed { o.seed = seed }
    if let threads { o.threads = threads }
    if let sampling { o.sampling = sampling }
    if let engine { o.engine = engine }
    o.isCancelled = isCancelled
    return o
  }
}

/// A failure of an analysis: the scenario's fault (located, exit 65), or the engine's.
public enum AnalysisError: Error, CustomStringConvertible {
  case scenario(ScenarioError)
  case simulation(SimulationError)
  /// Values the fit cannot take, which the reader of comparable awards already refuses.
  case fit(DistributionFit.Failure)

  public var description: String {
    switch self {
    case .scenario(let e): e.description
    case .simulation(let e): e.description
    case .fit(let e): "\(e)"
    }
  }

  /// The error as located scenario diagnostics when the scenario is at fault (a draw that is
  /// not a valid amount, correlations that cannot hold), else nil.
  public func located(file: String) -> ScenarioError? {
    switch self {
    case .scenario(let e): e
    case .simulation(let e): ScenarioError(e, file: file)
    case .fit: nil
    }
  }
}

/// The analyses of a scenario, one function each, shared by the command line, the web page and
/// batches so that the same request gives the same result whichever asks. Each takes a
/// validated ``Scenario`` and ``AnalysisOptions`` and returns a result that the report writers
/// of `DamagesReports` render; none of them prints or writes anything.
public enum Analyses {
  /// `damages estimate`: each fact at its median, each probability ≥ 0.5 taken as true.
  public static func estimate(_ scenario: Scenario) throws(AnalysisError) -> EstimateResult {
    do { return try EstimateResult(scenario) } catch { throw .simulation(error) }
  }

  /// `damages simulate`: the Monte Carlo summary. `keepAwards` keeps every liable run's award
  /// (for the charts of the award's distribution).
  public static func simulate(
    _ scenario: Scenario, options: AnalysisOptions, keepAwards: Bool = false
  ) throws(AnalysisError) -> SimulationResult {
    var o = options.simulationOptions(for: scenario)
    o.progress = options.progress
    o.keepAwards = keepAwards
    do { return try Simulation.run(scenario, options: o) } catch { throw .simulation(error) }
  }

  /// `damages simulate --precision`: simulates in stages until the award's 95 % interval is
  /// within the target or the runs (then the most allowed) are spent; the result is exactly
  /// that of a simulation of the run count it stops at (docs/simulation.md, Stopping at a
  /// precision). Progress counts the runs of each stage.
  public static func simulate(
    _ scenario: Scenario, options: AnalysisOptions, keepAwards: Bool = false,
    precision target: PrecisionTarget
  ) throws(AnalysisError) -> (result: SimulationResult, report: PrecisionReport) {
    var o = options.simulationOptions(for: scenario)
    o.progress = options.progress
    o.keepAwards = keepAwards
    do { return try Simulation.run(scenario, options: o, precision: target) } catch {
      throw .simulation(error)
    }
  }

  /// `damages sensitivity` (the tornado and the rank correlations): progress counts 2 steps.
  public static func sensitivity(_ scenario: Scenario, options: AnalysisOptions)
    throws(AnalysisError) -> SensitivityOutcome
  {
    let runs = options.runs ?? Sensitivity.defaultRuns(for: scenario)
    let seed = options.seed ?? scenario.simulation.seed
    do {
      let tornado = try Sensitivity.tornado(scenario, runs: runs, seed: seed)
      options.progress?(1)
      let correlations = try Sensitivity.rankCorrelations(scenario, runs: runs, seed: seed)
      options.progress?(2)
      return SensitivityOutcome(
        title: scenario.title, base: tornado.base, tornado: tornado.rows,
        correlations: correlations, runs: runs, seed: seed)
    } catch { throw .simulation(error) }
  }
}

/// The result of a sensitivity analysis, with what its reports need.
public struct SensitivityOutcome: Sendable {
  public var title: String
  public var base: Double
  public var tornado: [TornadoRow]
  public var correlations: [RankCorrelation]
  public var runs: Int
  public var seed: UInt64

  public func report(format: OutputFormat, lang: Language) -> String {
    SensitivityReport.render(
      base: base, tornado: tornado, correlations: correlations, title: title, runs: runs,
      seed: seed, format: format, lang: lang)
  }

  /// The tornado chart; nil when no input moves the award.
  public func chart(lang: Language) -> String? {
    tornado.isEmpty ? nil : SensitivityReport.chart(base: base, tornado: tornado, lang: lang)
  }
}

import DamagesAnalyses
import DamagesReports
import DamagesScenario
import DamagesLaw
import DamagesSimulation

/// The analyses that run in the background.
enum JobKind: String, CaseIterable, Sendable {
  case simulate, sweep, sensitivity
}

/// What a finished background analysis produced, kept so that each format and language can be
/// rendered on request by the same report writers the command line uses.
enum JobResult: Sendable {
  case simulation(SimulationResult, terms: CaseTerms)
  case sweep([SweepPoint], axes: [String], title: String, terms: CaseTerms, runs: Int, seed: UInt64)
  case sensitivity(
    base: Double, tornado: [TornadoRow], correlations: [RankCorrelation], title: String,
    runs: Int, seed: UInt64)

  /// The report, exactly as `damages simulate|sweep|sensitivity --format F --lang L` prints it.
  func report(format: OutputFormat, lang: Language) -> String {
    switch self {
    case let .simulation(result, terms):
      SimulationReport.render(result, terms: terms, format: format, lang: lang)
    case let .sweep(points, axes, title, terms, runs, seed):
      SweepReport.render(
        points, axes: axes, title: title, terms: terms, runs: runs, seed: seed, format: format,
        lang: lang)
    case let .sensitivity(base, tornado, correlations, title, runs, seed):
      SensitivityReport.render(
        base: base, tornado: tornado, correlations: correlations, title: title, runs: runs,
        seed: seed, format: format, lang: lang)
    }
  }

  /// The names of the charts this outcome has.
  var chartNames: [String] {
    switch self {
    case .simulation: ["histogram", "s-curve"]
    case let .sweep(_, axes, _, _, _, _): axes.count <= 2 ? ["sweep"] : []
    case let .sensitivity(_, tornado, _, _, _, _): tornado.isEmpty ? [] : ["tornado"]
    }
  }

  /// A chart as an SVG document, or nil if this outcome has no chart of that name.
  func chart(_ name: String, lang: Language) -> String? {
    switch (self, name) {
    case let (.simulation(result, _), "histogram"):
      SimulationReport.histogramChart(SimulationReport.allAwards(result), result.primary, lang: lang)
    case let (.simulation(result, _), "s-curve"):
      SimulationReport.sCurveChart(SimulationReport.allAwards(result), result.primary, lang: lang)
    case let (.sweep(points, axes, _, _, _, _), "sweep"):
      SweepReport.chart(points, axes: axes, logX: false, lang: lang)
    case let (.sensitivity(base, tornado, _, _, _, _), "tornado") where !tornado.isEmpty:
      SensitivityReport.chart(base: base, tornado: tornado, lang: lang)
    default:
      nil
    }
  }
}

/// The limits of one server (`damages serve --max-runs`, `--max-body`).
public struct ServeLimits: Sendable {
  /// Runs per simulation (each point of a sweep is one simulation).
  public var maxRuns: Int
  /// Bytes of a request body (a scenario).
  public var maxBody: Int
  /// Points of a sweep grid.
  public var maxSweepPoints: Int
  /// Simulations at once (the rest wait in a queue).
  public var workers: Int
  /// Jobs waiting or running at once; beyond, a new job is refused (429) until one ends.
  public var maxPendingJobs: Int

  public init(maxRuns: Int = 1_000_000, maxBody: Int = 1 << 20, maxSweepPoints: Int = 100, workers: Int,
              maxPendingJobs: Int = 16) {
    self.maxRuns = maxRuns
    self.maxBody = maxBody
    self.maxSweepPoints = maxSweepPoints
    self.workers = Swift.max(1, workers)
    self.maxPendingJobs = Swift.max(self.workers, maxPendingJobs)
  }
}

/// The analyses behind the HTTP API: scenario text in, the command line's reports out.
/// Nothing here computes anything itself: it reads with ``ScenarioReader``, runs
/// ``Simulation``, ``Sweep`` and ``Sensitivity``, and renders with the report writers.
enum Analyses {
  /// The name scenario text is given in diagnostics.
  static let sourceName = "scenario.yaml"

  /// Reads and validates scenario text (422 with every diagnostic on failure).
  static func scenario(from text: String) throws(WebError) -> Scenario {
    do { return try ScenarioReader.parse(text, file: sourceName) } catch {
      throw .scenario(error.diagnostics)
    }
  }

  /// `damages estimate` in the given format.
  static func estimate(_ scenario: Scenario, format: OutputFormat, lang: Language) throws(WebError) -> String {
    let result: EstimateResult
    do { result = try EstimateResult(scenario) } catch { throw .internal("\(error)") }
    return EstimateReport.render(result, terms: scenario.terms, format: format, lang: lang)
  }

  /// The runs and seed a background analysis uses: the request's, else the scenario's; runs
  /// over the cap are refused (422 on `simulation.runs`, or on the `runs` parameter).
  static func runsAndSeed(
    _ scenario: Scenario, kind: JobKind, runs: Int?, seed: UInt64?, limits: ServeLimits
  ) throws(WebError) -> (runs: Int, seed: UInt64) {
    let n = runs ?? (kind == .sensitivity ? Sensitivity.defaultRuns(for: scenario) : scenario.simulation.runs)
    let field = runs == nil ? "simulation.runs" : "runs"
    let upper = kind == .sensitivity ? Swift.min(limits.maxRuns, 10_000_000) : limits.maxRuns
    // a run count from the URL is the request's fault (400), one from the file the scenario's (422)
    func refuse(_ message: String) -> WebError {
      runs == nil
        ? .scenario([ScenarioDiagnostic(file: sourceName, field: field, message: message)])
        : .badRequest("runs: " + message)
    }
    guard n >= 2 else { throw refuse("runs must be at least 2, got \(n)") }
    guard n <= upper else {
      throw refuse("\(Amount.grouped(Double(n))) runs asked; this server allows at most \(Amount.grouped(Double(upper))) per simulation (damages serve --max-runs); lower the runs")
    }
    return (n, seed ?? scenario.simulation.seed)
  }

  /// The work of a background analysis, checked before it is queued (so that a bad sweep is
  /// refused at once), and how many units its progress counts.
  static func prepare(
    _ kind: JobKind, scenario: Scenario, runs: Int?, seed: UInt64?, limits: ServeLimits
  ) throws(WebError) -> (
    total: Int,
    work: @Sendable (@escaping @Sendable (Int) -> Void, @escaping @Sendable () -> Bool) -> Result<JobResult, WebError>
  ) {
    let (n, s) = try runsAndSeed(scenario, kind: kind, runs: runs, seed: seed, limits: limits)
    switch kind {
    case .simulate:
      var options = SimulationOptions(for: scenario)
      options.runs = n
      options.seed = s
      options.threads = 1
      options.keepAwards = true
      let prepared = options
      return (n, { progress, isCancelled in
        var o = prepared
        o.progress = progress
        o.isCancelled = isCancelled
        do throws(SimulationError) {
          return .success(.simulation(try Simulation.run(scenario, options: o), terms: scenario.terms))
        } catch { return .failure(WebError(error)) }
      })
    case .sweep:
      guard !scenario.sweep.isEmpty else {
        throw .scenario([ScenarioDiagnostic(
          file: sourceName, field: "sweep",
          message: "the scenario has no sweep block; add one, e.g. sweep: {facts.multiplier: [1, 2, 3, 4, 5]}")])
      }
      guard scenario.terms.route != .compare else {
        throw .scenario([ScenarioDiagnostic(
          file: sourceName, field: "case.route",
          message: "a sweep follows one route, and this scenario compares two; set route: tort or route: contract to sweep it (simulate shows which is better)")])
      }
      // the grid's size first: building and checking every point of a large grid takes long
      let size = scenario.sweep.reduce(1) { $0 * $1.values.count }
      guard size <= limits.maxSweepPoints else {
        throw .scenario([ScenarioDiagnostic(
          file: sourceName, field: "sweep",
          message: "the grid has \(size) points; this server allows at most \(limits.maxSweepPoints) (the command line allows 10,000)")])
      }
      let points: [(coordinates: [Double], scenario: Scenario)]
      do { points = try ScenarioReader.sweepPoints(of: scenario, file: sourceName) } catch {
        throw .scenario(error.diagnostics)
      }
      var options = SimulationOptions(for: scenario)
      options.runs = n
      options.seed = s
      options.threads = 1
      let axes = scenario.sweep.map(\.path)
      let prepared = options
      return (points.count, { progress, isCancelled in
        var o = prepared
        o.isCancelled = isCancelled
        do throws(SimulationError) {
          let results = try Sweep.run(points: points, options: o, progress: progress)
          return .success(.sweep(
            results, axes: axes, title: scenario.title, terms: scenario.terms, runs: n, seed: s))
        } catch { return .failure(WebError(error)) }
      })
    case .sensitivity:
      return (2, { progress, _ in
        let tornado: (base: Double, rows: [TornadoRow])
        do throws(SimulationError) { tornado = try Sensitivity.tornado(scenario) } catch {
          return .failure(.internal("\(error)"))
        }
        progress(1)
        do throws(SimulationError) {
          let correlations = try Sensitivity.rankCorrelations(scenario, runs: n, seed: s)
          return .success(.sensitivity(
            base: tornado.base, tornado: tornado.rows, correlations: correlations,
            title: scenario.title, runs: n, seed: s))
        } catch { return .failure(WebError(error)) }
      })
    }
  }
}

extension WebError {
  /// A simulation error: the scenario's fault (422, located) or an internal error (500).
  init(_ error: SimulationError) {
    if let located = ScenarioError(error, file: Analyses.sourceName) {
      self = .scenario(located.diagnostics)
    } else {
      self = .internal("\(error)")
    }
  }
}

import DamagesAnalyses
import DamagesReports
import DamagesScenario
import DamagesLaw
import DamagesSimulation

/// The analyses that run in the background.
enum JobKind: String, CaseIterable, Sendable {
  case simulate, sweep, sensitivity, claim
}

/// What a finished background analysis produced, kept so that each format and language can be
/// rendered on request by the same report writers the command line uses.
enum JobResult: Sendable {
  case simulation(SimulationResult, terms: CaseTerms)
  case sweep(SweepOutcome)
  case sensitivity(SensitivityOutcome)
  case claim(ClaimOutcome)

  /// The report, exactly as `damages simulate|sweep|sensitivity --format F --lang L` prints it.
  func report(format: OutputFormat, lang: Language) -> String {
    switch self {
    case let .simulation(result, terms):
      SimulationReport.render(result, terms: terms, format: format, lang: lang)
    case let .sweep(outcome): outcome.report(format: format, lang: lang)
    case let .sensitivity(outcome): outcome.report(format: format, lang: lang)
    case let .claim(outcome): outcome.report(format: format, lang: lang)
    }
  }

  /// The names of the charts this outcome has.
  var chartNames: [String] {
    switch self {
    case .simulation: ["histogram", "s-curve"]
    case let .sweep(outcome): outcome.axes.count <= 2 ? ["sweep"] : []
    case let .sensitivity(outcome): outcome.tornado.isEmpty ? [] : ["tornado"]
    case .claim: ["claim"]
    }
  }

  /// A chart as an SVG document, or nil if this outcome has no chart of that name.
  func chart(_ name: String, lang: Language) -> String? {
    switch (self, name) {
    case let (.simulation(result, _), "histogram"):
      SimulationReport.histogramChart(SimulationReport.allAwards(result), result.primary, lang: lang)
    case let (.simulation(result, _), "s-curve"):
      SimulationReport.sCurveChart(SimulationReport.allAwards(result), result.primary, lang: lang)
    case let (.sweep(outcome), "sweep"):
      outcome.chart(lang: lang)
    case let (.sensitivity(outcome), "tornado"):
      outcome.chart(lang: lang)
    case let (.claim(outcome), "claim"):
      outcome.chart(lang: lang)
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
  /// Open connections at once; beyond, new ones wait in the system's queue until one closes
  /// (see ``WebServer/connectionLimit(_:)``, which also keeps it below the process's limit
  /// of open files).
  public var maxConnections = 512
  /// How long a connection may send nothing: before its first request is complete, between
  /// two parts of a request and between requests. Then it is closed.
  public var idleSeconds: Int64 = 5

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
/// Nothing here computes anything itself: it reads with ``ScenarioReader``, runs the shared
/// analyses of DamagesAnalyses (the ones the command line and `damages run` call), and renders
/// with the report writers.
enum Analyses {
  /// Candidate claims the claim search evaluates, as `damages claim` does by default.
  static let claimPoints = 120

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
    do { result = try DamagesAnalyses.Analyses.estimate(scenario) } catch { throw WebError(error) }
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
    // each job runs on one thread: the server runs several jobs at once
    let options = AnalysisOptions(runs: n, seed: s, threads: 1)
    switch kind {
    case .simulate:
      return (n, { progress, isCancelled in
        var o = options
        o.progress = progress
        o.isCancelled = isCancelled
        do throws(AnalysisError) {
          let result = try DamagesAnalyses.Analyses.simulate(scenario, options: o, keepAwards: true)
          return .success(.simulation(result, terms: scenario.terms))
        } catch { return .failure(WebError(error)) }
      })
    case .sweep:
      let grid: SweepGrid
      do {
        grid = try DamagesAnalyses.Analyses.sweepGrid(
          of: scenario, file: sourceName, maxPoints: limits.maxSweepPoints)
      } catch { throw .scenario(error.diagnostics) }
      return (grid.points.count, { progress, isCancelled in
        var o = options
        o.progress = progress
        o.isCancelled = isCancelled
        do throws(AnalysisError) {
          return .success(.sweep(try DamagesAnalyses.Analyses.sweep(grid, options: o, base: scenario)))
        } catch { return .failure(WebError(error)) }
      })
    case .claim:
      guard scenario.terms.route != .compare else {
        throw .scenario([ScenarioDiagnostic(
          file: sourceName, field: "case.route",
          message: "the scenario compares the tort and contract routes (route: compare); the claim search follows one: choose tort or contract")])
      }
      // as `damages claim` does, with its default number of candidate claims
      return (n, { progress, isCancelled in
        var o = options
        o.progress = progress
        o.isCancelled = isCancelled
        do throws(AnalysisError) {
          return .success(.claim(try DamagesAnalyses.Analyses.claim(scenario, options: o, points: claimPoints)))
        } catch { return .failure(WebError(error)) }
      })
    case .sensitivity:
      return (2, { progress, isCancelled in
        var o = options
        o.progress = progress
        o.isCancelled = isCancelled
        do throws(AnalysisError) {
          return .success(.sensitivity(try DamagesAnalyses.Analyses.sensitivity(scenario, options: o)))
        } catch { return .failure(WebError(error)) }
      })
    }
  }
}

extension WebError {
  /// A simulation error: the scenario's fault (422, located) or an internal error (500).
  init(_ error: SimulationError) {
    self.init(AnalysisError.simulation(error))
  }

  /// An analysis error: the scenario's fault (422, located) or an internal error (500).
  init(_ error: AnalysisError) {
    if let located = error.located(file: Analyses.sourceName) {
      self = .scenario(located.diagnostics)
    } else {
      self = .internal("\(error)")
    }
  }
}

import ArgumentParser
import DamagesAnalyses
import DamagesReports
import DamagesScenario
import DamagesSimulation

struct SensitivityCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "sensitivity",
    abstract: "Which uncertain inputs move the award most.",
    discussion: """
      Two views. The tornado sets each input at five points from its P10 to its P90 (a \
      probability at false and true) with every other input at its median, and reports the \
      swing of the award and whether it moves monotonically (thresholds such as the punitive \
      gate make it jump). The rank correlations come from one simulation that draws every \
      input in every run: Spearman's ρ of each input with the award. Both sorted by influence.

      --method sobol apportions the award's variance instead: first-order indices Sᵢ (the \
      share an input explains alone; Saltelli 2010 estimator) and total indices Sᵀᵢ (with its \
      interactions; Jansen estimator), from --samples base rows of the matrices A, B and ABᵢ \
      (samples × (inputs + 2) evaluations of the award, evaluated as the tornado evaluates \
      it), each with a bootstrap percentile interval. Inputs are drawn independently: \
      correlations are not honoured there. --method both prints the three views.

      Examples:
        damages sensitivity scenarios/template-illegal-use.yaml
        damages sensitivity my-case.yaml --runs 50000 --chart tornado.svg --format markdown
        damages sensitivity my-case.yaml --method sobol --samples 8192 --format json
      """)

  enum Method: String, ExpressibleByArgument, CaseIterable {
    case tornado, sobol, both
  }

  @Argument(help: ArgumentHelp("The scenario file (YAML).", valueName: "file"))
  var file: String

  @Option(parsing: .unconditional, help: "Runs for the rank correlations (default: the scenario's simulation.runs, at most 100,000).", transform: RunCount.parse)
  var runs: Int?

  @Option(parsing: .unconditional, help: "Random seed (default: the scenario's simulation.seed).")
  var seed: UInt64?

  @Option(help: "tornado (the tornado and rank correlations), sobol (variance-based indices) or both.")
  var method: Method = .tornado

  // The Sobol settings are optional so that giving one without Sobol is caught, not ignored.
  @Option(help: "Base sample size n for --method sobol or both (n × (inputs + 2) evaluations; default 4096).")
  var samples: Int?

  @Option(help: "Bootstrap resamples for the Sobol confidence intervals (default 500).")
  var bootstrap: Int?

  @Option(help: "Confidence level of the Sobol intervals, in (0, 1) (default 0.95).")
  var confidence: Double?

  var sampleCount: Int { samples ?? 4096 }
  var bootstrapCount: Int { bootstrap ?? 500 }
  var confidenceLevel: Double { confidence ?? 0.95 }

  @Option(help: ArgumentHelp("Also write the tornado as an SVG chart.", valueName: "file.svg"))
  var chart: String?

  @OptionGroup var output: OutputOptions

  func validate() throws {
    if let runs, !(2...10_000_000).contains(runs) {
      throw ValidationError("--runs must be an integer from 2 to 10^7 for a sensitivity analysis, got \(runs)")
    }
    if method == .tornado {
      let given = [("--samples", samples != nil), ("--bootstrap", bootstrap != nil), ("--confidence", confidence != nil)]
      if let (name, _) = given.first(where: { $0.1 }) {
        throw ValidationError("\(name) sets the Sobol analysis: add --method sobol or --method both")
      }
    }
    if !(16...1_000_000).contains(sampleCount) {
      throw ValidationError("--samples must be an integer from 16 to 10^6, got \(sampleCount)")
    }
    if !(10...100_000).contains(bootstrapCount) {
      throw ValidationError("--bootstrap must be an integer from 10 to 100,000, got \(bootstrapCount)")
    }
    if !(confidenceLevel > 0 && confidenceLevel < 1) {
      throw ValidationError("--confidence must lie strictly between 0 and 1, got \(confidenceLevel)")
    }
    if method == .sobol && chart != nil {
      throw ValidationError("--chart draws the tornado: use it with --method tornado or both")
    }
  }

  func run() throws {
    try running {
      try output.checkOutput(inputs: [file], chart: chart)
      let scenario = try loadScenario(file)
      let n = runs ?? Sensitivity.defaultRuns(for: scenario)
      let s = seed ?? scenario.simulation.seed
      var sobol: (analysis: SobolAnalysis, rows: [SobolRow])?
      if method != .tornado {
        do throws(SimulationError) {
          sobol = try Sensitivity.sobol(
            scenario, samples: sampleCount, seed: s, bootstrap: bootstrapCount, confidence: confidenceLevel)
        } catch { throw Failure.internal("\(error)") }
      }
      if method == .sobol, let sobol {
        try output.emit(
          text: {
            SensitivityReport.render(
              sobol: sobol.analysis, rows: sobol.rows, title: scenario.title, seed: s,
              format: output.resolvedFormat, lang: output.lang, shape: output.shape)
          },
          workbook: {
            SensitivityReport.workbook(title: scenario.title, seed: s, lang: output.lang, tornado: nil, sobol: sobol)
          })
        return
      }
      let outcome: SensitivityOutcome
      do throws(AnalysisError) {
        outcome = try Analyses.sensitivity(scenario, options: AnalysisOptions(runs: n, seed: s))
      } catch { throw Failure(error, file: file) }
      if let chart {
        let svg = SensitivityReport.chart(base: outcome.base, tornado: outcome.tornado, lang: output.lang)
        try writeFile(svg, to: chart)
      }
      try output.emit(
        text: {
          SensitivityReport.render(
            base: outcome.base, tornado: outcome.tornado, correlations: outcome.correlations,
            title: scenario.title, runs: n, seed: s, format: output.resolvedFormat, lang: output.lang,
            sobol: sobol, shape: output.shape)
        },
        workbook: {
          SensitivityReport.workbook(
            title: scenario.title, seed: s, lang: output.lang,
            tornado: (outcome.base, outcome.tornado, outcome.correlations, n), sobol: sobol)
        })
    }
  }
}

import ArgumentParser
import DamagesIO
import DamagesSimulation
import GSL

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

      Examples:
        damages sensitivity scenarios/template-illegal-use.yaml
        damages sensitivity my-case.yaml --runs 50000 --chart tornado.svg --format markdown
      """)

  @Argument(help: ArgumentHelp("The scenario file (YAML).", valueName: "file"))
  var file: String

  @Option(help: "Runs for the rank correlations (default: the scenario's simulation.runs, at most 100,000).")
  var runs: Int?

  @Option(help: "Random seed (default: the scenario's simulation.seed).")
  var seed: UInt64?

  @Option(help: ArgumentHelp("Also write the tornado as an SVG chart.", valueName: "file.svg"))
  var chart: String?

  @OptionGroup var output: OutputOptions

  func validate() throws {
    if let runs, !(2...10_000_000).contains(runs) {
      throw ValidationError("--runs must be an integer from 2 to 10^7 for a sensitivity analysis, got \(runs)")
    }
  }

  func run() throws {
    try running {
      try output.checkOutput()
      let scenario = try loadScenario(file)
      let n = runs ?? min(scenario.simulation.runs, 100_000)
      let s = seed ?? scenario.simulation.seed
      let tornado: (base: Double, rows: [TornadoRow])
      do throws(GSLError) { tornado = try Sensitivity.tornado(scenario) } catch { throw Failure.internal("\(error)") }
      let correlations: [RankCorrelation]
      do throws(SimulationError) { correlations = try Sensitivity.rankCorrelations(scenario, runs: n, seed: s) } catch {
        throw Failure.simulation(error, file: file)
      }
      if let chart {
        let svg = SensitivityReport.chart(base: tornado.base, tornado: tornado.rows, lang: output.lang)
        do throws(OutputFile.Failure) { try OutputFile.write(svg, to: chart) } catch { throw Failure.output(error.description) }
      }
      try output.emit(SensitivityReport.render(
        base: tornado.base, tornado: tornado.rows, correlations: correlations, title: scenario.title,
        runs: n, seed: s, format: output.resolvedFormat, lang: output.lang))
    }
  }
}

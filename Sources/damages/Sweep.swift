import ArgumentParser
import DamagesAnalyses
import DamagesReports
import DamagesScenario
import DamagesLaw
import DamagesSimulation
import Foundation

struct SweepCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "sweep",
    abstract: "Simulate every point of a grid of parameter values: how the range moves.",
    discussion: """
      The grid comes from the scenario's `sweep` block, or from --vary on the command line \
      (which replaces it). Each point is a full simulation with the same seed and run count: \
      common random numbers, so the differences between points come from the swept values, \
      not from noise. One row per point with the award's mean, percentiles, probability of \
      liability and net recovery.

      Each path is swept by one axis and set by --set at most once; a path both set and \
      swept (by --vary, or by the scenario's sweep block when no --vary is given) is a usage \
      error, since the swept values would replace the set one.

      Examples:
        damages sweep scenarios/template-illegal-use.yaml
        damages sweep my-case.yaml --vary facts.multiplier=1:5:9 --runs 50000 --chart sweep.svg
        damages sweep my-case.yaml --set facts.proven.illegal_gains=1 \\
            --vary liability.work=0.5:1:6 --vary facts.illegal_gains=1000:1000000:7:log
      """)

  @Argument(help: ArgumentHelp("The scenario file (YAML).", valueName: "file"))
  var file: String

  @Option(name: .customLong("set"), help: ArgumentHelp(
    "Hold a path at a value for the whole sweep: path=value (e.g. facts.multiplier=3). Repeatable, each path once, never a path the sweep varies.",
    valueName: "path=value"))
  var settings: [String] = []

  @Option(help: ArgumentHelp(
    "Sweep a path over a range: path=from:to:steps[:log]. Repeatable, each path once; replaces the scenario's sweep block.",
    valueName: "path=from:to:steps[:log]"))
  var vary: [String] = []

  @OptionGroup(title: "Simulation (each point: the same runs and seed)")
  var simulation: SimulationArguments

  @Option(help: ArgumentHelp("Also write a chart: lines for one axis, a heat map for two.", valueName: "file.svg"))
  var chart: String?

  @Flag(help: "Round amounts to whole yuan in CSV output.")
  var round = false

  @OptionGroup var routeChoice: RouteChoice

  @OptionGroup var output: OutputOptions

  func validate() throws {
    for s in settings where SweepArguments.parseSet(s) == nil {
      throw ValidationError("--set takes path=value, got '\(s)'")
    }
    for v in vary where SweepArguments.parseVary(v) == nil {
      throw ValidationError("--vary takes path=from:to:steps[:log] with steps ≥ 2 (and from, to > 0 for log), got '\(v)'")
    }
    let set = settings.map { SweepArguments.parseSet($0)!.0 }
    let varied = vary.map { SweepArguments.parseVary($0)!.path }
    if let path = SweepArguments.repeated(in: varied) {
      throw ValidationError(
        "--vary \(path) is given twice; a grid has one axis per path, and the second range would hide the first: give one --vary \(path)=from:to:steps")
    }
    if let path = SweepArguments.repeated(in: set) {
      throw ValidationError(
        "--set \(path) is given twice; the sweep can hold it at one value only: give one --set \(path)=value")
    }
    if let path = SweepArguments.common(set, varied) {
      throw ValidationError(
        "--set \(path) and --vary \(path) name the same path; the swept values would replace the set one: drop --set \(path)=… or that --vary")
    }
  }

  func run() throws {
    try running {
      try output.checkOutput(inputs: [file], chart: chart)
      var scenario = try loadScenario(file)
      try routeChoice.apply(to: &scenario, command: "sweep")
      if vary.isEmpty,
        let path = SweepArguments.common(
          settings.map { SweepArguments.parseSet($0)!.0 }, scenario.sweep.map(\.path))
      {
        // found only once the scenario is read, but a usage error all the same: exit 64 with
        // the message and usage lines argument-parser prints for one found while parsing
        printError("""
          Error: --set \(path) names a path the scenario's sweep block varies; the block's values would replace the set one: drop --set \(path)=…, or give --vary for each path to sweep (--vary replaces the sweep block)
          Usage: \(Damages.usageString(for: Self.self))
            See 'damages sweep --help' for more information.
          """)
        throw ExitCode.validationFailure
      }
      do throws(ScenarioError) {
        for s in settings {
          let (path, value) = SweepArguments.parseSet(s)!
          scenario = try ScenarioReader.setting(path, to: value, in: scenario, file: file)
        }
        if !vary.isEmpty { scenario.sweep = vary.map { SweepArguments.parseVary($0)! } }
      } catch { throw Failure.scenario(error) }
      let grid: SweepGrid
      do throws(ScenarioError) {
        grid = try Analyses.sweepGrid(
          of: scenario, file: file, noSweepHint: "add one or give --vary path=from:to:steps")
      } catch { throw Failure.scenario(error) }
      var options = simulation.options
      let progress = ProgressBar(total: grid.points.count)
      options.progress = { progress.update($0) }
      let outcome: SweepOutcome
      do throws(AnalysisError) {
        outcome = try Analyses.sweep(grid, options: options, base: scenario)
      } catch { progress.finish(); throw Failure(error, file: file) }
      progress.finish()
      if let chart {
        let logX = vary.first.map { $0.hasSuffix(":log") } ?? false
        if let svg = outcome.chart(logX: logX, lang: output.lang) {
          try writeFile(svg, to: chart)
        }
      }
      try output.emit(
        text: { outcome.report(format: output.resolvedFormat, lang: output.lang, round: round, shape: output.shape) },
        workbook: { outcome.workbook(lang: output.lang) })
    }
  }
}

/// The command-line forms of a sweep.
enum SweepArguments {
  /// The first path that names the same field as an earlier one, as the user wrote it.
  static func repeated(in paths: [String]) -> String? {
    var seen = Set<String>()
    return paths.first { !seen.insert(ScenarioReader.sweepField($0) ?? $0).inserted }
  }

  /// The first path of `a` that names the same field as a path of `b`, as written in `a`.
  static func common(_ a: [String], _ b: [String]) -> String? {
    let fields = Set(b.map { ScenarioReader.sweepField($0) ?? $0 })
    return a.first { fields.contains(ScenarioReader.sweepField($0) ?? $0) }
  }

  static func parseSet(_ s: String) -> (String, Double)? {
    let parts = s.split(separator: "=", maxSplits: 1).map(String.init)
    guard parts.count == 2, let v = try? writtenValue(parts[1]), v.isFinite else { return nil }
    return (parts[0], v)
  }

  static func parseVary(_ s: String) -> SweepAxis? {
    let parts = s.split(separator: "=", maxSplits: 1).map(String.init)
    guard parts.count == 2 else { return nil }
    let r = parts[1].split(separator: ":").map(String.init)
    guard r.count == 3 || (r.count == 4 && r[3] == "log"), let from = try? writtenValue(r[0]),
      let to = try? writtenValue(r[1]), let steps = Int(r[2]), steps >= 2, from.isFinite,
      to.isFinite
    else { return nil }
    let log = r.count == 4
    if log && (from <= 0 || to <= 0) { return nil }
    return SweepAxis(path: parts[0], values: ScenarioReader.rangeValues(from: from, to: to, steps: steps, log: log))
  }
}

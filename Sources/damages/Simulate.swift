import ArgumentParser
import DamagesAnalyses
import DamagesReports
import DamagesScenario
import DamagesSimulation
import Foundation

struct Simulate: ParsableCommand {
  static let configuration = CommandConfiguration(
    abstract: "Monte Carlo: the range of outcomes over the scenario's uncertain facts.",
    discussion: """
      Each run draws every uncertain fact once (a lognormal loss, whether the court accepts \
      the evidence of gains, whether intent is proven, the multiplier…) and applies the rules. \
      The report gives the award and its parts as mean, standard deviation, standard error, \
      percentiles P5 to P99, the probability of liability and of punitive damages, the share \
      of runs on each basis, each defendant's exposure and share, the fee and the net \
      recovery. The same scenario, seed and run count give byte-identical JSON on any number \
      of threads. Ctrl-C stops cleanly and writes nothing.

      With --chart, it also draws the award's distribution as an SVG for a brief: a \
      histogram with P5, P50 and P95 marked, or the S-curve (the probability that the award \
      stays below each amount). A chart keeps every run's award in memory, so it allows at \
      most 50,000,000 runs.

      Examples:
        damages simulate scenarios/benchmark.yaml --runs 1000000 --seed 7
        damages simulate my-case.yaml --format csv --excel --out ranges.csv
        damages simulate my-case.yaml --chart award.svg --chart-type s-curve
      """)

  /// The charts `--chart` can draw.
  enum ChartType: String, CaseIterable, ExpressibleByArgument {
    case histogram
    case sCurve = "s-curve"
  }

  /// The most runs `--chart` allows: it keeps every liable run's award (8 bytes each).
  static let chartRunLimit = 50_000_000

  @Argument(help: ArgumentHelp("The scenario file (YAML).", valueName: "file"))
  var file: String

  @OptionGroup(title: "Simulation")
  var simulation: SimulationArguments

  @Option(help: ArgumentHelp(
    "Stop once the 95 % interval of the award's mean (or of --precision-on) is within this relative half-width, e.g. 0.5%; --runs is then the most runs allowed.",
    valueName: "fraction"))
  var precision: String?

  @Option(help: ArgumentHelp(
    "What --precision applies to: mean (default), p5, p10, p25, p50, p75, p90, p95 or p99.",
    valueName: "statistic"))
  var precisionOn: String?

  @Flag(help: "Round amounts to whole yuan in CSV output.")
  var round = false

  @Option(help: ArgumentHelp("Also write the award's distribution as an SVG chart.", valueName: "file.svg"))
  var chart: String?

  @Option(help: "The chart --chart draws: histogram (with P5, P50 and P95 marked) or s-curve.")
  var chartType: ChartType = .histogram

  @OptionGroup var output: OutputOptions

  func validate() throws {
    if chart != nil, let runs = simulation.runs, runs > Self.chartRunLimit {
      throw ValidationError("--chart keeps every run's award in memory: at most 50,000,000 runs, got \(runs)")
    }
    _ = try precisionTarget()
  }

  /// `--precision` and `--precision-on` as a target (nil without `--precision`).
  func precisionTarget() throws -> PrecisionTarget? {
    guard let precision else {
      if precisionOn != nil { throw ValidationError("--precision-on needs --precision") }
      return nil
    }
    let text = precision.trimmingCharacters(in: .whitespaces)
    let percent = text.hasSuffix("%")
    guard let number = Double(percent ? String(text.dropLast()) : text), number.isFinite else {
      throw ValidationError("--precision must be a fraction such as 0.005 or a percentage such as 0.5%, got '\(precision)'")
    }
    let fraction = percent ? number / 100 : number
    guard fraction > 0 && fraction < 1 else {
      throw ValidationError("--precision must be above 0 and below 100%, got '\(precision)'")
    }
    var statistic = PrecisionTarget.Statistic.mean
    if let on = precisionOn, on != "mean" {
      let names = ["p5", "p10", "p25", "p50", "p75", "p90", "p95", "p99"]
      guard let i = names.firstIndex(of: on) else {
        throw ValidationError("--precision-on must be one of mean, \(names.joined(separator: ", ")), got '\(on)'")
      }
      statistic = .percentile(DistributionSummary.percentiles[i])
    }
    return PrecisionTarget(relativeHalfWidth: fraction, on: statistic)
  }

  func run() throws {
    try running {
      try output.checkOutput(inputs: [file], chart: chart)
      let scenario = try loadScenario(file)
      var analysis = simulation.options
      let options = analysis.simulationOptions(for: scenario)
      if chart != nil, options.runs > Self.chartRunLimit {
        throw ValidationError("--chart keeps every run's award in memory: at most 50,000,000 runs; the scenario asks for \(options.runs), so give --runs")
      }
      let progress = ProgressBar(total: options.runs)
      analysis.progress = { progress.update($0) }
      let start = Date()
      let result: SimulationResult
      var report: PrecisionReport?
      do throws(AnalysisError) {
        if let target = try? precisionTarget() {
          (result, report) = try Analyses.simulate(
            scenario, options: analysis, keepAwards: chart != nil, precision: target)
        } else {
          result = try Analyses.simulate(scenario, options: analysis, keepAwards: chart != nil)
        }
      } catch {
        progress.finish()
        throw Failure(error, file: file)
      }
      progress.finish()
      let seconds = Date().timeIntervalSince(start)
      let format = output.resolvedFormat
      var text =
        output.isWorkbook
        ? ""
        : SimulationReport.render(
          result, terms: scenario.terms, format: format, lang: output.lang, round: round,
          shape: output.shape)
      let footer = RunFooter(
        seconds: seconds, runs: report?.stages.reduce(0, +) ?? options.runs,
        threads: options.threads, precision: report, resultRuns: result.runs,
        passes: result.passes, interpolated: result.interpolatedPercentiles)
      let timing = footer.text(output.lang)
      if format == .table && !output.isWorkbook {
        text += "\n" + timing + "\n"
      } else {
        printError(timing)
      }
      if output.isWorkbook {
        try output.emit(workbook: SimulationReport.workbook(result, terms: scenario.terms, lang: output.lang))
      } else {
        try output.emit(text)
      }
      if let chart {
        let awards = SimulationReport.allAwards(result)
        let svg = chartType == .histogram
          ? SimulationReport.histogramChart(awards, result.primary, lang: output.lang)
          : SimulationReport.sCurveChart(awards, result.primary, lang: output.lang)
        try writeFile(svg, to: chart)
      }
    }
  }
}

/// The line after a simulation's table (and on standard error for the other formats): the time
/// taken, the speed and the threads, and what precision or the bounded-memory mode reached, in
/// the chosen language.
struct RunFooter {
  var seconds: Double
  /// Runs simulated, every stage of a precision target included.
  var runs: Int
  var threads: Int
  var precision: PrecisionReport?
  var resultRuns: Int
  var passes: Int
  var interpolated: Int

  /// The statistic a precision target is on: the word for the mean, or P95 and the like.
  static func statistic(_ report: PrecisionReport, mean: String) -> String {
    switch report.target.statistic {
    case .mean: mean
    case let .percentile(p): "P\(Int((p * 100).rounded()))"
    }
  }

  func text(_ lang: Language) -> String {
    switch lang {
    case .en: english
    case .zh: chinese
    case .both: english + "\n" + chinese
    }
  }

  var english: String {
    var line = String(format: "%.2f s, %.1f million runs/s on %d thread%@",
                      seconds, Double(runs) / seconds / 1e6, threads, threads == 1 ? "" : "s")
    if let report = precision {
      let what = Self.statistic(report, mean: "mean")
      line += String(
        format: "; precision of the award's %@: ±%.3g%% %@ after %@ runs (stages %@)",
        what, report.relativeHalfWidth * 100,
        report.reached ? "reached" : "NOT reached (run budget spent)", Amount.grouped(Double(resultRuns)),
        report.stages.map { Amount.grouped(Double($0)) }.joined(separator: "; "))
    }
    if passes > 1 {
      line += interpolated == 0
        ? "; bounded memory: 2 passes, percentiles exact"
        : "; bounded memory: 2 passes, \(interpolated) percentile"
          + (interpolated == 1 ? "" : "s") + " within 2^-11 of exact"
    }
    return line
  }

  var chinese: String {
    let perSecond = Double(runs) / seconds
    let speed = perSecond >= 1e4
      ? String(format: "%.0f 万次", perSecond / 1e4) : String(format: "%.0f 次", perSecond)
    var line = String(format: "用时 %.2f 秒，每秒模拟 %@，%d 个线程", seconds, speed, threads)
    if let report = precision {
      let what = Self.statistic(report, mean: "均值")
      line += String(
        format: "；判赔总额%@的精度 ±%.3g%%，%@，共模拟 %@ 次（各阶段 %@ 次）",
        what, report.relativeHalfWidth * 100,
        report.reached ? "已达到" : "未达到（模拟次数已用完）", Amount.grouped(Double(resultRuns)),
        report.stages.map { Amount.grouped(Double($0)) }.joined(separator: "、"))
    }
    if passes > 1 {
      line += interpolated == 0
        ? "；有限内存：两遍计算，百分位数精确"
        : "；有限内存：两遍计算，\(interpolated) 个百分位数与精确值相差不超过 2^-11"
    }
    return line
  }
}

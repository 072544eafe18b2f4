import DamagesLaw
public import DamagesReports
public import DamagesScenario
public import DamagesSimulation
public import Foundation

/// `damages run DIR --out DIR`: every scenario of a folder, its summary, sweep, sensitivity and
/// charts, and one summary table across all of them — the files of the output folder, built in
/// memory so that the folder is written completely or not at all.
public enum ScenarioBatch {
  /// One scenario's failure, or the error that stops the batch.
  public enum Failure: Error {
    case scenario(ScenarioError)
    case simulation(SimulationError, file: String)
    case gsl(String)
  }

  /// The columns of `summary.csv`, with their unit and meaning (the data dictionary).
  public static let summaryColumns: [(name: String, unit: String, meaning: String)] = {
    var c: [(String, String, String)] = [
      ("file", "text", "scenario file name (in `scenarios/`)"),
      ("title", "text", "the scenario's title"),
      ("route", "text", "`tort` or `contract` (the primary route; `compare` scenarios report tort here)"),
      ("runs", "count", "Monte Carlo runs"),
      ("seed", "integer", "random seed (the same scenario, seed and runs give the same numbers on any number of threads)"),
      ("estimate_award", "yuan", "`damages estimate`: the award with each fact at its median and each probability ≥ 0.5 taken as true"),
      ("estimate_basis", "text", "basis of the estimate: actual_loss, illegal_gains, license_fee, statutory, liquidated_damages or none"),
    ]
    for (key, meaning) in [
      ("mean", "mean"), ("sd", "standard deviation (N − 1)"), ("se_mean", "standard error of the mean"),
      ("min", "minimum"), ("p5", "5th percentile"), ("p10", "10th percentile"), ("p25", "25th percentile"),
      ("p50", "median"), ("p75", "75th percentile"), ("p90", "90th percentile"),
      ("p95", "95th percentile"), ("p99", "99th percentile"), ("max", "maximum"),
    ] {
      c.append(("award_\(key)", "yuan", "simulated award (capped by the claim): \(meaning); percentiles interpolate with h = (N − 1)p"))
    }
    c.append(("award_p_positive", "fraction", "share of runs with a positive award"))
    c += [
      ("p_liable", "fraction", "share of runs in which a defendant is liable (R7)"),
      ("p_punitive", "fraction", "share of runs with punitive damages (R4)"),
      ("basis_actual_loss", "fraction", "share of runs decided on actual loss (R1)"),
      ("basis_illegal_gains", "fraction", "share of runs decided on illegal gains (R1)"),
      ("basis_license_fee", "fraction", "share of runs decided on the license fee (R2)"),
      ("basis_statutory", "fraction", "share of runs decided on statutory damages (R3)"),
      ("basis_none", "fraction", "share of runs without liability"),
      ("net_recovery_mean", "yuan", "mean of award − claimant's fee share − expenses spent (R10)"),
      ("net_recovery_p5", "yuan", "5th percentile of the net recovery"),
      ("net_recovery_p50", "yuan", "median net recovery"),
      ("net_recovery_p95", "yuan", "95th percentile of the net recovery"),
      ("claim", "yuan", "amount claimed (empty: none)"),
      ("fee", "yuan", "acceptance fee on the claim (R10; empty without a claim)"),
      ("fee_share_mean", "yuan", "mean of the claimant's share of the fee"),
    ]
    return c
  }()

  /// Runs every `*.yaml` of a folder (sorted by name) and returns the output folder's files.
  /// The files of a folder that `run` reads: YAML, and JSON (which is valid YAML).
  public static func isScenarioFile(_ name: String) -> Bool {
    [".yaml", ".yml", ".json"].contains { name.lowercased().hasSuffix($0) }
  }

  /// `runs`: every scenario's run count instead of its own; `charts` false: no SVG files;
  /// `excel`: CSV files with a UTF-8 byte-order mark. With `invalid`, a scenario file that
  /// cannot be read is handed to it and the others are computed (without it, it stops the run).
  public static func run(folder: String, lang: Language, threads: Int?, runs: Int? = nil,
                         charts: Bool = true, excel: Bool = false,
                         invalid: ((ScenarioError) -> Void)? = nil,
                         progress: (@Sendable (String) -> Void)? = nil) throws(Failure) -> [(path: String, data: Data)] {
    let names = ((try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? [])
      .filter(isScenarioFile).sorted()
    var files: [(path: String, data: Data)] = []
    var summaryRows: [[String]] = []
    for name in names {
      progress?(name)
      let path = (folder as NSString).appendingPathComponent(name)
      let stem = (name as NSString).deletingPathExtension
      let scenario: Scenario
      do { scenario = try ScenarioReader.read(contentsOf: path) } catch {
        guard let invalid else { throw .scenario(error) }
        invalid(error)
        continue
      }
      var options = SimulationOptions(for: scenario)
      if let threads { options.threads = threads }
      if let runs { options.runs = runs }
      options.keepAwards = true
      let result: SimulationResult
      do { result = try Simulation.run(scenario, options: options) } catch {
        throw .simulation(error, file: path)
      }
      let estimate: EstimateResult
      do { estimate = try EstimateResult(scenario) } catch { throw .gsl("\(error)") }
      summaryRows.append(summaryRow(file: name, scenario: scenario, result: result, estimate: estimate))
      files.append(("scenarios/\(stem).json", Data(SimulationReport.render(
        result, terms: scenario.terms, format: .json, lang: lang).utf8)))
      files.append(("scenarios/\(stem)-estimate.md", Data(EstimateReport.render(
        estimate, terms: scenario.terms, format: .markdown, lang: .both).utf8)))
      // charts of the award's distribution
      let awards = SimulationReport.allAwards(result)
      if charts {
        files.append(("charts/\(stem)-histogram.svg", Data(SimulationReport.histogramChart(awards, result.primary, lang: lang).utf8)))
        files.append(("charts/\(stem)-s-curve.svg", Data(SimulationReport.sCurveChart(awards, result.primary, lang: lang).utf8)))
      }
      // the sweep
      if !scenario.sweep.isEmpty {
        // the same sweep as `damages sweep` and the web page: a comparison is refused there too
        let swept: SweepOutcome
        do { swept = try Analyses.sweep(scenario, file: path, options: AnalysisOptions(runs: runs, threads: threads)) } catch {
          switch error {
          case .scenario(let e): throw .scenario(e)
          case .simulation(let e): throw .simulation(e, file: path)
          case .fit: preconditionFailure("a sweep fits no law")
          }
        }
        files.append(("sweeps/\(stem).csv", Data(swept.report(format: .csv, lang: lang).utf8)))
        if charts, let svg = swept.chart(lang: lang) {
          files.append(("charts/\(stem)-sweep.svg", Data(svg.utf8)))
        }
      }
      // the sensitivity
      let n = Sensitivity.defaultRuns(for: scenario)
      let tornado: (base: Double, rows: [TornadoRow])
      do { tornado = try Sensitivity.tornado(scenario, runs: n, seed: scenario.simulation.seed) } catch {
        throw .simulation(error, file: path)
      }
      let correlations: [RankCorrelation]
      do { correlations = try Sensitivity.rankCorrelations(scenario, runs: n, seed: scenario.simulation.seed) } catch {
        throw .simulation(error, file: path)
      }
      files.append(("sensitivity/\(stem).csv", Data(SensitivityReport.render(
        base: tornado.base, tornado: tornado.rows, correlations: correlations, title: scenario.title,
        runs: n, seed: scenario.simulation.seed, format: .csv, lang: lang).utf8)))
      if charts && !tornado.rows.isEmpty {
        files.append(("charts/\(stem)-tornado.svg", Data(SensitivityReport.chart(
          base: tornado.base, tornado: tornado.rows, lang: lang).utf8)))
      }
    }
    files.append(("summary.csv", Data(CSVTable.render(
      header: summaryColumns.map { summaryHeader($0.name, lang: lang) }, rows: summaryRows).utf8)))
    files.append(("README.md", Data(dataDictionary().utf8)))
    if excel {
      // Excel reads a CSV as UTF-8 only with the byte-order mark
      files = files.map { f in f.path.hasSuffix(".csv") ? (f.path, Data("\u{FEFF}".utf8) + f.data) : f }
    }
    return files.sorted { $0.path < $1.path }
  }

  /// The Chinese names of the summary's columns (`--lang zh` or `both`; `en` keeps the plain
  /// names, one word per column, for pandas and R).
  static let summaryNamesZh: [String: String] = {
    var names = [
      "file": "文件", "title": "标题", "route": "诉讼路径", "runs": "模拟次数", "seed": "随机种子",
      "estimate_award": "点估计判赔", "estimate_basis": "点估计依据",
      "award_p_positive": "判赔为正概率", "p_liable": "责任成立概率", "p_punitive": "惩罚性赔偿概率",
      "basis_actual_loss": "依据_实际损失", "basis_illegal_gains": "依据_违法所得",
      "basis_license_fee": "依据_许可使用费", "basis_statutory": "依据_法定赔偿", "basis_none": "依据_不成立",
      "net_recovery_mean": "净回收均值", "net_recovery_p5": "净回收P5", "net_recovery_p50": "净回收中位数",
      "net_recovery_p95": "净回收P95", "claim": "诉请金额", "fee": "受理费",
      "fee_share_mean": "原告负担受理费均值",
    ]
    for (key, zh) in [("mean", "均值"), ("sd", "标准差"), ("se_mean", "均值标准误"), ("min", "最小值"),
                      ("p5", "P5"), ("p10", "P10"), ("p25", "P25"), ("p50", "中位数"), ("p75", "P75"),
                      ("p90", "P90"), ("p95", "P95"), ("p99", "P99"), ("max", "最大值")] {
      names["award_\(key)"] = "判赔" + zh
    }
    return names
  }()

  static func summaryHeader(_ name: String, lang: Language) -> String {
    guard lang != .en, let zh = summaryNamesZh[name] else { return name }
    return lang == .zh ? zh : "\(zh) \(name)"
  }

  static func summaryRow(file: String, scenario: Scenario, result: SimulationResult,
                         estimate: EstimateResult) -> [String] {
    let r = result.primary
    let o = estimate.primary.outcome
    var row = [file, scenario.title, r.route.rawValue, String(result.runs), String(result.seed),
               JSON.format(o.award.value), o.basis.rawValue]
    row += r.award.fields.map { JSON.format($0.value) }
    row += [JSON.format(r.pLiable), JSON.format(r.pPunitive)]
    for b in [Basis.actualLoss, .illegalGains, .licenseFee, .statutory, .none] {
      row.append(JSON.format(r.basis[b] ?? 0))
    }
    row += [r.netRecovery.mean, r.netRecovery.p5, r.netRecovery.p50, r.netRecovery.p95].map(JSON.format)
    row += [scenario.terms.claim.map { JSON.format($0.value) } ?? "", r.fee.map(JSON.format) ?? "",
            JSON.format(r.feeShare.mean)]
    return row
  }

  /// The data dictionary of the output folder.
  public static func dataDictionary() -> String {
    var s = """
      \(OutputFile.folderMark)

      Written by `damages run scenarios --out notebooks-data`; do not edit by hand (CI regenerates
      it and fails if anything changes). Amounts are in yuan (CNY) at full precision; fractions are
      in [0, 1]. Every file is UTF-8 CSV with a header row (RFC 4180 quoting, CRLF line ends).

      ## Files

      | file | content |
      |---|---|
      | `summary.csv` | one row per scenario: the point estimate and the simulated distribution of the award |
      | `sweeps/NAME.csv` | for a scenario with a `sweep` block: one row per grid point and statistic (long format) |
      | `sensitivity/NAME.csv` | one row per input and statistic: the tornado and the rank correlations (long format) |
      | `scenarios/NAME.json` | the full `damages simulate --format json` output |
      | `scenarios/NAME-estimate.md` | the `damages estimate` explanation, step by step |
      | `charts/NAME-*.svg` | histogram, S-curve, tornado and sweep charts |

      ## `summary.csv`

      | column | unit | meaning |
      |---|---|---|

      """
    for c in summaryColumns { s += "| `\(c.name)` | \(c.unit) | \(c.meaning) |\n" }
    s += """

      ## `sweeps/NAME.csv`

      | column | unit | meaning |
      |---|---|---|
      | `scenario` | text | the scenario's title |
      | `point` | integer | grid point, from 1; the first axis varies slowest |
      | one column per swept path (e.g. `facts.multiplier`) | as the path | the value at this point |
      | `statistic` | text | `award_mean`, `award_sd`, `award_se_mean`, `award_min`, `award_p5` … `award_p99`, `award_max`, `award_p_positive`, `p_liable`, `p_punitive`, `basis_*`, `net_recovery_mean`, `net_recovery_p50`, and with a claim `fee_share_mean`, `p_capped` |
      | `value` | yuan or fraction | the statistic's value (`award_*`, `net_*`, `fee_*`: yuan; `p_*`, `basis_*`: fraction) |

      Every point is simulated with the same seed and run count (common random numbers).

      ## `sensitivity/NAME.csv`

      | column | unit | meaning |
      |---|---|---|
      | `scenario` | text | the scenario's title |
      | `method` | text | `tornado` (each input from its P10 to its P90, others at their medians) or `spearman` (rank correlation over one simulation) |
      | `input` | text | the input's scenario path |
      | `statistic` | text | tornado: `low`, `high`, `swing` (yuan), `monotone` (1 or 0); spearman: `rho` |
      | `value` | yuan, 0/1 or correlation | the statistic's value |

      ## Loading

      pandas:

      ```python
      import pandas as pd
      summary = pd.read_csv("notebooks-data/summary.csv")
      sweep = pd.read_csv("notebooks-data/sweeps/template-illegal-use.csv")
      wide = sweep.pivot_table(index=["point", "liability.work", "facts.proven.license_fee"],
                               columns="statistic", values="value").reset_index()
      ```

      R:

      ```r
      summary <- read.csv("notebooks-data/summary.csv", check.names = FALSE, encoding = "UTF-8")
      sweep <- read.csv("notebooks-data/sweeps/template-illegal-use.csv", check.names = FALSE)
      ```

      Excel: Data → From Text/CSV, file origin "65001: Unicode (UTF-8)" (or run `damages` with
      `--excel`, which adds the byte-order mark Excel looks for).

      """
    return s
  }
}

public import DamagesSimulation
import DamagesScenario
import Foundation
public import XLSX

// The Excel workbooks of `sweep`, `sensitivity`, `claim` and `fit` (docs/outputs.md, Tables for
// briefs), in the look of the other workbooks (Workbooks.swift): a sheet per table, one row per
// item and one column per statistic, headers in the `--lang` language(s), amounts in a yuan
// format, probabilities as percentages, the figures the JSON's (not rounded to what a format shows).

/// A two-column sheet of named measures, as the workbooks' Summary sheets are.
func measureSheet(_ rows: [(String, Workbook.Cell)], lang: Language,
                  name: (zh: String, en: String) = ("摘要", "Summary")) -> Workbook.Sheet {
  Workbook.Sheet(
    name: lang.label(name.zh, name.en),
    header: [lang.label("指标", "Measure"), lang.label("数值", "Value")],
    rows: rows.map { [.text($0.0), $0.1] })
}

extension SweepReport {
  /// `sweep --format xlsx`: a row per grid point (the swept values, then the statistics the
  /// long CSV names), and the runs and seed every point shares.
  public static func workbook(_ points: [SweepPoint], axes: [String], title: String, runs: Int,
                              seed: UInt64, lang: Language) -> Workbook {
    let names = points.first.map { statistics($0.result.primary) } ?? []
    let rows: [[Workbook.Cell]] = points.enumerated().map { i, p in
      [.number(Double(i + 1), .integer)]
        + zip(axes, p.coordinates).map { path, x in
          .number(x, ScenarioTerms.isMoney(path: path) ? .yuan : .plain)
        }
        + statistics(p.result.primary).map { .number($0.value, $0.style) }
    }
    return Workbook(sheets: [
      Workbook.Sheet(
        name: lang.label("参数扫描", "Sweep"),
        header: [lang.label("点", "Point")] + axes.map { InputLabel.label($0, lang: lang) }
          + names.map { lang.label($0.zh, $0.en) },
        rows: rows),
      measureSheet([
        (lang.label("情景", "Scenario"), .text(title)),
        (lang.label("扫描参数", "Swept paths"), .text(axes.joined(separator: ", "))),
        (lang.label("每点模拟次数（共同随机数）", "Runs per point (common random numbers)"), .number(Double(runs), .integer)),
        (lang.label("随机种子", "Seed"), .number(Double(seed), .plain)),
      ], lang: lang, name: ("设置", "Settings")),
    ])
  }
}

extension SensitivityReport {
  /// `sensitivity --format xlsx`: a summary (the expected award, runs, seed, the Sobol
  /// settings), then a sheet per view: the tornado, the rank correlations, the Sobol indices.
  /// Each input is named as a person reads it, with its scenario path beside it.
  public static func workbook(
    title: String, seed: UInt64, lang: Language,
    tornado: (base: Double, rows: [TornadoRow], correlations: [RankCorrelation], runs: Int)?,
    sobol: (analysis: SobolAnalysis, rows: [SobolRow])?
  ) -> Workbook {
    let inputHeader = [lang.label("输入", "Input"), lang.label("场景路径", "Path")]
    func input(_ path: String) -> [Workbook.Cell] {
      [.text(InputLabel.label(path, lang: lang)), .text(path)]
    }
    func header(_ keys: [String]) -> [String] { inputHeader + keys.map { name($0, lang) } }
    var summary: [(String, Workbook.Cell)] = [(lang.label("情景", "Scenario"), .text(title))]
    var sheets: [Workbook.Sheet] = []
    if let tornado {
      summary += [
        (lang.label("期望判赔（元）", "Expected award (yuan)"), .number(tornado.base, .yuan)),
        (lang.label("龙卷风图每点模拟次数", "Runs per tornado point"), .number(Double(tornadoRuns(tornado.runs)), .integer)),
        (lang.label("秩相关模拟次数", "Runs for the rank correlations"), .number(Double(tornado.runs), .integer)),
      ]
      sheets.append(Workbook.Sheet(
        name: name("tornado", lang), header: header(["low", "high", "swing", "monotone"]),
        rows: tornado.rows.map { r in
          input(r.path) + [.number(r.low, .yuan), .number(r.high, .yuan), .number(r.swing, .yuan),
                           .text(r.monotone ? lang.label("是", "yes") : lang.label("否（有跳变）", "no (jumps)"))]
        }))
      sheets.append(Workbook.Sheet(
        name: name("spearman", lang), header: header(["rho"]),
        rows: tornado.correlations.map { input($0.path) + [.number($0.rho, .decimals(3))] }))
    }
    summary.append((lang.label("随机种子", "Seed"), .number(Double(seed), .plain)))
    if let sobol {
      let a = sobol.analysis
      summary += [
        (lang.label("Sobol 基础样本", "Sobol base sample"), .number(Double(a.samples), .integer)),
        (lang.label("Sobol 模型计算次数", "Sobol evaluations"), .number(Double(a.evaluations), .integer)),
        (lang.label("自助法次数", "Bootstrap resamples"), .number(Double(a.bootstrap), .integer)),
        (lang.label("置信水平", "Confidence level"), .number(a.confidence, .percent)),
        (lang.label("Sobol 样本的判赔均值（元）", "Mean award of the Sobol sample (yuan)"), .number(a.mean, .yuan)),
        (lang.label("Sobol 样本的判赔方差", "Variance of the award in the Sobol sample"), .number(a.variance, .plain)),
      ]
      sheets.append(Workbook.Sheet(
        name: name("sobol", lang),
        header: header(["first", "first_low", "first_high", "total", "total_low", "total_high"]),
        rows: sobol.rows.map { r in
          input(r.path) + [
            r.index.first, r.index.firstInterval.lowerBound, r.index.firstInterval.upperBound,
            r.index.total, r.index.totalInterval.lowerBound, r.index.totalInterval.upperBound,
          ].map { .number($0, .decimals(3)) }
        }))
    }
    return Workbook(sheets: [measureSheet(summary, lang: lang)] + sheets)
  }
}

extension ClaimReport {
  /// `claim --format xlsx`: the best claim (and the scenario's own) with the runs and seed,
  /// then the whole curve, a row per candidate claim.
  public static func workbook(_ curve: ClaimCurve, title: String, runs: Int, seed: UInt64,
                              claimed: Double?, lang: Language) -> Workbook {
    let claimedPoint = claimed.flatMap { c in curve.points.first { $0.claim == c } }
    var summary: [(String, Workbook.Cell)] = [
      (lang.label("情景", "Scenario"), .text(title)),
      (lang.label("最优请求金额（元）", "Best claim (yuan)"), .number(curve.best.claim, .yuan)),
      (lang.label("最优请求金额的预期净回收（元）", "Expected net recovery at the best claim (yuan)"), .number(curve.best.expectedNetRecovery, .yuan)),
    ]
    if let claimedPoint {
      summary += [
        (lang.label("场景中的请求金额（元）", "Claim in the scenario (yuan)"), .number(claimedPoint.claim, .yuan)),
        (lang.label("按场景请求金额的预期净回收（元）", "Expected net recovery as claimed (yuan)"), .number(claimedPoint.expectedNetRecovery, .yuan)),
      ]
    }
    summary += [
      (lang.label("模拟次数", "Runs"), .number(Double(runs), .integer)),
      (lang.label("随机种子", "Seed"), .number(Double(seed), .plain)),
    ]
    let styles: [Workbook.NumberStyle] = [.yuan, .yuanCents, .yuan, .yuanCents, .yuan]
    return Workbook(sheets: [
      measureSheet(summary, lang: lang),
      Workbook.Sheet(
        name: lang.label("曲线", "Curve"), header: columns.map { lang.label($0.zh, $0.en) },
        rows: curve.points.map { p in zip(values(p), styles).map { .number($0, $1) } }),
    ])
  }
}

extension FitReport {
  /// `fit --format xlsx`: what was fitted and the law to paste, then a row per law with its
  /// measures of fit and parameters (empty where a law has none).
  public static func workbook(_ results: [DistributionFit.Result], values: [Double], file: String,
                              column: String, fact: FactKey, lang: Language) -> Workbook {
    let best = recommended(results, for: fact)
    // a median and a scale are in the fact's unit: yuan for an amount, else a plain number
    let unit: Workbook.NumberStyle = ScenarioTerms.isMoney(path: "facts.\(fact.rawValue)") ? .yuan : .decimals(4)
    let summary: [(String, Workbook.Cell)] = [
      (lang.label("文件", "File"), .text(file)),
      (lang.label("列", "Column"), .text(column)),
      (lang.label("事实", "Fact"), .text(fact.rawValue)),
      (lang.label("数值个数", "Values"), .number(Double(values.count), .integer)),
      (lang.label("建议粘贴的分布", "Law to paste"), .text(best?.law.rawValue ?? lang.label("无", "none"))),
      (lang.label("场景行", "Scenario line"), best.map { .text(scenarioLine($0, fact: fact.rawValue)) } ?? .empty),
    ]
    let header = [
      lang.label("分布", "Law"), lang.label("对数似然", "Log-likelihood"), "AIC",
      lang.label("KS 距离", "KS distance"), lang.label("中位数", "Median"), "μ", "σ",
      lang.label("形状参数 k", "Shape k"), lang.label("尺度参数 θ", "Scale θ"),
      lang.label("样本值个数", "Values"), lang.label("场景行", "Scenario line"),
      lang.label("不接受的原因", "Refused"),
    ]
    let rows: [[Workbook.Cell]] = results.map { r in
      func number(_ x: Double?, _ style: Workbook.NumberStyle) -> Workbook.Cell {
        x.map { .number($0, style) } ?? .empty
      }
      var parameters: [Workbook.Cell] = Array(repeating: .empty, count: 6)
      switch r.distribution {
      case let .lognormal(mu, sigma):
        parameters[0...2] = [.number(exp(mu), unit), .number(mu, .decimals(4)), .number(sigma, .decimals(4))]
      case let .gamma(shape, scale):
        parameters[3...4] = [.number(shape, .decimals(4)), .number(scale, unit)]
      case let .empirical(values):
        parameters[5] = .number(Double(values.count), .integer)
      default: break
      }
      let refused = refusal(of: r, for: fact)
      return [.text(r.law.rawValue), number(r.logLikelihood, .decimals(2)), number(r.aic, .decimals(2)),
              .number(r.ksDistance, .decimals(4))] + parameters
        + [refused == nil ? .text(scenarioLine(r, fact: fact.rawValue)) : .empty, refused.map { .text($0) } ?? .empty]
    }
    return Workbook(sheets: [
      measureSheet(summary, lang: lang),
      Workbook.Sheet(name: lang.label("拟合", "Fits"), header: header, rows: rows),
    ])
  }
}

public import DamagesSimulation
import Foundation

/// `damages sensitivity --method sobol`: the Sobol indices, alone or after the tornado.
extension SensitivityReport {
  /// The Sobol indices as the report's JSON object.
  static func sobolJSON(_ analysis: SobolAnalysis, rows: [SobolRow], seed: UInt64) -> JSON {
    .object([
      ("samples", .number(Double(analysis.samples))),
      ("evaluations", .number(Double(analysis.evaluations))),
      ("seed", .number(Double(seed))), ("bootstrap", .number(Double(analysis.bootstrap))),
      ("confidence", .number(analysis.confidence)), ("mean", .number(analysis.mean)),
      ("variance", .number(analysis.variance)),
      (
        "inputs",
        .array(
          rows.map { r in
            .object([
              ("input", .string(r.path)), ("first", .number(r.index.first)),
              ("first_low", .number(r.index.firstInterval.lowerBound)),
              ("first_high", .number(r.index.firstInterval.upperBound)),
              ("total", .number(r.index.total)),
              ("total_low", .number(r.index.totalInterval.lowerBound)),
              ("total_high", .number(r.index.totalInterval.upperBound)),
            ])
          })
      ),
    ])
  }

  /// The rows of the long CSV (`scenario, method, input, statistic, value`), method `sobol`.
  static func sobolCSVRows(_ rows: [SobolRow], title: String) -> [[String]] {
    rows.flatMap { r in
      [
        ("first", r.index.first), ("first_low", r.index.firstInterval.lowerBound),
        ("first_high", r.index.firstInterval.upperBound), ("total", r.index.total),
        ("total_low", r.index.totalInterval.lowerBound),
        ("total_high", r.index.totalInterval.upperBound),
      ].map { [title, "sobol", r.path, $0.0, JSON.format($0.1)] }
    }
  }

  static var csvHeader: (Language) -> [String] {
    { lang in
      [
        lang.label("情景", "scenario"), lang.label("方法", "method"), lang.label("输入", "input"),
        lang.label("统计量", "statistic"), lang.label("数值", "value"),
      ]
    }
  }

  /// The Sobol table with its caption and a note on reading it.
  static func sobolTable(
    _ analysis: SobolAnalysis, rows: [SobolRow], title: String, seed: UInt64,
    markdown: Bool, lang: Language
  ) -> String {
    let level = String(format: "%.0f%%", analysis.confidence * 100)
    let header = [
      lang.label("输入", "Input"), lang.label("一阶指数 Sᵢ", "First order Sᵢ"),
      lang.label("\(level) 区间", "\(level) interval"), lang.label("总效应指数 Sᵀᵢ", "Total Sᵀᵢ"),
      lang.label("\(level) 区间", "\(level) interval"),
    ]
    func interval(_ r: ClosedRange<Double>) -> String {
      String(format: "%.3f to %.3f", r.lowerBound, r.upperBound)
    }
    // An index whose interval holds 0 cannot be told from 0: it reads ≈ 0 (its interval beside
    // it), not as a small negative share such as -0.002, which no share of a variance can be.
    func index(_ x: Double, _ r: ClosedRange<Double>) -> String {
      r.contains(0) ? "≈ 0" : String(format: "%.3f", x)
    }
    let body = rows.map { r in
      [
        r.path, index(r.index.first, r.index.firstInterval), interval(r.index.firstInterval),
        index(r.index.total, r.index.totalInterval), interval(r.index.totalInterval),
      ]
    }
    let caption = lang.label(
      "\(title)：Sobol 方差分解（基础样本 \(Amount.grouped(Double(analysis.samples))) 个，模型计算 \(Amount.grouped(Double(analysis.evaluations))) 次，随机种子 \(seed)，自助法 \(analysis.bootstrap) 次）",
      "\(title): Sobol indices (base sample \(Amount.grouped(Double(analysis.samples))), \(Amount.grouped(Double(analysis.evaluations))) evaluations, seed \(seed), \(analysis.bootstrap) bootstrap resamples)"
    )
    let note = lang.label(
      "Sᵢ：该输入单独解释的判赔方差份额（Saltelli 2010）；Sᵀᵢ：连同其交互作用的份额（Jansen）。区间包含 0 的指数记为 ≈ 0。各输入相互独立抽取（不考虑相关性）；每次计算抽取全部不确定输入，与模拟相同。",
      "Sᵢ: the share of the award's variance the input explains alone (Saltelli 2010); Sᵀᵢ: with its interactions (Jansen). An index whose interval holds 0 reads ≈ 0. Inputs are drawn independently (correlations are not honoured); every uncertain input is drawn in each evaluation, as in a simulation run."
    )
    if markdown {
      return TextTable.markdown(header: header, rows: body, caption: caption) + "\n" + note + "\n"
    }
    return caption + "\n\n" + TextTable.render(header: header, rows: body) + "\n" + note + "\n"
  }

  /// The Sobol indices alone.
  public static func render(
    sobol analysis: SobolAnalysis, rows: [SobolRow], title: String, seed: UInt64,
    format: OutputFormat, lang: Language
  ) -> String {
    switch format {
    case .json:
      return JSON.object([
        ("scenario", .string(title)), ("sobol", sobolJSON(analysis, rows: rows, seed: seed)),
      ]).rendered() + "\n"
    case .csv:
      return CSVTable.render(header: csvHeader(lang), rows: sobolCSVRows(rows, title: title))
    case .table, .markdown:
      return sobolTable(
        analysis, rows: rows, title: title, seed: seed, markdown: format == .markdown, lang: lang)
    }
  }
}

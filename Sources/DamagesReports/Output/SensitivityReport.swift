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

  /// The names of the methods and statistics a sensitivity CSV names by key, and the
  /// headers of the wide CSV and the workbook.
  static let names: [String: (zh: String, en: String)] = [
    "tornado": ("龙卷风图", "Tornado"), "spearman": ("秩相关", "Rank correlation"),
    "sobol": ("Sobol 指数", "Sobol indices"),
    "low": ("最低", "Low"), "high": ("最高", "High"), "swing": ("摆幅", "Swing"),
    "monotone": ("单调", "Monotone"), "rho": ("秩相关系数", "Spearman ρ"),
    "first": ("一阶指数", "First order Sᵢ"), "first_low": ("一阶指数下限", "Sᵢ low"),
    "first_high": ("一阶指数上限", "Sᵢ high"), "total": ("总效应指数", "Total Sᵀᵢ"),
    "total_low": ("总效应指数下限", "Sᵀᵢ low"), "total_high": ("总效应指数上限", "Sᵀᵢ high"),
  ]

  static func name(_ key: String, _ lang: Language) -> String {
    names[key].map { lang.label($0.zh, $0.en) } ?? key
  }

  /// The CSV from its long rows (`scenario, method, input, statistic, value`). Long, tidy for
  /// pandas and R; or wide, the brief's shape: one row per input, one column per statistic
  /// (the tornado's, ρ, the Sobol indices'), empty where a view does not cover the input.
  /// Under `--lang zh` the methods, inputs and statistics are named in Chinese.
  static func csv(_ long: [[String]], lang: Language, shape: TableShape) -> String {
    func input(_ path: String) -> String { lang == .zh ? InputLabel.label(path, lang: .zh) : path }
    func statistic(_ key: String) -> String { lang == .zh ? names[key]?.zh ?? key : key }
    guard shape == .wide else {
      let header = [
        lang.label("情景", "scenario"), lang.label("方法", "method"), lang.label("输入", "input"),
        lang.label("统计量", "statistic"), lang.label("数值", "value"),
      ]
      return CSVTable.render(
        header: header, rows: long.map { [$0[0], statistic($0[1]), input($0[2]), statistic($0[3]), $0[4]] })
    }
    var inputs: [String] = [], statistics: [String] = []
    var cells: [String: [String: String]] = [:]
    for row in long {
      if cells[row[2]] == nil { inputs.append(row[2]) }
      if !statistics.contains(row[3]) { statistics.append(row[3]) }
      cells[row[2], default: [:]][row[3]] = row[4]
    }
    let title = long.first?[0] ?? ""
    let header = [lang.label("情景", "scenario"), lang.label("输入", "input")]
      + statistics.map { CSVNames.header(key: $0, zh: names[$0]?.zh ?? $0, lang: lang) }
    let rows = inputs.map { i in [title, input(i)] + statistics.map { cells[i]?[$0] ?? "" } }
    return CSVTable.render(header: header, rows: rows)
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
    format: OutputFormat, lang: Language, shape: TableShape = .long
  ) -> String {
    switch format {
    case .json:
      return JSON.object([
        ("scenario", .string(title)), ("sobol", sobolJSON(analysis, rows: rows, seed: seed)),
      ]).rendered() + "\n"
    case .csv:
      return csv(sobolCSVRows(rows, title: title), lang: lang, shape: shape)
    case .table, .markdown:
      return sobolTable(
        analysis, rows: rows, title: title, seed: seed, markdown: format == .markdown, lang: lang)
    }
  }
}

public import DamagesLaw
public import DamagesSimulation
import DamagesScenario
import Foundation
import XLSX

/// `damages sweep` output: one row per grid point with the summary statistics of docs/simulation.md.
public enum SweepReport {
  /// A statistic reported per point: its key (the long CSV's `statistic`, the wide CSV's
  /// column), its names, its value, and how a workbook shows it (which also says whether the
  /// CSV prints it as an amount, a fee to the fen, or a fraction).
  struct Statistic {
    var key: String
    var zh: String
    var en: String
    var value: Double
    var style: Workbook.NumberStyle
  }

  /// The statistics reported per point, in order.
  static func statistics(_ r: RouteResult) -> [Statistic] {
    var list = zip(r.award.fields, Statistics.all).map { f, name in
      Statistic(key: "award_\(f.key)", zh: "判赔" + name.zh, en: "Award " + name.en, value: f.value,
                style: f.key == "p_positive" ? .percent : .yuan)
    }
    list += [
      Statistic(key: "p_liable", zh: "承担责任的概率", en: "P(liable)", value: r.pLiable, style: .percent),
      Statistic(key: "p_punitive", zh: "适用惩罚性赔偿的概率", en: "P(punitive)", value: r.pPunitive, style: .percent),
    ]
    list += SimulationReport.basisOrder(r.route).map {
      Statistic(key: "basis_\($0.rawValue)", zh: "依据：\($0.chinese)", en: "Basis: \($0.english)",
                value: r.basis[$0] ?? 0, style: .percent)
    }
    list += [
      Statistic(key: "net_recovery_mean", zh: "净回收均值", en: "Net recovery mean", value: r.netRecovery.mean, style: .yuan),
      Statistic(key: "net_recovery_p50", zh: "净回收中位数", en: "Net recovery P50", value: r.netRecovery.p50, style: .yuan),
    ]
    if r.fee != nil {
      list += [
        Statistic(key: "fee_share_mean", zh: "原告负担受理费均值", en: "Claimant's fee share, mean", value: r.feeShare.mean, style: .yuanCents),
        Statistic(key: "p_capped", zh: "请求金额封顶的概率", en: "P(the claim caps the award)", value: r.pCapped, style: .percent),
      ]
    }
    return list
  }

  /// A statistic's value as a CSV prints it: full precision, amounts to the yuan under
  /// `--round` (a fee to the fen), fractions always in full.
  static func csvValue(_ s: Statistic, round: Bool) -> String {
    switch s.style {
    case .percent: JSON.format(s.value)
    default: Amount.plain(s.value, round: round, cents: s.style == .yuanCents)
    }
  }

  public static func render(_ points: [SweepPoint], axes: [String], title: String, terms: CaseTerms,
                            runs: Int, seed: UInt64, format: OutputFormat, lang: Language,
                            round: Bool = false, shape: TableShape = .long) -> String {
    switch format {
    case .json:
      return JSON.object([
        ("scenario", .string(title)), ("runs", .number(Double(runs))), ("seed", .number(Double(seed))),
        ("axes", .array(axes.map { .string($0) })),
        ("points", .array(points.map { p in
          var pairs: [(String, JSON)] = [("at", .object(zip(axes, p.coordinates).map { ($0, .number($1)) }))]
          pairs += SimulationReport.routeJSON(p.result.primary, terms: terms)
          return .object(pairs)
        })),
      ]).rendered() + "\n"
    case .csv where shape == .wide:
      // the brief's shape: one row per point, one column per statistic
      guard let first = points.first else { return CSVTable.render(header: [], rows: []) }
      let header = [lang.label("情景", "scenario"), lang.label("点", "point")] + axes
        + statistics(first.result.primary).map { CSVNames.header(key: $0.key, zh: $0.zh, lang: lang) }
      let rows = points.enumerated().map { i, p in
        [title, String(i + 1)] + p.coordinates.map(JSON.format)
          + statistics(p.result.primary).map { csvValue($0, round: round) }
      }
      return CSVTable.render(header: header, rows: rows)
    case .csv:
      // long format: one row per point and statistic
      let header = [lang.label("情景", "scenario"), lang.label("点", "point")] + axes
        + [lang.label("统计量", "statistic"), lang.label("数值", "value")]
      var rows: [[String]] = []
      for (i, p) in points.enumerated() {
        for s in statistics(p.result.primary) {
          rows.append([title, String(i + 1)] + p.coordinates.map(JSON.format) + [
            lang == .zh ? s.zh : s.key, csvValue(s, round: round),
          ])
        }
      }
      return CSVTable.render(header: header, rows: rows)
    case .table, .markdown:
      let header = axes + [lang.label("均值", "Mean"), "P5", lang.label("中位数", "P50"), "P95",
                           lang.label("责任概率", "P(liable)"), lang.label("净回收均值", "Net mean")]
      let rows = points.map { p in
        let r = p.result.primary
        return zip(axes, p.coordinates).map { axisValue($1, of: $0) } + [
          Amount.grouped(r.award.mean), Amount.grouped(r.award.p5), Amount.grouped(r.award.p50),
          Amount.grouped(r.award.p95), Amount.percent(r.pLiable), Amount.grouped(r.netRecovery.mean),
        ]
      }
      let caption = lang.label(
        "\(title)：参数扫描，每点模拟 \(Amount.grouped(Double(runs))) 次，随机种子 \(seed)（共同随机数；金额单位：元）",
        "\(title): sweep, \(Amount.grouped(Double(runs))) runs per point, seed \(seed) (common random numbers; amounts in yuan)")
      return format == .markdown
        ? TextTable.markdown(header: header, rows: rows, caption: caption)
        : caption + "\n\n" + TextTable.render(header: header, rows: rows)
    }
  }

  /// A swept value as the table prints it: an amount (`facts.illegal_gains`, `case.claim`) in
  /// whole yuan with digit groups, like the amounts beside it; a probability, fraction or
  /// multiplier to at most four decimals. JSON and CSV keep the value's full precision.
  static func axisValue(_ x: Double, of path: String) -> String {
    ScenarioTerms.isMoney(path: path) ? Amount.grouped(x) : Narration.number(x)
  }

  /// One axis: lines of the mean, P5, P50 and P95 of the award. Two axes: a heat map of the
  /// mean award. Nil for more axes.
  public static func chart(_ points: [SweepPoint], axes: [String], logX: Bool, lang: Language) -> String? {
    let title = lang.label(
      "参数扫描：判赔总额随 \(axes.joined(separator: " 与 ")) 的变化",
      "Sweep: the award by \(axes.joined(separator: " and "))")
    let yLabel = lang.label("判赔总额（元）", "Award (yuan)")
    if axes.count == 1 {
      func series(_ name: String, _ f: (DistributionSummary) -> Double) -> (name: String, points: [(x: Double, y: Double)]) {
        (name, points.map { (x: $0.coordinates[0], y: f($0.result.primary.award)) })
      }
      return Chart.lines(
        series: [series(lang.label("均值", "mean"), \.mean), series("P5", \.p5),
                 series(lang.label("中位数 P50", "P50"), \.p50), series("P95", \.p95)],
        logX: logX, title: title, xLabel: axes[0], yLabel: yLabel)
    }
    if axes.count == 2 {
      let xs = Array(Set(points.map { $0.coordinates[1] })).sorted()
      let ys = Array(Set(points.map { $0.coordinates[0] })).sorted()
      var z = [[Double]](repeating: [Double](repeating: 0, count: xs.count), count: ys.count)
      for p in points {
        z[ys.firstIndex(of: p.coordinates[0])!][xs.firstIndex(of: p.coordinates[1])!] = p.result.primary.award.mean
      }
      return Chart.heatMap(xValues: xs, yValues: ys, z: z, title: title, xLabel: axes[1],
                           yLabel: axes[0], zLabel: lang.label("判赔均值（元）", "Mean award (yuan)"))
    }
    return nil
  }
}

/// `damages sensitivity` output: the tornado and the rank correlations.
public enum SensitivityReport {
  /// The runs at each point of the tornado (Sensitivity.tornado) when the rank correlations
  /// take `runs`.
  static func tornadoRuns(_ runs: Int) -> Int {
    Swift.max(2, Swift.min(runs, Sensitivity.tornadoRunsPerPoint))
  }

  public static func render(base: Double, tornado: [TornadoRow], correlations: [RankCorrelation],
                            title: String, runs: Int, seed: UInt64, format: OutputFormat,
                            lang: Language,
                            sobol: (analysis: SobolAnalysis, rows: [SobolRow])? = nil,
                            shape: TableShape = .long) -> String {
    let tornadoRuns = tornadoRuns(runs)
    switch format {
    case .json:
      return JSON.object([
        ("scenario", .string(title)), ("base_award", .number(base)),
        ("tornado_runs", .number(Double(tornadoRuns))),
        ("tornado", .array(tornado.map { r in
          .object([("input", .string(r.path)), ("low", .number(r.low)), ("high", .number(r.high)),
                   ("swing", .number(r.swing)), ("monotone", .bool(r.monotone)),
                   ("points", .array(r.points.map { .array([.number($0.input), .number($0.award)]) }))])
        })),
        ("rank_correlations", .object([
          ("runs", .number(Double(runs))), ("seed", .number(Double(seed))),
          ("inputs", .array(correlations.map { .object([("input", .string($0.path)), ("rho", .number($0.rho))]) })),
        ])),
      ] + (sobol.map { [("sobol", sobolJSON($0.analysis, rows: $0.rows, seed: seed))] } ?? [])).rendered() + "\n"
    case .csv:
      var rows: [[String]] = []
      for r in tornado {
        rows += [[title, "tornado", r.path, "low", JSON.format(r.low)],
                 [title, "tornado", r.path, "high", JSON.format(r.high)],
                 [title, "tornado", r.path, "swing", JSON.format(r.swing)],
                 [title, "tornado", r.path, "monotone", r.monotone ? "1" : "0"]]
      }
      for c in correlations { rows.append([title, "spearman", c.path, "rho", JSON.format(c.rho)]) }
      if let sobol { rows += sobolCSVRows(sobol.rows, title: title) }
      return csv(rows, lang: lang, shape: shape)
    case .table, .markdown:
      let h1 = [lang.label("输入（否→是；P10 至 P90）", "Input (false → true; P10 to P90)"), lang.label("最低", "Low"),
                lang.label("最高", "High"), lang.label("摆幅", "Swing"), lang.label("单调", "Monotone")]
      let r1 = tornado.map { r in
        [r.path, Amount.grouped(r.low), Amount.grouped(r.high), Amount.grouped(r.swing),
         r.monotone ? lang.label("是", "yes") : lang.label("否（有跳变）", "no (jumps)")]
      }
      let h2 = [lang.label("输入", "Input"), lang.label("与判赔的秩相关系数", "Spearman ρ with the award")]
      let r2 = correlations.map { [$0.path, String(format: "%+.3f", $0.rho)] }
      let c1 = lang.label(
        "\(title)：龙卷风图（固定一个输入于低端与高端，其他输入按模拟抽取时的期望判赔；每点模拟 \(Amount.grouped(Double(tornadoRuns))) 次，随机种子 \(seed)；期望判赔 \(Amount.grouped(base)) 元）",
        "\(title): tornado (the expected award with one input held at its low and its high end, the others drawn as the simulation draws them; \(Amount.grouped(Double(tornadoRuns))) runs per point, seed \(seed); expected award \(Amount.grouped(base)) yuan)")
      let c2 = lang.label("秩相关（模拟 \(Amount.grouped(Double(runs))) 次，随机种子 \(seed)）",
                          "Rank correlations (\(Amount.grouped(Double(runs))) runs, seed \(seed))")
      let third = sobol.map {
        "\n" + sobolTable($0.analysis, rows: $0.rows, title: title, seed: seed,
                          markdown: format == .markdown, lang: lang)
      } ?? ""
      if format == .markdown {
        return TextTable.markdown(header: h1, rows: r1, caption: c1) + "\n"
          + TextTable.markdown(header: h2, rows: r2, caption: c2) + third
      }
      return c1 + "\n\n" + TextTable.render(header: h1, rows: r1) + "\n" + c2 + "\n\n"
        + TextTable.render(header: h2, rows: r2) + third
    }
  }

  public static func chart(base: Double, tornado: [TornadoRow], lang: Language) -> String {
    Chart.tornado(
      rows: tornado.map { (label: InputLabel.label($0.path, lang: lang), low: $0.low, high: $0.high) }, base: base,
      title: lang.label("敏感性分析（龙卷风图）", "Sensitivity (tornado)"),
      xLabel: lang.label("判赔总额（元）", "Award (yuan)"))
  }
}

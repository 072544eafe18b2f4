import DamagesLaw
public import DamagesSimulation

/// `damages claim` output: the curve of expected net recovery against the amount claimed.
public enum ClaimReport {
  /// The curve's columns: the CSV's keys, and their names in tables and workbooks.
  static let columns: [(key: String, zh: String, en: String)] = [
    ("claim", "请求金额", "Claim"), ("fee", "受理费", "Fee"),
    ("expected_award", "预期判赔", "Expected award"),
    ("expected_fee_share", "预期负担受理费", "Expected fee share"),
    ("expected_net_recovery", "预期净回收", "Expected net recovery"),
  ]

  static func values(_ p: ClaimCurve.Point) -> [Double] {
    [p.claim, p.fee, p.expectedAward, p.expectedFeeShare, p.expectedNetRecovery]
  }

  public static func render(_ curve: ClaimCurve, title: String, runs: Int, seed: UInt64,
                            claimed: Double?, format: OutputFormat, lang: Language) -> String {
    let best = curve.best
    let claimedPoint = claimed.flatMap { c in curve.points.first { $0.claim == c } }
    switch format {
    case .json:
      func point(_ p: ClaimCurve.Point) -> JSON {
        .object([("claim", .number(p.claim)), ("fee", .number(p.fee)),
                 ("expected_award", .number(p.expectedAward)),
                 ("expected_fee_share", .number(p.expectedFeeShare)),
                 ("expected_net_recovery", .number(p.expectedNetRecovery))])
      }
      var pairs: [(String, JSON)] = [
        ("scenario", .string(title)), ("runs", .number(Double(runs))), ("seed", .number(Double(seed))),
        ("best", point(best)),
      ]
      if let claimedPoint { pairs.append(("as_claimed", point(claimedPoint))) }
      pairs.append(("curve", .array(curve.points.map(point))))
      return JSON.object(pairs).rendered() + "\n"
    case .csv:
      let header = columns.map { lang.label($0.zh, $0.key) }
      let rows = curve.points.map { values($0).map(JSON.format) }
      return CSVTable.render(header: header, rows: rows)
    case .table, .markdown:
      let header = columns.map { lang.label($0.zh, $0.en) }
      // a readable curve: about 25 rows, always including the best and the claimed amount
      let step = Swift.max(1, curve.points.count / 25)
      let shown = curve.points.enumerated().filter { i, p in
        i % step == 0 || p == best || p == claimedPoint
      }.map(\.element)
      let rows = shown.map { p in
        [Amount.grouped(p.claim) + (p == best ? " ◀" : "") + (p == claimedPoint ? " *" : ""),
         FeeFormat.twoDecimals(.init(p.fee)), Amount.grouped(p.expectedAward),
         FeeFormat.twoDecimals(.init(p.expectedFeeShare)), Amount.grouped(p.expectedNetRecovery)]
      }
      let caption = lang.label(
        "\(title)：\(Amount.grouped(Double(runs))) 次模拟，随机种子 \(seed)（金额单位：元）",
        "\(title): \(Amount.grouped(Double(runs))) runs, seed \(seed) (amounts in yuan)")
      var out = format == .markdown
        ? TextTable.markdown(header: header, rows: rows, caption: caption)
        : caption + "\n\n" + TextTable.render(header: header, rows: rows)
      out += "\n" + lang.label(
        "最优请求金额 ◀：\(Amount.grouped(best.claim)) 元，受理费 \(FeeFormat.twoDecimals(.init(best.fee))) 元，预期净回收 \(Amount.grouped(best.expectedNetRecovery)) 元。",
        "Best claim ◀: \(Amount.grouped(best.claim)) yuan, fee \(FeeFormat.twoDecimals(.init(best.fee))) yuan, expected net recovery \(Amount.grouped(best.expectedNetRecovery)) yuan.") + "\n"
      if let claimedPoint {
        out += lang.label(
          "按场景中的请求金额 * \(Amount.grouped(claimedPoint.claim)) 元：预期净回收 \(Amount.grouped(claimedPoint.expectedNetRecovery)) 元。",
          "As claimed in the scenario * (\(Amount.grouped(claimedPoint.claim)) yuan): expected net recovery \(Amount.grouped(claimedPoint.expectedNetRecovery)) yuan.") + "\n"
      }
      return out
    }
  }

  /// The curve as an SVG line chart.
  public static func chart(_ curve: ClaimCurve, lang: Language) -> String {
    Chart.lines(
      series: [(name: lang.label("预期净回收", "Expected net recovery"),
                points: curve.points.map { (x: $0.claim, y: $0.expectedNetRecovery) }),
               (name: lang.label("预期判赔", "Expected award"),
                points: curve.points.map { (x: $0.claim, y: $0.expectedAward) })],
      logX: true,
      title: lang.label("请求金额与预期净回收", "Amount claimed and expected net recovery"),
      xLabel: lang.label("请求金额（元）", "Amount claimed (yuan)"),
      yLabel: lang.label("金额（元）", "Amount (yuan)"))
  }
}

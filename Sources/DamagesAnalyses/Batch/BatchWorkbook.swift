public import DamagesReports
public import XLSX

extension BatchReport {
  /// `batch --format xlsx` (and `merge`): the per-claim table, the portfolio's totals and the
  /// rows that could not be computed, a sheet each (docs/batch.md; docs/outputs.md, Tables for
  /// briefs). The figures are the JSON's, unrounded: amounts in a yuan format, P(liable) and
  /// P(total > X) as percentages.
  public static func workbook(_ r: BatchResult, lang: Language) -> Workbook {
    let id = r.identity
    let keys = columns.filter { $0.key != "best_claim" || id.bestClaim }
    func format(_ key: String) -> Workbook.NumberStyle {
      switch key {
      case "p_liable": .percent
      case "fee", "fee_share_mean": .yuanCents
      default: .yuan
      }
    }
    let claims: [[Workbook.Cell]] = r.figures.map { f in
      [.text(f.id)] + zip(columns.map(\.key), values(f))
        .filter { k, _ in keys.contains { $0.key == k } }
        .map { k, v in v.map { .number($0, format(k)) } ?? .empty }
    }
    let summary = PortfolioSummary(r.totals, thresholds: id.thresholds)
    let totals: [(zh: String, en: String, stat: PortfolioSummary.Stat)] = [
      ("总判赔", "total award", summary.award),
      ("原告负担受理费合计", "total fees borne", summary.fees),
      ("总净回收", "total net recovery", summary.net),
    ]
    let names = ["mean": ("均值", "mean"), "sd": ("标准差", "sd"), "min": ("最小值", "min"),
                 "max": ("最大值", "max")]
    let portfolioHeader = [lang.label("合计", "total")]
      + statistics.map { s in names[s].map { lang.label($0.0, $0.1) } ?? s.uppercased() }
      + id.thresholds.map { "P(> \(Amount.grouped($0)))" }
    let portfolio: [[Workbook.Cell]] = totals.map { t in
      [.text(lang.label(t.zh, t.en))] + statValues(t.stat).map { .number($0, .yuan) }
        + t.stat.above.map { .number($0, .percent) }
    }
    var sheets = [
      Workbook.Sheet(
        name: lang.label("各案", "Claims"),
        header: [lang.label("编号", "id")] + keys.map { lang.label($0.zh, $0.en) }, rows: claims),
      Workbook.Sheet(name: lang.label("组合", "Portfolio"), header: portfolioHeader, rows: portfolio),
    ]
    if !r.errors.isEmpty {
      sheets.append(Workbook.Sheet(
        name: lang.label("出错的行", "Errors"),
        header: [lang.label("编号", "id"), lang.label("错误", "Error")],
        rows: r.errors.flatMap { e in e.messages.map { [.text(e.id), .text($0)] } }))
    }
    return Workbook(sheets: sheets)
  }
}

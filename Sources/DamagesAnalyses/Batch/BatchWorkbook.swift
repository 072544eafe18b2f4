public import DamagesReports
public import XLSX

extension BatchReport {
  /// `batch --format xlsx` (and `merge`): the per-claim table, the portfolio's totals and the
  /// rows that could not be computed, a sheet each (docs/batch.md; docs/outputs.md, Tables for
  /// briefs). The figures are the JSON's, unrounded: amounts in a yuan format, P(liable) and
  /// P(total > X) as percentages. The claims and errors are read back from the batch's
  /// temporary file as the workbook is written, a row at a time, and the workbook is written in
  /// constant memory (docs/batch.md, Memory and speed).
  public static func workbook(_ r: BatchResult, lang: Language) -> Workbook {
    let id = r.identity
    let keys = columns.filter { $0.key != "best_claim" || id.bestClaim }.map(\.key)
    @Sendable func format(_ key: String) -> Workbook.NumberStyle {
      switch key {
      case "p_liable": .percent
      case "fee", "fee_share_mean": .yuanCents
      default: .yuan
      }
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
    let claimHeader = columns.filter { keys.contains($0.key) }.map { lang.label($0.zh, $0.en) }
    var sheets = [
      Workbook.Sheet(name: lang.label("各案", "Claims"), header: [lang.label("编号", "id")] + claimHeader) { each in
        for f in r.figures {
          each([.text(f.id)] + zip(columns.map(\.key), values(f))
            .filter { k, _ in keys.contains(k) }
            .map { k, v in v.map { .number($0, format(k)) } ?? .empty })
        }
      },
      Workbook.Sheet(name: lang.label("组合", "Portfolio"), header: portfolioHeader, rows: portfolio),
    ]
    if !r.errors.isEmpty {
      sheets.append(Workbook.Sheet(
        name: lang.label("出错的行", "Errors"), header: [lang.label("编号", "id"), lang.label("错误", "Error")]
      ) { each in
        for e in r.errors { for m in e.messages { each([.text(e.id), .text(m)]) } }
      })
    }
    return Workbook(sheets: sheets, constantMemory: true)
  }
}

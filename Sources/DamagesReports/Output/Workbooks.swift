public import DamagesLaw
public import DamagesSimulation
public import XLSX

// The Excel workbooks of `--format xlsx` (docs/outputs.md, Tables for briefs): a sheet per
// table, in the shape a brief shows it (one row per item, one column per statistic), headers
// in the `--lang` language(s), amounts as numbers in a yuan format with digit grouping,
// probabilities as numbers in a percentage format. The figures are the JSON's, unrounded:
// Excel shows them rounded, and sums what they are.

/// Statistic names, as the sheets and the wide CSV show them.
enum Statistics {
  static let all: [(key: String, zh: String, en: String)] = [
    ("mean", "均值", "Mean"), ("sd", "标准差", "SD"), ("se_mean", "均值标准误", "SE of mean"),
    ("min", "最小值", "Min"), ("p5", "第5百分位", "P5"), ("p10", "第10百分位", "P10"),
    ("p25", "第25百分位", "P25"), ("p50", "中位数", "P50"), ("p75", "第75百分位", "P75"),
    ("p90", "第90百分位", "P90"), ("p95", "第95百分位", "P95"), ("p99", "第99百分位", "P99"),
    ("max", "最大值", "Max"), ("p_positive", "为正的概率", "P(> 0)"),
  ]

  static func header(_ lang: Language) -> [String] { all.map { lang.label($0.zh, $0.en) } }

  /// A summary's statistics as cells: amounts in yuan, the probability as a percentage.
  static func cells(_ s: DistributionSummary, cents: Bool = false) -> [Workbook.Cell] {
    s.fields.map { f in
      .number(f.value, f.key == "p_positive" ? .percent : (cents ? .yuanCents : .yuan))
    }
  }
}

extension SimulationReport {
  /// `simulate --format xlsx`: summary, percentiles, bases, defendants, fees.
  public static func workbook(_ result: SimulationResult, terms: CaseTerms, lang: Language) -> Workbook {
    let routes = [result.tort, result.contract].compactMap { $0 }
    let compare = routes.count > 1
    func routeName(_ r: RouteResult) -> String {
      r.route == .tort ? lang.label("侵权之诉", "Tort route") : lang.label("违约之诉", "Contract route")
    }
    let routeHeader = compare ? [lang.label("路径", "Route")] : []
    func routeCell(_ r: RouteResult) -> [Workbook.Cell] { compare ? [.text(routeName(r))] : [] }

    var summary: [[Workbook.Cell]] = []
    var percentiles: [[Workbook.Cell]] = []
    var bases: [[Workbook.Cell]] = []
    var defendants: [[Workbook.Cell]] = []
    var fees: [[Workbook.Cell]] = []
    for r in routes {
      let measures: [(String, Workbook.Cell)] = [
        (lang.label("承担责任的概率", "Probability of liability"), .number(r.pLiable, .percent)),
        (lang.label("判赔为正的概率", "Probability of a positive award"), .number(r.award.pPositive, .percent)),
        (lang.label("适用惩罚性赔偿的概率", "Probability of punitive damages"), .number(r.pPunitive, .percent)),
        (lang.label("判赔均值（元）", "Mean award (yuan)"), .number(r.award.mean, .yuan)),
        (lang.label("判赔中位数（元）", "Median award (yuan)"), .number(r.award.p50, .yuan)),
        (lang.label("均值的标准误（元）", "Standard error of the mean award (yuan)"), .number(r.award.seMean, .yuanCents)),
        (lang.label("净回收均值（元）", "Mean net recovery (yuan)"), .number(r.netRecovery.mean, .yuan)),
        (lang.label("模拟次数", "Runs"), .number(Double(result.runs), .integer)),
        (lang.label("随机种子", "Seed"), .number(Double(result.seed), .plain)),
      ]
      summary += measures.map { routeCell(r) + [.text($0.0), $0.1] }
      for row in rows(r, lang: lang) {
        percentiles.append(routeCell(r) + [.text(row.label)] + Statistics.cells(row.summary, cents: row.key == "fee_share"))
      }
      for b in basisOrder(r.route) {
        bases.append(routeCell(r) + [.text(lang.label(b.chinese, b.english)), .number(r.basis[b] ?? 0, .percent)])
      }
      for d in r.defendants {
        defendants.append(routeCell(r) + [.text(d.name), .text(lang.label("可被请求", "exposure"))] + Statistics.cells(d.exposure))
        defendants.append(routeCell(r) + [.text(d.name), .text(lang.label("最终承担", "share"))] + Statistics.cells(d.share))
      }
      if let fee = r.fee, let claim = terms.claim {
        fees.append(routeCell(r) + [.text(lang.label("诉讼请求金额", "Claim")), .number(claim.value, .yuanCents)])
        fees.append(routeCell(r) + [.text(lang.label("案件受理费", "Acceptance fee")), .number(fee, .yuanCents)])
        fees.append(routeCell(r) + [.text(lang.label("原告负担受理费均值", "Claimant's fee share, mean")), .number(r.feeShare.mean, .yuanCents)])
        fees.append(routeCell(r) + [.text(lang.label("请求金额封顶的概率", "Probability the claim caps the award")), .number(r.pCapped, .percent)])
      }
    }
    if let contract = result.contract, let tort = result.tort, let recommended = result.recommended {
      summary.append([.text(lang.label("比较", "Comparison")), .text(lang.label("违约减侵权：判赔均值（元）", "Contract minus tort: mean award (yuan)")), .number(contract.award.mean - tort.award.mean, .yuan)])
      summary.append([.text(lang.label("比较", "Comparison")), .text(lang.label("违约减侵权：净回收均值（元）", "Contract minus tort: mean net recovery (yuan)")), .number(contract.netRecovery.mean - tort.netRecovery.mean, .yuan)])
      summary.append([.text(lang.label("比较", "Comparison")), .text(lang.label("建议路径", "Recommended route")), .text(recommended == .tort ? lang.label("侵权之诉", "tort") : lang.label("违约之诉", "contract"))])
    }
    let item = lang.label("项目", "Item")
    var sheets = [
      Workbook.Sheet(name: lang.label("摘要", "Summary"), header: routeHeader + [lang.label("指标", "Measure"), lang.label("数值", "Value")], rows: summary),
      Workbook.Sheet(name: lang.label("百分位", "Percentiles"), header: routeHeader + [item] + Statistics.header(lang), rows: percentiles),
      Workbook.Sheet(name: lang.label("赔偿依据", "Bases"), header: routeHeader + [lang.label("依据", "Basis"), lang.label("占模拟比例", "Share of runs")], rows: bases),
      Workbook.Sheet(name: lang.label("被告", "Defendants"), header: routeHeader + [lang.label("被告", "Defendant"), item] + Statistics.header(lang), rows: defendants),
    ]
    if !fees.isEmpty {
      sheets.append(Workbook.Sheet(name: lang.label("诉讼费", "Fees"), header: routeHeader + [item, lang.label("数值", "Value")], rows: fees))
    }
    return Workbook(sheets: sheets)
  }
}

extension EstimateReport {
  /// `estimate --format xlsx`: summary, defendants, steps (and fees with a claim).
  public static func workbook(_ e: EstimateResult, terms: CaseTerms, lang: Language) -> Workbook {
    let routes = [e.tort, e.contract].compactMap { $0 }
    let compare = routes.count > 1
    let routeHeader = compare ? [lang.label("路径", "Route")] : []
    func routeCell(_ r: RouteEstimate) -> [Workbook.Cell] {
      compare ? [.text(r.outcome.route == .tort ? lang.label("侵权之诉", "Tort route") : lang.label("违约之诉", "Contract route"))] : []
    }
    var summary: [[Workbook.Cell]] = []
    var defendants: [[Workbook.Cell]] = []
    var steps: [[Workbook.Cell]] = []
    var fees: [[Workbook.Cell]] = []
    for r in routes {
      let o = r.outcome
      let liable = o.isLiable
      func amount(_ y: Yuan) -> Workbook.Cell { .number(liable ? y.value : 0, .yuan) }
      let rows: [(String, Workbook.Cell)] = [
        (lang.label("责任", "Liable"), .text(liable ? lang.label("是", "yes") : lang.label("否", "no"))),
        (lang.label("赔偿依据", "Basis"), .text(lang.label(o.basis.chinese, o.basis.english))),
        (lang.label("赔偿基数", "Base"), amount(o.base)),
        (lang.label("惩罚性赔偿倍数", "Multiplier"), .number(liable ? o.multiplier : 0, .plain)),
        (lang.label("惩罚性赔偿", "Punitive"), amount(o.punitive)),
        (lang.label("赔偿数额", "Compensation"), amount(o.compensation)),
        (lang.label("精神损害抚慰金", "Mental distress"), amount(o.mentalDistress)),
        (lang.label("合理开支", "Expenses"), amount(o.expenses)),
        (lang.label("判赔总额", "Award"), .number(o.award.value, .yuan)),
      ]
      summary += rows.map { routeCell(r) + [.text($0.0), $0.1] }
      for d in r.defendants {
        defendants.append(routeCell(r) + [.text(d.defendant.name), .number(d.exposure.value, .yuan), .number(d.share.value, .yuan)])
      }
      for s in r.steps {
        var row = routeCell(r) + [.text(s.rule), .text(s.source)]
        switch lang {
        case .zh: row.append(.text(s.chinese))
        case .en: row.append(.text(s.english))
        case .both: row += [.text(s.chinese), .text(s.english)]
        }
        row.append(s.amount.map { .number($0.value, .yuan) } ?? .empty)
        steps.append(row)
      }
      if let claim = terms.claim {
        fees += [
          (lang.label("诉讼请求金额", "Claim"), Workbook.Cell.number(claim.value, .yuanCents)),
          (lang.label("请求金额封顶", "Capped by the claim"), .text(o.capped ? lang.label("是", "yes") : lang.label("否", "no"))),
          (lang.label("案件受理费", "Acceptance fee"), .number(o.fee?.value ?? 0, .yuanCents)),
          (lang.label("原告负担受理费", "Claimant's fee share"), .number(o.feeShare.value, .yuanCents)),
          (lang.label("净回收", "Net recovery"), .number(o.netRecovery.value, .yuanCents)),
        ].map { routeCell(r) + [.text($0.0), $0.1] }
      }
    }
    let textHeader: [String]
    switch lang {
    case .zh: textHeader = ["说明"]
    case .en: textHeader = ["Explanation"]
    case .both: textHeader = ["说明", "Explanation"]
    }
    var sheets = [
      Workbook.Sheet(name: lang.label("摘要", "Summary"), header: routeHeader + [lang.label("项目", "Item"), lang.label("数值", "Value")], rows: summary),
      Workbook.Sheet(name: lang.label("被告", "Defendants"), header: routeHeader + [lang.label("被告", "Defendant"), lang.label("可被请求（元）", "Exposure (yuan)"), lang.label("最终承担（元）", "Share (yuan)")], rows: defendants),
    ]
    if !fees.isEmpty {
      sheets.append(Workbook.Sheet(name: lang.label("诉讼费", "Fees"), header: routeHeader + [lang.label("项目", "Item"), lang.label("数值", "Value")], rows: fees))
    }
    sheets.append(Workbook.Sheet(name: lang.label("计算步骤", "Steps"), header: routeHeader + [lang.label("规则", "Rule"), lang.label("法律依据", "Source")] + textHeader + [lang.label("金额（元）", "Amount (yuan)")], rows: steps))
    return Workbook(sheets: sheets)
  }
}

extension FeeReport {
  /// `fees --format xlsx`: one sheet, a row per bracket and the fee.
  public static func workbook(claim: Yuan, procedure: Procedure, lang: Language) -> Workbook {
    let parts = FilingFee.breakdown(claim: claim)
    let fee = FilingFee.fee(claim: claim, procedure: procedure)
    var rows: [[Workbook.Cell]] = parts.map { p in
      [.text(lang.label("区间", "bracket")), .number(p.bracket.lower, .yuan),
       p.bracket.upper.map { .number($0, .yuan) } ?? .empty,
       .number(p.bracket.rate, .percent), .number(p.amount.value, .yuanCents)]
    }
    rows.append([.text(lang.label(procedure == .summary ? "受理费（简易程序减半）" : "受理费", procedure == .summary ? "fee (halved, summary procedure)" : "fee")), .empty, .empty, .empty, .number(fee.value, .yuanCents)])
    return Workbook(sheets: [
      Workbook.Sheet(
        name: lang.label("诉讼费", "Fees"),
        header: [lang.label("项目", "Item"), lang.label("区间下限（元）", "From (yuan)"),
                 lang.label("区间上限（元）", "To (yuan)"), lang.label("费率", "Rate"),
                 lang.label("金额（元）", "Amount (yuan)")],
        rows: rows)
    ])
  }
}

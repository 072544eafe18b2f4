public import DamagesLaw
public import DamagesSimulation

/// `damages simulate` output in each format (docs/simulation.md; docs/outputs.md, JSON output).
public enum SimulationReport {
  public static func render(_ r: SimulationResult, terms: CaseTerms, format: OutputFormat,
                            lang: Language, round: Bool = false, shape: TableShape = .long) -> String {
    switch format {
    case .json: return json(r, terms: terms).rendered() + "\n"
    case .csv:
      return shape == .wide
        ? wideCSV(r, terms: terms, lang: lang, round: round)
        : csv(r, terms: terms, lang: lang, round: round)
    case .table: return table(r, terms: terms, lang: lang, markdown: false)
    case .markdown: return table(r, terms: terms, lang: lang, markdown: true)
    }
  }

  static func summaryJSON(_ s: DistributionSummary) -> JSON {
    .object(s.fields.map { ($0.key, .number($0.value)) })
  }

  static func basisOrder(_ route: Route) -> [Basis] {
    route == .contract
      ? [.actualLoss, .liquidatedDamages, .none]
      : [.actualLoss, .illegalGains, .licenseFee, .statutory, .none]
  }

  static func routeJSON(_ r: RouteResult, terms: CaseTerms) -> [(String, JSON)] {
    var fees: [(String, JSON)] = []
    if let claim = terms.claim, let fee = r.fee {
      fees = [("claim", .number(claim.value)), ("procedure", .string(terms.procedure.rawValue)),
              ("fee", .number(fee)), ("allocation", .string(terms.options.feeAllocation.rawValue)),
              ("claimant_share", summaryJSON(r.feeShare)), ("p_capped", .number(r.pCapped))]
    }
    return [
      ("route", .string(r.route.rawValue)),
      ("award", summaryJSON(r.award)),
      ("components", .object([
        ("compensation", summaryJSON(r.compensation)), ("punitive", summaryJSON(r.punitive)),
        ("mental_distress", summaryJSON(r.mentalDistress)), ("expenses", summaryJSON(r.expenses)),
      ])),
      ("basis", .object(basisOrder(r.route).map { ($0.rawValue, .number(r.basis[$0] ?? 0)) })),
      ("p_punitive", .number(r.pPunitive)),
      ("p_liable", .number(r.pLiable)),
      ("defendants", .array(r.defendants.map { d in
        .object([("name", .string(d.name)), ("form", .string(d.form.rawValue)),
                 ("exposure", summaryJSON(d.exposure)), ("share", summaryJSON(d.share))])
      })),
      ("fees", .object(fees)),
      ("net_recovery", summaryJSON(r.netRecovery)),
    ]
  }

  public static func json(_ r: SimulationResult, terms: CaseTerms) -> JSON {
    var pairs: [(String, JSON)] = [
      ("scenario", .string(r.title)), ("runs", .number(Double(r.runs))),
      ("seed", .number(Double(r.seed))),
    ]
    pairs += routeJSON(r.primary, terms: terms)
    if let contract = r.contract, r.tort != nil {
      pairs.append(("contract", .object(routeJSON(contract, terms: terms))))
      pairs.append(("difference", .object([
        ("award_mean", .number(contract.award.mean - r.tort!.award.mean)),
        ("net_recovery_mean", .number(contract.netRecovery.mean - r.tort!.netRecovery.mean)),
      ])))
      pairs.append(("recommended", .string(r.recommended!.rawValue)))
    }
    return .object(pairs)
  }

  /// The rows of the summary: one per quantity.
  static func rows(_ r: RouteResult, lang: Language) -> [(label: String, key: String, summary: DistributionSummary)] {
    var rows: [(String, String, DistributionSummary)] = [
      (lang.label("判赔总额", "Award"), "award", r.award),
      (lang.label("赔偿数额", "Compensation"), "compensation", r.compensation),
      (lang.label("惩罚性赔偿", "Punitive"), "punitive", r.punitive),
      (lang.label("精神损害抚慰金", "Mental distress"), "mental_distress", r.mentalDistress),
      (lang.label("合理开支", "Expenses"), "expenses", r.expenses),
    ]
    if r.fee != nil { rows.append((lang.label("原告负担受理费", "Claimant's fee share"), "fee_share", r.feeShare)) }
    rows.append((lang.label("净回收", "Net recovery"), "net_recovery", r.netRecovery))
    if r.defendants.count > 1 || r.defendants.first?.form != .sole {
      for d in r.defendants {
        rows.append(("\(d.name) " + lang.label("可被请求", "exposure"), "exposure:\(d.name)", d.exposure))
        rows.append(("\(d.name) " + lang.label("最终承担", "share"), "share:\(d.name)", d.share))
      }
    }
    return rows
  }

  static let columns: [(zh: String, en: String, key: String)] = [
    ("均值", "Mean", "mean"), ("标准差", "SD", "sd"), ("P5", "P5", "p5"), ("P25", "P25", "p25"),
    ("中位数", "P50", "p50"), ("P75", "P75", "p75"), ("P95", "P95", "p95"), ("P99", "P99", "p99"),
    ("最大值", "Max", "max"),
  ]

  static func table(_ result: SimulationResult, terms: CaseTerms, lang: Language, markdown: Bool) -> String {
    var out = ""
    let caption = lang.label(
      "\(result.title)：模拟 \(Amount.grouped(Double(result.runs))) 次，随机种子 \(result.seed)（金额单位：元）",
      "\(result.title): \(Amount.grouped(Double(result.runs))) runs, seed \(result.seed) (amounts in yuan)")
    out += markdown ? "" : caption + "\n\n"
    for r in [result.tort, result.contract].compactMap({ $0 }) {
      if result.tort != nil && result.contract != nil {
        let name = r.route == .tort ? lang.label("侵权之诉", "Tort route") : lang.label("违约之诉", "Contract route")
        out += markdown ? "### \(name)\n\n" : name + "\n"
      }
      let header = [lang.label("项目", "Item")] + columns.map { lang.label($0.zh, $0.en) }
      let body = rows(r, lang: lang).map { row in
        [row.label] + columns.map { c in
          let value = row.summary.fields.first { $0.key == c.key }!.value
          // fees to the fen (R10), other amounts to the yuan
          return row.key == "fee_share" ? FeeFormat.twoDecimals(Yuan(value)) : Amount.grouped(value)
        }
      }
      out += markdown
        ? TextTable.markdown(header: header, rows: body, caption: caption)
        : TextTable.render(header: header, rows: body)
      var facts: [[String]] = [
        [lang.label("承担责任的概率", "Probability of liability"), Amount.percent(r.pLiable)],
        [lang.label("判赔为正的概率", "Probability of a positive award"), Amount.percent(r.award.pPositive)],
        [lang.label("适用惩罚性赔偿的概率", "Probability of punitive damages"), Amount.percent(r.pPunitive)],
      ]
      for b in basisOrder(r.route) {
        facts.append([lang.label("依据：\(b.chinese)", "Basis: \(b.english)"), Amount.percent(r.basis[b] ?? 0)])
      }
      if let fee = r.fee {
        facts.append([lang.label("案件受理费（元）", "Acceptance fee (yuan)"), FeeFormat.twoDecimals(Yuan(fee))])
        facts.append([lang.label("请求金额封顶的概率", "Probability the claim caps the award"), Amount.percent(r.pCapped)])
      }
      facts.append([lang.label("均值的标准误（元）", "Standard error of the mean award (yuan)"),
                    FeeFormat.twoDecimals(Yuan(r.award.seMean))])
      let h2 = [lang.label("指标", "Measure"), lang.label("数值", "Value")]
      out += "\n" + (markdown ? TextTable.markdown(header: h2, rows: facts) : TextTable.render(header: h2, rows: facts)) + "\n"
    }
    if let contract = result.contract, let tort = result.tort {
      out += lang.label(
        "违约之诉减侵权之诉：判赔均值 \(Amount.grouped(contract.award.mean - tort.award.mean)) 元，净回收均值 \(Amount.grouped(contract.netRecovery.mean - tort.netRecovery.mean)) 元。",
        "Contract minus tort: mean award \(Amount.grouped(contract.award.mean - tort.award.mean)) yuan, mean net recovery \(Amount.grouped(contract.netRecovery.mean - tort.netRecovery.mean)) yuan.") + "\n"
    }
    if let recommended = result.recommended {
      out += lang.label(
        "建议：\(recommended == .tort ? "侵权之诉" : "违约之诉")（预期净回收较高）。",
        "Recommended: the \(recommended.rawValue) route (higher expected net recovery).") + "\n"
    }
    return out
  }

  /// Long format: one row per route, quantity and statistic — tidy for pandas, R and Excel.
  static func csv(_ result: SimulationResult, terms: CaseTerms, lang: Language, round: Bool) -> String {
    let header = [lang.label("情景", "scenario"), lang.label("路径", "route"),
                  lang.label("项目", "quantity"), lang.label("统计量", "statistic"),
                  lang.label("数值", "value")]
    var lines: [[String]] = []
    for r in [result.tort, result.contract].compactMap({ $0 }) {
      for row in rows(r, lang: .en) {
        for (key, value) in row.summary.fields {
          let isFraction = key == "p_positive"
          lines.append([result.title, r.route.rawValue, row.key, key,
                       isFraction ? JSON.format(value) : Amount.plain(value, round: round, cents: row.key == "fee_share")])
        }
      }
      lines.append([result.title, r.route.rawValue, "liability", "p_liable", JSON.format(r.pLiable)])
      lines.append([result.title, r.route.rawValue, "punitive", "p_punitive", JSON.format(r.pPunitive)])
      for b in basisOrder(r.route) {
        lines.append([result.title, r.route.rawValue, "basis", b.rawValue, JSON.format(r.basis[b] ?? 0)])
      }
      // what the JSON's fees object holds
      if let fee = r.fee, let claim = terms.claim {
        lines.append([result.title, r.route.rawValue, "claim", "value", Amount.plain(claim.value, round: round, cents: true)])
        lines.append([result.title, r.route.rawValue, "fee", "value", Amount.plain(fee, round: round, cents: true)])
        lines.append([result.title, r.route.rawValue, "claim", "p_capped", JSON.format(r.pCapped)])
      }
    }
    if let contract = result.contract, let tort = result.tort {
      // docs/legal-model.md, Contract route: the difference (contract − tort) and the better route
      lines.append([result.title, "compare", "award", "mean_difference",
                    Amount.plain(contract.award.mean - tort.award.mean, round: round)])
      lines.append([result.title, "compare", "net_recovery", "mean_difference",
                    Amount.plain(contract.netRecovery.mean - tort.netRecovery.mean, round: round)])
      // the value column stays numeric: the recommended route is the statistic, marked 1
      lines.append([result.title, "compare", "recommended", result.recommended!.rawValue, "1"])
    }
    if lang == .zh { lines = lines.map { [$0[0], CSVNames.zh($0[1]), CSVNames.zh($0[2]), CSVNames.zh($0[3]), $0[4]] } }
    return CSVTable.render(header: header, rows: lines)
  }

  /// Wide format, the brief's shape: one row per route and item, one column per statistic.
  /// A probability (of liability, of punitive damages, of each basis) is the mean of an
  /// indicator, so it sits in the mean column.
  static func wideCSV(_ result: SimulationResult, terms: CaseTerms, lang: Language, round: Bool) -> String {
    let header = [lang.label("情景", "scenario"), lang.label("路径", "route"), lang.label("项目", "quantity")]
      + Statistics.all.map { CSVNames.header(key: $0.key, zh: $0.zh, lang: lang) }
    var lines: [[String]] = []
    let blanks = Array(repeating: "", count: Statistics.all.count - 1)
    for r in [result.tort, result.contract].compactMap({ $0 }) {
      for row in rows(r, lang: .en) {
        lines.append([result.title, r.route.rawValue, row.key] + row.summary.fields.map { key, value in
          key == "p_positive" ? JSON.format(value) : Amount.plain(value, round: round, cents: row.key == "fee_share")
        })
      }
      lines.append([result.title, r.route.rawValue, "p_liable", JSON.format(r.pLiable)] + blanks)
      lines.append([result.title, r.route.rawValue, "p_punitive", JSON.format(r.pPunitive)] + blanks)
      for b in basisOrder(r.route) {
        lines.append([result.title, r.route.rawValue, "basis:\(b.rawValue)", JSON.format(r.basis[b] ?? 0)] + blanks)
      }
    }
    if lang == .zh { lines = lines.map { [$0[0], CSVNames.zh($0[1]), CSVNames.zh($0[2])] + $0[3...] } }
    return CSVTable.render(header: header, rows: lines)
  }
}

/// The Chinese names of the items and statistics a CSV names by key, for `--lang zh`.
enum CSVNames {
  static let names: [String: String] = {
    var names: [String: String] = [
      "award": "判赔总额", "compensation": "赔偿数额", "punitive": "惩罚性赔偿",
      "mental_distress": "精神损害抚慰金", "expenses": "合理开支", "fee_share": "原告负担受理费",
      "net_recovery": "净回收", "liability": "责任", "basis": "赔偿依据", "claim": "诉讼请求",
      "fee": "案件受理费", "compare": "比较", "recommended": "建议路径", "value": "数值",
      "p_liable": "承担责任的概率", "p_punitive": "适用惩罚性赔偿的概率", "p_capped": "请求金额封顶的概率",
      "mean_difference": "均值之差（违约减侵权）", "tort": "侵权之诉", "contract": "违约之诉",
    ]
    for s in Statistics.all { names[s.key] = s.zh }
    for b in [Basis.actualLoss, .illegalGains, .licenseFee, .statutory, .liquidatedDamages, .none] {
      names[b.rawValue] = b.chinese
      names["basis:\(b.rawValue)"] = "赔偿依据：\(b.chinese)"
    }
    return names
  }()

  /// A wide CSV's column for a statistic: its key for pandas and R (`en`), its Chinese name
  /// (`zh`), or both (`均值 mean`).
  static func header(key: String, zh: String, lang: Language) -> String {
    switch lang {
    case .en: key
    case .zh: zh
    case .both: "\(zh) \(key)"
    }
  }

  static func zh(_ key: String) -> String {
    if let name = names[key] { return name }
    if key.hasPrefix("exposure:") { return "\(key.dropFirst(9)) 可被请求" }
    if key.hasPrefix("share:") { return "\(key.dropFirst(6)) 最终承担" }
    return key
  }
}

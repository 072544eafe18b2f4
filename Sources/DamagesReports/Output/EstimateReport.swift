public import DamagesLaw
public import DamagesSimulation

/// `damages estimate` output in each format.
public enum EstimateReport {
  public static func render(_ e: EstimateResult, terms: CaseTerms, format: OutputFormat,
                            lang: Language) -> String {
    switch format {
    case .json: return json(e, terms: terms, lang: lang).rendered() + "\n"
    case .table: return table(e, terms: terms, lang: lang, markdown: false)
    case .markdown: return table(e, terms: terms, lang: lang, markdown: true)
    case .csv: return csv(e, lang: lang)
    }
  }

  static func routeJSON(_ r: RouteEstimate, terms: CaseTerms, lang: Language) -> [(String, JSON)] {
    let o = r.outcome
    let liable = o.isLiable
    func amount(_ y: Yuan) -> JSON { .number(liable ? y.value : 0) }
    var pairs: [(String, JSON)] = [
      ("route", .string(o.route.rawValue)),
      ("liable", .bool(liable)),
      ("p_liable", .number(r.pLiable)),
      ("basis", .string(o.basis.rawValue)),
      ("base", amount(o.base)),
      ("punitive", amount(o.punitive)),
      ("multiplier", .number(liable ? o.multiplier : 0)),
      ("compensation", amount(o.compensation)),
      ("mental_distress", amount(o.mentalDistress)),
      ("expenses", amount(o.expenses)),
      ("award", .number(o.award.value)),
      ("defendants", .array(r.defendants.map { d in
        .object([("name", .string(d.defendant.name)), ("exposure", .number(d.exposure.value)),
                 ("share", .number(d.share.value))])
      })),
      ("remedies", .array(r.remedies.map { .string($0.rawValue) })),
      ("steps", .array(r.steps.map { s in
        var step: [(String, JSON)] = [
          ("rule", .string(s.rule)), ("source", .string(s.source)),
          ("text", .string(lang == .en ? s.english : s.chinese)),
        ]
        if lang == .both { step.append(("text_en", .string(s.english))) }
        step.append(("amount", s.amount.map { .number($0.value) } ?? .null))
        return .object(step)
      })),
    ]
    if r.readingMisleads {
      pairs.append(("warning", .string(warning(r, lang: lang))))
    }
    if let claim = terms.claim {
      pairs += [
        ("claim", .number(claim.value)), ("capped", .bool(o.capped)),
        ("fee", .number(o.fee?.value ?? 0)), ("fee_share", .number(o.feeShare.value)),
        ("net_recovery", .number(o.netRecovery.value)),
      ]
    }
    return pairs
  }

  /// A probability as a percentage to at most two decimals: 0.1296 is `12.96%`.
  static func percent(_ p: Double) -> String {
    Narration.number((p * 10_000).rounded(.toNearestOrAwayFromZero) / 100) + "%"
  }

  /// The warning when the reading of each fact at its most likely value and the probability of
  /// liability disagree (``RouteEstimate/readingMisleads``).
  static func warning(_ r: RouteEstimate, lang: Language) -> String {
    let p = percent(r.pLiable)
    let zh = r.outcome.isLiable
      ? "注意：责任成立的概率仅为 \(p)。本估算将每项事实取其最可能的情形，由此得出“承担责任”，但这并非最可能的结果；请运行 damages simulate 查看结果的分布。"
      : "注意：责任成立的概率为 \(p)。本估算将每项事实取其最可能的情形，由此得出“不承担责任”，但这并非最可能的结果；请运行 damages simulate 查看结果的分布。"
    let en = r.outcome.isLiable
      ? "Warning: liability holds with probability \(p) only. This estimate takes each fact at its most likely reading, which gives `liable`, but that is not the most likely outcome; run `damages simulate` for the distribution of outcomes."
      : "Warning: liability holds with probability \(p). This estimate takes each fact at its most likely reading, which gives `not liable`, but that is not the most likely outcome; run `damages simulate` for the distribution of outcomes."
    switch lang {
    case .zh: return zh
    case .en: return en
    case .both: return zh + " " + en
    }
  }

  public static func json(_ e: EstimateResult, terms: CaseTerms, lang: Language) -> JSON {
    var pairs: [(String, JSON)] = [("scenario", .string(e.title))]
    pairs += routeJSON(e.primary, terms: terms, lang: lang)
    if let contract = e.contract, let tort = e.tort {
      pairs.append(("contract", .object(routeJSON(contract, terms: terms, lang: lang))))
      // docs/legal-model.md, Contract route: the difference (contract − tort) and the better route, as `simulate` gives them
      pairs.append(("difference", .object([
        ("award", .number(contract.outcome.award.value - tort.outcome.award.value)),
        ("net_recovery", .number(contract.outcome.netRecovery.value - tort.outcome.netRecovery.value)),
      ])))
      pairs.append(("recommended", .string(e.recommended!.rawValue)))
    }
    return .object(pairs)
  }

  static func amountRows(_ r: RouteEstimate, terms: CaseTerms, lang: Language) -> [[String]] {
    let o = r.outcome
    var rows: [[String]] = [
      [lang.label("责任", "Liable"), o.isLiable ? lang.label("是", "yes") : lang.label("否", "no")],
      [lang.label("责任成立概率", "Probability of liability"), percent(r.pLiable)],
      [lang.label("赔偿依据", "Basis"), lang.label(o.basis.chinese, o.basis.english)],
      [lang.label("赔偿基数", "Base"), Amount.grouped(o.base.value)],
      [lang.label("惩罚性赔偿", "Punitive"), Amount.grouped(o.punitive.value)
        + (o.multiplier > 0 ? " (×\(Narration.number(o.multiplier)))" : "")],
      [lang.label("赔偿数额", "Compensation"), Amount.grouped(o.compensation.value)],
      [lang.label("精神损害抚慰金", "Mental distress"), Amount.grouped(o.mentalDistress.value)],
      [lang.label("合理开支", "Expenses"), Amount.grouped(o.expenses.value)],
      [lang.label("判赔总额", "Award"), Amount.grouped(o.award.value)],
    ]
    if let claim = terms.claim {
      rows += [
        [lang.label("诉讼请求", "Claim"), Amount.grouped(claim.value) + (o.capped ? lang.label("（封顶）", " (cap bound)") : "")],
        [lang.label("案件受理费", "Acceptance fee"), FeeFormat.twoDecimals(o.fee ?? .zero)],
        [lang.label("原告负担受理费", "Claimant's fee share"), FeeFormat.twoDecimals(o.feeShare)],
        [lang.label("净回收", "Net recovery"), Amount.grouped(o.netRecovery.value)],
      ]
    }
    return rows
  }

  static func table(_ e: EstimateResult, terms: CaseTerms, lang: Language, markdown: Bool) -> String {
    var out = markdown ? "## \(e.title)\n\n" : "\(e.title)\n\n"
    for r in [e.tort, e.contract].compactMap({ $0 }) {
      if e.tort != nil && e.contract != nil {
        let name = r.outcome.route == .tort ? lang.label("侵权之诉", "Tort route") : lang.label("违约之诉", "Contract route")
        out += markdown ? "### \(name)\n\n" : "\(name)\n\n"
      }
      let header = [lang.label("项目", "Item"), lang.label("金额（元）", "Amount (yuan)")]
      let rows = amountRows(r, terms: terms, lang: lang)
      out += markdown ? TextTable.markdown(header: header, rows: rows) : TextTable.render(header: header, rows: rows)
      if r.readingMisleads {
        out += "\n" + (markdown ? "> **\(warning(r, lang: lang))**\n" : warning(r, lang: lang) + "\n")
      }
      out += "\n" + (markdown ? "**\(lang.label("计算步骤", "Steps"))**\n\n" : lang.label("计算步骤", "Steps") + "\n")
      for (i, s) in r.steps.enumerated() {
        let amount = s.amount.map { "  [\(s.isFee ? FeeFormat.twoDecimals($0) : Amount.grouped($0.value))]" } ?? ""
        let text: String
        switch lang {
        case .zh: text = s.chinese
        case .en: text = s.english
        case .both: text = s.chinese + (markdown ? "<br>" : "\n     ") + s.english
        }
        if markdown {
          out += "\(i + 1). **\(s.rule)** \(text)\(amount) — *\(s.source)*\n"
        } else {
          out += String(format: "%2d. ", i + 1) + "[\(s.rule)] \(text)\(amount)\n     — \(s.source)\n"
        }
      }
      out += "\n"
    }
    if let contract = e.contract, let tort = e.tort {
      out += lang.label(
        "违约之诉减侵权之诉：判赔额 \(Amount.grouped(contract.outcome.award.value - tort.outcome.award.value)) 元，净回收 \(Amount.grouped(contract.outcome.netRecovery.value - tort.outcome.netRecovery.value)) 元。",
        "Contract minus tort: award \(Amount.grouped(contract.outcome.award.value - tort.outcome.award.value)) yuan, net recovery \(Amount.grouped(contract.outcome.netRecovery.value - tort.outcome.netRecovery.value)) yuan.") + "\n"
    }
    if let recommended = e.recommended {
      out += lang.label(
        "建议：\(recommended == .tort ? "侵权之诉" : "违约之诉")（净回收较高）。",
        "Recommended: the \(recommended.rawValue) route (higher net recovery).") + "\n"
    }
    return out
  }

  static func csv(_ e: EstimateResult, lang: Language) -> String {
    let header = [lang.label("路径", "route"), lang.label("步骤", "step"), lang.label("规则", "rule"),
                  lang.label("法律依据", "source"), lang.label("说明", "text"),
                  lang.label("金额（元）", "amount_yuan")]
    var rows: [[String]] = []
    for r in [e.tort, e.contract].compactMap({ $0 }) {
      // R7: the exact probability of liability, and the warning when the reading misleads
      rows.append([r.outcome.route.rawValue, "", "R7.2", "p_liable",
                   lang.label("责任成立概率", "probability that liability holds") + " " + percent(r.pLiable),
                   JSON.format(r.pLiable)])
      if r.readingMisleads {
        rows.append([r.outcome.route.rawValue, "", "warning", "", warning(r, lang: lang), ""])
      }
      for (i, s) in r.steps.enumerated() {
        rows.append([r.outcome.route.rawValue, String(i + 1), s.rule, s.source,
                     lang == .en ? s.english : (lang == .zh ? s.chinese : s.chinese + " / " + s.english),
                     s.amount.map { JSON.format($0.value) } ?? ""])
      }
    }
    return CSVTable.render(header: header, rows: rows)
  }
}

/// `damages fees` output (R10).
public enum FeeReport {
  public static func render(claim: Yuan, procedure: Procedure, format: OutputFormat, lang: Language) -> String {
    let parts = FilingFee.breakdown(claim: claim)
    let fee = FilingFee.fee(claim: claim, procedure: procedure)
    switch format {
    case .json:
      return JSON.object([
        ("claim", .number(claim.value)), ("procedure", .string(procedure.rawValue)),
        ("fee", .number(fee.value)),
        ("brackets", .array(parts.map { p in
          .object([("from", .number(p.bracket.lower)),
                   ("to", p.bracket.upper.map { .number($0) } ?? .null),
                   ("rate", .number(p.bracket.rate)), ("amount", .number(p.amount.value))])
        })),
      ]).rendered() + "\n"
    case .csv:
      // The fields of the JSON, one kind of value per column: a row per bracket (`from`, `to`
      // (empty for the open top bracket), `rate` (0 for the flat first bracket) and `amount`,
      // before any halving), then the `fee` row with the fee and the procedure it is for.
      let header = [lang.label("项目", "item"), lang.label("区间下限（元）", "from"),
                    lang.label("区间上限（元）", "to"), lang.label("费率", "rate"),
                    lang.label("金额（元）", "amount"), lang.label("程序", "procedure")]
      var rows = parts.map { p in
        ["bracket", JSON.format(p.bracket.lower), p.bracket.upper.map(JSON.format) ?? "",
         JSON.format(p.bracket.rate), JSON.format(p.amount.value), ""]
      }
      rows.append(["fee", "", "", "", JSON.format(fee.value), procedure.rawValue])
      return CSVTable.render(header: header, rows: rows)
    case .table, .markdown:
      let header = [lang.label("区间（元）", "Bracket (yuan)"), lang.label("费率", "Rate"),
                    lang.label("金额（元）", "Amount (yuan)")]
      var rows = parts.map { p in
        [Amount.grouped(p.bracket.lower) + " – " + (p.bracket.upper.map(Amount.grouped) ?? "∞"),
         p.bracket.lower == 0 ? lang.label("定额50元", "flat 50") : Amount.percent(p.bracket.rate).replacingOccurrences(of: ".0%", with: "%"),
         FeeFormat.twoDecimals(p.amount)]
      }
      rows.append([lang.label("受理费合计", "Acceptance fee") + (procedure == .summary ? lang.label("（简易程序减半）", " (halved, summary procedure)") : ""), "", FeeFormat.twoDecimals(fee)])
      let caption = lang.label("诉讼请求 \(Amount.grouped(claim.value)) 元 — 《诉讼费用交纳办法》第十三条", "Claim \(Amount.grouped(claim.value)) yuan — Measures on Litigation Costs Art. 13(1)")
      return format == .markdown
        ? TextTable.markdown(header: header, rows: rows, caption: caption)
        : caption + "\n\n" + TextTable.render(header: header, rows: rows)
    }
  }
}

/// The explanation trail of an outcome: each decision the rules made, in order, with its rule
/// ID, legal source, text in Chinese and English, and amount. It narrates the decisions recorded
/// in an ``Outcome``; it decides nothing itself.
public enum Narration {
  public static func steps(for o: Outcome, facts: Facts, terms: CaseTerms) -> [Step] {
    var steps: [Step] = []
    func add(_ rule: String, _ source: String, _ zh: String, _ en: String, _ amount: Yuan? = nil) {
      steps.append(Step(rule: rule, source: source, chinese: zh, english: en, amount: amount))
    }
    let contract = o.route == .contract
    // R9 / R7.1: the route and the fault principle.
    if contract {
      add("R9", LegalSource.civilCode186 + "; " + LegalSource.civilCode577,
          "违约之诉：违约责任为严格责任，不以过错为要件；除用户同意外，侵权抗辩不适用。",
          "Contract route: liability for breach is strict; fault and the tort defences other than consent do not apply.")
    } else if terms.options.faultPrinciple == .presumed {
      add("R7.1", LegalSource.presumedFaultProposal,
          "适用过错推定（学术建议，非现行法规定）：推定被告有过错，被告可举证推翻。",
          "Presumed fault applied (a proposal of the literature, not statute): fault is presumed from the breach and the defendant may rebut it.")
    } else {
      add("R7.1", LegalSource.civilCode1165Para1,
          "适用过错责任原则：由原告证明被告有过错。",
          "Fault liability applies: the claimant must prove the defendant's fault.")
    }
    // R7.2: the elements.
    if case let .elementMissing(element) = o.liability {
      add("R7.2", element == .work ? LegalSource.copyrightArt3 : LegalSource.civilCode1165Para1,
          "侵权责任构成要件不具备：\(element.chinese)不成立，被告不承担赔偿责任。",
          "An element of liability fails: \(element.rawValue) is not established; no liability.",
          .zero)
      return steps
    }
    add("R7.2", LegalSource.copyrightArt3 + "; " + LegalSource.civilCode1165Para1,
        contract ? "构成作品、违约行为、因果关系均成立。" : "构成作品、侵权行为、因果关系、过错四要件均成立。",
        contract ? "The work, the breach and causation are established." : "All four elements hold: a work, infringement, causation, fault.")
    // R7.3: the defences.
    for (i, d) in terms.defenses.enumerated() {
      let succeeded = facts.defenses.succeeded(i)
      let who = d.defendant.map { terms.defendants[$0].name }
      let applies = contract ? d.kind.appliesInContract : true
      if !applies {
        add("R7.3", d.kind.source, "\(d.kind.chinese)抗辩不适用于违约之诉。",
            "The \(d.kind.english) defence does not apply on the contract route.")
      } else if succeeded {
        if d.kind.isCaseWide {
          add("R7.3", d.kind.source, "\(d.kind.chinese)抗辩成立：被告均不承担责任。",
              "The \(d.kind.english) defence succeeds: no defendant is liable.", .zero)
        } else {
          add("R7.3", d.kind.source, "\(who ?? "被告")的\(d.kind.chinese)抗辩成立：该被告免责。",
              "\(who ?? "The defendant")'s \(d.kind.english) defence succeeds: that defendant is exempt.")
        }
      } else {
        add("R7.3", d.kind.source, "\(who.map { $0 + "的" } ?? "")\(d.kind.chinese)抗辩不成立。",
            "\(who.map { $0 + "'s " } ?? "The ")\(d.kind.english) defence fails.")
      }
    }
    if o.liability == .everyDefendantExempt {
      add("R8", LegalSource.civilCode1175, "全部被告均因抗辩免责，无人承担责任。",
          "Every defendant is exempt by its own defence: nobody is liable.", .zero)
      return steps
    }
    if case .defense = o.liability { return steps }
    // Compensation.
    if contract {
      narrateContract(o, facts: facts, terms: terms, add: add)
    } else {
      narrateTort(o, facts: facts, terms: terms, add: add)
    }
    // The claim cap.
    if o.capped, let claim = terms.claim {
      add("R10", LegalSource.civilProcedureArt13,
          "判赔不超过诉讼请求：计算所得 \(yuan(o.uncappedAward)) 元超过请求金额，以请求金额 \(yuan(claim)) 元为限。",
          "A court awards no more than was claimed: the computed \(yuan(o.uncappedAward)) yuan exceeds the claim, so the award is the claim, \(yuan(claim)) yuan.",
          o.award)
    }
    add(contract ? "R9" : "R1–R6",
        contract ? LegalSource.civilCode584 : "Copyright Law Art. 54; Civil Code Art. 1183",
        contract ? "判赔总额 = 违约损害赔偿 + 合理开支。" : "判赔总额 = 赔偿数额 + 精神损害抚慰金 + 合理开支。",
        contract ? "Award = contract damages + expenses." : "Award = compensation + mental distress + expenses.",
        o.award)
    return steps
  }

  static func narrateTort(_ o: Outcome, facts: Facts, terms: CaseTerms,
                          add: (String, String, String, String, Yuan?) -> Void) {
    let law = terms.applicableLaw
    // R3, R4: which texts govern, by the infringement's last day.
    if law.needsExplaining, let step = applicableLawStep(law) {
      add(step.rule, step.source, step.chinese, step.english, nil)
    }
    // R1 to R3.
    switch o.basis {
    case .actualLoss, .illegalGains:
      let both = facts.lossProven && facts.gainsProven && facts.actualLoss != nil && facts.illegalGains != nil
      let zh = both ? "实际损失与违法所得均已证明，权利人选择\(o.basis.chinese)作为赔偿依据。" : "以已证明的\(o.basis.chinese)作为赔偿依据。"
      let en = both ? "Both actual loss and illegal gains are proven; the claimant elects \(o.basis.english) (\(terms.options.election.rawValue))." : "Compensation follows the proven \(o.basis.english)."
      add("R1", LegalSource.copyrightArt54Para1, zh, en, o.base)
    case .licenseFee:
      add("R2", LegalSource.copyrightArt54Para1 + "; " + LegalSource.punitiveInterpretationArt5Para2,
          "实际损失和违法所得难以计算，参照权利使用费 \(yuan(facts.licenseFee ?? .zero)) 元的 \(number(facts.licenseFeeMultiple)) 倍确定赔偿基数。",
          "Neither loss nor gains is proven: the base is the license fee \(yuan(facts.licenseFee ?? .zero)) yuan × \(number(facts.licenseFeeMultiple)).",
          o.base)
    case .statutory:
      let text = terms.copyrightText
      let range = Statutory.range(under: text)
      let low = yuan(Yuan(range.lowerBound)), high = yuan(Yuan(range.upperBound))
      if let perWork = facts.statutoryAwardPerWork {
        let works = terms.works
        add("R3", Statutory.source(under: text),
            "实际损失、违法所得、权利使用费均难以计算，适用法定赔偿，逐件确定（每件\(low)至\(high)元）：\(works) 件作品 × \(yuanAndFen(perWork)) 元 = \(yuan(o.base)) 元。",
            "Loss, gains and license fee are all hard to calculate: statutory damages work by work (each within \(low) to \(high) yuan): \(works) works × \(yuanAndFen(perWork)) = \(yuan(o.base)) yuan.",
            o.base)
      } else {
        add("R3", Statutory.source(under: text),
            "实际损失、违法所得、权利使用费均难以计算，适用法定赔偿（\(low)至\(high)元）。",
            "Loss, gains and license fee are all hard to calculate: statutory damages within \(low) to \(high) yuan.",
            o.base)
      }
    case .liquidatedDamages, .none:
      add("R3", LegalSource.copyrightArt54Para2, "无可计算的赔偿依据。", "No basis for compensation is available.", .zero)
    }
    // R4.
    let reading = terms.options.punitive
    switch o.punitiveStatus {
    case .applied:
      let zh = reading == .additive
        ? "故意侵权且情节严重，适用惩罚性赔偿：按基数的 \(number(o.multiplier)) 倍另行计算（加算说，北京高院2022年指南；该问题尚无定论），惩罚性部分 \(yuan(o.punitive)) 元，基数不含合理开支。"
        : "故意侵权且情节严重，适用惩罚性赔偿：赔偿总额为基数的 \(number(o.multiplier)) 倍（包含说，第五十四条第一款文义；该问题尚无定论），惩罚性部分 \(yuan(o.punitive)) 元，基数不含合理开支。"
      let en = reading == .additive
        ? "Intentional and serious: punitive damages of base × \(number(o.multiplier)) on top of the base (additive reading, Beijing High Court 2022; the point is unsettled): \(yuan(o.punitive)) yuan; expenses are not in the base."
        : "Intentional and serious: compensation of base × \(number(o.multiplier)) (inclusive reading, literal Art. 54 ¶1; the point is unsettled), a punitive part of \(yuan(o.punitive)) yuan; expenses are not in the base."
      if law.punitive == .civilCode, let last = law.lastDay {
        add("R4", LegalSource.civilCode1185 + "; " + LegalSource.punitiveInterpretation + "; " + reading.source,
            zh + "惩罚性赔偿仅以民法典第一千一百八十五条为依据（侵权行为于\(last)结束，早于2020年著作权法施行之日2021年6月1日）。",
            en + " Punitive damages rest on Civil Code Art. 1185 alone: the infringement ended on \(last), before the Copyright Law's 2020 text came into force on 2021-06-01.",
            o.punitive)
      } else {
        add("R4", LegalSource.punitiveInterpretation + "; " + reading.source, zh, en, o.punitive)
      }
    case .statutoryBasis where facts.intentional && facts.serious:
      add("R4", LegalSource.punitiveInterpretationArt5Para1,
          "法定赔偿不能作为惩罚性赔偿的计算基数，不适用惩罚性赔偿。",
          "Statutory damages are never a base for punitive damages: none awarded.", .zero)
    case .beforeCivilCode:
      let last = law.lastDay.map { "\($0)" } ?? ""
      add("R4", LegalSource.temporalEffectArt1Para3 + "; " + LegalSource.civilCode1185,
          "侵权行为于\(last)结束，早于2021年1月1日：民法典第一千一百八十五条与2020年著作权法第五十四条均不适用，无惩罚性赔偿。",
          "The infringement ended on \(last), before 2021-01-01: neither Civil Code Art. 1185 nor the 2020 text's Art. 54 ¶1 applies; no punitive damages.", .zero)
    default:
      add("R4", LegalSource.copyrightArt54Para1,
          "未同时证明故意和情节严重，不适用惩罚性赔偿。",
          "Intent and serious circumstances are not both shown: no punitive damages.", .zero)
    }
    // R6.
    switch o.mentalDistressStatus {
    case .awarded:
      add("R6", LegalSource.civilCode1183,
          "自然人的著作人身权受到侵害且造成严重精神损害，支持精神损害抚慰金 \(yuan(o.mentalDistress)) 元\(facts.mentalDistressCap != nil ? "（以上限为限）" : "")。",
          "A natural person's moral right is infringed with serious mental harm: mental-distress damages of \(yuan(o.mentalDistress)) yuan\(facts.mentalDistressCap != nil ? " (capped)" : "").",
          o.mentalDistress)
    case .legalPerson:
      add("R6", LegalSource.civilCode1183, "法人或非法人组织不得请求精神损害赔偿。",
          "A legal person cannot claim mental-distress damages.", .zero)
    case .noMoralRight:
      add("R6", LegalSource.civilCode1183, "未侵害著作人身权，不支持精神损害赔偿。",
          "No moral right is infringed: no mental-distress damages.", .zero)
    case .notSerious, .notLiable:
      add("R6", LegalSource.civilCode1183, "精神损害未达严重程度，以赔礼道歉等方式救济，不支持精神损害抚慰金。",
          "The mental harm is not serious (an apology and the other remedies repair it): no mental-distress damages.", .zero)
    }
    // R5.
    if o.basis == .statutory && terms.options.statutoryIncludesExpenses {
      add("R5", LegalSource.copyrightArt54Para3,
          "法定赔偿数额已包含合理开支（经济损失及合理开支共计），不另行计算。",
          "The statutory award is one lump for loss and reasonable expenses: nothing is added.", .zero)
    } else {
      add("R5", LegalSource.copyrightArt54Para3,
          "权利人为制止侵权支付的合理开支另行计入，不乘以倍数。",
          "Reasonable expenses to stop the infringement are added, never multiplied.", o.expenses)
    }
  }

  /// The step that says which texts govern and why: the dates, the day that counts, the range
  /// of statutory damages and what punitive damages rest on.
  public static func applicableLawStep(_ law: ApplicableLaw) -> Step? {
    guard let last = law.lastDay else { return nil }
    let zhDates: String, enDates: String
    if let began = law.began, let ended = law.ended, began != ended {
      zhDates = "侵权行为自\(began)持续至\(ended)，属持续性侵权，适用其结束时施行的法律"
      enDates = "The infringement ran from \(began) to \(ended): a continuing act is judged by the law in force on its last day"
    } else {
      zhDates = "侵权行为发生于\(last)，适用当时施行的法律"
      enDates = "The infringement took place on \(last): the law then in force governs"
    }
    let zhRange: String, enRange: String
    switch law.copyrightText {
    case .text2010:
      zhRange = "法定赔偿适用2010年著作权法第四十九条第二款（五十万元以下），因其结束于2021年6月1日之前"
      enRange = "statutory damages follow the 2010 text, Art. 49 ¶2 (up to 500,000), as it ended before 2021-06-01"
    case .text2020:
      zhRange = "法定赔偿适用2020年著作权法第五十四条第二款（五百元以上五百万元以下）"
      enRange = "statutory damages follow the 2020 text, Art. 54 ¶2 (500 to 5,000,000)"
    }
    let zhPunitive: String, enPunitive: String
    switch law.punitive {
    case .unavailable:
      zhPunitive = "因其结束于2021年1月1日之前，不适用惩罚性赔偿"
      enPunitive = "no punitive damages, as it ended before 2021-01-01 (Civil Code Art. 1185 applies from that day)"
    case .civilCode:
      zhPunitive = "惩罚性赔偿仅以民法典第一千一百八十五条为依据（2021年1月1日施行），2020年著作权法第五十四条第一款尚未施行"
      enPunitive = "punitive damages rest on Civil Code Art. 1185 alone (in force from 2021-01-01), the 2020 text's Art. 54 ¶1 not yet being in force"
    case .copyrightLaw:
      zhPunitive = "惩罚性赔偿以著作权法第五十四条第一款及民法典第一千一百八十五条为依据"
      enPunitive = "punitive damages rest on Copyright Law Art. 54 ¶1 and Civil Code Art. 1185"
    }
    return Step(
      rule: "R3, R4", source: LegalSource.temporalEffectArt1Para3,
      chinese: "\(zhDates)：\(zhRange)；\(zhPunitive)。",
      english: "\(enDates): \(enRange); \(enPunitive).")
  }

  static func narrateContract(_ o: Outcome, facts: Facts, terms: CaseTerms,
                              add: (String, String, String, String, Yuan?) -> Void) {
    switch (o.basis, o.liquidatedAdjustment) {
    case (.actualLoss, _):
      add("R9", LegalSource.civilCode584, "按可预见的实际损失赔偿。",
          "Damages are the proven, foreseeable actual loss.", o.base)
    case (.liquidatedDamages, .reducedToCap):
      add("R9", LegalSource.contractInterpretationArt65,
          "约定违约金超过损失的百分之三十，经请求调减至损失的 \(number(terms.options.liquidatedCapRatio)) 倍。",
          "The liquidated damages exceed the loss by more than 30 %: reduced on request to \(number(terms.options.liquidatedCapRatio)) × the loss.",
          o.base)
    case (.liquidatedDamages, .notReducedIntentional):
      add("R9", LegalSource.contractInterpretationArt65,
          "约定违约金过高，但违约方恶意违约，请求调减一般不予支持。",
          "The liquidated damages are excessive, but the breach was intentional: no reduction.", o.base)
    case (.liquidatedDamages, .raisedToLoss):
      add("R9", LegalSource.civilCode585, "约定违约金低于损失，经请求增加至损失数额。",
          "The liquidated damages are below the loss: raised to the loss.", o.base)
    case (.liquidatedDamages, _):
      add("R9", LegalSource.civilCode585, "按约定违约金赔偿。", "Damages are the liquidated damages agreed.", o.base)
    default:
      add("R9", LegalSource.civilCode584, "未证明损失，亦无违约金约定。",
          "No loss is proven and no liquidated damages were agreed.", .zero)
    }
    add("R9", LegalSource.civilCode577, "违约之诉不适用法定赔偿、惩罚性赔偿和精神损害赔偿。",
        "No statutory, punitive or mental-distress damages on the contract route.", nil)
    if terms.options.contractExpenses {
      add("R5", LegalSource.civilCode584, "合同约定由违约方承担合理开支，计入赔偿。",
          "The agreement provides for reasonable expenses: added.", o.expenses)
    }
  }

  /// Beyond this magnitude a number is not formatted digit by digit (it would not fit in an
  /// `Int64`), but in Swift's shortest notation, such as `1e+20`: no real amount comes near.
  static let largestGrouped = 1e18

  /// Whole yuan with digit grouping, rounded half away from zero, as tables print amounts.
  public static func yuan(_ amount: Yuan) -> String {
    let rounded = amount.value.rounded(.toNearestOrAwayFromZero)
    guard abs(rounded) < largestGrouped else { return "\(rounded)" }
    let negative = rounded < 0
    var digits = String(Int64(abs(rounded)))
    var groups: [Substring] = []
    while digits.count > 3 {
      groups.insert(Substring(digits.suffix(3)), at: 0)
      digits.removeLast(3)
    }
    groups.insert(Substring(digits), at: 0)
    return (negative ? "-" : "") + groups.joined(separator: ",")
  }

  /// Whole yuan as ``yuan(_:)``, or to the fen (two decimals) when the amount is not whole, so
  /// that a product written out (52 × 776.67) checks by hand.
  public static func yuanAndFen(_ amount: Yuan) -> String {
    let cents = (amount.value * 100).rounded(.toNearestOrAwayFromZero)
    guard cents.truncatingRemainder(dividingBy: 100) != 0, abs(cents) < 1e15 else {
      return yuan(amount)
    }
    let whole = yuan(Yuan((cents / 100).rounded(.towardZero)))
    var frac = String(Int64(abs(cents)) % 100)
    if frac.count < 2 { frac = "0" + frac }
    return "\(whole).\(frac)"
  }

  /// A multiplier or fraction to at most four decimals, without trailing zeros (2, 2.5, 1.3,
  /// 0.3333). A value that rounds to a whole number at four decimals prints as one: 2.99999997
  /// is `3`, not `3.`.
  public static func number(_ x: Double) -> String {
    if x == x.rounded() && abs(x) < 1e15 { return String(Int64(x)) }
    // four decimals of x must fit in an Int64
    guard abs(x) < 1e14 else {
      let whole = x.rounded(.toNearestOrAwayFromZero)
      return abs(whole) < largestGrouped ? String(Int64(whole)) : "\(whole)"
    }
    var s = String(format4(x))
    while s.hasSuffix("0") { s.removeLast() }
    if s.hasSuffix(".") { s.removeLast() }
    return s == "-0" ? "0" : s
  }

  static func format4(_ x: Double) -> String {
    let scaled = (x * 10_000).rounded(.toNearestOrAwayFromZero)
    let whole = Int64(scaled / 10_000)
    var frac = String(Int64(abs(scaled)) % 10_000)
    while frac.count < 4 { frac = "0" + frac }
    return "\(x < 0 && whole == 0 ? "-" : "")\(whole).\(frac)"
  }
}

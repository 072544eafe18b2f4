public import DamagesLaw

/// The most likely outcome of a scenario on one route, explained.
public struct RouteEstimate: Sendable {
  public var outcome: Outcome
  public var steps: [Step]
  /// R8: each defendant's exposure and final share, in yuan.
  public var defendants: [DefendantAmount]
  /// R11
  public var remedies: [Remedy]
}

/// One defendant's exposure and share in yuan (R8).
public struct DefendantAmount: Sendable {
  public var defendant: Defendant
  public var exposure: Yuan
  public var share: Yuan
}

/// `damages estimate` (SPEC 4): the facts at their medians and thresholds, the rules applied.
public struct EstimateResult: Sendable {
  public var title: String
  public var facts: Facts
  /// The tort route (nil on `route: contract`).
  public var tort: RouteEstimate?
  /// The contract route (nil on `route: tort`).
  public var contract: RouteEstimate?

  public var primary: RouteEstimate { tort ?? contract! }

  /// For `route: compare`: the route with the higher net recovery (ties: tort).
  public var recommended: Route? {
    guard let tort, let contract else { return nil }
    return contract.outcome.netRecovery > tort.outcome.netRecovery ? .contract : .tort
  }

  public init(_ scenario: Scenario) throws(SimulationError) {
    title = scenario.title
    let facts: Facts
    do { facts = try PointEstimate.facts(for: scenario) } catch { throw .gsl(error) }
    self.facts = facts
    let terms = scenario.terms
    let assessor = Assessor(terms: terms)
    func explain(_ o: Outcome) -> RouteEstimate {
      var steps = Narration.steps(for: o, facts: facts, terms: terms)
      let fractions = o.isLiable ? Apportionment.fractions(for: terms.defendants, exempt: o.exemptDefendants) : nil
      var amounts: [DefendantAmount] = []
      for (i, d) in terms.defendants.enumerated() {
        let f = fractions?[i]
        amounts.append(DefendantAmount(
          defendant: d, exposure: o.award * (f?.exposure ?? 0), share: o.award * (f?.share ?? 0)))
      }
      if terms.defendants.count > 1 || terms.defendants.first?.form != .sole {
        for a in amounts {
          let recourse = a.defendant.form == .vicarious && a.defendant.recourse
          steps.append(Step(
            rule: "R8", source: a.defendant.form.source,
            chinese: "\(a.defendant.name)（\(a.defendant.form.chinese)）：可被请求 \(Narration.yuan(a.exposure)) 元，最终承担 \(Narration.yuan(a.share)) 元\(recourse ? "；承担后可向有故意或重大过失的工作人员追偿" : "")。",
            english: "\(a.defendant.name) (\(a.defendant.form.rawValue)): exposure \(Narration.yuan(a.exposure)) yuan, final share \(Narration.yuan(a.share)) yuan\(recourse ? "; it may recover from the employee who acted with intent or gross negligence" : "").",
            amount: a.share))
        }
      }
      if let fee = o.fee, let claim = terms.claim {
        steps.append(Step(
          rule: "R10", source: LegalSource.feeMeasuresArt13 + (terms.procedure == .summary ? "; " + LegalSource.feeMeasuresArt16 : ""),
          chinese: "诉讼请求 \(Narration.yuan(claim)) 元，案件受理费 \(FeeFormat.twoDecimals(fee)) 元\(terms.procedure == .summary ? "（简易程序减半）" : "")，原告负担 \(FeeFormat.twoDecimals(o.feeShare)) 元。",
          english: "Claim \(Narration.yuan(claim)) yuan: acceptance fee \(FeeFormat.twoDecimals(fee)) yuan\(terms.procedure == .summary ? " (halved, summary procedure)" : ""), of which the claimant bears \(FeeFormat.twoDecimals(o.feeShare)) yuan (\(terms.options.feeAllocation.rawValue)).",
          amount: o.feeShare, isFee: true))
        steps.append(Step(
          rule: "R10", source: LegalSource.feeMeasuresArt29,
          chinese: "净回收 = 判赔额 − 原告负担的受理费 − 已支出的合理开支。",
          english: "Net recovery = award − the claimant's fee share − the expenses spent.",
          amount: o.netRecovery))
      }
      let remedies = Remedy.available(for: terms, liable: o.isLiable)
      if !remedies.isEmpty {
        steps.append(Step(
          rule: "R11", source: LegalSource.civilCode179 + "; " + LegalSource.copyrightArt56,
          chinese: "其他责任方式：" + remedies.map(\.chinese).joined(separator: "、") + "。",
          english: "Other remedies: " + remedies.map { $0.english(for: terms.act) }.joined(separator: "; ") + "."))
      }
      return RouteEstimate(outcome: o, steps: steps, defendants: amounts, remedies: remedies)
    }
    tort = terms.route != .contract ? explain(assessor.tort(facts)) : nil
    contract = terms.route != .tort ? explain(assessor.contract(facts)) : nil
  }
}

/// Fees print with two decimals (R10: no rounding inside a calculation).
public enum FeeFormat {
  public static func twoDecimals(_ amount: Yuan) -> String {
    // cents must fit in an Int64; no fee comes near
    guard abs(amount.value) < 1e15 else { return Narration.yuan(amount) }
    let cents = (amount.value * 100).rounded(.toNearestOrAwayFromZero)
    let whole = Narration.yuan(Yuan((cents / 100).rounded(.towardZero)))
    var frac = String(Int64(abs(cents)) % 100)
    if frac.count < 2 { frac = "0" + frac }
    return "\(whole).\(frac)"
  }
}

import DamagesLaw
import DamagesSimulation

/// The input rules that look at a scenario as a whole.
///
/// Ranges, supports, requirements and consistency (docs/scenario-format.md, Every key, Input rules and How the
/// scenario is read). They run on the domain ``Scenario``, so a sweep point is checked exactly as the
/// file is.
struct ScenarioRules {
  /// What the rules found: a field, what is wrong, and where it points.
  struct Finding: Hashable {
    var field: String
    var problem: Problem
    var anchoring: Anchoring
    /// The field whose position to use, when not `field` itself.
    var at: String?
  }

  let scenario: Scenario
  /// Fields that already had an error: rules that depend on them are skipped.
  let skip: Set<String>
  private(set) var findings: [Finding] = []

  static func check(_ scenario: Scenario, skipping skip: Set<String> = []) -> [Finding] {
    var rules = ScenarioRules(scenario: scenario, skip: skip)
    rules.checkCase()
    rules.checkFacts()
    rules.checkLiability()
    rules.checkDefendants()
    rules.checkCorrelations()
    return rules.findings
  }

  private init(scenario: Scenario, skip: Set<String>) {
    self.scenario = scenario
    self.skip = skip
  }

  /// Whether no field at, above or below each path had an error.
  private func clean(_ paths: String...) -> Bool {
    for path in paths {
      for f in skip {
        if f == path || path.hasPrefix(f + ".") || path.hasPrefix(f + "[")
          || f.hasPrefix(path + ".")
          || f.hasPrefix(path + "[")
        {
          return false
        }
      }
    }
    return true
  }

  private mutating func add(
    _ field: String, _ problem: Problem, _ anchoring: Anchoring = .value, at: String? = nil
  ) {
    findings.append(Finding(field: field, problem: problem, anchoring: anchoring, at: at))
  }

  private var terms: CaseTerms { scenario.terms }
  private var facts: UncertainFacts { scenario.facts }

  // MARK: Case and options

  private mutating func checkCase() {
    if let claim = terms.claim, clean("case.claim") {
      if claim.value <= 0 {
        add(
          "case.claim",
          .outOfRange(allowed: "a positive amount (the total claimed, R10)", got: claim.value))
      } else if claim.value > Limits.largestAmount {
        add("case.claim", .outOfRange(allowed: Limits.largestAmountText, got: claim.value))
      }
    }
    if terms.holder == .exclusiveLicensee, clean("case.rights", "case.holder") {
      let moral = terms.rights.filter(\.isMoral).map(\.rawValue)
      if !moral.isEmpty { add("case.rights", .licenseeMoralRights(moral)) }
    }
    if !terms.route.isOpen(for: terms.act), clean("case.route", "case.act") {
      add("case.route", .routeNotOpen(route: terms.route.rawValue, act: terms.act.rawValue))
    }
    if !terms.options.faultPrinciple.isAvailable(for: terms.act),
      clean("options.fault_principle", "case.act")
    {
      add("options.fault_principle", .presumedNotOpen(act: terms.act.rawValue))
    }
    // R3, R4: an end needs a beginning, and comes after it (法释〔2020〕15号 Art. 1 ¶3).
    if let end = terms.infringementEnd, clean("case.infringement_end", "case.infringement_date") {
      if let began = terms.infringementDate {
        if end < began {
          add(
            "case.infringement_end",
            .expected(
              "a date not before case.infringement_date (\(began))", got: "`\(end)`",
              note: "the day the infringement stopped, R3, R4"))
        }
      } else {
        add(
          "case.infringement_date",
          .missingKey(
            "infringement_date",
            note:
              "`infringement_end` is given, so the day the infringement began is needed too (R3, R4)"
          ),
          .missing)
      }
    }
    // R3 per work: a count of works multiplies only a per-work amount.
    if terms.works > 1, facts[.statutoryAwardPerWork] == nil,
      clean("case.works", "facts.statutory_award_per_work")
    {
      add(
        "case.works",
        .notAllowedHere(
          "works",
          reason:
            "it counts the works for facts.statutory_award_per_work (R3 per work), which is not given; give the amount per work there, or remove `works`"
        ),
        .key)
    }
    let ratio = terms.options.liquidatedCapRatio
    if ratio < 1, clean("options.liquidated_cap_ratio") {
      add(
        "options.liquidated_cap_ratio",
        .outOfRange(allowed: "at least 1 (R9; 法释〔2023〕13号 Art. 65 ¶2)", got: ratio))
    }
  }

  // MARK: Facts

  /// The range a fact must stay within, whole support and all, with the rule to cite; nil
  /// for an amount that need only not reach below 0.
  static func bounds(of key: FactKey, under text: CopyrightText)
    -> (range: ClosedRange<Double>, citation: String)?
  {
    switch key {
    case .statutoryAward, .statutoryAwardPerWork:
      (
        Statutory.range(under: text),
        text == .text2020
          ? "Art. 54 ¶2" : "2010 text, Art. 49 ¶2: the infringement ended before 2021-06-01"
      )
    case .multiplier: (Punitive.multiplierRange, "Art. 54 ¶1")
    case .licenseFeeMultiple: (LicenseFee.multipleRange, "R2; 法释〔2021〕4号 Art. 5 ¶2")
    case .mentalHarmScore: (0...10, "R6")
    case .actualLoss, .illegalGains, .licenseFee, .mentalDistress, .expenses, .liquidatedDamages:
      nil
    }
  }

  /// What is wrong with `d` as the value of the fact `key`, on its own (docs/scenario-format.md, Input rules, "Supports"):
  /// a value or support outside the fact's range, an unbounded law where a range applies, an
  /// amount reaching below 0. Nil when the fact may take it.
  static func problem(with d: Distribution, for key: FactKey, under text: CopyrightText)
    -> Problem?
  {
    if let (range, citation) = bounds(of: key, under: text) {
      let allowed =
        "within \(Format.number(range.lowerBound)) to \(Format.number(range.upperBound)) (\(citation))"
      if case .fixed(let v) = d {
        return range.contains(v) ? nil : .outOfRange(allowed: allowed, got: v)
      }
      let (lo, hi) = d.support
      if lo.isInfinite || hi.isInfinite || d.isUnboundedAbove {
        return .unbounded(allowed: allowed, distribution: describe(d))
      }
      if lo < range.lowerBound || hi > range.upperBound {
        return .distributionOutside(allowed: allowed, distribution: describe(d))
      }
      return nil
    }
    if case .fixed(let v) = d {
      if v < 0 { return .negativeAmount(got: v) }
      return v > Limits.largestAmount ? .outOfRange(allowed: Limits.largestAmountText, got: v) : nil
    }
    if d.support.lower < 0 { return .negativeDistribution(distribution: describe(d)) }
    // an unbounded law is judged by its median: its tail may pass the limit in a few runs
    let reach = d.support.upper.isFinite ? d.support.upper : (try? d.median()) ?? 0
    return reach > Limits.largestAmount
      ? .distributionOutside(allowed: "within 0 to 10^15 yuan", distribution: describe(d)) : nil
  }

  private mutating func checkFacts() {
    let text = terms.copyrightText
    let (statutory, statutoryCitation) = Self.bounds(of: .statutoryAward, under: text)!
    // the amounts first, then the facts with a range, as the findings have always come
    let ranged: [FactKey] = [
      .statutoryAward, .statutoryAwardPerWork, .multiplier, .licenseFeeMultiple, .mentalHarmScore,
    ]
    for key in FactKey.allCases.filter({ !ranged.contains($0) }) + ranged {
      let field = "facts.\(key.rawValue)"
      let dated = key == .statutoryAward || key == .statutoryAwardPerWork
      guard let d = facts[key], clean(field),
        !dated || clean("case.infringement_date", "case.infringement_end")
      else { continue }
      if let problem = Self.problem(with: d, for: key, under: text) { add(field, problem) }
    }

    probability(facts.provenLoss, "facts.proven.actual_loss")
    probability(facts.provenGains, "facts.proven.illegal_gains")
    probability(facts.provenLicenseFee, "facts.proven.license_fee")
    probability(facts.intentional, "facts.intentional")
    probability(facts.serious, "facts.serious")
    probability(facts.seriousMentalHarm, "facts.serious_mental_harm")
    if !(0...10).contains(facts.mentalHarmThreshold), clean("facts.mental_harm_threshold") {
      add(
        "facts.mental_harm_threshold",
        .outOfRange(allowed: "within 0 to 10 (R6)", got: facts.mentalHarmThreshold))
    }
    if let cap = facts.mentalDistressCap, clean("facts.mental_distress_cap") {
      if cap < 0 {
        add("facts.mental_distress_cap", .negativeAmount(got: cap))
      } else if cap > Limits.largestAmount {
        add("facts.mental_distress_cap", .outOfRange(allowed: Limits.largestAmountText, got: cap))
      }
    }
    if facts[.statutoryAwardPerWork] != nil, facts[.statutoryAward] != nil,
      clean("facts.statutory_award_per_work", "facts.statutory_award")
    {
      add(
        "facts.statutory_award_per_work",
        .notTogether(
          "statutory_award_per_work", other: "statutory_award",
          reason:
            "give statutory damages either as one amount or per work, times case.works (R3)"),
        .key)
    }
    if facts[.mentalHarmScore] != nil, facts.seriousMentalHarm > 0,
      clean("facts.mental_harm_score", "facts.serious_mental_harm")
    {
      add(
        "facts.mental_harm_score",
        .notTogether(
          "mental_harm_score", other: "serious_mental_harm",
          reason: "give the seriousness of the harm either as a probability or as a score (R6)"),
        .key)
    }

    let figures: [(FactKey, Double, String)] = [
      (.actualLoss, facts.provenLoss, "facts.proven.actual_loss"),
      (.illegalGains, facts.provenGains, "facts.proven.illegal_gains"),
      (.licenseFee, facts.provenLicenseFee, "facts.proven.license_fee"),
    ]
    for (key, p, field) in figures
    where facts[key] == nil && p > 0 && clean(field, "facts.\(key.rawValue)") {
      add(field, .provenWithoutFigure(figure: key.rawValue), .key)
    }
    let figuresClean = figures.allSatisfy { clean("facts.\($0.0.rawValue)", $0.2) }
    let tort = terms.route != .contract
    let certain = figures.contains { facts[$0.0] != nil && $0.1 >= 1 }
    if tort, facts[.statutoryAward] == nil, facts[.statutoryAwardPerWork] == nil, !certain,
      figuresClean,
      clean(
        "facts.statutory_award", "facts.statutory_award_per_work", "case.route",
        "case.infringement_date", "case.infringement_end")
    {
      add(
        "facts.statutory_award",
        .required(
          "no figure among actual_loss, illegal_gains and license_fee is certainly proven, "
            + "so statutory damages may apply (R3); give a value within "
            + "\(Format.number(statutory.lowerBound)) to \(Format.number(statutory.upperBound)) "
            + "(\(statutoryCitation)), or facts.statutory_award_per_work with case.works"
        ),
        .missing)
    }
    let possiblyProven = figures.contains { facts[$0.0] != nil && $0.1 > 0 }
    if tort, terms.applicableLaw.punitive != .unavailable, facts.intentional > 0,
      facts.serious > 0, possiblyProven,
      facts[.multiplier] == nil, figuresClean,
      clean(
        "facts.multiplier", "facts.intentional", "facts.serious", "case.route",
        "case.infringement_date", "case.infringement_end")
    {
      add(
        "facts.multiplier",
        .required(
          "punitive damages can apply (intentional and serious are possible and a figure may be proven, R4); give a value within 1 to 5 (Art. 54 ¶1)"
        ),
        .missing)
    }
  }

  private mutating func probability(_ p: Double, _ field: String) {
    if !(0...1).contains(p), clean(field) {
      add(field, .outOfRange(allowed: "true, false or a probability in [0, 1]", got: p))
    }
  }

  // MARK: Liability (R7)

  private mutating func checkLiability() {
    let l = scenario.liability
    probability(l.work, "liability.work")
    probability(l.infringement, "liability.infringement")
    probability(l.causation, "liability.causation")
    probability(l.fault, "liability.fault")
    let defenses = terms.defenses
    if defenses.count > Limits.defenses, clean("liability.defenses") {
      add("liability.defenses", .tooManyDefenses(count: defenses.count))
    }
    for (i, defense) in defenses.enumerated() {
      let path = "liability.defenses[\(i)]"
      guard clean(path) else { continue }
      if i < l.defenseSuccess.count { probability(l.defenseSuccess[i], path + ".success") }
      let kind = defense.kind.rawValue
      if defense.kind.isCaseWide {
        if defense.defendant != nil {
          add(
            path + ".defendant",
            .notAllowedHere(
              "defendant",
              reason: "`\(kind)` clears every defendant, so no one defendant raises it (R7.3)"),
            .key)
        }
      } else if defense.defendant == nil {
        add(
          path + ".defendant",
          .missingKey(
            "defendant",
            note:
              "`\(kind)` exempts only the defendant who raises it; give that defendant's name (R7.3)"
          ),
          .missing)
      }
      if let index = defense.defendant, index >= terms.defendants.count {
        add(
          path + ".defendant",
          .noSuchIndex(path: path + ".defendant", count: terms.defendants.count, of: "defendant"))
      } else if clean("case.act", "defendants"),
        let reason = defense.unavailability(act: terms.act, defendants: terms.defendants)
      {
        add(path + ".kind", .defense(reason))
      }
    }
  }

  // MARK: Defendants (R8)

  private mutating func checkDefendants() {
    let defendants = terms.defendants
    guard clean("defendants") else { return }
    for (i, d) in defendants.enumerated() {
      let path = "defendants[\(i)]"
      let form = d.form.rawValue
      switch d.form {
      case .sole, .vicarious:
        if d.share != nil {
          add(
            path + ".share",
            .shareNotAllowed(
              form: form,
              reason:
                "it bears the whole award (Civil Code Art. \(d.form == .sole ? "1165" : "1191") ¶1); remove `share`"
            ), .key)
        }
      case .proportional:
        if d.share == nil {
          add(
            path + ".share",
            .missingKey(
              "share",
              note:
                "a proportional defendant bears its own share of the award (Civil Code Art. 1172)"),
            .missing)
        }
      case .noticeIgnored:
        if d.share == nil {
          add(
            path + ".share",
            .missingKey("share", note: "its part of the expanded damage (Civil Code Art. 1195 ¶2)"),
            .missing)
        }
        if d.expandedFraction == nil {
          add(
            path + ".expanded_fraction",
            .missingKey(
              "expanded_fraction",
              note:
                "the fraction of the award that is the damage expanded after the notice (Civil Code Art. 1195 ¶2)"
            ),
            .missing)
        }
      case .joint, .sufficient, .knew:
        break
      }
      if let share = d.share, !(share > 0 && share <= 1) {
        add(path + ".share", .outOfRange(allowed: "within (0, 1]", got: share))
      }
      if let x = d.expandedFraction {
        if d.form != .noticeIgnored {
          add(
            path + ".expanded_fraction",
            .shareNotAllowed(
              form: form,
              reason:
                "`expanded_fraction` is only for a notice-ignored platform (Civil Code Art. 1195 ¶2)"
            ), .key)
        } else if !(0...1).contains(x) {
          add(path + ".expanded_fraction", .outOfRange(allowed: "within [0, 1]", got: x))
        }
      }
      if d.recourse, d.form != .vicarious {
        add(
          path + ".recourse",
          .notAllowedHere(
            "recourse",
            reason:
              "only an employer liable for its employee (`vicarious`) may recover from the employee (Civil Code Art. 1191 ¶1)"
          ),
          .key)
      }
    }
    let core = defendants.filter { $0.form != .noticeIgnored }
    let forms = Set(core.map(\.form))
    let allowed =
      (core.count == 1 && (forms == [.sole] || forms == [.vicarious]))
      || (!core.isEmpty && core.allSatisfy { $0.form.isJointGroup })
      || (core.count >= 2 && forms == [.proportional])
    if !allowed {
      add("defendants", .combination(forms: defendants.map(\.form.rawValue)))
      return
    }
    let group = defendants.filter { $0.form.isJointGroup }
    let given = group.filter { $0.share != nil }
    if !given.isEmpty, given.count < group.count {
      let with = given.map(\.name).joined(separator: ", ")
      let without = group.filter { $0.share == nil }.map(\.name).joined(separator: ", ")
      add(
        "defendants",
        .groupShares(
          "the joint, sufficient and knew defendants form one group: give each a share or none (with a share: \(with); without: \(without))"
        ))
    } else if !given.isEmpty {
      let sum = given.reduce(0) { $0 + ($1.share ?? 0) }
      if abs(sum - 1) > 1e-9, given.allSatisfy({ ($0.share ?? 0) > 0 && ($0.share ?? 0) <= 1 }) {
        add(
          "defendants",
          .groupShares(
            "the shares of the joint group (\(given.map(\.name).joined(separator: ", "))) sum to \(Format.number(sum)); they must sum to 1 (R8)"
          ))
      }
    }
    // Joint liability for a part (R8): a share within the part, and someone for the whole.
    let parted = group.filter { $0.form == .joint && $0.part < 1 }
    if !parted.isEmpty {
      if !group.contains(where: { $0.form != .joint || $0.part >= 1 }) {
        add(
          "defendants",
          .groupShares(
            "every joint defendant (\(group.map(\.name).joined(separator: ", "))) answers for part of the award only; at least one must have `part` 1, the whole award (R8)"
          ))
      }
      for (i, d) in defendants.enumerated() where d.form == .joint && d.part < 1 {
        let path = "defendants[\(i)]"
        if let share = d.share, share > d.part + 1e-12, share > 0, share <= 1 {
          add(
            path + ".share",
            .outOfRange(
              allowed:
                "at most its part, \(Format.number(d.part)): a defendant liable for part of the award cannot bear more of it (R8)",
              got: share))
        } else if given.isEmpty, 1 / Double(group.count) > d.part + 1e-12 {
          add(
            path + ".part",
            .groupShares(
              "the equal share of the joint group, 1/\(group.count), exceeds this part, \(Format.number(d.part)); give each defendant of the group a `share` of at most its part (R8)"
            ))
        }
      }
    }
    let proportional = defendants.filter { $0.form == .proportional && $0.share != nil }
    let sum = proportional.reduce(0) { $0 + ($1.share ?? 0) }
    if sum > 1 + 1e-9, proportional.allSatisfy({ ($0.share ?? 0) > 0 && ($0.share ?? 0) <= 1 }) {
      add("defendants", .proportionalSum(names: proportional.map(\.name), sum: sum))
    }
  }

  // MARK: Correlations (docs/scenario-format.md, Correlations)

  private mutating func checkCorrelations() {
    let earlier = findings.count
    var seen: [Set<FactKey>: Int] = [:]
    for (i, c) in scenario.correlations.enumerated() {
      let path = "correlations[\(i)]"
      guard clean(path) else { continue }
      if !(c.rho > -1 && c.rho < 1) {
        add(path, .correlationRho(got: c.rho), at: path + "[2]")
      }
      if c.first == c.second {
        add(path, .correlationSelf)
        continue
      }
      for fact in [c.first, c.second] where clean("facts.\(fact.rawValue)") {
        if let d = facts[fact] {
          if d.isFixed { add(path, .correlationNotDistribution(fact: fact.rawValue, given: true)) }
        } else {
          add(path, .correlationNotDistribution(fact: fact.rawValue, given: false))
        }
      }
      let pair: Set<FactKey> = [c.first, c.second]
      if let first = seen[pair] {
        add(
          path,
          .correlationTwice(
            pair: "\(c.first.rawValue), \(c.second.rawValue)", first: "correlations[\(first)]"))
      } else {
        seen[pair] = i
      }
    }
    // Each entry is sound: can they hold together? (The simulation needs the Cholesky factor.)
    if !scenario.correlations.isEmpty, findings.count == earlier, clean("correlations"),
      let pairs = CompiledModel.conflict(in: scenario.correlations)
    {
      add("correlations", .correlationsConflict(pairs: pairs), .key)
    }
  }

  // MARK: Descriptions

  /// A distribution as messages name it: `a uniform from 100 to 6,000,000`.
  static func describe(_ d: Distribution) -> String {
    let n = Format.number
    switch d {
    case .fixed(let v): return "the value \(n(v))"
    case .uniform(let a, let b): return "a uniform from \(n(a)) to \(n(b))"
    case .triangular(let a, _, let b): return "a triangular from \(n(a)) to \(n(b))"
    case .pert(let a, _, let b, _): return "a pert from \(n(a)) to \(n(b))"
    case .normal(let mean, let sd, let lo, let hi):
      let base = "a normal (mean \(n(mean)), sd \(n(sd)))"
      if lo.isInfinite && hi.isInfinite { return base }
      let left = lo.isInfinite ? "(-∞" : "[\(n(lo))"
      let right = hi.isInfinite ? "∞)" : "\(n(hi))]"
      return base + " truncated to \(left), \(right)"
    case .lognormal: return "a lognormal"
    case .gamma: return "a gamma"
    case .beta(_, _, let a, let b): return "a beta from \(n(a)) to \(n(b))"
    case .discrete:
      return
        "a discrete distribution with values from \(n(d.support.lower)) to \(n(d.support.upper))"
    case .empirical:
      return
        "an empirical distribution with values from \(n(d.support.lower)) to \(n(d.support.upper))"
    }
  }
}

extension Distribution {
  /// Lognormal and gamma reach without bound above, although ``support`` names only their
  /// lower end precisely.
  var isUnboundedAbove: Bool {
    switch self {
    case .lognormal, .gamma: true
    default: support.upper.isInfinite
    }
  }
}

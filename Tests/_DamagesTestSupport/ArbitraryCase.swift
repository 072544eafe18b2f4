public import DamagesLaw

/// Random cases for property tests, each value within what scenario validation lets through
/// (docs/scenario-format.md, Every key and Input rules): statutory awards within the range of the governing text, multipliers and
/// license-fee multiples within 1 to 5, defences only where available, defendants only in the
/// allowed combinations of forms.
public struct ArbitraryCase {
  public var rng: SplitMix64

  public init(seed: UInt64) { rng = SplitMix64(seed: seed) }

  /// An amount from 1 to `max` yuan, spread over the orders of magnitude; now and then 0.
  public mutating func money(upTo max: Double = 10_000_000) -> Yuan {
    rng.chance(0.05) ? .zero : Yuan(rng.logUniform(in: 1...max))
  }

  /// A case: act, parties, rights, options, claim, defendants and defences.
  public mutating func terms() -> CaseTerms {
    var rights = Right.allCases.filter { _ in rng.chance(0.3) }
    if rights.isEmpty { rights = [rng.pick(Right.allCases)] }
    var terms = CaseTerms(
      act: rng.pick(Act.allCases), claimant: rng.pick(Claimant.allCases), rights: rights)
    terms.procedure = rng.pick(Procedure.allCases)
    if rng.chance(0.6) { terms.claim = Yuan(rng.logUniform(in: 100...50_000_000)) }
    if rng.chance(0.3) {
      terms.infringementDate = CivilDate(
        year: Int.random(in: 2015...2025, using: &rng), month: Int.random(in: 1...12, using: &rng),
        day: Int.random(in: 1...28, using: &rng))
    }
    terms.options.punitive = rng.pick(PunitiveReading.allCases)
    terms.options.election = rng.pick(Election.allCases)
    terms.options.liquidatedCapRatio = rng.chance(0.7) ? 1.3 : Double.random(in: 1...3, using: &rng)
    terms.options.contractExpenses = rng.chance(0.5)
    terms.options.statutoryIncludesExpenses = rng.chance(0.5)
    terms.options.feeAllocation = rng.pick(FeeAllocation.allCases)
    terms.defendants = defendants()
    terms.defenses = defenses(act: terms.act, defendants: terms.defendants)
    return terms
  }

  /// Defendants in one of the combinations docs/scenario-format.md, `defendants`, allows: one sole, one vicarious, one group of
  /// joint, sufficient and knew defendants (shares all given, summing to 1, or all omitted), or
  /// two or more proportional defendants (shares summing to at most 1); any of these with up to
  /// two notice-ignored platforms (their parts of the expanded damage summing to at most 1).
  public mutating func defendants(proportional: Bool = true) -> [Defendant] {
    let direct = [Role.infringer, .provider, .designer]
    var list: [Defendant] = []
    switch Int.random(in: 0..<(proportional ? 4 : 3), using: &rng) {
    case 0:
      list = [Defendant(name: "sole", role: rng.pick(direct), form: .sole)]
    case 1:
      list = [
        Defendant(name: "employer", role: .employer, form: .vicarious, recourse: rng.chance(0.5))
      ]
    case 2:
      let count = Int.random(in: 2...4, using: &rng)
      let shares = rng.chance(0.5) ? weights(count, total: 1) : nil
      for i in 0..<count {
        let form = rng.pick([LiabilityForm.joint, .sufficient, .knew])
        list.append(
          Defendant(
            name: "group\(i)", role: form == .knew ? .platform : rng.pick(direct), form: form,
            share: shares?[i]))
      }
    default:
      let count = Int.random(in: 2...3, using: &rng)
      let shares = weights(count, total: Double.random(in: 0.2...1, using: &rng))
      for i in 0..<count {
        list.append(
          Defendant(name: "part\(i)", role: rng.pick(direct), form: .proportional, share: shares[i])
        )
      }
    }
    let platforms = Int.random(in: 0...2, using: &rng)
    if platforms > 0 {
      let shares = weights(platforms, total: Double.random(in: 0.1...1, using: &rng))
      for i in 0..<platforms {
        list.append(
          Defendant(
            name: "platform\(i)", role: .platform, form: .noticeIgnored, share: shares[i],
            expandedFraction: Double.random(in: 0...1, using: &rng)))
      }
    }
    return list
  }

  /// `count` positive weights summing to `total`.
  mutating func weights(_ count: Int, total: Double) -> [Double] {
    let raw = (0..<count).map { _ in Double.random(in: 0.05...1, using: &rng) }
    let sum = raw.reduce(0, +)
    return raw.map { $0 / sum * total }
  }

  /// Up to three defences, each available for the act and raised by an eligible defendant.
  public mutating func defenses(act: Act, defendants: [Defendant]) -> [Defense] {
    var list: [Defense] = []
    for _ in 0..<Int.random(in: 0...3, using: &rng) {
      let kind = rng.pick(DefenseKind.allCases.filter { $0.isAvailable(for: act) })
      if kind.isCaseWide {
        list.append(Defense(kind: kind))
        continue
      }
      let eligible = defendants.indices.filter {
        kind.eligibleRoles?.contains(defendants[$0].role) ?? true
      }
      if let who = eligible.randomElement(using: &rng) {
        list.append(Defense(kind: kind, defendant: who))
      }
    }
    return list
  }

  /// The facts of one outcome of a case.
  public mutating func facts(for terms: CaseTerms) -> Facts {
    var f = Facts()
    if rng.chance(0.8) {
      f.actualLoss = money()
      f.lossProven = rng.chance(0.5)
    }
    if rng.chance(0.8) {
      f.illegalGains = money()
      f.gainsProven = rng.chance(0.5)
    }
    if rng.chance(0.8) {
      f.licenseFee = money(upTo: 1_000_000)
      f.licenseFeeProven = rng.chance(0.5)
    }
    f.licenseFeeMultiple = rng.chance(0.5) ? 1 : Double.random(in: 1...5, using: &rng)
    let range = Statutory.range(under: terms.copyrightText)
    switch Int.random(in: 0..<10, using: &rng) {
    case 0: f.statutoryAward = Yuan(range.lowerBound)
    case 1: f.statutoryAward = Yuan(range.upperBound)
    default: f.statutoryAward = Yuan(Double.random(in: range, using: &rng))
    }
    f.intentional = rng.chance(0.5)
    f.serious = rng.chance(0.5)
    f.multiplier = Double.random(in: 1...5, using: &rng)
    if rng.chance(0.5) {
      f.mentalHarm = .found(rng.chance(0.5))
    } else {
      let threshold =
        rng.chance(0.7) ? MentalDistress.defaultThreshold : Double.random(in: 0...10, using: &rng)
      f.mentalHarm = .scored(score: Double.random(in: 0...10, using: &rng), threshold: threshold)
    }
    f.mentalDistress = money(upTo: 100_000)
    f.mentalDistressCap = rng.chance(0.3) ? money(upTo: 50_000) : nil
    f.expenses = money(upTo: 200_000)
    f.liquidatedDamages = rng.chance(0.5) ? money() : nil
    f.elements = Elements(
      work: rng.chance(0.9), infringement: rng.chance(0.9), causation: rng.chance(0.9),
      fault: rng.chance(0.9))
    for i in terms.defenses.indices { f.defenses.set(i, rng.chance(0.2)) }
    return f
  }
}

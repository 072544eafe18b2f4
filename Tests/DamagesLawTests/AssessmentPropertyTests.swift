import DamagesLaw
import Testing
import _DamagesTestSupport

/// Properties over many random cases. Each case has its own seed, named in every failure
/// message; set `DAMAGES_PROPERTY_SEED` to that seed to replay the case alone.
@Suite("R1–R10 Properties of the assessment")
struct AssessmentPropertyTests {
  static let count = 2_000

  /// Runs `body` on `count` random cases derived from `base`.
  static func forEachCase(
    base: UInt64, _ body: (_ seed: String, _ gen: inout ArbitraryCase) -> Void
  ) {
    for seed in PropertySeed.cases(count, base: base) {
      var gen = ArbitraryCase(seed: seed)
      body(PropertySeed.describe(seed), &gen)
    }
  }

  /// Whether a property met enough cases where it has something to say (not when replaying one).
  static func expectExercised(
    _ hits: Int, _ what: String, sourceLocation: SourceLocation = #_sourceLocation
  ) {
    if PropertySeed.replayed == nil {
      #expect(hits > 0, "no case exercised \(what)", sourceLocation: sourceLocation)
    }
  }

  @Test(
    "R1 R4 R5 R6 R7.2 R9 R10 the award and its parts are never negative or NaN; not liable gives 0")
  func neverNegative() {
    var liable = 0
    Self.forEachCase(base: 0xDA3A_0001) { seed, gen in
      let terms = gen.terms()
      let facts = gen.facts(for: terms)
      let assessor = Assessor(terms: terms)
      for outcome in [assessor.tort(facts), assessor.contract(facts)] {
        let route = outcome.route.rawValue
        for part in outcome.reportedParts + [
          ("uncapped", outcome.uncappedAward.value), ("fee_share", outcome.feeShare.value),
        ] {
          #expect(
            part.value.isFinite && part.value >= 0, "\(seed), \(route): \(part.0) = \(part.value)")
        }
        #expect(outcome.netRecovery.value.isFinite, "\(seed), \(route)")
        #expect(outcome.compensation == outcome.base + outcome.punitive, "\(seed), \(route)")
        #expect(
          outcome.netRecovery == outcome.award - outcome.feeShare - outcome.expensesSpent,
          "\(seed), \(route)")
        if outcome.isLiable {
          liable += 1
        } else {
          #expect(outcome.basis == .none, "\(seed), \(route)")
          #expect(
            outcome.reportedParts.allSatisfy { $0.value == 0 }, "\(seed), \(route): \(outcome)")
        }
      }
    }
    Self.expectExercised(liable, "a liable outcome")
  }

  @Test(
    "R10 the claim caps the award only: award = min(uncapped, claim), capped only above the claim")
  func claimCap() {
    var capped = 0
    Self.forEachCase(base: 0xDA3A_0002) { seed, gen in
      let terms = gen.terms().with {
        $0.claim = Yuan(Double.random(in: 500...200_000, using: &gen.rng))
      }
      let facts = gen.facts(for: terms)
      let outcome = Assessor(terms: terms).tort(facts)
      let claim = terms.claim!
      #expect(outcome.award == Swift.min(outcome.uncappedAward, claim), "\(seed)")
      #expect(outcome.capped == (outcome.uncappedAward > claim), "\(seed)")
      if outcome.isLiable {
        #expect(
          outcome.uncappedAward == outcome.compensation + outcome.mentalDistress + outcome.expenses,
          "\(seed)")
      }
      let share = outcome.feeShare.value
      #expect(share >= 0 && share <= outcome.fee!.value, "\(seed): fee share \(share)")
      if outcome.capped { capped += 1 }
    }
    Self.expectExercised(capped, "the cap")
  }

  @Test("R3 R4 statutory compensation stays within the statutory range, never multiplied")
  func statutoryWithinRange() {
    var statutory = 0
    Self.forEachCase(base: 0xDA3A_0003) { seed, gen in
      let terms = gen.terms()
      let facts = gen.facts(for: terms)
      let outcome = Assessor(terms: terms).tort(facts)
      guard outcome.basis == .statutory else { return }
      statutory += 1
      let range = Statutory.range(under: terms.copyrightText)
      #expect(
        range.contains(outcome.compensation.value),
        "\(seed): \(outcome.compensation) outside \(range)")
      #expect(outcome.compensation == facts.statutoryAward, "\(seed)")
      #expect(outcome.punitive == .zero && outcome.multiplier == 0, "\(seed)")
    }
    Self.expectExercised(statutory, "a statutory basis")
  }

  @Test("R4 the award is monotone in the multiplier")
  func monotoneInMultiplier() {
    var increased = 0
    Self.forEachCase(base: 0xDA3A_0004) { seed, gen in
      let terms = gen.terms()
      var facts = gen.facts(for: terms)
      if gen.rng.chance(0.7) {
        facts.intentional = true
        facts.serious = true
      }
      let a = Double.random(in: 1...5, using: &gen.rng)
      let b = Double.random(in: 1...5, using: &gen.rng)
      let (low, high) = (Swift.min(a, b), Swift.max(a, b))
      let assessor = Assessor(terms: terms)
      let lower = assessor.tort(facts.with { $0.multiplier = low })
      let higher = assessor.tort(facts.with { $0.multiplier = high })
      #expect(
        lower.award <= higher.award,
        "\(seed): multiplier \(low) → \(lower.award), \(high) → \(higher.award)")
      #expect(lower.compensation <= higher.compensation, "\(seed)")
      if lower.award < higher.award { increased += 1 }
    }
    Self.expectExercised(increased, "a rising award")
  }

  /// A figure of the facts that the award must not fall in.
  enum Figure: String, CaseIterable, Sendable {
    case actualLoss, illegalGains, licenseFee, licenseFeeMultiple, statutoryAward, expenses
    case mentalDistress, liquidatedDamages

    /// Raises the figure by a random amount within its allowed range; false if it is not given.
    func raise(_ facts: inout Facts, terms: CaseTerms, using gen: inout ArbitraryCase) -> Bool {
      func more(_ value: Yuan?) -> Yuan? { value.map { $0 + gen.money(upTo: 1_000_000) } }
      switch self {
      case .actualLoss: facts.actualLoss = more(facts.actualLoss)
      case .illegalGains: facts.illegalGains = more(facts.illegalGains)
      case .licenseFee: facts.licenseFee = more(facts.licenseFee)
      case .liquidatedDamages: facts.liquidatedDamages = more(facts.liquidatedDamages)
      case .expenses: facts.expenses = more(facts.expenses)!
      case .mentalDistress: facts.mentalDistress = more(facts.mentalDistress)!
      case .licenseFeeMultiple:
        let m = facts.licenseFeeMultiple
        facts.licenseFeeMultiple = m + Double.random(in: 0...1, using: &gen.rng) * (5 - m)
      case .statutoryAward:
        let top = Statutory.range(under: terms.copyrightText).upperBound
        facts.statutoryAward = facts.statutoryAward.map {
          Yuan($0.value + Double.random(in: 0...1, using: &gen.rng) * (top - $0.value))
        }
      }
      switch self {
      case .actualLoss: return facts.actualLoss != nil
      case .illegalGains: return facts.illegalGains != nil
      case .licenseFee: return facts.licenseFee != nil
      case .liquidatedDamages: return facts.liquidatedDamages != nil
      case .statutoryAward: return facts.statutoryAward != nil
      default: return true
      }
    }
  }

  @Test(
    "R1 R2 R3 R5 R6 R9 the award is monotone in each proven figure, other facts fixed",
    arguments: Figure.allCases)
  func monotoneInFigure(figure: Figure) {
    var increased = 0
    Self.forEachCase(base: 0xDA3A_0005) { seed, gen in
      let terms = gen.terms()
      let facts = gen.facts(for: terms)
      // Below 1.3 the cap ratio makes R9 non-monotone by design (see ContractDamagesTests).
      if figure == .liquidatedDamages && terms.options.liquidatedCapRatio < ContractDamages.excessiveRatio {
        return
      }
      var raised = facts
      guard figure.raise(&raised, terms: terms, using: &gen) else { return }
      let assessor = Assessor(terms: terms)
      for (before, after) in [
        (assessor.tort(facts), assessor.tort(raised)),
        (assessor.contract(facts), assessor.contract(raised)),
      ] {
        #expect(
          before.award <= after.award,
          "\(seed), \(before.route.rawValue): \(figure) raised, award \(before.award) → \(after.award)"
        )
        if before.award < after.award { increased += 1 }
      }
    }
    Self.expectExercised(increased, "a rising award")
  }

  @Test(
    "R10 the fee is monotone in the claim, at least the flat 50 yuan, halved in summary procedure")
  func feeMonotone() {
    Self.forEachCase(base: 0xDA3A_0006) { seed, gen in
      let a = gen.rng.logUniform(in: 1...1_000_000_000)
      let b = gen.rng.chance(0.2) ? a : gen.rng.logUniform(in: 1...1_000_000_000)
      let (low, high) = (Yuan(Swift.min(a, b)), Yuan(Swift.max(a, b)))
      for procedure in Procedure.allCases {
        let feeLow = FilingFee.fee(claim: low, procedure: procedure)
        let feeHigh = FilingFee.fee(claim: high, procedure: procedure)
        #expect(
          feeLow <= feeHigh,
          "\(seed): \(procedure) fee(\(low)) = \(feeLow) > fee(\(high)) = \(feeHigh)")
        #expect(feeLow.value >= (procedure == .summary ? 25 : 50), "\(seed)")
      }
      let ordinary = FilingFee.fee(claim: high, procedure: .ordinary)
      #expect(FilingFee.fee(claim: high, procedure: .summary) == ordinary * 0.5, "\(seed)")
    }
  }

  @Test("R7.3 R8 without proportional defendants the final shares sum to 1; no exposure exceeds 1")
  func sharesSumToOne() {
    var checked = 0
    Self.forEachCase(base: 0xDA3A_0007) { seed, gen in
      let defendants = gen.defendants(proportional: false)
      let all = UInt64.max >> UInt64(64 - defendants.count)
      let exempt = gen.rng.chance(0.5) ? 0 : UInt64.random(in: 0...all, using: &gen.rng)
      guard let fractions = Apportionment.fractions(for: defendants, exempt: exempt) else {
        #expect(exempt == all, "\(seed): nil fractions with defendants left")
        return
      }
      for (i, f) in fractions.enumerated() {
        #expect(
          f.exposure >= 0 && f.exposure <= 1, "\(seed): defendant \(i) exposure \(f.exposure)")
        #expect(
          f.share >= 0 && f.share <= f.exposure + 1e-12,
          "\(seed): defendant \(i) share \(f.share) above exposure \(f.exposure)")
        if exempt & (1 << UInt64(i)) != 0 {
          #expect(f.exposure == 0 && f.share == 0, "\(seed): exempt defendant \(i)")
        }
      }
      let total = fractions.reduce(0) { $0 + $1.share }
      let directLeft = defendants.indices.contains {
        defendants[$0].form != .noticeIgnored && exempt & (1 << UInt64($0)) == 0
      }
      if directLeft {
        checked += 1
        #expect(isClose(total, 1, tolerance: 1e-12), "\(seed): shares sum to \(total)")
      } else {
        // Only notice-ignored platforms are left: each bears its share of the expanded part.
        #expect(total <= 1 + 1e-12, "\(seed): shares sum to \(total)")
        for (i, d) in defendants.enumerated() where exempt & (1 << UInt64(i)) == 0 {
          let part = (d.expandedFraction ?? 0) * (d.share ?? 0)
          #expect(isClose(fractions[i].share, part, tolerance: 1e-12), "\(seed): platform \(i)")
        }
      }
    }
    Self.expectExercised(checked, "a defendant left to pay")
  }

  @Test(
    "R8 with proportional defendants no share exceeds its exposure and the shares sum to at most 1")
  func proportionalShares() {
    Self.forEachCase(base: 0xDA3A_0008) { seed, gen in
      let defendants = gen.defendants()
      let all = UInt64.max >> UInt64(64 - defendants.count)
      let exempt = gen.rng.chance(0.5) ? 0 : UInt64.random(in: 0..<all, using: &gen.rng)
      guard let fractions = Apportionment.fractions(for: defendants, exempt: exempt) else {
        Issue.record("\(seed): nil fractions with defendants left")
        return
      }
      for (i, f) in fractions.enumerated() {
        #expect(
          f.exposure >= 0 && f.exposure <= 1, "\(seed): defendant \(i) exposure \(f.exposure)")
        #expect(
          f.share >= 0 && f.share <= f.exposure + 1e-12, "\(seed): defendant \(i) share \(f.share)")
      }
      let total = fractions.reduce(0) { $0 + $1.share }
      #expect(total <= 1 + 1e-12, "\(seed): shares sum to \(total)")
    }
  }
}

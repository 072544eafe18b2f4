import DamagesLaw
import Testing
import _DamagesTestSupport

@Suite("R1–R11 Assessment of one outcome")
struct AssessmentTests {
  // docs/legal-model.md, Compensation: award (tort) = compensation (R1 to R4) + mental distress (R6) + expenses (R5).
  @Test("R1 R4 R5 R6 the tort award adds compensation, mental distress and expenses")
  func composition() {
    let terms = CaseTerms.plain(rights: [.attribution, .networkDissemination])
    let facts = Facts.proven(actualLoss: 12_000, illegalGains: 20_000).with {
      $0.mentalHarm = .found(true)
      $0.mentalDistress = 4_000
      $0.expenses = 2_500
    }.punitive(multiplier: 1.5)
    let outcome = Assessor(terms: terms).tort(facts)
    #expect(outcome.route == .tort)
    #expect(outcome.basis == .illegalGains)
    #expect(outcome.base == 20_000)
    #expect(outcome.punitive == 30_000)
    #expect(outcome.multiplier == 1.5)
    #expect(outcome.compensation == 50_000)
    #expect(outcome.mentalDistress == 4_000)
    #expect(outcome.expenses == 2_500)
    #expect(outcome.uncappedAward == 56_500)
    #expect(outcome.award == 56_500)
    #expect(!outcome.capped)
    #expect(outcome.fee == nil)
    #expect(outcome.feeShare == .zero)
    #expect(outcome.netRecovery == 54_000)
  }

  // Civil Procedure Law Art. 13 (处分原则); a judgment beyond the claims is a ground for retrial
  // (Art. 211(11)). docs/scenario-format.md, How the scenario is read: only the award is capped; capped is true only when the uncapped award
  // exceeds the claim. Rows: claim, award, capped (uncapped award 12,000).
  typealias CapRow = (claim: Double, award: Double, capped: Bool)
  static let caps: [CapRow] = [
    (8_000, 8_000, true),
    (11_999, 11_999, true),
    (12_000, 12_000, false),
    (20_000, 12_000, false),
  ]

  @Test("R10 the claim caps the award, not its parts", arguments: caps)
  func claimCap(claim: Double, award: Double, capped: Bool) {
    let terms = CaseTerms.plain().with { $0.claim = Yuan(claim) }
    let facts = Facts.proven(actualLoss: 10_000).with { $0.expenses = 2_000 }
    let outcome = Assessor(terms: terms).tort(facts)
    #expect(outcome.uncappedAward == 12_000)
    #expect(outcome.award == Yuan(award))
    #expect(outcome.capped == capped)
    #expect(outcome.compensation == 10_000)
    #expect(outcome.expenses == 2_000)
  }

  @Test("R9 R10 the claim caps the contract award too")
  func claimCapContract() {
    let terms = CaseTerms.plain(act: .repetitiveGeneration).with { $0.claim = 5_000 }
    let outcome = Assessor(terms: terms).contract(Facts.proven(actualLoss: 10_000))
    #expect(outcome.award == 5_000)
    #expect(outcome.capped)
    #expect(outcome.compensation == 10_000)
  }

  @Test(
    "R10 the fee is charged on the claim and halved in summary procedure",
    arguments: [(Procedure.ordinary, 2_300.0), (.summary, 1_150)])
  func feeOnClaim(procedure: Procedure, fee: Double) throws {
    let terms = CaseTerms.plain().with {
      $0.claim = 100_000
      $0.procedure = procedure
    }
    let outcome = Assessor(terms: terms).tort(Facts.proven(actualLoss: 25_000))
    let charged = try #require(outcome.fee)
    #expect(isClose(charged.value, fee))
    // proportional: the claimant bears (100,000 − 25,000) / 100,000 = 75 % of the fee.
    #expect(isClose(outcome.feeShare.value, fee * 0.75))
    #expect(isClose(outcome.netRecovery.value, 25_000 - fee * 0.75))
  }

  @Test("R10 loser-pays: a liable defendant bears the whole fee")
  func loserPays() {
    let terms = CaseTerms.plain().with {
      $0.claim = 100_000
      $0.options.feeAllocation = .loserPays
    }
    let outcome = Assessor(terms: terms).tort(
      Facts.proven(actualLoss: 25_000).with { $0.expenses = 1_000 })
    #expect(outcome.feeShare == .zero)
    #expect(outcome.netRecovery == 25_000)
  }

  @Test(
    "R10 not liable: the claimant bears the whole fee under either allocation",
    arguments: FeeAllocation.allCases)
  func notLiableBearsFee(allocation: FeeAllocation) throws {
    let terms = CaseTerms.plain().with {
      $0.claim = 100_000
      $0.options.feeAllocation = allocation
    }
    let facts = Facts.proven(actualLoss: 25_000).with {
      $0.elements.work = false
      $0.expenses = 1_000
    }
    let outcome = Assessor(terms: terms).tort(facts)
    let fee = try #require(outcome.fee)
    #expect(outcome.award == .zero)
    #expect(!outcome.capped)
    #expect(outcome.feeShare == fee)
    #expect(isClose(outcome.netRecovery.value, -1_000 - fee.value))
  }

  @Test("R10 an award that reaches the claim leaves the claimant no fee")
  func fullWin() {
    let terms = CaseTerms.plain().with { $0.claim = 20_000 }
    let outcome = Assessor(terms: terms).tort(Facts.proven(actualLoss: 30_000))
    #expect(outcome.award == 20_000)
    #expect(outcome.feeShare == .zero)
  }

  // Modelled on Beijing Internet Court (2023) 京0491民初11279 (docs/legal-model.md, Filing fee): statutory damages of
  // 500 on a claim of 5,000, attribution and network dissemination infringed; the defendant paid
  // the fee on a 10 % win.
  @Test("R3 R10 R11 a worked case: 500 of 5,000 claimed")
  func workedCase() {
    let terms = CaseTerms.plain(rights: [.attribution, .networkDissemination]).with {
      $0.claim = 5_000
      $0.options.feeAllocation = .loserPays
    }
    let outcome = Assessor(terms: terms).tort(Facts.proven(statutoryAward: 500))
    #expect(outcome.basis == .statutory)
    #expect(outcome.award == 500)
    #expect(outcome.fee == 50)
    #expect(outcome.feeShare == .zero)
    #expect(outcome.netRecovery == 500)
    let proportional = Assessor(terms: terms.with { $0.options.feeAllocation = .proportional })
      .tort(Facts.proven(statutoryAward: 500))
    #expect(isClose(proportional.feeShare.value, 45))  // 50 × 4,500 / 5,000
    #expect(isClose(proportional.netRecovery.value, 455))
    #expect(
      Remedy.available(for: terms, liable: outcome.isLiable)
        == [.cessation, .eliminationOfEffects, .apology, .injunction])
  }

  @Test("R1 R4 R5 R6 R9 compare: the same facts on both routes")
  func bothRoutes() {
    let terms = CaseTerms.plain(act: .repetitiveGeneration).with {
      $0.options.contractExpenses = true
    }
    let facts = Facts.proven(actualLoss: 10_000).with {
      $0.liquidatedDamages = 20_000
      $0.expenses = 1_000
    }.punitive(multiplier: 2)
    let assessor = Assessor(terms: terms)
    let tort = assessor.tort(facts)
    let contract = assessor.contract(facts)
    #expect(tort.award == 31_000)  // 10,000 + 2 × 10,000 + 1,000
    // the breach is intentional: the liquidated damages are not reduced; 20,000 + 1,000
    #expect(contract.award == 21_000)
    #expect(contract.liquidatedAdjustment == .notReducedIntentional)
    // not intentional: reduced to 1.3 × 10,000; 13,000 + 1,000
    let reduced = assessor.contract(facts.with { $0.intentional = false })
    #expect(isClose(reduced.award.value, 14_000))
    #expect(reduced.liquidatedAdjustment == .reducedToCap)
  }
}

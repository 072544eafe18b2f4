import DamagesLaw
import Testing
import _DamagesTestSupport

@Suite("R5 Reasonable expenses")
struct ExpensesTests {
  // Copyright Law Art. 54 ¶3: 赔偿数额还应当包括权利人为制止侵权行为所支付的合理开支。 With
  // `statutory_includes_expenses` the court's statutory lump already covers them (经济损失及合理开支).
  // Rows: basis, statutory_includes_expenses, added (of 2,000 spent).
  typealias ExpenseRow = (basis: Basis, includes: Bool, added: Double)
  static let added: [ExpenseRow] = [
    (.actualLoss, false, 2_000),
    (.illegalGains, false, 2_000),
    (.licenseFee, false, 2_000),
    (.statutory, false, 2_000),
    (.statutory, true, 0),
    (.actualLoss, true, 2_000),
    (.illegalGains, true, 2_000),
    (.licenseFee, true, 2_000),
  ]

  @Test("R5 expenses are added on every basis, except into a statutory lump", arguments: added)
  func addedByBasis(basis: Basis, includes: Bool, added: Double) {
    #expect(Expenses.added(2_000, basis: basis, statutoryIncludesExpenses: includes) == Yuan(added))
  }

  @Test(
    "R5 expenses are added after R1 to R4 and never multiplied",
    arguments: PunitiveReading.allCases, [1.0, 2.5, 5])
  func neverMultiplied(reading: PunitiveReading, multiplier: Double) {
    let terms = CaseTerms.plain().with { $0.options.punitive = reading }
    let facts = Facts.proven(illegalGains: 8_000).with { $0.expenses = 1_500 }
    let withPunitive = Assessor(terms: terms).tort(facts.punitive(multiplier: multiplier))
    let without = Assessor(terms: terms).tort(
      facts.with { $0.expenses = 0 }.punitive(multiplier: multiplier))
    #expect(withPunitive.expenses == 1_500)
    #expect(withPunitive.compensation == without.compensation)
    #expect(withPunitive.award == without.award + 1_500)
  }

  @Test("R3 R5 a statutory lump adds no expenses, but they are still spent")
  func statutoryLump() {
    let terms = CaseTerms.plain().with {
      $0.options.statutoryIncludesExpenses = true
      $0.claim = 100_000
    }
    let facts = Facts.proven(statutoryAward: 40_000).with { $0.expenses = 6_000 }
    let outcome = Assessor(terms: terms).tort(facts)
    #expect(outcome.basis == .statutory)
    #expect(outcome.expenses == .zero)
    #expect(outcome.expensesSpent == 6_000)
    #expect(outcome.award == 40_000)
    // fee on 100,000: 2,300; the claimant bears 60 % of it.
    #expect(isClose(outcome.feeShare, 1_380))
    #expect(isClose(outcome.netRecovery, 40_000 - 1_380 - 6_000))
  }

  @Test("R3 R5 a statutory lump does not stop expenses on the other bases")
  func lumpOnlyOnStatutory() {
    let terms = CaseTerms.plain().with { $0.options.statutoryIncludesExpenses = true }
    let facts = Facts.proven(actualLoss: 20_000, statutoryAward: 40_000).with {
      $0.expenses = 6_000
    }
    let outcome = Assessor(terms: terms).tort(facts)
    #expect(outcome.basis == .actualLoss)
    #expect(outcome.expenses == 6_000)
    #expect(outcome.award == 26_000)
  }

  @Test("R5 R7.2 expenses are spent even when nobody is liable")
  func spentWhenNotLiable() {
    let facts = Facts.proven(actualLoss: 20_000).with {
      $0.expenses = 6_000
      $0.elements.causation = false
    }
    let outcome = Assessor(terms: .plain()).tort(facts)
    #expect(outcome.expenses == .zero)
    #expect(outcome.expensesSpent == 6_000)
    #expect(outcome.netRecovery == -6_000)
  }
}

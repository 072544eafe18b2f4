import DamagesLaw
import Testing
import _DamagesTestSupport

@Suite("R9 Contract damages")
struct ContractDamagesTests {
  // Civil Code Art. 584 (the foreseeable loss); Art. 585 ¶2: 约定的违约金低于造成的损失的，人民法院或者
  // 仲裁机构可以根据当事人的请求予以增加；约定的违约金过分高于造成的损失的，人民法院或者仲裁机构可以根据
  // 当事人的请求予以适当减少。 法释〔2023〕13号 Art. 65 ¶2: 约定的违约金超过造成损失的百分之三十的，人民
  // 法院一般可以认定为过分高于造成的损失。 ¶3: 恶意违约的当事人一方请求减少违约金的，人民法院一般不予支持。
  // Rows: proven loss, liquidated damages, intentional, basis, amount, adjustment (cap ratio 1.3).
  typealias Row = (
    loss: Double?, liquidated: Double?, intentional: Bool, basis: Basis, amount: Double,
    adjustment: ContractDamages.Adjustment
  )
  static let rows: [Row] = [
    (10_000, nil, false, .actualLoss, 10_000, .none),
    (10_000, 10_000, false, .liquidatedDamages, 10_000, .none),
    (10_000, 12_000, false, .liquidatedDamages, 12_000, .none),
    (10_000, 13_000, false, .liquidatedDamages, 13_000, .none),  // exactly 130 %: kept
    (10_000, 13_001, false, .liquidatedDamages, 13_000, .reducedToCap),
    (10_000, 20_000, false, .liquidatedDamages, 13_000, .reducedToCap),
    (10_000, 20_000, true, .liquidatedDamages, 20_000, .notReducedIntentional),
    (10_000, 8_000, false, .liquidatedDamages, 10_000, .raisedToLoss),
    (10_000, 8_000, true, .liquidatedDamages, 10_000, .raisedToLoss),
    (nil, 20_000, false, .liquidatedDamages, 20_000, .none),
    (nil, nil, false, .none, 0, .none),
  ]

  @Test(
    "R9 actual loss, or liquidated damages kept, reduced to 130 % of the loss or raised to it",
    arguments: rows)
  func damages(
    loss: Double?, liquidated: Double?, intentional: Bool, basis: Basis, amount: Double,
    adjustment: ContractDamages.Adjustment
  ) {
    let result = ContractDamages.damages(
      provenLoss: loss.map { Yuan($0) }, liquidated: liquidated.map { Yuan($0) },
      intentional: intentional,
      capRatio: 1.3)
    #expect(result.basis == basis)
    #expect(isClose(result.amount.value, amount))
    #expect(result.adjustment == adjustment)
  }

  @Test("R9 the cap ratio is an option, 1.3 by default")
  func capRatio() {
    #expect(Options().liquidatedCapRatio == 1.3)
    let result = ContractDamages.damages(
      provenLoss: 10_000, liquidated: 20_000, intentional: false, capRatio: 1.5)
    #expect(result.amount == 15_000)
    #expect(result.adjustment == .reducedToCap)
  }

  @Test("R9 a cap ratio below 1.3 keeps an agreed sum up to 1.3 × the loss and cuts one above it to less")
  func capRatioBelowThreshold() {
    // Art. 65 ¶2 presumes excessive only what is more than 30 % above the loss; the cut then
    // goes to ratio × loss. With ratio 1.1 a higher agreed sum can give a lower award, as
    // docs/legal-model.md states.
    func award(_ agreed: Yuan) -> Yuan {
      ContractDamages.damages(provenLoss: 10_000, liquidated: agreed, intentional: false, capRatio: 1.1).amount
    }
    #expect(award(12_900) == 12_900)
    #expect(award(13_000) == 13_000)
    #expect(award(13_100) == 11_000)
  }

  static let repetitive = CaseTerms.plain(
    act: .repetitiveGeneration, rights: [.attribution, .reproduction])

  /// Facts that would give statutory, punitive and mental-distress damages in tort.
  static let tortRich = Facts.proven(actualLoss: 10_000, statutoryAward: 1_000_000).with {
    $0.mentalHarm = .found(true)
    $0.mentalDistress = 8_000
    $0.expenses = 3_000
  }.punitive(multiplier: 5)

  @Test("R9 the contract route: the loss, no punitive, no mental distress, no expenses by default")
  func contractRoute() {
    let outcome = Assessor(terms: Self.repetitive).contract(Self.tortRich)
    #expect(outcome.route == .contract)
    #expect(outcome.liability == .liable)
    #expect(outcome.basis == .actualLoss)
    #expect(outcome.base == 10_000)
    #expect(outcome.punitive == .zero)
    #expect(outcome.multiplier == 0)
    #expect(outcome.compensation == 10_000)
    #expect(outcome.mentalDistress == .zero)
    #expect(outcome.expenses == .zero)
    #expect(outcome.expensesSpent == 3_000)
    #expect(outcome.award == 10_000)
    #expect(outcome.netRecovery == 7_000)
    // the same facts in tort: (10,000 + 50,000) + 8,000 + 3,000
    #expect(Assessor(terms: Self.repetitive).tort(Self.tortRich).award == 71_000)
  }

  @Test("R9 no statutory damages on the contract route")
  func noStatutory() {
    let facts = Facts.proven(statutoryAward: 50_000)
    let outcome = Assessor(terms: Self.repetitive).contract(facts)
    #expect(outcome.basis == .none)
    #expect(outcome.award == .zero)
    #expect(outcome.basis != .statutory)
  }

  @Test("R9 only the proven loss counts; gains and the license fee do not")
  func onlyProvenLoss() {
    let facts = Facts.proven(illegalGains: 40_000, licenseFee: 30_000).with {
      $0.actualLoss = 90_000
      $0.liquidatedDamages = 5_000
    }
    let outcome = Assessor(terms: Self.repetitive).contract(facts)
    #expect(outcome.basis == .liquidatedDamages)
    #expect(outcome.award == 5_000)
  }

  @Test("R9 liquidated damages through the assessment", arguments: [false, true])
  func liquidatedThroughAssessor(intentional: Bool) {
    let facts = Facts.proven(actualLoss: 10_000).with {
      $0.liquidatedDamages = 30_000
      $0.intentional = intentional
    }
    let outcome = Assessor(terms: Self.repetitive).contract(facts)
    #expect(outcome.basis == .liquidatedDamages)
    #expect(isClose(outcome.award.value, intentional ? 30_000 : 13_000))
    #expect(outcome.liquidatedAdjustment == (intentional ? .notReducedIntentional : .reducedToCap))
  }

  @Test("R5 R9 contract_expenses adds the expenses")
  func contractExpenses() {
    let terms = Self.repetitive.with { $0.options.contractExpenses = true }
    let outcome = Assessor(terms: terms).contract(Self.tortRich)
    #expect(outcome.expenses == 3_000)
    #expect(outcome.award == 13_000)
    #expect(outcome.netRecovery == 10_000)
  }
}

@Suite("R9 Which routes are open")
struct RouteAvailabilityTests {
  // Civil Code Art. 186: 因当事人一方的违约行为，损害对方人身权益、财产权益的，受损害方有权选择请求其承担
  // 违约责任或者侵权责任。 Only repetitive generation breaches an agreement between the parties.
  // Rows: act, route, open.
  @Test(
    "R9 tort is always open; contract and compare only for repetitive generation",
    arguments: [
      (Act.illegalUse, Route.tort, true), (.illegalUse, .contract, false),
      (.illegalUse, .compare, false), (.generatedOutput, .tort, true),
      (.generatedOutput, .contract, false), (.generatedOutput, .compare, false),
      (.repetitiveGeneration, .tort, true), (.repetitiveGeneration, .contract, true),
      (.repetitiveGeneration, .compare, true),
    ] as [(Act, Route, Bool)])
  func open(_ act: Act, _ route: Route, _ expected: Bool) {
    #expect(route.isOpen(for: act) == expected)
    #expect(act.bindsServiceAgreement == (act == .repetitiveGeneration))
  }
}

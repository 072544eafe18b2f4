import DamagesLaw
import Testing
import _DamagesTestSupport

@Suite("R4 Punitive damages")
struct PunitiveTests {
  // Copyright Law Art. 54 ¶1: 对故意侵犯著作权或者与著作权有关的权利，情节严重的，可以在按照上述方法确定
  // 数额的一倍以上五倍以下给予赔偿。 法释〔2021〕4号 Art. 5 ¶1: the base is the actual loss or the
  // illegal gains, Art. 5 ¶2: or a multiple of the license fee; never statutory damages.
  // Rows: intentional, serious, basis, text, status.
  typealias GateRow = (
    intentional: Bool, serious: Bool, basis: Basis, text: CopyrightText, status: Punitive.Status
  )
  static let gates: [GateRow] = [
    (true, true, .actualLoss, .text2020, .applied),
    (true, true, .illegalGains, .text2020, .applied),
    (true, true, .licenseFee, .text2020, .applied),
    (true, true, .statutory, .text2020, .statutoryBasis),
    (false, true, .actualLoss, .text2020, .notIntentional),
    (true, false, .actualLoss, .text2020, .notSerious),
    (false, false, .illegalGains, .text2020, .notIntentional),
    (true, true, .actualLoss, .text2010, .text2010),
    (true, true, .licenseFee, .text2010, .text2010),
  ]

  @Test("R4 the gate: intentional, serious, a basis of R1 or R2, the 2020 text", arguments: gates)
  func gate(
    intentional: Bool, serious: Bool, basis: Basis, text: CopyrightText, status: Punitive.Status
  ) {
    #expect(
      Punitive.gate(intentional: intentional, serious: serious, basis: basis, text: text) == status)
  }

  // The two readings of 一倍以上五倍以下 on a base of 10,000. Additive (Beijing High People's Court
  // 2022 Guidelines §3.1): compensation = base + base × m. Inclusive (the literal reading):
  // compensation = base × m. Rows: reading, multiplier, punitive part, compensation.
  typealias ReadingRow = (
    reading: PunitiveReading, multiplier: Double, punitive: Double, compensation: Double
  )
  static let readings: [ReadingRow] = [
    (.additive, 1, 10_000, 20_000),
    (.additive, 2.5, 25_000, 35_000),
    (.additive, 5, 50_000, 60_000),
    (.inclusive, 1, 0, 10_000),
    (.inclusive, 2.5, 15_000, 25_000),
    (.inclusive, 5, 40_000, 50_000),
  ]

  @Test("R4 the punitive part under the additive and inclusive readings", arguments: readings)
  func amount(
    reading: PunitiveReading, multiplier: Double, punitive: Double, compensation: Double
  ) {
    #expect(
      Punitive.amount(base: 10_000, multiplier: multiplier, reading: reading) == Yuan(punitive))
  }

  @Test("R4 the assessment applies each reading to the base", arguments: readings)
  func throughAssessor(
    reading: PunitiveReading, multiplier: Double, punitive: Double, compensation: Double
  ) {
    let terms = CaseTerms.plain().with { $0.options.punitive = reading }
    let outcome = Assessor(terms: terms).tort(
      Facts.proven(actualLoss: 10_000).punitive(multiplier: multiplier))
    #expect(outcome.punitiveStatus == .applied)
    #expect(outcome.multiplier == multiplier)
    #expect(outcome.base == 10_000)
    #expect(outcome.punitive == Yuan(punitive))
    #expect(outcome.compensation == Yuan(compensation))
    #expect(outcome.award == Yuan(compensation))
  }

  @Test("R4 the multiplier lies within 1 to 5")
  func multiplierRange() {
    #expect(Punitive.multiplierRange == 1...5)
  }

  @Test("R4 no punitive damages on statutory damages")
  func notOnStatutory() {
    let outcome = Assessor(terms: .plain()).tort(
      Facts.proven(statutoryAward: 50_000).punitive(multiplier: 4))
    #expect(outcome.basis == .statutory)
    #expect(outcome.punitiveStatus == .statutoryBasis)
    #expect(outcome.punitive == .zero)
    #expect(outcome.multiplier == 0)
    #expect(outcome.compensation == 50_000)
  }

  @Test("R4 no punitive damages under the 2010 text")
  func notUnder2010Text() {
    let terms = CaseTerms.plain().with {
      $0.infringementDate = CivilDate(year: 2021, month: 5, day: 31)
    }
    let outcome = Assessor(terms: terms).tort(
      Facts.proven(actualLoss: 10_000).punitive(multiplier: 3))
    #expect(outcome.punitiveStatus == .text2010)
    #expect(outcome.punitive == .zero)
    #expect(outcome.multiplier == 0)
    #expect(outcome.compensation == 10_000)
    let onTheDay = terms.with { $0.infringementDate = CivilDate(year: 2021, month: 6, day: 1) }
    #expect(
      Assessor(terms: onTheDay).tort(Facts.proven(actualLoss: 10_000).punitive(multiplier: 3))
        .compensation == 40_000)
  }

  @Test(
    "R4 not intentional or not serious closes the gate",
    arguments: [(false, true), (true, false), (false, false)])
  func gateClosed(intentional: Bool, serious: Bool) {
    let facts = Facts.proven(illegalGains: 10_000).with {
      $0.intentional = intentional
      $0.serious = serious
      $0.multiplier = 5
    }
    let outcome = Assessor(terms: .plain()).tort(facts)
    #expect(outcome.punitiveStatus == (intentional ? .notSerious : .notIntentional))
    #expect(outcome.punitive == .zero)
    #expect(outcome.multiplier == 0)
    #expect(outcome.compensation == 10_000)
  }

  // 法释〔2021〕4号 Art. 5 ¶2: 参照该权利使用费的倍数合理确定 — the base is fee × multiple, and the
  // punitive multiplier applies to that base.
  @Test("R4 on a license-fee basis the multiplier applies to fee × multiple")
  func onLicenseFee() {
    let facts = Facts.proven(licenseFee: 2_000).with { $0.licenseFeeMultiple = 2 }.punitive(
      multiplier: 3)
    let additive = Assessor(terms: .plain()).tort(facts)
    #expect(additive.basis == .licenseFee)
    #expect(additive.base == 4_000)
    #expect(additive.punitive == 12_000)
    #expect(additive.compensation == 16_000)
    let inclusive = Assessor(terms: .plain().with { $0.options.punitive = .inclusive }).tort(facts)
    #expect(inclusive.compensation == 12_000)
  }

  // 法释〔2021〕4号 Art. 5 ¶1: the base excludes the reasonable expenses paid to stop the infringement.
  @Test("R4 R5 expenses stay outside the punitive base")
  func expensesOutsideBase() {
    let facts = Facts.proven(actualLoss: 10_000).with { $0.expenses = 3_000 }.punitive(
      multiplier: 2)
    let outcome = Assessor(terms: .plain()).tort(facts)
    #expect(outcome.punitive == 20_000)
    #expect(outcome.compensation == 30_000)
    #expect(outcome.expenses == 3_000)
    #expect(outcome.award == 33_000)
  }

  @Test("R4 R6 mental distress stays outside the punitive base")
  func mentalDistressOutsideBase() {
    let terms = CaseTerms.plain(rights: [.attribution, .reproduction])
    let facts = Facts.proven(actualLoss: 10_000).with {
      $0.mentalHarm = .found(true)
      $0.mentalDistress = 5_000
    }.punitive(multiplier: 2)
    let outcome = Assessor(terms: terms).tort(facts)
    #expect(outcome.mentalDistress == 5_000)
    #expect(outcome.punitive == 20_000)
    #expect(outcome.compensation == 30_000)
    #expect(outcome.award == 35_000)
  }
}

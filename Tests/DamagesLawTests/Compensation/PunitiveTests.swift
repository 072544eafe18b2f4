import DamagesLaw
import Testing
import _DamagesTestSupport

@Suite("R4 Punitive damages")
struct PunitiveTests {
  // Copyright Law Art. 54 ¶1: 对故意侵犯著作权或者与著作权有关的权利，情节严重的，可以在按照上述方法确定
  // 数额的一倍以上五倍以下给予赔偿。 法释〔2021〕4号 Art. 5 ¶1: the base is the actual loss or the
  // illegal gains, Art. 5 ¶2: or a multiple of the license fee; never statutory damages.
  // Rows: intentional, serious, basis, what punitive damages rest on (by the last day), status.
  typealias GateRow = (
    intentional: Bool, serious: Bool, basis: Basis, law: ApplicableLaw.PunitiveBasis,
    status: Punitive.Status
  )
  static let gates: [GateRow] = [
    (true, true, .actualLoss, .copyrightLaw, .applied),
    (true, true, .illegalGains, .copyrightLaw, .applied),
    (true, true, .licenseFee, .copyrightLaw, .applied),
    (true, true, .statutory, .copyrightLaw, .statutoryBasis),
    (false, true, .actualLoss, .copyrightLaw, .notIntentional),
    (true, false, .actualLoss, .copyrightLaw, .notSerious),
    (false, false, .illegalGains, .copyrightLaw, .notIntentional),
    (true, true, .illegalGains, .civilCode, .applied),
    (true, true, .statutory, .civilCode, .statutoryBasis),
    (true, true, .actualLoss, .unavailable, .beforeCivilCode),
    (true, true, .licenseFee, .unavailable, .beforeCivilCode),
  ]

  @Test(
    "R4 the gate: intentional, serious, a basis of R1 or R2, a last day from 2021-01-01",
    arguments: gates)
  func gate(
    intentional: Bool, serious: Bool, basis: Basis, law: ApplicableLaw.PunitiveBasis,
    status: Punitive.Status
  ) {
    #expect(
      Punitive.gate(intentional: intentional, serious: serious, basis: basis, law: law) == status)
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

  // Civil Code Art. 1185 is in force from 2021-01-01; before it no text gave punitive damages
  // for copyright (the 2010 Copyright Law has no punitive clause). The last day decides
  // (法释〔2020〕15号 Art. 1 ¶3): ending on 2020-12-31 closes the gate; ending on 2021-01-01
  // opens it (additive, base 10,000 × 3: 10,000 + 30,000 = 40,000).
  @Test("R4 no punitive damages for an infringement that ended before 2021-01-01")
  func closedBeforeCivilCode() {
    let terms = CaseTerms.plain().with {
      $0.infringementDate = CivilDate(year: 2020, month: 3, day: 1)
      $0.infringementEnd = CivilDate(year: 2020, month: 12, day: 31)
    }
    let outcome = Assessor(terms: terms).tort(
      Facts.proven(actualLoss: 10_000).punitive(multiplier: 3))
    #expect(outcome.punitiveStatus == .beforeCivilCode)
    #expect(outcome.punitive == .zero)
    #expect(outcome.multiplier == 0)
    #expect(outcome.compensation == 10_000)
    let onTheDay = terms.with { $0.infringementEnd = CivilDate(year: 2021, month: 1, day: 1) }
    #expect(
      Assessor(terms: onTheDay).tort(Facts.proven(actualLoss: 10_000).punitive(multiplier: 3))
        .compensation == 40_000)
  }

  // The game private-server pattern (Guangzhou IP Court, reported in 中国知识产权报
  // 2025-03-26): run from 2020 to 2021-03-22, punitive damages of 2× under Civil Code Art. 1185,
  // before the 2020 Copyright Law came into force. Illegal gains 500,000 proven, additive, 2×:
  // 500,000 + 2 × 500,000 = 1,500,000; the step cites Art. 1185 and says why.
  @Test("R4 an infringement that ended from 2021-01-01 to 2021-05-31: Civil Code Art. 1185 alone")
  func civilCodeAlone() throws {
    let terms = CaseTerms.plain().with {
      $0.infringementDate = CivilDate(year: 2020, month: 6, day: 1)
      $0.infringementEnd = CivilDate(year: 2021, month: 3, day: 22)
    }
    let facts = Facts.proven(illegalGains: 500_000).punitive(multiplier: 2)
    let outcome = Assessor(terms: terms).tort(facts)
    #expect(outcome.punitiveStatus == .applied)
    #expect(outcome.punitive == 1_000_000)
    #expect(outcome.compensation == 1_500_000)
    let steps = Narration.steps(for: outcome, facts: facts, terms: terms)
    let r4 = try #require(steps.first { $0.rule == "R4" })
    #expect(r4.source.hasPrefix("Civil Code Art. 1185"))
    #expect(!r4.source.contains("Art. 54"))
    #expect(r4.english.contains("rest on Civil Code Art. 1185 alone: the infringement ended on 2021-03-22"))
    // begun the same day but a single act: the gate is closed
    let single = terms.with { $0.infringementEnd = nil }
    #expect(Assessor(terms: single).tort(facts).punitiveStatus == .beforeCivilCode)
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

import DamagesLaw
import Testing
import _DamagesTestSupport

@Suite("R3 Statutory damages per work")
struct StatutoryPerWorkTests {
  // Copyright Law Art. 54 ¶2: courts fix statutory damages work by work in photo cases: 700 yuan
  // × 52 photos = 36,400 (a photo agency's claim); 12 × 3,000 = 36,000; one work: the amount.
  @Test(
    "R3 per work: the statutory award is works × the per-work amount",
    arguments: [(52, 700.0, 36_400.0), (12, 3_000, 36_000), (1, 800, 800)])
  func product(works: Int, perWork: Double, award: Double) {
    #expect(StatutoryPerWork.award(perWork: Yuan(perWork), works: works) == Yuan(award))
    let terms = CaseTerms.plain().with { $0.works = works }
    let facts = Facts.proven().with { $0.statutoryAwardPerWork = Yuan(perWork) }
    let outcome = Assessor(terms: terms).tort(facts)
    #expect(outcome.basis == .statutory)
    #expect(outcome.base == Yuan(award))
    #expect(outcome.award == Yuan(award))
  }

  @Test("R3 per work: the explanation shows the product")
  func explanation() throws {
    let terms = CaseTerms.plain().with { $0.works = 52 }
    let facts = Facts.proven().with { $0.statutoryAwardPerWork = 700 }
    let steps = Narration.steps(for: Assessor(terms: terms).tort(facts), facts: facts, terms: terms)
    let r3 = try #require(steps.first { $0.rule == "R3" })
    #expect(r3.english.hasSuffix("52 works × 700 = 36,400 yuan."))
    #expect(r3.chinese.contains("52 件作品 × 700 元 = 36,400 元"))
    #expect(r3.amount == 36_400)
    // a per-work median that is not whole shows its fen, so the product checks by hand:
    // 52 × 776.67 ≈ 40,386.84, and 52 × (2,330 / 3) = 40,386.67 rounds to 40,387
    let median = Facts.proven().with { $0.statutoryAwardPerWork = Yuan(2_330.0 / 3) }
    let fractional = Narration.steps(
      for: Assessor(terms: terms).tort(median), facts: median, terms: terms)
    let step = try #require(fractional.first { $0.rule == "R3" })
    #expect(step.english.hasSuffix("52 works × 776.67 = 40,387 yuan."))
  }

  // R4: statutory damages are never a punitive base (法释〔2021〕4号 Art. 5), per work or not.
  @Test("R3 R4 no punitive damages on a per-work statutory award")
  func noPunitive() {
    let terms = CaseTerms.plain().with { $0.works = 10 }
    let facts = Facts.proven().with { $0.statutoryAwardPerWork = 1_000 }.punitive(multiplier: 3)
    let outcome = Assessor(terms: terms).tort(facts)
    #expect(outcome.punitiveStatus == .statutoryBasis)
    #expect(outcome.compensation == 10_000)
  }
}

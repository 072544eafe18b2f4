import DamagesLaw
import Testing
import _DamagesTestSupport

@Suite("R6 Mental distress")
struct MentalDistressTests {
  // Civil Code Art. 1183 ¶1: 侵害自然人人身权益造成严重精神损害的，被侵权人有权请求精神损害赔偿。
  // 法释〔2001〕7号 (as amended by 法释〔2020〕17号) Art. 4: a legal person's claim is not supported.
  // Rows: claimant, a moral right infringed, harm, status.
  typealias GateRow = (
    claimant: Claimant, moral: Bool, harm: MentalDistress.Harm, status: MentalDistress.Status
  )
  static let gates: [GateRow] = [
    (.naturalPerson, true, .found(true), .awarded),
    (.legalPerson, true, .found(true), .legalPerson),
    (.naturalPerson, false, .found(true), .noMoralRight),
    (.naturalPerson, true, .found(false), .notSerious),
    (.naturalPerson, true, .scored(score: 5.9, threshold: 6), .notSerious),
    (.naturalPerson, true, .scored(score: 6, threshold: 6), .awarded),
    (.naturalPerson, true, .scored(score: 6.1, threshold: 6), .awarded),
    (.naturalPerson, true, .scored(score: 8, threshold: 9), .notSerious),
    (.naturalPerson, true, .scored(score: 0, threshold: 0), .awarded),
    (.legalPerson, false, .found(false), .legalPerson),
  ]

  @Test("R6 the gate: a natural person, a moral right, serious harm", arguments: gates)
  func gate(
    claimant: Claimant, moral: Bool, harm: MentalDistress.Harm, status: MentalDistress.Status
  ) {
    #expect(
      MentalDistress.gate(claimant: claimant, moralRightInfringed: moral, harm: harm) == status)
  }

  @Test("R6 the default score threshold is 6")
  func defaultThreshold() {
    #expect(MentalDistress.defaultThreshold == 6)
  }

  // Copyright Law Art. 10 ¶1 (1)–(4): 发表权、署名权、修改权、保护作品完整权 are the moral rights.
  @Test(
    "R6 the moral rights are attribution, publication, modification, integrity",
    arguments: Right.allCases)
  func moralRights(right: Right) {
    let moral: Set<Right> = [.attribution, .publication, .modification, .integrity]
    #expect(right.isMoral == moral.contains(right))
  }

  @Test(
    "R6 the amount is capped by the cap",
    arguments: [
      (8_000.0, nil, 8_000.0), (8_000, 10_000, 8_000), (8_000, 5_000, 5_000), (8_000, 0, 0),
    ] as [(Double, Double?, Double)])
  func cap(amount: Double, cap: Double?, awarded: Double) {
    #expect(MentalDistress.amount(Yuan(amount), cap: cap.map { Yuan($0) }) == Yuan(awarded))
  }

  static let moralCase = CaseTerms.plain(rights: [.integrity, .networkDissemination])
  static let seriousFacts = Facts.proven(actualLoss: 10_000).with {
    $0.mentalHarm = .found(true)
    $0.mentalDistress = 5_000
  }

  @Test("R6 awarded to a natural person for a moral right, added to the award")
  func awarded() {
    let outcome = Assessor(terms: Self.moralCase).tort(Self.seriousFacts)
    #expect(outcome.mentalDistressStatus == .awarded)
    #expect(outcome.mentalDistress == 5_000)
    #expect(outcome.award == 15_000)
  }

  @Test("R6 refused to a legal person")
  func legalPerson() {
    let terms = Self.moralCase.with { $0.claimant = .legalPerson }
    let outcome = Assessor(terms: terms).tort(Self.seriousFacts)
    #expect(outcome.mentalDistressStatus == .legalPerson)
    #expect(outcome.mentalDistress == .zero)
    #expect(outcome.award == 10_000)
  }

  @Test("R6 refused for purely economic rights")
  func economicOnly() {
    let terms = CaseTerms.plain(rights: [.reproduction, .networkDissemination, .adaptation])
    let outcome = Assessor(terms: terms).tort(Self.seriousFacts)
    #expect(outcome.mentalDistressStatus == .noMoralRight)
    #expect(outcome.mentalDistress == .zero)
  }

  @Test(
    "R6 a score below the threshold is refused, at the threshold awarded",
    arguments: [(5.9, false), (6, true), (10, true), (0, false)])
  func scored(score: Double, awarded: Bool) {
    let facts = Self.seriousFacts.with { $0.mentalHarm = .scored(score: score, threshold: 6) }
    let outcome = Assessor(terms: Self.moralCase).tort(facts)
    #expect(outcome.mentalDistress == (awarded ? 5_000 : .zero))
    #expect(outcome.mentalDistressStatus == (awarded ? .awarded : .notSerious))
  }

  @Test("R6 refused when serious harm is found false")
  func foundNotSerious() {
    let outcome = Assessor(terms: Self.moralCase).tort(
      Self.seriousFacts.with { $0.mentalHarm = .found(false) })
    #expect(outcome.mentalDistressStatus == .notSerious)
    #expect(outcome.mentalDistress == .zero)
  }

  @Test("R6 the award is capped by the mental-distress cap")
  func cappedThroughAssessor() {
    let facts = Self.seriousFacts.with { $0.mentalDistressCap = 3_000 }
    let outcome = Assessor(terms: Self.moralCase).tort(facts)
    #expect(outcome.mentalDistress == 3_000)
    #expect(outcome.award == 13_000)
  }
}

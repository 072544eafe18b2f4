import DamagesLaw
import Testing
import _DamagesTestSupport

@Suite("R3 Statutory damages")
struct StatutoryTests {
  // Copyright Law Art. 54 ¶2 (2020): 五百元以上五百万元以下; Art. 49 ¶2 (2010): 五十万元以下.
  @Test("R3 the statutory range is 500 to 5,000,000 under the 2020 text")
  func range2020() {
    #expect(Statutory.range(under: .text2020) == 500...5_000_000)
    #expect(Statutory.source(under: .text2020).contains("Art. 54 ¶2"))
  }

  @Test("R3 the statutory range is 0 to 500,000 under the 2010 text")
  func range2010() {
    #expect(Statutory.range(under: .text2010) == 0...500_000)
    #expect(Statutory.source(under: .text2010).contains("(2010) Art. 49 ¶2"))
  }

  // The 2020 text is in force from 2021-06-01 (Decision of the NPC Standing Committee of
  // 2020-11-11): a single act before that day is judged under the 2010 text, one on that day or
  // later under the 2020 text. Rows: date of the act (its last day), text.
  typealias DateRow = (date: String?, text: CopyrightText)
  static let dates: [DateRow] = [
    (nil, .text2020),
    ("2010-04-01", .text2010),
    ("2020-12-31", .text2010),
    ("2021-05-31", .text2010),
    ("2021-06-01", .text2020),
    ("2021-06-02", .text2020),
    ("2024-02-29", .text2020),
  ]

  @Test("R3 the text of the law follows the date of a single act", arguments: dates)
  func textByDate(date: String?, text: CopyrightText) throws {
    let parsed = try date.map { try #require(CivilDate($0)) }
    #expect(CopyrightText(lastDay: parsed) == text)
    var terms = CaseTerms.plain()
    terms.infringementDate = parsed
    #expect(terms.copyrightText == text)
  }

  @Test(
    "R3 infringement dates are read as YYYY-MM-DD calendar days",
    arguments: [
      ("2021-06-01", true), ("2024-02-29", true), ("2023-02-29", false), ("2021-6-1", false),
      ("2021-13-01", false), ("2021-04-31", false), ("20210601", false),
    ])
  func dateParsing(text: String, valid: Bool) {
    #expect((CivilDate(text) != nil) == valid)
    if valid { #expect(CivilDate(text)?.description == text) }
  }

  @Test(
    "R3 on a statutory basis the compensation is the statutory award, at each end of the range",
    arguments: [500.0, 30_000, 5_000_000])
  func statutoryCompensation(award: Double) {
    let facts = Facts.proven(statutoryAward: Yuan(award)).punitive(multiplier: 3)
    let outcome = Assessor(terms: .plain()).tort(facts)
    #expect(outcome.basis == .statutory)
    #expect(outcome.base == Yuan(award))
    #expect(outcome.compensation == Yuan(award))
    #expect(outcome.award == Yuan(award))
  }

  @Test(
    "R3 under the 2010 text a statutory award up to 500,000 stands as given",
    arguments: [0.0, 400_000, 500_000])
  func statutory2010(award: Double) {
    let terms = CaseTerms.plain().with {
      $0.infringementDate = CivilDate(year: 2019, month: 3, day: 1)
    }
    let outcome = Assessor(terms: terms).tort(Facts.proven(statutoryAward: Yuan(award)))
    #expect(outcome.basis == .statutory)
    #expect(outcome.compensation == Yuan(award))
    #expect(Statutory.range(under: terms.copyrightText).contains(outcome.compensation.value))
  }
}

import DamagesLaw
import Testing
import _DamagesTestSupport

/// R3, R4: the law by the infringement's last day.
@Suite("R3 R4 The law by the infringement's last day")
struct ApplicableLawTests {
  // 法释〔2020〕15号 Art. 1 ¶3: 民法典施行前的法律事实持续至民法典施行后，该法律事实引起的民事纠纷
  // 案件，适用民法典的规定 — a continuing act is judged by the law in force on its last day; the
  // courts read the Copyright Law's 2020 text (in force 2021-06-01) the same way. Civil Code
  // Art. 1185 is in force from 2021-01-01. Rows: began, ended, text for R3, basis for R4.
  typealias Row = (
    began: String?, ended: String?, text: CopyrightText, punitive: ApplicableLaw.PunitiveBasis
  )
  static let rows: [Row] = [
    (nil, nil, .text2020, .copyrightLaw),
    ("2019-05-01", nil, .text2010, .unavailable),
    ("2019-05-01", "2020-12-31", .text2010, .unavailable),
    ("2020-06-01", "2021-01-01", .text2010, .civilCode),
    ("2020-06-01", "2021-03-22", .text2010, .civilCode),
    ("2020-06-01", "2021-05-31", .text2010, .civilCode),
    ("2020-06-01", "2021-06-01", .text2020, .copyrightLaw),
    ("2021-03-01", nil, .text2010, .civilCode),
    ("2023-03-02", nil, .text2020, .copyrightLaw),
  ]

  @Test("R3 R4 the texts follow the last day, the end if given, else the beginning", arguments: rows)
  func byLastDay(
    began: String?, ended: String?, text: CopyrightText, punitive: ApplicableLaw.PunitiveBasis
  ) throws {
    let terms = CaseTerms.plain().with {
      $0.infringementDate = began.flatMap(CivilDate.init)
      $0.infringementEnd = ended.flatMap(CivilDate.init)
    }
    #expect(terms.copyrightText == text)
    #expect(terms.applicableLaw.punitive == punitive)
  }

  // Begun 2020-06-01 under the 2010 text's range (0 to 500,000, Art. 49 ¶2); ended 2021-06-01,
  // so the 2020 text's range (500 to 5,000,000, Art. 54 ¶2) governs the whole.
  @Test("R3 a continuing infringement that ended on 2021-06-01 has the 2020 range")
  func rangeByEnd() {
    let began = CaseTerms.plain().with {
      $0.infringementDate = CivilDate(year: 2020, month: 6, day: 1)
    }
    #expect(Statutory.range(under: began.copyrightText) == 0...500_000)
    let ended = began.with { $0.infringementEnd = CivilDate(year: 2021, month: 6, day: 1) }
    #expect(Statutory.range(under: ended.copyrightText) == 500...5_000_000)
  }

  @Test("R3 R4 the explanation says which texts apply and why: the dates")
  func explanation() throws {
    let terms = CaseTerms.plain().with {
      $0.infringementDate = CivilDate(year: 2020, month: 6, day: 1)
      $0.infringementEnd = CivilDate(year: 2021, month: 3, day: 22)
    }
    let facts = Facts.proven(statutoryAward: 300_000)
    let steps = Narration.steps(for: Assessor(terms: terms).tort(facts), facts: facts, terms: terms)
    let step = try #require(steps.first { $0.rule == "R3, R4" })
    #expect(step.source.contains("法释〔2020〕15号 Art. 1 ¶3"))
    #expect(
      step.english
        == "The infringement ran from 2020-06-01 to 2021-03-22: a continuing act is judged by the law in force on its last day: statutory damages follow the 2010 text, Art. 49 ¶2 (up to 500,000), as it ended before 2021-06-01; punitive damages rest on Civil Code Art. 1185 alone (in force from 2021-01-01), the 2020 text's Art. 54 ¶1 not yet being in force."
    )
    #expect(step.chinese.contains("2020-06-01持续至2021-03-22"))
    // a single act under the current law needs no such step (the bundled judgments keep theirs)
    let single = CaseTerms.plain().with {
      $0.infringementDate = CivilDate(year: 2023, month: 3, day: 2)
    }
    let plain = Narration.steps(
      for: Assessor(terms: single).tort(facts), facts: facts, terms: single)
    #expect(!plain.contains { $0.rule == "R3, R4" })
  }
}

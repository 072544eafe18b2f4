import DamagesScenario
import DamagesLaw
import DamagesSimulation
import Testing

/// The keys of the legal model's second round: `case.infringement_end` (R3, R4 by the last
/// day), `case.works` with `facts.statutory_award_per_work` (R3 per work), and `part` on a
/// joint defendant (R8). Each error by its exact text and position.
@Suite("Scenario reader: last day, works, joint part")
struct ScenarioReaderLegalTests {
  static func file(case extra: String, facts: String = "statutory_award: 1000", defendants: String? = nil) -> String {
    """
    version: 1
    title: test
    case: {act: illegal-use, claimant: natural-person, rights: [reproduction]\(extra)}
    facts: {\(facts)}
    """ + (defendants.map { "\ndefendants:\n\($0)\n" } ?? "\n")
  }

  @Test("R3 R4 infringement_end is read; the 2010 range and Art. 1185 follow the last day")
  func endRead() throws {
    let s = try parsed(
      Self.file(
        case: ", infringement_date: 2020-06-01, infringement_end: 2021-03-22",
        facts:
          "illegal_gains: 500000, intentional: true, serious: true, multiplier: 2, statutory_award: 0"
      ))
    #expect(s.terms.infringementEnd == CivilDate(year: 2021, month: 3, day: 22))
    #expect(s.terms.copyrightText == .text2010)
    #expect(s.terms.applicableLaw.punitive == .civilCode)
  }

  @Test("R4 a multiplier is required when the infringement lasted into 2021, though begun before")
  func multiplierRequiredByEnd() {
    let text = Self.file(
      case: ", infringement_date: 2020-06-01, infringement_end: 2021-03-22",
      facts: "illegal_gains: 500000, intentional: true, serious: true, statutory_award: 0")
    #expect(
      diagnostics(text) == [
        "s.yaml:4:1: error: facts.multiplier: required: punitive damages can apply (intentional and serious are possible and a figure may be proven, R4); give a value within 1 to 5 (Art. 54 ¶1)"
      ])
    // ended in 2020: no multiplier needed
    #expect(
      diagnostics(text.replacingOccurrences(of: "2021-03-22", with: "2020-12-31")) == [])
  }

  @Test("R3 R4 infringement_end: a bad date, an end before the beginning, an end without a beginning")
  func endErrors() {
    #expect(
      diagnostics(Self.file(case: ", infringement_date: 2020-06-01, infringement_end: 2021-02-30"))
        == [
          "s.yaml:3:125: error: case.infringement_end: \"2021-02-30\" is not a date; write 2021-06-01 or 2021年6月1日"
        ])
    #expect(
      diagnostics(Self.file(case: ", infringement_date: 2021-06-01, infringement_end: 2021-05-01"))
        == [
          "s.yaml:3:125: error: case.infringement_end: must be a date not before case.infringement_date (2021-06-01), got `2021-05-01` (the day the infringement stopped, R3, R4)"
        ])
    #expect(
      diagnostics(Self.file(case: ", infringement_end: 2021-05-01")) == [
        "s.yaml:3:1: error: case.infringement_date: missing key `infringement_date`: `infringement_end` is given, so the day the infringement began is needed too (R3, R4)"
      ])
  }

  // R3 per work: 52 photos × a per-work amount within R3's range.
  @Test("R3 per work: works and statutory_award_per_work are read; the per-work amount is the fact")
  func perWorkRead() throws {
    let s = try parsed(
      Self.file(
        case: ", works: 52", facts: "statutory_award_per_work: {dist: uniform, min: 500, max: 1000}"))
    #expect(s.terms.works == 52)
    #expect(s.facts[.statutoryAwardPerWork] == .uniform(min: 500, max: 1000))
    #expect(s.facts[.statutoryAward] == nil)
  }

  @Test("R3 per work: each error by its text")
  func perWorkErrors() {
    #expect(
      diagnostics(Self.file(case: ", works: 0")) == [
        "s.yaml:3:83: error: case.works: must be an integer from 1 to 1,000,000,000 (the works infringed, R3), got 0"
      ])
    #expect(
      diagnostics(Self.file(case: ", works: 2.5")) == [
        "s.yaml:3:83: error: case.works: must be an integer from 1 to 1,000,000,000 (the works infringed, R3), got 2.5"
      ])
    #expect(
      diagnostics(Self.file(case: ", works: 52")) == [
        "s.yaml:3:76: error: case.works: `works` is not allowed here: it counts the works for facts.statutory_award_per_work (R3 per work), which is not given; give the amount per work there, or remove `works`"
      ])
    #expect(
      diagnostics(Self.file(case: "", facts: "statutory_award: 1000, statutory_award_per_work: 700"))
        == [
          "s.yaml:4:32: error: facts.statutory_award_per_work: `statutory_award_per_work` cannot be given together with `statutory_award`: give statutory damages either as one amount or per work, times case.works (R3)"
        ])
    #expect(
      diagnostics(Self.file(case: ", works: 3", facts: "statutory_award_per_work: 300")) == [
        "s.yaml:4:35: error: facts.statutory_award_per_work: must be within 500 to 5,000,000 (Art. 54 ¶2), got 300"
      ])
    // under the 2010 text (ended before 2021-06-01) 300 per photo is within 0 to 500,000
    #expect(
      diagnostics(
        Self.file(
          case: ", works: 3, infringement_date: 2019-01-01", facts: "statutory_award_per_work: 300"))
        == [])
  }

  @Test("R8 part: read on a joint defendant; each error by its text")
  func part() throws {
    let group = """
        - {name: A, role: infringer, form: joint, share: 0.5}
        - {name: B, role: infringer, form: joint, share: 0.25, part: 0.7}
        - {name: C, role: infringer, form: joint, share: 0.25, part: 0.7}
      """
    let s = try parsed(Self.file(case: "", defendants: group))
    #expect(s.terms.defendants.map(\.part) == [1, 0.7, 0.7])
    // a share above its part
    #expect(
      diagnostics(Self.file(case: "", defendants: group.replacingOccurrences(of: "share: 0.5}", with: "share: 0.1}").replacingOccurrences(of: "share: 0.25, part: 0.7}\n  - {name: C", with: "share: 0.8, part: 0.7}\n  - {name: C").replacingOccurrences(of: "C, role: infringer, form: joint, share: 0.25", with: "C, role: infringer, form: joint, share: 0.1")))
        == [
          "s.yaml:7:52: error: defendants[1].share: must be at most its part, 0.7: a defendant liable for part of the award cannot bear more of it (R8), got 0.8"
        ])
    // nobody answers for the whole
    #expect(
      diagnostics(Self.file(case: "", defendants: group.replacingOccurrences(of: "share: 0.5}", with: "share: 0.5, part: 0.9}")))
        == [
          "s.yaml:6:3: error: defendants: every joint defendant (A, B, C) answers for part of the award only; at least one must have `part` 1, the whole award (R8)"
        ])
    // equal shares (1/2) above a part of 0.3
    #expect(
      diagnostics(
        Self.file(
          case: "",
          defendants: """
              - {name: A, role: infringer, form: joint}
              - {name: B, role: infringer, form: joint, part: 0.3}
            """))
        == [
          "s.yaml:7:51: error: defendants[1].part: the equal share of the joint group, 1/2, exceeds this part, 0.3; give each defendant of the group a `share` of at most its part (R8)"
        ])
    // out of range, and on another form
    #expect(
      diagnostics(Self.file(case: "", defendants: "  - {name: A, role: infringer, form: joint, part: 0}"))
        == [
          "s.yaml:6:51: error: defendants[0].part: must be within (0, 1]: the fraction of the award it answers for (R8), got 0"
        ])
    #expect(
      diagnostics(Self.file(case: "", defendants: "  - {name: A, role: infringer, form: sole, part: 0.5}"))
        == [
          "s.yaml:6:44: error: defendants[0].part: `part` is not allowed here: only a `joint` defendant may be jointly and severally liable for part of the award (Civil Code Arts. 1168, 178)"
        ])
  }
}

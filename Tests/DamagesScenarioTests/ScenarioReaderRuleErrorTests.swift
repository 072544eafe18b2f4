import DamagesScenario
import Testing

// Each error kind of docs/scenario-format.md, Input rules, checked by its exact rendered text
// and position. The first three lines of `head` are version, title and case, so `facts:` is on
// line 4.

@Suite("Scenario reader: the rules of the law")
struct ScenarioReaderRuleErrorTests {
  @Test("R3 statutory award outside 500 to 5,000,000")
  func statutoryRange() {
    #expect(
      diagnostics(head + "facts:\n  statutory_award: 7000000\n") == [
        "s.yaml:5:20: error: facts.statutory_award: must be within 500 to 5,000,000 (Art. 54 ¶2), got 7,000,000"
      ])
    #expect(
      diagnostics(head + "facts:\n  statutory_award: {dist: uniform, min: 100, max: 5000}\n") == [
        "s.yaml:5:20: error: facts.statutory_award: must lie within 500 to 5,000,000 (Art. 54 ¶2); a uniform from 100 to 5,000 reaches outside it"
      ])
    #expect(
      diagnostics(head + "facts:\n  statutory_award: {dist: lognormal, median: 5000, sigma: 0.5}\n")
        == [
          "s.yaml:5:20: error: facts.statutory_award: must lie within 500 to 5,000,000 (Art. 54 ¶2); a lognormal is unbounded: use a bounded distribution (uniform, triangular, pert, beta, discrete, empirical)"
        ])
  }

  @Test("R3 statutory award under the 2010 text: 0 to 500,000 (Art. 49 ¶2)")
  func statutory2010() {
    let text = """
      version: 1
      title: test
      case: {act: illegal-use, claimant: natural-person, rights: [reproduction], infringement_date: 2021-05-31}
      facts:
        statutory_award: 600000
      """
    #expect(
      diagnostics(text) == [
        "s.yaml:5:20: error: facts.statutory_award: must be within 0 to 500,000 (2010 text, Art. 49 ¶2: the infringement ended before 2021-06-01), got 600,000"
      ])
    // From 2021-06-01 the 2020 text applies.
    #expect(
      diagnostics(
        text.replacingOccurrences(of: "2021-05-31", with: "2021-06-01").replacingOccurrences(
          of: "600000", with: "0")) == [
          "s.yaml:5:20: error: facts.statutory_award: must be within 500 to 5,000,000 (Art. 54 ¶2), got 0"
        ])
  }

  @Test("R3 statutory award required unless a figure is certainly proven")
  func statutoryRequired() {
    #expect(
      diagnostics(head + "facts:\n  actual_loss: 1000\n  proven: {actual_loss: 0.5}\n") == [
        "s.yaml:4:1: error: facts.statutory_award: required: no figure among actual_loss, illegal_gains and license_fee is certainly proven, so statutory damages may apply (R3); give a value within 500 to 5,000,000 (Art. 54 ¶2), or facts.statutory_award_per_work with case.works"
      ])
    #expect(
      diagnostics(head) == [
        "s.yaml:1:1: error: facts.statutory_award: required: no figure among actual_loss, illegal_gains and license_fee is certainly proven, so statutory damages may apply (R3); give a value within 500 to 5,000,000 (Art. 54 ¶2), or facts.statutory_award_per_work with case.works"
      ])
  }

  @Test("R1, R2 a proven entry for a figure not given")
  func provenWithoutFigure() {
    #expect(
      diagnostics(head + "facts:\n  statutory_award: 500\n  proven:\n    actual_loss: 0\n") == [
        "s.yaml:7:5: error: facts.proven.actual_loss: a `proven` entry for a figure the scenario does not give; add `facts.actual_loss` or remove this entry"
      ])
  }

  @Test("R4 multiplier outside 1 to 5")
  func multiplierRange() {
    #expect(
      diagnostics(head + "facts:\n  statutory_award: 10000\n  multiplier: 7\n") == [
        "s.yaml:6:15: error: facts.multiplier: must be within 1 to 5 (Art. 54 ¶1), got 7"
      ])
    #expect(
      diagnostics(
        head + "facts:\n  statutory_award: 10000\n  multiplier: {dist: gamma, shape: 2, scale: 1}\n"
      ) == [
        "s.yaml:6:15: error: facts.multiplier: must lie within 1 to 5 (Art. 54 ¶1); a gamma is unbounded: use a bounded distribution (uniform, triangular, pert, beta, discrete, empirical)"
      ])
    #expect(
      diagnostics(
        head + "facts:\n  statutory_award: 10000\n  multiplier: {dist: normal, mean: 2, sd: 1}\n")
        == [
          "s.yaml:6:15: error: facts.multiplier: must lie within 1 to 5 (Art. 54 ¶1); a normal (mean 2, sd 1) is unbounded: use a bounded distribution (uniform, triangular, pert, beta, discrete, empirical)"
        ])
  }

  @Test("R4 multiplier required when punitive damages can happen")
  func multiplierRequired() {
    #expect(
      diagnostics(head + "facts:\n  actual_loss: 1000\n  intentional: 0.5\n  serious: true\n") == [
        "s.yaml:4:1: error: facts.multiplier: required: punitive damages can apply (intentional and serious are possible and a figure may be proven, R4); give a value within 1 to 5 (Art. 54 ¶1)"
      ])
    // Not when one of them is impossible, or only statutory damages can be the basis.
    #expect(
      diagnostics(head + "facts:\n  actual_loss: 1000\n  intentional: 0.5\n  serious: 0\n").isEmpty)
    #expect(
      diagnostics(head + "facts:\n  statutory_award: 1000\n  intentional: 1\n  serious: 1\n")
        .isEmpty)
  }

  @Test("R2 license fee multiple outside 1 to 5")
  func licenseFeeMultiple() {
    #expect(
      diagnostics(head + "facts:\n  license_fee: 1000\n  license_fee_multiple: 6\n") == [
        "s.yaml:6:25: error: facts.license_fee_multiple: must be within 1 to 5 (R2; 法释〔2021〕4号 Art. 5 ¶2), got 6"
      ])
  }

  @Test("R5, R6 amounts must not be negative")
  func negativeAmounts() {
    #expect(
      diagnostics(head + "facts:\n  statutory_award: 500\n  expenses: -5\n") == [
        "s.yaml:6:13: error: facts.expenses: must not be negative (an amount in yuan), got -5"
      ])
    #expect(
      diagnostics(
        head
          + "facts:\n  statutory_award: 500\n  mental_distress: {dist: uniform, min: -100, max: 500}\n"
      ) == [
        "s.yaml:6:20: error: facts.mental_distress: must not reach below 0 (an amount in yuan); a uniform from -100 to 500 does"
      ])
    #expect(
      diagnostics(
        head
          + "facts:\n  statutory_award: 500\n  expenses: {dist: normal, mean: 5, sd: 2, min: -10}\n"
      ) == [
        "s.yaml:6:13: error: facts.expenses: must not reach below 0 (an amount in yuan); a normal (mean 5, sd 2) truncated to [-10, ∞) does"
      ])
    #expect(
      diagnostics(
        head
          + "facts:\n  statutory_award: 500\n  expenses: {dist: discrete, values: [-1, 5], weights: [1, 1]}\n"
      ) == [
        "s.yaml:6:13: error: facts.expenses: must not reach below 0 (an amount in yuan); a discrete distribution with values from -1 to 5 does"
      ])
  }

  @Test("R6 a mental-harm score: within 0 to 10, not together with serious_mental_harm")
  func mentalHarm() {
    #expect(
      diagnostics(
        head
          + "facts:\n  statutory_award: 500\n  serious_mental_harm: 0.5\n  mental_harm_score: 5\n")
        == [
          "s.yaml:7:3: error: facts.mental_harm_score: `mental_harm_score` cannot be given together with `serious_mental_harm`: give the seriousness of the harm either as a probability or as a score (R6)"
        ])
    #expect(
      diagnostics(
        head
          + "facts:\n  statutory_award: 500\n  mental_harm_score: {dist: uniform, min: 0, max: 12}\n  mental_harm_threshold: 11\n"
      ) == [
        "s.yaml:6:22: error: facts.mental_harm_score: must lie within 0 to 10 (R6); a uniform from 0 to 12 reaches outside it",
        "s.yaml:7:26: error: facts.mental_harm_threshold: must be within 0 to 10 (R6), got 11",
      ])
  }

  @Test("R7 probabilities outside [0, 1]")
  func probabilities() {
    #expect(
      diagnostics(
        head + "facts:\n  statutory_award: 500\n  serious: -0.1\nliability:\n  work: 1.5\n") == [
          "s.yaml:6:12: error: facts.serious: must be true, false or a probability in [0, 1], got -0.1",
          "s.yaml:8:9: error: liability.work: must be true, false or a probability in [0, 1], got 1.5",
        ])
  }

  @Test("1.1 a licensee with a moral right")
  func licensee() {
    let text = """
      version: 1
      title: test
      case:
        act: illegal-use
        claimant: legal-person
        holder: exclusive-licensee
        rights: [attribution, reproduction, integrity]
      facts: {statutory_award: 500}
      """
    #expect(
      diagnostics(text) == [
        "s.yaml:7:11: error: case.rights: an exclusive licensee holds economic rights only (docs/legal-model.md, The case); attribution, integrity are moral rights: remove them or set `holder: owner`"
      ])
  }

  @Test("R9 contract and compare only for repetitive generation; R7.1 presumed fault too")
  func routeAndFaultPrinciple() {
    let text = """
      version: 1
      title: test
      case: {act: illegal-use, claimant: natural-person, rights: [reproduction], route: contract}
      facts: {statutory_award: 500}
      options: {fault_principle: presumed}
      """
    #expect(
      diagnostics(text) == [
        "s.yaml:3:83: error: case.route: `contract` is open only for repetitive-generation, where a service agreement binds the parties (R9; Civil Code Art. 186), not for illegal-use",
        "s.yaml:5:28: error: options.fault_principle: `presumed` applies only to repetitive-generation (R7.1: a proposal of the literature, Civil Code Art. 1165 ¶2), not to illegal-use",
      ])
  }

  @Test("R9 the liquidated-damages cap ratio is at least 1")
  func capRatio() {
    #expect(
      diagnostics(head + "facts: {statutory_award: 500}\noptions: {liquidated_cap_ratio: 0.9}\n")
        == [
          "s.yaml:5:33: error: options.liquidated_cap_ratio: must be at least 1 (R9; 法释〔2023〕13号 Art. 65 ¶2), got 0.9"
        ])
  }
}

@Suite("Scenario reader: defences (R7.3)")
struct ScenarioReaderDefenseErrorTests {
  @Test("R7.3 a defence not available for the act")
  func notAvailable() {
    #expect(
      diagnostics(
        head
          + "facts: {statutory_award: 500}\nliability:\n  defenses:\n    - {kind: consent, success: 0.1}\n"
      ) == [
        "s.yaml:7:14: error: liability.defenses[0].kind: `consent` is available only for repetitive-generation (R7.3), not for illegal-use"
      ])
  }

  @Test("R7.3 an exempting defence needs its defendant, a case-wide one takes none")
  func defendantRequired() {
    let text =
      head + """
        facts: {statutory_award: 500}
        liability:
          defenses:
            - {kind: safe-harbor, success: 0.1}
            - {kind: fair-use, success: 0.1, defendant: defendant}
            - {kind: safe-harbor, success: 0.1, defendant: nobody}
            - {kind: fair-use}
        """
    #expect(
      diagnostics(text) == [
        "s.yaml:7:7: error: liability.defenses[0].defendant: missing key `defendant`: `safe-harbor` exempts only the defendant who raises it; give that defendant's name (R7.3)",
        "s.yaml:8:38: error: liability.defenses[1].defendant: `defendant` is not allowed here: `fair-use` clears every defendant, so no one defendant raises it (R7.3)",
        "s.yaml:9:52: error: liability.defenses[2].defendant: no defendant is named `nobody`; the defendants are `defendant`",
        "s.yaml:10:7: error: liability.defenses[3].success: missing key `success`: the probability that the defence succeeds",
      ])
  }

  @Test("R7.3 a defence raised by a defendant of the wrong role")
  func wrongRole() {
    #expect(
      diagnostics(
        head
          + "facts: {statutory_award: 500}\nliability:\n  defenses:\n    - {kind: safe-harbor, success: 0.1, defendant: defendant}\n"
      ) == [
        "s.yaml:7:14: error: liability.defenses[0].kind: `safe-harbor` may be raised only by a platform defendant (R7.3); defendant is an infringer"
      ])
  }
}

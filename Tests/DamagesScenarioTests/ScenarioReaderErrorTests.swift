import DamagesScenario
import Testing

// Each error kind of docs/scenario-format.md, Input rules, checked by its exact rendered text and position. The first
// three lines of `head` are version, title and case, so `facts:` is on line 4.

@Suite("Scenario reader: keys and YAML")
struct ScenarioReaderKeyErrorTests {
  @Test("An unknown key suggests the nearest known key, at the key")
  func unknownKeySuggestion() {
    let text = head + "facts:\n  statutory_award: 10000\nsimulation:\n  runz: 10\n"
    #expect(
      diagnostics(text) == [
        "s.yaml:7:3: error: simulation.runz: unknown key `runz`; did you mean `runs`?"
      ])
  }

  @Test("An unknown key with no near neighbour lists the keys allowed; merge keys are named")
  func unknownKeyList() {
    #expect(
      diagnostics(head + "facts: {statutory_award: 10000}\nnotes: hello\n") == [
        "s.yaml:5:1: error: notes: unknown key `notes`; expected one of version, title, source, case, facts, liability, defendants, correlations, options, simulation, sweep"
      ])
    #expect(
      diagnostics(head + "facts: {statutory_award: 10000, <<: {expenses: 5}}\n") == [
        "s.yaml:4:33: error: facts.<<: unknown key `<<`; expected one of actual_loss, illegal_gains, license_fee, license_fee_multiple, statutory_award, multiplier, mental_harm_score, mental_distress, expenses, liquidated_damages, proven, intentional, serious, serious_mental_harm, mental_harm_threshold, mental_distress_cap (merge keys `<<` belong to YAML 1.1, not to YAML 1.2)"
      ])
  }

  @Test("A missing key is reported at the key of the mapping that should hold it")
  func missingKey() {
    let text = """
      version: 1
      title: test
      case: {claimant: natural-person, rights: [reproduction]}
      facts: {statutory_award: 10000}
      """
    #expect(
      diagnostics(text) == [
        "s.yaml:3:1: error: case.act: missing key `act`: one of illegal-use, repetitive-generation, generated-output"
      ])
    #expect(
      diagnostics(
        "version: 1\ncase: {act: illegal-use, claimant: natural-person, rights: [reproduction]}\nfacts: {statutory_award: 10000}\n"
      ) == [
        "s.yaml:1:1: error: title: missing key `title`: a short name for the scenario"
      ])
  }

  @Test("The version is read first: missing, or anything but 1, stops the reading")
  func version() {
    #expect(
      diagnostics("title: test\nbogus: 1\n") == [
        "s.yaml:1:1: error: version: missing key `version`: the scenario format version; write `version: 1`"
      ])
    #expect(
      diagnostics("version: 2\ntitle: test\nbogus: 1\n") == [
        "s.yaml:1:10: error: version: must be 1 (the only scenario format version this tool reads), got 2"
      ])
    #expect(
      diagnostics("version: \"1\"\n") == [
        "s.yaml:1:10: error: version: must be 1 (the only scenario format version this tool reads), got the quoted text \"1\""
      ])
  }

  @Test("Duplicate keys are errors with the full path, at the repeated key")
  func duplicateKeys() {
    #expect(
      diagnostics(head + "facts:\n  statutory_award: 10000\n  expenses: 100\n  expenses: 200\n")
        == [
          "s.yaml:7:3: error: facts.expenses: duplicate key"
        ])
    #expect(
      diagnostics("version: 1\ntitle: a\ntitle: b\n") == ["s.yaml:3:1: error: title: duplicate key"]
    )
    let flow = """
      version: 1
      title: test
      case: {act: illegal-use, act: illegal-use, claimant: natural-person, rights: [reproduction]}
      facts: {"expenses": 1, 'expenses': 2, statutory_award: 500, statutory_award: 600}
      """
    #expect(
      diagnostics(flow) == [
        "s.yaml:3:26: error: case.act: duplicate key",
        "s.yaml:4:24: error: facts.expenses: duplicate key",
        "s.yaml:4:61: error: facts.statutory_award: duplicate key",
      ])
  }

  @Test("Invalid YAML is located")
  func invalidYAML() {
    #expect(
      diagnostics(head + "facts:\n  expenses: a: b\n") == [
        "s.yaml:5:14: error: invalid YAML: mapping values are not allowed in this context"
      ])
    #expect(
      diagnostics(head + "facts: {expenses: [1, 2}\n") == [
        "s.yaml:4:24: error: invalid YAML: did not find expected ',' or ']' (while parsing a flow sequence at line 4, column 19)"
      ])
  }

  @Test("One YAML document per file")
  func oneDocument() {
    #expect(
      diagnostics(head + "facts: {statutory_award: 500}\n---\nversion: 1\n") == [
        "s.yaml:5:1: error: invalid YAML: a scenario file holds one YAML document; another starts here"
      ])
  }

  @Test("Windows line ends are read, and positions still count lines")
  func crlf() {
    let text = (head + "facts:\n  statutory_award: 500\n  expenses: x\n").replacingOccurrences(
      of: "\n", with: "\r\n")
    #expect(
      diagnostics(text) == [
        "s.yaml:6:13: error: facts.expenses: must be a non-negative number or a distribution {dist: NAME, …}, got `x`"
      ])
  }

  @Test("Control characters are refused where they are")
  func controlCharacters() {
    #expect(
      diagnostics("version: 1\ntitle: a\u{07}b\n") == [
        "s.yaml:2:9: error: invalid YAML: control characters are not allowed"
      ])
  }

  @Test("Keys must be text")
  func keyNotText() {
    #expect(
      diagnostics(head + "facts: {statutory_award: 500, [a]: 1}\n") == [
        "s.yaml:4:31: error: facts: keys must be text, got a list"
      ])
    #expect(
      diagnostics(head + "facts: {statutory_award: 500}\n[a]: 1\n") == [
        "s.yaml:5:1: error: keys must be text, got a list"
      ])
  }

  @Test("Every error is reported in file order, up to 20")
  func manyErrors() {
    let keys = (1...25).map { "  bad\($0): 1" }.joined(separator: "\n")
    let all = diagnostics(head + "facts:\n  statutory_award: 10000\n" + keys + "\n")
    #expect(all.count == 20)
    #expect(
      all.first
        == "s.yaml:6:3: error: facts.bad1: unknown key `bad1`; expected one of actual_loss, illegal_gains, license_fee, license_fee_multiple, statutory_award, multiplier, mental_harm_score, mental_distress, expenses, liquidated_damages, proven, intentional, serious, serious_mental_harm, mental_harm_threshold, mental_distress_cap"
    )
    #expect(all.last?.hasPrefix("s.yaml:25:3: error: facts.bad20: unknown key `bad20`") == true)
  }

  @Test("Errors of different kinds in one file are all reported")
  func severalKinds() {
    let text = """
      version: 1
      title: test
      case: {act: ilegal-use, claimant: natural-person, rights: [reproduction]}
      facts:
        statutory_award: 7000000
        intentional: yes
      simulation: {runs: 1}
      """
    #expect(
      diagnostics(text) == [
        "s.yaml:3:13: error: case.act: unknown act `ilegal-use`; did you mean `illegal-use`? expected one of illegal-use, repetitive-generation, generated-output",
        "s.yaml:5:20: error: facts.statutory_award: must be within 500 to 5,000,000 (Art. 54 ¶2), got 7,000,000",
        "s.yaml:6:16: error: facts.intentional: must be true, false or a probability in [0, 1], got `yes` (YAML 1.2 booleans are only true and false)",
        "s.yaml:7:20: error: simulation.runs: must be an integer from 2 to 100,000,000,000, got 1",
      ])
  }
}

@Suite("Scenario reader: values (YAML 1.2 core schema)")
struct ScenarioReaderValueErrorTests {
  @Test("yes, no, on, off are not booleans")
  func yaml11Booleans() {
    #expect(
      diagnostics(head + "facts: {statutory_award: 500}\noptions: {contract_expenses: on}\n") == [
        "s.yaml:5:30: error: options.contract_expenses: must be true or false, got `on` (YAML 1.2 booleans are only true and false)"
      ])
    #expect(
      diagnostics(head + "facts: {statutory_award: 500}\nliability: {work: no}\n") == [
        "s.yaml:5:19: error: liability.work: must be true, false or a probability in [0, 1], got `no` (YAML 1.2 booleans are only true and false)"
      ])
  }

  // A quoted number used to be refused ("a quoted number is text; remove the quotes"). The
  // scenario format now reads it as the number (docs/scenario-format.md, numbers as lawyers
  // write them: a lawyer cannot see the difference); quoted text that is no number still fails.
  @Test("Quoted text that is no number is refused where a number is expected")
  func quotedNumber() {
    #expect(
      diagnostics(head + "facts:\n  statutory_award: \"ten thousand\"\n") == [
        "s.yaml:5:20: error: facts.statutory_award: must be a non-negative number or a distribution {dist: NAME, …}, got the quoted text \"ten thousand\""
      ])
  }

  @Test(".nan and .inf are errors everywhere")
  func nanAndInf() {
    #expect(
      diagnostics(head + "facts: {statutory_award: 500, expenses: .inf}\n") == [
        "s.yaml:4:41: error: facts.expenses: must be a non-negative number or a distribution {dist: NAME, …}, got .inf (.nan and .inf are not allowed)"
      ])
    #expect(
      diagnostics(
        "version: 1\ntitle: .nan\ncase: {act: illegal-use, claimant: natural-person, rights: [reproduction]}\nfacts: {statutory_award: 500}\n"
      ) == [
        "s.yaml:2:8: error: title: must be text, got .nan (.nan and .inf are not allowed; quote the text)"
      ])
    #expect(
      diagnostics(head + "facts: {statutory_award: 500, expenses: 1e999}\n") == [
        "s.yaml:4:41: error: facts.expenses: must be a non-negative number or a distribution {dist: NAME, …}, got 1e999 (too large for a number)"
      ])
  }

  @Test("An underscore is not a digit separator; the message says how to group digits")
  func separators() {
    #expect(
      diagnostics(head + "facts: {statutory_award: 5_000}\n") == [
        "s.yaml:4:26: error: facts.statutory_award: \"5_000\" is not an amount; write 5000 or 5,000"
      ])
  }

  @Test("A date must exist")
  func badDate() {
    let text = """
      version: 1
      title: test
      case: {act: illegal-use, claimant: natural-person, rights: [reproduction], infringement_date: 2021-02-30}
      facts: {statutory_award: 500}
      """
    #expect(
      diagnostics(text) == [
        // A date that tries to be one gets the written forms' message (docs/scenario-format.md,
        // numbers as lawyers write them), which names the Chinese form too.
        "s.yaml:3:95: error: case.infringement_date: \"2021-02-30\" is not a date; write 2021-06-01 or 2021年6月1日"
      ])
  }

  @Test("Unknown values list the allowed ones")
  func unknownValues() {
    let text = """
      version: 1
      title: test
      case:
        act: illegal-use
        claimant: person
        rights: [reproduction, copy, reproduction]
        route: court
      facts: {statutory_award: 500}
      """
    #expect(
      diagnostics(text) == [
        "s.yaml:5:13: error: case.claimant: unknown claimant `person`; expected one of natural-person, legal-person",
        "s.yaml:6:26: error: case.rights[1]: unknown right `copy`; expected one of attribution, publication, modification, integrity, reproduction, adaptation, network-dissemination, distribution, exhibition, other-economic",
        "s.yaml:6:32: error: case.rights[2]: `reproduction` is listed twice",
        "s.yaml:7:10: error: case.route: unknown route `court`; did you mean `tort`? expected one of tort, contract, compare",
      ])
    #expect(
      diagnostics(
        "version: 1\ntitle: t\ncase: {act: illegal-use, claimant: natural-person, rights: []}\nfacts: {statutory_award: 500}\n"
      ) == [
        "s.yaml:3:60: error: case.rights: must list at least one right"
      ])
  }

  @Test("R10 the claim must be positive")
  func claim() {
    let text = """
      version: 1
      title: test
      case: {act: illegal-use, claimant: natural-person, rights: [reproduction], claim: 0}
      facts: {statutory_award: 500}
      """
    #expect(
      diagnostics(text) == [
        "s.yaml:3:83: error: case.claim: must be a positive amount (the total claimed, R10), got 0"
      ])
  }

  @Test("Amounts are at most 10^15 yuan: a claim, a fixed fact, a cap, a law's bound or median")
  func largestAmount() {
    let text = """
      version: 1
      title: test
      case: {act: illegal-use, claimant: natural-person, rights: [attribution], claim: 1e19}
      facts:
        statutory_award: 500
        expenses: 1e300
        actual_loss: {dist: uniform, min: 0, max: 2e15}
        illegal_gains: {dist: lognormal, median: 1e16, sigma: 1}
        license_fee: 1e15
        mental_distress_cap: 1.5e15
      """
    #expect(
      diagnostics(text) == [
        "s.yaml:3:82: error: case.claim: must be at most 10^15 yuan, got 1e+19",
        "s.yaml:6:13: error: facts.expenses: must be at most 10^15 yuan, got 1e+300",
        "s.yaml:7:16: error: facts.actual_loss: must lie within 0 to 10^15 yuan; a uniform from 0 to 2,000,000,000,000,000 reaches outside it",
        "s.yaml:8:18: error: facts.illegal_gains: must lie within 0 to 10^15 yuan; a lognormal reaches outside it",
        "s.yaml:10:24: error: facts.mental_distress_cap: must be at most 10^15 yuan, got 1,500,000,000,000,000",
      ])
  }

  @Test("Simulation settings: runs 2 to 10^11, a non-negative seed, at least one thread")
  func simulation() {
    let text =
      head + """
        facts: {statutory_award: 500}
        simulation:
          runs: 1e12
          seed: -1
          threads: 0
        """
    #expect(
      diagnostics(text) == [
        "s.yaml:6:9: error: simulation.runs: must be an integer from 2 to 100,000,000,000, got 1,000,000,000,000",
        "s.yaml:7:9: error: simulation.seed: must be a non-negative integer, got -1",
        "s.yaml:8:12: error: simulation.threads: must be an integer of at least 1, got 0",
      ])
    #expect(
      diagnostics(head + "facts: {statutory_award: 500}\nsimulation: {runs: 2.5}\n") == [
        "s.yaml:5:20: error: simulation.runs: must be an integer from 2 to 100,000,000,000, got 2.5"
      ])
    #expect(
      (try? ScenarioReader.parse(
        head
          + "facts: {statutory_award: 500}\nsimulation: {runs: 1e11, seed: 18446744073709551615}\n",
        file: "s.yaml"))?.simulation.seed == .max)
  }
}

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
        "s.yaml:5:20: error: facts.statutory_award: must be within 0 to 500,000 (2010 text, Art. 49 ¶2: the infringement began before 2021-06-01), got 600,000"
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
        "s.yaml:4:1: error: facts.statutory_award: required: no figure among actual_loss, illegal_gains and license_fee is certainly proven, so statutory damages may apply (R3); give a value within 500 to 5,000,000 (Art. 54 ¶2)"
      ])
    #expect(
      diagnostics(head) == [
        "s.yaml:1:1: error: facts.statutory_award: required: no figure among actual_loss, illegal_gains and license_fee is certainly proven, so statutory damages may apply (R3); give a value within 500 to 5,000,000 (Art. 54 ¶2)"
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

@Suite("Scenario reader: distributions (docs/scenario-format.md, Values and distributions)")
struct ScenarioReaderDistributionErrorTests {
  static let cases: [(String, String)] = [
    (
      "{dist: lognorml, median: 1, sigma: 1}",
      "s.yaml:6:20: error: facts.expenses.dist: unknown distribution `lognorml`; did you mean `lognormal`? expected one of fixed, uniform, triangular, pert, normal, lognormal, gamma, beta, discrete, empirical"
    ),
    (
      "{min: 1, max: 2}",
      "s.yaml:6:3: error: facts.expenses.dist: missing key `dist`: one of fixed, uniform, triangular, pert, normal, lognormal, gamma, beta, discrete, empirical"
    ),
    (
      "{dist: uniform, min: 1}",
      "s.yaml:6:3: error: facts.expenses.max: missing key `max`: a uniform takes min and max, or p10 and p90"
    ),
    (
      "{dist: uniform, min: 1, max: 2, mode: 1}",
      "s.yaml:6:45: error: facts.expenses.mode: unknown key `mode`; expected one of dist, min, max, p10, p90 (a uniform takes min and max, or p10 and p90)"
    ),
    (
      "{dist: uniform, min: 5, max: 1}",
      "s.yaml:6:42: error: facts.expenses.max: must not be less than `min` (5), got 1"
    ),
    (
      "{dist: triangular, min: 1, mode: 9, max: 5}",
      "s.yaml:6:46: error: facts.expenses.mode: must lie within min to max (1 to 5), got 9"
    ),
    (
      "{dist: pert, min: 1, mode: 2, max: 5, lambda: 0}",
      "s.yaml:6:59: error: facts.expenses.lambda: `lambda` must be greater than 0, got 0"
    ),
    (
      "{dist: normal, mean: 5, sd: 0}",
      "s.yaml:6:41: error: facts.expenses.sd: `sd` must be greater than 0, got 0 (for a certain value write the number instead)"
    ),
    (
      "{dist: normal, mean: 0, sd: 1, min: 10, max: 20}",
      "s.yaml:6:13: error: facts.expenses: a normal (mean 0, sd 1) truncated to [10, 20] holds less than 1e-6 of its mass; move min, max or mean"
    ),
    (
      "{dist: lognormal, median: 3000, p90: 8000}",
      "s.yaml:6:3: error: facts.expenses: a lognormal needs exactly one of: median + sigma, p10 + p90, mean + sd; got median, p90"
    ),
    (
      "{dist: lognormal, median: 3000, sigma: 0}",
      "s.yaml:6:52: error: facts.expenses.sigma: `sigma` must be greater than 0, got 0 (for a certain value write the number instead)"
    ),
    (
      "{dist: lognormal, p10: 500, p90: 400}",
      "s.yaml:6:46: error: facts.expenses.p90: `p90` must be greater than 500, got 400 (p10 < p90)"
    ),
    // The percentile parameterisations (docs/scenario-format.md, Values and distributions): exactly one per law, p10 < p90, a mode the
    // law can have, and an amount that stays non-negative.
    (
      "{dist: uniform, min: 1, p10: 2, p90: 5}",
      "s.yaml:6:3: error: facts.expenses: a uniform takes exactly one of: min + max or p10 + p90; got min, p10, p90"
    ),
    (
      "{dist: normal, mean: 5, sd: 1, p90: 8}",
      "s.yaml:6:3: error: facts.expenses: a normal takes exactly one of: mean + sd or p10 + p90; got mean, sd, p90"
    ),
    (
      "{dist: triangular, p10: 2, p90: 5}",
      "s.yaml:6:3: error: facts.expenses.mode: missing key `mode`: a triangular takes min, mode and max, or p10, mode and p90"
    ),
    (
      "{dist: pert, p10: 6, mode: 5, p90: 5}",
      "s.yaml:6:48: error: facts.expenses.p90: `p90` must be greater than 6, got 5 (p10 < p90)"
    ),
    (
      "{dist: pert, p10: 100, mode: 200, p90: 300, lambda: -1}",
      "s.yaml:6:65: error: facts.expenses.lambda: `lambda` must be greater than 0, got -1"
    ),
    (
      "{dist: triangular, p10: 100, mode: 5000, p90: 200}",
      "s.yaml:6:3: error: facts.expenses: no triangular with this mode has this P10 and P90: the mode lies too far outside them"
    ),
    (
      "{dist: uniform, p10: 100, p90: 2000}",
      "s.yaml:6:3: error: facts.expenses: the uniform with these percentiles reaches below 0 (its min would be -137.5); an amount cannot be negative: raise p10 or narrow the range, or use a lognormal"
    ),
    (
      "{dist: pert, p10: 100, mode: 200, p90: 3000}",
      "s.yaml:6:3: error: facts.expenses: the pert with these percentiles reaches below 0 (its min would be -155.17); an amount cannot be negative: raise p10 or narrow the range, or use a lognormal"
    ),
    (
      "{dist: normal, p10: 1, p90: 1000}",
      "s.yaml:6:3: error: facts.expenses: no normal truncated to its min and max has this P10 and P90: the range is too wide for the truncation (a lognormal may fit)"
    ),
    (
      "{dist: triangular, p10: -1e308, mode: 0, p90: 1e308}",
      "s.yaml:6:3: error: facts.expenses: these percentiles are too far apart for a triangular"
    ),
    (
      "{dist: normal, p10: 100, p90: 1000, max: 900}",
      "s.yaml:6:54: error: facts.expenses.max: `max` must be greater than 1,000, got 900 (p90 < max)"
    ),
    (
      "{dist: gamma, shape: 0, scale: 1}",
      "s.yaml:6:34: error: facts.expenses.shape: `shape` must be greater than 0, got 0"
    ),
    (
      "{dist: beta, a: 1, b: 1, min: 5, max: 5}",
      "s.yaml:6:51: error: facts.expenses.max: `max` must be greater than 5, got 5 (a beta needs min < max)"
    ),
    (
      "{dist: discrete, values: [1, 2], weights: [1, -1]}",
      "s.yaml:6:59: error: facts.expenses.weights[1]: must be a non-negative weight, got -1"
    ),
    (
      "{dist: discrete, values: [1, 2], weights: [0, 0]}",
      "s.yaml:6:55: error: facts.expenses.weights: must not all be zero"
    ),
    (
      "{dist: discrete, values: [1, 2, 3], weights: [1, 1]}",
      "s.yaml:6:58: error: facts.expenses.weights: must have as many entries as `values` (3), got 2"
    ),
    (
      "{dist: empirical, values: []}",
      "s.yaml:6:39: error: facts.expenses.values: must list at least one number"
    ),
    (
      "{dist: empirical, values: [1, x]}",
      "s.yaml:6:43: error: facts.expenses.values[1]: must be a number, got `x`"
    ),
    (
      "[1, 2]",
      "s.yaml:6:13: error: facts.expenses: must be a non-negative number or a distribution {dist: NAME, …}, got a list"
    ),
  ]

  @Test("Malformed distributions name the field", arguments: cases)
  func malformed(_ distribution: String, _ expected: String) {
    #expect(
      diagnostics(head + "facts:\n  statutory_award: 500\n  expenses: \(distribution)\n") == [
        expected
      ])
  }
}

@Suite("Scenario reader: correlations (docs/scenario-format.md, Correlations)")
struct ScenarioReaderCorrelationErrorTests {
  @Test("Correlations: distributions only, no pair twice, rho within (-1, 1)")
  func correlations() {
    let text =
      head + """
        facts:
          actual_loss: 1000
          illegal_gains: {dist: uniform, min: 1, max: 2}
          license_fee: {dist: uniform, min: 1, max: 2}
        correlations:
          - [actual_loss, illegal_gains, 0.5]
          - [expenses, illegal_gains, 0.5]
          - [license_fee, illegal_gains, 1]
          - [illegal_gains, license_fee, 0.2]
          - [license_fee, license_fee, 0.2]
          - [license_fees, illegal_gains, 0.2]
          - [license_fee, 0.2]
        """
    #expect(
      diagnostics(text) == [
        "s.yaml:9:5: error: correlations[0]: `facts.actual_loss` is a fixed value, not a distribution; only uncertain facts can be correlated (docs/scenario-format.md, Correlations)",
        "s.yaml:10:5: error: correlations[1]: `facts.expenses` is not given; a correlation needs two facts given as distributions (docs/scenario-format.md, Correlations)",
        "s.yaml:11:34: error: correlations[2]: rho must be within (-1, 1), got 1",
        "s.yaml:12:5: error: correlations[3]: the pair illegal_gains, license_fee is already correlated in correlations[2]",
        "s.yaml:13:5: error: correlations[4]: a fact cannot be correlated with itself",
        "s.yaml:14:6: error: correlations[5]: unknown fact `license_fees`; did you mean `license_fee`? expected one of actual_loss, illegal_gains, license_fee, license_fee_multiple, statutory_award, multiplier, mental_harm_score, mental_distress, expenses, liquidated_damages",
        "s.yaml:15:5: error: correlations[6]: must be [fact, fact, rho], e.g. [actual_loss, illegal_gains, 0.6], got a list",
      ])
  }

  @Test("Correlations that cannot hold together are refused when read, not when simulated (docs/scenario-format.md, Correlations)")
  func notPositiveDefinite() {
    let text =
      head + """
        facts:
          actual_loss: {dist: uniform, min: 1, max: 2}
          illegal_gains: {dist: uniform, min: 1, max: 2}
          license_fee: {dist: uniform, min: 1, max: 2}
        correlations:
          - [actual_loss, illegal_gains, 0.9]
          - [illegal_gains, license_fee, 0.9]
          - [actual_loss, license_fee, -0.9]
        """
    #expect(
      diagnostics(text) == [
        "s.yaml:8:1: error: correlations: the rank correlations actual_loss–illegal_gains (0.9), illegal_gains–license_fee (0.9), actual_loss–license_fee (-0.9) cannot hold together (the matrix is not positive definite); weaken one of them"
      ])
    // the same three, consistent, pass
    #expect(diagnostics(text.replacingOccurrences(of: "-0.9]", with: "0.9]")) == [])
  }
}

@Suite("Scenario reader: defendants (R8)")
struct ScenarioReaderDefendantErrorTests {
  func check(_ defendants: String) -> [String] {
    diagnostics(head + "facts: {statutory_award: 500}\ndefendants:\n" + defendants)
  }

  @Test("R8 names are unique")
  func uniqueNames() {
    #expect(
      check(
        "  - {name: A, role: infringer, form: joint}\n  - {name: A, role: infringer, form: joint}\n"
      ) == [
        "s.yaml:7:12: error: defendants[1].name: `A` already names defendants[0]; defendants' names must be unique"
      ])
  }

  @Test("R8 share not allowed on a sole or vicarious defendant")
  func shareNotAllowed() {
    #expect(
      check("  - {name: A, role: infringer, form: sole, share: 0.5}\n") == [
        "s.yaml:6:44: error: defendants[0].share: not allowed for a `sole` defendant: it bears the whole award (Civil Code Art. 1165 ¶1); remove `share`"
      ])
  }

  @Test("R8 joint group shares: all given summing to 1, or all omitted")
  func jointShares() {
    #expect(
      check(
        "  - {name: A, role: infringer, form: joint, share: 0.5}\n  - {name: B, role: platform, form: knew}\n"
      ) == [
        "s.yaml:6:3: error: defendants: the joint, sufficient and knew defendants form one group: give each a share or none (with a share: A; without: B)"
      ])
    #expect(
      check(
        "  - {name: A, role: infringer, form: joint, share: 0.5}\n  - {name: B, role: platform, form: knew, share: 0.4}\n"
      ) == [
        "s.yaml:6:3: error: defendants: the shares of the joint group (A, B) sum to 0.9; they must sum to 1 (R8)"
      ])
  }

  @Test("R8 proportional defendants need shares summing to at most 1")
  func proportional() {
    #expect(
      check(
        "  - {name: A, role: infringer, form: proportional, share: 0.7}\n  - {name: B, role: infringer, form: proportional}\n"
      ) == [
        "s.yaml:7:5: error: defendants[1].share: missing key `share`: a proportional defendant bears its own share of the award (Civil Code Art. 1172)"
      ])
    #expect(
      check(
        "  - {name: A, role: infringer, form: proportional, share: 0.7}\n  - {name: B, role: infringer, form: proportional, share: 0.7}\n"
      ) == [
        "s.yaml:6:3: error: defendants: the shares of the proportional defendants (A, B) sum to 1.4; they must not exceed 1 (Civil Code Art. 1172)"
      ])
  }

  @Test("R8 a notice-ignored platform needs share and expanded_fraction, which only it may have")
  func noticeIgnored() {
    #expect(
      check(
        "  - {name: A, role: infringer, form: sole}\n  - {name: P, role: platform, form: notice-ignored}\n"
      ) == [
        "s.yaml:7:5: error: defendants[1].share: missing key `share`: its part of the expanded damage (Civil Code Art. 1195 ¶2)",
        "s.yaml:7:5: error: defendants[1].expanded_fraction: missing key `expanded_fraction`: the fraction of the award that is the damage expanded after the notice (Civil Code Art. 1195 ¶2)",
      ])
    #expect(
      check("  - {name: A, role: infringer, form: joint, expanded_fraction: 0.5}\n") == [
        "s.yaml:6:45: error: defendants[0].expanded_fraction: not allowed for a `joint` defendant: `expanded_fraction` is only for a notice-ignored platform (Civil Code Art. 1195 ¶2)"
      ])
    #expect(
      check(
        "  - {name: A, role: infringer, form: sole}\n  - {name: P, role: platform, form: notice-ignored, share: 0, expanded_fraction: 2}\n"
      ) == [
        "s.yaml:7:60: error: defendants[1].share: must be within (0, 1], got 0",
        "s.yaml:7:82: error: defendants[1].expanded_fraction: must be within [0, 1], got 2",
      ])
  }

  @Test("R8 recourse only for a vicarious employer")
  func recourse() {
    #expect(
      check("  - {name: A, role: infringer, form: sole, recourse: true}\n") == [
        "s.yaml:6:44: error: defendants[0].recourse: `recourse` is not allowed here: only an employer liable for its employee (`vicarious`) may recover from the employee (Civil Code Art. 1191 ¶1)"
      ])
  }

  @Test("R8 forms that cannot be combined")
  func combinations() {
    let message =
      "are not an allowed combination; allowed: one `sole`, or one `vicarious`, or one group of `joint`, `sufficient` and `knew` defendants, or two or more `proportional`, each with any number of `notice-ignored` platforms (R8)"
    #expect(
      check(
        "  - {name: A, role: infringer, form: sole}\n  - {name: B, role: infringer, form: joint}\n")
        == [
          "s.yaml:6:3: error: defendants: the forms of the defendants (sole, joint) \(message)"
        ])
    #expect(
      check("  - {name: A, role: infringer, form: proportional, share: 0.5}\n") == [
        "s.yaml:6:3: error: defendants: the forms of the defendants (proportional) \(message)"
      ])
    #expect(
      check(
        "  - {name: P, role: platform, form: notice-ignored, share: 1, expanded_fraction: 0.5}\n")
        == [
          "s.yaml:6:3: error: defendants: the forms of the defendants (notice-ignored) \(message)"
        ])
    #expect(
      diagnostics(head + "facts: {statutory_award: 500}\ndefendants: []\n") == [
        "s.yaml:5:13: error: defendants: must list at least one defendant"
      ])
  }
}

@Suite("Scenario reader: sweeps (docs/scenario-format.md, Sweeps)")
struct ScenarioReaderSweepErrorTests {
  static let base =
    head + """
      facts:
        statutory_award: 500
        multiplier: 2
      defendants:
        - {name: A, role: infringer, form: proportional, share: 0.3}
        - {name: B, role: infringer, form: proportional, share: 0.3}
      sweep:

      """

  @Test("A sweep key that is not a number of the scenario")
  func notSweepable() {
    #expect(
      diagnostics(
        Self.base
          + "  facts.multipler: [1, 2]\n  simulation.runs: [10, 20]\n  defendants[2].share: [0.1]\n"
      ) == [
        "s.yaml:11:3: error: sweep.facts.multipler: `facts.multipler` is not a number or probability of the scenario that can be swept; did you mean `facts.multiplier`?",
        "s.yaml:12:3: error: sweep.simulation.runs: `simulation.runs` is not a number or probability of the scenario that can be swept; sweepable are e.g. facts.multiplier, facts.proven.illegal_gains, liability.work, defendants[0].share, case.claim",
        "s.yaml:13:3: error: sweep.defendants[2].share: `defendants[2].share` names no defendant: the scenario has 2",
      ])
  }

  @Test("R4 multiplier 7 in a sweep list is an error on that sweep entry")
  func listPoint() {
    #expect(
      diagnostics(Self.base + "  facts.multiplier: [1, 3, 7]\n") == [
        "s.yaml:11:28: error: sweep.facts.multiplier[2]: must be within 1 to 5 (Art. 54 ¶1), got 7"
      ])
  }

  @Test("R4 a range point outside the law is an error on the range")
  func rangePoint() {
    #expect(
      diagnostics(Self.base + "  facts.multiplier: {from: 1, to: 7, steps: 4}\n") == [
        "s.yaml:11:3: error: sweep.facts.multiplier: with facts.multiplier = 7: must be within 1 to 5 (Art. 54 ¶1), got 7"
      ])
  }

  @Test("A sweep point that makes another field required")
  func otherField() {
    let text =
      head + """
        facts:
          actual_loss: 1000
          serious: 1
        sweep:
          facts.intentional: [false, 0.5]
        """
    #expect(
      diagnostics(text) == [
        "s.yaml:8:30: error: sweep.facts.intentional[1]: facts.multiplier: required: punitive damages can apply (intentional and serious are possible and a figure may be proven, R4); give a value within 1 to 5 (Art. 54 ¶1)"
      ])
  }

  @Test("R8 a grid point that only fails in combination is an error on the sweep")
  func gridPoint() {
    #expect(
      diagnostics(
        Self.base + "  defendants[0].share: [0.3, 0.6]\n  defendants[1].share: [0.3, 0.6]\n") == [
          "s.yaml:10:1: error: sweep: with defendants[0].share = 0.6, defendants[1].share = 0.6, defendants: the shares of the proportional defendants (A, B) sum to 1.2; they must not exceed 1 (Civil Code Art. 1172)"
        ])
  }

  @Test("Ranges: steps at least 2, log scale above 0, at most 10,000 grid points, no empty list")
  func ranges() {
    #expect(
      diagnostics(Self.base + "  facts.multiplier: {from: 1, to: 5, steps: 1}\n") == [
        "s.yaml:11:45: error: sweep.facts.multiplier.steps: must be an integer of at least 2, got 1"
      ])
    #expect(
      diagnostics(Self.base + "  liability.work: {from: 0, to: 1, steps: 3, scale: log}\n") == [
        "s.yaml:11:53: error: sweep.liability.work.scale: `scale: log` needs `from` and `to` greater than 0"
      ])
    #expect(
      diagnostics(
        Self.base
          + "  liability.work: {from: 0, to: 1, steps: 101}\n  liability.fault: {from: 0, to: 1, steps: 101}\n"
      ) == [
        "s.yaml:10:1: error: sweep: the sweep grid has 10,201 points; at most 10,000 (fewer values or steps)"
      ])
    #expect(
      diagnostics(Self.base + "  liability.work: {from: 0, to: 1, steps: 1000000000000}\n") == [
        "s.yaml:11:43: error: sweep.liability.work.steps: the sweep grid has 1,000,000,000,000 points; at most 10,000 (fewer values or steps)"
      ])
    #expect(
      diagnostics(Self.base + "  liability.work: []\n") == [
        "s.yaml:11:19: error: sweep.liability.work: must list at least one value"
      ])
    #expect(
      diagnostics(Self.base + "  liability.work: {from: 0, to: 1, steps: 3, scale: cubic}\n") == [
        "s.yaml:11:53: error: sweep.liability.work.scale: unknown scale `cubic`; expected one of linear, log"
      ])
  }

  /// Two spellings of one field would make two axes of the grid, the second silently
  /// overriding the first at every point.
  @Test("A field swept twice under two spellings is an error on the second")
  func sweptTwice() {
    #expect(
      diagnostics(Self.base + "  defendants[0].share: [0.1, 0.2]\n  defendants[00].share: [0.3]\n")
        == [
          "s.yaml:12:3: error: sweep.defendants[00].share: `defendants[00].share` names the same field as `defendants[0].share`, already swept; a grid has one axis per field: give its values once"
        ])
  }

  @Test("Probabilities may be swept as true and false; ranges are linear by default")
  func valid() throws {
    let s = try parsed(
      Self.base + "  liability.work: [true, 0.5]\n  case.claim: {from: 1000, to: 3000, steps: 3}\n")
    #expect(s.sweep.map(\.values) == [[1, 0.5], [1000, 2000, 3000]])
  }
}

@Suite("Scenario reader: the edges of the statutory ranges")
struct ScenarioReaderRangeEdgeTests {
  /// Whether `facts: {statutory_award: 1000, KEY: VALUE}` is refused on that key.
  func refused(_ key: String, _ value: String) -> Bool {
    let facts = key == "statutory_award" ? "{statutory_award: \(value)}" : "{statutory_award: 1000, \(key): \(value)}"
    return diagnostics(head + "facts: \(facts)\n").contains { $0.contains("error: facts.\(key):") }
  }

  @Test("R3 Art. 54 ¶2: 500 and 5,000,000 are in, a fen beyond is out", arguments: [
    ("499.99", true), ("500", false), ("5000000", false), ("5000000.01", true),
  ])
  func statutory(_ value: String, _ out: Bool) {
    #expect(refused("statutory_award", value) == out, "\(value)")
  }

  @Test("R4 Art. 54 ¶1 and R2: multipliers 1 and 5 are in, just beyond is out", arguments: [
    ("multiplier", "0.999", true), ("multiplier", "1", false), ("multiplier", "5", false),
    ("multiplier", "5.001", true), ("license_fee_multiple", "0.999", true),
    ("license_fee_multiple", "1", false), ("license_fee_multiple", "5", false),
    ("license_fee_multiple", "5.001", true),
  ])
  func multipliers(_ key: String, _ value: String, _ out: Bool) {
    #expect(refused(key, value) == out, "\(key): \(value)")
  }
}

import DamagesScenario
import Testing

// Each error kind of docs/scenario-format.md, Input rules, checked by its exact rendered text
// and position. The first three lines of `head` are version, title and case, so `facts:` is on
// line 4.

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
        "s.yaml:4:33: error: facts.<<: unknown key `<<`; expected one of actual_loss, illegal_gains, license_fee, license_fee_multiple, statutory_award, multiplier, mental_harm_score, mental_distress, expenses, liquidated_damages, statutory_award_per_work, proven, intentional, serious, serious_mental_harm, mental_harm_threshold, mental_distress_cap (merge keys `<<` belong to YAML 1.1, not to YAML 1.2)"
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
        == "s.yaml:6:3: error: facts.bad1: unknown key `bad1`; expected one of actual_loss, illegal_gains, license_fee, license_fee_multiple, statutory_award, multiplier, mental_harm_score, mental_distress, expenses, liquidated_damages, statutory_award_per_work, proven, intentional, serious, serious_mental_harm, mental_harm_threshold, mental_distress_cap"
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

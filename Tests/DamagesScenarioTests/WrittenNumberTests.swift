import DamagesScenario
import DamagesLaw
import DamagesSimulation
import Foundation
import Testing

/// Numbers as Chinese lawyers write them (docs/scenario-format.md): each written form, each
/// refusal with its message, and the scenario reader reading them.
@Suite("Written numbers")
struct WrittenNumberTests {
  @Test(
    "Each written amount is read exactly (the Double of the plain number, no binary rounding)",
    arguments: [
      ("1.2万", 12000.0), ("30万元", 300_000), ("1.5亿", 150_000_000), ("5千", 5000),
      ("12000元", 12000), ("¥12000", 12000), ("￥12,000", 12000), ("RMB 12,000", 12000),
      ("12,000.50", 12000.5), ("１２０００", 12000), ("１．５万", 15000), ("１２，０００", 12000),
      ("0.3万", 3000), ("1.23456789万", 12345.6789), ("5000", 5000), ("5e6", 5_000_000),
      ("1,234,567.89", 1_234_567.89), (" 30万 ", 300_000), ("RMB12000", 12000),
      ("人民币30万元", 300_000), ("0.7万", 7000), ("2.9亿", 290_000_000),
    ])
  func amounts(written: String, value: Double) throws {
    #expect(try WrittenNumber.amount(written) == value)
  }

  /// 0.57 × 10⁴ in binary is 5699.999999999999, 1.1 × 10⁸ is 110000000.00000001: read as one
  /// decimal numeral, `0.57万` is exactly 5700 and `1.1亿` exactly 110000000.
  @Test("The unit is applied in decimal, not by a binary multiplication")
  func decimal() throws {
    let (a, b, c): (Double, Double, Double) = (0.57, 1.1, 1.005)
    #expect(a * 10_000 != 5700)
    #expect(try WrittenNumber.amount("0.57万") == 5700)
    #expect(b * 100_000_000 != 110_000_000)
    #expect(try WrittenNumber.amount("1.1亿") == 110_000_000)
    #expect(c * 1000 != 1005)
    #expect(try WrittenNumber.amount("1.005千") == 1005)
  }

  @Test(
    "Probabilities: a number, or a percentage with either percent sign",
    arguments: [("30%", 0.3), ("30％", 0.3), ("0.3", 0.3), ("３０％", 0.3), ("7.5%", 0.075), ("100%", 1), ("1", 1)])
  func probabilities(written: String, value: Double) throws {
    #expect(try WrittenNumber.probability(written) == value)
  }

  @Test(
    "Dates: ISO, Chinese, slashes, points",
    arguments: ["2021年6月1日", "2021/6/1", "2021.6.1", "2021-06-01", "２０２１年６月１日", "2021/06/01"])
  func dates(written: String) throws {
    #expect(try WrittenNumber.date(written) == CivilDate(year: 2021, month: 6, day: 1))
  }

  @Test(
    "Each refused amount says what was understood and how to write it",
    arguments: [
      ("1.2w", "\"1.2w\" is not an amount; write 12000 or 1.2万"),
      ("5k", "\"5k\" is not an amount; write 5000 or 5千"),
      ("30%", "\"30%\" is a percentage, not an amount; write the amount in yuan, such as 12000 or 1.2万"),
      ("12,00", "\"12,00\" is not an amount: a comma groups digits by three (12,000); write 1200 without commas, or 1,200"),
      ("5_000", "\"5_000\" is not an amount; write 5000 or 5,000"),
      ("三万", "\"三万\" is not an amount; write it as 12000, 1.2万 or ¥12,000"),
      ("12000美元", "\"12000美元\" is not an amount; write it as 12000, 1.2万 or ¥12,000"),
      ("1.2万%", "\"1.2万%\" is not an amount; write it as 12000, 1.2万 or ¥12,000"),
    ])
  func refusedAmounts(written: String, message: String) {
    #expect(throws: WrittenNumber.Refusal(message: message)) { try WrittenNumber.amount(written) }
  }

  @Test(
    "Each refused probability and date says how to write it",
    arguments: [
      ("30万", "\"30万\" is not a probability; write 0.3 or 30%"),
      ("¥0.3", "\"¥0.3\" is not a probability; write 0.3 or 30%"),
      ("0.3.1", "\"0.3.1\" is not a probability; write 0.3 or 30%"),
    ])
  func refusedProbabilities(written: String, message: String) {
    #expect(throws: WrittenNumber.Refusal(message: message)) {
      try WrittenNumber.probability(written)
    }
  }

  @Test("Refused dates", arguments: ["2021年13月1日", "2021/2/30", "21/6/1", "2021年6月", "June 1"])
  func refusedDates(written: String) {
    #expect(
      throws: WrittenNumber.Refusal(
        message: "\"\(written)\" is not a date; write 2021-06-01 or 2021年6月1日")
    ) { try WrittenNumber.date(written) }
  }
}

@Suite("Scenario reader: numbers as lawyers write them")
struct ScenarioReaderWrittenNumberTests {
  func warnings(_ text: String) -> [String] {
    var warnings: [ScenarioDiagnostic] = []
    _ = try? ScenarioReader.parse(text, file: "s.yaml", warnings: &warnings)
    return warnings.map(\.rendered)
  }

  @Test("Written amounts, probabilities and dates in a scenario, plain and quoted")
  func scenario() throws {
    let text = head.replacingOccurrences(
      of: "rights: [reproduction]}", with: "rights: [reproduction], claim: 30万元, infringement_date: 2021年6月1日}")
      + """
      facts:
        actual_loss: "1.2万"
        illegal_gains: {dist: uniform, min: ¥12000, max: 1.5亿}
        license_fee: ￥12,000
        statutory_award: RMB 12,000
        expenses: １２，０００
        proven: {actual_loss: 30%, illegal_gains: '30％', license_fee: "0.3"}
      liability:
        work: 90%
      simulation: {runs: 10万, seed: "7"}
      """
    let s = try parsed(text)
    #expect(s.terms.claim == Yuan(300_000))
    #expect(s.terms.infringementDate == CivilDate(year: 2021, month: 6, day: 1))
    #expect(s.facts.values[.actualLoss] == .fixed(12000))
    #expect(s.facts.values[.illegalGains] == .uniform(min: 12000, max: 150_000_000))
    #expect(s.facts.values[.licenseFee] == .fixed(12000))
    #expect(s.facts.values[.statutoryAward] == .fixed(12000))
    #expect(s.facts.values[.expenses] == .fixed(12000))
    #expect(s.facts.provenLoss == 0.3)
    #expect(s.facts.provenGains == 0.3)
    #expect(s.facts.provenLicenseFee == 0.3)
    #expect(s.liability.work == 0.9)
    #expect(s.simulation.runs == 100_000)
    #expect(s.simulation.seed == 7)
  }

  /// YAML splits a flow collection at every comma: `{min: 12,000, max: 30,000}` would be
  /// `min: 12` and a key `000`. The reader sees the written text.
  @Test("Digit groups inside a flow collection are read as written")
  func flowGroups() throws {
    let s = try parsed(
      head + """
        facts:
          statutory_award: {dist: uniform, min: 12,000, max: 1,230,000}
          expenses: {dist: discrete, values: [1,000, 2,500.5, 3000], weights: [1, 2, 1]}
          actual_loss: {dist: triangular, min: ￥1,000, mode: 2,000元, max: 3万}
        """)
    #expect(s.facts.values[.statutoryAward] == .uniform(min: 12000, max: 1_230_000))
    #expect(s.facts.values[.expenses] == .discrete(values: [1000, 2500.5, 3000], weights: [1, 2, 1]))
    #expect(s.facts.values[.actualLoss] == .triangular(min: 1000, mode: 2000, max: 30000))
  }

  /// The former error for a quoted number is lifted (docs/scenario-format.md, numbers as lawyers
  /// write them): a lawyer cannot see the difference.
  @Test("A quoted plain number is read as the number")
  func quotedNumber() throws {
    let s = try parsed(head + "facts: {statutory_award: \"10000\", mental_harm_threshold: '5'}\n")
    #expect(s.facts.values[.statutoryAward] == .fixed(10000))
    #expect(s.facts.mentalHarmThreshold == 5)
  }

  @Test("A refused written form is located, names the field and says how to write it")
  func refusals() {
    #expect(
      diagnostics(head + "facts:\n  statutory_award: 1000\n  actual_loss: 1.2w\n") == [
        "s.yaml:6:16: error: facts.actual_loss: \"1.2w\" is not an amount; write 12000 or 1.2万"
      ])
    #expect(
      diagnostics(head + "facts: {statutory_award: 1000}\nliability: {work: 30万}\n") == [
        "s.yaml:5:19: error: liability.work: \"30万\" is not a probability; write 0.3 or 30%"
      ])
    #expect(
      diagnostics(head + "facts: {statutory_award: 30%}\n") == [
        "s.yaml:4:26: error: facts.statutory_award: \"30%\" is a percentage, not an amount; write the amount in yuan, such as 12000 or 1.2万"
      ])
    #expect(
      diagnostics(
        head.replacingOccurrences(
          of: "rights: [reproduction]}", with: "rights: [reproduction], infringement_date: 2021年13月1日}")
          + "facts: {statutory_award: 1000}\n") == [
        "s.yaml:3:95: error: case.infringement_date: \"2021年13月1日\" is not a date; write 2021-06-01 or 2021年6月1日"
      ])
    #expect(
      diagnostics(head + "facts:\n  statutory_award:\n    dist: uniform\n    min: 1,00\n    max: 5000\n") == [
        "s.yaml:7:10: error: facts.statutory_award.min: \"1,00\" is not an amount: a comma groups digits by three (12,000); write 100 without commas, or 100"
      ])
  }

  @Test("An amount below 100 yuan for a claim, a statutory award or a license fee is a warning")
  func smallAmounts() throws {
    let text = head.replacingOccurrences(
      of: "rights: [reproduction]}", with: "rights: [reproduction], claim: 50}")
      + "facts:\n  statutory_award: {dist: uniform, min: 500, max: 5000}\n  license_fee: {dist: lognormal, median: 30, sigma: 0.5}\n  expenses: 50\n"
    #expect(
      warnings(text) == [
        "s.yaml:3:83: warning: case.claim: 50 yuan; did you mean 50万 (500,000)?",
        "s.yaml:6:42: warning: facts.license_fee.median: 30 yuan; did you mean 30万 (300,000)?",
      ])
    // A warning, not an error: the file is valid and read as written.
    let s = try parsed(text)
    #expect(s.terms.claim == Yuan(50))
    // Amounts of 100 and more, and small amounts elsewhere (expenses, a sigma), say nothing.
    #expect(warnings(head + "case2: x\n").isEmpty)
  }

  /// `liability.work: 60` is outside [0, 1]: the range rule still refuses it (an error, exit
  /// 65); the warning adds what was most likely meant.
  @Test("A probability written as a whole number above 1: the range error, and a warning naming 60%")
  func wholeProbability() {
    let text = head + "facts: {statutory_award: 1000}\nliability: {work: 60}\n"
    #expect(
      warnings(text) == [
        "s.yaml:5:19: warning: liability.work: 60 is not a probability; did you mean 60% (0.6)?"
      ])
    #expect(
      diagnostics(text) == [
        "s.yaml:5:19: error: liability.work: must be true, false or a probability in [0, 1], got 60"
      ])
  }
}

import DamagesReports
import DamagesScenario
import DamagesLaw
import DamagesSimulation
import Testing

/// `damages fit` output: the law it offers for a fact is one the scenario reader accepts for
/// that fact (docs/scenario-format.md, Input rules, "Supports": an unbounded lognormal or gamma is an error for a fact
/// with a range).
@Suite("Fit report")
struct FitReportTests {
  static let awards: [Double] = [52_000, 31_000, 120_000, 8_000, 45_000, 70_000, 26_000]
  static let multipliers: [Double] = [1.5, 2, 3, 2.5, 4, 1.2]

  /// The scenario text with `line` under `facts:` and what else the fact needs beside it.
  static func scenario(_ line: String, fact: FactKey) -> String {
    let company: String =
      switch fact {
      case .multiplier: "  illegal_gains: 10000\n  intentional: true\n  serious: true\n"
      case .licenseFeeMultiple: "  license_fee: 1000\n"
      case .mentalHarmScore, .expenses: "  statutory_award: 1000\n"
      default: ""
      }
    return "version: 1\ntitle: t\ncase:\n  act: illegal-use\n  claimant: natural-person\n  rights: [reproduction]\nfacts:\n"
      + company + "  " + line + "\n"
  }

  @Test("R3 R4 The law offered is the one of lowest AIC the reader accepts for the fact",
        arguments: [
          (awards, FactKey.actualLoss, DistributionFit.Result.Law.gamma),
          (awards, .expenses, .gamma),
          (awards, .statutoryAward, .empirical),
          (multipliers, .multiplier, .empirical),
          (multipliers, .licenseFeeMultiple, .empirical),
        ])
  func recommended(values: [Double], fact: FactKey, law: DistributionFit.Result.Law) throws {
    let fits = try DistributionFit.fit(values)
    let best = try #require(FitReport.recommended(fits, for: fact))
    #expect(best.law == law)
    let line = FitReport.scenarioLine(best, fact: fact.rawValue)
    #expect(throws: Never.self) { try ScenarioReader.parse(Self.scenario(line, fact: fact), file: "s.yaml") }
  }

  @Test("Each refusal is the reader's own message for that law and fact", arguments: [
    (awards, FactKey.statutoryAward), (awards, .multiplier), (multipliers, .multiplier),
    (multipliers, .licenseFeeMultiple), (awards, .actualLoss),
  ])
  func refusals(values: [Double], fact: FactKey) throws {
    for r in try DistributionFit.fit(values) {
      let text = Self.scenario(FitReport.scenarioLine(r, fact: fact.rawValue), fact: fact)
      if let reason = FitReport.refusal(of: r, for: fact) {
        let error = try #require(throws: ScenarioError.self) {
          try ScenarioReader.parse(text, file: "s.yaml")
        }
        #expect(error.description.contains("error: facts.\(fact.rawValue): \(reason)"), "\(error)")
      } else {
        #expect(throws: Never.self) { try ScenarioReader.parse(text, file: "s.yaml") }
      }
    }
  }

  @Test("R4 Multipliers from awards in yuan: no law fits within 1 to 5, and none is offered")
  func nothing() throws {
    let fits = try DistributionFit.fit(Self.awards)
    #expect(FitReport.recommended(fits, for: .multiplier) == nil)
    let table = FitReport.render(
      fits, values: Self.awards, file: "a.csv", column: "award", fact: .multiplier, format: .table,
      lang: .en)
    #expect(table.contains("Nothing to paste: none of these laws stays within 1 to 5 (Art. 54 ¶1), the bounds a scenario sets for multiplier.\n"))
    #expect(!table.contains("multiplier: {dist:"))
  }
}

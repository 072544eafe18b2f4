import DamagesScenario
import DamagesSimulation
import Foundation
import Testing

/// Ranges everywhere (docs/scenario-format.md, Values and distributions): `uniform`, `normal`, `triangular` and `pert` written with
/// `p10`/`p90` are read as ordinary laws whose own P10 and P90 are the written values.
@Suite("Scenario reader: laws given by P10 and P90")
struct ScenarioReaderPercentileTests {
  static let text =
    head + """
      facts:
        actual_loss: {dist: triangular, p10: 20000, mode: 25000, p90: 60000}
        illegal_gains: {dist: normal, p10: 2000, p90: 30000}
        license_fee: {dist: uniform, p10: 1000, p90: 5000}
        statutory_award: {dist: pert, p10: 3000, mode: 5000, p90: 20000}
        multiplier: {dist: pert, p10: 1.5, mode: 2, p90: 3.5, lambda: 2}
        mental_harm_score: {dist: normal, p10: 4, p90: 7, min: 0, max: 10}
      """

  @Test("Each percentile law is resolved to its kind, with the written P10 and P90")
  func resolved() throws {
    let s = try parsed(Self.text)
    let expected: [(FactKey, Double, Double)] = [
      (.actualLoss, 20000, 60000), (.illegalGains, 2000, 30000), (.licenseFee, 1000, 5000),
      (.statutoryAward, 3000, 20000), (.multiplier, 1.5, 3.5), (.mentalHarmScore, 4, 7),
    ]
    for (key, p10, p90) in expected {
      let d = try #require(s.facts[key])
      #expect(abs(try d.quantile(0.1) - p10) <= 1e-9 * (p90 - p10), "\(key): \(d)")
      #expect(abs(try d.quantile(0.9) - p90) <= 1e-9 * (p90 - p10), "\(key): \(d)")
    }
    #expect(s.facts[.licenseFee] == .uniform(min: 500, max: 5500))
    // The money fact's normal keeps its default truncation at 0; the score's its [0, 10].
    guard case .normal(_, _, let lo, let hi) = s.facts[.illegalGains] else {
      Issue.record("not a normal"); return
    }
    #expect(lo == 0 && hi == .infinity)
    guard case .pert(_, let mode, _, let lambda) = s.facts[.multiplier] else {
      Issue.record("not a PERT"); return
    }
    #expect(mode == 2 && lambda == 2)
    guard case .pert(_, _, _, let defaultLambda) = s.facts[.statutoryAward] else {
      Issue.record("not a PERT"); return
    }
    #expect(defaultLambda == 4)
  }

  @Test("R3 a statutory award given by percentiles must still stay within 500 to 5,000,000")
  func rangeRuleStillApplies() {
    let messages = diagnostics(
      head + "facts:\n  statutory_award: {dist: uniform, p10: 600, p90: 2000}\n")
    #expect(messages.count == 1, "\(messages)")
    #expect(messages.first?.hasPrefix("s.yaml:5:20: error: facts.statutory_award:") == true)
  }
}

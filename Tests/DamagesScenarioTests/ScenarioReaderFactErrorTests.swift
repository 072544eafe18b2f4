import DamagesScenario
import Testing

// Each error kind of docs/scenario-format.md, Input rules, checked by its exact rendered text
// and position. The first three lines of `head` are version, title and case, so `facts:` is on
// line 4.

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
        "s.yaml:14:6: error: correlations[5]: unknown fact `license_fees`; did you mean `license_fee`? expected one of actual_loss, illegal_gains, license_fee, license_fee_multiple, statutory_award, multiplier, mental_harm_score, mental_distress, expenses, liquidated_damages, statutory_award_per_work",
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

import GSL
import Testing

/// A sampler under test: how to draw from it, and its exact CDF under the same parameters.
struct SamplerCase: Sendable, CustomTestStringConvertible {
  let testDescription: String
  let draw: @Sendable (RandomSource) -> Double
  let cdf: @Sendable (Double) -> Double
  let quantile: @Sendable (Double) throws -> Double
}

/// Statistical tests of GSL's samplers, drawn through RandomSource and judged by the CDF of the
/// same parameters (STYLE: each sampler's quantiles against gsl_cdf_*). A swapped convention
/// (scale read as a rate, sigma as a variance, the beta's a and b exchanged) moves a quantile
/// far outside the tolerance.
///
/// Tolerance: the sample p-quantile q̂ of n draws satisfies F(q̂) ≈ p with standard error
/// √(p(1 − p)/n) (the binomial standard error of a quantile); the test requires
/// |F(q̂) − p| ≤ 5·√(p(1 − p)/n). With n = 200,000 that is 0.0056 at p = 0.5, 0.0048 at
/// p = 0.25 and 0.75, 0.0024 at p = 0.05 and 0.95; a correct sampler fails it with probability
/// below 10⁻⁶ per check, and the fixed seed makes the outcome the same on every run.
@Suite("RandomSource sampling: GSL's parameter conventions, checked statistically")
struct RandomSourceSamplingTests {
  static let n = 200_000
  static let ps = [0.05, 0.25, 0.5, 0.75, 0.95]

  static let cases: [SamplerCase] = [
    SamplerCase(
      testDescription: "gamma(shape 2.5, scale 3)",
      draw: { $0.gamma(shape: 2.5, scale: 3) },
      cdf: { Probability.gammaCDF($0, shape: 2.5, scale: 3) },
      quantile: { p in try Probability.gammaQuantile(p, shape: 2.5, scale: 3) }),
    SamplerCase(
      testDescription: "gamma(shape 0.7, scale 1000)",
      draw: { $0.gamma(shape: 0.7, scale: 1000) },
      cdf: { Probability.gammaCDF($0, shape: 0.7, scale: 1000) },
      quantile: { p in try Probability.gammaQuantile(p, shape: 0.7, scale: 1000) }),
    SamplerCase(
      testDescription: "beta(2, 5)",
      draw: { $0.beta(2, 5) },
      cdf: { Probability.betaCDF($0, a: 2, b: 5) },
      quantile: { p in try Probability.betaQuantile(p, a: 2, b: 5) }),
    SamplerCase(
      testDescription: "beta(0.5, 1.5)",
      draw: { $0.beta(0.5, 1.5) },
      cdf: { Probability.betaCDF($0, a: 0.5, b: 1.5) },
      quantile: { p in try Probability.betaQuantile(p, a: 0.5, b: 1.5) }),
    SamplerCase(
      testDescription: "lognormal(zeta 8, sigma 0.8)",
      draw: { $0.lognormal(zeta: 8, sigma: 0.8) },
      cdf: { Probability.lognormalCDF($0, zeta: 8, sigma: 0.8) },
      quantile: { p in try Probability.lognormalQuantile(p, zeta: 8, sigma: 0.8) }),
    SamplerCase(
      testDescription: "standard normal (ziggurat)",
      draw: { $0.standardNormal() },
      cdf: { Probability.standardNormalCDF($0) },
      quantile: { p in try Probability.standardNormalQuantile(p) }),
    SamplerCase(
      testDescription: "flat(3, 7)",
      draw: { $0.flat(3, 7) },
      cdf: { Probability.uniformCDF($0, a: 3, b: 7) },
      quantile: { p in try Probability.uniformQuantile(p, a: 3, b: 7) }),
    SamplerCase(
      testDescription: "uniformPositive",
      draw: { $0.uniformPositive() },
      cdf: { Probability.uniformCDF($0, a: 0, b: 1) },
      quantile: { p in try Probability.uniformQuantile(p, a: 0, b: 1) }),
  ]

  @Test("sample quantiles agree with the exact CDF", arguments: cases)
  func continuous(_ sampler: SamplerCase) throws {
    let source = RandomSource(seed: 20_231_127, 1)
    var sample = (0..<Self.n).map { _ in sampler.draw(source) }
    Statistics.sort(&sample)
    for p in Self.ps {
      let estimate = Statistics.quantile(sorted: sample, p)
      let tolerance = 5 * (p * (1 - p) / Double(Self.n)).squareRoot()
      let exact = try sampler.quantile(p)
      #expect(
        abs(sampler.cdf(estimate) - p) <= tolerance,
        "p = \(p): sample quantile \(estimate), exact \(exact), F(q̂) = \(sampler.cdf(estimate))")
    }
  }

  /// Weights 1 : 2 : 3 : 4 have cumulative probabilities 0.1, 0.3, 0.6, 1. None of the ps lies
  /// within 5 standard errors (≤ 0.0024) of a jump, so the sample quantile is the exact quantile.
  /// Each frequency is checked too, within 5·√(w(1 − w)/n).
  @Test(
    "a discrete table draws each outcome with its weight, on both algorithms",
    arguments: [RandomSource.Algorithm.taus2, .mt19937])
  func discrete(_ algorithm: RandomSource.Algorithm) throws {
    let weights = [1.0, 2, 3, 4]
    let table = try DiscreteTable(weights: weights)
    let source = RandomSource(algorithm: algorithm, seed: 7, 3)
    var counts = [0, 0, 0, 0]
    var sample = (0..<Self.n).map { _ in
      let i = source.discrete(table)
      counts[i] += 1
      return Double(i)
    }
    for (i, w) in weights.enumerated() {
      let p = w / 10
      let frequency = Double(counts[i]) / Double(Self.n)
      #expect(
        abs(frequency - p) <= 5 * (p * (1 - p) / Double(Self.n)).squareRoot(),
        "outcome \(i): frequency \(frequency), weight \(p)")
    }
    Statistics.sort(&sample)
    for (p, exact) in zip(Self.ps, [0.0, 1, 2, 3, 3]) {
      #expect(Statistics.quantile(sorted: sample, p) == exact, "p = \(p)")
    }
  }
}

import DamagesSimulation
import Foundation
import GSL
import Testing

/// A law of docs/scenario-format.md, Values and distributions with its reference values.
struct Law: Sendable, CustomTestStringConvertible {
  let testDescription: String
  let distribution: Distribution
  /// The exact median (docs/scenario-format.md, "How the scenario is read"), computed independently of GSL.
  let median: Double
  let support: (lower: Double, upper: Double)
  /// For atoms-only laws (fixed, discrete, empirical): the values they take.
  var atoms: [Double]? = nil
}

@Suite("Distribution: the values and laws of docs/scenario-format.md, Values and distributions")
struct DistributionTests {
  // Reference medians: closed forms where they exist; otherwise from an independent
  // implementation of the beta, gamma and truncated normal laws, to 16 digits.
  static let laws: [Law] = [
    Law(
      testDescription: "fixed 7", distribution: .fixed(7), median: 7, support: (7, 7), atoms: [7]),
    Law(
      testDescription: "uniform [10, 30]", distribution: .uniform(min: 10, max: 30),
      median: 20, support: (10, 30)),
    // mode < (min + max)/2: median = max − √((max − min)(max − mode)/2).
    Law(
      testDescription: "triangular (500, 1500, 4000)",
      distribution: .triangular(min: 500, mode: 1500, max: 4000),
      median: 4000 - (3500.0 * 2500 / 2).squareRoot(), support: (500, 4000)),
    Law(
      testDescription: "triangular with the mode at min (0, 0, 10)",
      distribution: .triangular(min: 0, mode: 0, max: 10),
      median: 10 - (100.0 / 2).squareRoot(), support: (0, 10)),
    // PERT(1, 2, 5): Beta(2, 4) on [1, 5] with λ = 4; Beta(1.5, 2.5) with λ = 2.
    Law(
      testDescription: "PERT (1, 2, 5), λ = 4",
      distribution: .pert(min: 1, mode: 2, max: 5, lambda: 4),
      median: 2.25524068182279, support: (1, 5)),
    Law(
      testDescription: "PERT (1, 2, 5), λ = 2",
      distribution: .pert(min: 1, mode: 2, max: 5, lambda: 2),
      median: 2.409809119508524, support: (1, 5)),
    Law(
      testDescription: "normal (100, 15)",
      distribution: .normal(mean: 100, sd: 15, min: -.infinity, max: .infinity),
      median: 100, support: (-.infinity, .infinity)),
    Law(
      testDescription: "normal (100, 80) truncated at 0",
      distribution: .normal(mean: 100, sd: 80, min: 0, max: .infinity),
      median: 110.62413433411854, support: (0, .infinity)),
    Law(
      testDescription: "normal (100, 50) truncated to [50, 200]",
      distribution: .normal(mean: 100, sd: 50, min: 50, max: 200),
      median: 108.55819590089123, support: (50, 200)),
    Law(
      testDescription: "lognormal by median 3000, sigma 0.8",
      distribution: .lognormal(median: 3000, sigma: 0.8), median: 3000,
      support: (0, .infinity)),
    // By p10/p90 the median is their geometric mean.
    Law(
      testDescription: "lognormal by p10 500, p90 8000",
      distribution: .lognormal(p10: 500, p90: 8000), median: (500.0 * 8000).squareRoot(),
      support: (0, .infinity)),
    // By mean/sd the median is mean / √(1 + (sd/mean)²).
    Law(
      testDescription: "lognormal by mean 10000, sd 5000",
      distribution: .lognormal(mean: 10_000, sd: 5_000), median: 10_000 / 1.25.squareRoot(),
      support: (0, .infinity)),
    Law(
      testDescription: "gamma (shape 2.5, scale 1000)",
      distribution: .gamma(shape: 2.5, scale: 1000), median: 2175.730095547763,
      support: (0, .infinity)),
    Law(
      testDescription: "gamma (shape 3, scale 2)",
      distribution: .gamma(shape: 3, scale: 2), median: 5.348120627447118,
      support: (0, .infinity)),
    Law(
      testDescription: "beta (2, 5) on [100, 600]",
      distribution: .beta(a: 2, b: 5, min: 100, max: 600), median: 232.22499164783002,
      support: (100, 600)),
    // The smallest value with 2 × cumulative weight ≥ total weight.
    Law(
      testDescription: "discrete [1, 2, 3] weights [1, 1, 2]",
      distribution: .discrete(values: [1, 2, 3], weights: [1, 1, 2]), median: 2,
      support: (1, 3), atoms: [1, 2, 3]),
    Law(
      testDescription: "discrete [1, 2, 3, 4] equal weights",
      distribution: .discrete(values: [1, 2, 3, 4], weights: [1, 1, 1, 1]), median: 2,
      support: (1, 4), atoms: [1, 2, 3, 4]),
    Law(
      testDescription: "discrete with zero weights",
      distribution: .discrete(values: [0, 10, 20, 30], weights: [0, 1, 0, 3]), median: 30,
      support: (10, 30), atoms: [10, 30]),
    Law(
      testDescription: "discrete multipliers 1.5 to 3",
      distribution: .discrete(values: [1.5, 2, 2.5, 3], weights: [0.1, 0.2, 0.2, 0.5]),
      median: 2.5, support: (1.5, 3), atoms: [1.5, 2, 2.5, 3]),
    // cdf(1) = 0.1 / 3.15, and 0.1 / 3.15 × 3.15 rounds above 0.1: a quantile that compares
    // p × total with the cumulative weight returns 2 there.
    Law(
      testDescription: "discrete weights whose ratios round",
      distribution: .discrete(values: [1, 2, 3], weights: [0.1, 3, 0.05]), median: 2,
      support: (1, 3), atoms: [1, 2, 3]),
    // the P50 by the percentile rule of docs/simulation.md, linear interpolation with h = (N − 1)/2.
    Law(
      testDescription: "empirical [1, 2, 3, 4]", distribution: .empirical([1, 2, 3, 4]),
      median: 2.5, support: (1, 4), atoms: [1, 2, 3, 4]),
    Law(
      testDescription: "empirical, unsorted with ties",
      distribution: .empirical([5_000, 1_000, 4_000, 2_000, 3_000, 3_000]), median: 3_000,
      support: (1_000, 5_000), atoms: [1_000, 2_000, 3_000, 4_000, 5_000]),
  ]

  static let interior = [0.001, 0.01, 0.1, 0.25, 0.5, 0.75, 0.9, 0.99, 0.999]

  @Test("quantile(cdf(x)) = x at interior points", arguments: laws)
  func roundTrip(_ law: Law) throws {
    let d = law.distribution
    if let atoms = law.atoms {
      // A law of atoms: exactly, at each value it takes.
      for v in atoms {
        #expect(try d.quantile(d.cdf(v)) == v, "at \(v): cdf \(d.cdf(v))")
      }
      return
    }
    for p in Self.interior {
      let x = try d.quantile(p)
      #expect(x > law.support.lower && x < law.support.upper, "p = \(p): x = \(x)")
      let scale = Swift.max(abs(x), 1)
      #expect(abs(d.cdf(x) - p) <= 1e-10, "p = \(p): x = \(x), cdf \(d.cdf(x))")
      #expect(abs(try d.quantile(d.cdf(x)) - x) <= 1e-9 * scale, "p = \(p): x = \(x)")
    }
  }

  @Test("median() is the exact median of docs/scenario-format.md, How the scenario is read", arguments: laws)
  func median(_ law: Law) throws {
    let m = try law.distribution.median()
    #expect(
      abs(m - law.median) <= 1e-9 * Swift.max(abs(law.median), 1),
      "median \(m), expected \(law.median)")
    if law.atoms == nil && law.support.lower < law.support.upper {
      #expect(abs(law.distribution.cdf(m) - 0.5) <= 1e-10)
    }
  }

  @Test("the lognormal's median is exactly e^mu")
  func lognormalMedian() throws {
    for (mu, sigma) in [(0.0, 1.0), (8.0, 0.8), (11.5, 1.2)] {
      #expect(try Distribution.lognormal(mu: mu, sigma: sigma).median() == exp(mu))
    }
  }

  @Test("mean agrees with the integral of the quantile function", arguments: laws)
  func mean(_ law: Law) throws {
    // ∫₀¹ Q(p) dp by the midpoint rule on 10⁵ points: its error here is below 10⁻⁴ relative,
    // the heavy lognormal tail (sigma ≈ 1.08) included.
    let n = 100_000
    var sum = 0.0
    for i in 0..<n { sum += try law.distribution.quantile((Double(i) + 0.5) / Double(n)) }
    let integral = sum / Double(n)
    let mean = law.distribution.mean
    #expect(abs(integral - mean) <= 1e-4 * abs(mean), "mean \(mean), integral \(integral)")
  }

  @Test("support, and the CDF and quantile at its ends", arguments: laws)
  func support(_ law: Law) throws {
    let d = law.distribution
    let (lower, upper) = d.support
    #expect(lower == law.support.lower && upper == law.support.upper)
    if lower.isFinite {
      #expect(d.cdf(lower - 1) == 0)
      #expect(d.cdf(-1e300) == 0)
      #expect(abs(try d.quantile(0) - lower) <= 1e-9 * Swift.max(abs(lower), 1))
    }
    if upper.isFinite {
      #expect(d.cdf(upper) == 1)
      #expect(d.cdf(upper + 1) == 1)
      #expect(abs(try d.quantile(1) - upper) <= 1e-9 * Swift.max(abs(upper), 1))
    } else {
      #expect(try d.quantile(1) == .infinity)
    }
  }

  /// docs/scenario-format.md, Values and distributions: "likely between 10,000 and 100,000" is p10/p90.
  @Test(
    "lognormal by p10/p90 reproduces them",
    arguments: [
      (500.0, 8_000.0), (10_000, 100_000), (1, 1.5), (0.01, 1e7),
    ])
  func lognormalByPercentiles(p10: Double, p90: Double) throws {
    let d = Distribution.lognormal(p10: p10, p90: p90)
    #expect(abs(try d.quantile(0.1) / p10 - 1) <= 1e-9)
    #expect(abs(try d.quantile(0.9) / p90 - 1) <= 1e-9)
    #expect(abs(try d.median() / (p10 * p90).squareRoot() - 1) <= 1e-12)
  }

  @Test(
    "lognormal by mean/sd reproduces them",
    arguments: [
      (10_000.0, 5_000.0), (50_000, 100_000), (3_000, 30), (1, 1e-9),
    ])
  func lognormalByMoments(mean: Double, sd: Double) throws {
    let d = Distribution.lognormal(mean: mean, sd: sd)
    #expect(abs(d.mean / mean - 1) <= 1e-12)
    guard case .lognormal(let mu, let sigma) = d else {
      Issue.record("not a lognormal: \(d)")
      return
    }
    // sd² = (e^σ² − 1)·e^(2μ + σ²), in the form that keeps a tiny σ exact.
    let variance = expm1(sigma * sigma) * exp(2 * mu + sigma * sigma)
    #expect(abs(variance.squareRoot() / sd - 1) <= 1e-9, "sigma \(sigma)")
    let cv = sd / mean
    #expect(abs(try d.median() / (mean / (1 + cv * cv).squareRoot()) - 1) <= 1e-12)
  }

  @Test("lognormal CDF is 0 at and below 0")
  func lognormalBelowZero() {
    let d = Distribution.lognormal(median: 100, sigma: 1)
    #expect(d.cdf(0) == 0)
    #expect(d.cdf(-5) == 0)
  }

  /// docs/scenario-format.md, "How the scenario is read": the weights as given, values ascending.
  @Test(
    "discrete median: the smallest value with 2 × cumulative weight ≥ total",
    arguments: [
      ([1.0, 2, 3], [1.0, 1, 2], 2.0),
      ([1, 2, 3, 4], [1, 1, 1, 1], 2),
      ([1, 2, 3], [1, 1, 1], 2),
      ([1, 2, 3], [3, 1, 1], 1),
      ([1, 2, 3], [1, 1, 3], 3),
      ([1, 2], [1, 1], 1),
      ([5], [2], 5),
    ] as [([Double], [Double], Double)])
  func discreteMedian(values: [Double], weights: [Double], expected: Double) throws {
    #expect(try Distribution.discrete(values: values, weights: weights).median() == expected)
  }

  @Test(
    "empirical median: P50 by linear interpolation",
    arguments: [
      ([1.0, 2, 3, 4], 2.5), ([4, 1, 3, 2], 2.5), ([7], 7), ([1, 2, 3], 2), ([0, 0, 0, 10], 0),
      ([1, 10], 5.5),
    ] as [([Double], Double)])
  func empiricalMedian(values: [Double], expected: Double) throws {
    #expect(try Distribution.empirical(values).median() == expected)
  }

  @Test("PERT's default λ = 4 gives the classic mean (min + 4·mode + max)/6")
  func pertMean() {
    #expect(abs(Distribution.pert(min: 1, mode: 2, max: 5, lambda: 4).mean - 14.0 / 6) <= 1e-15)
    let (a, b) = Distribution.pertShape(min: 1, mode: 2, max: 5, lambda: 4)
    #expect(a == 2 && b == 4)
  }

  @Test("quantile of an invalid probability throws for the laws GSL inverts")
  func invalidProbability() {
    for d in [
      Distribution.pert(min: 1, mode: 2, max: 5, lambda: 4), .gamma(shape: 2, scale: 3),
      .beta(a: 2, b: 5, min: 0, max: 1), .lognormal(median: 1, sigma: 1),
      .normal(mean: 0, sd: 1, min: 0, max: .infinity),
    ] {
      #expect(throws: GSLError.self) { try d.quantile(1.5) }
      #expect(throws: GSLError.self) { try d.quantile(.nan) }
    }
  }
}

extension DistributionTests {
  /// Statistical tests: GSL's samplers, drawn through RandomSource with the parameters a
  /// `Distribution` holds, against `Distribution.cdf`. They check that the two agree on
  /// conventions (scale, not rate; sigma of log X; the beta scaled to [min, max]).
  ///
  /// Tolerance: with n = 200,000 draws, the sample p-quantile q̂ satisfies F(q̂) ≈ p with the
  /// binomial standard error √(p(1 − p)/n); each check requires |F(q̂) − p| ≤ 5·√(p(1 − p)/n)
  /// (0.0024 at p = 0.05 and 0.95, 0.0056 at p = 0.5). The seed is fixed, so the result is the
  /// same on every run.
  @Suite("Distribution sampling through RandomSource")
  struct Sampling {
    struct Case: Sendable, CustomTestStringConvertible {
      let testDescription: String
      let distribution: Distribution
      let draw: @Sendable (RandomSource) -> Double
    }

    static let cases: [Case] = [
      Case(testDescription: "gamma (2.5, 1000)", distribution: .gamma(shape: 2.5, scale: 1000)) {
        $0.gamma(shape: 2.5, scale: 1000)
      },
      Case(
        testDescription: "beta (2, 5) on [100, 600]",
        distribution: .beta(a: 2, b: 5, min: 100, max: 600)
      ) { 100 + 500 * $0.beta(2, 5) },
      Case(
        testDescription: "PERT (1, 2, 5)", distribution: .pert(min: 1, mode: 2, max: 5, lambda: 4)
      ) {
        1 + 4 * $0.beta(2, 4)
      },
      Case(testDescription: "lognormal by p10/p90", distribution: .lognormal(p10: 500, p90: 8000)) {
        guard case .lognormal(let mu, let sigma) = Distribution.lognormal(p10: 500, p90: 8000)
        else {
          return .nan
        }
        return $0.lognormal(zeta: mu, sigma: sigma)
      },
      Case(testDescription: "uniform [10, 30]", distribution: .uniform(min: 10, max: 30)) {
        $0.flat(10, 30)
      },
      Case(
        testDescription: "normal (100, 80) truncated at 0 by rejection",
        distribution: .normal(mean: 100, sd: 80, min: 0, max: .infinity)
      ) { r in
        while true {
          let x = 100 + 80 * r.standardNormal()
          if x >= 0 { return x }
        }
      },
    ]

    @Test("sample quantiles agree with the Distribution's CDF and quantile", arguments: cases)
    func sampleQuantiles(_ c: Case) throws {
      let n = 200_000
      let source = RandomSource(seed: 20_231_127, 2)
      var sample = (0..<n).map { _ in c.draw(source) }
      Statistics.sort(&sample)
      for p in [0.05, 0.25, 0.5, 0.75, 0.95] {
        let estimate = Statistics.quantile(sorted: sample, p)
        let exact = try c.distribution.quantile(p)
        let f = c.distribution.cdf(estimate)
        #expect(
          abs(f - p) <= 5 * (p * (1 - p) / Double(n)).squareRoot(),
          "p = \(p): sample \(estimate), exact \(exact), F(sample) = \(f)")
      }
    }
  }
}

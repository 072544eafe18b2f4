import DamagesLaw
@testable import DamagesSimulation
import Foundation
import GSL
import Testing
import _DamagesTestSupport

@Suite("Simulation engine")
struct EngineTests {
  @Test("Same seed and runs give identical results on 1 and 2 threads (docs/simulation.md)")
  func threadInvariance() throws {
    let s = BenchmarkScenario.make()
    // 200,001 runs: three full blocks and a partial one
    let one = try Simulation.run(s, options: SimulationOptions(runs: 200_001, seed: 42, threads: 1))
    let two = try Simulation.run(s, options: SimulationOptions(runs: 200_001, seed: 42, threads: 2))
    #expect(one.primary.award == two.primary.award)
    #expect(one.primary.netRecovery == two.primary.netRecovery)
    #expect(one.primary.basis == two.primary.basis)
    let other = try Simulation.run(s, options: SimulationOptions(runs: 200_001, seed: 43, threads: 2))
    #expect(other.primary.award != one.primary.award)
  }

  @Test("Benchmark mean agrees with its closed form within 4 standard errors (docs/simulation.md, The benchmark model)")
  func benchmarkClosedForm() throws {
    let runs = 2_000_000
    let r = try Simulation.run(BenchmarkScenario.make(), options: SimulationOptions(runs: runs, seed: 2026))
    let award = r.primary.award
    let se = BenchmarkClosedForm.standardError(runs: runs)
    #expect(abs(award.mean - BenchmarkClosedForm.meanAward) < 4 * se,
            "mean \(award.mean) vs closed form \(BenchmarkClosedForm.meanAward), se \(se)")
    #expect(abs(r.primary.pLiable - BenchmarkClosedForm.pLiable) < 4 * (0.25 / Double(runs)).squareRoot())
    #expect(abs(r.primary.pPunitive - BenchmarkClosedForm.pPunitive) < 4 * (0.25 / Double(runs)).squareRoot())
    let shares = r.primary.basis.values.reduce(0, +)
    #expect(abs(shares - 1) < 1e-12, "basis shares sum to 1")
  }

  @Test("Percentiles are exact order statistics of the runs (docs/simulation.md)")
  func percentilesExact() throws {
    // One fact, certain liability: the award is the statutory draw; compare with a sort.
    var terms = CaseTerms(act: .illegalUse, claimant: .legalPerson, rights: [.reproduction])
    terms.route = .tort
    var s = Scenario(title: "t", terms: terms)
    s.facts[.statutoryAward] = .uniform(min: 500, max: 5_000)
    let r = try Simulation.run(s, options: SimulationOptions(runs: 70_001, seed: 5, threads: 2))
    #expect(r.primary.award.min >= 500 && r.primary.award.max <= 5_000)
    #expect(abs(r.primary.award.p50 - 2_750) < 4_500 * 0.01)
    #expect(r.primary.pLiable == 1)
    #expect(r.primary.basis[.statutory] == 1)
  }

  @Test("Every percentile and moment of the award equals that of all runs sorted (docs/simulation.md)",
        arguments: [1, 2])
  func percentilesAreOrderStatistics(threads: Int) throws {
    // The benchmark's award is 0 without liability and at least the expenses (5,000) with
    // it, so the kept liable awards and the count of the others give every run's award.
    var options = SimulationOptions(runs: 300_001, seed: 77, threads: threads)
    options.keepAwards = true
    let r = try Simulation.run(BenchmarkScenario.make(), options: options)
    let liable = try #require(r.liableAwards)
    #expect(liable.allSatisfy { $0 >= 5_000 })
    let all = ([Double](repeating: 0, count: options.runs - liable.count) + liable).sorted()
    let a = r.primary.award
    let expected = DistributionSummary.percentiles.map { Statistics.quantile(sorted: all, $0) }
    #expect([a.p5, a.p10, a.p25, a.p50, a.p75, a.p90, a.p95, a.p99] == expected)
    #expect(a.min == 0 && a.max == all.last!)
    let mean = all.reduce(0, +) / Double(all.count)
    let variance = all.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / Double(all.count - 1)
    #expect(abs(a.mean / mean - 1) < 1e-12)
    #expect(abs(a.sd / variance.squareRoot() - 1) < 1e-12)
    #expect(a.pPositive == Double(liable.count) / Double(options.runs))
  }

  @Test("A value counts as positive exactly when x > 0 (edges: ±0, denormals, ±∞, NaN)")
  func positiveOnBits() {
    let values: [Double] = [0, -0.0, .leastNonzeroMagnitude, -.leastNonzeroMagnitude,
                            .leastNormalMagnitude, 1, -1, .greatestFiniteMagnitude,
                            -.greatestFiniteMagnitude, .infinity, -.infinity, .nan, -.nan,
                            Double(bitPattern: 0x7FF0_0000_0000_0001), 86_783.51]
    for x in values {
      #expect(Moments.Accumulator.positive(x) == (x > 0 ? 1 : 0), "\(x) \(x.bitPattern)")
    }
  }

  @Test("Moments of a block: the sums, extremes and kept non-zero values of a plain loop",
        arguments: [0, 1, 3, 4, 5, 1_001])
  func blockMoments(n: Int) {
    var state: UInt64 = 2_026_112_900 &+ UInt64(n)
    var values: [Double] = (0..<n).map { _ in
      state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
      // about a third zeros, some negative values
      return state >> 62 == 0 ? 0 : (Double(state >> 11) / 0x1p53 - 0.2) * 1_000
    }
    let original = values
    var kept = [Double](repeating: .nan, count: n)
    var nonZero = -1
    let separate = values.withUnsafeBufferPointer { v in
      kept.withUnsafeMutableBufferPointer { Moments(compacting: v, into: $0, nonZero: &nonZero) }
    }
    let expectedKept = original.filter { $0 != 0 }
    #expect(nonZero == expectedKept.count)
    #expect(Array(kept[..<nonZero]) == expectedKept)
    // in place: the same moments, the non-zero values moved to the front
    var inPlace = -1
    let same = values.withUnsafeMutableBufferPointer { v in
      Moments(compacting: UnsafeBufferPointer(v), into: v, nonZero: &inPlace)
    }
    #expect(inPlace == nonZero && Array(values[..<inPlace]) == expectedKept)
    #expect(same.mean == separate.mean && same.m2 == separate.m2)
    // counting the histogram in the second pass: the counts of LogHistogram.count, coarse and
    // fine, and the same moments
    for coarse in [true, false] {
      var expected = [UInt64](repeating: 0, count: coarse ? LogHistogram.coarseSlotCount : LogHistogram.slotCount)
      expectedKept.withUnsafeBufferPointer {
        LogHistogram.count($0, zeros: 0, coarse: coarse, into: &expected)
      }
      var counted = [UInt64](repeating: 0, count: expected.count)
      var fusedNonZero = -1
      var fusedKept = [Double](repeating: .nan, count: n)
      let fused = original.withUnsafeBufferPointer { v in
        fusedKept.withUnsafeMutableBufferPointer { k in
          counted.withUnsafeMutableBufferPointer {
            Moments(compacting: v, into: k, nonZero: &fusedNonZero, histogram: $0.baseAddress,
                    coarse: coarse)
          }
        }
      }
      #expect(counted == expected, "coarse: \(coarse)")
      #expect(fusedNonZero == nonZero && fused.mean == separate.mean && fused.m2 == separate.m2)
    }
    guard n > 0 else {
      #expect(separate.count == 0)
      return
    }
    let mean = original.reduce(0, +) / Double(n)
    let m2 = original.reduce(0) { $0 + ($1 - mean) * ($1 - mean) }
    #expect(separate.count == Double(n))
    #expect(abs(separate.mean - mean) <= 1e-12 * Swift.max(1, abs(mean)))
    #expect(abs(separate.m2 - m2) <= 1e-12 * Swift.max(1, m2))
    #expect(separate.min == original.min()! && separate.max == original.max()!)
    #expect(separate.positive == Double(original.filter { $0 > 0 }.count))
  }

  @Test("A draw that would give a negative amount is an error naming the fact")
  func invalidSample() {
    let terms = CaseTerms(act: .illegalUse, claimant: .legalPerson, rights: [.reproduction])
    var s = Scenario(title: "t", terms: terms)
    s.facts[.statutoryAward] = .fixed(1_000)
    s.facts[.expenses] = .normal(mean: 0, sd: 1_000, min: -.infinity, max: .infinity)
    #expect {
      try Simulation.run(s, options: SimulationOptions(runs: 1_000, seed: 1))
    } throws: { error in
      guard case let SimulationError.invalidSample(fact, value, _) = error else { return false }
      return fact == "expenses" && value < 0
    }
  }

  @Test("Conflicting correlations are an error naming the facts (docs/scenario-format.md, Correlations)")
  func correlationConflict() {
    var s = BenchmarkScenario.make()
    s.correlations = [
      Correlation(.actualLoss, .illegalGains, rho: 0.95),
      Correlation(.actualLoss, .licenseFee, rho: 0.95),
      Correlation(.illegalGains, .licenseFee, rho: -0.95),
    ]
    #expect(throws: SimulationError.self) {
      try Simulation.run(s, options: SimulationOptions(runs: 100, seed: 1))
    }
  }

  @Test("The copula reproduces its Spearman rank correlation (docs/scenario-format.md, Correlations)")
  func copulaRankCorrelation() throws {
    var s = BenchmarkScenario.make()
    s.correlations = [Correlation(.actualLoss, .licenseFee, rho: 0.7)]
    let model = try CompiledModel(s)
    var state = RunState(model: model, random: RandomSource(seed: 9, 9))
    let n = 100_000
    var xs = [Double](), ys = [Double]()
    for _ in 0..<n {
      state.drawn = 0
      xs.append(state.fact(.actualLoss))
      ys.append(state.fact(.licenseFee))
    }
    func ranks(_ v: [Double]) -> [Double] {
      var r = [Double](repeating: 0, count: v.count)
      for (rank, i) in v.indices.sorted(by: { v[$0] < v[$1] }).enumerated() { r[i] = Double(rank) }
      return r
    }
    let rx = ranks(xs), ry = ranks(ys)
    let m = Double(n - 1) / 2
    var sxy = 0.0, sxx = 0.0
    for i in 0..<n { sxy += (rx[i] - m) * (ry[i] - m); sxx += (rx[i] - m) * (rx[i] - m) }
    let spearman = sxy / sxx
    // the standard error of a rank correlation near 0.7 at n = 10^5 is about 0.0016
    #expect(abs(spearman - 0.7) < 0.01, "spearman \(spearman)")
  }

  /// Every reported percentile of every metric of a route.
  static func percentiles(_ r: RouteResult) -> [Double] {
    [r.award, r.compensation, r.punitive, r.mentalDistress, r.expenses, r.feeShare,
     r.netRecovery].flatMap { [$0.p5, $0.p10, $0.p25, $0.p50, $0.p75, $0.p90, $0.p95, $0.p99] }
  }

  @Test("Bounded memory: the second pass over the same blocks gives the exact percentiles (docs/simulation.md)")
  func boundedMemoryExact() throws {
    let s = BenchmarkScenario.make()
    var exact = SimulationOptions(runs: 300_001, seed: 11, threads: 2)
    exact.exactPercentiles = true
    var bounded = exact
    bounded.exactPercentiles = false
    let a = try Simulation.run(s, options: exact).primary
    let b = try Simulation.run(s, options: bounded).primary
    #expect(a.award == b.award)
    #expect(a.netRecovery == b.netRecovery)
    #expect(Self.percentiles(a) == Self.percentiles(b))
    // (that the exact ones are the order statistics of every run: percentilesAreOrderStatistics)
    #expect(a.award.p50 > 0 && a.award.p95 > a.award.p50)
  }

  @Test("Bounded memory past its budget: every percentile within 2^-11 (< 0.1 %) of exact")
  func boundedMemoryInterpolated() throws {
    let s = BenchmarkScenario.make()
    var exact = SimulationOptions(runs: 1_000_000, seed: 12, threads: 2)
    exact.exactPercentiles = true
    var bounded = exact
    bounded.exactPercentiles = false
    bounded.collectLimit = 0  // nothing collected: every percentile interpolated in its slot
    let a = Self.percentiles(try Simulation.run(s, options: exact).primary)
    let b = Self.percentiles(try Simulation.run(s, options: bounded).primary)
    var worst = 0.0
    for (x, y) in zip(a, b) {
      if x == 0 { #expect(y == 0); continue }
      worst = Swift.max(worst, abs(y - x) / abs(x))
    }
    #expect(worst <= 0x1p-11, "largest relative error \(worst)")
    #expect(worst < 0.001)
    #expect(a != b, "the interpolated percentiles are estimates, not the exact values")
  }

  /// Certain liability, a legal person, nothing proven: the award is the statutory draw,
  /// uniform on [500, 5,000], mean 2,750, sd 4,500 / √12 ≈ 1,299.
  static func uniformAwardScenario() -> Scenario {
    let terms = CaseTerms(act: .illegalUse, claimant: .legalPerson, rights: [.reproduction])
    var s = Scenario(title: "uniform award", terms: terms)
    s.facts[.statutoryAward] = .uniform(min: 500, max: 5_000)
    return s
  }

  @Test("Latin hypercube and Sobol points stratify: a uniform input's mean is far more precise than at random",
        arguments: [Sampling.lhs, .sobol])
  func stratifiedSamplingIsNotRandom(_ sampling: Sampling) throws {
    var options = SimulationOptions(runs: 8 * Simulation.replicateSize, seed: 3, threads: 2)
    options.sampling = sampling
    let r = try Simulation.run(Self.uniformAwardScenario(), options: options).primary.award
    // Random sampling: se = 1,299 / √32,768 ≈ 7.2, so |mean − 2,750| < 0.2 would happen in
    // about 2 % of seeds and a reported se below 0.5 never. A replicate of 4,096 stratified
    // points of a linear function has a mean off by about 4,500 / 4,096^1.5 / √12 ≈ 0.005.
    #expect(abs(r.mean - 2_750) < 0.2, "mean \(r.mean)")
    #expect(r.seMean < 0.5, "se \(r.seMean)")
    #expect(r.seMean > 0, "the replicates differ, so the standard error is estimated, not 0")
    // and the marginal is still the uniform law
    #expect(abs(r.p50 - 2_750) < 10 && r.min >= 500 && r.max <= 5_000)
    #expect(abs(r.sd - 4_500 / 12.0.squareRoot()) < 15)
  }

  @Test("Random sampling of the same scenario is not stratified (the test above can fail)")
  func randomSamplingIsNotStratified() throws {
    let options = SimulationOptions(runs: 8 * Simulation.replicateSize, seed: 3, threads: 2)
    let r = try Simulation.run(Self.uniformAwardScenario(), options: options).primary.award
    #expect(abs(r.seMean - 4_500 / 12.0.squareRoot() / (32_768.0).squareRoot()) < 0.2)
  }

  @Test("Stratified samplings: thread-invariant and unbiased on the benchmark (docs/simulation.md)",
        arguments: [Sampling.lhs, .sobol])
  func stratifiedSamplingBenchmark(_ sampling: Sampling) throws {
    let s = BenchmarkScenario.make()
    var options = SimulationOptions(runs: 140_001, seed: 8, threads: 1)
    options.sampling = sampling
    let one = try Simulation.run(s, options: options)
    options.threads = 2
    let two = try Simulation.run(s, options: options)
    #expect(one.primary.award == two.primary.award)
    #expect(one.primary.basis == two.primary.basis)
    options.runs = 600_000
    let r = try Simulation.run(s, options: options).primary
    #expect(abs(r.award.mean - BenchmarkClosedForm.meanAward) < 4 * r.award.seMean,
            "mean \(r.award.mean), se \(r.award.seMean)")
    #expect(abs(r.pLiable - BenchmarkClosedForm.pLiable) < 0.003)
    #expect(abs(r.pPunitive - BenchmarkClosedForm.pPunitive) < 0.003)
  }

  /// The laws made of values (discrete, through GSL's preprocessed table, and empirical): each
  /// draws only its own values, each as often as its weight says (within 5 binomial standard
  /// errors).
  @Test("Discrete and empirical samplers draw their own values with their own weights")
  func atomSamplers() throws {
    let laws: [(Distribution, [Double: Double])] = [
      (.discrete(values: [1, 2, 3], weights: [1, 1, 2]), [1: 0.25, 2: 0.25, 3: 0.5]),
      (.empirical([5_000, 1_000, 3_000, 3_000]), [5_000: 0.25, 1_000: 0.25, 3_000: 0.5]),
      (.discrete(values: [10, 20], weights: [0.9, 0.1]), [10: 0.9, 20: 0.1]),
    ]
    let samplers = try laws.map { try FactSampler($0.0) }
    let n = 100_000
    for (index, (sampler, (_, weights))) in zip(samplers, laws).enumerated() {
      let r = RandomSource(seed: UInt64(index + 1), 5)
      var counts: [Double: Int] = [:]
      for _ in 0..<n { counts[sampler.draw(r), default: 0] += 1 }
      #expect(Set(counts.keys) == Set(weights.keys), "law \(index): drew \(counts.keys.sorted())")
      for (value, p) in weights {
        let share = Double(counts[value] ?? 0) / Double(n)
        #expect(abs(share - p) <= 5 * (p * (1 - p) / Double(n)).squareRoot(), "law \(index), value \(value): \(share)")
      }
    }
  }

  @Test("Every sampler's quantiles match its distribution's exact quantiles")
  func samplerQuantiles() throws {
    let laws: [Distribution] = [
      .uniform(min: 500, max: 5_000),
      .triangular(min: 10_000, mode: 30_000, max: 90_000),
      .pert(min: 1, mode: 2, max: 5, lambda: 4),
      .normal(mean: 10_000, sd: 5_000, min: 0, max: .infinity),
      .normal(mean: 0, sd: 1, min: -.infinity, max: .infinity),
      .lognormal(p10: 10_000, p90: 100_000),
      .gamma(shape: 2.5, scale: 1_000),
      .beta(a: 2, b: 5, min: 0, max: 10),
    ]
    let n = 200_000
    for (index, law) in laws.enumerated() {
      let sampler = try FactSampler(law)
      let r = RandomSource(seed: UInt64(index + 1), 77)
      var xs = (0..<n).map { _ in sampler.draw(r) }
      xs.sort()
      for p in [0.05, 0.25, 0.5, 0.75, 0.95] {
        let q = Statistics.quantile(sorted: xs, p)
        // |F(q̂) − p| within 5 binomial standard errors of a sample quantile
        let tolerance = 5 * (p * (1 - p) / Double(n)).squareRoot()
        #expect(abs(law.cdf(q) - p) < tolerance, "\(law) at p = \(p): F(q̂) = \(law.cdf(q))")
      }
    }
  }
}

extension Moments {
  /// A block's moments in one call, as the engine takes them in two (docs/simulation.md):
  /// ``Moments/Accumulator`` over all the values (their non-zero ones written to `kept`, which
  /// may be `values` itself, and counted in `nonZero`), then its second pass, counting
  /// `histogram` too when given.
  init(compacting values: UnsafeBufferPointer<Double>, into kept: UnsafeMutableBufferPointer<Double>,
       nonZero nonZeroCount: inout Int, histogram: UnsafeMutablePointer<UInt64>? = nil,
       coarse: Bool = false) {
    self.init()
    precondition(kept.count >= values.count)
    nonZeroCount = 0
    guard let p = values.baseAddress, let k = kept.baseAddress, !values.isEmpty else { return }
    var first = Accumulator(kept: k)
    first.add(p, count: values.count)
    self = first.finish(histogram: histogram, coarse: coarse).moments
    nonZeroCount = first.nonZero
  }
}

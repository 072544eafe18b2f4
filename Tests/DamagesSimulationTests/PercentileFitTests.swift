@testable import DamagesSimulation
import Foundation
import GSL
import Testing

/// Laws given by their percentiles (docs/scenario-format.md, Values and distributions): the law's own P10 and P90 are the given values.
@Suite("Distribution: laws given by P10 and P90")
struct PercentileFitTests {
  struct Case: Sendable, CustomTestStringConvertible {
    let testDescription: String
    let p10: Double
    let p90: Double
    let fit: @Sendable () throws -> Distribution
  }

  static let cases: [Case] = [
    Case(testDescription: "uniform 1,000 to 5,000", p10: 1000, p90: 5000) {
      PercentileFit.uniform(p10: 1000, p90: 5000)
    },
    Case(testDescription: "normal, untruncated", p10: -20, p90: 80) {
      try PercentileFit.normal(p10: -20, p90: 80, min: -.infinity, max: .infinity)
    },
    // A money fact's normal is truncated at 0: the truncation moves the percentiles, so the
    // underlying mean and sd must be solved for.
    Case(testDescription: "normal truncated at 0", p10: 2000, p90: 30000) {
      try PercentileFit.normal(p10: 2000, p90: 30000, min: 0, max: .infinity)
    },
    Case(testDescription: "normal truncated to [1, 5]", p10: 1.5, p90: 4) {
      try PercentileFit.normal(p10: 1.5, p90: 4, min: 1, max: 5)
    },
    Case(testDescription: "triangular, mode inside", p10: 10000, p90: 60000) {
      try PercentileFit.triangular(p10: 10000, mode: 20000, p90: 60000)
    },
    Case(testDescription: "triangular, mode above P90", p10: 100, p90: 190) {
      try PercentileFit.triangular(p10: 100, mode: 195, p90: 190)
    },
    Case(testDescription: "triangular, symmetric", p10: 2, p90: 4) {
      try PercentileFit.triangular(p10: 2, mode: 3, p90: 4)
    },
    Case(testDescription: "PERT λ = 4", p10: 1.5, p90: 3.5) {
      try PercentileFit.pert(p10: 1.5, mode: 2, p90: 3.5)
    },
    Case(testDescription: "PERT λ = 2, mode below P10", p10: 5000, p90: 40000) {
      try PercentileFit.pert(p10: 5000, mode: 4000, p90: 40000, lambda: 2)
    },
  ]

  @Test("The quantile function gives back P10 and P90 exactly (to 1e-9)", arguments: cases)
  func exact(_ c: Case) throws {
    let d = try c.fit()
    let scale = c.p90 - c.p10
    #expect(abs(try d.quantile(0.1) - c.p10) <= 1e-9 * scale, "\(d)")
    #expect(abs(try d.quantile(0.9) - c.p90) <= 1e-9 * scale, "\(d)")
    #expect(abs(d.cdf(c.p10) - 0.1) <= 1e-12 && abs(d.cdf(c.p90) - 0.9) <= 1e-12, "\(d)")
  }

  /// Drawn by the engine's own sampler: the share of draws below P10 and below P90 is 0.1 and
  /// 0.9 within 5 binomial standard errors (5 √(0.09/n) = 0.0034 at n = 200,000).
  @Test("Sampling reproduces P10 and P90 within sampling error", arguments: cases)
  func sampled(_ c: Case) throws {
    let d = try c.fit()
    let sampler = try FactSampler(d)
    let source = RandomSource(seed: 20_261_129, 7)
    let n = 200_000
    var below10 = 0
    var below90 = 0
    for _ in 0..<n {
      let x = sampler.draw(source)
      if x <= c.p10 { below10 += 1 }
      if x <= c.p90 { below90 += 1 }
    }
    let tolerance = 5 * (0.09 / Double(n)).squareRoot()
    #expect(abs(Double(below10) / Double(n) - 0.1) <= tolerance)
    #expect(abs(Double(below90) / Double(n) - 0.9) <= tolerance)
  }

  @Test("The closed forms: uniform end points and the untruncated normal")
  func closedForms() throws {
    #expect(PercentileFit.uniform(p10: 1000, p90: 5000) == .uniform(min: 500, max: 5500))
    let normal = try PercentileFit.normal(p10: -20, p90: 80, min: -.infinity, max: .infinity)
    guard case .normal(let mean, let sd, _, _) = normal else { Issue.record("\(normal)"); return }
    #expect(mean == 30)
    #expect(abs(sd - 50 / 1.2815515655446004) < 1e-12)
  }

  @Test("Percentiles no law of the kind can have are refused")
  func impossible() {
    // A triangular with its mode far above both percentiles cannot put 80 % between them.
    #expect(throws: PercentileFit.Failure.self) {
      try PercentileFit.triangular(p10: 100, mode: 5000, p90: 200)
    }
    // A normal truncated at 0 cannot be as skewed as P10 = 1, P90 = 1,000 (its limit, an
    // exponential, has P90 / P10 ≈ 21.9).
    #expect(throws: PercentileFit.Failure.self) {
      try PercentileFit.normal(p10: 1, p90: 1000, min: 0, max: .infinity)
    }
  }
}

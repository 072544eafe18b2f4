import DamagesSimulation
import Foundation
import Testing

@Suite("damages fit: maximum-likelihood laws for comparable awards")
struct DistributionFitTests {
  /// Seven awards, in yuan.
  static let awards: [Double] = [52000, 31000, 120000, 8000, 45000, 70000, 26000]

  @Test("Lognormal: the MLE by hand on e, e², e³")
  func lognormalByHand() throws {
    let e = Foundation.exp(1.0)
    let values = [e, e * e, e * e * e]
    let (d, logL) = DistributionFit.fitLognormal(values)
    guard case .lognormal(let mu, let sigma) = d else { Issue.record("\(d)"); return }
    // log values 1, 2, 3: μ̂ = 2, σ̂² = ((1 − 2)² + 0 + (3 − 2)²)/3 = 2/3.
    #expect(abs(mu - 2) < 1e-14)
    #expect(abs(sigma * sigma - 2.0 / 3) < 1e-14)
    // log L as the sum of log densities 1/(xσ√(2π)) exp(−(log x − μ)²/(2σ²)).
    let s2 = 2.0 / 3
    let byHand = [1.0, 2, 3].reduce(0.0) { sum, l in
      sum - l - 0.5 * Foundation.log(2 * Double.pi * s2) - (l - 2) * (l - 2) / (2 * s2)
    }
    #expect(abs(logL - byHand) < 1e-12)
  }

  /// Reference: log k − ψ(k) = log x̄ − mean(log x) solved to 30 digits with an independent
  /// arbitrary-precision implementation of ψ; log L summed there too.
  @Test("Gamma: the MLE against an independent 30-digit solution")
  func gammaKnownAnswer() throws {
    let (d, logL) = try DistributionFit.fitGamma(Self.awards)
    guard case .gamma(let shape, let scale) = d else { Issue.record("\(d)"); return }
    #expect(abs(shape - 2.03403009415156858) < 1e-10)
    #expect(abs(scale - 24722.2076164460012) < 1e-6)
    #expect(abs(logL - -81.9323287678294813) < 1e-9)
  }

  @Test("Gamma: the fitted shape maximises the likelihood (profiled over the scale)")
  func gammaIsMaximum() throws {
    let (_, best) = try DistributionFit.fitGamma(Self.awards)
    let n = Double(Self.awards.count)
    let mean = Self.awards.reduce(0, +) / n
    func logL(shape k: Double) -> Double {
      let theta = mean / k
      return Self.awards.reduce(0.0) { sum, x in
        sum + (k - 1) * Foundation.log(x) - x / theta - k * Foundation.log(theta) - lgamma(k)
      }
    }
    for k in [1.9, 2.0, 2.03, 2.04, 2.1, 2.5] { #expect(logL(shape: k) < best) }
  }

  @Test("AIC, the KS distance and the order of the fits")
  func report() throws {
    let fits = try DistributionFit.fit(Self.awards)
    #expect(fits.map(\.law) == [.lognormal, .gamma, .empirical])
    for f in fits.prefix(2) { #expect(f.aic! == 4 - 2 * f.logLikelihood!) }
    #expect(fits[2].logLikelihood == nil && fits[2].ksDistance == 0)
    // KS by hand for the lognormal: the largest gap between the step CDF and F at the sorted
    // values, looked at just before and at each step.
    let sorted = Self.awards.sorted()
    let d = fits[0].distribution
    var gap = 0.0
    for (i, x) in sorted.enumerated() {
      gap = max(gap, abs(d.cdf(x) - Double(i) / 7), abs(d.cdf(x) - Double(i + 1) / 7))
    }
    #expect(abs(fits[0].ksDistance - gap) < 1e-15)
    #expect(fits[0].ksDistance > 0 && fits[0].ksDistance < 1)
  }

  @Test("Values a fit cannot take are refused")
  func refusals() {
    #expect(throws: DistributionFit.Failure.tooFew(count: 1)) { try DistributionFit.fit([5]) }
    #expect(throws: DistributionFit.Failure.notPositive(index: 1, value: -3)) {
      try DistributionFit.fit([5, -3])
    }
    #expect(throws: DistributionFit.Failure.allEqual(value: 5)) { try DistributionFit.fit([5, 5]) }
  }
}

public import GSL
import Foundation

/// `damages fit`: laws fitted to comparable awards by maximum likelihood, and how well each
/// fits.
public enum DistributionFit {
  /// One fitted law.
  public struct Result: Sendable {
    public enum Law: String, Sendable { case lognormal, gamma, empirical }
    public var law: Law
    public var distribution: Distribution
    /// Σ log f(xᵢ) at the fitted parameters; nil for `empirical`, a law of atoms that has no
    /// density to compare with the others'.
    public var logLikelihood: Double?
    /// Akaike's criterion 2k − 2 log L (k = 2 parameters); nil for `empirical`.
    public var aic: Double?
    /// The Kolmogorov–Smirnov distance sup |Fₙ(x) − F(x)| between the values' empirical CDF and
    /// the fitted law's (0 for `empirical`, which is that CDF).
    public var ksDistance: Double
  }

  /// Why the values cannot be fitted.
  public enum Failure: Error, Equatable, Sendable {
    case tooFew(count: Int)
    case notPositive(index: Int, value: Double)
    case allEqual(value: Double)
    case notFinite(index: Int)
  }

  /// Lognormal, gamma and empirical fits to `values` (at least two, all positive and finite,
  /// not all equal), the two parametric laws first, in that order.
  public static func fit(_ values: [Double]) throws(Failure) -> [Result] {
    guard values.count >= 2 else { throw .tooFew(count: values.count) }
    for (i, x) in values.enumerated() {
      guard x.isFinite else { throw .notFinite(index: i) }
      guard x > 0 else { throw .notPositive(index: i, value: x) }
    }
    guard Set(values).count > 1 else { throw .allEqual(value: values[0]) }
    let sorted = values.sorted()
    var results: [Result] = []
    let lognormal = fitLognormal(values)
    results.append(
      Result(
        law: .lognormal, distribution: lognormal.distribution, logLikelihood: lognormal.logL,
        aic: 4 - 2 * lognormal.logL, ksDistance: ksDistance(sorted, lognormal.distribution)))
    if let gamma = try? fitGamma(values) {
      results.append(
        Result(
          law: .gamma, distribution: gamma.distribution, logLikelihood: gamma.logL,
          aic: 4 - 2 * gamma.logL, ksDistance: ksDistance(sorted, gamma.distribution)))
    }
    results.append(
      Result(
        law: .empirical, distribution: .empirical(values), logLikelihood: nil, aic: nil,
        ksDistance: 0))
    return results
  }

  /// The lognormal MLE: μ̂ = mean of log x, σ̂² = mean of (log x − μ̂)² (divided by n, not
  /// n − 1); log L = −Σ log xᵢ − (n/2) log(2π σ̂²) − n/2.
  public static func fitLognormal(_ values: [Double]) -> (distribution: Distribution, logL: Double)
  {
    let n = Double(values.count)
    let logs = values.map { Foundation.log($0) }
    let mu = logs.reduce(0, +) / n
    let s2 = logs.reduce(0) { $0 + ($1 - mu) * ($1 - mu) } / n
    let logL = -logs.reduce(0, +) - n / 2 * Foundation.log(2 * Double.pi * s2) - n / 2
    return (.lognormal(mu: mu, sigma: s2.squareRoot()), logL)
  }

  /// The gamma MLE. With s = log(x̄) − mean(log x) > 0, the shape k solves
  /// log k − ψ(k) = s, by Newton's method (ψ and ψ₁ from GSL) from the approximation
  /// k₀ = (3 − s + √((s − 3)² + 24 s)) / (12 s) (Minka 2002); the scale is x̄ / k.
  /// log L = (k − 1) Σ log xᵢ − n x̄ / θ − n k log θ − n log Γ(k).
  public static func fitGamma(_ values: [Double]) throws(GSLError)
    -> (distribution: Distribution, logL: Double)
  {
    let n = Double(values.count)
    let mean = values.reduce(0, +) / n
    let sumLog = values.reduce(0) { $0 + Foundation.log($1) }
    let s = Foundation.log(mean) - sumLog / n
    var k = (3 - s + ((s - 3) * (s - 3) + 24 * s).squareRoot()) / (12 * s)
    for _ in 0..<100 {
      let f = Foundation.log(k) - (try SpecialFunctions.digamma(k)) - s
      let slope = 1 / k - (try SpecialFunctions.trigamma(k))
      var next = k - f / slope
      if !(next > 0) { next = k / 2 }  // stay in the domain
      if abs(next - k) <= 1e-14 * k {
        k = next
        break
      }
      k = next
    }
    let theta = mean / k
    let logL =
      (k - 1) * sumLog - n * mean / theta - n * k * Foundation.log(theta)
      - n * (try SpecialFunctions.logGamma(k))
    return (.gamma(shape: k, scale: theta), logL)
  }

  /// sup |Fₙ − F| over the sorted values: at each xᵢ (i from 1) the larger of F(xᵢ) − (i − 1)/n
  /// and i/n − F(xᵢ).
  public static func ksDistance(_ sorted: [Double], _ d: Distribution) -> Double {
    let n = Double(sorted.count)
    var worst = 0.0
    for (i, x) in sorted.enumerated() {
      let f = d.cdf(x)
      worst = Swift.max(worst, f - Double(i) / n, Double(i + 1) / n - f)
    }
    return worst
  }
}

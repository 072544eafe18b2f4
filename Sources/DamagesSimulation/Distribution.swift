public import GSL
import Foundation

/// An uncertain quantity (docs/scenario-format.md, Values and distributions): a fixed number or a probability distribution.
///
/// The parameterisations a scenario may use (lognormal by `p10`/`p90`, by `mean`/`sd`, …) are
/// converted to one canonical form here when read; ``Distribution`` does not remember which
/// was written.
public enum Distribution: Hashable, Sendable {
  case fixed(Double)
  case uniform(min: Double, max: Double)
  case triangular(min: Double, mode: Double, max: Double)
  /// Scaled Beta(1 + λ(mode−min)/(max−min), 1 + λ(max−mode)/(max−min)) on [min, max].
  case pert(min: Double, mode: Double, max: Double, lambda: Double)
  /// Normal, truncated to [min, max] (either end may be infinite).
  case normal(mean: Double, sd: Double, min: Double, max: Double)
  /// exp(N(mu, sigma²)).
  case lognormal(mu: Double, sigma: Double)
  case gamma(shape: Double, scale: Double)
  /// Beta(a, b) scaled to [min, max].
  case beta(a: Double, b: Double, min: Double, max: Double)
  /// `values` with `weights` (non-negative, not all zero), sorted by value.
  case discrete(values: [Double], weights: [Double])
  /// Resampled with replacement.
  case empirical([Double])

  /// The standard normal quantile at 0.9, used to turn p10/p90 into a lognormal.
  public static let z90 = 1.2815515655446004

  /// A lognormal with the given median and log-scale sigma.
  public static func lognormal(median: Double, sigma: Double) -> Distribution {
    .lognormal(mu: Foundation.log(median), sigma: sigma)
  }

  /// A lognormal whose 10th and 90th percentiles are p10 and p90 (0 < p10 < p90).
  public static func lognormal(p10: Double, p90: Double) -> Distribution {
    let a = Foundation.log(p10), b = Foundation.log(p90)
    return .lognormal(mu: (a + b) / 2, sigma: (b - a) / (2 * z90))
  }

  /// A lognormal with the given mean and standard deviation (both > 0).
  public static func lognormal(mean: Double, sd: Double) -> Distribution {
    // log1p: log(1 + cv²) would round a small cv's sigma to 0.
    let s2 = Foundation.log1p((sd / mean) * (sd / mean))
    return .lognormal(mu: Foundation.log(mean) - s2 / 2, sigma: s2.squareRoot())
  }

  /// The PERT Beta shape parameters.
  public static func pertShape(min: Double, mode: Double, max: Double, lambda: Double) -> (a: Double, b: Double) {
    let range = max - min
    return (1 + lambda * (mode - min) / range, 1 + lambda * (max - mode) / range)
  }

  /// Whether the value is certain.
  public var isFixed: Bool {
    switch self {
    case .fixed: true
    case let .uniform(a, b): a == b
    case let .triangular(a, _, b), let .pert(a, _, b, _): a == b
    case let .discrete(values, weights): Set(zip(values, weights).filter { $0.1 > 0 }.map(\.0)).count == 1
    case let .empirical(values): Set(values).count == 1
    default: false
    }
  }

  /// The smallest and largest values the distribution can take (infinite where unbounded).
  public var support: (lower: Double, upper: Double) {
    switch self {
    case let .fixed(v): (v, v)
    case let .uniform(a, b), let .triangular(a, _, b), let .pert(a, _, b, _), let .beta(_, _, a, b):
      (a, b)
    case let .normal(_, _, lo, hi): (lo, hi)
    case .lognormal, .gamma: (0, .infinity)
    case let .discrete(values, weights):
      (zip(values, weights).filter { $0.1 > 0 }.map(\.0).min() ?? 0,
       zip(values, weights).filter { $0.1 > 0 }.map(\.0).max() ?? 0)
    case let .empirical(values): (values.min() ?? 0, values.max() ?? 0)
    }
  }

  /// The median used by `damages estimate` (docs/scenario-format.md, How the scenario is read): the exact median of the law; for
  /// `discrete`, the smallest value whose cumulative weight reaches half the total; for
  /// `empirical`, the P50 of the values by the percentile rule of docs/simulation.md.
  public func median() throws(GSLError) -> Double {
    switch self {
    case let .discrete(values, weights):
      let total = weights.reduce(0, +)
      var cumulative = 0.0
      for (v, w) in zip(values, weights) {
        cumulative += w
        if 2 * cumulative >= total { return v }
      }
      return values.last!
    case let .empirical(values):
      return Statistics.quantile(sorted: values.sorted(), 0.5)
    case let .lognormal(mu, _):
      return Foundation.exp(mu)
    // A law symmetric about its centre has its centre as median: exact, where the inverse CDF
    // would return it to within a few ulps (a symmetric PERT around a court's figure must give
    // that figure).
    case let .pert(a, c, b, _) where c - a == b - c, let .triangular(a, c, b) where c - a == b - c:
      return c
    case let .beta(alpha, beta, a, b) where alpha == beta:
      return (a + b) / 2
    case let .normal(mean, _, lo, hi) where mean - lo == hi - mean || (lo.isInfinite && hi.isInfinite):
      return mean
    default:
      return try quantile(0.5)
    }
  }

  /// The inverse CDF at p ∈ [0, 1], the smallest x with `cdf(x) ≥ p`: what the copula maps a
  /// uniform to. Exact for every kind (GSL's `gsl_cdf_*_Pinv` where no closed form exists); for
  /// `discrete` and `empirical`, `quantile(cdf(v)) == v` for every value v of the law.
  public func quantile(_ p: Double) throws(GSLError) -> Double {
    switch self {
    case let .fixed(v):
      return v
    case let .uniform(a, b):
      return a + (b - a) * p
    case let .triangular(a, c, b):
      if a == b { return a }
      let f = (c - a) / (b - a)
      return p < f ? a + ((b - a) * (c - a) * p).squareRoot() : b - ((b - a) * (b - c) * (1 - p)).squareRoot()
    case let .pert(a, c, b, lambda):
      if a == b { return a }
      let (alpha, beta) = Distribution.pertShape(min: a, mode: c, max: b, lambda: lambda)
      return a + (b - a) * (try Probability.betaQuantile(p, a: alpha, b: beta))
    case let .normal(mean, sd, lo, hi):
      let (pLo, pHi) = Distribution.truncationMass(mean: mean, sd: sd, lo: lo, hi: hi)
      let z = try Probability.standardNormalQuantile(pLo + p * (pHi - pLo))
      return Swift.min(Swift.max(mean + sd * z, lo), hi)
    case let .lognormal(mu, sigma):
      return Foundation.exp(mu + sigma * (try Probability.standardNormalQuantile(p)))
    case let .gamma(shape, scale):
      return try Probability.gammaQuantile(p, shape: shape, scale: scale)
    case let .beta(alpha, beta, a, b):
      return a + (b - a) * (try Probability.betaQuantile(p, a: alpha, b: beta))
    case let .discrete(values, weights):
      // cumulative / total, summed in the order `cdf` sums: exactly the value `cdf` returns,
      // so that quantile(cdf(v)) == v (p · total would round differently).
      let total = weights.reduce(0, +)
      var cumulative = 0.0
      for (v, w) in zip(values, weights) {
        cumulative += w
        if cumulative / total >= p && w > 0 { return v }
      }
      return values.last!
    case let .empirical(values):
      // The smallest i with (i + 1) / n ≥ p, computed as `cdf` computes its ratio.
      let sorted = values.sorted()
      let n = Double(sorted.count)
      var i = Swift.max(0, Swift.min(Int((p * n).rounded(.up)) - 1, sorted.count - 1))
      while i > 0 && Double(i) / n >= p { i -= 1 }
      while i < sorted.count - 1 && Double(i + 1) / n < p { i += 1 }
      return sorted[i]
    }
  }

  /// The CDF at x.
  public func cdf(_ x: Double) -> Double {
    switch self {
    case let .fixed(v): return x >= v ? 1 : 0
    case let .uniform(a, b): return a == b ? (x >= a ? 1 : 0) : Swift.min(1, Swift.max(0, (x - a) / (b - a)))
    case let .triangular(a, c, b):
      if x <= a { return 0 }
      if x >= b { return 1 }
      return x <= c ? (x - a) * (x - a) / ((b - a) * (c - a)) : 1 - (b - x) * (b - x) / ((b - a) * (b - c))
    case let .pert(a, c, b, lambda):
      if x <= a { return 0 }
      if x >= b { return 1 }
      let (alpha, beta) = Distribution.pertShape(min: a, mode: c, max: b, lambda: lambda)
      return Probability.betaCDF((x - a) / (b - a), a: alpha, b: beta)
    case let .normal(mean, sd, lo, hi):
      if x <= lo { return 0 }
      if x >= hi { return 1 }
      let (pLo, pHi) = Distribution.truncationMass(mean: mean, sd: sd, lo: lo, hi: hi)
      return (Probability.standardNormalCDF((x - mean) / sd) - pLo) / (pHi - pLo)
    case let .lognormal(mu, sigma): return Probability.lognormalCDF(x, zeta: mu, sigma: sigma)
    case let .gamma(shape, scale): return Probability.gammaCDF(x, shape: shape, scale: scale)
    case let .beta(alpha, beta, a, b):
      if x <= a { return 0 }
      if x >= b { return 1 }
      return Probability.betaCDF((x - a) / (b - a), a: alpha, b: beta)
    case let .discrete(values, weights):
      let total = weights.reduce(0, +)
      return zip(values, weights).filter { $0.0 <= x }.reduce(0) { $0 + $1.1 } / total
    case let .empirical(values):
      return Double(values.filter { $0 <= x }.count) / Double(values.count)
    }
  }

  /// The mean of the law (for closed-form checks).
  public var mean: Double {
    switch self {
    case let .fixed(v): return v
    case let .uniform(a, b): return (a + b) / 2
    case let .triangular(a, c, b): return (a + b + c) / 3
    case let .pert(a, c, b, lambda): return a == b ? a : (a + lambda * c + b) / (lambda + 2)
    case let .normal(mean, sd, lo, hi):
      let alpha = (lo - mean) / sd, beta = (hi - mean) / sd
      let z = Probability.standardNormalCDF(beta) - Probability.standardNormalCDF(alpha)
      func phi(_ t: Double) -> Double { t.isInfinite ? 0 : Foundation.exp(-t * t / 2) / (2 * Double.pi).squareRoot() }
      return mean + sd * (phi(alpha) - phi(beta)) / z
    case let .lognormal(mu, sigma): return Foundation.exp(mu + sigma * sigma / 2)
    case let .gamma(shape, scale): return shape * scale
    case let .beta(alpha, beta, a, b): return a + (b - a) * alpha / (alpha + beta)
    case let .discrete(values, weights):
      return zip(values, weights).reduce(0) { $0 + $1.0 * $1.1 } / weights.reduce(0, +)
    case let .empirical(values): return values.reduce(0, +) / Double(values.count)
    }
  }

  /// Φ at the truncation points of a normal: the mass below `lo` and below `hi`.
  static func truncationMass(mean: Double, sd: Double, lo: Double, hi: Double) -> (Double, Double) {
    (lo.isInfinite ? 0 : Probability.standardNormalCDF((lo - mean) / sd),
     hi.isInfinite ? 1 : Probability.standardNormalCDF((hi - mean) / sd))
  }
}

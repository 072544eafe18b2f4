import GSL
import Foundation

/// How one run draws one fact: a distribution compiled for speed. The per-run loop switches
/// over this enum; nothing here allocates when drawing.
enum FactSampler: Sendable {
  case fixed(Double)
  case uniform(low: Double, width: Double)
  case triangular(low: Double, mode: Double, high: Double, split: Double)
  case scaledBeta(low: Double, width: Double, a: Double, b: Double)
  case normal(mean: Double, sd: Double, low: Double, high: Double, truncated: Bool)
  case lognormal(mu: Double, sigma: Double)
  case gamma(shape: Double, scale: Double)
  case discrete(values: [Double], table: DiscreteTable)
  case empirical([Double])

  init(_ d: Distribution) throws(GSLError) {
    switch d {
    case let .fixed(v): self = .fixed(v)
    case let .uniform(a, b): self = a == b ? .fixed(a) : .uniform(low: a, width: b - a)
    case let .triangular(a, c, b):
      self = a == b ? .fixed(a) : .triangular(low: a, mode: c, high: b, split: (c - a) / (b - a))
    case let .pert(a, c, b, lambda):
      if a == b { self = .fixed(a); return }
      let (alpha, beta) = Distribution.pertShape(min: a, mode: c, max: b, lambda: lambda)
      self = .scaledBeta(low: a, width: b - a, a: alpha, b: beta)
    case let .beta(alpha, beta, a, b): self = .scaledBeta(low: a, width: b - a, a: alpha, b: beta)
    case let .normal(mean, sd, lo, hi):
      self = .normal(mean: mean, sd: sd, low: lo, high: hi, truncated: lo.isFinite || hi.isFinite)
    case let .lognormal(mu, sigma): self = .lognormal(mu: mu, sigma: sigma)
    case let .gamma(shape, scale): self = .gamma(shape: shape, scale: scale)
    case let .discrete(values, weights):
      self = .discrete(values: values, table: try DiscreteTable(weights: weights))
    case let .empirical(values): self = .empirical(values)
    }
  }

  /// One independent draw.
  @inline(__always)
  func draw(_ r: RandomSource) -> Double {
    switch self {
    case let .fixed(v): return v
    case let .uniform(low, width): return low + width * r.uniform()
    case let .triangular(a, c, b, split):
      // inverse CDF of the triangular law
      return Self.triangular(atUniform: r.uniform(), low: a, mode: c, high: b, split: split)
    case let .scaledBeta(low, width, a, b): return low + width * r.beta(a, b)
    case let .normal(mean, sd, low, high, truncated):
      if !truncated { return mean + sd * r.standardNormal() }
      // rejection; validation guarantees at least 1e-6 of the mass lies in [low, high]
      while true {
        let x = mean + sd * r.standardNormal()
        if x >= low && x <= high { return x }
      }
    case let .lognormal(mu, sigma): return Foundation.exp(mu + sigma * r.standardNormal())
    case let .gamma(shape, scale): return r.gamma(shape: shape, scale: scale)
    case let .discrete(values, table): return values[r.discrete(table)]
    case let .empirical(values): return values[r.uniformInt(below: values.count)]
    }
  }

  /// Whether the value is certain (it needs no random number).
  var isFixed: Bool {
    if case .fixed = self { return true }
    return false
  }

  /// The triangular law's inverse CDF at u.
  @inline(__always)
  static func triangular(atUniform u: Double, low a: Double, mode c: Double, high b: Double,
                         split: Double) -> Double {
    u < split ? a + ((b - a) * (c - a) * u).squareRoot() : b - ((b - a) * (b - c) * (1 - u)).squareRoot()
  }

  /// A probability kept strictly inside (0, 1), so that every quantile function is finite.
  @inline(__always)
  static func open(_ u: Double) -> Double { Swift.min(Swift.max(u, 0x1p-60), 1 - 0x1p-53) }

  /// The standard normal at a uniform u: Φ⁻¹(u), the copula's input under the stratified
  /// samplings.
  @inline(__always)
  static func standardNormal(atUniform u: Double) -> Double {
    // `open` keeps u strictly inside (0, 1), where the quantile needs no check
    Probability.standardNormalQuantile(inside: open(u))
  }

  /// The value at a uniform u in (0, 1): the marginal's quantile at u (the inverse-CDF path of
  /// the quasi-random and Latin hypercube samplings). The distribution is evaluated only for
  /// the laws without a closed form here, so the per-run loop copies nothing for the others.
  @inline(__always)
  func value(atUniform u: Double, distribution: @autoclosure () -> Distribution) -> Double {
    let u = Self.open(u)
    switch self {
    case let .fixed(v): return v
    case let .uniform(low, width): return low + width * u
    case let .triangular(a, c, b, split):
      return Self.triangular(atUniform: u, low: a, mode: c, high: b, split: split)
    case let .lognormal(mu, sigma):
      return Foundation.exp(mu + sigma * Self.standardNormal(atUniform: u))
    default:
      return (try? distribution().quantile(u)) ?? .nan
    }
  }

  /// The value at a uniform u of random sampling, where only the law matters, not the order of
  /// the values in u: the quantile at u where it is cheap, and for beta (PERT) and gamma laws,
  /// whose quantiles GSL finds by iteration at a hundred times the cost, the law's own sampler
  /// on a generator seeded from u and the fact alone. Either way the value is a function of the
  /// run's coordinate only, as common random numbers need.
  @inline(__always)
  func value(atRandom u: Double, fact: Int, scratch: RandomSource,
             distribution: @autoclosure () -> Distribution) -> Double {
    switch self {
    case .scaledBeta, .gamma:
      scratch.reseed(UInt64(u * 0x1p32), UInt64(fact))
      return draw(scratch)
    default:
      return value(atUniform: u, distribution: distribution())
    }
  }

  /// The value at a standard normal z of the Gaussian copula: the marginal's quantile at Φ(z).
  /// Lognormal and untruncated normal marginals map z directly (no Φ round trip), and the
  /// distribution is evaluated only for the other laws.
  @inline(__always)
  func value(atNormal z: Double, distribution: @autoclosure () -> Distribution) -> Double {
    switch self {
    case let .lognormal(mu, sigma): return Foundation.exp(mu + sigma * z)
    case let .normal(mean, sd, _, _, false): return mean + sd * z
    case let .fixed(v): return v
    default:
      // quantile() only fails for p outside [0, 1], which Φ cannot produce
      return (try? distribution().quantile(Self.open(Probability.standardNormalCDF(z)))) ?? .nan
    }
  }
}

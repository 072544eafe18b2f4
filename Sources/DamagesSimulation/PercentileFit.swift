import Foundation

/// Laws given by their percentiles (docs/scenario-format.md, Values and distributions, "ranges everywhere"): a `uniform`, `normal`,
/// `triangular` or `pert` written with `p10` and `p90` (and `mode`) instead of its end points.
///
/// The convention: the law's own 10th and 90th percentiles equal the given values, exactly up
/// to rounding, whatever else shapes the law (a `normal`'s truncation, a PERT's λ). The end
/// points are solved for once, when the scenario is read; the result is an ordinary
/// ``Distribution`` of the same kind, so sampling never knows how the law was written.
///
/// - `uniform`: closed form, min = p10 − (p90 − p10)/8, max = p90 + (p90 − p10)/8.
/// - `normal` without truncation: closed form, mean = (p10 + p90)/2, sd = (p90 − p10)/(2 z₀.₉).
///   With a truncation (a money fact's default `min: 0`, or a given `min`/`max`) the mean and sd
///   of the underlying normal are solved so that the *truncated* law has these percentiles.
/// - `triangular` and `pert` (λ given or 4): min and max are solved with the mode held fixed.
///
/// The solutions are nested bisections on the laws' CDFs: robust, and exact to a few ulps.
/// Where no law of the kind has the given percentiles (a mode far outside them, a truncation
/// too close), the fit throws ``PercentileFit/Failure``.
public enum PercentileFit {
  /// No law of the kind has the given percentiles.
  public struct Failure: Error, Equatable, Sendable, CustomStringConvertible {
    /// Why, in words for the scenario's author (the reader adds the field).
    public var reason: String
    public var description: String { reason }
  }

  /// The uniform law whose P10 and P90 are `p10` < `p90`.
  public static func uniform(p10: Double, p90: Double) -> Distribution {
    let half = (p90 - p10) / 8
    return .uniform(min: p10 - half, max: p90 + half)
  }

  /// The normal law, truncated to [lo, hi], whose P10 and P90 are `p10` < `p90`.
  public static func normal(p10: Double, p90: Double, min lo: Double, max hi: Double)
    throws(Failure) -> Distribution
  {
    let spread = p90 - p10
    guard spread.isFinite else { throw Failure(reason: "these percentiles are too far apart for a normal") }
    guard lo < p10, p90 < hi else {
      throw Failure(reason: "the truncation bounds must lie strictly outside p10 and p90")
    }
    let free = Distribution.normal(
      mean: (p10 + p90) / 2, sd: spread / (2 * Distribution.z90), min: -.infinity, max: .infinity)
    if lo.isInfinite && hi.isInfinite { return free }
    func law(_ mean: Double, _ sd: Double) -> Distribution {
      .normal(mean: mean, sd: sd, min: lo, max: hi)
    }
    // For a given sd: the mean at which F(p10) = 0.1. F(p10) falls as the mean rises; the mean
    // is kept where the truncated law holds at least ~10⁻⁶ of the normal's mass.
    func mean(for sd: Double) -> Double? {
      let low = lo.isFinite ? Swift.max(lo - 4.5 * sd, p10 - 40 * sd) : p10 - 40 * sd
      let high = hi.isFinite ? Swift.min(hi + 4.5 * sd, p10 + 40 * sd) : p10 + 40 * sd
      return root(low, high) { m in law(m, sd).cdf(p10) - 0.1 }
    }
    // Then F(p90) − 0.9 falls as sd grows; where no mean fits, sd is too large.
    let fitted = root(spread * 1e-6, spread * 1e6, decreasing: true) { sd -> Double in
      guard let m = mean(for: sd) else { return -1 }
      return law(m, sd).cdf(p90) - 0.9
    }
    let failure = Failure(
      reason: "no normal truncated to its min and max has this P10 and P90: the range is too"
        + " wide for the truncation (a lognormal may fit)")
    guard let sd = fitted, let m = mean(for: sd) else { throw failure }
    return try checked(law(m, sd), p10: p10, p90: p90, else: failure)
  }

  /// The triangular law with this mode whose P10 and P90 are `p10` < `p90`.
  public static func triangular(p10: Double, mode: Double, p90: Double) throws(Failure)
    -> Distribution
  {
    try withMode(p10: p10, mode: mode, p90: p90, kind: "triangular") { a, b in
      .triangular(min: a, mode: mode, max: b)
    }
  }

  /// The PERT law with this mode and λ whose P10 and P90 are `p10` < `p90`.
  public static func pert(p10: Double, mode: Double, p90: Double, lambda: Double = 4)
    throws(Failure) -> Distribution
  {
    try withMode(p10: p10, mode: mode, p90: p90, kind: "PERT") { a, b in
      .pert(min: a, mode: mode, max: b, lambda: lambda)
    }
  }

  /// Solves min and max of a law with a fixed mode. For a given min, F(p90) falls as max
  /// rises: the inner bisection finds the max with F(p90) = 0.9. Along that curve F(p10) falls
  /// as min rises: the outer bisection finds the min with F(p10) = 0.1.
  private static func withMode(
    p10: Double, mode c: Double, p90: Double, kind: String,
    _ law: (Double, Double) -> Distribution
  ) throws(Failure) -> Distribution {
    let spread = p90 - p10
    let scale = Swift.max(spread, abs(c - p10), abs(c - p90))
    guard scale.isFinite else {
      throw Failure(reason: "these percentiles are too far apart for a \(kind)")
    }
    func upper(for a: Double) -> Double? {
      let start = Swift.max(c, p90)
      if law(a, start).cdf(p90) < 0.9 { return nil }  // even the narrowest law is too far right
      return root(start, start + scale, expanding: true, decreasing: true) { b in
        law(a, b).cdf(p90) - 0.9
      }
    }
    let top = Swift.min(p10, c)
    let fitted = root(top - scale, top, expanding: true, expandDown: true, decreasing: true) {
      a -> Double in
      guard let b = upper(for: a) else { return -1 }
      return law(a, b).cdf(p10) - 0.1
    }
    let failure = Failure(
      reason: "no \(kind) with this mode has this P10 and P90: the mode lies too far outside"
        + " them")
    guard let a = fitted, let b = upper(for: a) else { throw failure }
    return try checked(law(a, b), p10: p10, p90: p90, else: failure)
  }

  /// The solution must reproduce its percentiles: a bisection that converged on a jump, not a
  /// root, is refused.
  private static func checked(
    _ d: Distribution, p10: Double, p90: Double, else failure: Failure
  ) throws(Failure) -> Distribution {
    let tolerance = 1e-9
    guard abs(d.cdf(p10) - 0.1) < tolerance, abs(d.cdf(p90) - 0.9) < tolerance else {
      throw failure
    }
    return d
  }

  /// A root of `f` between `low` and `high` by bisection, or nil if `f` does not change sign
  /// there. `decreasing`: f falls from positive to negative (else it rises). `expanding`:
  /// first widen the bracket (upwards, or downwards with `expandDown`) by doubling, at most
  /// 80 times, until the sign changes.
  static func root(
    _ low: Double, _ high: Double, expanding: Bool = false, expandDown: Bool = false,
    decreasing: Bool = true, _ f: (Double) -> Double
  ) -> Double? {
    var lo = low
    var hi = high
    let sign: Double = decreasing ? 1 : -1
    // Normalised so that a root is bracketed when g(lo) > 0 > g(hi).
    func g(_ x: Double) -> Double { sign * f(x) }
    if expanding {
      var width = hi - lo
      var k = 0
      if expandDown {
        while g(lo) <= 0 && k < 80 { width *= 2; lo = hi - width; k += 1 }
      } else {
        while g(hi) >= 0 && k < 80 { width *= 2; hi = lo + width; k += 1 }
      }
    }
    let gLo = g(lo)
    let gHi = g(hi)
    guard !gLo.isNaN, !gHi.isNaN else { return nil }
    if gLo == 0 { return lo }
    if gHi == 0 { return hi }
    guard gLo > 0, gHi < 0 else { return nil }
    for _ in 0..<200 {
      let mid = lo + (hi - lo) / 2
      if mid <= lo || mid >= hi { break }
      let gm = g(mid)
      if gm == 0 { return mid }
      if gm > 0 { lo = mid } else { hi = mid }
    }
    return lo + (hi - lo) / 2
  }
}

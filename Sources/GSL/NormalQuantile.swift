public import Foundation

extension Probability {
  /// Φ⁻¹(p) for p strictly between 0 and 1, bit for bit what ``standardNormalQuantile(_:)``
  /// (gsl_cdf_ugaussian_Pinv) returns, without its checks or its generic polynomial loop: the
  /// simulation's copula and lognormal laws call it for every run that needs such a fact, and
  /// the call into GSL was a tenth of a simulation's time.
  ///
  /// The algorithm is the one GSL implements, Wichura's AS 241 (PPND16; M. J. Wichura, "The
  /// Percentage Points of the Normal Distribution", Applied Statistics 37 (1988) 477–484): a
  /// ratio of two degree-7 polynomials in each of three regions, each evaluated by Horner's
  /// rule from the highest coefficient down, numerator and denominator apart, then divided,
  /// with the same operations in the same order as GSL, so the same roundings. The test
  /// compares the two on millions of points and every boundary.
  @inlinable @inline(__always)
  public static func standardNormalQuantile(inside p: Double) -> Double {
    let q = p - 0.5
    if Swift.abs(q) <= 0.425 {
      // AS 241's A0…A7 over B0…B7 (B0 = 1), for |p − 0.5| ≤ 0.425
      let r = 0.180625 - q * q
      return q * ratio(
        r,
        3.387132872796366608, 133.14166789178437745, 1971.5909503065514427,
        13731.693765509461125, 45921.953931549871457, 67265.770927008700853,
        33430.575583588128105, 2509.0809287301226727,
        1.0, 42.313330701600911252, 687.1870074920579083, 5394.1960214247511077,
        21213.794301586595867, 39307.89580009271061, 28729.085735721942674,
        5226.495278852854561)
    }
    let r = (-Foundation.log(p < 0.5 ? p : 1.0 - p)).squareRoot()
    let x: Double
    if r <= 5.0 {
      // C0…C7 over D0…D7, for r = √(−log min(p, 1 − p)) ≤ 5
      x = ratio(
        r - 1.6,
        1.42343711074968357734, 4.6303378461565452959, 5.7694972214606914055,
        3.64784832476320460504, 1.27045825245236838258, 0.24178072517745061177,
        0.0227238449892691845833, 7.7454501427834140764e-4,
        1.0, 2.05319162663775882187, 1.6763848301838038494, 0.68976733498510000455,
        0.14810397642748007459, 0.0151986665636164571966, 5.475938084995344946e-4,
        1.05075007164441684324e-9)
    } else {
      // E0…E7 over F0…F7, for r > 5
      x = ratio(
        r - 5.0,
        6.6579046435011037772, 5.4637849111641143699, 1.7848265399172913358,
        0.29656057182850489123, 0.026532189526576123093, 0.0012426609473880784386,
        2.71155556874348757815e-5, 2.01033439929228813265e-7,
        1.0, 0.59983220655588793769, 0.13692988092273580531, 0.0148753612908506148525,
        7.868691311456132591e-4, 1.8463183175100546818e-5, 1.4215117583164458887e-7,
        2.04426310338993978564e-15)
    }
    return p < 0.5 ? -x : x
  }

  /// (a0 + a1 x + … + a7 x⁷) / (b0 + b1 x + … + b7 x⁷), each by Horner's rule from its
  /// degree-7 coefficient down.
  @inlinable @inline(__always)
  static func ratio(
    _ x: Double, _ a0: Double, _ a1: Double, _ a2: Double, _ a3: Double, _ a4: Double,
    _ a5: Double, _ a6: Double, _ a7: Double, _ b0: Double, _ b1: Double, _ b2: Double,
    _ b3: Double, _ b4: Double, _ b5: Double, _ b6: Double, _ b7: Double
  ) -> Double {
    horner(x, a0, a1, a2, a3, a4, a5, a6, a7) / horner(x, b0, b1, b2, b3, b4, b5, b6, b7)
  }

  /// c0 + c1 x + … + c7 x⁷ as (((c7 x + c6) x + c5) … ) x + c0.
  @inlinable @inline(__always)
  static func horner(
    _ x: Double, _ c0: Double, _ c1: Double, _ c2: Double, _ c3: Double, _ c4: Double,
    _ c5: Double, _ c6: Double, _ c7: Double
  ) -> Double {
    var u = c7
    u = x * u + c6
    u = x * u + c5
    u = x * u + c4
    u = x * u + c3
    u = x * u + c2
    u = x * u + c1
    return x * u + c0
  }
}

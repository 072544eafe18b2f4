internal import CGSL

/// Cumulative distribution functions and their inverses (quantile functions).
///
/// Each wraps the `gsl_cdf_*` function named in its doc comment. The inverse functions take a
/// probability in [0, 1]; GSL reports a domain error outside it, which this layer throws.
public enum Probability {
  /// Φ(x), the standard normal CDF. The corresponding GSL function is gsl_cdf_ugaussian_P.
  public static func standardNormalCDF(_ x: Double) -> Double { gsl_cdf_ugaussian_P(x) }

  /// Φ⁻¹(p). The corresponding GSL function is gsl_cdf_ugaussian_Pinv.
  public static func standardNormalQuantile(_ p: Double) -> Double { gsl_cdf_ugaussian_Pinv(p) }

  /// The Beta(a, b) CDF. The corresponding GSL function is gsl_cdf_beta_P.
  public static func betaCDF(_ x: Double, a: Double, b: Double) -> Double {
    gsl_cdf_beta_P(x, a, b)
  }

  /// The Beta(a, b) quantile. The corresponding GSL function is gsl_cdf_beta_Pinv.
  public static func betaQuantile(_ p: Double, a: Double, b: Double) throws(GSLError) -> Double {
    try gslValue("gsl_cdf_beta_Pinv") { gsl_cdf_beta_Pinv(p, a, b) }
  }

  /// The gamma CDF. The corresponding GSL function is gsl_cdf_gamma_P.
  public static func gammaCDF(_ x: Double, shape: Double, scale: Double) -> Double {
    gsl_cdf_gamma_P(x, shape, scale)
  }

  /// The gamma quantile. The corresponding GSL function is gsl_cdf_gamma_Pinv.
  public static func gammaQuantile(_ p: Double, shape: Double, scale: Double) throws(GSLError)
    -> Double
  {
    try gslValue("gsl_cdf_gamma_Pinv") { gsl_cdf_gamma_Pinv(p, shape, scale) }
  }

  /// The lognormal CDF. The corresponding GSL function is gsl_cdf_lognormal_P.
  public static func lognormalCDF(_ x: Double, zeta: Double, sigma: Double) -> Double {
    gsl_cdf_lognormal_P(x, zeta, sigma)
  }

  /// The lognormal quantile. The corresponding GSL function is gsl_cdf_lognormal_Pinv.
  public static func lognormalQuantile(_ p: Double, zeta: Double, sigma: Double) -> Double {
    gsl_cdf_lognormal_Pinv(p, zeta, sigma)
  }

  /// The uniform CDF on [a, b]. The corresponding GSL function is gsl_cdf_flat_P.
  public static func uniformCDF(_ x: Double, a: Double, b: Double) -> Double {
    gsl_cdf_flat_P(x, a, b)
  }

  /// The uniform quantile on [a, b]. The corresponding GSL function is gsl_cdf_flat_Pinv.
  public static func uniformQuantile(_ p: Double, a: Double, b: Double) -> Double {
    gsl_cdf_flat_Pinv(p, a, b)
  }

  /// The normal CDF with standard deviation sd, centred at 0. The corresponding GSL function is
  /// gsl_cdf_gaussian_P.
  public static func normalCDF(_ x: Double, sd: Double) -> Double { gsl_cdf_gaussian_P(x, sd) }

  /// The upper tail Q(x) = 1 − Φ(x) of the standard normal, accurate far in the tail. The
  /// corresponding GSL function is gsl_cdf_ugaussian_Q.
  public static func standardNormalUpperTail(_ x: Double) -> Double { gsl_cdf_ugaussian_Q(x) }

  /// Q⁻¹(q). The corresponding GSL function is gsl_cdf_ugaussian_Qinv.
  public static func standardNormalUpperQuantile(_ q: Double) -> Double {
    gsl_cdf_ugaussian_Qinv(q)
  }

  /// The binomial CDF P(X ≤ k). The corresponding GSL function is gsl_cdf_binomial_P.
  public static func binomialCDF(_ k: Int, p: Double, n: Int) -> Double {
    gsl_cdf_binomial_P(UInt32(k), p, UInt32(n))
  }
}

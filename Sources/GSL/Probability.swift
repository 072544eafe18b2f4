internal import CGSL

/// Cumulative distribution functions and their inverses (quantile functions).
///
/// Each wraps the `gsl_cdf_*` function named in its doc comment. The quantile functions take a
/// probability in [0, 1] and throw a `GSLError` with ``GSLError/domainErrorCode`` for anything
/// else, and for parameters outside the law's domain. They check before calling GSL, because
/// GSL does not treat every such argument alike: `gsl_cdf_beta_Pinv` reports p = 1.5 through
/// the error handler but never returns for p = NaN or a = 0; `gsl_cdf_gamma_Pinv` and
/// `gsl_cdf_ugaussian_Pinv` return NaN for p = 1.5 without a word; `gsl_cdf_gamma_Pinv` with a
/// negative scale and `gsl_cdf_flat_Pinv` with p = 1.5 return a plausible, wrong number. A NaN
/// that still comes back is thrown too.
///
/// The CDFs do not throw: with invalid parameters they return NaN (GSL's error, if it reports
/// one, is recorded and discarded, never an abort).
public enum Probability {
  /// Φ(x), the standard normal CDF. The corresponding GSL function is gsl_cdf_ugaussian_P.
  public static func standardNormalCDF(_ x: Double) -> Double { gsl_cdf_ugaussian_P(x) }

  /// Φ⁻¹(p), from −∞ at p = 0 to +∞ at p = 1. The corresponding GSL function is
  /// gsl_cdf_ugaussian_Pinv.
  public static func standardNormalQuantile(_ p: Double) throws(GSLError) -> Double {
    let function = "gsl_cdf_ugaussian_Pinv"
    try checkProbability(p, function)
    return try notNaN(gsl_cdf_ugaussian_Pinv(p), function)
  }

  /// The quantile of Student's t distribution with `nu` degrees of freedom (nu > 0). The
  /// corresponding GSL function is gsl_cdf_tdist_Pinv.
  public static func studentTQuantile(_ p: Double, degreesOfFreedom nu: Double) throws(GSLError)
    -> Double
  {
    let function = "gsl_cdf_tdist_Pinv"
    try checkProbability(p, function)
    return try notNaN(gsl_cdf_tdist_Pinv(p, nu), function)
  }

  /// The Beta(a, b) CDF. The corresponding GSL function is gsl_cdf_beta_P.
  public static func betaCDF(_ x: Double, a: Double, b: Double) -> Double {
    GSL.installErrorHandler()
    return gsl_cdf_beta_P(x, a, b)
  }

  /// The Beta(a, b) quantile (a, b > 0 and finite). The corresponding GSL function is
  /// gsl_cdf_beta_Pinv.
  public static func betaQuantile(_ p: Double, a: Double, b: Double) throws(GSLError) -> Double {
    let function = "gsl_cdf_beta_Pinv"
    try checkProbability(p, function)
    try checkParameter(a > 0 && a.isFinite, "a must be positive and finite, got \(a)", function)
    try checkParameter(b > 0 && b.isFinite, "b must be positive and finite, got \(b)", function)
    return try notNaN(gslValue(function) { gsl_cdf_beta_Pinv(p, a, b) }, function)
  }

  /// The gamma CDF. The corresponding GSL function is gsl_cdf_gamma_P.
  public static func gammaCDF(_ x: Double, shape: Double, scale: Double) -> Double {
    GSL.installErrorHandler()
    return gsl_cdf_gamma_P(x, shape, scale)
  }

  /// The gamma quantile (shape, scale > 0 and finite). The corresponding GSL function is
  /// gsl_cdf_gamma_Pinv.
  public static func gammaQuantile(_ p: Double, shape: Double, scale: Double) throws(GSLError)
    -> Double
  {
    let function = "gsl_cdf_gamma_Pinv"
    try checkProbability(p, function)
    try checkParameter(
      shape > 0 && shape.isFinite, "shape must be positive and finite, got \(shape)", function)
    try checkParameter(
      scale > 0 && scale.isFinite, "scale must be positive and finite, got \(scale)", function)
    return try notNaN(gslValue(function) { gsl_cdf_gamma_Pinv(p, shape, scale) }, function)
  }

  /// The lognormal CDF; 0 for x ≤ 0. The corresponding GSL function is gsl_cdf_lognormal_P.
  public static func lognormalCDF(_ x: Double, zeta: Double, sigma: Double) -> Double {
    // GSL takes log(x) unguarded: NaN for a negative x.
    x <= 0 ? 0 : gsl_cdf_lognormal_P(x, zeta, sigma)
  }

  /// The lognormal quantile (zeta finite, sigma > 0 and finite). The corresponding GSL function
  /// is gsl_cdf_lognormal_Pinv.
  public static func lognormalQuantile(_ p: Double, zeta: Double, sigma: Double) throws(GSLError)
    -> Double
  {
    let function = "gsl_cdf_lognormal_Pinv"
    try checkProbability(p, function)
    try checkParameter(zeta.isFinite, "zeta must be finite, got \(zeta)", function)
    try checkParameter(
      sigma > 0 && sigma.isFinite, "sigma must be positive and finite, got \(sigma)", function)
    return try notNaN(gsl_cdf_lognormal_Pinv(p, zeta, sigma), function)
  }

  /// The uniform CDF on [a, b]. The corresponding GSL function is gsl_cdf_flat_P.
  public static func uniformCDF(_ x: Double, a: Double, b: Double) -> Double {
    gsl_cdf_flat_P(x, a, b)
  }

  /// The uniform quantile on [a, b] (a ≤ b, both finite). The corresponding GSL function is
  /// gsl_cdf_flat_Pinv.
  public static func uniformQuantile(_ p: Double, a: Double, b: Double) throws(GSLError)
    -> Double
  {
    let function = "gsl_cdf_flat_Pinv"
    try checkProbability(p, function)
    try checkParameter(
      a.isFinite && b.isFinite && a <= b, "need finite a ≤ b, got a = \(a), b = \(b)", function)
    return try notNaN(gsl_cdf_flat_Pinv(p, a, b), function)
  }

  /// The normal CDF with standard deviation sd, centred at 0. The corresponding GSL function is
  /// gsl_cdf_gaussian_P.
  public static func normalCDF(_ x: Double, sd: Double) -> Double { gsl_cdf_gaussian_P(x, sd) }

  /// The upper tail Q(x) = 1 − Φ(x) of the standard normal, accurate far in the tail. The
  /// corresponding GSL function is gsl_cdf_ugaussian_Q.
  public static func standardNormalUpperTail(_ x: Double) -> Double { gsl_cdf_ugaussian_Q(x) }

  /// Q⁻¹(q), from +∞ at q = 0 to −∞ at q = 1. The corresponding GSL function is
  /// gsl_cdf_ugaussian_Qinv.
  public static func standardNormalUpperQuantile(_ q: Double) throws(GSLError) -> Double {
    let function = "gsl_cdf_ugaussian_Qinv"
    try checkProbability(q, function)
    return try notNaN(gsl_cdf_ugaussian_Qinv(q), function)
  }

  /// The binomial CDF P(X ≤ k) (0 ≤ k, n < 2³²). The corresponding GSL function is
  /// gsl_cdf_binomial_P.
  public static func binomialCDF(_ k: Int, p: Double, n: Int) -> Double {
    GSL.installErrorHandler()
    return gsl_cdf_binomial_P(UInt32(k), p, UInt32(n))
  }
}

/// Throws GSL_EDOM unless p lies in [0, 1] (NaN does not).
private func checkProbability(_ p: Double, _ function: String) throws(GSLError) {
  guard p >= 0 && p <= 1 else {
    throw GSLError(
      code: GSLError.domainErrorCode, reason: "P must be in range 0 <= P <= 1, got \(p)",
      function: function)
  }
}

/// Throws GSL_EDOM with `reason` unless `condition` holds.
private func checkParameter(
  _ condition: Bool, _ reason: @autoclosure () -> String,
  _ function: String
) throws(GSLError) {
  guard condition else {
    throw GSLError(code: GSLError.domainErrorCode, reason: reason(), function: function)
  }
}

/// Throws GSL_EDOM if a quantile function returned NaN. The normal, lognormal and flat inverses
/// never call GSL's error handler, so they need no ``gslValue(_:_:)`` around them: the copula
/// calls them once per run.
@inline(__always)
private func notNaN(_ value: Double, _ function: String) throws(GSLError) -> Double {
  guard !value.isNaN else {
    throw GSLError(code: GSLError.domainErrorCode, reason: "result is NaN", function: function)
  }
  return value
}

internal import CGSL

/// Special functions: the digamma and trigamma functions and log Γ, for maximum-likelihood
/// fits (the gamma law's shape).
///
/// Each calls the `_e` form of the GSL function named in its doc comment, whose status passes
/// through the module's one funnel: an argument outside the domain (a pole, NaN) throws.
public enum SpecialFunctions {
  /// ψ(x) = d/dx log Γ(x). The corresponding GSL function is gsl_sf_psi_e.
  public static func digamma(_ x: Double) throws(GSLError) -> Double {
    try value("gsl_sf_psi_e", x) { gsl_sf_psi_e(x, $0) }
  }

  /// ψ₁(x) = d²/dx² log Γ(x). The corresponding GSL function is gsl_sf_psi_1_e.
  public static func trigamma(_ x: Double) throws(GSLError) -> Double {
    try value("gsl_sf_psi_1_e", x) { gsl_sf_psi_1_e(x, $0) }
  }

  /// log |Γ(x)|. The corresponding GSL function is gsl_sf_lngamma_e.
  public static func logGamma(_ x: Double) throws(GSLError) -> Double {
    try value("gsl_sf_lngamma_e", x) { gsl_sf_lngamma_e(x, $0) }
  }

  private static func value(
    _ function: String, _ x: Double,
    _ body: (UnsafeMutablePointer<gsl_sf_result>) -> Int32
  ) throws(GSLError) -> Double {
    guard !x.isNaN else {
      throw GSLError(code: GSLError.domainErrorCode, reason: "argument is NaN", function: function)
    }
    var result = gsl_sf_result(val: 0, err: 0)
    try gslCall(function) { body(&result) }
    return result.val
  }
}

import Foundation
import GSL
import Testing

/// One call of a quantile function with its arguments, for argument tables.
struct QuantileCall: Sendable, CustomTestStringConvertible {
  let testDescription: String
  let function: String
  let call: @Sendable () throws -> Double

  init(
    _ testDescription: String, _ function: String,
    _ call: @escaping @Sendable () throws -> Double
  ) {
    self.testDescription = testDescription
    self.function = function
    self.call = call
  }
}

@Suite("Probability: CDFs and quantile functions")
struct ProbabilityTests {
  /// Arguments outside a quantile function's domain. GSL itself reports some of them through the
  /// error handler (gsl_cdf_beta_Pinv with p = 1.5), returns NaN for others without a word
  /// (gsl_cdf_ugaussian_Pinv(1.5), gsl_cdf_gamma_Pinv(1.5, …)), returns a plausible but wrong
  /// number for others still (gsl_cdf_gamma_Pinv with a negative scale, gsl_cdf_flat_Pinv(1.5)),
  /// and never returns for some (gsl_cdf_beta_Pinv with p = NaN or a = 0 loops forever). Every
  /// one must throw GSL_EDOM, before GSL is called where GSL would hang.
  static let invalidCalls: [QuantileCall] = [
    .init("beta p = 1.5", "gsl_cdf_beta_Pinv") { try Probability.betaQuantile(1.5, a: 2, b: 3) },
    .init("beta p = -0.1", "gsl_cdf_beta_Pinv") { try Probability.betaQuantile(-0.1, a: 2, b: 3) },
    .init("beta p = NaN", "gsl_cdf_beta_Pinv") { try Probability.betaQuantile(.nan, a: 2, b: 3) },
    .init("beta a = 0", "gsl_cdf_beta_Pinv") { try Probability.betaQuantile(0.5, a: 0, b: 3) },
    .init("beta a = -1", "gsl_cdf_beta_Pinv") { try Probability.betaQuantile(0.5, a: -1, b: 3) },
    .init("beta b = 0", "gsl_cdf_beta_Pinv") { try Probability.betaQuantile(0.5, a: 2, b: 0) },
    .init("beta a = ∞", "gsl_cdf_beta_Pinv") {
      try Probability.betaQuantile(0.5, a: .infinity, b: 3)
    },
    .init("beta b = NaN", "gsl_cdf_beta_Pinv") { try Probability.betaQuantile(0.5, a: 2, b: .nan) },
    .init("gamma p = 1.5", "gsl_cdf_gamma_Pinv") {
      try Probability.gammaQuantile(1.5, shape: 2, scale: 3)
    },
    .init("gamma p = -0.1", "gsl_cdf_gamma_Pinv") {
      try Probability.gammaQuantile(-0.1, shape: 2, scale: 3)
    },
    .init("gamma p = NaN", "gsl_cdf_gamma_Pinv") {
      try Probability.gammaQuantile(.nan, shape: 2, scale: 3)
    },
    .init("gamma shape = 0", "gsl_cdf_gamma_Pinv") {
      try Probability.gammaQuantile(0.5, shape: 0, scale: 3)
    },
    .init("gamma shape = -2", "gsl_cdf_gamma_Pinv") {
      try Probability.gammaQuantile(0.5, shape: -2, scale: 3)
    },
    .init("gamma scale = -3", "gsl_cdf_gamma_Pinv") {
      try Probability.gammaQuantile(0.5, shape: 2, scale: -3)
    },
    .init("gamma scale = ∞", "gsl_cdf_gamma_Pinv") {
      try Probability.gammaQuantile(0.5, shape: 2, scale: .infinity)
    },
    .init("normal p = 1.5", "gsl_cdf_ugaussian_Pinv") {
      try Probability.standardNormalQuantile(1.5)
    },
    .init("normal p = -0.5", "gsl_cdf_ugaussian_Pinv") {
      try Probability.standardNormalQuantile(-0.5)
    },
    .init("normal p = NaN", "gsl_cdf_ugaussian_Pinv") {
      try Probability.standardNormalQuantile(.nan)
    },
    .init("normal upper q = 1.5", "gsl_cdf_ugaussian_Qinv") {
      try Probability.standardNormalUpperQuantile(1.5)
    },
    .init("normal upper q = NaN", "gsl_cdf_ugaussian_Qinv") {
      try Probability.standardNormalUpperQuantile(.nan)
    },
    .init("lognormal p = 1.5", "gsl_cdf_lognormal_Pinv") {
      try Probability.lognormalQuantile(1.5, zeta: 0, sigma: 1)
    },
    .init("lognormal sigma = -1", "gsl_cdf_lognormal_Pinv") {
      try Probability.lognormalQuantile(0.5, zeta: 0, sigma: -1)
    },
    .init("lognormal sigma = 0", "gsl_cdf_lognormal_Pinv") {
      try Probability.lognormalQuantile(0.5, zeta: 0, sigma: 0)
    },
    .init("lognormal zeta = NaN", "gsl_cdf_lognormal_Pinv") {
      try Probability.lognormalQuantile(0.5, zeta: .nan, sigma: 1)
    },
    .init("uniform p = 1.5", "gsl_cdf_flat_Pinv") {
      try Probability.uniformQuantile(1.5, a: 0, b: 1)
    },
    .init("uniform p = NaN", "gsl_cdf_flat_Pinv") {
      try Probability.uniformQuantile(.nan, a: 0, b: 1)
    },
    .init("uniform a > b", "gsl_cdf_flat_Pinv") {
      try Probability.uniformQuantile(0.5, a: 2, b: 1)
    },
  ]

  @Test(
    "invalid arguments throw GSL_EDOM instead of aborting, hanging or returning NaN",
    arguments: invalidCalls)
  func invalidArgumentsThrow(_ call: QuantileCall) {
    let error = #expect(throws: GSLError.self) { try call.call() }
    #expect(error?.code == GSLError.domainErrorCode)
    #expect(error?.function == call.function)
  }

  @Test("the ends of [0, 1] are valid and give the ends of the support")
  func endpoints() throws {
    #expect(try Probability.standardNormalQuantile(0) == -.infinity)
    #expect(try Probability.standardNormalQuantile(1) == .infinity)
    #expect(try Probability.standardNormalUpperQuantile(0) == .infinity)
    #expect(try Probability.standardNormalUpperQuantile(1) == -.infinity)
    #expect(try Probability.betaQuantile(0, a: 2, b: 3) == 0)
    #expect(try Probability.betaQuantile(1, a: 2, b: 3) == 1)
    #expect(try Probability.gammaQuantile(0, shape: 2, scale: 3) == 0)
    #expect(try Probability.gammaQuantile(1, shape: 2, scale: 3) == .infinity)
    #expect(try Probability.lognormalQuantile(0, zeta: 1, sigma: 2) == 0)
    #expect(try Probability.lognormalQuantile(1, zeta: 1, sigma: 2) == .infinity)
    #expect(try Probability.uniformQuantile(0, a: 3, b: 7) == 3)
    #expect(try Probability.uniformQuantile(1, a: 3, b: 7) == 7)
  }

  /// Reference values computed independently to at least 16 significant digits.
  @Test("known values")
  func knownValues() throws {
    #expect(abs(try Probability.standardNormalQuantile(0.975) - 1.959963984540054) <= 1e-14)
    #expect(abs(try Probability.standardNormalQuantile(0.9) - 1.2815515655446004) <= 1e-15)
    #expect(abs(try Probability.standardNormalUpperQuantile(0.025) - 1.959963984540054) <= 1e-14)
    #expect(abs(Probability.standardNormalCDF(1) - 0.8413447460685429) <= 1e-15)
    #expect(abs(Probability.standardNormalUpperTail(8) / 6.220960574271785e-16 - 1) <= 1e-12)
    #expect(abs(Probability.normalCDF(3, sd: 2) - 0.9331927987311419) <= 1e-15)
    // Beta(2, 5) median, Gamma(3, scale 2) median.
    #expect(abs(try Probability.betaQuantile(0.5, a: 2, b: 5) - 0.26444998329566) <= 1e-11)
    #expect(abs(try Probability.gammaQuantile(0.5, shape: 3, scale: 2) - 5.348120627447118) <= 1e-9)
    // Lognormal: median e^zeta; uniform: linear.
    #expect(try Probability.lognormalQuantile(0.5, zeta: 2, sigma: 0.7) == exp(2.0))
    #expect(try Probability.uniformQuantile(0.25, a: 3, b: 7) == 4)
    #expect(Probability.uniformCDF(4, a: 3, b: 7) == 0.25)
    // Binomial(n = 10, p = 0.3): P(X ≤ 3).
    #expect(abs(Probability.binomialCDF(3, p: 0.3, n: 10) - 0.6496107184) <= 1e-10)
  }

  /// Beta(2, 3): I_x(2, 3) = 6x² − 8x³ + 3x⁴, a closed form independent of GSL.
  @Test("beta CDF against its closed form, and quantile ∘ CDF is the identity")
  func betaClosedForm() throws {
    for x in stride(from: 0.05, through: 0.95, by: 0.05) {
      let exact = 6 * x * x - 8 * x * x * x + 3 * x * x * x * x
      #expect(abs(Probability.betaCDF(x, a: 2, b: 3) - exact) <= 1e-15)
      #expect(abs(try Probability.betaQuantile(exact, a: 2, b: 3) - x) <= 1e-10)
    }
  }

  /// Gamma(shape 3, scale 2): P(X ≤ x) = 1 − e^(−x/2)(1 + x/2 + (x/2)²/2), an Erlang law.
  @Test("gamma CDF against its closed form, and quantile ∘ CDF is the identity")
  func gammaClosedForm() throws {
    for x in [0.1, 0.5, 1, 2, 4, 6, 10, 20] {
      let t = x / 2
      let exact = 1 - exp(-t) * (1 + t + t * t / 2)
      #expect(abs(Probability.gammaCDF(x, shape: 3, scale: 2) - exact) <= 1e-14)
      #expect(abs(try Probability.gammaQuantile(exact, shape: 3, scale: 2) - x) <= 1e-9 * x)
    }
  }

  /// Each tail through its own function: Φ(z) for z ≤ 0 and Q(z) for z ≥ 0 keep full relative
  /// precision, so the inverse recovers z to 1e-12 out to six standard deviations.
  @Test("lognormal and normal quantile ∘ CDF is the identity")
  func normalRoundTrips() throws {
    for x in [0.3, 1, 2.5, 10, 40] {
      let p = Probability.lognormalCDF(x, zeta: 1, sigma: 1.3)
      #expect(abs(try Probability.lognormalQuantile(p, zeta: 1, sigma: 1.3) - x) <= 1e-12 * x)
    }
    for z in stride(from: -6.0, through: 6, by: 0.5) {
      if z <= 0 {
        let p = Probability.standardNormalCDF(z)
        #expect(abs(try Probability.standardNormalQuantile(p) - z) <= 1e-12, "z = \(z)")
      }
      if z >= 0 {
        let q = Probability.standardNormalUpperTail(z)
        #expect(abs(try Probability.standardNormalUpperQuantile(q) - z) <= 1e-12, "z = \(z)")
      }
    }
  }

  @Test("a CDF with invalid parameters returns NaN without aborting or leaving an error behind")
  func invalidCDFParameters() throws {
    #expect(Probability.betaCDF(0.5, a: -1, b: 2).isNaN)
    #expect(Probability.gammaCDF(1, shape: -1, scale: 2).isNaN)
    // The next checked call must not see the error GSL recorded above.
    #expect(abs(try Probability.betaQuantile(0.5, a: 2, b: 2) - 0.5) <= 1e-12)
    #expect(try Probability.gammaQuantile(0, shape: 2, scale: 2) == 0)
  }
}

internal import CGSL
internal import CGSLShims

/// A stream of pseudo-random numbers: one GSL generator, owned and freed by this object.
///
/// Not thread-safe: give each thread (each simulation block) its own source.
/// The default algorithm is L'Ecuyer's taus2, which costs about half of mt19937 per draw.
public final class RandomSource {
  /// The generator algorithm.
  public enum Algorithm: Sendable {
    /// Maximally equidistributed combined Tausworthe generator (`gsl_rng_taus2`).
    case taus2
    /// Mersenne Twister (`gsl_rng_mt19937`).
    case mt19937
  }

  @usableFromInline let rng: OpaquePointer

  /// Creates a generator seeded from two 64-bit words.
  ///
  /// For taus2, the words fill the generator's whole 88-bit state, so streams seeded from
  /// different (seed, block) pairs do not coincide in practice; for mt19937 the words are
  /// folded into GSL's seed. The corresponding GSL functions are gsl_rng_alloc and
  /// gsl_rng_set.
  public init(algorithm: Algorithm = .taus2, seed a: UInt64, _ b: UInt64 = 0) {
    GSL.installErrorHandler()
    let type = algorithm == .taus2 ? cgsl_rng_taus2() : cgsl_rng_mt19937()
    guard let r = gsl_rng_alloc(type) else { fatalError("gsl_rng_alloc: out of memory") }
    rng = OpaquePointer(r)
    switch algorithm {
    case .taus2:
      _ = cgsl_taus2_seed(r, a, b)
    case .mt19937:
      gsl_rng_set(r, UInt(truncatingIfNeeded: a ^ (b &* 0x9E37_79B9_7F4A_7C15)))
    }
  }

  deinit { gsl_rng_free(raw) }

  private var raw: UnsafeMutablePointer<gsl_rng> { UnsafeMutablePointer(rng) }

  /// Reseeds in place (no allocation), as `init(seed:_:)` would.
  public func reseed(_ a: UInt64, _ b: UInt64 = 0) {
    if cgsl_taus2_seed(raw, a, b) != 0 {
      gsl_rng_set(raw, UInt(truncatingIfNeeded: a ^ (b &* 0x9E37_79B9_7F4A_7C15)))
    }
  }

  /// A uniform double in [0, 1). The corresponding GSL function is gsl_rng_uniform.
  public func uniform() -> Double { gsl_rng_uniform(raw) }

  /// A uniform double in (0, 1). The corresponding GSL function is gsl_rng_uniform_pos.
  public func uniformPositive() -> Double { gsl_rng_uniform_pos(raw) }

  /// A uniform integer in 0 ..< n (n ≥ 1). The corresponding GSL function is
  /// gsl_rng_uniform_int.
  public func uniformInt(below n: Int) -> Int {
    precondition(n >= 1)
    return Int(gsl_rng_uniform_int(raw, UInt(n)))
  }

  /// `true` with probability p. Drawn as `uniform() < p`, so p = 0 is never and p = 1 always.
  public func bernoulli(_ p: Double) -> Bool { gsl_rng_uniform(raw) < p }

  /// A uniform double in [a, b). The corresponding GSL function is gsl_ran_flat.
  public func flat(_ a: Double, _ b: Double) -> Double { gsl_ran_flat(raw, a, b) }

  /// A standard normal draw (Marsaglia–Tsang ziggurat). The corresponding GSL function is
  /// gsl_ran_gaussian_ziggurat.
  public func standardNormal() -> Double { gsl_ran_gaussian_ziggurat(raw, 1.0) }

  /// A lognormal draw exp(zeta + sigma·Z). The corresponding GSL function is gsl_ran_lognormal.
  public func lognormal(zeta: Double, sigma: Double) -> Double {
    gsl_ran_lognormal(raw, zeta, sigma)
  }

  /// A gamma draw with the given shape and scale. The corresponding GSL function is
  /// gsl_ran_gamma.
  public func gamma(shape: Double, scale: Double) -> Double { gsl_ran_gamma(raw, shape, scale) }

  /// A Beta(a, b) draw on [0, 1]. The corresponding GSL function is gsl_ran_beta.
  public func beta(_ a: Double, _ b: Double) -> Double { gsl_ran_beta(raw, a, b) }

  /// An index drawn from a preprocessed discrete table. The corresponding GSL function is
  /// gsl_ran_discrete.
  public func discrete(_ table: DiscreteTable) -> Int {
    Int(gsl_ran_discrete(raw, table.tablePointer))
  }
}

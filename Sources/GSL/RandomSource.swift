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

  /// Creates a generator seeded from two 64-bit words, typically (seed, block index).
  ///
  /// The two words are mixed (with SplitMix64's bijective finaliser, so that for a fixed `a`
  /// distinct `b` give distinct states, and the other way round) before they reach the
  /// generator. For taus2 the mixed words fill its whole 96-bit state; for mt19937 they are
  /// folded into GSL's 32-bit seed. Mixing matters: taus2's state words are raised to at least
  /// 2, 8 and 16, so raw small words would collide (seeds 0 and 2, blocks 0 and 16), and high
  /// bits would be dropped. The corresponding GSL functions are gsl_rng_alloc and gsl_rng_set.
  public init(algorithm: Algorithm = .taus2, seed a: UInt64, _ b: UInt64 = 0) {
    GSL.installErrorHandler()
    let type = algorithm == .taus2 ? cgsl_rng_taus2() : cgsl_rng_mt19937()
    guard let r = gsl_rng_alloc(type) else { fatalError("gsl_rng_alloc: out of memory") }
    rng = OpaquePointer(r)
    reseed(a, b)
  }

  deinit { gsl_rng_free(raw) }

  private var raw: UnsafeMutablePointer<gsl_rng> { UnsafeMutablePointer(rng) }
  var rawGenerator: UnsafeMutablePointer<gsl_rng> { raw }

  /// Reseeds in place (no allocation), as `init(seed:_:)` would.
  public func reseed(_ a: UInt64, _ b: UInt64 = 0) {
    let (x, y) = Self.stateWords(a, b)
    if cgsl_taus2_seed(raw, x, y) != 0 {
      // mt19937: gsl_rng_set keeps the low 32 bits (and maps 0 to its default seed 4357).
      gsl_rng_set(raw, UInt(truncatingIfNeeded: x ^ (x >> 32)))
    }
  }

  /// Two well-mixed words from (a, b). The first, mix(mix(a + γ) + b), is a bijection of b for
  /// a fixed a and of a for a fixed b, so it differs whenever exactly one of them differs;
  /// taus2 takes its two halves as two of its three state words, and the low half of the
  /// second word as the third.
  static func stateWords(_ a: UInt64, _ b: UInt64) -> (UInt64, UInt64) {
    let golden: UInt64 = 0x9E37_79B9_7F4A_7C15  // γ = 2⁶⁴/φ, SplitMix64's increment
    let x = mix(mix(a &+ golden) &+ b)
    return (x, mix(x &+ golden))
  }

  /// SplitMix64's finaliser (Steele, Lea and Flood 2014): a bijection of 64-bit words in
  /// which every input bit changes about half the output bits.
  private static func mix(_ z: UInt64) -> UInt64 {
    var z = z
    z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
    z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
    return z ^ (z >> 31)
  }

  /// A uniform double in [0, 1). The corresponding GSL function is gsl_rng_uniform.
  public func uniform() -> Double { gsl_rng_uniform(raw) }

  /// Replaces every element of `values` by the next uniform double in [0, 1), in order: the
  /// same numbers as `values.count` calls of ``uniform()``, at a fraction of the cost. The
  /// corresponding GSL function is gsl_rng_uniform (for taus2 its recurrence runs in one loop).
  public func fillUniform(_ values: inout [Double]) {
    fillUniform(&values, count: values.count)
  }

  /// Fills the first `count` elements of `values` (at most its count) the same way.
  public func fillUniform(_ values: inout [Double], count: Int) {
    values.withUnsafeMutableBufferPointer { buffer in
      guard let base = buffer.baseAddress else { return }
      cgsl_uniform_fill(raw, base, Swift.min(count, buffer.count))
    }
  }

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

import Foundation
import Testing

@testable import GSL

@Suite("Probability.standardNormalQuantile(inside:): bit for bit gsl_cdf_ugaussian_Pinv")
struct NormalQuantileTests {
  /// The bits of both, or a message naming the first p where they differ.
  func mismatch(_ ps: [Double]) throws -> String? {
    for p in ps {
      let gsl = try Probability.standardNormalQuantile(p)
      let swift = Probability.standardNormalQuantile(inside: p)
      if gsl.bitPattern != swift.bitPattern {
        return "p = \(p) (\(p.bitPattern)): GSL \(gsl), written out \(swift)"
      }
    }
    return nil
  }

  @Test("2,000,000 uniform points, and 200,000 spread log-uniformly into each tail")
  func random() throws {
    let source = RandomSource(seed: 20_261_206, 7)
    var ps = [Double](repeating: 0, count: 2_000_000)
    source.fillUniform(&ps)
    ps = ps.map { $0 == 0 ? 0.5 : $0 }
    #expect(try mismatch(ps) == nil)
    // p from 10^-300 to 10^-0.01, and 1 − p: both polynomial regions of the tails
    var tails: [Double] = []
    for _ in 0..<100_000 {
      let p = Foundation.pow(10, -0.01 - 299.99 * source.uniform())
      tails.append(p)
      tails.append(1 - p == 1 ? 0.75 : 1 - p)
    }
    #expect(try mismatch(tails) == nil)
  }

  @Test("each region's edges, with the doubles on either side of them")
  func edges() throws {
    // |p − 0.5| = 0.425; r = √(−log p) = 5 (p = e^−25); the ends of (0, 1); the centre
    let edges: [Double] = [0.075, 0.925, Foundation.exp(-25.0), 1 - Foundation.exp(-25.0), 0.5,
                           0x1p-60, 0x1p-53, 1 - 0x1p-53, 1 - 0x1p-52, .leastNonzeroMagnitude,
                           .leastNormalMagnitude, 1e-300, 0.25, 0.75]
    var ps: [Double] = []
    for e in edges {
      var down = e, up = e
      for _ in 0..<64 {
        ps.append(down)
        ps.append(up)
        down = down.nextDown
        up = up.nextUp
      }
    }
    #expect(try mismatch(ps.filter { $0 > 0 && $0 < 1 }) == nil)
  }

  @Test("known values: Φ⁻¹(0.975) = 1.959963984540054, Φ⁻¹(1 − p) = −Φ⁻¹(p) (to the rounding of 1 − p)")
  func known() {
    #expect(abs(Probability.standardNormalQuantile(inside: 0.975) - 1.959963984540054) < 1e-15)
    #expect(abs(Probability.standardNormalQuantile(inside: 0.5)) == 0)
    for p in [0.001, 0.01, 0.2, 0.4] {
      let x = Probability.standardNormalQuantile(inside: p)
      #expect(abs(x + Probability.standardNormalQuantile(inside: 1 - p)) <= 1e-14 * abs(x))
    }
  }
}

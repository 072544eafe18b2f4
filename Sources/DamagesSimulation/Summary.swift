import GSL

/// The summary statistics of one simulated quantity (docs/simulation.md).
public struct DistributionSummary: Hashable, Sendable {
  public var mean: Double
  /// Standard deviation, dividing by N − 1.
  public var sd: Double
  /// Standard error of the mean: sd / √N.
  public var seMean: Double
  public var min: Double
  public var p5, p10, p25, p50, p75, p90, p95, p99: Double
  public var max: Double
  /// The fraction of runs with a value above 0.
  public var pPositive: Double

  /// The percentile probabilities reported, in order.
  public static let percentiles: [Double] = [0.05, 0.10, 0.25, 0.50, 0.75, 0.90, 0.95, 0.99]

  public static let zero = DistributionSummary(
    mean: 0, sd: 0, seMean: 0, min: 0, p5: 0, p10: 0, p25: 0, p50: 0, p75: 0, p90: 0, p95: 0,
    p99: 0, max: 0, pPositive: 0)

  /// The named fields in output order (the JSON keys of docs/outputs.md).
  public var fields: [(key: String, value: Double)] {
    [("mean", mean), ("sd", sd), ("se_mean", seMean), ("min", min), ("p5", p5), ("p10", p10),
     ("p25", p25), ("p50", p50), ("p75", p75), ("p90", p90), ("p95", p95), ("p99", p99),
     ("max", max), ("p_positive", pPositive)]
  }

  /// Multiplies every amount by a non-negative constant (probabilities unchanged unless c = 0).
  public func scaled(by c: Double) -> DistributionSummary {
    precondition(c >= 0)
    var s = self
    s.mean *= c; s.sd *= c; s.seMean *= c; s.min *= c; s.max *= c
    s.p5 *= c; s.p10 *= c; s.p25 *= c; s.p50 *= c; s.p75 *= c; s.p90 *= c; s.p95 *= c; s.p99 *= c
    if c == 0 { s.pPositive = 0 }
    return s
  }
}

/// Running moments of a quantity, combined block by block in a fixed order so that the result
/// does not depend on the number of threads (Chan et al.'s pairwise update).
struct Moments: Sendable {
  var count: Double = 0
  var mean: Double = 0
  var m2: Double = 0
  var min: Double = .infinity
  var max: Double = -.infinity
  var positive: Double = 0

  /// The first pass of a block's moments, over its values handed over in pieces as they are
  /// computed (while they are still in the processor's cache): the sum, the extremes, the
  /// count of positive values, and the non-zero values written, in order, to `kept` (the
  /// worker's scratch, which the second pass reads). Four
  /// partial sums and extremes, each over every fourth value, so that the additions do not
  /// wait on each other; every piece but the last is a multiple of 4 values long, so each value
  /// falls in the same partial sum however the block is cut, and the result is the same on
  /// every thread count.
  struct Accumulator {
    let kept: UnsafeMutablePointer<Double>
    var s0 = 0.0, s1 = 0.0, s2 = 0.0, s3 = 0.0
    var lo0 = Double.infinity, lo1 = Double.infinity, lo2 = Double.infinity, lo3 = Double.infinity
    var hi0 = -Double.infinity, hi1 = -Double.infinity, hi2 = -Double.infinity
    var hi3 = -Double.infinity
    var positive = 0
    /// Values seen, and non-zero values kept.
    var seen = 0
    var nonZero = 0

    init(kept: UnsafeMutablePointer<Double>) { self.kept = kept }

    /// 1 if `x > 0`, else 0 (NaN included), on the bit pattern: the compiler turned the
    /// comparison of doubles into branches, which a zero (a coin flip) mispredicts. As a signed
    /// integer, a positive double up to +∞ lies in [1, 0x7FF0…0]; zero, −0, negative values
    /// and NaN do not, and one unsigned comparison of the pattern minus 1 tells.
    @inline(__always)
    static func positive(_ x: Double) -> Int {
      (x.bitPattern &- 1) < 0x7FF0_0000_0000_0000 ? 1 : 0
    }

    /// The next `n` values of the block.
    @inline(__always)
    mutating func add(_ p: UnsafePointer<Double>, count n: Int) {
      precondition(seen % 4 == 0, "only the last piece of a block may end between four values")
      let k = kept
      var j = nonZero
      var i = 0
      // Each value is written at j ≤ its own index, after it was read: in place is safe. The
      // index advances only past a non-zero value, without a branch (a zero is a coin flip).
      while i &+ 4 <= n {
        let a = p[i], b = p[i &+ 1], c = p[i &+ 2], d = p[i &+ 3]
        s0 += a; s1 += b; s2 += c; s3 += d
        lo0 = Swift.min(lo0, a); lo1 = Swift.min(lo1, b); lo2 = Swift.min(lo2, c); lo3 = Swift.min(lo3, d)
        hi0 = Swift.max(hi0, a); hi1 = Swift.max(hi1, b); hi2 = Swift.max(hi2, c); hi3 = Swift.max(hi3, d)
        positive &+= Self.positive(a) &+ Self.positive(b) &+ Self.positive(c) &+ Self.positive(d)
        k[j] = a; j &+= a != 0 ? 1 : 0
        k[j] = b; j &+= b != 0 ? 1 : 0
        k[j] = c; j &+= c != 0 ? 1 : 0
        k[j] = d; j &+= d != 0 ? 1 : 0
        i &+= 4
      }
      while i < n {
        let a = p[i]
        s0 += a
        lo0 = Swift.min(lo0, a)
        hi0 = Swift.max(hi0, a)
        positive &+= Self.positive(a)
        k[j] = a; j &+= a != 0 ? 1 : 0
        i &+= 1
      }
      nonZero = j
      seen &+= n
    }

    /// The block's moments: the second pass, over the non-zero values, for the squared
    /// deviations (a zero's is mean², added as one product). With `histogram`, it also counts
    /// each non-zero value in its slot (``LogHistogram/count(_:zeros:coarse:into:)``'s slots,
    /// the coarse ones if `coarse`), so the values are read once for both; the zeros are not
    /// counted there. With `keeping`, it also copies non-zero values to `keeping.into`, in
    /// order: those whose key (`bitPattern >> 46`, the top 18 bits that decide a coarse slot) has
    /// its bit set in `keeping.keys` (``LogHistogram/coarseKeys(_:)``), or every one if `keys` is
    /// nil; `kept` is how many. `keeping.into` must have room for every non-zero value; a filter
    /// needs the coarse histogram.
    func finish(
      histogram: UnsafeMutablePointer<UInt64>?, coarse: Bool,
      keeping: (keys: UnsafePointer<UInt64>?, into: UnsafeMutablePointer<Double>)? = nil
    ) -> (moments: Moments, kept: Int) {
      var m = Moments()
      guard seen > 0 else { return (m, 0) }
      let n = seen, j = nonZero, k = kept
      m.count = Double(n)
      m.min = Swift.min(Swift.min(lo0, lo1), Swift.min(lo2, lo3))
      m.max = Swift.max(Swift.max(hi0, hi1), Swift.max(hi2, hi3))
      m.positive = Double(positive)
      let mean = ((s0 + s1) + (s2 + s3)) / m.count
      m.mean = mean
      var q0 = 0.0, q1 = 0.0, q2 = 0.0, q3 = 0.0
      var copied = 0
      /// The second pass, with `slot` the histogram's slot function and `keys` the filter of
      /// the values copied (both inlined: one loop per kind).
      @inline(__always) func deviations(_ slot: (Double) -> Int, _ keys: UnsafePointer<UInt64>?) {
        let out = keeping?.into
        var c = 0
        // a value is written at c and c advances only if its key is wanted: no branch
        @inline(__always) func keep(_ x: Double) {
          let bits = x.bitPattern
          out.unsafelyUnwrapped[c] = x
          c &+= Int(truncatingIfNeeded: (keys.unsafelyUnwrapped[Int(bits >> 52)] >> ((bits >> 46) & 63)) & 1)
        }
        var i = 0
        while i &+ 4 <= j {
          let w = k[i], x = k[i &+ 1], y = k[i &+ 2], z = k[i &+ 3]
          let a = w - mean, b = x - mean, c = y - mean, d = z - mean
          q0 += a * a; q1 += b * b; q2 += c * c; q3 += d * d
          if let histogram {
            histogram[slot(w)] &+= 1
            histogram[slot(x)] &+= 1
            histogram[slot(y)] &+= 1
            histogram[slot(z)] &+= 1
          }
          if keys != nil { keep(w); keep(x); keep(y); keep(z) }
          i &+= 4
        }
        while i < j {
          let a = k[i] - mean
          q0 += a * a
          if let histogram { histogram[slot(k[i])] &+= 1 }
          if keys != nil { keep(k[i]) }
          i &+= 1
        }
        copied = c
      }
      let keys = keeping?.keys
      precondition(keys == nil || (histogram != nil && coarse), "values are filtered by coarse slot")
      if histogram == nil {
        deviations({ _ in 0 }, nil)
      } else if coarse {
        // the kept values are non-zero: their coarse slots by table
        LogHistogram.coarseTable.withUnsafeBufferPointer { t in
          let table = t.baseAddress!
          if let keys {
            deviations({ LogHistogram.coarseSlot(ofNonZero: $0, table: table) }, keys)
          } else {
            deviations({ LogHistogram.coarseSlot(ofNonZero: $0, table: table) }, nil)
          }
        }
      } else {
        deviations(LogHistogram.slot(of:), nil)
      }
      if let keeping, keeping.keys == nil {
        // every value wanted: one copy
        keeping.into.update(from: k, count: j)
        copied = j
      }
      m.m2 = ((q0 + q1) + (q2 + q3)) + Double(n - j) * mean * mean
      return (m, copied)
    }
  }

  init() {}

  /// The moments of `n` zeros, exactly as ``init(block:histogram:nonZero:)`` computes them.
  init(zeros n: Int) {
    guard n > 0 else { return }
    count = Double(n)
    min = 0
    max = 0
  }

  mutating func combine(_ b: Moments) {
    guard b.count > 0 else { return }
    guard count > 0 else { self = b; return }
    let n = count + b.count
    let delta = b.mean - mean
    mean += delta * b.count / n
    m2 += b.m2 + delta * delta * count * b.count / n
    count = n
    min = Swift.min(min, b.min)
    max = Swift.max(max, b.max)
    positive += b.positive
  }

  var variance: Double { count > 1 ? Swift.max(0, m2 / (count - 1)) : 0 }
}

extension DistributionSummary {
  /// Exact summary: moments from the blocks, percentiles by selection on all values.
  init(moments: Moments, values: inout [Double]) {
    let q = values.isEmpty
      ? [Double](repeating: 0, count: 8)
      : Statistics.quantiles(selecting: &values, DistributionSummary.percentiles)
    self.init(moments: moments, quantiles: q)
  }

  init(moments m: Moments, quantiles q: [Double]) {
    let sd = m.variance.squareRoot()
    self.init(
      mean: m.mean, sd: sd, seMean: m.count > 0 ? sd / m.count.squareRoot() : 0,
      min: m.count > 0 ? m.min : 0, p5: q[0], p10: q[1], p25: q[2], p50: q[3], p75: q[4],
      p90: q[5], p95: q[6], p99: q[7], max: m.count > 0 ? m.max : 0,
      pPositive: m.count > 0 ? m.positive / m.count : 0)
  }
}

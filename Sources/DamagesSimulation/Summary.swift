import GSL

/// The summary statistics of one simulated quantity (SPEC 3).
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

  /// The named fields in output order (JSON keys of SPEC 4).
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

  /// The moments of a block of values, and the values added to a histogram: one pass for the
  /// sum, extremes and histogram, a second over the (cached) block for the squared deviations.
  /// Returns through `nonZero` how many values are not 0.
  init(block values: UnsafeBufferPointer<Double>, histogram: inout LogHistogram,
       nonZero nonZeroCount: inout Int) {
    guard !values.isEmpty else { return }
    count = Double(values.count)
    var sum = 0.0
    var lo = Double.infinity, hi = -Double.infinity
    var positive = 0
    var nonZero = 0
    histogram.counts.withUnsafeMutableBufferPointer { counts in
      for v in values {
        sum += v
        lo = Swift.min(lo, v)
        hi = Swift.max(hi, v)
        positive &+= v > 0 ? 1 : 0
        nonZero &+= v != 0 ? 1 : 0
        counts[LogHistogram.slot(of: v)] &+= 1
      }
    }
    min = lo
    max = hi
    self.positive = Double(positive)
    mean = sum / count
    var s2 = 0.0
    for v in values { s2 += (v - mean) * (v - mean) }
    m2 = s2
    nonZeroCount = nonZero
  }

  /// The same, over an array slice (tests and small callers).
  init(block values: ArraySlice<Double>, histogram: inout LogHistogram) {
    var nonZero = 0
    self = values.withUnsafeBufferPointer {
      Moments(block: $0, histogram: &histogram, nonZero: &nonZero)
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

import Foundation

/// A log-bucketed histogram for percentiles of runs too many to keep in memory.
///
/// Each binade [2^e, 2^(e+1)) of each sign is split into 4,096 equal buckets, so a bucket is at
/// most 2^-12 ≈ 0.024 % of its values wide; a percentile is interpolated linearly inside its
/// bucket and clamped to the exact minimum and maximum. Zero is counted exactly (the award has
/// an atom there: the runs without liability). Amounts from 2^-10 to 2^44 yuan (about 0.001 to
/// 1.8 × 10^13) are resolved to that accuracy; values outside fall into the edge buckets.
/// Counts are integers, so histograms merge in any order to the same result.
struct LogHistogram: Sendable {
  static let subBuckets = 4096
  static let minExponent = -10
  static let maxExponent = 44
  static let binades = maxExponent - minExponent + 1
  static let perSign = binades * subBuckets

  /// Negative values (by magnitude), then positive values.
  var counts: [UInt64]
  var zeros: UInt64 = 0

  init() { counts = [UInt64](repeating: 0, count: 2 * Self.perSign) }

  @inline(__always)
  static func bucket(ofMagnitude m: Double) -> Int {
    let e = m.exponent  // m = f × 2^e, f in [1, 2)
    let clamped = Swift.min(Swift.max(Int(e), minExponent), maxExponent)
    if Int(e) != clamped { return Int(e) < minExponent ? 0 : perSign - 1 }
    let fraction = m.significand - 1  // [0, 1)
    let sub = Swift.min(Int(fraction * Double(subBuckets)), subBuckets - 1)
    return (clamped - minExponent) * subBuckets + sub
  }

  /// The lower edge and width of a magnitude bucket.
  static func edges(ofBucket b: Int) -> (low: Double, width: Double) {
    let e = b / subBuckets + minExponent
    let sub = b % subBuckets
    let scale = Foundation.pow(2.0, Double(e))
    return (scale * (1 + Double(sub) / Double(subBuckets)), scale / Double(subBuckets))
  }

  @inline(__always)
  mutating func add(_ x: Double) {
    if x == 0 { zeros += 1; return }
    let b = Self.bucket(ofMagnitude: abs(x))
    if x > 0 { counts[Self.perSign + b] += 1 } else { counts[b] += 1 }
  }

  mutating func merge(_ other: LogHistogram) {
    zeros += other.zeros
    for i in counts.indices where other.counts[i] != 0 { counts[i] += other.counts[i] }
  }

  /// The value of rank k (0-based) in ascending order, interpolated inside its bucket.
  func value(ofRank k: UInt64, min: Double, max: Double) -> Double {
    var seen: UInt64 = 0
    // negative values: from the largest magnitude down
    for b in stride(from: Self.perSign - 1, through: 0, by: -1) where counts[b] != 0 {
      if k < seen + counts[b] {
        let (low, width) = Self.edges(ofBucket: b)
        let position = (Double(k - seen) + 0.5) / Double(counts[b])
        return clamp(-(low + width * (1 - position)), min, max)
      }
      seen += counts[b]
    }
    if k < seen + zeros { return 0 }
    seen += zeros
    for b in 0..<Self.perSign where counts[Self.perSign + b] != 0 {
      let c = counts[Self.perSign + b]
      if k < seen + c {
        let (low, width) = Self.edges(ofBucket: b)
        let position = (Double(k - seen) + 0.5) / Double(c)
        return clamp(low + width * position, min, max)
      }
      seen += c
    }
    return max
  }

  private func clamp(_ x: Double, _ lo: Double, _ hi: Double) -> Double { Swift.min(Swift.max(x, lo), hi) }

  /// The p-quantiles by the rule of SPEC 3 (h = (N − 1)·p), from the bucketed ranks.
  func quantiles(_ ps: [Double], count n: UInt64, min: Double, max: Double) -> [Double] {
    guard n > 0 else { return ps.map { _ in 0 } }
    return ps.map { p in
      let h = Double(n - 1) * p
      let lo = UInt64(h.rounded(.down))
      let frac = h - Double(lo)
      let a = value(ofRank: lo, min: min, max: max)
      guard frac > 0, lo + 1 < n else { return a }
      return (1 - frac) * a + frac * value(ofRank: lo + 1, min: min, max: max)
    }
  }
}

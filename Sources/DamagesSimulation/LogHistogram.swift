import Foundation

/// A log-bucketed histogram: the basis of the percentiles of every simulation.
///
/// Each binade [2^e, 2^(e+1)) of each sign is split into 2,048 equal buckets, so a bucket is at
/// most 2^-11 ≈ 0.049 % of its values wide. Zero has a slot of its own (the award has an atom
/// there: the runs without liability). Magnitudes from 2^-6 to 2^43 yuan (about 0.016 yuan to
/// 8.8 × 10^12) are resolved; smaller and larger ones share the edge buckets. Slots are ordered
/// like the values they hold, so the slot of any rank is found by accumulating counts.
///
/// Used two ways (``Simulation``):
/// - exact (the values kept in memory): the slot of each wanted rank is located among coarse
///   slots of 32 buckets each (``coarseSlot(of:)``), then only the kept values that fall in
///   those few slots are collected, and the wanted ranks selected among them: the exact order
///   statistic at a fraction of the cost of selecting over all runs;
/// - bounded memory: the slot of each wanted rank is located among the fine buckets; a second
///   pass collects the values in those slots (exact), or, past its budget, the percentile is
///   interpolated inside its bucket (relative error below 2^-11) and clamped to the exact
///   minimum and maximum.
/// Counts are integers, so histograms merge in any order to the same result.
struct LogHistogram: Sendable {
  static let subBuckets = 2048
  static let minExponent = -6
  static let maxExponent = 42
  static let perSign = (maxExponent - minExponent + 1) * subBuckets
  /// Negative magnitudes (largest first), zero, positive magnitudes.
  static let slotCount = 2 * perSign + 1
  static let zeroSlot = perSign

  var counts: [UInt64]

  init() { counts = [UInt64](repeating: 0, count: Self.slotCount) }

  init(counts: [UInt64]) {
    precondition(counts.count == Self.slotCount)
    self.counts = counts
  }

  /// The bucket of a positive magnitude, from its bit pattern: the biased exponent picks the
  /// binade, the top 12 bits of the significand the bucket within it (exactly
  /// ⌊(significand − 1)·4096⌋).
  @inline(__always)
  static func magnitudeBucket(_ bits: UInt64) -> Int {
    let e = Int((bits >> 52) & 0x7FF) - 1023
    if e < minExponent { return 0 }
    if e > maxExponent { return perSign - 1 }
    return (e - minExponent) &* subBuckets &+ Int((bits >> 41) & 0x7FF)
  }

  /// The slot of a value: non-decreasing in the value.
  @inline(__always)
  static func slot(of x: Double) -> Int {
    // The same slots as `magnitudeBucket` and the sign, computed without branches: the award
    // is 0 in a random half of the runs, which a branch would mispredict half the time.
    let bits = x.bitPattern
    let magnitude = bits & 0x7FFF_FFFF_FFFF_FFFF
    let e = Int(truncatingIfNeeded: magnitude >> 52) &- 1023
    var bucket = (e &- minExponent) &* subBuckets &+ Int(truncatingIfNeeded: (bits >> 41) & 0x7FF)
    bucket = e < minExponent ? 0 : bucket
    bucket = e > maxExponent ? perSign - 1 : bucket
    let signed = bits >> 63 == 0 ? zeroSlot &+ 1 &+ bucket : zeroSlot &- 1 &- bucket
    return magnitude == 0 ? zeroSlot : signed
  }

  /// The lowest value and the width of a slot's bucket.
  static func range(ofSlot s: Int) -> (low: Double, width: Double) {
    if s == zeroSlot { return (0, 0) }
    let b = s > zeroSlot ? s - zeroSlot - 1 : zeroSlot - 1 - s
    let e = b / subBuckets + minExponent
    let scale = Foundation.pow(2.0, Double(e))
    let low = scale * (1 + Double(b % subBuckets) / Double(subBuckets))
    let width = scale / Double(subBuckets)
    return s > zeroSlot ? (low, width) : (-(low + width), width)
  }

  // The coarse slots: 32 consecutive slots make one (2^-6 of a binade), zero keeps its own.
  // Exact percentiles of values kept in memory are located in these: their 6,273 counts (49 KiB)
  // stay in a core's cache while every value is counted, where the 200,705 fine counts (1.5
  // MiB per quantity) would not; the few coarse slots holding a wanted rank are then collected
  // and the ranks selected among their values, which gives the same exact order statistics.
  static let coarseShift = 5
  static let coarseZeroSlot = zeroSlot >> coarseShift
  static let coarseSlotCount = 2 * coarseZeroSlot + 1

  /// The keys (a non-zero value's top 18 bits: `bitPattern >> 46`) whose values fall in the
  /// given coarse slots, as a bit set of 2^18 bits. A coarse slot is a function of the key,
  /// and non-decreasing in it among positive keys (below 2^17), non-increasing among negative
  /// ones, so each slot's keys are one range, found by binary search.
  static func coarseKeys(_ slots: [Int]) -> [UInt64] {
    var keys = [UInt64](repeating: 0, count: (1 << 18) / 64)
    // the smallest non-zero value with a key stands for all of them
    func slot(_ key: Int) -> Int { coarseSlot(of: Double(bitPattern: UInt64(key) << 46 | 1)) }
    func first(_ range: Range<Int>, where test: (Int) -> Bool) -> Int {
      var lo = range.lowerBound, hi = range.upperBound
      while lo < hi {
        let mid = (lo + hi) / 2
        if test(slot(mid)) { hi = mid } else { lo = mid + 1 }
      }
      return lo
    }
    let positive = 0..<(1 << 17), negative = (1 << 17)..<(1 << 18)
    for c in slots where c != coarseZeroSlot {
      let range = c > coarseZeroSlot
        ? first(positive) { $0 >= c }..<first(positive) { $0 > c }
        : first(negative) { $0 <= c }..<first(negative) { $0 < c }
      for key in range { keys[key >> 6] |= 1 << UInt64(key & 63) }
    }
    return keys
  }

  /// The coarse slot of a value: non-decreasing in the value; 0 alone in ``coarseZeroSlot``.
  @inline(__always)
  static func coarseSlot(of x: Double) -> Int {
    let s = slot(of: x)
    if s < zeroSlot { return s >> coarseShift }  // zeroSlot is a multiple of 32
    return s == zeroSlot ? coarseZeroSlot : coarseZeroSlot + 1 + ((s - zeroSlot - 1) >> coarseShift)
  }

  /// The coarse slot of every non-zero value by its top 12 bits (sign and exponent), as a pair
  /// (base, step) at 2h and 2h + 1 for h = `bitPattern >> 52`: the value's coarse slot is
  /// base + step × (the significand's top 6 bits), with step +1 for a positive binade inside
  /// the resolved range, −1 for a negative one and 0 outside it, where every value shares the
  /// edge slot. The same slots as ``coarseSlot(of:)`` (checked for every key in the tests),
  /// without its branches, which values of both signs mispredict.
  static let coarseTable: [Int32] = (0..<4096).flatMap { (h: Int) -> [Int32] in
    // the smallest non-zero patterns with these top 12 bits and significand top bits 0 and 1
    let base = coarseSlot(of: Double(bitPattern: UInt64(h) << 52 | 1))
    let next = coarseSlot(of: Double(bitPattern: UInt64(h) << 52 | 1 << 46 | 1))
    return [Int32(base), Int32(next - base)]
  }

  /// ``coarseSlot(of:)`` of a non-zero value, by ``coarseTable`` (passed as a pointer, so that
  /// a loop reads it without the check that a static is initialised).
  @inline(__always)
  static func coarseSlot(ofNonZero x: Double, table: UnsafePointer<Int32>) -> Int {
    let bits = x.bitPattern
    let h = Int(truncatingIfNeeded: bits >> 52) &* 2
    return Int(table[h]) &+ Int(table[h &+ 1]) &* Int(truncatingIfNeeded: (bits >> 46) & 63)
  }

  /// Adds `values` (none of them 0) and `zeros` zeros to `counts`, by fine slot or, if
  /// `coarse`, by coarse slot.
  static func count(_ values: UnsafeBufferPointer<Double>, zeros: Int, coarse: Bool,
                    into counts: inout [UInt64]) {
    counts.withUnsafeMutableBufferPointer { c in
      c[coarse ? coarseZeroSlot : zeroSlot] &+= UInt64(zeros)
      // one loop per kind of slot, each with its slot function inlined
      if coarse {
        for x in values { c[coarseSlot(of: x)] &+= 1 }
      } else {
        for x in values { c[slot(of: x)] &+= 1 }
      }
    }
  }

  /// Adds `other` to `counts`, slot by slot (integers: any order gives the same sums).
  static func merge(_ other: [UInt64], into counts: inout [UInt64]) {
    for i in counts.indices where other[i] != 0 { counts[i] += other[i] }
  }

  /// For each rank (0-based, any order), its slot and its position among the values of that
  /// slot (0-based), in one pass over the counts.
  func locate(_ ranks: [UInt64]) -> [(slot: Int, offset: UInt64, count: UInt64)] {
    Self.locate(ranks, in: counts)
  }

  /// ``locate(_:)`` over any counts whose slots are ordered like their values (the fine slots
  /// here, or the coarse ones of ``coarseSlot(of:)``).
  static func locate(_ ranks: [UInt64], in counts: [UInt64])
    -> [(slot: Int, offset: UInt64, count: UInt64)]
  {
    let order = ranks.indices.sorted { ranks[$0] < ranks[$1] }
    var result = [(slot: Int, offset: UInt64, count: UInt64)](repeating: (0, 0, 0), count: ranks.count)
    var seen: UInt64 = 0
    var next = 0
    for s in 0..<counts.count where counts[s] != 0 {
      while next < order.count && ranks[order[next]] < seen + counts[s] {
        result[order[next]] = (s, ranks[order[next]] - seen, counts[s])
        next += 1
      }
      seen += counts[s]
      if next == order.count { break }
    }
    return result
  }

  /// The rule of docs/simulation.md, Percentiles and standard deviations (h = (N − 1)·p): the
  /// two ranks each percentile interpolates between.
  static func ranks(for ps: [Double], count n: UInt64) -> [(lo: UInt64, hi: UInt64, frac: Double)] {
    ps.map { p in
      let h = Double(n - 1) * p
      let lo = Swift.min(UInt64(h.rounded(.down)), n - 1)
      let frac = h - Double(lo)
      return (lo, frac > 0 && lo + 1 < n ? lo + 1 : lo, frac)
    }
  }

  /// The estimate of the value of rank `offset` among the `count` values of a slot: spread
  /// evenly over the slot's bucket, clamped to the exact extremes. It lies in the same bucket
  /// as the true value, so it is off by less than the bucket's width, 2^-11 of the value.
  static func interpolate(slot: Int, offset: UInt64, count: UInt64, min: Double, max: Double)
    -> Double
  {
    if slot == zeroSlot { return 0 }
    let (low, width) = range(ofSlot: slot)
    let x = low + width * (Double(offset) + 0.5) / Double(count)
    return Swift.min(Swift.max(x, min), max)
  }
}

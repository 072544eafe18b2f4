@testable import DamagesSimulation
import Foundation
import Testing

@Suite("LogHistogram: the slots that locate every percentile")
struct LogHistogramTests {
  /// The slot by its definition: zero alone, then the bucket of the magnitude, by sign.
  static func reference(_ x: Double) -> Int {
    if x == 0 { return LogHistogram.zeroSlot }
    let bits = x.bitPattern
    let bucket = LogHistogram.magnitudeBucket(bits & 0x7FFF_FFFF_FFFF_FFFF)
    return bits >> 63 == 0 ? LogHistogram.zeroSlot + 1 + bucket : LogHistogram.zeroSlot - 1 - bucket
  }

  @Test("slot(of:) is the definition, and never decreases with the value")
  func slotsFollowTheDefinition() {
    var values: [Double] = [0, -0.0, .leastNonzeroMagnitude, 0x1p-7, 0x1p-6, 1, 1.5, 500, 29_786.67,
                            0x1p42, 0x1p43, 0x1p60, .greatestFiniteMagnitude, .infinity]
    var state: UInt64 = 20_261_129
    for _ in 0..<100_000 {
      state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
      // magnitudes spread over 2^-20 to 2^60
      let e = Double(Int(state >> 58)) - 20
      let f = 1 + Double(state >> 11 & 0xFFFFF) / 0x1p20
      values.append(f * Foundation.pow(2.0, e))
    }
    values += values.map { -$0 }
    for x in values {
      #expect(LogHistogram.slot(of: x) == Self.reference(x), "\(x)")
    }
    let sorted = values.sorted()
    for (a, b) in zip(sorted, sorted.dropFirst()) {
      #expect(LogHistogram.slot(of: a) <= LogHistogram.slot(of: b), "\(a) ≤ \(b)")
    }
    #expect(LogHistogram.slot(of: 0x1p-60) != LogHistogram.zeroSlot, "only zero is in the zero slot")
  }

  @Test("Coarse slots: non-decreasing, zero alone, each 32 consecutive fine slots")
  func coarseSlots() {
    let values: [Double] = [-.infinity, -0x1p60, -3, -0x1p-60, 0, 0x1p-60, 0x1p-6, 1, 1.0001, 500,
                            29_786.67, 0x1p42, 0x1p60, .infinity]
    for (a, b) in zip(values, values.dropFirst()) {
      #expect(LogHistogram.coarseSlot(of: a) <= LogHistogram.coarseSlot(of: b), "\(a) ≤ \(b)")
    }
    #expect(LogHistogram.coarseSlot(of: 0) == LogHistogram.coarseZeroSlot)
    #expect(LogHistogram.coarseSlot(of: 0x1p-60) != LogHistogram.coarseZeroSlot)
    #expect(LogHistogram.coarseSlot(of: -0x1p-60) != LogHistogram.coarseZeroSlot)
    // 1 and 1 + 31/2048 share a coarse slot (fine slots 0 to 31 of the binade); 1 + 32/2048
    // starts the next
    #expect(LogHistogram.coarseSlot(of: 1) == LogHistogram.coarseSlot(of: 1 + 31.0 / 2048))
    #expect(LogHistogram.coarseSlot(of: 1) + 1 == LogHistogram.coarseSlot(of: 1 + 32.0 / 2048))
  }

  @Test("Coarse keys: a value's key is in the set exactly when its coarse slot is wanted")
  func coarseKeys() {
    var state: UInt64 = 20_261_129
    func next() -> UInt64 {
      state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
      return state
    }
    var values: [Double] = [0x1p-80, -0x1p-80, 0x1p-6, 0x1p43, 0x1p60, -0x1p60, 1, -1,
                            .leastNonzeroMagnitude, .greatestFiniteMagnitude]
    for _ in 0..<200_000 {
      let r = next()
      let e = Double(Int(r >> 57)) - 70  // 2^-70 to 2^57: past both edges
      let x = (1 + Double(r >> 11 & 0xFFFFF) / 0x1p20) * Foundation.pow(2.0, e)
      values.append(r & 1 == 0 ? x : -x)
    }
    // the edge slots, the slots next to zero, and slots where values are
    var wanted: Set<Int> = [0, LogHistogram.coarseSlotCount - 1, LogHistogram.coarseZeroSlot - 1,
                            LogHistogram.coarseZeroSlot + 1]
    for _ in 0..<40 { wanted.insert(LogHistogram.coarseSlot(of: values[Int(next() % 200_000)])) }
    let keys = LogHistogram.coarseKeys(wanted.sorted())
    for x in values {
      let key = Int(x.bitPattern >> 46)
      let inSet = keys[key >> 6] & (1 << UInt64(key & 63)) != 0
      #expect(inSet == wanted.contains(LogHistogram.coarseSlot(of: x)), "\(x)")
    }
  }

  @Test("Coarse slots by table: coarseSlot(of:) for every non-zero value of every 18-bit key")
  func coarseTable() {
    LogHistogram.coarseTable.withUnsafeBufferPointer { t in
      var mismatches = 0
      for key in 0..<(1 << 18) {
        // the lowest, a middle and the highest non-zero pattern of the key
        for low: UInt64 in [1, 0x1234_5678_9AB, (1 << 46) - 1] {
          let x = Double(bitPattern: UInt64(key) << 46 | low)
          if LogHistogram.coarseSlot(ofNonZero: x, table: t.baseAddress!) != LogHistogram.coarseSlot(of: x) {
            mismatches += 1
            if mismatches < 5 { Issue.record("key \(key): \(x)") }
          }
        }
      }
      #expect(mismatches == 0)
    }
  }
}

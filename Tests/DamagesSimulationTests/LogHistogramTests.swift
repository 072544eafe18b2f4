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
}

import Foundation

/// SplitMix64 (Steele, Lea and Flood, "Fast splittable pseudorandom number generators", 2014):
/// a small generator whose whole state is one `UInt64`. A property test seeds one per case, so
/// the seed printed in a failure message replays that case exactly.
public struct SplitMix64: RandomNumberGenerator, Sendable {
  public private(set) var state: UInt64

  public init(seed: UInt64) { state = seed }

  public mutating func next() -> UInt64 {
    state &+= 0x9E37_79B9_7F4A_7C15
    var z = state
    z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
    z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
    return z ^ (z >> 31)
  }
}

/// The seeds of a property test's cases.
///
/// Each case gets its own seed, derived from the test's base seed, and each failure message
/// names it (`PropertySeed.describe`). To replay one case alone, set the environment variable
/// `DAMAGES_PROPERTY_SEED` to that seed (decimal or `0x` hexadecimal) and run the test again.
public enum PropertySeed {
  /// The environment variable that replays one case.
  public static let environmentKey = "DAMAGES_PROPERTY_SEED"

  /// The seeds of `count` cases derived from `base`, or only the replayed seed if one is set.
  public static func cases(_ count: Int, base: UInt64) -> [UInt64] {
    if let replay = replayed { return [replay] }
    var root = SplitMix64(seed: base)
    return (0..<count).map { _ in root.next() }
  }

  /// The seed set in the environment, if any.
  public static var replayed: UInt64? {
    guard let text = ProcessInfo.processInfo.environment[environmentKey] else { return nil }
    if text.hasPrefix("0x") || text.hasPrefix("0X") { return UInt64(text.dropFirst(2), radix: 16) }
    return UInt64(text)
  }

  /// The text a failure message carries to make its case replayable.
  public static func describe(_ seed: UInt64) -> String {
    let hex = "0x" + String(seed, radix: 16)
    return "seed \(hex) (replay: \(environmentKey)=\(hex))"
  }
}

extension RandomNumberGenerator {
  /// True with probability `p`.
  public mutating func chance(_ p: Double) -> Bool {
    Double.random(in: 0..<1, using: &self) < p
  }

  /// A value spread evenly over the orders of magnitude of `range` (both bounds positive).
  public mutating func logUniform(in range: ClosedRange<Double>) -> Double {
    let u = Double.random(in: log(range.lowerBound)...log(range.upperBound), using: &self)
    return Swift.min(Swift.max(exp(u), range.lowerBound), range.upperBound)
  }

  /// One element of a non-empty collection.
  public mutating func pick<C: Collection>(_ choices: C) -> C.Element {
    choices.randomElement(using: &self)!
  }
}

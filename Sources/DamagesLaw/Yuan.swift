/// An amount of money in yuan (CNY).
///
/// A thin wrapper over `Double` (the idea of swift-tagged's `Tagged<Tag, Double>`), so that an
/// amount cannot be confused with a multiplier, a fraction or a probability. Amounts keep full
/// precision; rounding to whole yuan happens only when a table is printed.
public struct Yuan: Hashable, Comparable, Sendable, AdditiveArithmetic {
  /// The amount in yuan.
  public var value: Double

  @inlinable public init(_ value: Double) { self.value = value }

  @inlinable public static var zero: Yuan { Yuan(0) }

  @inlinable public static func + (a: Yuan, b: Yuan) -> Yuan { Yuan(a.value + b.value) }
  @inlinable public static func - (a: Yuan, b: Yuan) -> Yuan { Yuan(a.value - b.value) }
  @inlinable public static func += (a: inout Yuan, b: Yuan) { a.value += b.value }
  @inlinable public static func -= (a: inout Yuan, b: Yuan) { a.value -= b.value }
  @inlinable public static func < (a: Yuan, b: Yuan) -> Bool { a.value < b.value }

  /// Scales an amount by a dimensionless factor (a multiplier, a fraction).
  @inlinable public static func * (a: Yuan, factor: Double) -> Yuan { Yuan(a.value * factor) }
  @inlinable public static func * (factor: Double, a: Yuan) -> Yuan { Yuan(a.value * factor) }
  /// The ratio of two amounts.
  @inlinable public static func / (a: Yuan, b: Yuan) -> Double { a.value / b.value }
}

extension Yuan: ExpressibleByIntegerLiteral, ExpressibleByFloatLiteral {
  @inlinable public init(integerLiteral value: Int) { self.value = Double(value) }
  @inlinable public init(floatLiteral value: Double) { self.value = value }
}

extension Yuan: CustomStringConvertible {
  public var description: String { "¥\(value)" }
}

import Foundation
import GSL
import Testing

@Suite("Special functions: digamma, trigamma, log Γ")
struct SpecialFunctionsTests {
  // Known values: ψ(1) = −γ, ψ(1/2) = −γ − 2 log 2, ψ₁(1) = π²/6, ψ₁(1/2) = π²/2,
  // log Γ(5) = log 24 (Abramowitz and Stegun 6.3.2, 6.3.3, 6.4.2, 6.4.4).
  static let gamma = 0.57721566490153286

  @Test("Known values")
  func knownValues() throws {
    #expect(abs(try SpecialFunctions.digamma(1) + Self.gamma) < 1e-14)
    #expect(abs(try SpecialFunctions.digamma(0.5) + Self.gamma + 2 * log(2.0)) < 1e-14)
    #expect(abs(try SpecialFunctions.trigamma(1) - Double.pi * Double.pi / 6) < 1e-14)
    #expect(abs(try SpecialFunctions.trigamma(0.5) - Double.pi * Double.pi / 2) < 1e-13)
    #expect(abs(try SpecialFunctions.logGamma(5) - log(24.0)) < 1e-14)
  }

  @Test("A pole or NaN throws instead of aborting")
  func poles() {
    #expect(throws: GSLError.self) { try SpecialFunctions.digamma(0) }
    #expect(throws: GSLError.self) { try SpecialFunctions.trigamma(-2) }
    #expect(throws: GSLError.self) { try SpecialFunctions.digamma(.nan) }
  }
}

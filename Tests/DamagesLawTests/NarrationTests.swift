import DamagesLaw
import Testing

/// How explanations and tables write numbers (docs/outputs.md: whole yuan, half away from zero, digits
/// grouped; multipliers and fractions plainly), including amounts far beyond any claim, which
/// must print, never trap.
@Suite("Narration numbers")
struct NarrationTests {
  /// A value that rounds to a whole number at four decimals (a log-spaced sweep value, a
  /// PERT median a hair below 3) prints as that whole number, never with a stray dot.
  @Test("Multipliers and fractions: at most four decimals, no trailing zeros or dot", arguments: [
    (2.0, "2"), (2.5, "2.5"), (1.3, "1.3"), (1.0 / 3, "0.3333"), (0.05, "0.05"),
    (2.99999997, "3"), (9_999.999999999998, "10000"), (100_000.00000000001, "100000"),
    (1.00004, "1"), (1.23456, "1.2346"), (-0.00001, "0"), (-2.5, "-2.5"),
    (5e14 + 0.5, "500000000000001"), (-3e19, "-3e+19"),
  ])
  func number(value: Double, text: String) {
    #expect(Narration.number(value) == text)
  }

  @Test("Amounts: whole yuan, half away from zero, digits grouped", arguments: [
    (3_162.2777, "3,162"), (1_002_500, "1,002,500"), (9_999.999999999998, "10,000"),
    (2.5, "3"), (-2.5, "-3"), (0, "0"), (999.49, "999"), (-1_234_567.5, "-1,234,568"),
    (9.99e17, "999,000,000,000,000,000"), (999_999_999_999_999_999, "1e+18"),
  ])
  func yuan(value: Double, text: String) {
    #expect(Narration.yuan(Yuan(value)) == text)
  }

  @Test("Amounts too large for an Int64 print in short notation instead of trapping")
  func huge() {
    #expect(Narration.yuan(Yuan(1e20)) == "1e+20")
    #expect(Narration.yuan(Yuan(-1e300)) == "-1e+300")
  }
}

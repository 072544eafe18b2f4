import DamagesLaw
import Testing

/// How tables write amounts (SPEC: whole yuan, half away from zero, digits grouped), including
/// amounts far beyond any claim, which must print, never trap.
@Suite("Narration: amounts as tables print them")
struct NarrationTests {
  @Test("whole yuan, rounded half away from zero, digits grouped", arguments: [
    (0.0, "0"), (0.5, "1"), (-0.5, "-1"), (999.49, "999"), (1_234_567.5, "1,234,568"),
    (-1_234_567.5, "-1,234,568"), (5_000_000, "5,000,000"), (999_999_999_999_999_999, "1e+18"),
    (9.99e17, "999,000,000,000,000,000"),
  ] as [(Double, String)])
  func yuan(_ value: Double, _ text: String) {
    #expect(Narration.yuan(Yuan(value)) == text)
  }

  @Test("amounts too large for an Int64 print in short notation instead of trapping")
  func huge() {
    #expect(Narration.yuan(Yuan(1e20)) == "1e+20")
    #expect(Narration.yuan(Yuan(-1e300)) == "-1e+300")
    #expect(Narration.number(2.5) == "2.5")
    #expect(Narration.number(5e14 + 0.5) == "500000000000001")
    #expect(Narration.number(-3e19) == "-3e+19")
  }
}

import DamagesLaw
import Testing

/// Fees as tables print them: to the fen (R10: no rounding inside a calculation, two decimals
/// in the report).
@Suite("R10 FeeFormat: fees to the fen")
struct FeeFormatTests {
  @Test("two decimals, half away from zero, digits grouped", arguments: [
    (0.0, "0.00"), (50, "50.00"), (846.615, "846.62"), (1_300, "1,300.00"), (0.004, "0.00"),
    (141_800.5, "141,800.50"), (5_000_000.999, "5,000,001.00"),
  ] as [(Double, String)])
  func twoDecimals(_ value: Double, _ text: String) {
    #expect(FeeFormat.twoDecimals(Yuan(value)) == text)
  }

  @Test("a fee too large for its fen to fit in an Int64 prints in whole yuan instead of trapping")
  func huge() {
    #expect(FeeFormat.twoDecimals(Yuan(2e15)) == "2,000,000,000,000,000")
    #expect(FeeFormat.twoDecimals(Yuan(1e300)) == "1e+300")
  }
}

import DamagesLaw
import Testing
import _DamagesTestSupport

@Suite("R2 License fee")
struct LicenseFeeTests {
  // Copyright Law Art. 54 ¶1 (参照该权利使用费); 法释〔2021〕4号 Art. 5 ¶2 (the multiple of the fee).
  // Rows: fee, multiple, base = fee × multiple.
  typealias MultipleRow = (fee: Double, multiple: Double, base: Double)
  static let multiples: [MultipleRow] = [
    (3_000, 1, 3_000),
    (3_000, 2.5, 7_500),
    (3_000, 5, 15_000),
    (0, 3, 0),
  ]

  @Test("R2 the base is the fee times the multiple", arguments: multiples)
  func base(fee: Double, multiple: Double, base: Double) {
    #expect(LicenseFee.base(fee: Yuan(fee), multiple: multiple) == Yuan(base))
  }

  @Test("R2 the multiple lies within 1 to 5")
  func multipleRange() {
    #expect(LicenseFee.multipleRange == 1...5)
  }

  @Test("R2 a license-fee basis through the assessment: the base is fee × multiple")
  func throughAssessor() {
    let facts = Facts.proven(licenseFee: 4_000, statutoryAward: 100_000).with {
      $0.licenseFeeMultiple = 3
      $0.expenses = 1_000
    }
    let outcome = Assessor(terms: .plain()).tort(facts)
    #expect(outcome.basis == .licenseFee)
    #expect(outcome.base == 12_000)
    #expect(outcome.compensation == 12_000)
    #expect(outcome.award == 13_000)
  }
}

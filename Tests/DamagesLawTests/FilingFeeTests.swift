import DamagesLaw
import Testing
import _DamagesTestSupport

@Suite("R10 Filing fee")
struct FilingFeeTests {
  // 《诉讼费用交纳办法》 Art. 13(1): 不超过1万元的，每件交纳50元；超过1万元至10万元的部分，按照2.5%交纳；
  // 超过10万元至20万元的部分，按照2%交纳；超过20万元至50万元的部分，按照1.5%交纳；超过50万元至100万元的部分，
  // 按照1%交纳；超过100万元至200万元的部分，按照0.9%交纳；超过200万元至500万元的部分，按照0.8%交纳；
  // 超过500万元至1000万元的部分，按照0.7%交纳；超过1000万元至2000万元的部分，按照0.6%交纳；
  // 超过2000万元的部分，按照0.5%交纳。
  //
  // Each row is worked by hand: the fee at a boundary is the sum of the full brackets below it
  // (50; 90,000 × 2.5 % = 2,250; 100,000 × 2 % = 2,000; 300,000 × 1.5 % = 4,500;
  // 500,000 × 1 % = 5,000; 1,000,000 × 0.9 % = 9,000; 3,000,000 × 0.8 % = 24,000;
  // 5,000,000 × 0.7 % = 35,000; 10,000,000 × 0.6 % = 60,000), one yuan more adds the rate of
  // the bracket above, one yuan less takes off the rate of the bracket below.
  typealias BracketRow = (claim: Double, fee: Double)
  static let brackets: [BracketRow] = [
    (1, 50),
    (5_000, 50),
    (9_999.99, 50),
    (10_000, 50),
    (10_001, 50.025),
    (99_999, 2_299.975),
    (100_000, 2_300),
    (100_001, 2_300.02),
    (199_999, 4_299.98),
    (200_000, 4_300),
    (200_001, 4_300.015),
    (499_999, 8_799.985),
    (500_000, 8_800),
    (500_001, 8_800.01),
    (999_999, 13_799.99),
    (1_000_000, 13_800),
    (1_000_001, 13_800.009),
    (1_999_999, 22_799.991),
    (2_000_000, 22_800),
    (2_000_001, 22_800.008),
    (4_999_999, 46_799.992),
    (5_000_000, 46_800),
    (5_000_001, 46_800.007),
    (9_999_999, 81_799.993),
    (10_000_000, 81_800),
    (10_000_001, 81_800.006),
    (19_999_999, 141_799.994),
    (20_000_000, 141_800),
    (20_000_001, 141_800.005),
    (30_000_000, 191_800),
    (100_000_000, 541_800),
  ]

  @Test("R10 the fee at and around each bracket boundary", arguments: brackets)
  func feeAtBoundaries(claim: Double, fee: Double) {
    let computed = FilingFee.fee(claim: Yuan(claim), procedure: .ordinary)
    #expect(isClose(computed.value, fee, tolerance: 1e-12), "claim \(claim): got \(computed)")
  }

  // Art. 13(1), last bracket: above 20,000,000 the fee is 141,800 + 0.5 % of the excess,
  // that is 0.005 x + 41,800.
  @Test(
    "R10 above 20,000,000 the fee is 0.005 x + 41,800",
    arguments: [
      20_000_000.5, 25_000_000, 33_333_333, 50_000_000, 1_000_000_000,
    ])
  func feeAboveTopBracket(claim: Double) {
    let fee = FilingFee.fee(claim: Yuan(claim), procedure: .ordinary)
    #expect(isClose(fee.value, 0.005 * claim + 41_800))
  }

  // Art. 16: 适用简易程序审理的案件减半交纳案件受理费。
  @Test("R10 summary procedure halves the fee", arguments: brackets)
  func summaryHalves(claim: Double, fee: Double) {
    let summary = FilingFee.fee(claim: Yuan(claim), procedure: .summary)
    #expect(isClose(summary.value, fee / 2, tolerance: 1e-12))
  }

  @Test("R10 the brackets are those of Art. 13(1)")
  func bracketTable() {
    let table = FilingFee.brackets.map { [$0.lower, $0.upper ?? -1, $0.rate] }
    #expect(
      table == [
        [0, 10_000, 0],
        [10_000, 100_000, 0.025],
        [100_000, 200_000, 0.02],
        [200_000, 500_000, 0.015],
        [500_000, 1_000_000, 0.01],
        [1_000_000, 2_000_000, 0.009],
        [2_000_000, 5_000_000, 0.008],
        [5_000_000, 10_000_000, 0.007],
        [10_000_000, 20_000_000, 0.006],
        [20_000_000, -1, 0.005],
      ])
    #expect(FilingFee.minimumFee == 50)
  }

  @Test("R10 the breakdown lists each bracket the claim reaches, before halving")
  func breakdown() {
    let small = FilingFee.breakdown(claim: 8_000).map(\.amount.value)
    #expect(small == [50])
    let parts = FilingFee.breakdown(claim: 150_000).map(\.amount.value)
    #expect(parts.count == 3)
    #expect(zip(parts, [50, 2_250, 1_000]).allSatisfy { isClose($0, $1) })
    let top = FilingFee.breakdown(claim: 25_000_000)
    #expect(top.count == 10)
    #expect(isClose(top.last!.amount.value, 25_000))
  }

  // Art. 29: 诉讼费用由败诉方负担，胜诉方自愿承担的除外。部分胜诉、部分败诉的，人民法院根据案件的具体情况
  // 决定当事人各自负担的诉讼费用数额。Rows: fee, claim, award, liable, allocation, claimant's share.
  typealias SplitRow = (
    fee: Double, claim: Double, award: Double, liable: Bool, allocation: FeeAllocation,
    share: Double
  )
  static let splits: [SplitRow] = [
    // proportional: fee × (claim − award) / claim
    (1_000, 100_000, 25_000, true, .proportional, 750),
    (1_000, 100_000, 90_000, true, .proportional, 100),
    (1_000, 100_000, 0, true, .proportional, 1_000),
    (1_000, 100_000, 100_000, true, .proportional, 0),  // the award reaches the claim
    (1_000, 100_000, 120_000, true, .proportional, 0),
    (1_000, 100_000, 0, false, .proportional, 1_000),  // not liable: the whole fee
    // loser-pays: a liable defendant bears it all, as in (2023)京0491民初11279
    (1_000, 100_000, 10_000, true, .loserPays, 0),
    (1_000, 100_000, 0, false, .loserPays, 1_000),
  ]

  @Test("R10 the claimant's share of the fee on a partial win", arguments: splits)
  func claimantShare(
    fee: Double, claim: Double, award: Double, liable: Bool, allocation: FeeAllocation,
    share: Double
  ) {
    let computed = FilingFee.claimantShare(
      fee: Yuan(fee), claim: Yuan(claim), award: Yuan(award), liable: liable,
      allocation: allocation)
    #expect(isClose(computed.value, share))
  }
}

@Suite("R10 Filing fee: the steps of an explanation")
struct FilingFeeStepsTests {
  @Test("R10 the fee step cites Art. 13, and Art. 16 when summary procedure halves the fee")
  func steps() {
    let ordinary = FilingFee.steps(
      claim: Yuan(100_000), fee: Yuan(2_300), procedure: .ordinary, allocation: .proportional,
      claimantShare: Yuan(1_150), netRecovery: Yuan(40_000))
    #expect(ordinary.map(\.rule) == ["R10", "R10"])
    #expect(ordinary[0].source == LegalSource.feeMeasuresArt13)
    #expect(ordinary[0].english == "Claim 100,000 yuan: acceptance fee 2,300.00 yuan, of which the claimant bears 1,150.00 yuan (proportional).")
    #expect(ordinary[0].amount == Yuan(1_150) && ordinary[0].isFee)
    #expect(ordinary[1].source == LegalSource.feeMeasuresArt29)
    #expect(ordinary[1].amount == Yuan(40_000) && !ordinary[1].isFee)
    let summary = FilingFee.steps(
      claim: Yuan(100_000), fee: Yuan(1_150), procedure: .summary, allocation: .loserPays,
      claimantShare: .zero, netRecovery: Yuan(40_000))
    #expect(summary[0].source == LegalSource.feeMeasuresArt13 + "; " + LegalSource.feeMeasuresArt16)
    #expect(summary[0].chinese == "诉讼请求 100,000 元，案件受理费 1,150.00 元（简易程序减半），原告负担 0.00 元。")
  }
}

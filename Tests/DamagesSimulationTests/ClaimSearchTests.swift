import DamagesLaw
import DamagesSimulation
import Testing

/// R10: the claim that maximises the expected net recovery, on a case worked by hand.
@Suite("R10 Claim search")
struct ClaimSearchTests {
  // Four runs: one without liability; liable awards 10,000, 10,000 and 50,000. No expenses.
  let curve = ClaimCurve(
    awards: [10_000, 50_000, 10_000], unliableRuns: 1, meanExpenses: 0, procedure: .ordinary,
    allocation: .proportional, candidates: [10_000, 30_000, 50_000, 80_000])

  /// By hand (《诉讼费用交纳办法》 Art. 13(1); proportional split):
  /// - 10,000: fee 50; E[award] 30,000/4 = 7,500; fee share (50 + 0)/4 = 12.5; net 7,487.5
  /// - 30,000: fee 550; E[award] 50,000/4 = 12,500; share (550 + 2·550·2/3)/4 = 320.83…
  /// - 50,000: fee 1,050; E[award] 70,000/4 = 17,500; share (1,050 + 2·1,050·0.8)/4 = 682.5
  /// - 80,000: fee 1,800; E[award] 17,500; share (1,800 + 2·1,800·7/8 + 1,800·3/8)/4 = 1,406.25
  static let thirtyThousandShare: Double = (550.0 + 733.3333333333334) / 4
  static let handWorkedRows: [(Double, Double, Double, Double)] = [
    (10_000, 50, 7_500, 12.5),
    (30_000, 550, 12_500, thirtyThousandShare),
    (50_000, 1_050, 17_500, 682.5),
    (80_000, 1_800, 17_500, 1_406.25),
  ]

  @Test("R10 expected net recovery of each candidate, worked by hand", arguments: handWorkedRows)
  func handWorked(claim: Double, fee: Double, award: Double, share: Double) throws {
    let p = try #require(curve.points.first { $0.claim == claim })
    #expect(abs(p.fee - fee) < 1e-9)
    #expect(abs(p.expectedAward - award) < 1e-9)
    #expect(abs(p.expectedFeeShare - share) < 1e-9)
    #expect(abs(p.expectedNetRecovery - (award - share)) < 1e-9)
  }

  @Test("R10 the best claim is the one worked by hand: 50,000")
  func best() {
    #expect(curve.best.claim == 50_000)
    #expect(abs(curve.best.expectedNetRecovery - 16_817.5) < 1e-9)
  }

  @Test("R10 loser-pays: the claimant pays only when not liable")
  func loserPays() throws {
    let c = ClaimCurve(awards: [10_000, 50_000, 10_000], unliableRuns: 1, meanExpenses: 1_000,
                       procedure: .summary, allocation: .loserPays, candidates: [50_000])
    let p = try #require(c.points.first)
    #expect(p.fee == 525)
    #expect(p.expectedFeeShare == 525.0 / 4)
    let expected: Double = 17_500 - 131.25 - 1_000
    #expect(p.expectedNetRecovery == expected)
  }

  @Test("R10 expected award and fee never fall as the claim rises")
  func monotone() {
    var awards: [Double] = []
    var g = UInt64(12345)
    for _ in 0..<2_000 {
      g = g &* 6364136223846793005 &+ 1442695040888963407
      awards.append(Double(g >> 40) / 10)
    }
    let c = ClaimCurve(awards: awards, unliableRuns: 700, meanExpenses: 3_000, procedure: .ordinary,
                       allocation: .proportional, candidates: ClaimCurve.candidates(for: awards))
    for (a, b) in zip(c.points, c.points.dropFirst()) {
      #expect(a.claim < b.claim)
      #expect(a.expectedAward <= b.expectedAward + 1e-9)
      #expect(a.fee <= b.fee)
    }
  }
}

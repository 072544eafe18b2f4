public import DamagesLaw
import Foundation

/// R10: the amount to claim that maximises the expected net recovery.
///
/// Too low a claim caps the award (a court awards no more than was claimed); too high a claim
/// raises the acceptance fee and, under a proportional split, the claimant's share of it. The
/// search works on the simulated distribution of the *uncapped* award, so every candidate claim
/// is judged on the same runs:
///
///   expected net recovery(C) = E[min(A, C)] − E[claimant's fee share(C)] − E[expenses spent].
public struct ClaimCurve: Sendable {
  /// One candidate claim and what it yields.
  public struct Point: Hashable, Sendable {
    public var claim: Double
    public var fee: Double
    public var expectedAward: Double
    public var expectedFeeShare: Double
    public var expectedNetRecovery: Double
  }

  public var points: [Point]
  /// The best candidate.
  public var best: Point

  /// Evaluates candidate claims on simulated runs.
  /// - Parameters:
  ///   - awards: the uncapped award of each run in which a defendant is liable;
  ///   - unliableRuns: the number of runs without liability;
  ///   - meanExpenses: the expenses spent, averaged over all runs;
  ///   - candidates: the claims to evaluate (positive).
  public init(awards: [Double], unliableRuns: Int, meanExpenses: Double, procedure: Procedure,
              allocation: FeeAllocation, candidates: [Double]) {
    precondition(!candidates.isEmpty && candidates.allSatisfy { $0 > 0 })
    let sorted = awards.sorted()
    var prefix = [0.0]
    prefix.reserveCapacity(sorted.count + 1)
    for a in sorted { prefix.append(prefix.last! + a) }
    let n = Double(sorted.count + unliableRuns)
    func evaluate(_ claim: Double) -> Point {
      // runs below the claim keep their award; the others are capped at the claim
      var lo = 0, hi = sorted.count
      while lo < hi {
        let mid = (lo + hi) / 2
        if sorted[mid] < claim { lo = mid + 1 } else { hi = mid }
      }
      let below = prefix[lo]
      let capped = Double(sorted.count - lo)
      let awardSum = below + capped * claim
      let fee = FilingFee.fee(claim: Yuan(claim), procedure: procedure).value
      let feeShareSum: Double
      switch allocation {
      case .loserPays:
        feeShareSum = fee * Double(unliableRuns)
      case .proportional:
        // liable runs: fee × (claim − min(A, claim)) / claim; unliable runs: the whole fee
        feeShareSum = fee * Double(unliableRuns) + fee * (Double(sorted.count) * claim - awardSum) / claim
      }
      let award = awardSum / n
      let share = feeShareSum / n
      return Point(claim: claim, fee: fee, expectedAward: award, expectedFeeShare: share,
                   expectedNetRecovery: award - share - meanExpenses)
    }
    points = candidates.sorted().map(evaluate)
    best = points.max { $0.expectedNetRecovery < $1.expectedNetRecovery }!
  }

  /// Candidate claims: a log-spaced grid of whole yuan from the smallest positive award to 1.5 ×
  /// the largest.
  public static func candidates(for awards: [Double], count: Int = 120) -> [Double] {
    let positive = awards.filter { $0 > 0 }
    guard let lo = positive.min(), let hi = positive.max() else { return [1_000] }
    let a = Swift.max(lo, 1), b = Swift.max(hi * 1.5, a * 1.01)
    var grid: [Double] = []
    for i in 0..<count {
      let t = Double(i) / Double(count - 1)
      grid.append((a * Foundation.pow(b / a, t)).rounded())
    }
    return Array(Set(grid.filter { $0 > 0 })).sorted()
  }
}

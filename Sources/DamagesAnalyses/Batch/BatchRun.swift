public import DamagesScenario
public import DamagesSimulation
public import Foundation
import Synchronization

/// One claim's figures in the per-claim table (docs/batch.md).
public struct ClaimFigures: Sendable, Equatable {
  public var index: Int
  public var id: String
  public var pLiable: Double
  public var awardMean, awardP5, awardP50, awardP95: Double
  /// The acceptance fee on the claim (nil without a claim).
  public var fee: Double?
  public var feeShareMean: Double
  public var netMean, netP5: Double
  /// With `--best-claim`: the claim amount that maximises the expected net recovery.
  public var bestClaim: Double?
}

/// A row that could not be computed: its errors.
public struct ClaimErrors: Sendable, Equatable {
  public var index: Int
  public var id: String
  public var messages: [String]
}

/// What identifies a batch: every part of a sharded batch must agree on all of it.
public struct BatchIdentity: Sendable, Equatable {
  public var claimsFile: String
  public var claimsDigest: UInt64
  public var template: String
  public var templateDigest: UInt64
  public var runs: Int
  public var seed: UInt64
  public var claimCount: Int
  public var bestClaim: Bool
  public var thresholds: [Double]
  public var shared: [String]

  public init(claimsFile: String, claimsDigest: UInt64, template: String, templateDigest: UInt64,
              runs: Int, seed: UInt64, claimCount: Int, bestClaim: Bool, thresholds: [Double],
              shared: [String]) {
    self.claimsFile = claimsFile
    self.claimsDigest = claimsDigest
    self.template = template
    self.templateDigest = templateDigest
    self.runs = runs
    self.seed = seed
    self.claimCount = claimCount
    self.bestClaim = bestClaim
    self.thresholds = thresholds
    self.shared = shared
  }
}

/// The per-run totals over the claims, in integer fen, so that the order in which claims (or
/// the parts of a sharded batch) are added cannot change a digit.
public final class PortfolioTotals: @unchecked Sendable {
  public let runs: Int
  /// award, fees, net recovery: three columns of `runs` totals each, written by the workers of
  /// one claim's simulation at once (each block its own runs), so raw memory, not arrays.
  private let storage: UnsafeMutablePointer<Int64>
  /// Several claims are simulated at once, each adding its blocks' runs to the same totals.
  private let lock = NSLock()

  public init(runs: Int) {
    self.runs = runs
    storage = .allocate(capacity: 3 * runs)
    storage.initialize(repeating: 0, count: 3 * runs)
  }

  deinit { storage.deallocate() }

  public var award: [Int64] { Array(UnsafeBufferPointer(start: storage, count: runs)) }
  public var fees: [Int64] { Array(UnsafeBufferPointer(start: storage + runs, count: runs)) }
  public var net: [Int64] { Array(UnsafeBufferPointer(start: storage + 2 * runs, count: runs)) }

  /// Yuan to fen, rounded half away from zero: `Int64((x * 100).rounded(.toNearestOrAwayFromZero))`,
  /// without the call to the C library's round() that this line compiles to (the totals'
  /// rounding took 4 % of a batch's time). The truncation to Int64 is exact, and so is the
  /// fraction left (x × 100 − its integer part), below 2^53; from 2^53 up every double is a
  /// whole number and the fraction is 0.
  @inline(__always) static func fen(_ x: Double) -> Int64 {
    let y = x * 100
    let whole = Int64(y)
    let fraction = y - Double(whole)
    return fraction >= 0.5 ? whole + 1 : fraction <= -0.5 ? whole - 1 : whole
  }

  /// Adds one block's values (of any claim, from any thread; integer sums, so in any order).
  func add(_ v: RunValues) {
    lock.lock()
    defer { lock.unlock() }
    let a = storage + v.firstRun, f = storage + runs + v.firstRun, n = storage + 2 * runs + v.firstRun
    for i in 0..<v.award.count {
      a[i] &+= Self.fen(v.award[i])
      f[i] &+= Self.fen(v.feeShare[i])
      n[i] &+= Self.fen(v.netRecovery[i])
    }
  }

  /// Adds column `c` (0 award, 1 fees, 2 net recovery) of another part's totals.
  func add(column c: Int, _ values: [Int64]) {
    let base = storage + c * runs
    for i in 0..<runs { base[i] &+= values[i] }
  }
}

/// A batch's (or one shard's) results.
public struct BatchResult: Sendable {
  public var identity: BatchIdentity
  /// The claims' figures and the bad rows' errors, in a temporary file (docs/batch.md, Memory
  /// and speed).
  public var records: ClaimRecords
  public var totals: PortfolioTotals
  /// Sharded: (K, N); nil for a whole batch.
  public var shard: (k: Int, n: Int)?

  /// The claims' figures, in row order, read back from ``records``.
  public var figures: ClaimRecords.Records<ClaimFigures> { records.figures }
  /// The bad rows' errors, in row order, read back from ``records``.
  public var errors: ClaimRecords.Records<ClaimErrors> { records.errors }
}

public enum BatchRun {
  /// A claim's seed: SplitMix64 of (the batch's seed, the claim's id), so that a claim's runs
  /// do not depend on which other claims are in the batch or where its row is.
  public static func claimSeed(_ seed: UInt64, id: String) -> UInt64 {
    func mix(_ x: UInt64) -> UInt64 {
      var z = x &+ 0x9E37_79B9_7F4A_7C15
      z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
      z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
      return z ^ (z >> 31)
    }
    return mix(seed ^ mix(Digest.fnv1a(Data(id.utf8))))
  }

  /// The number of claims of shard K of N (all of them without a shard) and the row index of
  /// the shard's j-th claim: claims are dealt by index, i mod N = K.
  public static func shardRows(_ count: Int, _ shard: (k: Int, n: Int)?) -> ShardRows {
    guard let shard else { return ShardRows(count: count, first: 0, step: 1) }
    return ShardRows(count: count > shard.k ? (count - shard.k + shard.n - 1) / shard.n : 0,
                     first: shard.k, step: shard.n)
  }

  public struct ShardRows: Sendable {
    public var count: Int
    var first, step: Int
  }

  /// Builds every row of the sheet (of shard K of N only, when given), on `threads` threads,
  /// and returns the errors of the bad ones in row order (for `--strict`, before computing).
  public static func validate(_ rows: BatchRows, threads: Int?, shard: (k: Int, n: Int)? = nil)
    -> [ClaimErrors]
  {
    let mine = shardRows(rows.count, shard), count = mine.count
    let found = Mutex<[ClaimErrors]>([])
    let cursor = rows.cursor(first: mine.first, step: mine.step)
    let workers = Swift.max(1, Swift.min(threads ?? ProcessInfo.processInfo.activeProcessorCount, count))
    DispatchQueue.concurrentPerform(iterations: workers) { _ in
      while let (_, index, row) = cursor.next() {
        let claim = rows.claim(row, index: index)
        if !claim.errors.isEmpty {
          found.withLock { $0.append(ClaimErrors(index: claim.index, id: claim.id, messages: claim.errors)) }
        }
      }
    }
    return found.withLock { $0 }.sorted { $0.index < $1.index }
  }

  /// Computes the good claims (of shard K of N only, when given), adding each claim's runs into
  /// the per-run totals and writing each claim's figures, or its errors, to `records` (docs/batch.md,
  /// Memory and speed). The caller checks `records.failure` afterwards.
  ///
  /// The claims are simulated side by side, one claim to a worker thread (all the threads on
  /// one claim when there are fewer claims than threads): a claim's figures do not depend on
  /// the thread count, and its runs are added to the totals in integer fen, so the result does
  /// not depend on which claim finishes first. Each row's scenario is built by the worker that
  /// computes it and dropped when its figures are known. The claims are handed over in row
  /// order: `badRow` (for a row that could not be computed) and `progress` are called for each,
  /// in that order, from the worker that completes the sequence.
  public static func compute(
    rows: BatchRows, identity: BatchIdentity, template: BatchTemplate, into records: ClaimRecords,
    threads: Int?, shard: (k: Int, n: Int)? = nil, isCancelled: (@Sendable () -> Bool)? = nil,
    badRow: (@Sendable (ClaimErrors) -> Void)? = nil,
    progress: (@Sendable (Int, Int) -> Void)? = nil
  ) throws(SimulationError) -> BatchResult {
    let totals = PortfolioTotals(runs: identity.runs)
    let mine = shardRows(rows.count, shard), count = mine.count
    let threadCount = Swift.max(1, threads ?? ProcessInfo.processInfo.activeProcessorCount)
    // fewer claims than threads: the spare threads go to each claim's own blocks
    let perClaim = Swift.max(1, threadCount / Swift.max(1, Swift.min(threadCount, count)))
    let workers = Swift.max(1, Swift.min(threadCount / perClaim, count))

    /// A claim done: its figures, or its errors.
    enum Outcome { case figures(ClaimFigures), errors(ClaimErrors) }
    struct Ordered {
      var pending: [Int: Outcome] = [:]
      var next = 0
      /// The first failure in row order (a claim the engine could not simulate, or a stop).
      var failure: (j: Int, error: SimulationError)?
    }
    let state = Mutex(Ordered())
    // the rows are read in order as the workers take them (a CSV file is not held in memory)
    let cursor = rows.cursor(first: mine.first, step: mine.step)
    let stopAt = Atomic<Int>(Int.max)
    DispatchQueue.concurrentPerform(iterations: workers) { _ in
      while let (j, index, row) = cursor.next() {
        if j > stopAt.load(ordering: .relaxed) { return }
        let claim = rows.claim(row, index: index)
        let outcome: Outcome
        do throws(SimulationError) {
          if isCancelled?() == true { throw .cancelled }
          if let scenario = claim.scenario {
            outcome = .figures(try claimFigures(
              claim, scenario: scenario, identity: identity, template: template,
              threads: perClaim, isCancelled: isCancelled, totals: totals))
          } else {
            outcome = .errors(ClaimErrors(index: claim.index, id: claim.id, messages: claim.errors))
          }
        } catch {
          stopAt.min(j, ordering: .relaxed)
          state.withLock { s in
            if s.failure == nil || j < s.failure!.j { s.failure = (j, error) }
          }
          return
        }
        state.withLock { s in
          s.pending[j] = outcome
          while let o = s.pending.removeValue(forKey: s.next) {
            switch o {
            case .figures(let f):
              records.append(f)
            case .errors(let e):
              records.append(e)
              badRow?(e)
            }
            s.next += 1
            progress?(s.next, count)
          }
        }
      }
    }
    let done = state.withLock { $0 }
    if let failure = done.failure { throw failure.error }
    return BatchResult(identity: identity, records: records, totals: totals, shard: shard)
  }

  /// One claim's figures; its runs are added to `totals`.
  static func claimFigures(
    _ claim: BatchClaim, scenario: Scenario, identity: BatchIdentity, template: BatchTemplate,
    threads: Int, isCancelled: (@Sendable () -> Bool)?, totals: PortfolioTotals
  ) throws(SimulationError) -> ClaimFigures {
    var scenario = scenario
    if scenario.terms.route == .compare { scenario.terms.route = .tort }
    var options = SimulationOptions(runs: identity.runs, seed: claimSeed(identity.seed, id: claim.id),
                                    threads: threads)
    options.isCancelled = isCancelled
    options.sharedFindings = template.sharedFindings(
      seed: identity.seed, defenses: scenario.liability.defenseSuccess.count)
    options.runValues = { totals.add($0) }
    let result = try Simulation.run(scenario, options: options)
    let p = result.primary
    var f = ClaimFigures(
      index: claim.index, id: claim.id, pLiable: p.pLiable, awardMean: p.award.mean,
      awardP5: p.award.p5, awardP50: p.award.p50, awardP95: p.award.p95, fee: p.fee,
      feeShareMean: p.feeShare.mean, netMean: p.netRecovery.mean, netP5: p.netRecovery.p5)
    if identity.bestClaim {
      f.bestClaim = try bestClaim(scenario, options: options)
    }
    return f
  }

  /// The claim amount that maximises the expected net recovery (as `damages claim` finds it),
  /// on the same runs: the uncapped awards of the claim's own seed and shared findings.
  static func bestClaim(_ scenario: Scenario, options: SimulationOptions) throws(SimulationError) -> Double {
    var uncapped = scenario
    uncapped.terms.claim = nil
    var o = options
    o.runValues = nil
    o.keepAwards = true
    let result = try Simulation.run(uncapped, options: o)
    let awards = result.liableAwards ?? []
    let primary = result.primary
    var candidates = ClaimCurve.candidates(for: awards, count: 120)
    if let claimed = scenario.terms.claim?.value { candidates.append(claimed) }
    let curve = ClaimCurve(
      awards: awards, unliableRuns: options.runs - awards.count,
      meanExpenses: primary.award.mean - primary.netRecovery.mean,
      procedure: scenario.terms.procedure, allocation: scenario.terms.options.feeAllocation,
      candidates: Array(Set(candidates)).sorted())
    return curve.best.claim
  }
}

/// The portfolio's distributions, from the per-run totals (docs/batch.md).
public struct PortfolioSummary: Sendable {
  public struct Stat: Sendable {
    public var mean, sd, min, max: Double
    public var percentiles: [Double]  // DistributionSummary.percentiles order
    public var above: [Double]  // P(total > X) for each threshold
  }
  public var award, fees, net: Stat

  public init(_ totals: PortfolioTotals, thresholds: [Double]) {
    func stat(_ fen: [Int64]) -> Stat {
      let n = fen.count
      var sum: Int64 = 0
      for x in fen { sum &+= x }
      let mean = Double(sum) / Double(n) / 100
      var ss = 0.0
      for x in fen { let d = Double(x) / 100 - mean; ss += d * d }
      let sorted = fen.sorted()
      let percentiles = DistributionSummary.percentiles.map { p -> Double in
        let h = Double(n - 1) * p
        let lo = Int(h.rounded(.down))
        let frac = h - Double(lo)
        let a = Double(sorted[lo]) / 100
        guard frac > 0, lo + 1 < n else { return a }
        return (1 - frac) * a + frac * Double(sorted[lo + 1]) / 100
      }
      let above = thresholds.map { x -> Double in
        // the first total above X, by binary search on the sorted totals
        let limit = x * 100
        var lo = 0, hi = n
        while lo < hi {
          let mid = (lo + hi) / 2
          if Double(sorted[mid]) > limit { hi = mid } else { lo = mid + 1 }
        }
        return Double(n - lo) / Double(n)
      }
      return Stat(mean: mean, sd: n > 1 ? (ss / Double(n - 1)).squareRoot() : 0,
                  min: Double(sorted.first ?? 0) / 100, max: Double(sorted.last ?? 0) / 100,
                  percentiles: percentiles, above: above)
    }
    award = stat(totals.award)
    fees = stat(totals.fees)
    net = stat(totals.net)
  }
}

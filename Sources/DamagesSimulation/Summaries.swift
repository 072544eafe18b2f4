import DamagesLaw
import Synchronization

// Combining the blocks: the metric layout, counts, block outputs and the summaries.
extension Simulation {
  /// The replicates' spread of every metric, accumulated over `outputs` in block order.
  static func replicateSpread(_ outputs: [BlockOutput]) -> ReplicateSpread {
    var spread = ReplicateSpread()
    for o in outputs {
      if let folded = o.spread { spread = folded }
      spread.add(sizes: o.replicateSizes, sums: o.replicateSums)
    }
    return spread
  }

  static func summarize(model: CompiledModel, layout: MetricLayout, outputs: [BlockOutput],
                        quantiles: [[Double]], options: SimulationOptions) -> SimulationResult {
    let n = Double(options.runs)
    let spread = options.sampling != .random ? replicateSpread(outputs) : nil
    let all = (0..<layout.count).map { metric in
      var moments = Moments()
      for o in outputs { moments.combine(o.moments[metric]) }  // in block order
      var summary = DistributionSummary(moments: moments, quantiles: quantiles[metric])
      if options.sampling != .random {
        summary.seMean = spread?.standardError(metric: metric, mean: moments.mean, runs: n)
          ?? summary.seMean
      }
      return summary
    }
    func summary(_ metric: Int) -> DistributionSummary { all[metric] }
    func route(_ r: Int, _ route: Route) -> RouteResult? {
      guard let base = layout.routeBase[r] else { return nil }
      var counts = Counts()
      for o in outputs { counts.add(o.counts[r]) }
      var basis: [Basis: Double] = [:]
      for b in Basis.allCases where counts.basis[b.countIndex] > 0 || b != .liquidatedDamages {
        basis[b] = Double(counts.basis[b.countIndex]) / n
      }
      let award = summary(base)
      var defendants: [DefendantResult] = []
      for (d, defendant) in model.scenario.terms.defendants.enumerated() {
        let exposure: DistributionSummary
        let share: DistributionSummary
        if layout.storesDefendants {
          exposure = summary(base + MetricLayout.routeMetrics + 2 * d)
          share = summary(base + MetricLayout.routeMetrics + 2 * d + 1)
        } else {
          // one defendant that cannot be exempt: exposure and share are the award
          let f = model.fractionTable[0]?[d] ?? Apportionment.Fractions(exposure: 0, share: 0)
          exposure = award.scaled(by: f.exposure)
          share = award.scaled(by: f.share)
        }
        defendants.append(DefendantResult(
          name: defendant.name, role: defendant.role, form: defendant.form,
          exposure: exposure, share: share))
      }
      return RouteResult(
        route: route, award: award, compensation: summary(base + 1), punitive: summary(base + 2),
        mentalDistress: summary(base + 3), expenses: summary(base + 4),
        feeShare: summary(base + 5), netRecovery: summary(base + 6), basis: basis,
        pPunitive: Double(counts.punitive) / n, pLiable: Double(counts.liable) / n,
        pCapped: Double(counts.capped) / n, fee: model.assessor.fee?.value,
        defendants: defendants)
    }
    return SimulationResult(
      title: model.scenario.title, runs: options.runs, seed: options.seed,
      tort: route(0, .tort), contract: route(1, .contract),
      liableAwards: options.keepAwards ? outputs.flatMap(\.liableAwards) : nil)
  }
}

/// Which metric arrays a run writes: per route the award, its parts, the fee share and the net
/// recovery, then each defendant's exposure and share when they are not simply the award.
struct MetricLayout: Sendable {
  static let routeMetrics = 7
  let routeBase: [Int?]
  let storesDefendants: Bool
  let count: Int
  /// The metrics that are 0 in every run whatever the draws: the fee share without a claim.
  let alwaysZero: [Bool]

  init(model: CompiledModel) {
    storesDefendants = model.defendantCount > 1 || !model.exemptable.isEmpty
    let perRoute = Self.routeMetrics + (storesDefendants ? 2 * model.defendantCount : 0)
    var next = 0
    var bases: [Int?] = [nil, nil]
    if model.computesTort { bases[0] = next; next += perRoute }
    if model.computesContract { bases[1] = next; next += perRoute }
    routeBase = bases
    count = next
    var zero = [Bool](repeating: false, count: next)
    if model.assessor.fee == nil {
      for base in bases.compactMap({ $0 }) { zero[base + 5] = true }  // R10: no claim, no fee
    }
    alwaysZero = zero
  }
}

struct Counts: Sendable {
  /// Runs per basis, by ``Basis/countIndex`` (a tuple, so that counting allocates nothing).
  var basisCounts: (Int, Int, Int, Int, Int, Int) = (0, 0, 0, 0, 0, 0)
  var punitive = 0
  var liable = 0
  var capped = 0
  var basis: [Int] {
    [basisCounts.0, basisCounts.1, basisCounts.2, basisCounts.3, basisCounts.4, basisCounts.5]
  }
  @inline(__always) mutating func add(basis i: Int) {
    switch i {
    case 0: basisCounts.0 += 1
    case 1: basisCounts.1 += 1
    case 2: basisCounts.2 += 1
    case 3: basisCounts.3 += 1
    case 4: basisCounts.4 += 1
    default: basisCounts.5 += 1
    }
  }
  mutating func add(_ o: Counts) {
    basisCounts.0 += o.basisCounts.0
    basisCounts.1 += o.basisCounts.1
    basisCounts.2 += o.basisCounts.2
    basisCounts.3 += o.basisCounts.3
    basisCounts.4 += o.basisCounts.4
    basisCounts.5 += o.basisCounts.5
    punitive += o.punitive
    liable += o.liable
    capped += o.capped
  }
}

/// The non-zero values a block keeps of one metric (exact mode: all of them in the pilot's
/// blocks, those near the wanted percentiles in the others, ``KeptFilter``), copied by the
/// second pass of its moments (``Moments/Accumulator/finish(histogram:coarse:keeping:)``).
/// The storage is sized for every non-zero value of the block: the pages past the last value
/// written are never touched, so never resident.
final class KeptValues: @unchecked Sendable {
  private let base: UnsafeMutablePointer<Double>
  let count: Int

  /// Storage for `capacity` values, to be filled through `base` before ``init(filled:count:)``.
  static func storage(capacity: Int) -> UnsafeMutablePointer<Double> {
    .allocate(capacity: Swift.max(1, capacity))
  }

  /// Takes ownership of `base`, whose first `count` values are written.
  init(filled base: UnsafeMutablePointer<Double>, count: Int) {
    self.base = base
    self.count = count
  }

  deinit { base.deallocate() }

  static let empty = KeptValues(filled: storage(capacity: 0), count: 0)

  /// The values, valid while this object lives.
  var buffer: UnsafeBufferPointer<Double> { UnsafeBufferPointer(start: base, count: count) }
}

struct BlockOutput: Sendable {
  var runs: Int
  var counts = [Counts(), Counts()]
  var moments: [Moments] = []
  /// Exact mode: each metric's kept non-zero values (``KeptValues``), in run order (zeros are
  /// counted by the histogram's zero slot and never needed again).
  var kept: [KeptValues] = []
  var error: SimulationError?
  let keepAwards: Bool
  let primaryRoute: Int
  var liableAwards: [Double] = []
  /// Stratified samplings: each replicate's size, and each metric's sum over each replicate,
  /// of this block; once blocks are folded (the bounded-memory mode), the replicates folded so
  /// far are in `spread`, so that what is held does not grow with the run count.
  var replicateSizes: [Int] = []
  var replicateSums: [[Double]] = []
  var spread: ReplicateSpread?
  init(layout: MetricLayout, runs: Int, keepAwards: Bool = false) {
    self.runs = runs
    self.keepAwards = keepAwards
    primaryRoute = layout.routeBase[0] != nil ? 0 : 1
    if keepAwards { liableAwards.reserveCapacity(runs) }
  }
}

/// Block outputs by block index, filled by the workers. `folding` (the bounded-memory mode):
/// each output is folded into one running output as soon as every block before it has been
/// folded, so that only the few blocks finished out of order are held, whatever the run count;
/// the fold follows block order, so the result is the same as combining every block at the end.
final class BlockStore: Sendable {
  private struct State {
    var slots: [BlockOutput?]
    var pending: [Int: BlockOutput] = [:]
    var next = 0
    var folded: BlockOutput?
    var peak = 0
  }
  private let state: Mutex<State>
  private let folding: Bool

  init(blocks: Int, folding: Bool = false) {
    self.folding = folding
    state = Mutex(State(slots: folding ? [] : [BlockOutput?](repeating: nil, count: blocks)))
  }

  func put(_ index: Int, _ output: BlockOutput) {
    state.withLock { s in
      guard folding else {
        s.slots[index] = output
        s.peak += 1
        return
      }
      s.pending[index] = output
      s.peak = Swift.max(s.peak, s.pending.count)
      while let o = s.pending.removeValue(forKey: s.next) {
        if s.folded == nil { s.folded = o } else { s.folded!.absorb(o) }
        s.next += 1
      }
    }
  }

  func take() -> [BlockOutput] {
    state.withLock { s in folding ? [s.folded!] : s.slots.map { $0! } }
  }

  /// The most outputs held at once, folded ones not counted.
  var peakHeld: Int { state.withLock { $0.peak } }
}

extension BlockOutput {
  /// Adds the next block's output (in block order) to this one, as ``Simulation/summarize``
  /// would combine the two.
  mutating func absorb(_ o: BlockOutput) {
    runs += o.runs
    for r in counts.indices { counts[r].add(o.counts[r]) }
    for m in moments.indices { moments[m].combine(o.moments[m]) }
    liableAwards += o.liableAwards
    if !o.replicateSizes.isEmpty {
      if spread == nil { spread = ReplicateSpread() }
      spread!.add(sizes: replicateSizes, sums: replicateSums)
      spread!.add(sizes: o.replicateSizes, sums: o.replicateSums)
      replicateSizes = []
      replicateSums = []
    }
  }
}

/// The spread of the independent replicates' means of the stratified samplings, from which
/// the standard error of each metric's mean follows (docs/simulation.md, Sampling): with R
/// replicates of n_r runs and means m_r, N runs and overall mean m,
/// se² = R / (R − 1) · Σ (n_r / N)² (m_r − m)². The sums are kept about a shift K (the first
/// replicate's mean), Σ n_r² (m_r − K) and Σ n_r² (m_r − K)², so that replicates can be
/// added as they complete without keeping them, and without the cancellation of raw squares:
/// Σ n_r² (m_r − m)² = Σ n_r² d_r² − 2 δ Σ n_r² d_r + δ² Σ n_r², with d_r = m_r − K and
/// δ = m − K.
struct ReplicateSpread: Sendable {
  var count = 0
  var shift: [Double] = []
  var weights = 0.0
  var first: [Double] = []
  var second: [Double] = []

  /// Adds replicates in order: their sizes, and each metric's sum over each.
  mutating func add(sizes: [Int], sums: [[Double]]) {
    for (r, size) in sizes.enumerated() {
      let n = Double(size)
      if shift.isEmpty {
        shift = sums.map { $0[r] / n }
        first = [Double](repeating: 0, count: sums.count)
        second = first
      }
      let w = n * n
      for m in sums.indices {
        let d = sums[m][r] / n - shift[m]
        first[m] += w * d
        second[m] += w * d * d
      }
      weights += w
      count += 1
    }
  }

  /// The standard error of metric `metric`'s mean over `runs` runs; nil with fewer than 2
  /// replicates.
  func standardError(metric m: Int, mean: Double, runs: Double) -> Double? {
    guard count >= 2 else { return nil }
    let delta = mean - shift[m]
    let sum = Swift.max(0, second[m] - 2 * delta * first[m] + delta * delta * weights)
    return (Double(count) / Double(count - 1) * sum / (runs * runs)).squareRoot()
  }
}


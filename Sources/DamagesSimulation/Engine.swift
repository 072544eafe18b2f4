public import DamagesLaw
import GSL
import Foundation
import Synchronization

/// How to run a simulation.
public struct SimulationOptions: Sendable {
  public var runs: Int
  public var seed: UInt64
  /// Worker threads (≥ 1). The results do not depend on it.
  public var threads: Int
  /// Called from worker threads with the number of runs completed so far.
  public var progress: (@Sendable (Int) -> Void)?
  /// Polled between blocks; a `true` stops the simulation with ``SimulationError/cancelled``.
  public var isCancelled: (@Sendable () -> Bool)?
  /// Exact percentiles by selection over every run (true), or from a log-bucketed histogram in
  /// bounded memory (false); nil: exact unless the runs would need more than
  /// ``Simulation/exactMemoryBudget`` bytes.
  public var exactPercentiles: Bool?
  /// Keep the award of every liable run on the primary route (for the claim search).
  public var keepAwards = false
  /// The bounded-memory mode's budget of collected values (``Simulation/collectBudget``).
  var collectLimit = Simulation.collectBudget
  /// How the runs sample the uncertain inputs.
  public var sampling = Sampling.random
  /// Keep the award's fine histogram in the result (``SimulationResult/awardHistogram``), for
  /// the percentile intervals of auto-stop; the bounded-memory mode always has it.
  var keepsAwardHistogram = false
  /// Findings decided outside this simulation, once per run for several (a portfolio's
  /// shared findings, docs/batch.md): nil decides every finding from this simulation's seed.
  public var sharedFindings: SharedFindings?
  /// Called from worker threads with each block's per-run values on the primary route (award,
  /// claimant's fee share, net recovery), before they are summarised; blocks in any order.
  public var runValues: (@Sendable (RunValues) -> Void)?

  /// `threads` nil: all cores.
  public init(runs: Int, seed: UInt64, threads: Int? = nil) {
    self.runs = runs
    self.seed = seed
    self.threads = Swift.max(1, threads ?? ProcessInfo.processInfo.activeProcessorCount)
  }

  /// The options a scenario's `simulation` block asks for.
  public init(for scenario: Scenario) {
    self.init(runs: scenario.simulation.runs, seed: scenario.simulation.seed,
              threads: scenario.simulation.threads)
    sampling = scenario.simulation.sampling
  }
}

/// Findings whose uniform number in each run comes from (seed, run, key) instead of from the
/// simulation's own seed: every simulation given the same `seed` and `key` sees the same number
/// in the same run, so a finding with the same probability is decided the same way in all of
/// them (a portfolio's shared finding, one court's view for every claim).
public struct SharedFindings: Sendable {
  /// A finding by its position in the run's draws (``CompiledModel/gateIndex(of:)``) and the
  /// key its numbers are drawn under.
  public struct Finding: Sendable, Hashable {
    public var gate: Int
    public var key: UInt64
    public init(gate: Int, key: UInt64) {
      self.gate = gate
      self.key = key
    }
  }
  public var seed: UInt64
  public var findings: [Finding]
  public init(seed: UInt64, findings: [Finding]) {
    self.seed = seed
    self.findings = findings
  }

  /// The uniform number in [0, 1) of run `run` for `key`: SplitMix64 of (seed, run, key), its
  /// top 53 bits.
  @inline(__always)
  public static func uniform(seed: UInt64, run: Int, key: UInt64) -> Double {
    func mix(_ x: UInt64) -> UInt64 {
      var z = x &+ 0x9E37_79B9_7F4A_7C15
      z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
      z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
      return z ^ (z >> 31)
    }
    let z = mix(mix(seed ^ mix(UInt64(run))) ^ key)
    return Double(z >> 11) * 0x1p-53
  }
}

/// One block's per-run values on the primary route, in run order (``SimulationOptions/runValues``).
public struct RunValues: @unchecked Sendable {
  /// The index of the block's first run.
  public var firstRun: Int
  public var award: UnsafeBufferPointer<Double>
  public var feeShare: UnsafeBufferPointer<Double>
  public var netRecovery: UnsafeBufferPointer<Double>
}

/// The simulated outcome on one route (docs/simulation.md).
public struct RouteResult: Sendable {
  public var route: Route
  public var award: DistributionSummary
  public var compensation: DistributionSummary
  public var punitive: DistributionSummary
  public var mentalDistress: DistributionSummary
  public var expenses: DistributionSummary
  public var feeShare: DistributionSummary
  public var netRecovery: DistributionSummary
  /// The share of runs decided on each basis (summing to 1; `none` for runs without liability).
  public var basis: [Basis: Double]
  public var pPunitive: Double
  public var pLiable: Double
  /// The share of runs in which the claim cap bound.
  public var pCapped: Double
  /// The acceptance fee on the claim (nil without a claim).
  public var fee: Double?
  public var defendants: [DefendantResult]
}

/// One defendant's exposure and final share as distributions (R8).
public struct DefendantResult: Sendable {
  public var name: String
  public var role: Role
  public var form: LiabilityForm
  public var exposure: DistributionSummary
  public var share: DistributionSummary
}

/// A simulation's result.
public struct SimulationResult: Sendable {
  public var title: String
  public var runs: Int
  public var seed: UInt64
  /// The tort route's result (nil on `route: contract`).
  public var tort: RouteResult?
  /// The contract route's result (nil on `route: tort`).
  public var contract: RouteResult?
  /// With ``SimulationOptions/keepAwards``: the award of each liable run on the primary route,
  /// in run order.
  public var liableAwards: [Double]?

  /// Passes over the runs: 1 when the values fit in memory, 2 in the bounded-memory mode
  /// (the second pass collects the values near each wanted percentile).
  public var passes = 1
  /// How many reported percentiles (over every metric) were interpolated in their histogram
  /// slot, within 2^-11 of the exact value, because the bounded-memory mode's budget could not
  /// hold their slot; 0 when every percentile is exact.
  public var interpolatedPercentiles = 0
  /// The primary route's award histogram (for the percentile intervals of auto-stop).
  var awardHistogram: LogHistogram?
  /// Stratified samplings: the number of independent replicates (0 for random sampling).
  public var replicates = 0
  /// The most block outputs the engine held at once (a few in the bounded-memory mode,
  /// whatever the run count; every block in exact mode).
  var peakHeldBlocks = 0

  /// The route reported first: tort unless the scenario chose contract.
  public var primary: RouteResult { tort ?? contract! }

  /// For `route: compare`: the route with the higher expected net recovery (ties: tort).
  public var recommended: Route? {
    guard let tort, let contract else { return nil }
    return contract.netRecovery.mean > tort.netRecovery.mean ? .contract : .tort
  }
}

/// The Monte Carlo engine (docs/simulation.md).
///
/// Runs are split into fixed blocks of ``blockSize``; each block's generator (GSL's taus2) is
/// seeded from (seed, block index) only, and block results are combined in block order, so the
/// same scenario, seed and run count give bit-identical results on any number of threads.
public enum Simulation {
  /// Runs per block.
  public static let blockSize = 1 << 16

  /// The generator seed words of a block: SplitMix64 of (seed, block).
  static func blockSeed(_ seed: UInt64, _ block: Int) -> (UInt64, UInt64) {
    func mix(_ x: UInt64) -> UInt64 {
      var z = x &+ 0x9E37_79B9_7F4A_7C15
      z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
      z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
      return z ^ (z >> 31)
    }
    let a = mix(seed ^ mix(UInt64(block) &+ 0x5DEE_CE66_D))
    return (a, mix(a))
  }

  /// Exact percentiles keep the non-zero values of every run in memory when they would take at
  /// most this many bytes (counted as 8 bytes per run and metric, zeros included); above it,
  /// each percentile is found by a second pass over the same reproducible blocks that keeps
  /// only the values in the histogram slots holding the wanted ranks (``collectBudget``).
  public static let exactMemoryBudget = 1 << 30

  /// The most values (8 bytes each) the second pass of the bounded-memory mode collects. A
  /// percentile whose slot holds more (a large atom of equal values, or an enormous run count)
  /// is interpolated inside its slot instead: relative error below 2^-11 (0.049 %).
  public static let collectBudget = 8 << 20

  public static func run(_ scenario: Scenario, options: SimulationOptions) throws(SimulationError)
    -> SimulationResult
  {
    let model = try CompiledModel(scenario)
    let layout = MetricLayout(model: model)
    if options.sampling == .sobol {
      do { _ = try SobolSequence(dimension: model.dimension) } catch { throw .gsl(error) }
    }
    let blocks = (options.runs + blockSize - 1) / blockSize
    let exact = options.exactPercentiles
      ?? (Double(options.runs) * Double(layout.count) * 8 <= Double(exactMemoryBudget))
    // In the bounded-memory mode the blocks are folded into one as they complete, in block
    // order: memory must not grow with the run count (up to 10^11 runs).
    let store = BlockStore(blocks: blocks, folding: !exact && !options.keepAwards)
    // Each metric's histogram: its fine slots in the bounded-memory mode, its coarse ones in
    // exact mode (see ``percentiles``).
    let slotCount = exact ? LogHistogram.coarseSlotCount : LogHistogram.slotCount
    let zeroSlot = exact ? LogHistogram.coarseZeroSlot : LogHistogram.zeroSlot
    let histograms = Mutex<[[UInt64]]?>(nil)
    try forEachBlock(model: model, layout: layout, blocks: blocks, options: options,
                     histogramSlots: slotCount) {
      b, n, buffer, local throws(SimulationError) in
      var output = try simulateBlock(
        b, runs: n, model: model, layout: layout, workspace: &buffer, seed: options.seed,
        keepAwards: options.keepAwards, shared: options.sharedFindings)
      if let hook = options.runValues {
        // before the pass below, which moves the values
        let base = layout.routeBase[0] ?? layout.routeBase[1]!
        buffer.values.withUnsafeBufferPointer { v in
          func column(_ m: Int) -> UnsafeBufferPointer<Double> {
            UnsafeBufferPointer(rebasing: v[((base + m) * blockSize)..<((base + m) * blockSize + n)])
          }
          hook(RunValues(firstRun: b * blockSize, award: column(0), feeShare: column(5),
                         netRecovery: column(6)))
        }
      }
      if options.sampling != .random {
        // before the pass below, which moves the values
        output.replicateSizes = stride(from: 0, to: n, by: replicateSize).map {
          Swift.min(replicateSize, n - $0)
        }
        output.replicateSums = buffer.values.withUnsafeBufferPointer { v in
          (0..<layout.count).map { m in
            stride(from: 0, to: n, by: replicateSize).map { start in
              var sum = 0.0
              for i in start..<Swift.min(start + replicateSize, n) { sum += v[m * blockSize + i] }
              return sum
            }
          }
        }
      }
      output.moments.reserveCapacity(layout.count)
      if exact { output.kept.reserveCapacity(layout.count) }
      buffer.values.withUnsafeMutableBufferPointer { v in
        for m in 0..<layout.count {
          if layout.alwaysZero[m] {
            // nothing to add up: the same moments and histogram, without reading the values
            output.moments.append(Moments(zeros: n))
            if exact { output.kept.append([]) }
            local[m][zeroSlot] += UInt64(n)
            continue
          }
          let column = UnsafeMutableBufferPointer(rebasing: v[(m * blockSize)..<(m * blockSize + n)])
          var nonZero = 0
          if exact {
            // The non-zero values go straight into the kept array, sized for every run: the
            // pages past the last value written are never touched, so never resident. Zeros
            // are counted and never needed again.
            let kept = [Double](unsafeUninitializedCapacity: n) { buffer, count in
              output.moments.append(Moments(compacting: UnsafeBufferPointer(column), into: buffer,
                                            nonZero: &nonZero))
              count = nonZero
            }
            output.kept.append(kept)
            kept.withUnsafeBufferPointer {
              LogHistogram.count($0, zeros: n - nonZero, coarse: true, into: &local[m])
            }
          } else {
            output.moments.append(Moments(compacting: UnsafeBufferPointer(column), into: column,
                                          nonZero: &nonZero))
            LogHistogram.count(UnsafeBufferPointer(rebasing: column[..<nonZero]),
                               zeros: n - nonZero, coarse: false, into: &local[m])
          }
        }
      }
      store.put(b, output)
    } merge: { local in
      histograms.withLock { shared in
        if shared == nil { shared = local; return }
        for m in local.indices { LogHistogram.merge(local[m], into: &shared![m]) }
      }
    }
    let outputs = store.take()
    let primaryBase = layout.routeBase[0] ?? layout.routeBase[1]!
    let counts = histograms.withLock { $0 }!
    let (quantiles, interpolated) = try percentiles(
      model: model, layout: layout, outputs: outputs, counts: counts, exact: exact,
      options: options)
    var result = summarize(model: model, layout: layout, outputs: outputs, quantiles: quantiles,
                           options: options)
    result.passes = exact ? 1 : 2
    result.peakHeldBlocks = store.peakHeld
    result.interpolatedPercentiles = interpolated
    if !exact {
      result.awardHistogram = LogHistogram(counts: counts[primaryBase])
    } else if options.keepsAwardHistogram {
      // exact mode counts no histogram while it runs: the award's, from its kept values
      var h = LogHistogram()
      for o in outputs {
        o.kept[primaryBase].withUnsafeBufferPointer {
          LogHistogram.count($0, zeros: o.runs - $0.count, coarse: false, into: &h.counts)
        }
      }
      result.awardHistogram = h
    }
    if options.sampling != .random {
      result.replicates = outputs.reduce(0) { $0 + $1.replicateSizes.count }
    }
    return result
  }

  /// One worker's reusable state: the run state and the block's metric-major values (stride
  /// ``blockSize``), allocated once per worker and overwritten by every block.
  struct Workspace {
    var state: RunState
    var values: [Double]
    var points: PointGenerator
  }

  /// Runs `body` on every block, spread over the option's threads; each worker has its own
  /// workspace and histograms, handed to `merge` when it ends. Stops at the first error (or
  /// cancellation) and throws it.
  static func forEachBlock(
    model: CompiledModel, layout: MetricLayout, blocks: Int, options: SimulationOptions,
    reportProgress: Bool = true, histogramSlots: Int = 0,
    _ body: @Sendable (Int, Int, inout Workspace, inout [[UInt64]]) throws(SimulationError)
      -> Void,
    merge: @Sendable ([[UInt64]]) -> Void
  ) throws(SimulationError) {
    let next = Atomic<Int>(0)
    let done = Atomic<Int>(0)
    let failure = Mutex<SimulationError?>(nil)
    let threads = Swift.min(options.threads, Swift.max(1, blocks))
    do {
      DispatchQueue.concurrentPerform(iterations: threads) { _ in
        var workspace = Workspace(
          state: RunState(model: model, random: RandomSource(seed: 0)),
          values: [Double](repeating: 0, count: layout.count * blockSize),
          points: PointGenerator(sampling: options.sampling, dimension: model.dimension))
        var local = [[UInt64]](
          repeating: [UInt64](repeating: 0, count: histogramSlots), count: layout.count)
        defer { merge(local) }
        while true {
          let b = next.add(1, ordering: .relaxed).oldValue
          if b >= blocks { return }
          if options.isCancelled?() == true {
            failure.withLock { if $0 == nil { $0 = .cancelled } }
            return
          }
          if failure.withLock({ $0 != nil }) { return }
          let n = Swift.min(blockSize, options.runs - b * blockSize)
          do throws(SimulationError) {
            try body(b, n, &workspace, &local)
          } catch {
            failure.withLock { if $0 == nil { $0 = error } }
            return
          }
          let total = done.add(n, ordering: .relaxed).newValue
          if reportProgress { options.progress?(total) }
        }
      }
    }
    if let error = failure.withLock({ $0 }) { throw error }
  }

  /// The runs of block `b`: its metrics into `values` (metric m of run i at m × blockSize + i),
  /// its counts into the returned output. Allocates nothing per run.
  static func simulateBlock(
    _ b: Int, runs n: Int, model: CompiledModel, layout: MetricLayout,
    workspace: inout Workspace, seed: UInt64, keepAwards: Bool = false,
    shared: SharedFindings? = nil
  ) throws(SimulationError) -> BlockOutput {
    var out = BlockOutput(layout: layout, runs: n, keepAwards: keepAwards)
    let (s1, s2) = blockSeed(seed, b)
    workspace.state.reseed(s1, s2)
    workspace.state.stratified = workspace.points.sampling != .random
    var state = workspace.state
    defer { workspace.state = state }
    var points = workspace.points
    // the block's copy must hold the only reference to the buffer, or the first write to it
    // copies it (and its allocation) in every block
    workspace.points.buffer = []
    workspace.state.points = []
    defer { workspace.points = points }
    state.points = []  // hand the buffer to the generator without a copy
    swap(&state.points, &points.buffer)
    defer { swap(&state.points, &points.buffer) }
    let assessor = model.assessor
    let tortBase = layout.routeBase[0], contractBase = layout.routeBase[1]
    var f = Facts()
    var error: SimulationError?
    var tortCounts = Counts(), contractCounts = Counts()
    var generatorError: GSLError?
    workspace.values.withUnsafeMutableBufferPointer { v in
      let v = v.baseAddress!
      for i in 0..<n {
        // every run reads its own point: one coordinate per finding and per uncertain fact
        let j = i % replicateSize
        if j == 0 {
          do throws(GSLError) {
            try points.fill(&state.points, runs: Swift.min(replicateSize, n - i),
                            seed: (s1, s2), replicate: i / replicateSize)
          } catch {
            generatorError = error
            return
          }
          if let shared {
            // the shared findings' coordinates: from (shared seed, run, key), not the block's
            let dimension = model.dimension
            for r in 0..<Swift.min(replicateSize, n - i) {
              let run = b * blockSize + i + r
              for finding in shared.findings {
                state.points[r * dimension + finding.gate] = SharedFindings.uniform(
                  seed: shared.seed, run: run, key: finding.key)
              }
            }
          }
        }
        state.usePoint(j)
        state.resolve(&f)
        if state.invalidFact >= 0 {
          let key = FactKey.allCases[state.invalidFact]
          error = .invalidSample(
            fact: key.rawValue, value: state.invalidValue,
            distribution: String(describing: model.distributions[state.invalidFact]!))
          return
        }
        if let base = tortBase {
          let o = assessor.tort(f)
          if !record(o, route: 0, base: base, at: i, into: v, counts: &tortCounts, out: &out,
                      layout: layout, model: model) {
            error = out.error
            return
          }
        }
        if let base = contractBase {
          let o = assessor.contract(f)
          if !record(o, route: 1, base: base, at: i, into: v, counts: &contractCounts, out: &out,
                      layout: layout, model: model) {
            error = out.error
            return
          }
        }
      }
    }
    if let generatorError { throw .gsl(generatorError) }
    if let error { throw error }
    out.counts = [tortCounts, contractCounts]
    return out
  }

  /// Runs per replicate of the stratified samplings (``Sampling/lhs``, ``Sampling/sobol``):
  /// each block is split into replicates of this size (the last one of the last block may be
  /// smaller), each an independent Latin hypercube or shifted Sobol set.
  public static let replicateSize = 1 << 12

  /// Every metric's eight percentiles (docs/simulation.md), in ``DistributionSummary/percentiles`` order,
  /// from each metric's histogram `counts`: fine slots in the bounded-memory mode, coarse ones
  /// (``LogHistogram/coarseSlot(of:)``) in exact mode.
  static func percentiles(
    model: CompiledModel, layout: MetricLayout, outputs: [BlockOutput], counts: [[UInt64]],
    exact: Bool, options: SimulationOptions
  ) throws(SimulationError) -> (values: [[Double]], interpolated: Int) {
    let runs = UInt64(options.runs)
    let rs = LogHistogram.ranks(for: DistributionSummary.percentiles, count: runs)
    let zeroSlot = exact ? LogHistogram.coarseZeroSlot : LogHistogram.zeroSlot
    // For each metric: the slot and offset of every rank needed (two per percentile).
    let located = counts.map { LogHistogram.locate(rs.flatMap { [$0.lo, $0.hi] }, in: $0) }
    // The slots whose values must be known exactly (the zero slot holds only zeros).
    var wanted = located.map { Set($0.map(\.slot)).filter { $0 != zeroSlot }.sorted() }
    // For each metric and wanted slot: the needed order statistics of the slot's values.
    var chosen: [[[UInt64: Double]]]
    if exact {
      // The metrics are independent: spread over the threads asked for, no more, the metric
      // with the most kept values first, each to the next free thread (so that the threads
      // finish together).
      let results = Mutex([[[UInt64: Double]]](repeating: [], count: layout.count))
      let slots = wanted
      let sizes = (0..<layout.count).map { m in outputs.reduce(0) { $0 + $1.kept[m].count } }
      let order = (0..<layout.count).sorted { sizes[$0] > sizes[$1] }
      let next = Atomic<Int>(0)
      DispatchQueue.concurrentPerform(iterations: Swift.min(options.threads, layout.count)) { _ in
        while true {
          let i = next.add(1, ordering: .relaxed).oldValue
          if i >= order.count { return }
          let m = order[i]
          var c = collect(slots: slots[m], coarse: true, from: outputs.lazy.map { $0.kept[m] })
          let statistics = orderStatistics(&c, slots: slots[m], located: located[m])
          results.withLock { $0[m] = statistics }
        }
      }
      chosen = results.withLock { $0 }
    } else {
      // Bounded memory: a second pass over the same blocks keeps only the wanted slots, as
      // many as the budget allows, the award's first; the others are interpolated.
      var total = 0
      for m in 0..<layout.count {
        wanted[m] = wanted[m].filter { slot in
          let size = Int(counts[m][slot])
          guard total + size <= options.collectLimit else { return false }
          total += size
          return true
        }
      }
      var collected = try collectPass(model: model, layout: layout, slots: wanted, options: options)
      chosen = (0..<layout.count).map { m in
        orderStatistics(&collected[m], slots: wanted[m], located: located[m])
      }
    }
    var interpolated = 0
    let values = (0..<layout.count).map { m in
      var extremes = Moments()
      for o in outputs { extremes.combine(o.moments[m]) }
      func value(_ j: Int) -> Double {
        let (slot, offset, count) = located[m][j]
        if slot == zeroSlot { return 0 }
        guard let k = wanted[m].firstIndex(of: slot) else {
          // only in the bounded-memory mode (exact mode collects every wanted slot)
          return LogHistogram.interpolate(slot: slot, offset: offset, count: count,
                                          min: extremes.min, max: extremes.max)
        }
        return chosen[m][k][offset]!
      }
      return rs.indices.map { i in
        let estimated = [2 * i, 2 * i + 1].contains { j in
          located[m][j].slot != zeroSlot && !wanted[m].contains(located[m][j].slot)
        }
        if estimated { interpolated += 1 }
        let a = value(2 * i)
        guard rs[i].frac > 0 else { return a == 0 ? 0 : a }
        // gsl_stats_quantile_from_sorted_data's formula, for bit-identical results
        return (1 - rs[i].frac) * a + rs[i].frac * value(2 * i + 1)
      }
    }
    return (values, interpolated)
  }

  /// For each of `slots` (whose values are `collected`, in any order): the value at every
  /// offset `located` asks for in that slot, the offset-th smallest of the slot's values,
  /// found by selection (GSL's gsl_stats_select) rather than by sorting the slot. The slots'
  /// values are reordered.
  static func orderStatistics(
    _ collected: inout [[Double]], slots: [Int],
    located: [(slot: Int, offset: UInt64, count: UInt64)]
  ) -> [[UInt64: Double]] {
    slots.indices.map { k in
      var values: [UInt64: Double] = [:]
      for l in located where l.slot == slots[k] && values[l.offset] == nil {
        values[l.offset] = Statistics.select(&collected[k], k: Int(l.offset))
      }
      return values
    }
  }

  /// The values of `columns` that fall in each of `slots` (a sorted list of slots), in no
  /// particular order.
  /// `coarse`: the slots are ``LogHistogram/coarseSlot(of:)``'s, not the fine ones, and the
  /// columns hold no zero.
  static func collect<C: Sequence>(slots: [Int], coarse: Bool = false, from columns: C)
    -> [[Double]]
  where C.Element: Sequence<Double> {
    var collected = [[Double]](repeating: [], count: slots.count)
    guard !slots.isEmpty else { return collected }
    @inline(__always) func take(_ x: Double, _ s: Int) {
      collected[slots.firstIndex(of: s)!].append(x)
    }
    if coarse {
      // A non-zero value's coarse slot depends only on its top 18 bits (sign, exponent and
      // the significand's top 6 bits): one bit per such key says whether its slot is wanted,
      // so each value costs a shift and a test.
      let keys = LogHistogram.coarseKeys(slots)
      keys.withUnsafeBufferPointer { keys in
        for column in columns {
          for x in column {
            let key = x.bitPattern >> 46
            if keys[Int(key >> 6)] & (1 << (key & 63)) != 0 {
              take(x, LogHistogram.coarseSlot(of: x))
            }
          }
        }
      }
    } else {
      // a bit per slot: one test per value, whatever the number of wanted slots
      var bits = [UInt64](repeating: 0, count: LogHistogram.slotCount / 64 + 1)
      for s in slots { bits[s >> 6] |= 1 << UInt64(s & 63) }
      bits.withUnsafeBufferPointer { bits in
        for column in columns {
          for x in column {
            let s = LogHistogram.slot(of: x)
            if bits[s >> 6] & (1 << UInt64(s & 63)) != 0 { take(x, s) }
          }
        }
      }
    }
    return collected
  }

  /// The second pass of the bounded-memory mode: simulates every block again (the same seeds,
  /// so the same runs) and keeps, for each metric, only its values in the given slots.
  static func collectPass(model: CompiledModel, layout: MetricLayout, slots: [[Int]],
                          options: SimulationOptions) throws(SimulationError) -> [[[Double]]] {
    if slots.allSatisfy(\.isEmpty) { return slots.map { _ in [] } }
    let blocks = (options.runs + blockSize - 1) / blockSize
    let shared = Mutex(slots.map { [[Double]](repeating: [], count: $0.count) })
    try forEachBlock(model: model, layout: layout, blocks: blocks, options: options,
                     reportProgress: false) {
      b, n, workspace, local throws(SimulationError) in
      _ = try simulateBlock(b, runs: n, model: model, layout: layout, workspace: &workspace,
                            seed: options.seed, shared: options.sharedFindings)
      let found = workspace.values.withUnsafeBufferPointer { v in
        (0..<layout.count).map { m in
          collect(slots: slots[m], from: CollectionOfOne(
            UnsafeBufferPointer(rebasing: v[(m * blockSize)..<(m * blockSize + n)])))
        }
      }
      shared.withLock { result in
        for m in found.indices { for s in found[m].indices { result[m][s] += found[m][s] } }
      }
    } merge: { _ in }
    // in the order the blocks finished; order statistics do not depend on it
    return shared.withLock { $0 }
  }

  /// Writes one outcome into the block's values (metric m of run i at m × blockSize + i) and
  /// counts; false (with `out.error` set) if the award is not a finite, non-negative number.
  @inline(__always)
  static func record(_ o: Outcome, route r: Int, base: Int, at i: Int,
                     into v: UnsafeMutablePointer<Double>, counts: inout Counts,
                     out: inout BlockOutput, layout: MetricLayout, model: CompiledModel) -> Bool {
    let award = o.award.value
    guard award.isFinite, award >= 0 else {
      out.error = .invalidAward(value: award)
      return false
    }
    let column = v + base * blockSize + i
    column[0] = award
    column[blockSize] = o.compensation.value
    column[2 * blockSize] = o.punitive.value
    column[3 * blockSize] = o.mentalDistress.value
    column[4 * blockSize] = o.expenses.value
    column[5 * blockSize] = o.feeShare.value
    column[6 * blockSize] = o.netRecovery.value
    counts.add(basis: o.basis.countIndex)
    if o.punitiveStatus == .applied { counts.punitive += 1 }
    if o.isLiable {
      counts.liable += 1
      if out.keepAwards && r == out.primaryRoute { out.liableAwards.append(award) }
    }
    if o.capped { counts.capped += 1 }
    if layout.storesDefendants {
      let d0 = column + MetricLayout.routeMetrics * blockSize
      let fractions = o.isLiable ? model.fractionTable[model.patternIndex(o.exemptDefendants)] : nil
      for d in 0..<model.defendantCount {
        let f = fractions?[d]
        d0[2 * d * blockSize] = (f?.exposure ?? 0) * award
        d0[(2 * d + 1) * blockSize] = (f?.share ?? 0) * award
      }
    }
    return true
  }

  /// The standard error of a metric's mean from the spread of the independent replicates'
  /// means (stratified samplings): with R replicates of n_r runs and means m_r, N runs and
  /// overall mean m, se² = R / (R − 1) · Σ (n_r / N)² (m_r − m)², which for equal replicates
  /// is the sample variance of the replicate means over R. Nil with fewer than 2 replicates.
  static func replicateStandardError(metric: Int, outputs: [BlockOutput], mean: Double)
    -> Double?
  {
    let total = Double(outputs.reduce(0) { $0 + $1.runs })
    var sum = 0.0
    var count = 0
    for o in outputs {
      for (r, size) in o.replicateSizes.enumerated() {
        let n = Double(size)
        let d = o.replicateSums[metric][r] / n - mean
        sum += (n / total) * (n / total) * d * d
        count += 1
      }
    }
    guard count >= 2 else { return nil }
    return (Double(count) / Double(count - 1) * sum).squareRoot()
  }

  static func summarize(model: CompiledModel, layout: MetricLayout, outputs: [BlockOutput],
                        quantiles: [[Double]], options: SimulationOptions) -> SimulationResult {
    let n = Double(options.runs)
    let all = (0..<layout.count).map { metric in
      var moments = Moments()
      for o in outputs { moments.combine(o.moments[metric]) }  // in block order
      var summary = DistributionSummary(moments: moments, quantiles: quantiles[metric])
      if options.sampling != .random {
        summary.seMean = replicateStandardError(metric: metric, outputs: outputs, mean: moments.mean)
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

struct BlockOutput: Sendable {
  var runs: Int
  var counts = [Counts(), Counts()]
  var moments: [Moments] = []
  /// Exact mode: each metric's non-zero values, in run order (zeros are counted by the
  /// histogram's zero slot and never needed again).
  var kept: [[Double]] = []
  var error: SimulationError?
  let keepAwards: Bool
  let primaryRoute: Int
  var liableAwards: [Double] = []
  /// Stratified samplings: each replicate's size, and each metric's sum over each replicate.
  var replicateSizes: [Int] = []
  var replicateSums: [[Double]] = []
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
    replicateSizes += o.replicateSizes
    for m in replicateSums.indices { replicateSums[m] += o.replicateSums[m] }
  }
}

extension Basis {
  /// The position in ``Basis/allCases``, without building that array in the per-run loop.
  @inline(__always) var countIndex: Int {
    switch self {
    case .actualLoss: 0
    case .illegalGains: 1
    case .licenseFee: 2
    case .statutory: 3
    case .liquidatedDamages: 4
    case .none: 5
    }
  }
}

/// The points of one replicate, in a buffer reused by every replicate of a worker: independent
/// uniforms (random sampling), a Latin hypercube or shifted Sobol points. Each run reads its
/// own point, one coordinate per finding and per uncertain fact, so that a run's value of a
/// fact never depends on what it or another run drew before (common random numbers).
struct PointGenerator {
  let sampling: Sampling
  let dimension: Int
  /// The generator of the permutations, jitters and shifts, reseeded for each replicate.
  let source = RandomSource(seed: 0)
  let sobol: SobolSequence?
  var buffer: [Double] = []
  var permutation: [Int] = []
  var jitter: [Double] = []
  var shift: [Double] = []

  init(sampling: Sampling, dimension: Int) {
    self.sampling = sampling
    self.dimension = dimension
    // the dimension was checked before the workers started
    sobol = sampling == .sobol ? try? SobolSequence(dimension: dimension) : nil
    buffer = [Double](repeating: 0, count: Simulation.replicateSize * dimension)
  }

  /// Writes the points of replicate `r` of a block (`n` runs, `dimension` coordinates each,
  /// run-major) into `points`; a function of the block's seed and `r` only.
  mutating func fill(_ points: inout [Double], runs n: Int, seed: (UInt64, UInt64),
                     replicate r: Int) throws(GSLError) {
    source.reseed(seed.0 ^ 0x5851_F42D_4C95_7F2D, seed.1 &+ UInt64(r) &* 0x9E37_79B9_7F4A_7C15)
    switch sampling {
    case .random:
      // independent uniforms: every run's coordinates, one per finding and per uncertain fact,
      // whatever the run goes on to need (common random numbers, docs/scenario-format.md, Sweeps)
      source.fillUniform(&points, count: n * dimension)
    case .lhs:
      // coordinate j of run i: (π_j(i) + U_ij) / n, one point in each of the n strata
      if jitter.count != n { jitter = [Double](repeating: 0, count: n) }
      if permutation.count != n { permutation = Array(0..<n) }
      let scale = 1 / Double(n)
      for j in 0..<dimension {
        for i in 0..<n { permutation[i] = i }
        source.shuffle(&permutation)
        source.fillUniform(&jitter)
        for i in 0..<n { points[i * dimension + j] = (Double(permutation[i]) + jitter[i]) * scale }
      }
    case .sobol:
      // the first n Sobol points, rotated by a uniform shift modulo 1; GSL's sequence starts
      // after the origin, the sequence's point 0, which is put first so that a replicate of
      // 2^m runs is a whole net (each coordinate exactly once in each of its 2^m strata)
      if shift.count != dimension { shift = [Double](repeating: 0, count: dimension) }
      source.fillUniform(&shift)
      sobol!.restart()
      for i in 0..<n {
        if i == 0 {
          for j in 0..<dimension { points[j] = 0 }
        } else {
          try sobol!.next(into: &points, at: i * dimension)
        }
        for j in 0..<dimension {
          let x = points[i * dimension + j] + shift[j]
          points[i * dimension + j] = x >= 1 ? x - 1 : x
        }
      }
    }
  }
}

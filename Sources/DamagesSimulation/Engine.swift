public import DamagesLaw
public import GSL
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
  }
}

/// The simulated outcome on one route (SPEC 3).
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

  /// The route reported first: tort unless the scenario chose contract.
  public var primary: RouteResult { tort ?? contract! }

  /// For `route: compare`: the route with the higher expected net recovery (ties: tort).
  public var recommended: Route? {
    guard let tort, let contract else { return nil }
    return contract.netRecovery.mean > tort.netRecovery.mean ? .contract : .tort
  }
}

/// The Monte Carlo engine (SPEC 3).
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

  /// Above this many bytes of stored values, percentiles come from a log-bucketed histogram
  /// (relative accuracy 2^-11) instead of exact selection over every run.
  public static let exactMemoryBudget = 2 << 30

  public static func run(_ scenario: Scenario, options: SimulationOptions) throws(SimulationError)
    -> SimulationResult
  {
    let model = try CompiledModel(scenario)
    let layout = MetricLayout(model: model)
    let blocks = (options.runs + blockSize - 1) / blockSize
    let exact = options.exactPercentiles
      ?? (Double(options.runs) * Double(layout.count) * 8 <= Double(exactMemoryBudget))
    let store = BlockStore(blocks: blocks)
    let histograms = Mutex<[LogHistogram]?>(nil)
    let next = Atomic<Int>(0)
    let done = Atomic<Int>(0)
    let failure = Mutex<SimulationError?>(nil)
    let threads = Swift.min(options.threads, Swift.max(1, blocks))

    DispatchQueue.concurrentPerform(iterations: threads) { _ in
      var state = RunState(model: model, random: RandomSource(seed: 0))
      var local = [LogHistogram](repeating: LogHistogram(), count: layout.count)
      defer {
        histograms.withLock { shared in
          if shared == nil { shared = local; return }
          for m in local.indices { shared![m].merge(local[m]) }
        }
      }
      while true {
        let b = next.add(1, ordering: .relaxed).oldValue
        if b >= blocks { return }
        if options.isCancelled?() == true {
          failure.withLock { if $0 == nil { $0 = .cancelled } }
          return
        }
        if failure.withLock({ $0 != nil }) { return }
        let (s1, s2) = blockSeed(options.seed, b)
        state.reseed(s1, s2)
        let n = Swift.min(blockSize, options.runs - b * blockSize)
        var output = simulateBlock(&state, runs: n, layout: layout, keepAwards: options.keepAwards)
        if let error = output.error {
          failure.withLock { if $0 == nil { $0 = error } }
          return
        }
        output.moments.reserveCapacity(layout.count)
        for m in 0..<layout.count {
          output.moments.append(Moments(block: output.metric(m), histogram: &local[m]))
        }
        if !exact { output.values = [] }
        store.put(b, output)
        let total = done.add(n, ordering: .relaxed).newValue
        options.progress?(total)
      }
    }
    if let error = failure.withLock({ $0 }) { throw error }
    let merged = histograms.withLock { $0 }!
    return summarize(model: model, layout: layout, store: store, histograms: merged,
                     exact: exact, options: options)
  }

  /// The per-run loop of one block. Allocates its output arrays once; nothing per run.
  static func simulateBlock(_ state: inout RunState, runs n: Int, layout: MetricLayout,
                            keepAwards: Bool = false) -> BlockOutput {
    var out = BlockOutput(layout: layout, runs: n, keepAwards: keepAwards)
    let model = state.model
    for i in 0..<n {
      let (tort, contract) = state.run()
      if state.invalidFact >= 0 {
        let key = FactKey.allCases[state.invalidFact]
        out.error = .invalidSample(
          fact: key.rawValue, value: state.invalidValue,
          distribution: String(describing: model.distributions[state.invalidFact]!))
        return out
      }
      if let tort, !record(tort, route: 0, at: i, into: &out, layout: layout, model: model) {
        return out
      }
      if let contract,
        !record(contract, route: 1, at: i, into: &out, layout: layout, model: model)
      {
        return out
      }
    }
    return out
  }

  /// The exact percentiles of one metric: the histogram locates the slot of each order
  /// statistic needed; only the stored values in those slots are collected and the order
  /// statistic is selected among them. Identical to selecting over all runs, far cheaper.
  static func exactQuantiles(metric: Int, outputs: [BlockOutput], histogram: LogHistogram,
                             runs: Int) -> [Double] {
    let rs = LogHistogram.ranks(for: DistributionSummary.percentiles, count: UInt64(runs))
    let located = histogram.locate(rs.flatMap { [$0.lo, $0.hi] })
    // the zero slot holds only zeros: nothing to collect there
    let slots = Array(Set(located.map(\.slot))).filter { $0 != LogHistogram.zeroSlot }.sorted()
    var collected = [[Double]](repeating: [], count: slots.count)
    if !slots.isEmpty {
      // a bit per slot: one test per value, whatever the number of wanted slots
      var wanted = [UInt64](repeating: 0, count: LogHistogram.slotCount / 64 + 1)
      for s in slots { wanted[s >> 6] |= 1 << UInt64(s & 63) }
      for o in outputs {
        for x in o.metric(metric) {
          let s = LogHistogram.slot(of: x)
          if wanted[s >> 6] & (1 << UInt64(s & 63)) != 0 {
            collected[slots.firstIndex(of: s)!].append(x)
          }
        }
      }
    }
    for i in collected.indices { collected[i].sort() }
    func value(_ j: Int) -> Double {
      let (slot, offset, _) = located[j]
      if slot == LogHistogram.zeroSlot { return 0 }
      return collected[slots.firstIndex(of: slot)!][Int(offset)]
    }
    return rs.indices.map { i in
      let a = value(2 * i)
      guard rs[i].frac > 0 else { return a == 0 ? 0 : a }
      // gsl_stats_quantile_from_sorted_data's formula, for bit-identical results
      return (1 - rs[i].frac) * a + rs[i].frac * value(2 * i + 1)
    }
  }

  /// Writes one outcome into the block's arrays; false (with `out.error` set) if the award is
  /// not a finite, non-negative number.
  @inline(__always)
  static func record(_ o: Outcome, route r: Int, at i: Int, into out: inout BlockOutput,
                     layout: MetricLayout, model: CompiledModel) -> Bool {
    let base = layout.routeBase[r]!
    let n = out.runs
    let award = o.award.value
    guard award.isFinite, award >= 0 else {
      out.error = .invalidAward(value: award)
      return false
    }
    out.values[(base + 0) * n + i] = award
    out.values[(base + 1) * n + i] = o.compensation.value
    out.values[(base + 2) * n + i] = o.punitive.value
    out.values[(base + 3) * n + i] = o.mentalDistress.value
    out.values[(base + 4) * n + i] = o.expenses.value
    out.values[(base + 5) * n + i] = o.feeShare.value
    out.values[(base + 6) * n + i] = o.netRecovery.value
    out.counts[r].basis[o.basis.countIndex] += 1
    if o.punitiveStatus == .applied { out.counts[r].punitive += 1 }
    if o.isLiable {
      out.counts[r].liable += 1
      if out.keepAwards && r == out.primaryRoute { out.liableAwards.append(award) }
    }
    if o.capped { out.counts[r].capped += 1 }
    if layout.storesDefendants {
      let d0 = base + MetricLayout.routeMetrics
      let fractions = o.isLiable ? model.fractionTable[model.patternIndex(o.exemptDefendants)] : nil
      for d in 0..<model.defendantCount {
        let f = fractions?[d]
        out.values[(d0 + 2 * d) * n + i] = (f?.exposure ?? 0) * award
        out.values[(d0 + 2 * d + 1) * n + i] = (f?.share ?? 0) * award
      }
    }
    return true
  }

  static func summarize(model: CompiledModel, layout: MetricLayout, store: BlockStore,
                        histograms: [LogHistogram], exact: Bool, options: SimulationOptions)
    -> SimulationResult
  {
    let outputs = store.take()
    let n = Double(options.runs)
    // Each metric's summary on its own thread: they are independent.
    let summaries = Mutex([DistributionSummary?](repeating: nil, count: layout.count))
    DispatchQueue.concurrentPerform(iterations: layout.count) { metric in
      var moments = Moments()
      for o in outputs { moments.combine(o.moments[metric]) }  // in block order
      let q = exact
        ? exactQuantiles(metric: metric, outputs: outputs, histogram: histograms[metric],
                         runs: options.runs)
        : histograms[metric].approximateQuantiles(
          DistributionSummary.percentiles, count: UInt64(options.runs), min: moments.min,
          max: moments.max)
      let s = DistributionSummary(moments: moments, quantiles: q)
      summaries.withLock { $0[metric] = s }
    }
    let all = summaries.withLock { $0.map { $0! } }
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

  init(model: CompiledModel) {
    storesDefendants = model.defendantCount > 1 || !model.exemptable.isEmpty
    let perRoute = Self.routeMetrics + (storesDefendants ? 2 * model.defendantCount : 0)
    var next = 0
    var bases: [Int?] = [nil, nil]
    if model.computesTort { bases[0] = next; next += perRoute }
    if model.computesContract { bases[1] = next; next += perRoute }
    routeBase = bases
    count = next
  }
}

struct Counts: Sendable {
  var basis = [Int](repeating: 0, count: Basis.allCases.count)
  var punitive = 0
  var liable = 0
  var capped = 0
  mutating func add(_ o: Counts) {
    for i in basis.indices { basis[i] += o.basis[i] }
    punitive += o.punitive
    liable += o.liable
    capped += o.capped
  }
}

struct BlockOutput: Sendable {
  /// Metric-major: metric m of run i is at m × runs + i.
  var values: [Double]
  let runs: Int
  var counts = [Counts(), Counts()]
  var moments: [Moments] = []
  var error: SimulationError?
  let keepAwards: Bool
  let primaryRoute: Int
  var liableAwards: [Double] = []
  init(layout: MetricLayout, runs: Int, keepAwards: Bool = false) {
    self.runs = runs
    self.keepAwards = keepAwards
    primaryRoute = layout.routeBase[0] != nil ? 0 : 1
    if keepAwards { liableAwards.reserveCapacity(runs) }
    values = [Double](repeating: 0, count: layout.count * runs)
  }
  func metric(_ m: Int) -> ArraySlice<Double> { values[(m * runs)..<((m + 1) * runs)] }
}

/// Block outputs by block index, filled by the workers.
final class BlockStore: Sendable {
  private let slots: Mutex<[BlockOutput?]>
  init(blocks: Int) { slots = Mutex([BlockOutput?](repeating: nil, count: blocks)) }
  func put(_ index: Int, _ output: BlockOutput) { slots.withLock { $0[index] = output } }
  func take() -> [BlockOutput] { slots.withLock { s in s.map { $0! } } }
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

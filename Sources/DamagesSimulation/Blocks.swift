import DamagesLaw
import GSL
import Foundation
import Synchronization

// The first pass's machinery: workers over blocks, one block's runs, one run's record.
extension Simulation {
  /// One worker's reusable state: the run state and the block's metric-major values (stride
  /// ``blockSize``), allocated once per worker and overwritten by every block.
  struct Workspace {
    var state: RunState
    var values: [Double]
    var points: PointGenerator
    /// The compiled engine's plan; nil for the reference engine, or a scenario it does not
    /// cover.
    var plan: CompiledPlan?
    /// The non-zero values of the block being summarised (metric m at m × blockSize), which
    /// the summaries' second pass reads (and exact mode copies what it keeps from); allocated
    /// on first use.
    var scratch: [Double] = []
  }

  /// Runs `body` on every block of `blocks`, spread over the option's threads; each worker has
  /// its own workspace and histograms, handed to `merge` when it ends; `progress` gets the runs
  /// done in this call. Stops at the first error (or cancellation) and throws it.
  static func forEachBlock(
    model: CompiledModel, layout: MetricLayout, blocks: Range<Int>, options: SimulationOptions,
    progress: (@Sendable (Int) -> Void)? = nil, histogramSlots: Int = 0,
    _ body: @Sendable (Int, Int, inout Workspace, inout [[UInt64]]) throws(SimulationError)
      -> Void,
    merge: @Sendable ([[UInt64]]) -> Void
  ) throws(SimulationError) {
    let next = Atomic<Int>(blocks.lowerBound)
    let done = Atomic<Int>(0)
    let failure = Mutex<SimulationError?>(nil)
    let threads = Swift.min(options.threads, Swift.max(1, blocks.count))
    do {
      DispatchQueue.concurrentPerform(iterations: threads) { _ in
        var workspace = Workspace(
          state: RunState(model: model, random: RandomSource(seed: 0)),
          values: [Double](repeating: 0, count: layout.count * blockSize),
          points: PointGenerator(sampling: options.sampling, dimension: model.dimension),
          plan: options.engine == .compiled && !options.drawsEveryFact
            ? CompiledPlan(model, storesDefendants: layout.storesDefendants) : nil)
        var local = [[UInt64]](
          repeating: [UInt64](repeating: 0, count: histogramSlots), count: layout.count)
        defer { merge(local) }
        while true {
          let b = next.add(1, ordering: .relaxed).oldValue
          if b >= blocks.upperBound { return }
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
          progress?(total)
        }
      }
    }
    if let error = failure.withLock({ $0 }) { throw error }
  }

  /// The runs of block `b`: its metrics into `values` (metric m of run i at m × blockSize + i),
  /// its counts into the returned output. Allocates nothing per run. `replicateDone`, if given,
  /// is called after each replicate's runs are written (with the values' base, the first run
  /// and the run count), while they are still in the processor's cache.
  static func simulateBlock(
    _ b: Int, runs n: Int, model: CompiledModel, layout: MetricLayout,
    workspace: inout Workspace, options: SimulationOptions, keepAwards: Bool = false,
    replicateDone: ((UnsafeMutablePointer<Double>, Int, Int) -> Void)? = nil
  ) throws(SimulationError) -> BlockOutput {
    var out = BlockOutput(layout: layout, runs: n, keepAwards: keepAwards)
    let shared = options.sharedFindings
    let (s1, s2) = blockSeed(options.seed, b)
    workspace.state.reseed(s1, s2)
    workspace.state.stratified = workspace.points.sampling != .random
    workspace.state.eager = options.drawsEveryFact
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
    let plan = workspace.plan
    workspace.values.withUnsafeMutableBufferPointer { v in
      let v = v.baseAddress!
      // replicate by replicate: every run reads its own point, one coordinate per finding and
      // per uncertain fact
      for first in stride(from: 0, to: n, by: replicateSize) {
        let count = Swift.min(replicateSize, n - first)
        do throws(GSLError) {
          try points.fill(&state.points, runs: count, seed: (s1, s2),
                          replicate: first / replicateSize)
        } catch {
          generatorError = error
          return
        }
        if let shared {
          // the shared findings' coordinates: from (shared seed, run, key), not the block's
          let dimension = model.dimension
          for r in 0..<count {
            let run = b * blockSize + first + r
            for finding in shared.findings {
              state.points[r * dimension + finding.gate] = SharedFindings.uniform(
                seed: shared.seed, run: run, key: finding.key)
            }
          }
        }
        if let plan {
          // the compiled engine (docs/simulation.md, Two engines)
          var replicate: [Double] = []
          swap(&replicate, &state.points)
          let ok = replicate.withUnsafeBufferPointer { p in
            plan.runs(first, count: count, points: p.baseAddress!, dimension: model.dimension,
                      base: tortBase!, into: v, counts: &tortCounts, out: &out, state: &state,
                      model: model)
          }
          swap(&replicate, &state.points)
          if !ok {
            error = out.error
            return
          }
          replicateDone?(v, first, count)
          continue
        }
        for i in first..<(first + count) {
          state.usePoint(i - first)
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
        replicateDone?(v, first, count)
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

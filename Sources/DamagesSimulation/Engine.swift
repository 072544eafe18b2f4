public import DamagesLaw
import GSL
import Foundation
import Synchronization

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

  /// Exact percentiles keep values in memory (the non-zero values near each percentile,
  /// ``KeptFilter``) when every run's values would take at most this many bytes (counted as 8
  /// bytes per run and metric, zeros included), a bound on what is kept; above it,
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
    let meter = PassProgress(runs: options.runs, passes: exact ? 1 : 2, report: options.progress)
    // Exact mode keeps the values near the wanted percentiles only (docs/simulation.md, Exact
    // percentiles from the values near them): the first blocks, the pilot, keep every
    // non-zero value; from the pilot's histogram, the others keep only the values in the
    // coarse slots about each percentile.
    let filter = exact ? options.keptFilter ?? KeptFilter.automatic(blocks: blocks) : nil
    let pilot = filter.map { Swift.min($0.pilotBlocks, blocks) } ?? blocks
    let primaryBase = layout.routeBase[0] ?? layout.routeBase[1]!

    /// The first pass over `range`, each metric's non-zero values filtered by its `keys`
    /// (``LogHistogram/coarseKeys(_:)``; nil: every value kept).
    func firstPass(_ range: Range<Int>, keys: [[UInt64]?], runsBefore: Int) throws(SimulationError) {
      try forEachBlock(model: model, layout: layout, blocks: range, options: options,
                       progress: { meter.pass(0, done: runsBefore + $0) },
                       histogramSlots: slotCount) {
        b, n, buffer, local throws(SimulationError) in
        // The first pass of each metric's moments runs replicate by replicate, on values still
        // in the cache, writing the non-zero values to the worker's scratch; the block's values
        // stay as they are for the hooks below.
        if buffer.scratch.isEmpty {
          buffer.scratch = [Double](repeating: 0, count: layout.count * blockSize)
        }
        var accumulators: [Moments.Accumulator?] = buffer.scratch.withUnsafeMutableBufferPointer { scratch in
          (0..<layout.count).map { m in
            if layout.alwaysZero[m] { return nil }
            return Moments.Accumulator(kept: scratch.baseAddress! + m * blockSize)
          }
        }
        var output = try simulateBlock(
          b, runs: n, model: model, layout: layout, workspace: &buffer, options: options,
          keepAwards: options.keepAwards
        ) { v, first, count in
          for m in 0..<layout.count where !layout.alwaysZero[m] {
            accumulators[m]!.add(v + m * blockSize + first, count: count)
          }
        }
        if let hook = options.runValues {
          buffer.values.withUnsafeBufferPointer { v in
            func column(_ m: Int) -> UnsafeBufferPointer<Double> {
              let start = (primaryBase + m) * blockSize
              return UnsafeBufferPointer(rebasing: v[start..<(start + n)])
            }
            hook(RunValues(firstRun: b * blockSize, award: column(0), feeShare: column(5),
                           netRecovery: column(6)))
          }
        }
        if options.sampling != .random {
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
        for m in 0..<layout.count {
          guard let first = accumulators[m] else {
            // nothing to add up: the same moments and histogram, without reading the values
            output.moments.append(Moments(zeros: n))
            if exact { output.kept.append(.empty) }
            local[m][zeroSlot] += UInt64(n)
            continue
          }
          // the second pass, over the non-zero values, counts the histogram too, and (exact
          // mode) copies the values to keep
          let kept = exact ? KeptValues.storage(capacity: first.nonZero) : nil
          func finish(_ k: UnsafePointer<UInt64>?) -> (moments: Moments, kept: Int) {
            local[m].withUnsafeMutableBufferPointer { h in
              first.finish(histogram: h.baseAddress, coarse: exact, keeping: kept.map { (k, $0) })
            }
          }
          let (moments, count) = keys[m].map { $0.withUnsafeBufferPointer { finish($0.baseAddress) } }
            ?? finish(nil)
          output.moments.append(moments)
          if let kept { output.kept.append(KeptValues(filled: kept, count: count)) }
          local[m][zeroSlot] += UInt64(n - first.nonZero)
        }
        store.put(b, output)
      } merge: { local in
        histograms.withLock { shared in
          if shared == nil { shared = local; return }
          for m in local.indices { LogHistogram.merge(local[m], into: &shared![m]) }
        }
      }
    }

    let keepAll = [[UInt64]?](repeating: nil, count: layout.count)
    try firstPass(0..<pilot, keys: keepAll, runsBefore: 0)
    var filtered: (after: Int, candidates: [Set<Int>?])?
    if let filter, pilot < blocks {
      let pilotCounts = histograms.withLock { $0 }!
      let candidates: [Set<Int>?] = (0..<layout.count).map { m in
        // the chart's histogram of the award is counted from all its values
        if options.keepsAwardHistogram && m == primaryBase { return nil }
        return Set(candidateSlots(pilotCounts[m], runs: pilot * blockSize, margin: filter.margin))
      }
      filtered = (pilot, candidates)
      try firstPass(pilot..<blocks,
                    keys: candidates.map { $0.map { LogHistogram.coarseKeys(Array($0)) } },
                    runsBefore: pilot * blockSize)
    }
    let outputs = store.take()
    let counts = histograms.withLock { $0 }!
    let (quantiles, interpolated, recollected) = try percentiles(
      model: model, layout: layout, outputs: outputs, counts: counts, exact: exact,
      options: options, progress: meter, filtered: filtered)
    var result = summarize(model: model, layout: layout, outputs: outputs, quantiles: quantiles,
                           options: options)
    result.passes = exact ? 1 : 2
    result.peakHeldBlocks = store.peakHeld
    result.interpolatedPercentiles = interpolated
    result.recollectedSlots = recollected
    if !exact {
      result.awardHistogram = LogHistogram(counts: counts[primaryBase])
    } else if options.keepsAwardHistogram {
      // exact mode counts coarse slots only while it runs: the award's fine histogram, from
      // its kept values (all of them: the filter spares the award when this is asked)
      var h = LogHistogram()
      for o in outputs {
        let kept = o.kept[primaryBase].buffer
        LogHistogram.count(kept, zeros: o.runs - kept.count, coarse: false, into: &h.counts)
      }
      result.awardHistogram = h
    }
    if options.sampling != .random {
      result.replicates = replicateSpread(outputs).count
    }
    meter.finish()
    return result
  }
}

/// The progress of one simulation over all its work, reported in runs so that a bar over the
/// run count reaches its end only when the result is ready: the first pass, the bounded-memory
/// mode's second pass, and the percentiles (weighted as a sixteenth of a pass, about what
/// they take) each move it, and it reaches the run count only when the summary is done.
struct PassProgress: Sendable {
  let runs: Int
  let passes: Int
  let report: (@Sendable (Int) -> Void)?
  /// The percentiles' share, in runs.
  var summary: Double { Double(runs) / 16 }
  var units: Double { Double(passes * runs) + summary }

  /// `done` runs of pass `pass` (0 or 1) are complete.
  func pass(_ pass: Int, done: Int) { show(Double(pass * runs + done)) }

  /// A fraction of the percentiles is done.
  func summarised(_ fraction: Double) { show(Double(passes * runs) + fraction * summary) }

  func finish() { report?(runs) }

  private func show(_ u: Double) {
    guard let report else { return }
    report(Swift.min(runs - 1, Int(u / units * Double(runs))))
  }
}


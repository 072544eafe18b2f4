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
    let meter = PassProgress(runs: options.runs, passes: exact ? 1 : 2, report: options.progress)
    try forEachBlock(model: model, layout: layout, blocks: blocks, options: options,
                     progress: { meter.pass(0, done: $0) }, histogramSlots: slotCount) {
      b, n, buffer, local throws(SimulationError) in
      // The first pass of each metric's moments runs replicate by replicate, on values still
      // in the cache, writing the non-zero values to the kept storage (exact mode) or to the
      // worker's scratch (bounded-memory mode, which keeps none); the block's values stay as
      // they are for the hooks below.
      if !exact && buffer.scratch.isEmpty {
        buffer.scratch = [Double](repeating: 0, count: layout.count * blockSize)
      }
      var accumulators: [Moments.Accumulator?] = buffer.scratch.withUnsafeMutableBufferPointer { scratch in
        (0..<layout.count).map { m in
          if layout.alwaysZero[m] { return nil }
          return Moments.Accumulator(
            kept: exact ? KeptValues.storage(capacity: n) : scratch.baseAddress! + m * blockSize)
        }
      }
      var output: BlockOutput
      do throws(SimulationError) {
        output = try simulateBlock(
          b, runs: n, model: model, layout: layout, workspace: &buffer, options: options,
          keepAwards: options.keepAwards
        ) { v, first, count in
          for m in 0..<layout.count where !layout.alwaysZero[m] {
            accumulators[m]!.add(v + m * blockSize + first, count: count)
          }
        }
      } catch {
        if exact { for a in accumulators { a?.kept.deallocate() } }
        throw error
      }
      if let hook = options.runValues {
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
        // the second pass, over the non-zero values, counts the histogram too
        output.moments.append(local[m].withUnsafeMutableBufferPointer {
          first.finish(histogram: $0.baseAddress, coarse: exact)
        })
        if exact { output.kept.append(KeptValues(filled: first.kept, count: first.nonZero)) }
        local[m][zeroSlot] += UInt64(n - first.nonZero)
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
      options: options, progress: meter)
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


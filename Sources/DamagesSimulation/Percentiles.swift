import GSL
import Foundation
import Synchronization

// The percentiles: from the kept values (exact mode) or from a second pass over the same
// blocks (bounded-memory mode), docs/simulation.md.
extension Simulation {
  /// Every metric's eight percentiles (docs/simulation.md), in ``DistributionSummary/percentiles`` order,
  /// from each metric's histogram `counts`: fine slots in the bounded-memory mode, coarse ones
  /// (``LogHistogram/coarseSlot(of:)``) in exact mode.
  ///
  /// `filtered` (exact mode): the blocks from `after` on kept only their values in each metric's
  /// `candidates` coarse slots (nil: every value); a wanted slot outside them is collected from
  /// those blocks by a second pass over them, so the percentiles are exact either way.
  static func percentiles(
    model: CompiledModel, layout: MetricLayout, outputs: [BlockOutput], counts: [[UInt64]],
    exact: Bool, options: SimulationOptions, progress: PassProgress,
    filtered: (after: Int, candidates: [Set<Int>?])? = nil
  ) throws(SimulationError) -> (values: [[Double]], interpolated: Int, recollected: Int) {
    let runs = UInt64(options.runs)
    let rs = LogHistogram.ranks(for: DistributionSummary.percentiles, count: runs)
    let zeroSlot = exact ? LogHistogram.coarseZeroSlot : LogHistogram.zeroSlot
    // For each metric: the slot and offset of every rank needed (two per percentile).
    let located = counts.map { LogHistogram.locate(rs.flatMap { [$0.lo, $0.hi] }, in: $0) }
    // The slots whose values must be known exactly (the zero slot holds only zeros).
    var wanted = located.map { Set($0.map(\.slot)).filter { $0 != zeroSlot }.sorted() }
    // For each metric and wanted slot: the needed order statistics of the slot's values.
    var chosen: [[[UInt64: Double]]]
    var recollected = 0
    if exact {
      // The wanted slots the filtered blocks did not keep (the pilot's histogram misjudged
      // them): a second pass over those blocks collects them.
      var missed = [[Int]](repeating: [], count: layout.count)
      var late = [[[Double]]](repeating: [], count: layout.count)
      if let filtered {
        for m in 0..<layout.count {
          if let kept = filtered.candidates[m] { missed[m] = wanted[m].filter { !kept.contains($0) } }
        }
        recollected = missed.reduce(0) { $0 + $1.count }
        if recollected > 0 {
          // the first half of the percentiles' share of the progress
          let laterRuns = Double(options.runs - filtered.after * blockSize)
          late = try collectPass(model: model, layout: layout, slots: missed, coarse: true,
                                 blocks: filtered.after..<outputs.count, options: options,
                                 progress: { progress.summarised(0.5 * Double($0) / laterRuns) })
        }
      }
      let selectionStart = recollected > 0 ? 0.5 : 0
      // The metrics are independent: spread over the threads asked for, no more, the metric
      // with the most kept values first, each to the next free thread (so that the threads
      // finish together).
      let results = Mutex([[[UInt64: Double]]](repeating: [], count: layout.count))
      let slots = wanted, missedSlots = missed, lateValues = late
      let sizes = (0..<layout.count).map { m in outputs.reduce(0) { $0 + $1.kept[m].count } }
      let order = (0..<layout.count).sorted { sizes[$0] > sizes[$1] }
      let next = Atomic<Int>(0)
      let finished = Atomic<Int>(0)
      DispatchQueue.concurrentPerform(iterations: Swift.min(options.threads, layout.count)) { _ in
        while true {
          let i = next.add(1, ordering: .relaxed).oldValue
          if i >= order.count { return }
          let m = order[i]
          var c = collect(slots: slots[m], coarse: true, from: outputs.map { $0.kept[m].buffer })
          for (k, slot) in missedSlots[m].enumerated() {
            c[slots[m].firstIndex(of: slot)!] += lateValues[m][k]
          }
          let statistics = orderStatistics(&c, slots: slots[m], located: located[m])
          results.withLock { $0[m] = statistics }
          let n = finished.add(1, ordering: .relaxed).newValue
          progress.summarised(selectionStart + (1 - selectionStart) * Double(n) / Double(order.count))
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
      var collected = try collectPass(
        model: model, layout: layout, slots: wanted, blocks: 0..<(options.runs + blockSize - 1) / blockSize,
        options: options, progress: { progress.pass(1, done: $0) })
      chosen = (0..<layout.count).map { m in
        orderStatistics(&collected[m], slots: wanted[m], located: located[m])
      }
      progress.summarised(1)
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
    return (values, interpolated, recollected)
  }


  /// The coarse slots whose values the blocks after the pilot keep (``KeptFilter``), from the
  /// pilot's coarse histogram `counts` of `runs` runs: for each reported percentile p, the
  /// slots from that of rank (p − d)·(runs − 1) to that of rank (p + d)·(runs − 1), one more on
  /// each side, with d = `margin` + 5·√(p(1 − p)/runs). The zero slot is left out (its values
  /// are all 0); a negative margin may leave every slot out.
  static func candidateSlots(_ counts: [UInt64], runs: Int, margin: Double) -> [Int] {
    let n = Double(runs)
    var slots = Set<Int>()
    for p in DistributionSummary.percentiles {
      let d = margin + 5 * (p * (1 - p) / n).squareRoot()
      let lo = Swift.max(0, p - d), hi = Swift.min(1, p + d)
      guard lo <= hi else { continue }
      let ranks = [UInt64((lo * (n - 1)).rounded(.down)), UInt64((hi * (n - 1)).rounded(.up))]
      let located = LogHistogram.locate(ranks, in: counts)
      for s in Swift.max(0, located[0].slot - 1)...Swift.min(counts.count - 1, located[1].slot + 1) {
        slots.insert(s)
      }
    }
    slots.remove(LogHistogram.coarseZeroSlot)
    return slots.sorted()
  }

  /// For each of `slots` (whose values are `collected`, in any order): the value at every
  /// offset `located` asks for in that slot, the offset-th smallest of the slot's values,
  /// found by selection (GSL's gsl_stats_select, the offsets of one slot by one multiple
  /// selection) rather than by sorting the slot. The slots' values are reordered.
  static func orderStatistics(
    _ collected: inout [[Double]], slots: [Int],
    located: [(slot: Int, offset: UInt64, count: UInt64)]
  ) -> [[UInt64: Double]] {
    slots.indices.map { k in
      let offsets = Set(located.filter { $0.slot == slots[k] }.map { Int($0.offset) })
      let values = Statistics.orderStatistics(selecting: &collected[k], ranks: offsets)
      return Dictionary(uniqueKeysWithValues: values.map { (UInt64($0.key), $0.value) })
    }
  }

  /// The values of `columns` that fall in each of `slots` (a sorted list of slots), in no
  /// particular order.
  /// `coarse`: the slots are ``LogHistogram/coarseSlot(of:)``'s, not the fine ones, and zeros
  /// are never collected (a zero is only counted, in the zero slot).
  static func collect(slots: [Int], coarse: Bool = false, from columns: [UnsafeBufferPointer<Double>])
    -> [[Double]]
  {
    var collected = [[Double]](repeating: [], count: slots.count)
    guard !slots.isEmpty else { return collected }
    /// A wanted slot's place in `collected` (a binary search: only values already known to
    /// be wanted are looked up).
    func place(_ s: Int) -> Int {
      var lo = 0, hi = slots.count - 1
      while lo < hi {
        let mid = (lo + hi) / 2
        if slots[mid] < s { lo = mid + 1 } else { hi = mid }
      }
      return lo
    }
    if coarse {
      // A non-zero value's coarse slot depends only on its top 18 bits (sign, exponent and
      // the significand's top 6 bits): one bit per such key says whether its slot is wanted,
      // so each value costs a shift and a test.
      let keys = LogHistogram.coarseKeys(slots)
      keys.withUnsafeBufferPointer { keys in
        LogHistogram.coarseTable.withUnsafeBufferPointer { table in
          for column in columns {
            for x in column {
              let key = x.bitPattern >> 46
              if keys[Int(key >> 6)] & (1 << (key & 63)) != 0 && x != 0 {
                let s = LogHistogram.coarseSlot(ofNonZero: x, table: table.baseAddress!)
                collected[place(s)].append(x)
              }
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
            if bits[s >> 6] & (1 << UInt64(s & 63)) != 0 { collected[place(s)].append(x) }
          }
        }
      }
    }
    return collected
  }

  /// The second pass of the bounded-memory mode (and of exact mode's filtered blocks, with
  /// `coarse` slots): simulates each of `blocks` again (the same seeds, so the same runs) and
  /// keeps, for each metric, only its values in the given slots.
  static func collectPass(model: CompiledModel, layout: MetricLayout, slots: [[Int]],
                          coarse: Bool = false, blocks: Range<Int>, options: SimulationOptions,
                          progress: (@Sendable (Int) -> Void)? = nil)
    throws(SimulationError) -> [[[Double]]]
  {
    if slots.allSatisfy(\.isEmpty) { return slots.map { _ in [] } }
    let shared = Mutex(slots.map { [[Double]](repeating: [], count: $0.count) })
    try forEachBlock(model: model, layout: layout, blocks: blocks, options: options,
                     progress: progress) {
      b, n, workspace, local throws(SimulationError) in
      _ = try simulateBlock(b, runs: n, model: model, layout: layout, workspace: &workspace,
                            options: options)
      let found = workspace.values.withUnsafeBufferPointer { v in
        (0..<layout.count).map { m in
          let column = UnsafeBufferPointer(rebasing: v[(m * blockSize)..<(m * blockSize + n)])
          return collect(slots: slots[m], coarse: coarse, from: [column])
        }
      }
      shared.withLock { result in
        for m in found.indices { for s in found[m].indices { result[m][s] += found[m][s] } }
      }
    } merge: { _ in }
    // in the order the blocks finished; order statistics do not depend on it
    return shared.withLock { $0 }
  }
}

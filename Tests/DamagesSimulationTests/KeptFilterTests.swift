import DamagesScenario
@testable import DamagesSimulation
import Foundation
import Testing
import _DamagesTestSupport

/// Exact mode keeps only the values near the wanted percentiles after a pilot of blocks
/// (docs/simulation.md, Exact percentiles from the values near them). The percentiles must be
/// the same exact order statistics as when every value is kept, whatever the pilot foresaw: a
/// wanted slot the filter dropped is collected by a second pass.
@Suite("Simulation engine: exact percentiles from the values near them", .serialized)
struct KeptFilterTests {
  /// Every value kept: a pilot longer than any simulation here.
  static let keepEverything = KeptFilter(pilotBlocks: .max, margin: 0)

  static func json(_ scenario: Scenario, _ options: SimulationOptions) -> (String, SimulationResult?) {
    DifferentialTests.json(scenario, options)
  }

  /// Runs `scenario` keeping every value and under `filter`, on `threads`; both must give the
  /// same JSON. Returns the filtered run's result.
  @discardableResult
  static func expectSame(_ scenario: Scenario, runs: Int, filter: KeptFilter, threads: Int = 1,
                         what: String, sourceLocation: SourceLocation = #_sourceLocation)
    -> SimulationResult?
  {
    var options = SimulationOptions(for: scenario)
    options.runs = runs
    options.threads = threads
    options.exactPercentiles = true
    options.keptFilter = Self.keepEverything
    let (all, _) = json(scenario, options)
    options.keptFilter = filter
    let (some, result) = json(scenario, options)
    #expect(all == some, "\(what): \(DifferentialTests.firstDifference(all, some))",
            sourceLocation: sourceLocation)
    return result
  }

  /// Two full blocks and part of a third: a pilot of one block, two filtered.
  static let runs = 2 * Simulation.blockSize + 1_000

  @Test("Bundled scenarios under each sampling: the values near the percentiles give the percentiles of every value")
  func bundledScenarios() async throws {
    for file in DifferentialTests.bundled {
      for sampling in Sampling.allCases {
        await Task.yield()
        var scenario = try ScenarioReader.read(contentsOf: file.path)
        scenario.simulation.sampling = sampling
        let name = "\(file.lastPathComponent), \(sampling)"
        let r = Self.expectSame(scenario, runs: Self.runs,
                                filter: KeptFilter(pilotBlocks: 1, margin: 0.002), threads: 2,
                                what: name)
        #expect(r?.passes == 1, "\(name)")
      }
    }
  }

  @Test("A filter that keeps nothing: every wanted slot collected again by the second pass, the same JSON")
  func everySlotRecollected() async throws {
    var recollected = 0
    for file in DifferentialTests.bundled {
      await Task.yield()
      let scenario = try ScenarioReader.read(contentsOf: file.path)
      let r = Self.expectSame(scenario, runs: Self.runs,
                              filter: KeptFilter(pilotBlocks: 1, margin: -2), threads: 2,
                              what: file.lastPathComponent)
      recollected += r?.recollectedSlots ?? 0
    }
    // the benchmark alone wants dozens of slots outside the (empty) filter
    #expect(recollected > 50)
  }

  @Test("Generated scenarios, a filter narrower than the pilot's errors: the same JSON, some slots recollected")
  func generatedScenarios() async throws {
    var recollected = 0
    var compared = 0
    for seed in PropertySeed.cases(40, base: DifferentialTests.baseSeed ^ 0xF1_17E2) {
      await Task.yield()
      let g = ScenarioTextGenerator.make(seed: seed)
      guard g.exactPercentiles, g.sharedFindings.isEmpty,
            let scenario = try? ScenarioReader.parse(g.yaml, file: "generated.yaml")
      else { continue }
      // d = 5 standard errors − 0.006: about 0.004 about the median, nothing about p5 or p99
      let r = Self.expectSame(scenario, runs: Self.runs,
                              filter: KeptFilter(pilotBlocks: 1, margin: -0.006),
                              what: "generated, \(PropertySeed.describe(seed))\n\(g.yaml)")
      recollected += r?.recollectedSlots ?? 0
      compared += 1
    }
    #expect(compared >= 25)
    #expect(recollected > 0)
  }

  @Test("The automatic filter: only from 16 blocks on, with a pilot of four")
  func automatic() {
    #expect(KeptFilter.automatic(blocks: 15) == nil)
    let f = KeptFilter.automatic(blocks: 16)
    #expect(f?.pilotBlocks == 4 && f?.margin == 0.002)
  }

  @Test("Candidate slots: from the slot of rank (p − d)(n − 1) to that of (p + d)(n − 1), one more each side, never zero's")
  func candidateSlots() {
    // 1,000 runs: 400 zeros, then 100 values in each of six coarse slots above zero
    let z = LogHistogram.coarseZeroSlot
    var counts = [UInt64](repeating: 0, count: LogHistogram.coarseSlotCount)
    counts[z] = 400
    for k in 0..<6 { counts[z + 10 + 20 * k] = 100 }
    // a margin of 0.5 takes every rank: from the zero slot to the last, and one more each side
    let all = Simulation.candidateSlots(counts, runs: 1_000, margin: 0.5)
    #expect(all == Array((z - 1)...(z + 111)).filter { $0 != z })
    // no margin, 5 standard errors: p5 to p25 lie in the zero slot (z − 1 and z + 1 taken);
    // p50 ± 0.079 is ranks 420 to 579 (slots z + 10 to z + 30), p75 ± 0.069 ranks 680 to 818
    // (z + 50 to z + 90), p90 to p99 ranks 851 to 999 (z + 90 to z + 110)
    let narrow = Simulation.candidateSlots(counts, runs: 1_000, margin: 0)
    let expected = [z - 1, z + 1] + Array((z + 9)...(z + 31)) + Array((z + 49)...(z + 111))
    #expect(narrow == expected)
    // a negative margin beyond the standard errors: nothing
    #expect(Simulation.candidateSlots(counts, runs: 1_000, margin: -1).isEmpty)
  }

  @Test("The second pass copies, in order, exactly the non-zero values whose coarse slot is wanted",
        arguments: [0, 3, 4, 1_001])
  func filteredCopy(n: Int) {
    var state: UInt64 = 0x5EED &+ UInt64(n)
    let values: [Double] = (0..<n).map { _ in
      state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
      return state >> 62 == 0 ? 0 : (Double(state >> 11) / 0x1p53 - 0.3) * 5_000
    }
    let nonZero = values.filter { $0 != 0 }
    // every third coarse slot the values reach
    let reached = Set(nonZero.map(LogHistogram.coarseSlot(of:))).sorted()
    let wanted = Set(reached.enumerated().filter { $0.offset % 3 == 0 }.map(\.element))
    let keys = LogHistogram.coarseKeys(wanted.sorted())
    var scratch = values + [0]  // never empty
    var histogram = [UInt64](repeating: 0, count: LogHistogram.coarseSlotCount)
    var copied = [Double](repeating: .nan, count: Swift.max(1, n))
    var all = [Double](repeating: .nan, count: Swift.max(1, n))
    let (filtered, everything) = scratch.withUnsafeMutableBufferPointer { v in
      var first = Moments.Accumulator(kept: v.baseAddress!)
      first.add(v.baseAddress!, count: n)
      return histogram.withUnsafeMutableBufferPointer { h in
        keys.withUnsafeBufferPointer { k in
          copied.withUnsafeMutableBufferPointer { c in
            all.withUnsafeMutableBufferPointer { a in
              (first.finish(histogram: h.baseAddress, coarse: true, keeping: (k.baseAddress, c.baseAddress!)),
               first.finish(histogram: nil, coarse: false, keeping: (nil, a.baseAddress!)))
            }
          }
        }
      }
    }
    let expected = nonZero.filter { wanted.contains(LogHistogram.coarseSlot(of: $0)) }
    #expect(filtered.kept == expected.count)
    #expect(Array(copied[..<filtered.kept]) == expected)
    #expect(everything.kept == nonZero.count && Array(all[..<everything.kept]) == nonZero)
    #expect(filtered.moments.m2 == everything.moments.m2 && filtered.moments.mean == everything.moments.mean)
  }
}

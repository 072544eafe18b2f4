import DamagesLaw
@testable import DamagesSimulation
import Foundation
import Testing
import _DamagesTestSupport

/// The bounded-memory mode must not grow with the run count (up to 10^11 runs): what the
/// engine keeps per block is folded away as the blocks complete.
@Suite("Simulation engine: bounded memory")
struct BoundedMemoryTests {
  func run(blocks: Int, threads: Int, exact: Bool) throws -> SimulationResult {
    var options = SimulationOptions(runs: blocks * Simulation.blockSize, seed: 5, threads: threads)
    options.exactPercentiles = exact
    return try Simulation.run(BenchmarkScenario.make(), options: options)
  }

  @Test("the blocks held at once do not grow with the run count (N blocks vs 2N)")
  func heldBlocksDoNotGrow() throws {
    let n = try run(blocks: 6, threads: 1, exact: false)
    let twice = try run(blocks: 12, threads: 1, exact: false)
    #expect(n.passes == 2 && twice.passes == 2)
    #expect(n.peakHeldBlocks == 1)
    #expect(twice.peakHeldBlocks == 1)
    // exact mode keeps every run anyway, and every block with it
    #expect(try run(blocks: 3, threads: 1, exact: true).peakHeldBlocks == 3)
  }

  @Test("folding blocks out of order gives what combining them all at the end gives")
  func foldInBlockOrder() throws {
    let layout = MetricLayout(model: try CompiledModel(BenchmarkScenario.make()))
    func output(_ b: Int) -> BlockOutput {
      var o = BlockOutput(layout: layout, runs: 10 + b)
      o.moments = (0..<layout.count).map { m in
        var x = Moments()
        x.combine(Moments(zeros: 1))
        x.count = Double(10 + b)
        x.mean = Double(b * 7 + m) / 3
        x.m2 = Double(b + 1) * 1.25
        x.min = Double(-b)
        x.max = Double(b * b)
        return x
      }
      o.counts[0].liable = b
      return o
    }
    let blocks = 64
    let folding = BlockStore(blocks: blocks, folding: true)
    let keeping = BlockStore(blocks: blocks)
    // pairs swapped: 1, 0, 3, 2, …
    for b in 0..<blocks {
      let i = b ^ 1
      folding.put(i, output(i))
      keeping.put(i, output(i))
    }
    #expect(folding.peakHeld <= 2)
    #expect(keeping.peakHeld == blocks)
    let folded = try #require(folding.take().first)
    let all = keeping.take()
    #expect(folded.runs == all.reduce(0) { $0 + $1.runs })
    #expect(folded.counts[0].liable == all.reduce(0) { $0 + $1.counts[0].liable })
    for m in 0..<layout.count {
      var expected = Moments()
      for o in all { expected.combine(o.moments[m]) }
      var got = Moments()
      got.combine(folded.moments[m])
      #expect(got.mean == expected.mean && got.m2 == expected.m2 && got.count == expected.count)
      #expect(got.min == expected.min && got.max == expected.max)
    }
  }

  @Test("bounded memory: the same result on 1 and 2 threads")
  func threadInvariant() throws {
    let one = try run(blocks: 5, threads: 1, exact: false).primary
    let two = try run(blocks: 5, threads: 2, exact: false).primary
    #expect(one.award == two.award)
    #expect(one.netRecovery == two.netRecovery)
  }

  @Test("stratified sampling: the folded replicates keep nothing per replicate, and give the same standard error")
  func replicatesFold() throws {
    let layout = MetricLayout(model: try CompiledModel(BenchmarkScenario.make()))
    var generator = SplitMix64(seed: 11)
    func output(_ b: Int) -> BlockOutput {
      var o = BlockOutput(layout: layout, runs: 16 * 4096)
      o.moments = (0..<layout.count).map { _ in Moments(zeros: 16 * 4096) }
      o.replicateSizes = [Int](repeating: 4096, count: 16)
      o.replicateSums = (0..<layout.count).map { m in
        (0..<16).map { _ in 4096 * (1000 * Double(m + 1) + Double.random(in: -1...1, using: &generator)) }
      }
      return o
    }
    let blocks = 200
    let outputs = (0..<blocks).map(output)
    let folding = BlockStore(blocks: blocks, folding: true)
    for b in 0..<blocks { folding.put(b, outputs[b]) }
    let folded = try #require(folding.take().first)
    // what is held per replicate does not grow with the blocks folded
    #expect(folded.replicateSizes.isEmpty && folded.replicateSums.allSatisfy(\.isEmpty))
    let kept = Simulation.replicateSpread(outputs)
    let fold = Simulation.replicateSpread([folded])
    #expect(kept.count == blocks * 16 && fold.count == blocks * 16)
    let runs = Double(blocks * 16 * 4096)
    for m in 0..<layout.count {
      // the definition, se² = R / (R − 1) · Σ (n_r / N)² (m_r − m)², from every replicate kept
      let means = outputs.flatMap { o in o.replicateSums[m].map { $0 / 4096 } }
      let mean = means.reduce(0, +) / Double(means.count)
      let r = Double(means.count)
      let w = 4096 / runs
      var sum = 0.0
      for x in means { sum += w * w * (x - mean) * (x - mean) }
      let direct = (r / (r - 1) * sum).squareRoot()
      let a = try #require(kept.standardError(metric: m, mean: mean, runs: runs))
      let b = try #require(fold.standardError(metric: m, mean: mean, runs: runs))
      #expect(a == b)
      #expect(abs(a - direct) <= 1e-9 * direct)
    }
  }
}


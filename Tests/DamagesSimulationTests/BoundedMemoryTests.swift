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
}

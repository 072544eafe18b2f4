@testable import DamagesSimulation
import Synchronization
import Testing
import _DamagesTestSupport

/// The progress a simulation reports covers all its work (docs/simulation.md, Two engines and
/// Bounded memory): it reaches the run count only with the result, and the percentiles and the
/// bounded-memory mode's second pass move it instead of leaving a bar at 100 % while they run.
@Suite("Simulation engine: progress over every pass")
struct ProgressTests {
  func reports(exact: Bool, engine: SimulationEngine = .compiled, filter: KeptFilter? = nil) throws -> [Int] {
    let seen = Mutex<[Int]>([])
    var options = SimulationOptions(runs: 5 * Simulation.blockSize, seed: 3, threads: 2)
    options.exactPercentiles = exact
    options.engine = engine
    options.keptFilter = filter
    options.progress = { done in seen.withLock { $0.append(done) } }
    _ = try Simulation.run(BenchmarkScenario.make(), options: options)
    return seen.withLock { $0 }
  }

  @Test("exact mode: the percentiles are counted; the run count is reached only at the end",
        arguments: SimulationEngine.allCases)
  func exactMode(engine: SimulationEngine) throws {
    let runs = 5 * Simulation.blockSize
    let values = try reports(exact: true, engine: engine)
    #expect(values.last == runs)
    #expect(values.dropLast().allSatisfy { $0 < runs })
    // the runs are 16/17 of the work, the percentiles the rest: some report lies in between
    #expect(values.dropLast().contains { $0 > runs * 16 / 17 })
  }

  @Test("bounded-memory mode: the first pass is half the bar, the second pass the other half")
  func boundedMode() throws {
    let runs = 5 * Simulation.blockSize
    let values = try reports(exact: false)
    #expect(values.last == runs)
    #expect(values.dropLast().allSatisfy { $0 < runs })
    #expect(values.dropLast().contains { $0 < runs / 2 })
    #expect(values.dropLast().contains { $0 > runs * 3 / 4 })
  }

  @Test("exact mode, a slot the pilot missed: the second pass over the later blocks moves the bar too")
  func recollection() throws {
    let runs = 5 * Simulation.blockSize
    // a filter that keeps nothing after one block: every wanted slot is collected again
    let values = try reports(exact: true, filter: KeptFilter(pilotBlocks: 1, margin: -2))
    #expect(values.last == runs)
    #expect(values.dropLast().allSatisfy { $0 < runs })
    // the percentiles' share: a report per metric selected (seven), and now one per block of
    // the second pass (four) before them
    let summary = values.dropLast().filter { $0 > runs * 16 / 17 }
    #expect(summary.count >= 7 + 4)
  }
}

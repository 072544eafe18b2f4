@testable import DamagesSimulation
import Synchronization
import Testing
import _DamagesTestSupport

/// The progress a simulation reports covers all its work (docs/simulation.md, Two engines and
/// Bounded memory): it reaches the run count only with the result, and the percentiles and the
/// bounded-memory mode's second pass move it instead of leaving a bar at 100 % while they run.
@Suite("Simulation engine: progress over every pass")
struct ProgressTests {
  func reports(exact: Bool, engine: SimulationEngine = .compiled) throws -> [Int] {
    let seen = Mutex<[Int]>([])
    var options = SimulationOptions(runs: 5 * Simulation.blockSize, seed: 3, threads: 2)
    options.exactPercentiles = exact
    options.engine = engine
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
}

import DamagesScenario
import DamagesLaw
import DamagesSimulation
import Testing

/// Sweeps on common random numbers (docs/scenario-format.md, Sweeps; docs/simulation.md).
@Suite("Sweeps")
struct SweepTests {
  static let yaml = """
    version: 1
    title: certain punitive damages
    case:
      act: illegal-use
      claimant: natural-person
      rights: [network-dissemination]
    facts:
      illegal_gains: {dist: lognormal, p10: 10000, p90: 200000}
      intentional: true
      serious: true
      multiplier: {dist: pert, min: 1, mode: 2, max: 5}
      expenses: {dist: uniform, min: 1000, max: 5000}
    liability:
      work: 0.8
    sweep:
      facts.multiplier: [1, 2, 3, 4, 5]
    """

  @Test("R4 the award's percentiles rise with the multiplier at every point (common random numbers)")
  func multiplierMonotone() throws {
    let scenario = try ScenarioReader.parse(Self.yaml, file: "s.yaml")
    var points: [(coordinates: [Double], scenario: Scenario)] = []
    for c in Sweep.grid(scenario.sweep) {
      points.append((c, try ScenarioReader.setting("facts.multiplier", to: c[0], in: scenario, file: "s.yaml")))
    }
    let results = try Sweep.run(points: points, options: SimulationOptions(runs: 20_000, seed: 3, threads: 2))
    #expect(results.map(\.coordinates) == [[1], [2], [3], [4], [5]])
    for (a, b) in zip(results, results.dropFirst()) {
      let x = a.result.primary.award, y = b.result.primary.award
      // liable runs rise strictly; unliable runs stay at 0 in both
      for (p, q) in [(x.p25, y.p25), (x.p50, y.p50), (x.p75, y.p75), (x.p90, y.p90), (x.p95, y.p95), (x.p99, y.p99), (x.max, y.max)] {
        #expect(q > p)
      }
      #expect(y.mean > x.mean)
      #expect(a.result.primary.pLiable == b.result.primary.pLiable, "same liability draws at every point")
    }
  }

  @Test("A probability swept moves only what it governs: every other amount is the same at every point (docs/scenario-format.md, Sweeps)", arguments: [
    ("facts.serious_mental_harm", [0.2, 0.25, 0.3]), ("facts.intentional", [0.1, 0.3, 0.6]),
  ])
  func commonRandomNumbers(path: String, values: [Double]) throws {
    // The benchmark draws its amounts only where a run needs them; a point where more runs
    // need one amount must not shift any other amount of any run.
    let scenario = try ScenarioReader.read(contentsOf: "scenarios/benchmark.yaml")
    let points = try values.map { ([$0], try ScenarioReader.setting(path, to: $0, in: scenario, file: "b.yaml")) }
    let results = try Sweep.run(points: points, options: SimulationOptions(runs: 20_000, seed: 5, threads: 2))
      .map(\.result.primary)
    for (x, y) in zip(results, results.dropFirst()) {
      #expect(y.award.mean > x.award.mean, "\(path): the award rises")
      #expect(y.expenses.mean == x.expenses.mean, "\(path): expenses are drawn in every liable run")
      if path == "facts.serious_mental_harm" {
        #expect(y.compensation.mean == x.compensation.mean, "compensation does not depend on mental harm")
        #expect(y.punitive.mean == x.punitive.mean, "nor does punitive")
      } else {
        #expect(y.mentalDistress.mean == x.mentalDistress.mean, "mental distress does not depend on intent")
      }
    }
  }

  @Test("A range's values: exact ends, equal steps or ratios, no binary residue (docs/scenario-format.md, Sweeps)")
  func rangeValues() {
    #expect(ScenarioReader.rangeValues(from: 1_000, to: 1_000_000, steps: 4, log: true) == [1_000, 10_000, 100_000, 1_000_000])
    #expect(ScenarioReader.rangeValues(from: 0, to: 1, steps: 6, log: false) == [0, 0.2, 0.4, 0.6, 0.8, 1])
    #expect(ScenarioReader.rangeValues(from: 0.1, to: 0.3, steps: 3, log: false) == [0.1, 0.2, 0.3])
  }

  @Test("A sweep grid is the full product, the first axis slowest")
  func grid() {
    let g = Sweep.grid([SweepAxis(path: "a", values: [1, 2]), SweepAxis(path: "b", values: [10, 20, 30])])
    #expect(g == [[1, 10], [1, 20], [1, 30], [2, 10], [2, 20], [2, 30]])
  }

  @Test("A sweep value outside a rule's range is an error on that sweep entry (docs/scenario-format.md, Input rules)")
  func invalidPoint() throws {
    let scenario = try ScenarioReader.parse(Self.yaml, file: "s.yaml")
    #expect(throws: ScenarioError.self) {
      try ScenarioReader.setting("facts.multiplier", to: 7, in: scenario, file: "s.yaml")
    }
  }
}

/// Sensitivity: the tornado and the rank correlations.
@Suite("Sensitivity")
struct SensitivityTests {
  @Test("R4 the multiplier moves the award monotonically; liability jumps it")
  func tornado() throws {
    let scenario = try ScenarioReader.parse(SweepTests.yaml, file: "s.yaml")
    let (base, rows) = try Sensitivity.tornado(scenario, runs: 5_000, seed: 1)
    #expect(base > 0)
    let multiplier = try #require(rows.first { $0.path == "facts.multiplier" })
    #expect(multiplier.monotone)
    #expect(multiplier.high > multiplier.low)
    // work 0.8: false gives nothing, true more than the expected award of the scenario
    let work = try #require(rows.first { $0.path == "liability.work" })
    #expect(work.low == 0 && work.high > base)
    #expect(rows.map(\.swing) == rows.map(\.swing).sorted(by: >), "sorted by swing")
  }

  @Test("Rank correlations: gains and liability matter, sorted by |ρ|")
  func correlations() throws {
    let scenario = try ScenarioReader.parse(SweepTests.yaml, file: "s.yaml")
    let rc = try Sensitivity.rankCorrelations(scenario, runs: 20_000, seed: 1)
    let gains = try #require(rc.first { $0.path == "facts.illegal_gains" })
    #expect(gains.rho > 0.3)
    let work = try #require(rc.first { $0.path == "liability.work" })
    #expect(work.rho > 0.3)
    #expect(rc.map { abs($0.rho) } == rc.map { abs($0.rho) }.sorted(by: >))
  }
}

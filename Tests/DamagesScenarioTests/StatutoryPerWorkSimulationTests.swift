import DamagesScenario
import DamagesLaw
import DamagesSimulation
import Testing

/// R3 per work through the simulation, the sensitivity analysis and sweeps: the per-work amount
/// is the uncertain fact, drawn once per run and multiplied by the works.
@Suite("R3 Statutory damages per work, simulated")
struct StatutoryPerWorkSimulationTests {
  static let yaml = """
    version: 1
    title: 52 photos
    case: {act: illegal-use, claimant: legal-person, rights: [network-dissemination], works: 52}
    facts:
      statutory_award_per_work: {dist: uniform, min: 500, max: 1000}
    sweep:
      facts.statutory_award_per_work: [500, 700, 1000]
    """

  // Every run: 52 × a uniform on [500, 1000], so the award lies in [26,000, 52,000] with mean
  // 52 × 750 = 39,000 and sd 52 × 500 / √12 ≈ 7,505.6; 20,000 runs give a standard error of
  // about 53, so 39,000 ± 300 is beyond 5 standard errors.
  @Test("R3 per work: each run's award is works × one per-work draw")
  func simulated() throws {
    let scenario = try ScenarioReader.parse(Self.yaml, file: "s.yaml")
    let r = try Simulation.run(scenario, options: SimulationOptions(runs: 20_000, seed: 5, threads: 2))
    let award = r.primary.award
    #expect(award.min >= 26_000 && award.max <= 52_000)
    #expect(abs(award.mean - 39_000) < 300)
    #expect(abs(award.sd - 52 * 500 / 12.0.squareRoot()) < 200)
    #expect(r.primary.basis[.statutory] == 1)
  }

  // The tornado moves the per-work amount from its P10 (550) to its P90 (950): the award goes
  // from 52 × 550 = 28,600 to 52 × 950 = 49,400, a swing of 20,800.
  @Test("R3 per work: the tornado swings the per-work amount, times the works")
  func tornado() throws {
    let scenario = try ScenarioReader.parse(Self.yaml, file: "s.yaml")
    let rows = try Sensitivity.tornado(scenario, runs: 2_000, seed: 1).rows
    let row = try #require(rows.first { $0.path == "facts.statutory_award_per_work" })
    #expect(abs(row.low - 28_600) < 1e-6)
    #expect(abs(row.high - 49_400) < 1e-6)
  }

  @Test("R3 per work: a sweep sets the per-work amount; the award is 52 × it")
  func sweep() throws {
    let scenario = try ScenarioReader.parse(Self.yaml, file: "s.yaml")
    for (value, award) in [(500.0, 26_000.0), (700, 36_400), (1_000, 52_000)] {
      let point = try ScenarioReader.setting(
        "facts.statutory_award_per_work", to: value, in: scenario, file: "s.yaml")
      let r = try Simulation.run(point, options: SimulationOptions(runs: 100, seed: 1, threads: 1))
      #expect(r.primary.award.mean == award)
    }
    // a point outside R3's range is refused as the file would be
    #expect(throws: ScenarioError.self) {
      try ScenarioReader.setting("facts.statutory_award_per_work", to: 300, in: scenario, file: "s.yaml")
    }
  }
}

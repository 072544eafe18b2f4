import DamagesScenario
import DamagesLaw
import DamagesSimulation
import Foundation
import Testing

/// R7: the closed form of `damages estimate` equals the simulation's share of liable runs,
/// within Monte Carlo error.
@Suite("R7 The exact probability of liability")
struct LiabilityProbabilityTests {
  static let scenarios: [(name: String, yaml: String, exact: Double)] = [
    // 0.6⁴ = 0.1296
    ("four elements at 0.6", """
      version: 1
      title: t
      case: {act: illegal-use, claimant: natural-person, rights: [reproduction]}
      facts: {statutory_award: 1000}
      liability: {work: 0.6, infringement: 0.6, causation: 0.6, fault: 0.6}
      """, 0.1296),
    // 0.85 × 0.9 × 0.8 × (1 − 0.1) = 0.5508 (the benchmark's liability)
    ("elements and fair use", """
      version: 1
      title: t
      case: {act: illegal-use, claimant: natural-person, rights: [reproduction]}
      facts: {statutory_award: 1000}
      liability: {work: 0.85, infringement: 0.9, fault: 0.8, defenses: [{kind: fair-use, success: 0.1}]}
      """, 0.5508),
    // 0.9 × (1 − 0.2 not-a-work) × (1 − 0.6 × (1 − (1 − 0.3)(1 − 0.5))) = 0.9 × 0.8 × (1 − 0.6 × 0.65)
    // = 0.72 × 0.61 = 0.4392: the provider is exempt with 0.6, the platform when either of its
    // two defences succeeds, 1 − 0.7 × 0.5 = 0.65
    ("exemptions of every defendant", """
      version: 1
      title: t
      case: {act: generated-output, claimant: legal-person, rights: [reproduction]}
      facts: {statutory_award: 10000}
      liability:
        work: 0.9
        defenses:
          - {kind: not-a-work, success: 0.2}
          - {kind: technology-limit, success: 0.6, defendant: provider}
          - {kind: safe-harbor, success: 0.3, defendant: platform}
          - {kind: third-party-fault, success: 0.5, defendant: platform}
      defendants:
        - {name: provider, role: provider, form: joint}
        - {name: platform, role: platform, form: joint}
      """, 0.4392),
    // contract route: fault drops out, only consent excuses: 0.8 × 0.7 × (1 − 0.25) = 0.42
    ("contract route", """
      version: 1
      title: t
      case: {act: repetitive-generation, claimant: natural-person, rights: [reproduction], route: contract}
      facts: {actual_loss: 5000, liquidated_damages: 8000}
      liability:
        work: 0.8
        infringement: 0.7
        fault: 0.1
        defenses:
          - {kind: consent, success: 0.25}
          - {kind: fair-use, success: 0.5}
      """, 0.42),
  ]

  @Test(
    "R7 the closed form, worked by hand, equals the simulated probability within 4 standard errors",
    arguments: scenarios.indices)
  func matchesSimulation(index: Int) throws {
    let (name, yaml, exact) = Self.scenarios[index]
    let scenario = try ScenarioReader.parse(yaml, file: "s.yaml")
    let route: Route = scenario.terms.route == .contract ? .contract : .tort
    let closed = LiabilityProbability.exact(scenario, route: route)
    #expect(abs(closed - exact) < 1e-12, "\(name): \(closed)")
    let runs = 200_000
    let r = try Simulation.run(scenario, options: SimulationOptions(runs: runs, seed: 11, threads: 2))
    let simulated = r.primary.pLiable
    let se = (exact * (1 - exact) / Double(runs)).squareRoot()
    #expect(abs(simulated - exact) < 4 * se, "\(name): simulated \(simulated), exact \(exact)")
  }

  @Test("R7 the bundled benchmark: the estimate's p_liable is the simulation's, within error")
  func benchmark() throws {
    let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
      .deletingLastPathComponent().appendingPathComponent("scenarios/benchmark.yaml")
    let scenario = try ScenarioReader.parse(String(contentsOf: url, encoding: .utf8), file: "benchmark.yaml")
    let estimate = try EstimateResult(scenario)
    #expect(abs(estimate.primary.pLiable - 0.5508) < 1e-12)
    let r = try Simulation.run(scenario, options: SimulationOptions(runs: 200_000, seed: 2, threads: 2))
    #expect(abs(r.primary.pLiable - 0.5508) < 4 * (0.5508 * 0.4492 / 200_000).squareRoot())
  }
}

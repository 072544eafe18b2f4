import DamagesScenario
import DamagesLaw
import DamagesSimulation
import Foundation
import Testing

/// The tornado shows the evidence question: a finding from false to true, an amount from its
/// P10 to its P90 with every finding drawn as the simulation draws it.
@Suite("Sensitivity: the tornado tells the story of the simulation")
struct TornadoTests {
  // Illegal gains uniform on [20,000, 60,000], proven with probability 0.4; otherwise the
  // statutory award, 5,000; liability certain, nothing else uncertain.
  static let yaml = """
    version: 1
    title: gains proven 0.4
    case: {act: illegal-use, claimant: legal-person, rights: [reproduction]}
    facts:
      illegal_gains: {dist: uniform, min: 20000, max: 60000}
      proven: {illegal_gains: 0.4}
      statutory_award: 5000
    """

  // R1 R3: the finding's bar is false → true: not proven gives the statutory 5,000 in every
  // run; proven gives the gains, whose mean is 40,000 (sd 11,547; 20,000 runs: se ≈ 82).
  @Test("R1 a finding's swing is computed false → true")
  func findingFalseToTrue() throws {
    let scenario = try ScenarioReader.parse(Self.yaml, file: "s.yaml")
    let rows = try Sensitivity.tornado(scenario, runs: 20_000, seed: 3).rows
    let proven = try #require(rows.first { $0.path == "facts.proven.illegal_gains" })
    #expect(proven.points.map(\.input) == [0, 1])
    #expect(proven.points[0].award == 5_000)
    #expect(abs(proven.points[1].award - 40_000) < 400)
  }

  // R1: the gains' bar from P10 (24,000) to P90 (56,000) with proof drawn: in the 40 % of
  // runs where the gains are proven the award moves by 32,000, so the swing is about
  // 0.4 × 32,000 = 12,800 (the same runs at both ends; ±0.0035 × 32,000 ≈ 112 for the share
  // proven). At the point estimate (proof 0.4 read as false) it was 0.
  @Test("R1 an amount's swing is P10 → P90 with each finding drawn: the gains matter when proven")
  func amountWithFindingsDrawn() throws {
    let scenario = try ScenarioReader.parse(Self.yaml, file: "s.yaml")
    let (base, rows) = try Sensitivity.tornado(scenario, runs: 20_000, seed: 3)
    let gains = try #require(rows.first { $0.path == "facts.illegal_gains" })
    #expect(gains.points.first?.input == 24_000 && gains.points.last?.input == 56_000)
    #expect(abs(gains.swing - 12_800) < 500, "\(gains.swing)")
    #expect(gains.monotone)
    // the expected award: 0.4 × 40,000 + 0.6 × 5,000 = 19,000
    #expect(abs(base - 19_000) < 400)
  }

  // The benchmark (scenarios/benchmark.yaml): proof of gains 0.4 hid the gains from the old tornado, while their
  // Sobol total index is about a quarter of the variance.
  @Test("R1 the benchmark's illegal gains get a non-zero swing")
  func benchmarkGains() throws {
    let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
      .deletingLastPathComponent().appendingPathComponent("scenarios/benchmark.yaml")
    let scenario = try ScenarioReader.parse(String(contentsOf: url, encoding: .utf8), file: "benchmark.yaml")
    let rows = try Sensitivity.tornado(scenario, runs: 5_000, seed: 1).rows
    let gains = try #require(rows.first { $0.path == "facts.illegal_gains" })
    #expect(gains.swing > 10_000, "\(gains.swing)")
    let proof = try #require(rows.first { $0.path == "facts.proven.illegal_gains" })
    #expect(proof.swing > 0)
  }
}

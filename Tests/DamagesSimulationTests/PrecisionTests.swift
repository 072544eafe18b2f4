import DamagesLaw
@testable import DamagesSimulation
import GSL
import Testing

@Suite("Auto-stop: --precision")
struct PrecisionTests {
  /// Liability 1/2, a legal person, nothing proven: the award is 0 or the statutory draw,
  /// uniform on [500, 5,000]. Mean 1,375 exactly; sd ≈ 1,654, so a 2 % half-width of the
  /// mean's 95 % interval needs about 14,000 runs.
  static func scenario() -> Scenario {
    let terms = CaseTerms(act: .illegalUse, claimant: .legalPerson, rights: [.reproduction])
    var s = Scenario(title: "half liable, uniform award", terms: terms)
    s.facts[.statutoryAward] = .uniform(min: 500, max: 5_000)
    s.liability.work = 0.5
    return s
  }
  static let exactMean = 0.5 * 2_750.0

  @Test("The reported precision holds: over 50 seeds, the mean is within ±2 % of the true mean about 95 % of the time")
  func coverage() throws {
    let target = PrecisionTarget(relativeHalfWidth: 0.02)
    var covered = 0
    var runCounts: [Int] = []
    for seed in 1...50 as ClosedRange<UInt64> {
      let options = SimulationOptions(runs: 10_000_000, seed: seed, threads: 2)
      let (result, report) = try Simulation.run(Self.scenario(), options: options, precision: target)
      #expect(report.reached)
      #expect(report.relativeHalfWidth <= 0.02)
      #expect(result.runs == report.stages.last)
      runCounts.append(result.runs)
      if abs(result.primary.award.mean - Self.exactMean) <= 0.02 * result.primary.award.mean {
        covered += 1
      }
    }
    // Binomial(50, 0.95): mean 47.5, sd 1.54; 44 is 2.3 sd below. A stop before the interval
    // were narrow enough (or a wrong standard error) would cover far less often.
    #expect(covered >= 44, "covered \(covered) of 50")
    // it did stop early: about 14,000 runs, far from the budget
    #expect(runCounts.allSatisfy { $0 < 40_000 }, "\(runCounts)")
  }

  @Test("Deterministic: the same seed stops at the same run count with the same result, on any number of threads")
  func deterministic() throws {
    let target = PrecisionTarget(relativeHalfWidth: 0.01)
    var options = SimulationOptions(runs: 10_000_000, seed: 77, threads: 1)
    let (one, r1) = try Simulation.run(Self.scenario(), options: options, precision: target)
    options.threads = 2
    let (two, r2) = try Simulation.run(Self.scenario(), options: options, precision: target)
    #expect(r1 == r2)
    #expect(one.primary.award == two.primary.award)
    // the result is exactly that of a plain simulation of the same run count
    options.runs = one.runs
    #expect(try Simulation.run(Self.scenario(), options: options).primary.award == one.primary.award)
  }

  @Test("A budget too small is spent and said so; a percentile target uses the percentile's interval")
  func budgetAndPercentile() throws {
    let options = SimulationOptions(runs: 20_000, seed: 5, threads: 2)
    let (result, report) = try Simulation.run(
      Self.scenario(), options: options, precision: PrecisionTarget(relativeHalfWidth: 0.001))
    #expect(!report.reached)
    #expect(result.runs == 20_000)
    #expect(report.relativeHalfWidth > 0.001)
    let p95 = PrecisionTarget(relativeHalfWidth: 0.01, on: .percentile(0.95))
    let (r, rep) = try Simulation.run(
      Self.scenario(), options: SimulationOptions(runs: 10_000_000, seed: 5, threads: 2),
      precision: p95)
    #expect(rep.reached)
    // P95 of the award is the uniform's 90th percentile, 500 + 0.9 × 4,500 = 4,550
    #expect(abs(r.primary.award.p95 - 4_550) <= 0.01 * 4_550)
  }

  @Test("Stratified sampling: the interval comes from at least 10 replicates, with Student's t")
  func stratified() throws {
    var options = SimulationOptions(runs: 10_000_000, seed: 9, threads: 2)
    options.sampling = .lhs
    let (r, report) = try Simulation.run(
      Self.scenario(), options: options, precision: PrecisionTarget(relativeHalfWidth: 0.01))
    #expect(report.reached)
    #expect(report.stages.first == 10 * Simulation.replicateSize)
    #expect(r.replicates >= 10)
    let t = try Probability.studentTQuantile(0.975, degreesOfFreedom: Double(r.replicates - 1))
    #expect(t > 1.96)
    #expect(abs(report.relativeHalfWidth - t * r.primary.award.seMean / r.primary.award.mean) < 1e-12)
    #expect(abs(r.primary.award.mean - Self.exactMean) <= 0.01 * Self.exactMean)
  }
}

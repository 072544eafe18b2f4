import DamagesLaw
import Foundation
import Testing
import _DamagesTestSupport

@testable import DamagesSimulation

/// A draw the rules cannot take (a negative amount) stops a simulation with an error that names
/// the fact and the value (docs/simulation.md). The compiled engine computes a replicate's
/// facts fact by fact, not run by run, so it must still stop on the reference's run and report
/// the reference's fact: the first invalid value in the order the reference draws.
@Suite("Differential: invalid draws stop both engines on the same run, fact and value")
struct InvalidDrawDifferentialTests {
  @Test("300 scenarios with unbounded normal amounts, some correlated: the same error, or the same JSON")
  func invalidDraws() {
    var rng = SplitMix64(seed: 0x1B7A_11D0_D2A3)
    var reported: [String: Int] = [:]
    for variant in 0..<300 {
      var terms = CaseTerms(act: .illegalUse, claimant: .naturalPerson,
                            rights: [.attribution, .networkDissemination])
      terms.defenses = rng.chance(0.5) ? [Defense(kind: .fairUse)] : []
      var s = Scenario(title: "invalid draws \(variant)", terms: terms)
      func p() -> Double { (Double.random(in: 0.05...1, using: &rng) * 100).rounded() / 100 }
      s.liability.work = p()
      s.liability.fault = p()
      s.liability.defenseSuccess = terms.defenses.map { _ in p() / 2 }
      s.facts.provenLoss = p()
      s.facts.provenGains = p()
      s.facts.provenLicenseFee = p()
      s.facts.intentional = p()
      s.facts.serious = p()
      s.facts.seriousMentalHarm = p()
      // each amount present with probability 0.8; a normal law whose mean is 0.8 to 4.5 sd
      // above 0, so that a negative value comes early or late, and often two in one run
      let keys: [FactKey] = [.actualLoss, .illegalGains, .licenseFee, .statutoryAward, .mentalDistress,
                             .expenses, .multiplier]
      var amounts: [FactKey] = []
      for key in keys where rng.chance(0.8) {
        let mean = Double.random(in: 1_000...50_000, using: &rng)
        let z = Double.random(in: 0.8...4.5, using: &rng)
        s.facts[key] = key == .multiplier
          ? .uniform(min: 1, max: 3)
          : .normal(mean: mean, sd: mean / z, min: -.infinity, max: .infinity)
        if key != .multiplier { amounts.append(key) }
      }
      // a copula group of two or three of them, half the time
      if amounts.count >= 2 && rng.chance(0.5) {
        let chosen = amounts.shuffled(using: &rng).prefix(rng.chance(0.5) ? 3 : 2)
        let list = Array(chosen)
        for i in 1..<list.count {
          s.correlations.append(Correlation(list[0], list[i], rho: Double.random(in: -0.3...0.95, using: &rng)))
        }
      }
      var reference = SimulationOptions(runs: 20_000, seed: UInt64(variant) &+ 11, threads: 1)
      reference.engine = .reference
      // (not the variant drawing every fact: it stops on a fact a lazy run never needs)
      var compiled = reference
      compiled.engine = .compiled
      compiled.threads = 2
      let expected = DifferentialTests.json(s, reference).text
      #expect(DifferentialTests.json(s, compiled).text == expected, "variant \(variant)")
      if expected.hasPrefix("error: "), let fact = keys.first(where: { expected.hasPrefix("error: facts.\($0.rawValue):") }) {
        reported[fact.rawValue, default: 0] += 1
      }
    }
    // the errors came from several facts, correlated ones among them (not one fact every time)
    #expect(reported.count >= 4, "\(reported)")
    #expect(reported.values.reduce(0, +) >= 60, "\(reported)")
  }
}

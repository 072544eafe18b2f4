import DamagesLaw
public import DamagesSimulation
import Foundation

/// The benchmark model (docs/simulation.md, The benchmark model) built in code, so that the simulation's tests do not
/// rest on the scenario reader.
public enum BenchmarkScenario {
  public static func make() -> Scenario {
    var terms = CaseTerms(act: .illegalUse, claimant: .naturalPerson,
                          rights: [.attribution, .networkDissemination])
    terms.defenses = [Defense(kind: .fairUse)]
    var s = Scenario(title: "benchmark", terms: terms)
    s.facts[.actualLoss] = .lognormal(median: 50_000, sigma: 1.0)
    s.facts[.illegalGains] = .lognormal(median: 80_000, sigma: 1.2)
    s.facts.provenLoss = 0.5
    s.facts.provenGains = 0.4
    s.facts[.licenseFee] = .triangular(min: 10_000, mode: 30_000, max: 90_000)
    s.facts.provenLicenseFee = 0.6
    s.facts[.statutoryAward] = .uniform(min: 500, max: 50_000)
    s.facts.intentional = 0.3
    s.facts.serious = 0.5
    s.facts[.multiplier] = .pert(min: 1, mode: 2, max: 5, lambda: 4)
    s.facts.seriousMentalHarm = 0.2
    s.facts[.mentalDistress] = .uniform(min: 1_000, max: 50_000)
    s.facts[.expenses] = .uniform(min: 5_000, max: 20_000)
    s.liability.work = 0.85
    s.liability.infringement = 0.9
    s.liability.fault = 0.8
    s.liability.defenseSuccess = [0.1]
    s.correlations = [Correlation(.actualLoss, .illegalGains, rho: 6 / Double.pi * asin(0.3))]
    return s
  }
}

import DamagesLaw
@testable import DamagesSimulation
import Testing

/// R9: `route: compare` computes both routes on the same random numbers, so each side must be
/// exactly the simulation of that route alone, not merely close to it.
@Suite("Route compare (R9)")
struct RouteCompareTests {
  /// A repetitive-generation case in which every fact is uncertain and both routes can be
  /// liable when the other is not (fault and the technology-limit defence bind only the tort).
  static func scenario(route: Route) -> Scenario {
    var terms = CaseTerms(act: .repetitiveGeneration, claimant: .naturalPerson,
                          rights: [.reproduction, .attribution])
    terms.route = route
    terms.claim = Yuan(100_000)
    terms.infringementDate = CivilDate(year: 2025, month: 3, day: 1)
    terms.options.contractExpenses = true
    terms.defendants = [Defendant(name: "AI provider", role: .provider, form: .sole)]
    terms.defenses = [Defense(kind: .consent), Defense(kind: .technologyLimit, defendant: 0)]
    var s = Scenario(title: "compare", terms: terms)
    s.facts[.actualLoss] = .lognormal(median: 20_000, sigma: 0.9)
    s.facts[.illegalGains] = .lognormal(median: 40_000, sigma: 1.1)
    s.facts.provenLoss = 0.5
    s.facts.provenGains = 0.3
    s.facts[.statutoryAward] = .pert(min: 5_000, mode: 20_000, max: 80_000, lambda: 4)
    s.facts[.liquidatedDamages] = .uniform(min: 10_000, max: 60_000)
    s.facts.intentional = 0.4
    s.facts.serious = 0.3
    s.facts[.multiplier] = .pert(min: 1, mode: 2, max: 4, lambda: 4)
    s.facts.seriousMentalHarm = 0.1
    s.facts[.mentalDistress] = .uniform(min: 1_000, max: 10_000)
    s.facts[.expenses] = .uniform(min: 5_000, max: 15_000)
    s.liability.work = 0.8
    s.liability.infringement = 0.7
    s.liability.causation = 0.9
    s.liability.fault = 0.6
    s.liability.defenseSuccess = [0.2, 0.3]
    s.correlations = [Correlation(.actualLoss, .illegalGains, rho: 0.5)]
    return s
  }

  static func expectSame(_ a: RouteResult, _ b: RouteResult) {
    #expect(a.route == b.route)
    #expect(a.award == b.award)
    #expect(a.compensation == b.compensation)
    #expect(a.punitive == b.punitive)
    #expect(a.mentalDistress == b.mentalDistress)
    #expect(a.expenses == b.expenses)
    #expect(a.feeShare == b.feeShare)
    #expect(a.netRecovery == b.netRecovery)
    #expect(a.basis == b.basis)
    #expect(a.pPunitive == b.pPunitive)
    #expect(a.pLiable == b.pLiable)
    #expect(a.defendants.map(\.exposure) == b.defendants.map(\.exposure))
    #expect(a.defendants.map(\.share) == b.defendants.map(\.share))
  }

  @Test("R9: each side of route: compare equals that route simulated alone, same seed")
  func compareSidesEqualSingleRoutes() throws {
    let options = SimulationOptions(runs: 150_000, seed: 11, threads: 2)
    let both = try Simulation.run(Self.scenario(route: .compare), options: options)
    let tort = try Simulation.run(Self.scenario(route: .tort), options: options)
    let contract = try Simulation.run(Self.scenario(route: .contract), options: options)
    let bothTort = try #require(both.tort)
    let bothContract = try #require(both.contract)
    Self.expectSame(bothTort, try #require(tort.tort))
    Self.expectSame(bothContract, try #require(contract.contract))
    #expect(tort.contract == nil && contract.tort == nil)
    // The two routes really differ here, so the equalities above are not between copies.
    #expect(bothTort.award != bothContract.award)
    #expect(bothTort.pLiable < bothContract.pLiable, "fault and tort defences bind only the tort")
    #expect(both.recommended != nil)
  }
}

/// R8 in the simulation: the final shares divide each run's award exactly, and no defendant can
/// be made to pay more than the award.
@Suite("Defendants in the simulation (R8)")
struct SimulatedDefendantsTests {
  /// Two joint infringers and a platform that ignored a notice and may reach the safe harbour.
  static func scenario() -> Scenario {
    var terms = CaseTerms(act: .illegalUse, claimant: .naturalPerson,
                          rights: [.attribution, .networkDissemination])
    terms.claim = Yuan(60_000)
    terms.infringementDate = CivilDate(year: 2025, month: 8, day: 1)
    terms.defendants = [
      Defendant(name: "user", role: .infringer, form: .joint, share: 0.7),
      Defendant(name: "operator", role: .infringer, form: .joint, share: 0.3),
      Defendant(name: "platform", role: .platform, form: .noticeIgnored, share: 0.5,
                expandedFraction: 0.4),
    ]
    terms.defenses = [Defense(kind: .safeHarbor, defendant: 2)]
    var s = Scenario(title: "three defendants", terms: terms)
    s.facts[.illegalGains] = .lognormal(median: 12_000, sigma: 1)
    s.facts.provenGains = 0.35
    s.facts[.statutoryAward] = .pert(min: 3_000, mode: 12_000, max: 40_000, lambda: 4)
    s.facts.intentional = 0.5
    s.facts.serious = 0.3
    s.facts[.multiplier] = .pert(min: 1, mode: 2, max: 3, lambda: 4)
    s.facts[.expenses] = .uniform(min: 4_000, max: 9_000)
    s.liability.work = 0.85
    s.liability.fault = 0.9
    s.liability.defenseSuccess = [0.25]
    return s
  }

  @Test("R8: the defendants' final shares add up to the award; no exposure exceeds it")
  func sharesAddUpToTheAward() throws {
    let r = try Simulation.run(Self.scenario(),
                               options: SimulationOptions(runs: 100_000, seed: 3, threads: 2))
    let route = r.primary
    #expect(route.defendants.count == 3)
    // Per run, the shares sum to the award; so their means sum to the award's mean.
    let sumOfShares = route.defendants.reduce(0) { $0 + $1.share.mean }
    #expect(abs(sumOfShares - route.award.mean) <= 1e-9 * route.award.mean,
            "shares \(sumOfShares) vs award \(route.award.mean)")
    for d in route.defendants {
      // Per run, exposure ≤ award; so every order statistic is too.
      let e = d.exposure, a = route.award
      for (x, y) in zip([e.min, e.p5, e.p10, e.p25, e.p50, e.p75, e.p90, e.p95, e.p99, e.max],
                        [a.min, a.p5, a.p10, a.p25, a.p50, a.p75, a.p90, a.p95, a.p99, a.max]) {
        #expect(x <= y * (1 + 1e-12), "\(d.name): exposure \(x) above award \(y)")
      }
      #expect(d.share.mean <= d.exposure.mean * (1 + 1e-12), "\(d.name)")
    }
    // The platform: exposed to 40 % of the award when not in the safe harbour (75 % of the
    // liable runs), finally bearing half of that.
    let platform = route.defendants[2]
    let expectedExposure = 0.4 * 0.75 * route.award.mean
    #expect(abs(platform.exposure.mean - expectedExposure) < 0.05 * expectedExposure)
    #expect(abs(platform.share.mean - platform.exposure.mean / 2) <= 1e-9 * platform.exposure.mean)
    // The joint infringers are each exposed to the whole award in every liable run.
    #expect(route.defendants[0].exposure == route.award)
    #expect(route.defendants[1].exposure == route.award)
  }
}

public import DamagesLaw

/// The outcome of a scenario on one route with each fact at its most likely reading, explained.
public struct RouteEstimate: Sendable {
  public var outcome: Outcome
  public var steps: [Step]
  /// R8: each defendant's exposure and final share, in yuan.
  public var defendants: [DefendantAmount]
  /// R11
  public var remedies: [Remedy]
  /// R7: the exact probability that liability holds on this route (``LiabilityProbability``).
  public var pLiable: Double

  /// Whether the reading of each fact at its most likely value gives another answer on
  /// liability than the probability does: liable although liability holds with probability
  /// below 0.5, or not liable although it holds with probability above 0.5.
  public var readingMisleads: Bool {
    outcome.isLiable ? pLiable < 0.5 : pLiable > 0.5
  }
}

/// One defendant's exposure and share in yuan (R8).
public struct DefendantAmount: Sendable {
  public var defendant: Defendant
  public var exposure: Yuan
  public var share: Yuan
}

/// `damages estimate` (docs/scenario-format.md, How the scenario is read): the facts at their
/// medians and thresholds, the rules applied, and the exact probability that liability holds.
public struct EstimateResult: Sendable {
  public var title: String
  public var facts: Facts
  /// The tort route (nil on `route: contract`).
  public var tort: RouteEstimate?
  /// The contract route (nil on `route: tort`).
  public var contract: RouteEstimate?

  public var primary: RouteEstimate { tort ?? contract! }

  /// For `route: compare`: the route with the higher net recovery (ties: tort).
  public var recommended: Route? {
    guard let tort, let contract else { return nil }
    return contract.outcome.netRecovery > tort.outcome.netRecovery ? .contract : .tort
  }

  public init(_ scenario: Scenario) throws(SimulationError) {
    title = scenario.title
    let facts: Facts
    do { facts = try PointEstimate.facts(for: scenario) } catch { throw .gsl(error) }
    self.facts = facts
    let terms = scenario.terms
    let assessor = Assessor(terms: terms)
    func explain(_ o: Outcome) -> RouteEstimate {
      var steps = Narration.steps(for: o, facts: facts, terms: terms)
      let fractions = o.isLiable ? Apportionment.fractions(for: terms.defendants, exempt: o.exemptDefendants) : nil
      var amounts: [DefendantAmount] = []
      for (i, d) in terms.defendants.enumerated() {
        let f = fractions?[i]
        amounts.append(DefendantAmount(
          defendant: d, exposure: o.award * (f?.exposure ?? 0), share: o.award * (f?.share ?? 0)))
      }
      if terms.defendants.count > 1 || terms.defendants.first?.form != .sole {
        steps += amounts.map {
          Apportionment.step(for: $0.defendant, exposure: $0.exposure, share: $0.share)
        }
      }
      if let fee = o.fee, let claim = terms.claim {
        steps += FilingFee.steps(
          claim: claim, fee: fee, procedure: terms.procedure,
          allocation: terms.options.feeAllocation, claimantShare: o.feeShare,
          netRecovery: o.netRecovery)
      }
      let remedies = Remedy.available(for: terms, liable: o.isLiable)
      if let step = Remedy.step(for: remedies, act: terms.act) { steps.append(step) }
      return RouteEstimate(
        outcome: o, steps: steps, defendants: amounts, remedies: remedies,
        pLiable: LiabilityProbability.exact(scenario, route: o.route))
    }
    tort = terms.route != .contract ? explain(assessor.tort(facts)) : nil
    contract = terms.route != .tort ? explain(assessor.contract(facts)) : nil
  }
}

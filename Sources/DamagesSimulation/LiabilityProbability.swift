public import DamagesLaw

/// The exact probability that liability holds on a route (R7), in closed form from the
/// scenario's independent probabilities: what `damages estimate` states beside its reading of
/// each fact, and what a simulation estimates as its share of liable runs.
///
/// Tort: the four elements (work, infringement, causation, fault) × no case-wide defence
/// succeeding (not-a-work, fair use, consent) × not every defendant exempt by its own defence
/// (third-party fault, technology limit, safe harbour; a defendant is exempt when any defence
/// it raises succeeds). Contract (R9): work × infringement × causation (liability is strict,
/// Civil Code Art. 577) × consent not succeeding; no defendant is exempt there.
public enum LiabilityProbability {
  public static func exact(_ scenario: Scenario, route: Route) -> Double {
    let l = scenario.liability
    let defenses = scenario.terms.defenses
    let contract = route == .contract
    var p = l.work * l.infringement * l.causation * (contract ? 1 : l.fault)
    for (i, d) in defenses.enumerated() where contract ? d.kind.appliesInContract : d.kind.isCaseWide {
      p *= 1 - l.defenseSuccess[i]
    }
    if contract { return p }
    // Each defendant's chance of being exempt: 1 − Π(1 − success) over the defences it raises.
    var notExempt = [Double](repeating: 1, count: scenario.terms.defendants.count)
    for (i, d) in defenses.enumerated() where !d.kind.isCaseWide {
      if let who = d.defendant { notExempt[who] *= 1 - l.defenseSuccess[i] }
    }
    let everyoneExempt = notExempt.reduce(1) { $0 * (1 - $1) }
    return p * (1 - everyoneExempt)
  }
}

package import DamagesLaw
package import DamagesSimulation

/// What the reports need to say in the scenario file's own terms: which sweep paths are
/// amounts, and whether the reader would accept a fitted law for a fact.
///
/// Package access: the reports share the reader's knowledge rather than repeat it, but it is
/// not part of the public API.
package enum ScenarioTerms {
  /// Whether the sweep path (`facts.illegal_gains`, `case.claim`) names an amount of yuan.
  package static func isMoney(path: String) -> Bool {
    SweepTarget(path: path)?.isMoney == true
  }

  /// Why a scenario would refuse `distribution` as the law of `fact`, in the reader's own
  /// words; nil when the reader accepts it.
  package static func refusal(
    of distribution: Distribution, for fact: FactKey, under text: CopyrightText
  ) -> String? {
    ScenarioRules.problem(with: distribution, for: fact, under: text)?.message
  }

  /// The bounds a scenario sets for `fact`, as a message states them: `1 to 5 (R4)`; nil for
  /// an amount that need only not reach below 0.
  package static func bounds(of fact: FactKey, under text: CopyrightText) -> String? {
    ScenarioRules.bounds(of: fact, under: text).map {
      "\(Format.number($0.range.lowerBound)) to \(Format.number($0.range.upperBound)) (\($0.citation))"
    }
  }
}

public import DamagesLaw

/// A fact of a scenario that can be uncertain with a distribution (and so can be correlated or
/// swept). The raw value is the scenario key under `facts`.
public enum FactKey: String, CaseIterable, Sendable, Comparable {
  case actualLoss = "actual_loss"
  case illegalGains = "illegal_gains"
  case licenseFee = "license_fee"
  case licenseFeeMultiple = "license_fee_multiple"
  case statutoryAward = "statutory_award"
  case multiplier
  case mentalHarmScore = "mental_harm_score"
  case mentalDistress = "mental_distress"
  case expenses
  case liquidatedDamages = "liquidated_damages"
  /// R3 per work: the statutory award per work, times `case.works`. Last, so that the facts
  /// before it keep their coordinates in a run's point.
  case statutoryAwardPerWork = "statutory_award_per_work"

  /// Money facts: a `normal` defaults to `min: 0` for them and no support may reach below 0.
  public var isMoney: Bool {
    switch self {
    case .actualLoss, .illegalGains, .licenseFee, .statutoryAward, .mentalDistress, .expenses,
      .liquidatedDamages, .statutoryAwardPerWork:
      true
    case .licenseFeeMultiple, .multiplier, .mentalHarmScore: false
    }
  }

  public static func < (a: FactKey, b: FactKey) -> Bool {
    allCases.firstIndex(of: a)! < allCases.firstIndex(of: b)!
  }
}

/// The facts of a scenario with their uncertainty (docs/scenario-format.md, Every key, `facts`). A probability is a
/// number in [0, 1] (`true` is 1, `false` 0).
public struct UncertainFacts: Hashable, Sendable {
  public var values: [FactKey: Distribution] = [:]
  /// Probability that the court accepts each figure (default 1 if the figure is given, else 0).
  public var provenLoss = 0.0
  public var provenGains = 0.0
  public var provenLicenseFee = 0.0
  public var intentional = 0.0
  public var serious = 0.0
  /// Probability that the mental harm is serious (when not scored).
  public var seriousMentalHarm = 0.0
  /// R6 threshold for `mental_harm_score`.
  public var mentalHarmThreshold = MentalDistress.defaultThreshold
  public var mentalDistressCap: Double?

  public init() {}

  public subscript(_ key: FactKey) -> Distribution? {
    get { values[key] }
    set { values[key] = newValue }
  }
}

/// The liability probabilities of a scenario (R7): each element, and each defence's success
/// (aligned with ``DamagesLaw/CaseTerms/defenses``).
public struct UncertainLiability: Hashable, Sendable {
  public var work = 1.0
  public var infringement = 1.0
  public var causation = 1.0
  public var fault = 1.0
  public var defenseSuccess: [Double] = []
  public init() {}
}

/// A Spearman rank correlation between two distribution facts (docs/scenario-format.md, Correlations).
public struct Correlation: Hashable, Sendable {
  public var first: FactKey
  public var second: FactKey
  public var rho: Double
  public init(_ first: FactKey, _ second: FactKey, rho: Double) {
    self.first = first
    self.second = second
    self.rho = rho
  }
}

/// How the runs sample the uncertain inputs (docs/scenario-format.md, Every key, `simulation.sampling`).
///
/// Every finding (a probability) and every drawn fact is one coordinate of a run's point in
/// the unit cube, turned into its value by the inverse CDF (a finding is true when its
/// coordinate is below its probability; correlated facts go through the Gaussian copula).
/// `random` draws the points independently; `lhs` and `sobol` spread each replicate of
/// ``Simulation/replicateSize`` runs evenly over the cube, so their means vary less, and
/// their standard errors are estimated from the spread of the independent replicates' means.
public enum Sampling: String, CaseIterable, Sendable {
  /// Independent pseudo-random draws (GSL's taus2); the standard error is sd / √N.
  case random
  /// Latin hypercube: in each replicate every coordinate takes one value in each of n equal
  /// strata, the strata of the coordinates paired by independent random permutations.
  case lhs
  /// Sobol points (GSL's `gsl_qrng_sobol`), each replicate shifted by its own uniform random
  /// vector modulo 1 (a Cranley–Patterson rotation), so that every point is uniform and the
  /// replicates are independent.
  case sobol
}

/// Run settings (docs/scenario-format.md, Every key, `simulation`).
public struct SimulationSettings: Hashable, Sendable {
  public var runs = 100_000
  public var seed: UInt64 = 1
  /// nil: all cores.
  public var threads: Int?
  public var sampling = Sampling.random
  public init() {}
}

/// One axis of a sweep (docs/scenario-format.md, Sweeps): a dotted path and the values it takes.
public struct SweepAxis: Hashable, Sendable {
  public var path: String
  public var values: [Double]
  public init(path: String, values: [Double]) {
    self.path = path
    self.values = values
  }
}

/// A scenario: the case, its uncertain facts and how to simulate it. Read from a scenario file
/// by DamagesScenario, which validates it; everything here may be assumed valid.
public struct Scenario: Sendable {
  public var title: String
  public var source: String?
  public var terms: CaseTerms
  public var facts = UncertainFacts()
  public var liability = UncertainLiability()
  public var correlations: [Correlation] = []
  public var simulation = SimulationSettings()
  public var sweep: [SweepAxis] = []

  public init(title: String, terms: CaseTerms) {
    self.title = title
    self.terms = terms
  }
}

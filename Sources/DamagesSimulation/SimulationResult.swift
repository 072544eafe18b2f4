public import DamagesLaw

/// The simulated outcome on one route (docs/simulation.md).
public struct RouteResult: Sendable {
  public var route: Route
  public var award: DistributionSummary
  public var compensation: DistributionSummary
  public var punitive: DistributionSummary
  public var mentalDistress: DistributionSummary
  public var expenses: DistributionSummary
  public var feeShare: DistributionSummary
  public var netRecovery: DistributionSummary
  /// The share of runs decided on each basis (summing to 1; `none` for runs without liability).
  public var basis: [Basis: Double]
  public var pPunitive: Double
  public var pLiable: Double
  /// The share of runs in which the claim cap bound.
  public var pCapped: Double
  /// The acceptance fee on the claim (nil without a claim).
  public var fee: Double?
  public var defendants: [DefendantResult]
}

/// One defendant's exposure and final share as distributions (R8).
public struct DefendantResult: Sendable {
  public var name: String
  public var role: Role
  public var form: LiabilityForm
  public var exposure: DistributionSummary
  public var share: DistributionSummary
}

/// A simulation's result.
public struct SimulationResult: Sendable {
  public var title: String
  public var runs: Int
  public var seed: UInt64
  /// The tort route's result (nil on `route: contract`).
  public var tort: RouteResult?
  /// The contract route's result (nil on `route: tort`).
  public var contract: RouteResult?
  /// With ``SimulationOptions/keepAwards``: the award of each liable run on the primary route,
  /// in run order.
  public var liableAwards: [Double]?

  /// Passes over the runs: 1 when the values fit in memory, 2 in the bounded-memory mode
  /// (the second pass collects the values near each wanted percentile).
  public var passes = 1
  /// How many reported percentiles (over every metric) were interpolated in their histogram
  /// slot, within 2^-11 of the exact value, because the bounded-memory mode's budget could not
  /// hold their slot; 0 when every percentile is exact.
  public var interpolatedPercentiles = 0
  /// The primary route's award histogram (for the percentile intervals of auto-stop).
  var awardHistogram: LogHistogram?
  /// Stratified samplings: the number of independent replicates (0 for random sampling).
  public var replicates = 0
  /// The most block outputs the engine held at once (a few in the bounded-memory mode,
  /// whatever the run count; every block in exact mode).
  var peakHeldBlocks = 0
  /// Exact mode: the wanted histogram slots (over every metric) that the blocks after the
  /// pilot had not kept, collected by a second pass over those blocks (0 when the pilot's
  /// histogram foresaw every one).
  var recollectedSlots = 0

  /// The route reported first: tort unless the scenario chose contract.
  public var primary: RouteResult { tort ?? contract! }

  /// For `route: compare`: the route with the higher expected net recovery (ties: tort).
  public var recommended: Route? {
    guard let tort, let contract else { return nil }
    return contract.netRecovery.mean > tort.netRecovery.mean ? .contract : .tort
  }
}

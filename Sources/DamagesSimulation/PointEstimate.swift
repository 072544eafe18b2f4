public import DamagesLaw
public import GSL

/// Each fact at its most likely reading (docs/scenario-format.md, How the scenario is read:
/// `damages estimate`): each distribution at its median, each
/// probability ≥ 0.5 taken as true, each on its own (never the product of R7.2).
public enum PointEstimate {
  /// Whether a probability counts as true.
  public static func holds(_ p: Double) -> Bool { p >= 0.5 }

  /// The facts, each at its most likely reading.
  public static func facts(for scenario: Scenario) throws(GSLError) -> Facts {
    let u = scenario.facts
    func median(_ key: FactKey) throws(GSLError) -> Double? { try u[key]?.median() }
    var f = Facts()
    f.actualLoss = try median(.actualLoss).map { Yuan($0) }
    f.illegalGains = try median(.illegalGains).map { Yuan($0) }
    f.licenseFee = try median(.licenseFee).map { Yuan($0) }
    f.lossProven = f.actualLoss != nil && holds(u.provenLoss)
    f.gainsProven = f.illegalGains != nil && holds(u.provenGains)
    f.licenseFeeProven = f.licenseFee != nil && holds(u.provenLicenseFee)
    f.licenseFeeMultiple = try median(.licenseFeeMultiple) ?? 1
    f.statutoryAward = try median(.statutoryAward).map { Yuan($0) }
    f.statutoryAwardPerWork = try median(.statutoryAwardPerWork).map { Yuan($0) }
    f.intentional = holds(u.intentional)
    f.serious = holds(u.serious)
    f.multiplier = try median(.multiplier)
    if let score = try median(.mentalHarmScore) {
      f.mentalHarm = .scored(score: score, threshold: u.mentalHarmThreshold)
    } else {
      f.mentalHarm = .found(holds(u.seriousMentalHarm))
    }
    f.mentalDistress = Yuan(try median(.mentalDistress) ?? 0)
    f.mentalDistressCap = u.mentalDistressCap.map { Yuan($0) }
    f.expenses = Yuan(try median(.expenses) ?? 0)
    f.liquidatedDamages = try median(.liquidatedDamages).map { Yuan($0) }
    let l = scenario.liability
    f.elements = Elements(
      work: holds(l.work), infringement: holds(l.infringement), causation: holds(l.causation),
      fault: holds(l.fault))
    for (i, p) in l.defenseSuccess.enumerated() { f.defenses.set(i, holds(p)) }
    return f
  }
}

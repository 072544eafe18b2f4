/// The basis on which compensation is calculated.
public enum Basis: String, CaseIterable, Sendable {
  /// R1: the right holder's actual loss (实际损失).
  case actualLoss = "actual_loss"
  /// R1: the infringer's illegal gains (违法所得).
  case illegalGains = "illegal_gains"
  /// R2: a multiple of the license fee (权利使用费).
  case licenseFee = "license_fee"
  /// R3: statutory damages (法定赔偿).
  case statutory
  /// R9: liquidated damages agreed in the service agreement (违约金), contract route only.
  case liquidatedDamages = "liquidated_damages"
  /// Not liable.
  case none

  public var chinese: String {
    switch self {
    case .actualLoss: "实际损失"
    case .illegalGains: "违法所得"
    case .licenseFee: "许可使用费倍数"
    case .statutory: "法定赔偿"
    case .liquidatedDamages: "违约金"
    case .none: "不承担责任"
    }
  }
  public var english: String {
    switch self {
    case .actualLoss: "actual loss"
    case .illegalGains: "illegal gains"
    case .licenseFee: "license fee"
    case .statutory: "statutory damages"
    case .liquidatedDamages: "liquidated damages"
    case .none: "none"
    }
  }
}

/// R1: which figure the claimant elects when both actual loss and illegal gains are proven.
///
/// Legal source: Copyright Law Art. 54 ¶1 (R1).
public enum Election: String, CaseIterable, Sendable {
  /// The larger of the two; equal figures give actual loss.
  case larger
  /// Actual loss when proven, else illegal gains.
  case actualLoss = "actual-loss"
  /// Illegal gains when proven, else actual loss.
  case illegalGains = "illegal-gains"
}

/// The proven figures a court can build compensation on. A figure is nil when the scenario
/// gives none or the court does not accept it.
public struct ProvenFigures: Hashable, Sendable {
  public var actualLoss: Yuan?
  public var illegalGains: Yuan?
  public var licenseFee: Yuan?
  /// The multiple applied to the license fee (R2), within 1 to 5.
  public var licenseFeeMultiple: Double
  /// The statutory award the court would fix if nothing is proven (R3).
  public var statutoryAward: Yuan?

  @inlinable
  public init(actualLoss: Yuan? = nil, illegalGains: Yuan? = nil, licenseFee: Yuan? = nil,
              licenseFeeMultiple: Double = 1, statutoryAward: Yuan? = nil) {
    self.actualLoss = actualLoss
    self.illegalGains = illegalGains
    self.licenseFee = licenseFee
    self.licenseFeeMultiple = licenseFeeMultiple
    self.statutoryAward = statutoryAward
  }
}

/// R1 to R3: the order of the methods of calculation. Actual loss or illegal gains first (R1,
/// with the claimant's election when both are proven); then the license fee (R2); then
/// statutory damages (R3).
///
/// Legal source: Copyright Law Art. 54 ¶1, ¶2 (R1, R2, R3).
public enum CompensationBasis {
  /// The basis and the base amount (before punitive damages). Returns `(.none, 0)` only when
  /// nothing is proven and no statutory award is given, which validation excludes.
  @inlinable
  public static func choose(_ figures: ProvenFigures, election: Election) -> (basis: Basis, base: Yuan) {
    switch (figures.actualLoss, figures.illegalGains) {
    case let (loss?, gains?):
      switch election {
      case .larger: return gains > loss ? (.illegalGains, gains) : (.actualLoss, loss)
      case .actualLoss: return (.actualLoss, loss)
      case .illegalGains: return (.illegalGains, gains)
      }
    case let (loss?, nil): return (.actualLoss, loss)
    case let (nil, gains?): return (.illegalGains, gains)
    case (nil, nil): break
    }
    if let fee = figures.licenseFee {
      return (.licenseFee, LicenseFee.base(fee: fee, multiple: figures.licenseFeeMultiple))
    }
    if let award = figures.statutoryAward {
      return (.statutory, award)
    }
    return (.none, .zero)
  }
}

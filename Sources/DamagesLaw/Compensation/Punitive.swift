/// R4: punitive damages (惩罚性赔偿).
///
/// Open only if the infringement was intentional and the circumstances serious, the basis is
/// actual loss, illegal gains or a license-fee multiple (never statutory damages: the
/// Interpretation's calculation base lists only those three), and the infringement lasted to
/// 2021-01-01 or later (``ApplicableLaw``: Civil Code Art. 1185 from that day, Copyright Law
/// Art. 54 ¶1 as well from 2021-06-01; before, no text provided them). A court grants them only on the
/// claimant's request; a scenario that gives `intentional` and `serious` is taken to request
/// them. The base excludes reasonable expenses. The multiplier lies within 1 to 5 and need not
/// be whole.
///
/// Legal source: Copyright Law Art. 54 ¶1; Civil Code Art. 1185; 法释〔2021〕4号 Arts. 1–6;
/// 法释〔2020〕15号 Art. 1 ¶3 (R4).
public enum Punitive {
  /// The range of the multiplier (一倍以上五倍以下).
  public static let multiplierRange: ClosedRange<Double> = 1...5

  /// Why punitive damages did or did not apply.
  public enum Status: String, Sendable {
    case applied
    case notIntentional
    case notSerious
    case statutoryBasis
    /// The infringement ended before 2021-01-01: no text provided punitive damages.
    case beforeCivilCode
    case notLiable
  }

  /// Whether punitive damages apply (the gate of R4).
  @inlinable
  public static func gate(
    intentional: Bool, serious: Bool, basis: Basis, law: ApplicableLaw.PunitiveBasis
  ) -> Status {
    if law == .unavailable { return .beforeCivilCode }
    if !intentional { return .notIntentional }
    if !serious { return .notSerious }
    switch basis {
    case .actualLoss, .illegalGains, .licenseFee: return .applied
    case .statutory, .liquidatedDamages, .none: return .statutoryBasis
    }
  }

  /// The punitive part: the amount above the base.
  /// - additive: base × multiplier, so the compensation is base + base × multiplier;
  /// - inclusive: base × (multiplier − 1), so the compensation is base × multiplier.
  @inlinable
  public static func amount(base: Yuan, multiplier: Double, reading: PunitiveReading) -> Yuan {
    switch reading {
    case .additive: base * multiplier
    case .inclusive: base * (multiplier - 1)
    }
  }
}

/// The two readings of "一倍以上五倍以下" (R4). The point is unsettled; every explanation says
/// which reading was used.
public enum PunitiveReading: String, CaseIterable, Sendable {
  /// Compensation = base + base × multiplier (Beijing High People's Court 2022 Guidelines §3.1).
  case additive
  /// Compensation = base × multiplier (the literal reading of Art. 54 ¶1; (2019)苏民终1316号).
  case inclusive

  public var source: String {
    switch self {
    case .additive: LegalSource.beijingGuideline2022
    case .inclusive: LegalSource.literalArt54
    }
  }
}

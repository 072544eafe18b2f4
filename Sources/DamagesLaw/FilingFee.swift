/// R10: the acceptance fee (案件受理费) of a property claim, cumulative by bracket on the amount
/// claimed; an IP case with a money claim uses the property scale. Summary procedure halves it.
/// The losing party bears the fee; on a partial win the court decides the split.
///
/// Legal source: 《诉讼费用交纳办法》 Arts. 13(1), 13(3), 16, 29 (R10).
public enum FilingFee {
  /// One bracket of Art. 13(1): the part of the claim from `lower` to `upper` pays `rate`
  /// (the first bracket is a flat 50 yuan).
  public struct Bracket: Hashable, Sendable {
    public var lower: Double
    public var upper: Double?
    public var rate: Double
  }

  /// The brackets of Art. 13(1).
  public static let brackets: [Bracket] = [
    Bracket(lower: 0, upper: 10_000, rate: 0),  // flat 50 yuan
    Bracket(lower: 10_000, upper: 100_000, rate: 0.025),
    Bracket(lower: 100_000, upper: 200_000, rate: 0.02),
    Bracket(lower: 200_000, upper: 500_000, rate: 0.015),
    Bracket(lower: 500_000, upper: 1_000_000, rate: 0.01),
    Bracket(lower: 1_000_000, upper: 2_000_000, rate: 0.009),
    Bracket(lower: 2_000_000, upper: 5_000_000, rate: 0.008),
    Bracket(lower: 5_000_000, upper: 10_000_000, rate: 0.007),
    Bracket(lower: 10_000_000, upper: 20_000_000, rate: 0.006),
    Bracket(lower: 20_000_000, upper: nil, rate: 0.005),
  ]

  /// The flat fee of the first bracket.
  public static let minimumFee = 50.0

  /// The part of the fee that falls in each bracket the claim reaches (before halving).
  public static func breakdown(claim: Yuan) -> [(bracket: Bracket, amount: Yuan)] {
    precondition(claim.value > 0, "R10: the claim must be positive")
    var parts: [(Bracket, Yuan)] = []
    for bracket in brackets where claim.value > bracket.lower || bracket.lower == 0 {
      if bracket.lower == 0 {
        parts.append((bracket, Yuan(minimumFee)))
        continue
      }
      let top = bracket.upper.map { Swift.min($0, claim.value) } ?? claim.value
      parts.append((bracket, Yuan((top - bracket.lower) * bracket.rate)))
    }
    return parts
  }

  /// The acceptance fee on a claim, halved under summary procedure. Exact: no rounding.
  public static func fee(claim: Yuan, procedure: Procedure) -> Yuan {
    let total = breakdown(claim: claim).reduce(Yuan.zero) { $0 + $1.amount }
    return procedure == .summary ? total * 0.5 : total
  }

  /// The claimant's share of the fee (Art. 29).
  /// - proportional: fee × (claim − award) / claim, 0 when the award reaches the claim, the
  ///   whole fee when not liable;
  /// - loser-pays: 0 when a defendant is liable, the whole fee when not.
  @inlinable
  public static func claimantShare(fee: Yuan, claim: Yuan, award: Yuan, liable: Bool,
                                   allocation: FeeAllocation) -> Yuan {
    guard liable else { return fee }
    switch allocation {
    case .loserPays:
      return .zero
    case .proportional:
      if award >= claim { return .zero }
      return fee * ((claim - award) / claim)
    }
  }
}

/// Who bears the acceptance fee on a partial win (R10).
public enum FeeAllocation: String, CaseIterable, Sendable {
  /// The claimant bears (claim − award) / claim of the fee: common practice, not law.
  case proportional
  /// A liable defendant bears the whole fee (as in (2023)京0491民初11279).
  case loserPays = "loser-pays"
}

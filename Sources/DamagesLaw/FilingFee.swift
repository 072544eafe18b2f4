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

extension FilingFee {
  /// R10's steps of an explanation: the fee on the claim and the claimant's share of it, then
  /// the net recovery.
  public static func steps(
    claim: Yuan, fee: Yuan, procedure: Procedure, allocation: FeeAllocation, claimantShare: Yuan,
    netRecovery: Yuan
  ) -> [Step] {
    let halved = procedure == .summary
    return [
      Step(
        rule: "R10",
        source: LegalSource.feeMeasuresArt13 + (halved ? "; " + LegalSource.feeMeasuresArt16 : ""),
        chinese: "诉讼请求 \(Narration.yuan(claim)) 元，案件受理费 \(FeeFormat.twoDecimals(fee)) 元\(halved ? "（简易程序减半）" : "")，原告负担 \(FeeFormat.twoDecimals(claimantShare)) 元。",
        english: "Claim \(Narration.yuan(claim)) yuan: acceptance fee \(FeeFormat.twoDecimals(fee)) yuan\(halved ? " (halved, summary procedure)" : ""), of which the claimant bears \(FeeFormat.twoDecimals(claimantShare)) yuan (\(allocation.rawValue)).",
        amount: claimantShare, isFee: true),
      Step(
        rule: "R10", source: LegalSource.feeMeasuresArt29,
        chinese: "净回收 = 判赔额 − 原告负担的受理费 − 已支出的合理开支。",
        english: "Net recovery = award − the claimant's fee share − the expenses spent.",
        amount: netRecovery),
    ]
  }
}

/// Fees print with two decimals, to the fen (R10: no rounding inside a calculation).
public enum FeeFormat {
  public static func twoDecimals(_ amount: Yuan) -> String {
    // cents must fit in an Int64; no fee comes near
    guard abs(amount.value) < 1e15 else { return Narration.yuan(amount) }
    let cents = (amount.value * 100).rounded(.toNearestOrAwayFromZero)
    let whole = Narration.yuan(Yuan((cents / 100).rounded(.towardZero)))
    var frac = String(Int64(abs(cents)) % 100)
    if frac.count < 2 { frac = "0" + frac }
    return "\(whole).\(frac)"
  }
}

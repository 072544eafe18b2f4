/// R9: damages for breach of the service agreement (the contract route).
///
/// Repetitive generation is also a breach of the service agreement, and the claimant chooses
/// one route (Civil Code Art. 186). Contract liability is strict (Art. 577): fault and the tort
/// defences other than consent do not apply; the work, the breach and causation do. Damages are
/// the proven actual loss (the foreseeable loss, Art. 584), or the liquidated damages agreed.
/// Liquidated damages exceeding the loss by more than 30 % are presumed excessive and reduced,
/// on the defendant's request (assumed made), to the cap ratio × loss, except for an
/// intentional breach; liquidated damages below a proven loss are raised to the loss
/// (Art. 585 ¶2). Reasonable expenses are added only where the agreement provides for them. No
/// statutory, punitive or mental-distress damages on this route.
///
/// Legal source: Civil Code Arts. 186, 577, 584, 585; 法释〔2023〕13号 Art. 65 (R9).
public enum ContractDamages {
  /// Liquidated damages above this multiple of the loss are presumed excessive (法释〔2023〕13号
  /// Art. 65 ¶2: "超过造成损失的百分之三十").
  public static let excessiveRatio = 1.3

  /// What happened to the liquidated damages.
  public enum Adjustment: String, Sendable {
    case none
    case reducedToCap
    case notReducedIntentional
    case raisedToLoss
  }

  /// The contract damages and their basis.
  @inlinable
  public static func damages(
    provenLoss: Yuan?, liquidated: Yuan?, intentional: Bool, capRatio: Double
  ) -> (basis: Basis, amount: Yuan, adjustment: Adjustment) {
    if let agreed = liquidated {
      guard let loss = provenLoss else { return (.liquidatedDamages, agreed, .none) }
      // Art. 65 ¶2: more than 30 % above the loss is presumed excessive; the reduction goes to
      // the cap ratio × the loss.
      let cap = loss * capRatio
      if agreed > loss * excessiveRatio && agreed > cap {
        return intentional
          ? (.liquidatedDamages, agreed, .notReducedIntentional)
          : (.liquidatedDamages, cap, .reducedToCap)
      }
      if agreed < loss { return (.liquidatedDamages, loss, .raisedToLoss) }
      return (.liquidatedDamages, agreed, .none)
    }
    if let loss = provenLoss { return (.actualLoss, loss, .none) }
    return (.none, .zero, .none)
  }
}

extension Route {
  /// Whether the route is open for an act (R9). Tort always is. The contract route, and so a
  /// comparison of the two, only for repetitive generation: only there does a service agreement
  /// bind the claimant and the defendant, and the claimant chooses one route.
  ///
  /// Legal source: Civil Code Arts. 186, 577 (R9).
  public func isOpen(for act: Act) -> Bool {
    self == .tort || act.bindsServiceAgreement
  }
}

extension Act {
  /// Whether the act is also a breach of the AI service's agreement between the parties, so
  /// that the claimant may sue in contract (R9): repetitive generation only. A simulation of
  /// such an act draws what both routes need whatever route is chosen, so that the routes see
  /// the same facts.
  ///
  /// Legal source: Civil Code Art. 186 (R9).
  public var bindsServiceAgreement: Bool { self == .repetitiveGeneration }
}

/// R6: mental-distress damages (精神损害赔偿).
///
/// Awarded only if all hold: the claimant is a natural person (a legal person cannot claim
/// them), at least one moral right is infringed (attribution, publication, modification,
/// integrity), and the harm is serious (an apology and the other non-money remedies would not
/// repair it). Seriousness is given directly or scored: serious when score ≥ threshold. The
/// amount is capped where a cap is given. Never multiplied, not part of the punitive base.
///
/// Legal source: Civil Code Art. 1183 ¶1; 法释〔2001〕7号 as amended by 法释〔2020〕17号 (R6).
public enum MentalDistress {
  /// The default score threshold.
  public static let defaultThreshold = 6.0

  /// How seriousness is established.
  public enum Harm: Hashable, Sendable {
    /// Serious or not, as found.
    case found(Bool)
    /// A score from 0 to 10 against a threshold: serious when score ≥ threshold.
    case scored(score: Double, threshold: Double)

    @inlinable public var isSerious: Bool {
      switch self {
      case let .found(serious): serious
      case let .scored(score, threshold): score >= threshold
      }
    }
  }

  /// Why mental-distress damages were or were not awarded.
  public enum Status: String, Sendable {
    case awarded
    case legalPerson
    case noMoralRight
    case notSerious
    case notLiable
  }

  /// The gate of R6.
  @inlinable
  public static func gate(claimant: Claimant, moralRightInfringed: Bool, harm: Harm) -> Status {
    if claimant == .legalPerson { return .legalPerson }
    if !moralRightInfringed { return .noMoralRight }
    if !harm.isSerious { return .notSerious }
    return .awarded
  }

  /// The amount awarded once the gate is passed: the amount, capped.
  @inlinable
  public static func amount(_ amount: Yuan, cap: Yuan?) -> Yuan {
    guard let cap else { return amount }
    return Swift.min(amount, cap)
  }
}

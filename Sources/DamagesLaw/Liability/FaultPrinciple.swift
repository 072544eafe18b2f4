/// The principle by which fault is judged (R7.1).
///
/// Under current law every act is judged by fault liability: the claimant proves fault. The
/// seed paper proposes presumed fault for repetitive generation (fault presumed from the
/// breach of the service agreement, rebuttable by the defendant); no statute provides for it
/// yet, so it is an option, and an error for the other acts.
///
/// Legal source: Civil Code Art. 1165 ¶1, ¶2 (R7.1).
public enum FaultPrinciple: String, CaseIterable, Sendable {
  /// 过错责任: the claimant must prove fault; `fault` is the probability that it does.
  case fault
  /// 过错推定 (a proposal of the literature): `fault` is the probability that the presumption
  /// is not rebutted. Only for repetitive generation.
  case presumed

  /// Whether the principle may be applied to an act.
  public func isAvailable(for act: Act) -> Bool {
    self == .fault || act == .repetitiveGeneration
  }
}

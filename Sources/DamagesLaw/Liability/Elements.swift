/// The four elements of tort liability (R7.2): an unlawful act on a protected work,
/// infringement found, causation, fault. Liability needs all four.
///
/// Legal source: Copyright Law Art. 3; Civil Code Art. 1165 ¶1 (R7.2).
public struct Elements: Hashable, Sendable {
  /// The generated image is held to be a work (Copyright Law Art. 3).
  public var work: Bool
  /// Infringement is found (the act, and for repetitive generation substantial similarity).
  public var infringement: Bool
  /// The act caused the harm.
  public var causation: Bool
  /// Fault is proven (or, under presumed fault, the presumption is not rebutted).
  public var fault: Bool

  @inlinable
  public init(work: Bool = true, infringement: Bool = true, causation: Bool = true, fault: Bool = true) {
    self.work = work
    self.infringement = infringement
    self.causation = causation
    self.fault = fault
  }

  /// The element that fails first, in the order the statute lists them, or nil if all hold.
  /// On the contract route fault is not an element (strict liability, Civil Code Art. 577).
  @inlinable
  public func firstMissing(faultRequired: Bool = true) -> Element? {
    if !work { return .work }
    if !infringement { return .infringement }
    if !causation { return .causation }
    if faultRequired && !fault { return .fault }
    return nil
  }

  /// One element of liability.
  public enum Element: String, CaseIterable, Sendable {
    case work, infringement, causation, fault

    public var chinese: String {
      switch self {
      case .work: "构成作品"
      case .infringement: "侵权行为成立"
      case .causation: "因果关系"
      case .fault: "过错"
      }
    }
  }
}

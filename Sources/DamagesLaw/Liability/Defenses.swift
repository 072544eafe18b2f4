/// A defence a defendant raises (R7.3).
///
/// Legal source: Copyright Law Arts. 3, 24; Civil Code Arts. 1175, 1195 (R7.3).
public enum DefenseKind: String, CaseIterable, Sendable {
  /// The generated image is not a work (Copyright Law Art. 3): no liability for anyone.
  case notAWork = "not-a-work"
  /// Fair use (Copyright Law Art. 24): no liability for anyone.
  case fairUse = "fair-use"
  /// The user agreed, in the service terms, that repetitive generation may occur: the act is
  /// not unlawful. Repetitive generation only.
  case consent
  /// The damage was caused by a third party (Civil Code Art. 1175): the defendant raising it is
  /// exempt. Repetitive generation and generated output.
  case thirdPartyFault = "third-party-fault"
  /// The provider took measures matching the state of the art and the similarity could not be
  /// avoided: that provider or designer is exempt. Repetitive generation and generated output.
  case technologyLimit = "technology-limit"
  /// Notice and takedown in time (Civil Code Art. 1195): that platform is exempt.
  case safeHarbor = "safe-harbor"

  /// Whether success clears everyone (case-wide) or only the defendant who raised it.
  public var isCaseWide: Bool {
    switch self {
    case .notAWork, .fairUse, .consent: true
    case .thirdPartyFault, .technologyLimit, .safeHarbor: false
    }
  }

  /// The acts the defence is available for.
  public func isAvailable(for act: Act) -> Bool {
    switch self {
    case .notAWork, .fairUse, .safeHarbor: true
    case .consent: act == .repetitiveGeneration
    case .thirdPartyFault, .technologyLimit: act != .illegalUse
    }
  }

  /// The roles of defendant that may raise a defence naming a defendant (nil: any role).
  public var eligibleRoles: Set<Role>? {
    switch self {
    case .technologyLimit: [.provider, .designer]
    case .safeHarbor: [.platform]
    default: nil
    }
  }

  /// Whether the defence applies on the contract route, where liability is strict and only
  /// consent excuses the breach (Civil Code Art. 577; R9).
  public var appliesInContract: Bool { self == .consent }

  /// The legal source of the defence.
  public var source: String {
    switch self {
    case .notAWork: LegalSource.copyrightArt3
    case .fairUse: LegalSource.copyrightArt24
    case .consent: "Yang & Huang (2025) §二; Civil Code Art. 1165 ¶1"
    case .thirdPartyFault: LegalSource.civilCode1175
    case .technologyLimit: "Yang & Huang (2025) §二 (technology limit)"
    case .safeHarbor: LegalSource.civilCode1195
    }
  }

  public var chinese: String {
    switch self {
    case .notAWork: "不构成作品"
    case .fairUse: "合理使用"
    case .consent: "用户同意"
    case .thirdPartyFault: "第三人过错"
    case .technologyLimit: "技术限制"
    case .safeHarbor: "避风港"
    }
  }
  public var english: String {
    switch self {
    case .notAWork: "not a work"
    case .fairUse: "fair use"
    case .consent: "consent"
    case .thirdPartyFault: "third-party fault"
    case .technologyLimit: "technology limit"
    case .safeHarbor: "safe harbour"
    }
  }
}

/// A defence raised in a case: its kind and, for the exempting kinds, the index of the
/// defendant who raises it.
public struct Defense: Hashable, Sendable {
  public var kind: DefenseKind
  /// Index into ``CaseTerms/defendants``; required for the exempting kinds, nil otherwise.
  public var defendant: Int?

  public init(kind: DefenseKind, defendant: Int? = nil) {
    self.kind = kind
    self.defendant = defendant
  }

  /// Why the defence cannot be raised in a case, or nil if it can.
  public func unavailability(act: Act, defendants: [Defendant]) -> String? {
    if !kind.isAvailable(for: act) {
      switch kind {
      case .consent:
        return "`consent` is available only for repetitive-generation (R7.3), not for \(act.rawValue)"
      default:
        return "`\(kind.rawValue)` is available only for repetitive-generation and generated-output (R7.3), not for \(act.rawValue)"
      }
    }
    if let index = defendant, let roles = kind.eligibleRoles, index < defendants.count,
      !roles.contains(defendants[index].role)
    {
      let allowed = roles.map(\.rawValue).sorted().joined(separator: " or ")
      let role = defendants[index].role.rawValue
      let article = "aeiou".contains(role.first!) ? "an" : "a"
      return "`\(kind.rawValue)` may be raised only by a \(allowed) defendant (R7.3); \(defendants[index].name) is \(article) \(role)"
    }
    return nil
  }
}

/// Which of a case's defences succeeded in one outcome: bit i for ``CaseTerms/defenses``[i].
public struct DefenseOutcomes: Hashable, Sendable {
  public var bits: UInt64
  @inlinable public init(bits: UInt64 = 0) { self.bits = bits }
  @inlinable public func succeeded(_ index: Int) -> Bool { bits & (1 << UInt64(index)) != 0 }
  @inlinable public mutating func set(_ index: Int, _ success: Bool) {
    if success { bits |= 1 << UInt64(index) } else { bits &= ~(1 << UInt64(index)) }
  }
  /// The most defences a case may raise.
  public static let capacity = 64
}

/// A defendant's role in the case (R8).
public enum Role: String, CaseIterable, Sendable {
  /// The direct infringer (a user who posted the image, say).
  case infringer
  /// The AI tool's provider (服务提供者).
  case provider
  /// The AI tool's designer (设计者).
  case designer
  /// A network platform hosting the content or the models (网络服务提供者).
  case platform
  /// An employer liable for an employee's act.
  case employer
}

/// A form of liability among several defendants (R8, docs/legal-model.md, Several defendants).
public enum LiabilityForm: String, CaseIterable, Sendable {
  /// The only defendant: the whole award. Civil Code Art. 1165.
  case sole
  /// Joint infringement or aiding: jointly and severally liable. Civil Code Arts. 1168, 1169 ¶1, 178.
  case joint
  /// Separate acts each sufficient for the whole damage: jointly and severally liable.
  /// Civil Code Art. 1171.
  case sufficient
  /// Separate acts with divisible responsibility: each its own share. Civil Code Art. 1172.
  case proportional
  /// An employer for its employee's act in the course of work. Civil Code Art. 1191 ¶1.
  case vicarious
  /// A platform that failed to act on a notice: jointly and severally for the expanded part
  /// only. Civil Code Art. 1195 ¶2.
  case noticeIgnored = "notice-ignored"
  /// A platform that knew or should have known: jointly and severally. Civil Code Art. 1197.
  case knew

  /// The legal source of the form.
  public var source: String {
    switch self {
    case .sole: LegalSource.civilCode1165Para1
    case .joint: LegalSource.civilCode1168
    case .sufficient: LegalSource.civilCode1171
    case .proportional: LegalSource.civilCode1172
    case .vicarious: LegalSource.civilCode1191
    case .noticeIgnored: LegalSource.civilCode1195Para2
    case .knew: LegalSource.civilCode1197
    }
  }

  /// Whether the form belongs to the jointly-and-severally liable group whose shares sum to 1.
  public var isJointGroup: Bool { self == .joint || self == .sufficient || self == .knew }

  public var chinese: String {
    switch self {
    case .sole: "单独责任"
    case .joint: "共同侵权连带责任"
    case .sufficient: "叠加原因连带责任"
    case .proportional: "按份责任"
    case .vicarious: "用人单位替代责任"
    case .noticeIgnored: "通知后未及时采取措施（扩大部分连带）"
    case .knew: "知道或应当知道（连带）"
    }
  }
}

/// A defendant and its form of liability (R8).
public struct Defendant: Hashable, Sendable {
  public var name: String
  public var role: Role
  public var form: LiabilityForm
  /// Its final fraction (joint group, proportional) or its fraction of the expanded part
  /// (notice-ignored), in (0, 1]; nil where not given.
  public var share: Double?
  /// For `notice-ignored`: the fraction of the award that is the expanded damage, in [0, 1].
  public var expandedFraction: Double?
  /// For `vicarious`: the employer may recover from an employee who acted with intent or
  /// gross negligence.
  public var recourse: Bool
  /// For `joint`: the fraction of the award for which it is jointly and severally liable, in
  /// (0, 1] (1: the whole award). A co-infringer who joined for part of the period, or aided
  /// part of the acts, answers for part only (a court's "对其中X元承担连带责任").
  public var part: Double

  public init(name: String, role: Role, form: LiabilityForm, share: Double? = nil,
              expandedFraction: Double? = nil, recourse: Bool = false, part: Double = 1) {
    self.name = name
    self.role = role
    self.form = form
    self.share = share
    self.expandedFraction = expandedFraction
    self.recourse = recourse
    self.part = part
  }

  /// The default: one sole defendant named "defendant".
  public static let `default` = Defendant(name: "defendant", role: .infringer, form: .sole)
}

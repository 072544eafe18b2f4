/// R11: the non-money remedies, listed (not priced) from the rights infringed.
///
/// Cessation always, while the infringement goes on; elimination of effects and an apology when
/// a moral right is infringed; an injunction before or during suit. For repetitive generation
/// and generated output, cessation means measures on the model side (filtering prompts or
/// outputs, removing infringing models a platform hosts), not deletion of the training data.
///
/// Legal source: Civil Code Art. 179; Copyright Law Arts. 52, 56 (R11).
public enum Remedy: String, CaseIterable, Sendable {
  /// 停止侵害
  case cessation
  /// 消除影响
  case eliminationOfEffects = "elimination-of-effects"
  /// 赔礼道歉
  case apology
  /// 诉前或诉中禁令 (Copyright Law Art. 56)
  case injunction

  /// The remedies open in a case where a defendant is liable.
  public static func available(for terms: CaseTerms, liable: Bool) -> [Remedy] {
    guard liable else { return [] }
    var list: [Remedy] = [.cessation]
    if terms.infringesMoralRight { list += [.eliminationOfEffects, .apology] }
    list.append(.injunction)
    return list
  }

  public var chinese: String {
    switch self {
    case .cessation: "停止侵害"
    case .eliminationOfEffects: "消除影响"
    case .apology: "赔礼道歉"
    case .injunction: "禁令（诉前或诉中）"
    }
  }

  /// What the remedy means in a case with this act, in Chinese: the same as ``english(for:)``.
  public func chinese(for act: Act) -> String {
    switch self {
    case .cessation where act != .illegalUse:
      "停止侵害（在模型端采取措施，如过滤提示词或输出、下架侵权模型，而非删除训练数据）"
    default: chinese
    }
  }

  /// What the remedy means in a case with this act.
  public func english(for act: Act) -> String {
    switch self {
    case .cessation:
      act == .illegalUse
        ? "cessation of the infringement"
        : "cessation: measures on the model side (filtering prompts or outputs, removing infringing models), not deletion of training data"
    case .eliminationOfEffects: "elimination of effects"
    case .apology: "apology"
    case .injunction: "injunction before or during suit (Copyright Law Art. 56)"
    }
  }

  public var source: String {
    switch self {
    case .injunction: LegalSource.copyrightArt56
    default: LegalSource.civilCode179 + "; " + LegalSource.copyrightArt52
    }
  }
}

extension Remedy {
  /// R11's step of an explanation: the remedies besides money; nil when there are none.
  public static func step(for remedies: [Remedy], act: Act) -> Step? {
    guard !remedies.isEmpty else { return nil }
    return Step(
      rule: "R11", source: LegalSource.civilCode179 + "; " + LegalSource.copyrightArt56,
      chinese: "其他责任方式：" + remedies.map { $0.chinese(for: act) }.joined(separator: "、") + "。",
      english: "Other remedies: " + remedies.map { $0.english(for: act) }.joined(separator: "; ") + ".")
  }
}

/// The name a person reads for an input of the sensitivity analysis, in place of its scenario
/// path (docs/outputs.md, Charts): `证据：违法所得` / `Proof of illegal gains` for
/// `facts.proven.illegal_gains`. The web page labels its tables with the same words.
public enum InputLabel {
  /// The label of a path as the sensitivity analysis names it (`facts.illegal_gains`,
  /// `liability.defenses[0].success (fair-use)`); a path it does not know is returned as is.
  public static func label(_ path: String, lang: Language) -> String {
    if path.hasPrefix("liability.defenses["), let open = path.firstIndex(of: "("),
      let close = path.lastIndex(of: ")"), open < close
    {
      let kind = String(path[path.index(after: open)..<close])
      guard let (zh, en) = defenses[kind] else { return path }
      return lang.label("抗辩：" + zh, "Defence: " + en)
    }
    guard let (zh, en) = names[path] else { return path }
    return lang.label(zh, en)
  }

  static let names: [String: (String, String)] = [
    "facts.actual_loss": ("实际损失", "Actual loss"),
    "facts.illegal_gains": ("违法所得", "Illegal gains"),
    "facts.license_fee": ("许可使用费", "License fee"),
    "facts.license_fee_multiple": ("许可使用费倍数", "License fee multiple"),
    "facts.statutory_award": ("法定赔偿", "Statutory award"),
    "facts.statutory_award_per_work": ("每件作品的法定赔偿", "Statutory award per work"),
    "facts.multiplier": ("惩罚性赔偿倍数", "Punitive multiplier"),
    "facts.mental_harm_score": ("精神损害程度", "Mental harm score"),
    "facts.mental_distress": ("精神损害抚慰金", "Mental distress"),
    "facts.expenses": ("合理开支", "Expenses"),
    "facts.liquidated_damages": ("违约金", "Liquidated damages"),
    "facts.proven.actual_loss": ("证据：实际损失", "Proof of actual loss"),
    "facts.proven.illegal_gains": ("证据：违法所得", "Proof of illegal gains"),
    "facts.proven.license_fee": ("证据：许可使用费", "Proof of the license fee"),
    "facts.intentional": ("故意", "Intent"),
    "facts.serious": ("情节严重", "Serious circumstances"),
    "facts.serious_mental_harm": ("严重精神损害", "Serious mental harm"),
    "liability.work": ("责任：构成作品", "Liability: a work"),
    "liability.infringement": ("责任：构成侵权", "Liability: infringement"),
    "liability.causation": ("责任：因果关系", "Liability: causation"),
    "liability.fault": ("责任：过错", "Liability: fault"),
  ]

  static let defenses: [String: (String, String)] = [
    "not-a-work": ("不构成作品", "not a work"),
    "fair-use": ("合理使用", "fair use"),
    "consent": ("用户同意", "consent"),
    "third-party-fault": ("第三人过错", "third-party fault"),
    "technology-limit": ("技术局限", "technology limit"),
    "safe-harbor": ("避风港", "safe harbour"),
  ]
}

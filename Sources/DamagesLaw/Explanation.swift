/// One step of an explanation: what a rule decided, why, and the amount it produced.
public struct Step: Hashable, Sendable {
  /// The rule ID of docs/legal-model.md (`R1` … `R11`, `R7.3`).
  public var rule: String
  /// The legal source the step rests on.
  public var source: String
  /// The step in Chinese.
  public var chinese: String
  /// The step in English.
  public var english: String
  /// The amount the step produced, if any.
  public var amount: Yuan?
  /// The amount is a fee, which tables print to the fen (two decimals, R10), not to the yuan.
  public var isFee: Bool

  public init(rule: String, source: String, chinese: String, english: String, amount: Yuan? = nil,
              isFee: Bool = false) {
    self.rule = rule
    self.source = source
    self.chinese = chinese
    self.english = english
    self.amount = amount
    self.isFee = isFee
  }
}

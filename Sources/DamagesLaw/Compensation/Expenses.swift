/// R5: reasonable expenses (合理开支) paid to stop the infringement (notarisation, counsel,
/// investigation). Added after R1 to R4, never multiplied and never part of the punitive base.
/// Where the court awards one lump for "economic loss and reasonable expenses" on a statutory
/// basis (`statutory_includes_expenses`), nothing is added on top.
///
/// Legal source: Copyright Law Art. 54 ¶3; 法释〔2021〕4号 Art. 5 ¶1 (R5).
public enum Expenses {
  /// The expenses added to the award.
  @inlinable
  public static func added(_ expenses: Yuan, basis: Basis, statutoryIncludesExpenses: Bool) -> Yuan {
    if basis == .statutory && statutoryIncludesExpenses { return .zero }
    return expenses
  }
}

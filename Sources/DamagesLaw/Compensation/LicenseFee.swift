/// R2: compensation by reference to the license fee (参照该权利使用费), used only when neither
/// actual loss nor illegal gains is proven. The base is the proven fee times a multiple; the
/// multiple comes from the punitive-damages Interpretation (Art. 5 ¶2), and this tool allows
/// 1 to 5 (a modelling choice: the copyright statute itself names no multiple).
///
/// Legal source: Copyright Law Art. 54 ¶1; 法释〔2021〕4号 Art. 5 ¶2 (R2).
public enum LicenseFee {
  /// The range the multiple may take.
  public static let multipleRange: ClosedRange<Double> = 1...5

  /// The base: fee × multiple.
  @inlinable
  public static func base(fee: Yuan, multiple: Double) -> Yuan { fee * multiple }
}

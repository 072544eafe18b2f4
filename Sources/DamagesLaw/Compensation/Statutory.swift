/// R3: statutory damages (法定赔偿), fixed by the court within a range when actual loss,
/// illegal gains and the license fee are all hard to calculate.
///
/// Under the 2020 text the range is 500 to 5,000,000 yuan; for an infringement that ended before
/// 2021-06-01 the 2010 text applies: up to 500,000 yuan with no minimum. The range is checked
/// when the scenario is read; a value outside it is an input error citing the article.
///
/// Legal source: Copyright Law Art. 54 ¶2 (2020); Art. 49 ¶2 (2010) (R3).
public enum Statutory {
  /// The statutory range under a text of the law.
  public static func range(under text: CopyrightText) -> ClosedRange<Double> {
    switch text {
    case .text2020: 500...5_000_000
    case .text2010: 0...500_000
    }
  }

  /// The article that sets the range.
  public static func source(under text: CopyrightText) -> String {
    switch text {
    case .text2020: LegalSource.copyrightArt54Para2
    case .text2010: LegalSource.copyright2010Art49Para2
    }
  }
}

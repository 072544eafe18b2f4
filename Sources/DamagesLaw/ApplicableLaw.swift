/// Which texts of the law govern a case: the ones in force on the last day of the infringement.
///
/// A continuing infringement is judged by the law in force when it ended: for the Civil Code,
/// 法释〔2020〕15号 Art. 1 ¶3 (a legal fact that began before 2021-01-01 and continued after it
/// falls under the Civil Code), and the courts follow the same practice for the Copyright Law's
/// 2020 text, in force from 2021-06-01. The last day is `infringement_end`, or the day the
/// infringement began when no end is given (a single act); with no date at all the current law
/// applies.
///
/// - Statutory damages (R3): the 2010 text's range, 0 to 500,000 (Art. 49 ¶2), for an
///   infringement that ended before 2021-06-01; the 2020 text's 500 to 5,000,000 after.
/// - Punitive damages (R4): none for an infringement that ended before 2021-01-01; from
///   2021-01-01 to 2021-05-31 they rest on Civil Code Art. 1185 alone (the Copyright Law of the
///   time has no punitive clause); from 2021-06-01 on Copyright Law Art. 54 ¶1 as well.
///
/// Legal source: 法释〔2020〕15号 Art. 1 ¶3; Civil Code Art. 1185; Copyright Law Art. 54 (2020),
/// Art. 49 (2010) (R3, R4).
public struct ApplicableLaw: Hashable, Sendable {
  /// The day the Civil Code came into force (and with it Art. 1185).
  public static let civilCodeInForce = CivilDate(year: 2021, month: 1, day: 1)
  /// The day the Copyright Law's 2020 text came into force.
  public static let copyright2020InForce = CivilDate(year: 2021, month: 6, day: 1)

  /// Where punitive damages rest, by the infringement's last day.
  public enum PunitiveBasis: Hashable, Sendable {
    /// Ended before 2021-01-01: no text provides punitive damages for copyright.
    case unavailable
    /// Ended from 2021-01-01 to 2021-05-31: Civil Code Art. 1185 alone.
    case civilCode
    /// Ended on or after 2021-06-01 (or no date given): Copyright Law Art. 54 ¶1 and Civil
    /// Code Art. 1185.
    case copyrightLaw
  }

  /// The day the infringement began, if given.
  public var began: CivilDate?
  /// The day it ended, if given (nil: a single act, or a case without dates).
  public var ended: CivilDate?

  public init(began: CivilDate?, ended: CivilDate?) {
    self.began = began
    self.ended = ended
  }

  /// The day whose law governs: the end, else the beginning (nil: no date given).
  public var lastDay: CivilDate? { ended ?? began }

  /// The text of the Copyright Law that governs statutory damages (R3).
  public var copyrightText: CopyrightText {
    if let day = lastDay, day < Self.copyright2020InForce { return .text2010 }
    return .text2020
  }

  /// What punitive damages rest on (R4).
  public var punitive: PunitiveBasis {
    guard let day = lastDay else { return .copyrightLaw }
    if day < Self.civilCodeInForce { return .unavailable }
    if day < Self.copyright2020InForce { return .civilCode }
    return .copyrightLaw
  }

  /// Whether the explanation should say which text applies: when the dates make a difference
  /// (an older text governs something) or when an end is given (the reader must see which day
  /// counted). A single act under the current law needs no word on it.
  public var needsExplaining: Bool {
    ended != nil || copyrightText == .text2010 || punitive != .copyrightLaw
  }

  /// The article R4 cites for an infringement with this last day.
  public var punitiveSource: String {
    switch punitive {
    case .unavailable: LegalSource.temporalEffectArt1Para3
    case .civilCode: LegalSource.civilCode1185
    case .copyrightLaw: LegalSource.copyrightArt54Para1 + "; " + LegalSource.civilCode1185
    }
  }
}

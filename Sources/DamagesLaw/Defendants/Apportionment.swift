/// R8: who of several defendants owes what.
///
/// For each defendant, its *exposure* (the most the claimant can collect from it) and its
/// *final share* (what it bears after contribution among the defendants):
///
/// | form | exposure | final share |
/// |---|---|---|
/// | sole | award | award, less what notice-ignored platforms bear |
/// | joint, sufficient, knew | award (a joint one with `part` p: p × award) | its fraction of the award, less what platforms bear |
/// | proportional | its share × award | the same |
/// | vicarious | award | award, less what platforms bear (recourse shown as a note) |
/// | notice-ignored | expanded fraction × award | its share of that part |
///
/// A notice-ignored platform is jointly and severally liable with the user for the expanded
/// part; the final amount it bears is taken off the direct infringers' final shares, so the
/// final shares add up to the award. Defences that exempt a defendant set its exposure and
/// share to 0; the fractions of the remaining joint-group defendants are rescaled to sum to 1.
/// A platform bears its share of the expanded part even when every direct defendant is exempt.
///
/// Joint liability for a part: a `joint` defendant with `part` p < 1 (it joined for part of the
/// period, or aided part of the acts) is exposed to p × award, jointly and severally with the
/// others, and bears its fraction of the award like any joint defendant. The reader refuses a
/// fraction above the part; after the fractions are rescaled for an exempt defendant, a final
/// share is capped at the exposure: what nobody else owes is not recovered.
///
/// Legal source: Civil Code Arts. 178, 1165, 1168, 1169, 1171, 1172, 1191, 1195 ¶2, 1197 (R8).
public enum Apportionment {
  /// The fractions of the award that one defendant is exposed to and finally bears.
  public struct Fractions: Hashable, Sendable {
    public var exposure: Double
    public var share: Double
    public init(exposure: Double, share: Double) {
      self.exposure = exposure
      self.share = share
    }
  }

  /// Fractions of the award for each defendant, given which are exempt (bit i for defendant i).
  /// Returns nil when every defendant is exempt: nobody is liable.
  ///
  /// The result depends only on the defendants and the exemptions, so a simulation can compute
  /// it once per pattern of exemptions and multiply by each run's award.
  public static func fractions(for defendants: [Defendant], exempt: UInt64) -> [Fractions]? {
    func isExempt(_ i: Int) -> Bool { exempt & (1 << UInt64(i)) != 0 }
    var result = [Fractions](repeating: Fractions(exposure: 0, share: 0), count: defendants.count)
    if defendants.indices.allSatisfy(isExempt) { return nil }

    // Direct defendants: everyone but the notice-ignored platforms.
    var groupWeight = 0.0
    var groupCount = 0
    for (i, d) in defendants.enumerated() where d.form.isJointGroup && !isExempt(i) {
      groupWeight += d.share ?? 0
      groupCount += 1
    }
    var direct: [(index: Int, weight: Double)] = []
    for (i, d) in defendants.enumerated() where !isExempt(i) {
      switch d.form {
      case .sole, .vicarious:
        result[i] = Fractions(exposure: 1, share: 1)
        direct.append((i, 1))
      case .joint, .sufficient, .knew:
        let rescaled = groupWeight > 0 ? (d.share ?? 0) / groupWeight : 1 / Double(groupCount)
        let part = d.form == .joint ? d.part : 1
        let w = Swift.min(rescaled, part)
        result[i] = Fractions(exposure: part, share: w)
        direct.append((i, w))
      case .proportional:
        let s = d.share ?? 0
        result[i] = Fractions(exposure: s, share: s)
        direct.append((i, s))
      case .noticeIgnored:
        break
      }
    }
    // Notice-ignored platforms: their part of the expanded damage, taken off the direct
    // defendants in proportion to what those bear.
    var platformsBear = 0.0
    for (i, d) in defendants.enumerated() where d.form == .noticeIgnored && !isExempt(i) {
      let expanded = d.expandedFraction ?? 0
      let bears = expanded * (d.share ?? 0)
      result[i] = Fractions(exposure: expanded, share: bears)
      platformsBear += bears
    }
    let directTotal = direct.reduce(0) { $0 + $1.weight }
    if directTotal > 0 && platformsBear > 0 {
      let scale = Swift.max(0, directTotal - platformsBear) / directTotal
      for (i, _) in direct { result[i].share *= scale }
    }
    return result
  }
}

extension Apportionment {
  /// R8's step of an explanation for one defendant: what may be claimed from it, what it
  /// finally bears, and, for an employer, its recourse against the employee.
  public static func step(for defendant: Defendant, exposure: Yuan, share: Yuan) -> Step {
    let recourse = defendant.form == .vicarious && defendant.recourse
    // joint liability for a part: the court's "对其中X元承担连带责任"
    let part = defendant.form == .joint && defendant.part < 1 ? defendant.part : nil
    let zhPart = part.map { "对其中 \(Narration.yuan(exposure)) 元（判赔额的 \(Narration.number($0))）承担连带责任，" } ?? ""
    let enPart = part.map { " for \(Narration.number($0)) of the award" } ?? ""
    return Step(
      rule: "R8", source: defendant.form.source,
      chinese: "\(defendant.name)（\(defendant.form.chinese)）：\(zhPart)可被请求 \(Narration.yuan(exposure)) 元，最终承担 \(Narration.yuan(share)) 元\(recourse ? "；承担后可向有故意或重大过失的工作人员追偿" : "")。",
      english: "\(defendant.name) (\(defendant.form.rawValue)\(enPart)): exposure \(Narration.yuan(exposure)) yuan, final share \(Narration.yuan(share)) yuan\(recourse ? "; it may recover from the employee who acted with intent or gross negligence" : "").",
      amount: share)
  }
}

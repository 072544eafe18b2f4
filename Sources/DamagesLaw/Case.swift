/// The infringing act (docs/legal-model.md, The case).
public enum Act: String, CaseIterable, Sendable {
  /// 非法利用: anyone outside the AI-drawing relationship uses the generated work without
  /// permission (copying, posting, cropping a watermark).
  case illegalUse = "illegal-use"
  /// 重复生成: the AI tool's provider or designer generates again, with its own tool, an image
  /// identical or substantially similar to the user's earlier generated work and uses it.
  case repetitiveGeneration = "repetitive-generation"
  /// An AI service's output reproduces or adapts a protected work (the Ultraman cases).
  case generatedOutput = "generated-output"

  public var chinese: String {
    switch self {
    case .illegalUse: "非法利用"
    case .repetitiveGeneration: "重复生成"
    case .generatedOutput: "生成内容侵权"
    }
  }
  public var english: String {
    switch self {
    case .illegalUse: "illegal use"
    case .repetitiveGeneration: "repetitive generation"
    case .generatedOutput: "generated output"
    }
  }
}

/// Who holds the right.
public enum Claimant: String, CaseIterable, Sendable {
  /// 自然人
  case naturalPerson = "natural-person"
  /// 法人或者非法人组织
  case legalPerson = "legal-person"
}

/// The claimant's title to the right (docs/legal-model.md, The case).
public enum Holder: String, CaseIterable, Sendable {
  /// 著作权人
  case owner
  /// 独占被许可人: economic rights only.
  case exclusiveLicensee = "exclusive-licensee"
}

/// A right of the copyright holder, Copyright Law Art. 10 ¶1.
public enum Right: String, CaseIterable, Sendable {
  /// 署名权, Copyright Law Art. 10 ¶1 (2).
  case attribution
  /// 发表权, Copyright Law Art. 10 ¶1 (1).
  case publication
  /// 修改权, Copyright Law Art. 10 ¶1 (3).
  case modification
  /// 保护作品完整权, Copyright Law Art. 10 ¶1 (4).
  case integrity
  /// 复制权, Copyright Law Art. 10 ¶1 (5).
  case reproduction
  /// 改编权, Copyright Law Art. 10 ¶1 (14).
  case adaptation
  /// 信息网络传播权, Copyright Law Art. 10 ¶1 (12).
  case networkDissemination = "network-dissemination"
  /// 发行权, Copyright Law Art. 10 ¶1 (6).
  case distribution
  /// 展览权, Copyright Law Art. 10 ¶1 (8).
  case exhibition
  /// Any other economic right of Art. 10 ¶1 (5) to (17).
  case otherEconomic = "other-economic"

  /// Moral rights (著作人身权): attribution, publication, modification, integrity.
  public var isMoral: Bool {
    switch self {
    case .attribution, .publication, .modification, .integrity: true
    default: false
    }
  }

  public var chinese: String {
    switch self {
    case .attribution: "署名权"
    case .publication: "发表权"
    case .modification: "修改权"
    case .integrity: "保护作品完整权"
    case .reproduction: "复制权"
    case .adaptation: "改编权"
    case .networkDissemination: "信息网络传播权"
    case .distribution: "发行权"
    case .exhibition: "展览权"
    case .otherEconomic: "其他财产权"
    }
  }
}

/// The cause of action (docs/legal-model.md, The case, R9).
public enum Route: String, CaseIterable, Sendable {
  /// 侵权之诉
  case tort
  /// 违约之诉: only where a service agreement binds the parties (repetitive generation).
  case contract
  /// Compute both and recommend one (Civil Code Art. 186: the claimant chooses one).
  case compare
}

/// Trial procedure (R10).
public enum Procedure: String, CaseIterable, Sendable {
  /// 普通程序
  case ordinary
  /// 简易程序: the acceptance fee is halved.
  case summary
}

/// Which text of the Copyright Law governs, by the infringement's last day (``ApplicableLaw``).
public enum CopyrightText: Sendable, Equatable {
  /// The 2010 text: statutory damages up to 500,000 with no minimum, no punitive clause.
  case text2010
  /// The 2020 text, in force from 2021-06-01.
  case text2020

  /// The text for an infringement whose last day is the given date (nil: the 2020 text).
  public init(lastDay date: CivilDate?) {
    self = ApplicableLaw(began: date, ended: nil).copyrightText
  }
}

/// A calendar date without time zone.
public struct CivilDate: Hashable, Comparable, Sendable, CustomStringConvertible {
  public var year: Int
  public var month: Int
  public var day: Int

  public init(year: Int, month: Int, day: Int) {
    self.year = year
    self.month = month
    self.day = day
  }

  /// Parses `YYYY-MM-DD`, checking that the day exists.
  public init?(_ text: String) {
    let parts = text.split(separator: "-", omittingEmptySubsequences: false)
    guard parts.count == 3, parts[0].count == 4, parts[1].count == 2, parts[2].count == 2,
      let y = Int(parts[0]), let m = Int(parts[1]), let d = Int(parts[2]),
      (1...12).contains(m), d >= 1
    else { return nil }
    let leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0
    let days = [31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][m - 1]
    guard d <= days else { return nil }
    self.init(year: y, month: m, day: d)
  }

  public static func < (a: CivilDate, b: CivilDate) -> Bool {
    (a.year, a.month, a.day) < (b.year, b.month, b.day)
  }

  public var description: String {
    let m = month < 10 ? "0\(month)" : "\(month)"
    let d = day < 10 ? "0\(day)" : "\(day)"
    return "\(year)-\(m)-\(d)"
  }
}

/// The options of a case that choose between readings of the law (docs/scenario-format.md, Every key, `options`).
public struct Options: Sendable, Equatable {
  /// R4: how the multiplier applies.
  public var punitive: PunitiveReading = .additive
  /// R1: which figure is the basis when both loss and gains are proven.
  public var election: Election = .larger
  /// R9: the ratio of the loss to which excessive liquidated damages are reduced.
  public var liquidatedCapRatio: Double = 1.3
  /// R9: whether the agreement lets reasonable expenses be recovered.
  public var contractExpenses: Bool = false
  /// R7.1: the fault principle for repetitive generation.
  public var faultPrinciple: FaultPrinciple = .fault
  /// R3, R5: the statutory award is one lump for loss and expenses (经济损失及合理开支).
  public var statutoryIncludesExpenses: Bool = false
  /// R10: who bears the acceptance fee on a partial win.
  public var feeAllocation: FeeAllocation = .proportional

  public init() {}
}

/// Everything about a case that is not an uncertain fact: the act, the parties, the rights,
/// the route, the claim, the options, the defendants and the defences raised.
public struct CaseTerms: Sendable, Equatable {
  public var act: Act
  public var claimant: Claimant
  public var holder: Holder = .owner
  public var rights: [Right]
  public var route: Route = .tort
  public var procedure: Procedure = .ordinary
  /// The amount claimed in the complaint (R10): caps the award and sets the fee.
  public var claim: Yuan?
  /// The day the infringement began.
  public var infringementDate: CivilDate?
  /// The day it ended (nil: the day it began). Its law governs (``ApplicableLaw``).
  public var infringementEnd: CivilDate?
  /// R3 per work: the number of works infringed, which multiplies a per-work statutory award.
  public var works = 1
  public var options = Options()
  public var defendants: [Defendant] = [Defendant.default]
  public var defenses: [Defense] = []

  public init(act: Act, claimant: Claimant, rights: [Right]) {
    self.act = act
    self.claimant = claimant
    self.rights = rights
  }

  /// The texts of the law that govern, by the infringement's last day.
  public var applicableLaw: ApplicableLaw {
    ApplicableLaw(began: infringementDate, ended: infringementEnd)
  }

  /// The text of the Copyright Law that governs statutory damages.
  public var copyrightText: CopyrightText { applicableLaw.copyrightText }

  /// Whether a moral right is among the rights infringed.
  public var infringesMoralRight: Bool { rights.contains { $0.isMoral } }
}

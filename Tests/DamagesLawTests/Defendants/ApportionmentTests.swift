import DamagesLaw
import Testing
import _DamagesTestSupport

@Suite("R8 Apportionment among defendants")
struct ApportionmentTests {
  typealias F = Apportionment.Fractions

  static func fractions(_ defendants: [Defendant], exempt: UInt64 = 0) throws -> [F] {
    try #require(Apportionment.fractions(for: defendants, exempt: exempt))
  }

  static func expectClose(
    _ got: [F], _ expected: [F], sourceLocation: SourceLocation = #_sourceLocation
  ) {
    #expect(got.count == expected.count, sourceLocation: sourceLocation)
    for (i, (g, e)) in zip(got, expected).enumerated() {
      #expect(
        isClose(g.exposure, e.exposure, tolerance: 1e-12),
        "defendant \(i) exposure: \(g.exposure) vs \(e.exposure)", sourceLocation: sourceLocation)
      #expect(
        isClose(g.share, e.share, tolerance: 1e-12),
        "defendant \(i) share: \(g.share) vs \(e.share)", sourceLocation: sourceLocation)
    }
  }

  static func joint(
    _ name: String, share: Double? = nil, form: LiabilityForm = .joint
  ) -> Defendant {
    Defendant(name: name, role: .infringer, form: form, share: share)
  }

  // Civil Code Art. 1165: the sole tortfeasor answers for the whole.
  @Test("R8 a sole defendant is exposed to and bears the whole award")
  func sole() throws {
    Self.expectClose(try Self.fractions([.default]), [F(exposure: 1, share: 1)])
  }

  // Civil Code Arts. 178, 1168: 连带责任; Art. 178 ¶2: 连带责任人的责任份额根据各自责任大小确定；难以确定
  // 责任大小的，平均承担责任。
  @Test("R8 joint defendants without shares: each exposed to the whole, each bearing an equal part")
  func jointEqual() throws {
    let third = 1.0 / 3
    Self.expectClose(
      try Self.fractions([Self.joint("甲"), Self.joint("乙"), Self.joint("丙")]),
      Array(repeating: F(exposure: 1, share: third), count: 3))
  }

  @Test("R8 joint, sufficient and knew defendants with given shares bear those shares")
  func jointGiven() throws {
    Self.expectClose(
      try Self.fractions([Self.joint("甲", share: 0.2), Self.joint("乙", share: 0.8)]),
      [F(exposure: 1, share: 0.2), F(exposure: 1, share: 0.8)])
    Self.expectClose(
      try Self.fractions([
        Self.joint("甲", share: 0.5),
        Self.joint("乙", share: 0.3, form: .sufficient),
        Defendant(name: "平台", role: .platform, form: .knew, share: 0.2),
      ]),
      [F(exposure: 1, share: 0.5), F(exposure: 1, share: 0.3), F(exposure: 1, share: 0.2)])
  }

  // docs/legal-model.md, Several defendants: an exempt defendant's exposure and share are 0; the remaining joint-group shares are
  // rescaled to sum to 1. Rows: shares (nil: equal), exempt bits, expected shares.
  typealias RescaleRow = (shares: [Double?], exempt: UInt64, expected: [Double])
  static let rescaled: [RescaleRow] = [
    ([0.3, 0.7], 0b01, [0, 1]),
    ([0.3, 0.7], 0b10, [1, 0]),
    ([nil, nil], 0b01, [0, 1]),
    ([nil, nil, nil], 0b010, [0.5, 0, 0.5]),
    ([0.5, 0.3, 0.2], 0b001, [0, 0.6, 0.4]),  // 0.3 / 0.5, 0.2 / 0.5
    ([0.5, 0.3, 0.2], 0b100, [0.625, 0.375, 0]),  // 0.5 / 0.8, 0.3 / 0.8
  ]

  @Test(
    "R7.3 R8 an exempt joint defendant: the others' shares are rescaled to 1", arguments: rescaled)
  func exemptJoint(shares: [Double?], exempt: UInt64, expected: [Double]) throws {
    let defendants = shares.enumerated().map { Self.joint("被告\($0.offset)", share: $0.element) }
    let got = try Self.fractions(defendants, exempt: exempt)
    Self.expectClose(got, expected.map { F(exposure: $0 == 0 ? 0 : 1, share: $0) })
  }

  // Civil Code Art. 1172: 能够确定责任大小的，各自承担相应的责任.
  @Test("R8 proportional defendants are exposed to and bear their own share only")
  func proportional() throws {
    let defendants = [
      Defendant(name: "甲", role: .infringer, form: .proportional, share: 0.4),
      Defendant(name: "乙", role: .provider, form: .proportional, share: 0.6),
    ]
    Self.expectClose(
      try Self.fractions(defendants), [F(exposure: 0.4, share: 0.4), F(exposure: 0.6, share: 0.6)])
    Self.expectClose(
      try Self.fractions(defendants, exempt: 0b01),
      [F(exposure: 0, share: 0), F(exposure: 0.6, share: 0.6)])
  }

  // Civil Code Art. 1191 ¶1: 用人单位承担侵权责任后，可以向有故意或者重大过失的工作人员追偿。 Recourse
  // is a note; it does not change the fractions.
  @Test(
    "R8 a vicarious employer bears the whole award, with or without recourse",
    arguments: [false, true])
  func vicarious(recourse: Bool) throws {
    let employer = Defendant(name: "某公司", role: .employer, form: .vicarious, recourse: recourse)
    Self.expectClose(try Self.fractions([employer]), [F(exposure: 1, share: 1)])
  }

  // Civil Code Art. 1195 ¶2: 网络服务提供者接到通知后未及时采取必要措施的，对损害的扩大部分与该网络
  // 用户承担连带责任。 Rows: expanded fraction, platform's share of that part; platform exposure
  // = expanded, platform share = expanded × share, the infringer bears the rest.
  typealias PlatformRow = (
    expanded: Double, share: Double, platformShare: Double, infringerShare: Double
  )
  static let noticeIgnored: [PlatformRow] = [
    (0.4, 0.5, 0.2, 0.8),
    (0.3, 1, 0.3, 0.7),
    (1, 0.25, 0.25, 0.75),
    (0, 1, 0, 1),
  ]

  @Test("R8 a notice-ignored platform beside a sole infringer", arguments: noticeIgnored)
  func platformWithSoleInfringer(
    expanded: Double, share: Double, platformShare: Double, infringerShare: Double
  ) throws {
    let defendants = [
      Defendant(name: "用户", role: .infringer, form: .sole),
      Defendant(
        name: "平台", role: .platform, form: .noticeIgnored, share: share, expandedFraction: expanded),
    ]
    Self.expectClose(
      try Self.fractions(defendants),
      [F(exposure: 1, share: infringerShare), F(exposure: expanded, share: platformShare)])
  }

  @Test(
    "R8 a notice-ignored platform beside two joint infringers: their shares shrink in proportion")
  func platformWithJointInfringers() throws {
    let defendants = [
      Self.joint("甲"), Self.joint("乙"),
      Defendant(
        name: "平台", role: .platform, form: .noticeIgnored, share: 0.6, expandedFraction: 0.5),
    ]
    // The platform bears 0.5 × 0.6 = 0.3; each infringer 0.5 × (1 − 0.3) = 0.35.
    Self.expectClose(
      try Self.fractions(defendants),
      [F(exposure: 1, share: 0.35), F(exposure: 1, share: 0.35), F(exposure: 0.5, share: 0.3)])
  }

  @Test("R7.3 R8 a platform in the safe harbour is exempt; the infringer bears all")
  func platformExempt() throws {
    let defendants = [
      Defendant(name: "用户", role: .infringer, form: .sole),
      Defendant(
        name: "平台", role: .platform, form: .noticeIgnored, share: 0.5, expandedFraction: 0.4),
    ]
    Self.expectClose(
      try Self.fractions(defendants, exempt: 0b10),
      [F(exposure: 1, share: 1), F(exposure: 0, share: 0)])
  }

  // docs/legal-model.md, Several defendants: a notice-ignored platform's final share is its `share` of the expanded part; only
  // the joint, sufficient and knew defendants are rescaled when another is exempt.
  @Test("R7.3 R8 the infringer exempt: the platform still bears its share of the expanded part")
  func infringerExempt() throws {
    let user = Defendant(name: "用户", role: .infringer, form: .sole)
    let platform = Defendant(
      name: "平台", role: .platform, form: .noticeIgnored, share: 0.5, expandedFraction: 0.4)
    Self.expectClose(
      try Self.fractions([user, platform], exempt: 0b01),
      [F(exposure: 0, share: 0), F(exposure: 0.4, share: 0.2)])
    // Two platforms left alone never bear more than the award between them:
    // 0.9 × 0.6 = 0.54 and 0.8 × 0.4 = 0.32.
    let first = Defendant(
      name: "平台一", role: .platform, form: .noticeIgnored, share: 0.6, expandedFraction: 0.9)
    let second = Defendant(
      name: "平台二", role: .platform, form: .noticeIgnored, share: 0.4, expandedFraction: 0.8)
    Self.expectClose(
      try Self.fractions([user, first, second], exempt: 0b001),
      [F(exposure: 0, share: 0), F(exposure: 0.9, share: 0.54), F(exposure: 0.8, share: 0.32)])
  }

  @Test("R7.3 R8 every defendant exempt: no fractions, nobody is liable", arguments: [1, 2, 3])
  func everyExempt(count: Int) {
    let defendants = (0..<count).map { Self.joint("被告\($0)") }
    let all = UInt64.max >> UInt64(64 - count)
    #expect(Apportionment.fractions(for: defendants, exempt: all) == nil)
    #expect(Apportionment.fractions(for: defendants, exempt: all >> 1) != nil)
  }

  @Test("R8 the forms of the joint group")
  func jointGroup() {
    for form in LiabilityForm.allCases {
      #expect(form.isJointGroup == [.joint, .sufficient, .knew].contains(form))
    }
  }
}

@Suite("R8 Several defendants: the step of an explanation")
struct ApportionmentStepTests {
  @Test("R8 a defendant's step states its exposure and final share; an employer's, its recourse")
  func step() {
    let user = Defendant(name: "U", role: .infringer, form: .joint)
    let s = Apportionment.step(for: user, exposure: Yuan(10_000), share: Yuan(5_000))
    #expect(s.rule == "R8" && s.source == LiabilityForm.joint.source)
    #expect(s.english == "U (joint): exposure 10,000 yuan, final share 5,000 yuan.")
    #expect(s.amount == Yuan(5_000))
    let employer = Defendant(name: "E", role: .infringer, form: .vicarious, recourse: true)
    let e = Apportionment.step(for: employer, exposure: Yuan(10_000), share: Yuan(10_000))
    #expect(e.english.hasSuffix("; it may recover from the employee who acted with intent or gross negligence."))
    #expect(e.chinese.contains("追偿"))
  }
}

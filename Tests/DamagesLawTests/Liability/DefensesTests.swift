import DamagesLaw
import Testing
import _DamagesTestSupport

@Suite("R7.3 Defences")
struct DefensesTests {
  // docs/legal-model.md (R7.3), from Copyright Law Arts. 3, 24 and Civil Code Arts. 1175, 1195: which acts each
  // defence is available for. Rows: kind, illegal use, repetitive generation, generated output.
  typealias AvailabilityRow = (kind: DefenseKind, illegalUse: Bool, repetitive: Bool, output: Bool)
  static let availability: [AvailabilityRow] = [
    (.notAWork, true, true, true),
    (.fairUse, true, true, true),
    (.consent, false, true, false),
    (.thirdPartyFault, false, true, true),
    (.technologyLimit, false, true, true),
    (.safeHarbor, true, true, true),
  ]

  @Test("R7.3 each defence is available for the acts of the table", arguments: availability)
  func available(kind: DefenseKind, illegalUse: Bool, repetitive: Bool, output: Bool) {
    #expect(kind.isAvailable(for: .illegalUse) == illegalUse)
    #expect(kind.isAvailable(for: .repetitiveGeneration) == repetitive)
    #expect(kind.isAvailable(for: .generatedOutput) == output)
  }

  // Rows: kind, clears everyone, applies on the contract route, roles that may raise it.
  typealias EffectRow = (kind: DefenseKind, caseWide: Bool, contract: Bool, roles: Set<Role>?)
  static let effects: [EffectRow] = [
    (.notAWork, true, false, nil),
    (.fairUse, true, false, nil),
    (.consent, true, true, nil),
    (.thirdPartyFault, false, false, nil),
    (.technologyLimit, false, false, [.provider, .designer]),
    (.safeHarbor, false, false, [.platform]),
  ]

  @Test("R7.3 R9 who a defence clears, on which route, raised by whom", arguments: effects)
  func effect(kind: DefenseKind, caseWide: Bool, contract: Bool, roles: Set<Role>?) {
    #expect(kind.isCaseWide == caseWide)
    #expect(kind.appliesInContract == contract)
    #expect(kind.eligibleRoles == roles)
  }

  static let provider = Defendant(name: "某科技公司", role: .provider, form: .joint)
  static let platform = Defendant(name: "某平台", role: .platform, form: .joint)
  static let user = Defendant(name: "刘某", role: .infringer, form: .joint)

  @Test("R7.3 consent on illegal use: the reason names the act")
  func consentOnIllegalUse() {
    let reason = Defense(kind: .consent).unavailability(act: .illegalUse, defendants: [.default])
    #expect(
      reason == "`consent` is available only for repetitive-generation (R7.3), not for illegal-use")
  }

  @Test("R7.3 third-party fault on illegal use: the reason names the acts")
  func thirdPartyFaultOnIllegalUse() {
    let reason = Defense(kind: .thirdPartyFault, defendant: 0)
      .unavailability(act: .illegalUse, defendants: [.default])
    #expect(
      reason
        == "`third-party-fault` is available only for repetitive-generation and generated-output (R7.3), not for illegal-use"
    )
  }

  @Test("R7.3 a technology limit raised by a platform: the reason names the roles")
  func technologyLimitByPlatform() {
    let reason = Defense(kind: .technologyLimit, defendant: 1)
      .unavailability(act: .generatedOutput, defendants: [Self.provider, Self.platform])
    #expect(
      reason
        == "`technology-limit` may be raised only by a designer or provider defendant (R7.3); 某平台 is a platform"
    )
  }

  @Test("R7.3 a safe harbour raised by a non-platform: the reason names the role")
  func safeHarborByNonPlatform() {
    let reason = Defense(kind: .safeHarbor, defendant: 0)
      .unavailability(act: .illegalUse, defendants: [Self.provider, Self.platform])
    #expect(
      reason
        == "`safe-harbor` may be raised only by a platform defendant (R7.3); 某科技公司 is a provider")
  }

  @Test("R7.3 a defence raised where and by whom it is available: no reason")
  func available() {
    let defendants = [Self.provider, Self.platform, Self.user]
    let allowed: [(Defense, Act)] = [
      (Defense(kind: .fairUse), .illegalUse),
      (Defense(kind: .notAWork), .generatedOutput),
      (Defense(kind: .consent), .repetitiveGeneration),
      (Defense(kind: .technologyLimit, defendant: 0), .repetitiveGeneration),
      (Defense(kind: .safeHarbor, defendant: 1), .illegalUse),
      (Defense(kind: .thirdPartyFault, defendant: 2), .generatedOutput),
    ]
    for (defense, act) in allowed {
      #expect(
        defense.unavailability(act: act, defendants: defendants) == nil,
        "\(defense.kind) for \(act)")
    }
  }

  @Test("R7.3 defence outcomes record success per defence")
  func outcomes() {
    var outcomes = DefenseOutcomes()
    outcomes.set(0, true)
    outcomes.set(3, true)
    #expect(outcomes.bits == 0b1001)
    #expect(outcomes.succeeded(3))
    #expect(!outcomes.succeeded(1))
    outcomes.set(0, false)
    #expect(outcomes.bits == 0b1000)
  }

  // The assessment: a case-wide defence clears everyone, an exempting one only its defendant.

  static let twoJoint = CaseTerms.plain(
    act: .generatedOutput, rights: [.attribution, .reproduction]
  ).with {
    $0.defendants = [provider, user]
    $0.defenses = [
      Defense(kind: .fairUse), Defense(kind: .notAWork),
      Defense(kind: .thirdPartyFault, defendant: 0),
      Defense(kind: .technologyLimit, defendant: 0), Defense(kind: .thirdPartyFault, defendant: 1),
    ]
  }
  static let richFacts = Facts.proven(illegalGains: 10_000).with {
    $0.mentalHarm = .found(true)
    $0.mentalDistress = 5_000
    $0.expenses = 2_000
  }.punitive(multiplier: 2)

  static func succeeding(_ indices: Int...) -> Facts {
    richFacts.with { for i in indices { $0.defenses.set(i, true) } }
  }

  @Test("R7.3 a case-wide defence that succeeds clears everyone: every part 0", arguments: [0, 1])
  func caseWideClearsAll(index: Int) {
    let outcome = Assessor(terms: Self.twoJoint).tort(Self.succeeding(index))
    #expect(outcome.liability == .defense(index))
    #expect(outcome.basis == .none)
    for part in outcome.reportedParts {
      #expect(part.value == 0, "\(part.name) should be 0 when not liable")
    }
  }

  @Test("R7.3 with several case-wide defences succeeding, the first is reported")
  func firstCaseWide() {
    #expect(Assessor(terms: Self.twoJoint).tort(Self.succeeding(1, 0)).liability == .defense(0))
  }

  @Test("R7.3 R8 an exempting defence of one of two joint defendants exempts only that one")
  func exemptOneOfTwo() throws {
    let assessor = Assessor(terms: Self.twoJoint)
    let outcome = assessor.tort(Self.succeeding(2))
    #expect(outcome.liability == .liable)
    #expect(outcome.exemptDefendants == 0b01)
    #expect(outcome.award == assessor.tort(Self.richFacts).award)
    #expect(outcome.award == 37_000)
    let fractions = try #require(
      Apportionment.fractions(for: Self.twoJoint.defendants, exempt: outcome.exemptDefendants))
    #expect(fractions == [.init(exposure: 0, share: 0), .init(exposure: 1, share: 1)])
  }

  @Test("R7.3 R8 every defendant exempt: nobody is liable")
  func everyDefendantExempt() {
    let outcome = Assessor(terms: Self.twoJoint).tort(Self.succeeding(3, 4))
    #expect(outcome.liability == .everyDefendantExempt)
    #expect(outcome.exemptDefendants == 0b11)
    #expect(outcome.basis == .none)
    for part in outcome.reportedParts {
      #expect(part.value == 0, "\(part.name) should be 0 when not liable")
    }
    #expect(
      Apportionment.fractions(for: Self.twoJoint.defendants, exempt: outcome.exemptDefendants)
        == nil)
  }

  @Test("R7.3 a safe harbour exempts the platform, the infringer stays liable")
  func safeHarborExemptsPlatform() {
    let terms = CaseTerms.plain().with {
      $0.defendants = [
        Defendant(name: "用户", role: .infringer, form: .sole),
        Defendant(
          name: "平台", role: .platform, form: .noticeIgnored, share: 1, expandedFraction: 0.5),
      ]
      $0.defenses = [Defense(kind: .safeHarbor, defendant: 1)]
    }
    let outcome = Assessor(terms: terms).tort(
      Facts.proven(actualLoss: 10_000).with { $0.defenses.set(0, true) })
    #expect(outcome.liability == .liable)
    #expect(outcome.exemptDefendants == 0b10)
    #expect(outcome.award == 10_000)
  }

  // Civil Code Art. 577: on the contract route only consent excuses the breach.
  @Test("R7.3 R9 on the contract route only consent clears the defendant")
  func contractDefences() {
    let terms = CaseTerms.plain(act: .repetitiveGeneration).with {
      $0.defendants = [Defendant(name: "服务提供者", role: .provider, form: .sole)]
      $0.defenses = [
        Defense(kind: .fairUse), Defense(kind: .notAWork),
        Defense(kind: .technologyLimit, defendant: 0),
        Defense(kind: .thirdPartyFault, defendant: 0), Defense(kind: .consent),
      ]
    }
    let assessor = Assessor(terms: terms)
    let facts = Facts.proven(actualLoss: 10_000)
    for index in 0..<4 {
      let outcome = assessor.contract(facts.with { $0.defenses.set(index, true) })
      #expect(outcome.liability == .liable, "defence \(terms.defenses[index].kind)")
      #expect(outcome.award == 10_000)
      #expect(!assessor.tort(facts.with { $0.defenses.set(index, true) }).isLiable)
    }
    let consent = assessor.contract(facts.with { $0.defenses.set(4, true) })
    #expect(consent.liability == .defense(4))
    #expect(consent.award == .zero)
    #expect(assessor.tort(facts.with { $0.defenses.set(4, true) }).liability == .defense(4))
  }
}

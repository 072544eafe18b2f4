import DamagesLaw
import Testing
import _DamagesTestSupport

@Suite("R7.1 Fault principle")
struct FaultPrincipleTests {
  // Civil Code Art. 1165 ¶2: 依照法律规定推定行为人有过错，其不能证明自己没有过错的，应当承担侵权责任。
  // No statute presumes fault for these acts; presumed fault is a proposal for repetitive
  // generation only. Rows: principle, act, available.
  typealias AvailabilityRow = (principle: FaultPrinciple, act: Act, available: Bool)
  static let availability: [AvailabilityRow] = [
    (.fault, .illegalUse, true),
    (.fault, .repetitiveGeneration, true),
    (.fault, .generatedOutput, true),
    (.presumed, .illegalUse, false),
    (.presumed, .repetitiveGeneration, true),
    (.presumed, .generatedOutput, false),
  ]

  @Test("R7.1 presumed fault is available only for repetitive generation", arguments: availability)
  func availableFor(principle: FaultPrinciple, act: Act, available: Bool) {
    #expect(principle.isAvailable(for: act) == available)
  }

  @Test("R7.1 the default principle is fault liability")
  func defaultPrinciple() {
    #expect(Options().faultPrinciple == .fault)
  }

  @Test("R7.1 R7.2 in tort, fault not proven means not liable", arguments: FaultPrinciple.allCases)
  func tortNeedsFault(principle: FaultPrinciple) {
    let terms = CaseTerms.plain(act: .repetitiveGeneration).with {
      $0.options.faultPrinciple = principle
    }
    let facts = Facts.proven(actualLoss: 10_000).with { $0.elements.fault = false }
    let outcome = Assessor(terms: terms).tort(facts)
    #expect(outcome.liability == .elementMissing(.fault))
    #expect(outcome.award == .zero)
  }

  // Civil Code Art. 577: contract liability is strict; fault is not an element.
  @Test("R7.1 R9 the contract route ignores fault")
  func contractIgnoresFault() {
    let terms = CaseTerms.plain(act: .repetitiveGeneration)
    let facts = Facts.proven(actualLoss: 10_000).with { $0.elements.fault = false }
    #expect(facts.elements.firstMissing(faultRequired: false) == nil)
    let outcome = Assessor(terms: terms).contract(facts)
    #expect(outcome.liability == .liable)
    #expect(outcome.award == 10_000)
  }

  @Test(
    "R7.1 R9 the contract route still needs work, breach and causation",
    arguments: [Elements.Element.work, .infringement, .causation])
  func contractNeedsTheOtherElements(element: Elements.Element) {
    let facts = Facts.proven(actualLoss: 10_000).with {
      switch element {
      case .work: $0.elements.work = false
      case .infringement: $0.elements.infringement = false
      case .causation: $0.elements.causation = false
      case .fault: $0.elements.fault = false
      }
    }
    let outcome = Assessor(terms: .plain(act: .repetitiveGeneration)).contract(facts)
    #expect(outcome.liability == .elementMissing(element))
    #expect(outcome.basis == .none)
    #expect(outcome.award == .zero)
  }
}

import DamagesLaw
import Testing
import _DamagesTestSupport

@Suite("R7.2 Elements of liability")
struct ElementsTests {
  /// Facts that would give every part of an award: loss with punitive damages, mental distress,
  /// expenses. When nobody is liable, every part must still be 0.
  static let richFacts = Facts.proven(actualLoss: 10_000).with {
    $0.mentalHarm = .found(true)
    $0.mentalDistress = 5_000
    $0.expenses = 2_000
  }.punitive(multiplier: 2)
  static let richCase = CaseTerms.plain(rights: [.attribution, .reproduction])

  // Copyright Law Art. 3 (a work); Civil Code Art. 1165 ¶1: 行为人因过错侵害他人民事权益造成损害的，
  // 应当承担侵权责任。 The four elements: work, infringement, causation, fault.
  @Test(
    "R7.2 each missing element is found, in the order of the statute",
    arguments: Elements.Element.allCases)
  func firstMissing(element: Elements.Element) {
    var elements = Elements()
    switch element {
    case .work: elements.work = false
    case .infringement: elements.infringement = false
    case .causation: elements.causation = false
    case .fault: elements.fault = false
    }
    #expect(elements.firstMissing() == element)
  }

  @Test("R7.2 all four present: nothing missing; several missing: the first listed")
  func allOrSeveral() {
    #expect(Elements().firstMissing() == nil)
    #expect(Elements(infringement: false, fault: false).firstMissing() == .infringement)
    #expect(
      Elements(work: false, infringement: false, causation: false, fault: false).firstMissing()
        == .work)
    #expect(
      Elements(causation: false, fault: false).firstMissing(faultRequired: false) == .causation)
  }

  // docs/scenario-format.md, How the scenario is read: not liable gives liable false, basis none, and every part 0.
  @Test(
    "R7.2 a missing element: not liable, basis none, every part 0",
    arguments: Elements.Element.allCases)
  func missingElementClearsEverything(element: Elements.Element) {
    let facts = Self.richFacts.with {
      switch element {
      case .work: $0.elements.work = false
      case .infringement: $0.elements.infringement = false
      case .causation: $0.elements.causation = false
      case .fault: $0.elements.fault = false
      }
    }
    let outcome = Assessor(terms: Self.richCase).tort(facts)
    #expect(outcome.liability == .elementMissing(element))
    #expect(!outcome.isLiable)
    #expect(outcome.basis == .none)
    for part in outcome.reportedParts {
      #expect(part.value == 0, "\(part.name) should be 0 when not liable")
    }
    #expect(outcome.punitiveStatus == .notLiable)
    #expect(outcome.mentalDistressStatus == .notLiable)
    #expect(outcome.uncappedAward == .zero)
  }

  @Test("R7.2 every element present: liable and the parts add up")
  func allPresent() {
    let outcome = Assessor(terms: Self.richCase).tort(Self.richFacts)
    #expect(outcome.liability == .liable)
    #expect(outcome.basis == .actualLoss)
    #expect(outcome.compensation == 30_000)
    #expect(outcome.award == 37_000)
  }
}

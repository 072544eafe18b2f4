import DamagesScenario
import Testing

// Each error kind of docs/scenario-format.md, Input rules, checked by its exact rendered text
// and position. The first three lines of `head` are version, title and case, so `facts:` is on
// line 4.

@Suite("Scenario reader: defendants (R8)")
struct ScenarioReaderDefendantErrorTests {
  func check(_ defendants: String) -> [String] {
    diagnostics(head + "facts: {statutory_award: 500}\ndefendants:\n" + defendants)
  }

  @Test("R8 names are unique")
  func uniqueNames() {
    #expect(
      check(
        "  - {name: A, role: infringer, form: joint}\n  - {name: A, role: infringer, form: joint}\n"
      ) == [
        "s.yaml:7:12: error: defendants[1].name: `A` already names defendants[0]; defendants' names must be unique"
      ])
  }

  @Test("R8 share not allowed on a sole or vicarious defendant")
  func shareNotAllowed() {
    #expect(
      check("  - {name: A, role: infringer, form: sole, share: 0.5}\n") == [
        "s.yaml:6:44: error: defendants[0].share: not allowed for a `sole` defendant: it bears the whole award (Civil Code Art. 1165 ¶1); remove `share`"
      ])
  }

  @Test("R8 joint group shares: all given summing to 1, or all omitted")
  func jointShares() {
    #expect(
      check(
        "  - {name: A, role: infringer, form: joint, share: 0.5}\n  - {name: B, role: platform, form: knew}\n"
      ) == [
        "s.yaml:6:3: error: defendants: the joint, sufficient and knew defendants form one group: give each a share or none (with a share: A; without: B)"
      ])
    #expect(
      check(
        "  - {name: A, role: infringer, form: joint, share: 0.5}\n  - {name: B, role: platform, form: knew, share: 0.4}\n"
      ) == [
        "s.yaml:6:3: error: defendants: the shares of the joint group (A, B) sum to 0.9; they must sum to 1 (R8)"
      ])
  }

  @Test("R8 proportional defendants need shares summing to at most 1")
  func proportional() {
    #expect(
      check(
        "  - {name: A, role: infringer, form: proportional, share: 0.7}\n  - {name: B, role: infringer, form: proportional}\n"
      ) == [
        "s.yaml:7:5: error: defendants[1].share: missing key `share`: a proportional defendant bears its own share of the award (Civil Code Art. 1172)"
      ])
    #expect(
      check(
        "  - {name: A, role: infringer, form: proportional, share: 0.7}\n  - {name: B, role: infringer, form: proportional, share: 0.7}\n"
      ) == [
        "s.yaml:6:3: error: defendants: the shares of the proportional defendants (A, B) sum to 1.4; they must not exceed 1 (Civil Code Art. 1172)"
      ])
  }

  @Test("R8 a notice-ignored platform needs share and expanded_fraction, which only it may have")
  func noticeIgnored() {
    #expect(
      check(
        "  - {name: A, role: infringer, form: sole}\n  - {name: P, role: platform, form: notice-ignored}\n"
      ) == [
        "s.yaml:7:5: error: defendants[1].share: missing key `share`: its part of the expanded damage (Civil Code Art. 1195 ¶2)",
        "s.yaml:7:5: error: defendants[1].expanded_fraction: missing key `expanded_fraction`: the fraction of the award that is the damage expanded after the notice (Civil Code Art. 1195 ¶2)",
      ])
    #expect(
      check("  - {name: A, role: infringer, form: joint, expanded_fraction: 0.5}\n") == [
        "s.yaml:6:45: error: defendants[0].expanded_fraction: not allowed for a `joint` defendant: `expanded_fraction` is only for a notice-ignored platform (Civil Code Art. 1195 ¶2)"
      ])
    #expect(
      check(
        "  - {name: A, role: infringer, form: sole}\n  - {name: P, role: platform, form: notice-ignored, share: 0, expanded_fraction: 2}\n"
      ) == [
        "s.yaml:7:60: error: defendants[1].share: must be within (0, 1], got 0",
        "s.yaml:7:82: error: defendants[1].expanded_fraction: must be within [0, 1], got 2",
      ])
  }

  @Test("R8 recourse only for a vicarious employer")
  func recourse() {
    #expect(
      check("  - {name: A, role: infringer, form: sole, recourse: true}\n") == [
        "s.yaml:6:44: error: defendants[0].recourse: `recourse` is not allowed here: only an employer liable for its employee (`vicarious`) may recover from the employee (Civil Code Art. 1191 ¶1)"
      ])
  }

  @Test("R8 forms that cannot be combined")
  func combinations() {
    let message =
      "are not an allowed combination; allowed: one `sole`, or one `vicarious`, or one group of `joint`, `sufficient` and `knew` defendants, or two or more `proportional`, each with any number of `notice-ignored` platforms (R8)"
    #expect(
      check(
        "  - {name: A, role: infringer, form: sole}\n  - {name: B, role: infringer, form: joint}\n")
        == [
          "s.yaml:6:3: error: defendants: the forms of the defendants (sole, joint) \(message)"
        ])
    #expect(
      check("  - {name: A, role: infringer, form: proportional, share: 0.5}\n") == [
        "s.yaml:6:3: error: defendants: the forms of the defendants (proportional) \(message)"
      ])
    #expect(
      check(
        "  - {name: P, role: platform, form: notice-ignored, share: 1, expanded_fraction: 0.5}\n")
        == [
          "s.yaml:6:3: error: defendants: the forms of the defendants (notice-ignored) \(message)"
        ])
    #expect(
      diagnostics(head + "facts: {statutory_award: 500}\ndefendants: []\n") == [
        "s.yaml:5:13: error: defendants: must list at least one defendant"
      ])
  }
}

@Suite("Scenario reader: sweeps (docs/scenario-format.md, Sweeps)")
struct ScenarioReaderSweepErrorTests {
  static let base =
    head + """
      facts:
        statutory_award: 500
        multiplier: 2
      defendants:
        - {name: A, role: infringer, form: proportional, share: 0.3}
        - {name: B, role: infringer, form: proportional, share: 0.3}
      sweep:

      """

  @Test("A sweep key that is not a number of the scenario")
  func notSweepable() {
    #expect(
      diagnostics(
        Self.base
          + "  facts.multipler: [1, 2]\n  simulation.runs: [10, 20]\n  defendants[2].share: [0.1]\n"
      ) == [
        "s.yaml:11:3: error: sweep.facts.multipler: `facts.multipler` is not a number or probability of the scenario that can be swept; did you mean `facts.multiplier`?",
        "s.yaml:12:3: error: sweep.simulation.runs: `simulation.runs` is not a number or probability of the scenario that can be swept; sweepable are e.g. facts.multiplier, facts.proven.illegal_gains, liability.work, defendants[0].share, case.claim",
        "s.yaml:13:3: error: sweep.defendants[2].share: `defendants[2].share` names no defendant: the scenario has 2",
      ])
  }

  @Test("R4 multiplier 7 in a sweep list is an error on that sweep entry")
  func listPoint() {
    #expect(
      diagnostics(Self.base + "  facts.multiplier: [1, 3, 7]\n") == [
        "s.yaml:11:28: error: sweep.facts.multiplier[2]: must be within 1 to 5 (Art. 54 ¶1), got 7"
      ])
  }

  @Test("R4 a range point outside the law is an error on the range")
  func rangePoint() {
    #expect(
      diagnostics(Self.base + "  facts.multiplier: {from: 1, to: 7, steps: 4}\n") == [
        "s.yaml:11:3: error: sweep.facts.multiplier: with facts.multiplier = 7: must be within 1 to 5 (Art. 54 ¶1), got 7"
      ])
  }

  @Test("A sweep point that makes another field required")
  func otherField() {
    let text =
      head + """
        facts:
          actual_loss: 1000
          serious: 1
        sweep:
          facts.intentional: [false, 0.5]
        """
    #expect(
      diagnostics(text) == [
        "s.yaml:8:30: error: sweep.facts.intentional[1]: facts.multiplier: required: punitive damages can apply (intentional and serious are possible and a figure may be proven, R4); give a value within 1 to 5 (Art. 54 ¶1)"
      ])
  }

  @Test("R8 a grid point that only fails in combination is an error on the sweep")
  func gridPoint() {
    #expect(
      diagnostics(
        Self.base + "  defendants[0].share: [0.3, 0.6]\n  defendants[1].share: [0.3, 0.6]\n") == [
          "s.yaml:10:1: error: sweep: with defendants[0].share = 0.6, defendants[1].share = 0.6, defendants: the shares of the proportional defendants (A, B) sum to 1.2; they must not exceed 1 (Civil Code Art. 1172)"
        ])
  }

  @Test("Ranges: steps at least 2, log scale above 0, at most 10,000 grid points, no empty list")
  func ranges() {
    #expect(
      diagnostics(Self.base + "  facts.multiplier: {from: 1, to: 5, steps: 1}\n") == [
        "s.yaml:11:45: error: sweep.facts.multiplier.steps: must be an integer of at least 2, got 1"
      ])
    #expect(
      diagnostics(Self.base + "  liability.work: {from: 0, to: 1, steps: 3, scale: log}\n") == [
        "s.yaml:11:53: error: sweep.liability.work.scale: `scale: log` needs `from` and `to` greater than 0"
      ])
    #expect(
      diagnostics(
        Self.base
          + "  liability.work: {from: 0, to: 1, steps: 101}\n  liability.fault: {from: 0, to: 1, steps: 101}\n"
      ) == [
        "s.yaml:10:1: error: sweep: the sweep grid has 10,201 points; at most 10,000 (fewer values or steps)"
      ])
    #expect(
      diagnostics(Self.base + "  liability.work: {from: 0, to: 1, steps: 1000000000000}\n") == [
        "s.yaml:11:43: error: sweep.liability.work.steps: the sweep grid has 1,000,000,000,000 points; at most 10,000 (fewer values or steps)"
      ])
    #expect(
      diagnostics(Self.base + "  liability.work: []\n") == [
        "s.yaml:11:19: error: sweep.liability.work: must list at least one value"
      ])
    #expect(
      diagnostics(Self.base + "  liability.work: {from: 0, to: 1, steps: 3, scale: cubic}\n") == [
        "s.yaml:11:53: error: sweep.liability.work.scale: unknown scale `cubic`; expected one of linear, log"
      ])
  }

  /// Two spellings of one field would make two axes of the grid, the second silently
  /// overriding the first at every point.
  @Test("A field swept twice under two spellings is an error on the second")
  func sweptTwice() {
    #expect(
      diagnostics(Self.base + "  defendants[0].share: [0.1, 0.2]\n  defendants[00].share: [0.3]\n")
        == [
          "s.yaml:12:3: error: sweep.defendants[00].share: `defendants[00].share` names the same field as `defendants[0].share`, already swept; a grid has one axis per field: give its values once"
        ])
  }

  @Test("Probabilities may be swept as true and false; ranges are linear by default")
  func valid() throws {
    let s = try parsed(
      Self.base + "  liability.work: [true, 0.5]\n  case.claim: {from: 1000, to: 3000, steps: 3}\n")
    #expect(s.sweep.map(\.values) == [[1, 0.5], [1000, 2000, 3000]])
  }
}

@Suite("Scenario reader: the edges of the statutory ranges")
struct ScenarioReaderRangeEdgeTests {
  /// Whether `facts: {statutory_award: 1000, KEY: VALUE}` is refused on that key.
  func refused(_ key: String, _ value: String) -> Bool {
    let facts = key == "statutory_award" ? "{statutory_award: \(value)}" : "{statutory_award: 1000, \(key): \(value)}"
    return diagnostics(head + "facts: \(facts)\n").contains { $0.contains("error: facts.\(key):") }
  }

  @Test("R3 Art. 54 ¶2: 500 and 5,000,000 are in, a fen beyond is out", arguments: [
    ("499.99", true), ("500", false), ("5000000", false), ("5000000.01", true),
  ])
  func statutory(_ value: String, _ out: Bool) {
    #expect(refused("statutory_award", value) == out, "\(value)")
  }

  @Test("R4 Art. 54 ¶1 and R2: multipliers 1 and 5 are in, just beyond is out", arguments: [
    ("multiplier", "0.999", true), ("multiplier", "1", false), ("multiplier", "5", false),
    ("multiplier", "5.001", true), ("license_fee_multiple", "0.999", true),
    ("license_fee_multiple", "1", false), ("license_fee_multiple", "5", false),
    ("license_fee_multiple", "5.001", true),
  ])
  func multipliers(_ key: String, _ value: String, _ out: Bool) {
    #expect(refused(key, value) == out, "\(key): \(value)")
  }
}

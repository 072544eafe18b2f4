import DamagesScenario
import DamagesLaw
import DamagesSimulation
import Foundation
import Testing

@Suite("Scenario reader: sweep points (docs/scenario-format.md, Sweeps)")
struct ScenarioReaderSettingTests {
  static let base =
    head + """
      facts:
        actual_loss: {dist: uniform, min: 1000, max: 5000}
        illegal_gains: {dist: uniform, min: 1000, max: 5000}
        proven: {actual_loss: 0.5, illegal_gains: 0.5}
        statutory_award: 10000
        intentional: 0.5
        serious: 0.5
        multiplier: 2
      correlations:
        - [actual_loss, illegal_gains, 0.5]
      defendants:
        - {name: A, role: infringer, form: proportional, share: 0.5}
        - {name: B, role: infringer, form: proportional, share: 0.5}
      """

  @Test("A valid point is applied")
  func valid() throws {
    let s = try parsed(Self.base)
    let m = try ScenarioReader.setting("facts.multiplier", to: 4.5, in: s, file: "s.yaml")
    #expect(m.facts[.multiplier] == .fixed(4.5))
    let p = try ScenarioReader.setting("facts.proven.illegal_gains", to: 0.9, in: s, file: "s.yaml")
    #expect(p.facts.provenGains == 0.9)
    let w = try ScenarioReader.setting("liability.work", to: 0.3, in: s, file: "s.yaml")
    #expect(w.liability.work == 0.3)
    let d = try ScenarioReader.setting("defendants[1].share", to: 0.2, in: s, file: "s.yaml")
    #expect(d.terms.defendants[1].share == 0.2)
    let c = try ScenarioReader.setting("case.claim", to: 20000, in: s, file: "s.yaml")
    #expect(c.terms.claim == Yuan(20000))
  }

  @Test("A fact set to a number drops its correlations; a new figure is proven by default")
  func factSetting() throws {
    let s = try parsed(Self.base)
    let g = try ScenarioReader.setting("facts.illegal_gains", to: 3000, in: s, file: "s.yaml")
    #expect(g.facts[.illegalGains] == .fixed(3000))
    #expect(g.correlations.isEmpty)
    #expect(g.facts.provenGains == 0.5)
    let f = try ScenarioReader.setting("facts.license_fee", to: 3000, in: s, file: "s.yaml")
    #expect(f.facts.provenLicenseFee == 1)
  }

  @Test("R4 a point outside the law is refused exactly as in a file")
  func invalid() throws {
    let s = try parsed(Self.base)
    #expect(throws: ScenarioError.self) {
      try ScenarioReader.setting("facts.multiplier", to: 7, in: s, file: "s.yaml")
    }
    do {
      _ = try ScenarioReader.setting("facts.multiplier", to: 7, in: s, file: "s.yaml")
    } catch {
      #expect(error.exitCode == 65)
      #expect(
        error.description
          == "s.yaml: error: sweep.facts.multiplier: with facts.multiplier = 7: must be within 1 to 5 (Art. 54 ¶1), got 7"
      )
    }
    do {
      _ = try ScenarioReader.setting("defendants[0].share", to: 0.8, in: s, file: "s.yaml")
    } catch {
      #expect(
        error.description
          == "s.yaml: error: sweep.defendants[0].share: with defendants[0].share = 0.8, defendants: the shares of the proportional defendants (A, B) sum to 1.3; they must not exceed 1 (Civil Code Art. 1172)"
      )
    }
  }

  @Test("A path that is not a number of the scenario is refused with a suggestion")
  func unknownPath() throws {
    let s = try parsed(Self.base)
    do {
      _ = try ScenarioReader.setting("facts.multipler", to: 2, in: s, file: "s.yaml")
      Issue.record("accepted")
    } catch {
      #expect(
        error.description
          == "s.yaml: error: sweep.facts.multipler: `facts.multipler` is not a number or probability of the scenario that can be swept; did you mean `facts.multiplier`?"
      )
    }
    do {
      _ = try ScenarioReader.setting("defendants[5].share", to: 0.1, in: s, file: "s.yaml")
      Issue.record("accepted")
    } catch {
      #expect(
        error.description
          == "s.yaml: error: sweep.defendants[5].share: with defendants[5].share = 0.1: `defendants[5].share` names no defendant: the scenario has 2"
      )
    }
  }
}

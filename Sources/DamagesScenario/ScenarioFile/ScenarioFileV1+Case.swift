import DamagesLaw
import DamagesSimulation
import Foundation
import Yams

// The `case` section: the act, the claimant, the rights, the claim and the procedure.

extension ScenarioFileV1 {
  mutating func readCase(_ e: Entry) -> CaseTerms {
    let allowed = [
      "act", "claimant", "holder", "rights", "route", "procedure", "claim", "infringement_date",
      "infringement_end", "works",
    ]
    let entries =
      mapping(e.value, at: e.path, allowed: allowed, what: "a mapping {act, claimant, rights, …}")
      ?? [:]
    let here = e.keyPosition
    var act = Act.illegalUse
    var claimant = Claimant.naturalPerson
    var rights: [Right] = [.otherEconomic]
    if let a = required(
      entries, "act", in: e.path, at: here,
      note: "one of \(Act.allCases.map(\.rawValue).joined(separator: ", "))")
    {
      if let value: Act = enumValue(a.value, a.path, noun: "act") { act = value }
    }
    if let c = required(
      entries, "claimant", in: e.path, at: here, note: "natural-person or legal-person")
    {
      if let value: Claimant = enumValue(c.value, c.path, noun: "claimant") { claimant = value }
    }
    if let r = required(
      entries, "rights", in: e.path, at: here,
      note: "the rights infringed, e.g. [attribution, network-dissemination]")
    {
      if let value = readRights(r) { rights = value }
    }
    var terms = CaseTerms(act: act, claimant: claimant, rights: rights)
    if let h = entries["holder"], let value: Holder = enumValue(h.value, h.path, noun: "holder") {
      terms.holder = value
    }
    if let r = entries["route"], let value: Route = enumValue(r.value, r.path, noun: "route") {
      terms.route = value
    }
    if let p = entries["procedure"],
      let value: Procedure = enumValue(p.value, p.path, noun: "procedure")
    {
      terms.procedure = value
    }
    if let c = entries["claim"], let value = number(c.value, c.path) {
      terms.claim = Yuan(value)
    }
    if let d = entries["infringement_date"] { terms.infringementDate = date(d) }
    // R3, R4: the law of the last day governs (法释〔2020〕15号 Art. 1 ¶3).
    if let d = entries["infringement_end"] { terms.infringementEnd = date(d) }
    // R3 per work: how many works the per-work statutory award multiplies.
    if let w = entries["works"],
      let value = wholeNumber(
        w.value, w.path, allowed: "an integer from 1 to 1,000,000,000 (the works infringed, R3)",
        range: 1...1_000_000_000)
    {
      terms.works = Int(value)
    }
    return terms
  }

  /// A date field: `YYYY-MM-DD`, or as a person writes it.
  mutating func date(_ d: Entry) -> CivilDate? {
    guard let text = text(d.value, d.path) else { return nil }
    if let date = CivilDate(text) { return date }
    if WrittenNumber.hasDigit(text) {
      // `2021年6月1日`, `2021/6/1`, `2021.6.1`: a date as a person writes it.
      do { return try WrittenNumber.date(text) } catch {
        fail(d.path, .written(error.message), at: d.valuePosition)
        return nil
      }
    }
    fail(d.path, .badDate(got: Describe.node(d.value)), at: d.valuePosition)
    return nil
  }

  mutating func readRights(_ e: Entry) -> [Right]? {
    guard case .sequence(let list) = e.value else {
      fail(
        e.path,
        .expected(
          "a list of rights, e.g. [attribution, reproduction]", got: Describe.node(e.value),
          note: nil),
        at: e.valuePosition)
      return nil
    }
    guard !list.isEmpty else {
      fail(e.path, .emptyList("right"), at: e.valuePosition)
      return nil
    }
    var rights: [Right] = []
    var ok = true
    for (i, node) in list.enumerated() {
      let path = FieldPath.index(e.path, i)
      guard let right: Right = enumValue(node, path, noun: "right") else {
        ok = false
        continue
      }
      if rights.contains(right) {
        fail(path, .listedTwice(right.rawValue), at: Position(node.mark))
        ok = false
      }
      rights.append(right)
    }
    if !ok { failed.insert(e.path) }
    return ok ? rights : nil
  }
}

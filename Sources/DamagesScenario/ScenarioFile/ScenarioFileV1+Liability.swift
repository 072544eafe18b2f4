import DamagesLaw
import DamagesSimulation
import Foundation
import Yams

// The `liability` and `defendants` sections: the elements, the defences and who is liable how.

extension ScenarioFileV1 {
  mutating func readLiability(_ e: Entry, into liability: inout UncertainLiability)
    -> [(kind: DefenseKind, success: Double, defendant: Entry?)]
  {
    let allowed = ["work", "infringement", "causation", "fault", "defenses"]
    guard
      let entries = mapping(
        e.value, at: e.path, allowed: allowed,
        what: "a mapping {work, infringement, causation, fault, defenses}")
    else { return [] }
    if let f = entries["work"], let p = probability(f.value, f.path) { liability.work = p }
    if let f = entries["infringement"], let p = probability(f.value, f.path) {
      liability.infringement = p
    }
    if let f = entries["causation"], let p = probability(f.value, f.path) {
      liability.causation = p
    }
    if let f = entries["fault"], let p = probability(f.value, f.path) { liability.fault = p }
    guard let d = entries["defenses"],
      let list = list(d, what: "a list of defences, e.g. [{kind: fair-use, success: 0.1}]")
    else {
      return []
    }
    var defenses: [(kind: DefenseKind, success: Double, defendant: Entry?)] = []
    for (i, node) in list.enumerated() {
      let path = FieldPath.index(d.path, i)
      let here = Position(node.mark)
      map.values[path] = here
      guard
        let fields = mapping(
          node, at: path, allowed: ["kind", "success", "defendant"],
          what: "a defence {kind, success, defendant}")
      else {
        continue
      }
      let kinds = DefenseKind.allCases.map(\.rawValue).joined(separator: ", ")
      let kindEntry = required(fields, "kind", in: path, at: here, note: "one of \(kinds)")
      let successEntry = required(
        fields, "success", in: path, at: here, note: "the probability that the defence succeeds")
      let kind: DefenseKind? = kindEntry.flatMap { enumValue($0.value, $0.path, noun: "defence") }
      let success = successEntry.flatMap { probability($0.value, $0.path) }
      guard let kind, let success else {
        failed.insert(path)
        continue
      }
      defenses.append((kind, success, fields["defendant"]))
    }
    return defenses
  }

  mutating func readDefendants(_ e: Entry) -> [Defendant]? {
    guard
      let list = list(
        e, what: "a list of defendants, e.g. [{name: A, role: infringer, form: sole}]")
    else {
      return nil
    }
    guard !list.isEmpty else {
      fail(e.path, .emptyList("defendant"), at: e.valuePosition)
      return nil
    }
    let allowed = ["name", "role", "form", "share", "expanded_fraction", "recourse", "part"]
    var defendants: [Defendant] = []
    var firstByName: [String: String] = [:]
    var ok = true
    for (i, node) in list.enumerated() {
      let path = FieldPath.index(e.path, i)
      let here = Position(node.mark)
      map.values[path] = here
      guard
        let fields = mapping(
          node, at: path, allowed: allowed, what: "a defendant {name, role, form, …}")
      else {
        ok = false
        continue
      }
      let nameEntry = required(
        fields, "name", in: path, at: here, note: "how the defendant is called in the output")
      let roleEntry = required(
        fields, "role", in: path, at: here,
        note: "one of \(Role.allCases.map(\.rawValue).joined(separator: ", "))")
      let formEntry = required(
        fields, "form", in: path, at: here,
        note: "one of \(LiabilityForm.allCases.map(\.rawValue).joined(separator: ", ")) (R8)")
      let name = nameEntry.flatMap { text($0.value, $0.path) }
      let role: Role? = roleEntry.flatMap { enumValue($0.value, $0.path, noun: "role") }
      let form: LiabilityForm? = formEntry.flatMap { enumValue($0.value, $0.path, noun: "form") }
      var share: Double?
      var expanded: Double?
      var recourse = false
      var part = 1.0
      var good = true
      if let s = fields["share"] {
        share = number(s.value, s.path)
        good = good && share != nil
      }
      if let x = fields["expanded_fraction"] {
        expanded = number(x.value, x.path)
        good = good && expanded != nil
      }
      if let r = fields["recourse"] {
        if let value = boolean(r.value, r.path) {
          recourse = value
          if let form, form != .vicarious {
            fail(
              r.path,
              .notAllowedHere(
                "recourse",
                reason:
                  "only an employer liable for its employee (`vicarious`) may recover from the employee (Civil Code Art. 1191 ¶1)"
              ),
              at: r.keyPosition)
            good = false
          }
        } else {
          good = false
        }
      }
      // R8, joint liability for a part: only a joint defendant answers for part of the award.
      if let p = fields["part"] {
        if let value = number(p.value, p.path) {
          part = value
          if let form, form != .joint {
            fail(
              p.path,
              .notAllowedHere(
                "part",
                reason:
                  "only a `joint` defendant may be jointly and severally liable for part of the award (Civil Code Arts. 1168, 178)"
              ),
              at: p.keyPosition)
            good = false
          } else if !(value > 0 && value <= 1) {
            fail(
              p.path,
              .outOfRange(
                allowed: "within (0, 1]: the fraction of the award it answers for (R8)", got: value),
              at: p.valuePosition)
            good = false
          }
        } else {
          good = false
        }
      }
      if let name, let n = nameEntry {
        if name.isEmpty {
          fail(
            n.path, .expected("a non-empty name", got: Describe.node(n.value), note: nil),
            at: n.valuePosition)
          good = false
        } else if let first = firstByName[name] {
          fail(n.path, .duplicateName(name: name, first: first), at: n.valuePosition)
          good = false
        } else {
          firstByName[name] = path
        }
      }
      guard let name, let role, let form, good else {
        ok = false
        failed.insert(path)
        continue
      }
      defendants.append(
        Defendant(
          name: name, role: role, form: form, share: share,
          expandedFraction: expanded, recourse: recourse, part: part))
    }
    if !ok {
      failed.insert(e.path)
      return nil
    }
    return defendants
  }
}

import DamagesLaw
import DamagesSimulation
import Foundation
import Yams

// The `correlations`, `options` and `simulation` sections.

extension ScenarioFileV1 {
  mutating func readCorrelations(_ e: Entry) -> [Correlation] {
    guard let list = list(e, what: "a list of [fact, fact, rho]") else { return [] }
    var correlations: [Correlation] = []
    for (i, node) in list.enumerated() {
      let path = FieldPath.index(e.path, i)
      map.values[path] = Position(node.mark)
      guard case .sequence(let triple) = node, triple.count == 3 else {
        fail(
          path,
          .expected(
            "[fact, fact, rho], e.g. [actual_loss, illegal_gains, 0.6]", got: Describe.node(node),
            note: nil),
          at: Position(node.mark))
        continue
      }
      map.values[FieldPath.index(path, 2)] = Position(triple[2].mark)
      let first: FactKey? = enumValue(triple[0], path, noun: "fact")
      let second: FactKey? = enumValue(triple[1], path, noun: "fact")
      let rho = number(triple[2], path)
      guard let first, let second, let rho else { continue }
      correlations.append(Correlation(first, second, rho: rho))
    }
    return correlations
  }

  mutating func readOptions(_ e: Entry, into options: inout Options) {
    let allowed = [
      "punitive", "election", "liquidated_cap_ratio", "contract_expenses", "fault_principle",
      "statutory_includes_expenses", "fee_allocation",
    ]
    guard
      let entries = mapping(
        e.value, at: e.path, allowed: allowed, what: "a mapping of options {punitive, election, …}")
    else { return }
    if let f = entries["punitive"],
      let v: PunitiveReading = enumValue(f.value, f.path, noun: "reading")
    {
      options.punitive = v
    }
    if let f = entries["election"], let v: Election = enumValue(f.value, f.path, noun: "election") {
      options.election = v
    }
    if let f = entries["liquidated_cap_ratio"], let v = number(f.value, f.path) {
      options.liquidatedCapRatio = v
    }
    if let f = entries["contract_expenses"], let v = boolean(f.value, f.path) {
      options.contractExpenses = v
    }
    if let f = entries["fault_principle"],
      let v: FaultPrinciple = enumValue(f.value, f.path, noun: "fault principle")
    {
      options.faultPrinciple = v
    }
    if let f = entries["statutory_includes_expenses"], let v = boolean(f.value, f.path) {
      options.statutoryIncludesExpenses = v
    }
    if let f = entries["fee_allocation"],
      let v: FeeAllocation = enumValue(f.value, f.path, noun: "fee allocation")
    {
      options.feeAllocation = v
    }
  }

  mutating func readSimulation(_ e: Entry, into settings: inout SimulationSettings) {
    guard
      let entries = mapping(
        e.value, at: e.path, allowed: ["runs", "seed", "threads", "sampling"],
        what: "a mapping {runs, seed, threads, sampling}")
    else {
      return
    }
    if let f = entries["runs"],
      let v = wholeNumber(
        f.value, f.path, allowed: "an integer from 2 to 100,000,000,000",
        range: UInt64(Limits.runs.lowerBound)...UInt64(Limits.runs.upperBound))
    {
      settings.runs = Int(v)
    }
    if let f = entries["seed"],
      let v = wholeNumber(f.value, f.path, allowed: "a non-negative integer", range: 0...UInt64.max)
    {
      settings.seed = v
    }
    if let f = entries["threads"],
      let v = wholeNumber(
        f.value, f.path, allowed: "an integer of at least 1", range: 1...UInt64(Int.max))
    {
      settings.threads = Int(v)
    }
    if let f = entries["sampling"], let v: Sampling = enumValue(f.value, f.path, noun: "sampling") {
      settings.sampling = v
    }
  }
}

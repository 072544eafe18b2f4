import DamagesLaw
import DamagesSimulation
import Foundation
import Yams

// The `sweep` section: the paths a sweep varies and their values, as lists or ranges.

extension ScenarioFileV1 {
  mutating func readSweep(_ e: Entry, scenario: Scenario) {
    guard
      let entries = mapping(
        e.value, at: e.path, allowed: nil, what: "a mapping of dotted paths to lists or ranges")
    else {
      return
    }
    let candidates = SweepTarget.candidates(in: scenario)
    // The key that first swept each field: a second spelling of it (`[0]`, `[00]`) would add
    // an axis that silently overrides the first.
    var swept: [SweepTarget: String] = [:]
    // In file order, so that the grid's axes follow the file.
    for entry in entries.values.sorted(by: {
      ($0.keyPosition ?? Position(line: 0, column: 0))
        < ($1.keyPosition ?? Position(line: 0, column: 0))
    }) {
      guard let target = SweepTarget(path: entry.name) else {
        fail(
          entry.path,
          .notSweepable(
            path: entry.name, suggestion: Suggestion.nearest(to: entry.name, in: candidates)),
          at: entry.keyPosition)
        continue
      }
      if let (count, of) = target.indexLimit(in: scenario), let index = target.index, index >= count
      {
        fail(
          entry.path, .noSuchIndex(path: entry.name, count: count, of: of), at: entry.keyPosition)
        continue
      }
      if let first = swept[target] {
        fail(entry.path, .sweptTwice(path: entry.name, first: first), at: entry.keyPosition)
        continue
      }
      swept[target] = entry.name
      switch entry.value {
      case .sequence(let list):
        guard !list.isEmpty else {
          fail(entry.path, .emptyList("value"), at: entry.valuePosition)
          continue
        }
        var values: [Double] = []
        var positions: [Position?] = []
        for (i, node) in list.enumerated() {
          let path = FieldPath.index(entry.path, i)
          let value = target.isProbability ? probability(node, path) : number(node, path)
          if let value {
            values.append(value)
            positions.append(Position(node.mark))
          }
        }
        if values.count == list.count {
          sweep.append(
            SweepEntry(
              path: entry.name, target: target, values: values, valuePositions: positions,
              keyPosition: entry.keyPosition))
        }
      case .mapping:
        if let values = readRange(entry) {
          sweep.append(
            SweepEntry(
              path: entry.name, target: target, values: values, valuePositions: [],
              keyPosition: entry.keyPosition))
        }
      default:
        fail(
          entry.path,
          .expected(
            "a list of values or a range {from, to, steps, scale}", got: Describe.node(entry.value),
            note: nil),
          at: entry.valuePosition)
      }
    }
    let points = sweep.reduce(1.0) { $0 * Double($1.values.count) }
    if points > Double(Limits.gridPoints) {
      fail(e.path, .gridTooLarge(points: points), at: e.keyPosition)
      sweep = []
    }
  }

  mutating func readRange(_ e: Entry) -> [Double]? {
    guard
      let fields = mapping(
        e.value, at: e.path, allowed: ["from", "to", "steps", "scale"],
        what: "a range {from, to, steps, scale}")
    else {
      return nil
    }
    let here = e.keyPosition
    let from = required(fields, "from", in: e.path, at: here, note: "the first value").flatMap {
      number($0.value, $0.path)
    }
    let to = required(fields, "to", in: e.path, at: here, note: "the last value").flatMap {
      number($0.value, $0.path)
    }
    let steps = required(fields, "steps", in: e.path, at: here, note: "how many values, at least 2")
      .flatMap {
        wholeNumber($0.value, $0.path, allowed: "an integer of at least 2", range: 2...UInt64.max)
      }
    var log = false
    if let s = fields["scale"] {
      if let text = text(s.value, s.path) {
        switch text {
        case "linear": break
        case "log": log = true
        default:
          fail(
            s.path,
            .unknownValue(
              noun: "scale", got: "`\(text)`", allowed: ["linear", "log"],
              suggestion: Suggestion.nearest(to: text, in: ["linear", "log"])),
            at: s.valuePosition)
          return nil
        }
      } else {
        return nil
      }
    }
    guard let from, let to, let steps else { return nil }
    if steps > UInt64(Limits.gridPoints) {
      fail(
        FieldPath.child(e.path, "steps"), .gridTooLarge(points: Double(steps)),
        at: fields["steps"]?.valuePosition)
      return nil
    }
    if log, !(from > 0 && to > 0) {
      fail(FieldPath.child(e.path, "scale"), .logScale, at: fields["scale"]?.valuePosition)
      return nil
    }
    return ScenarioReader.rangeValues(from: from, to: to, steps: Int(steps), log: log)
  }
}

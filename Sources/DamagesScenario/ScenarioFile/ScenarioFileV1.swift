import DamagesLaw
import DamagesSimulation
import Foundation
import Yams

/// The scenario file format, version 1 (docs/scenario-format.md).
///
/// Walks the YAML node tree key by key, checks every key and the kind of every value, and
/// builds the domain ``Scenario``. Rules that look at the scenario as a whole (ranges,
/// requirements, consistency) are ``ScenarioRules``; the positions they need are kept in
/// ``map``. Each section of the file is read in its own file beside this one
/// (`ScenarioFileV1+Case.swift`, `+Facts`, `+Liability`, `+Options`, `+Sweep`), the laws of
/// the facts in `+Distributions` and the kinds of value every section reads in `+Values`.
struct ScenarioFileV1 {
  var issues: [Issue] = []
  /// What is allowed but rarely meant (an amount below 100 yuan for a claim, a probability
  /// written `60`): reported on standard error, never an error.
  var warnings: [Issue] = []
  /// Fields that had an error here: the whole-scenario rules skip what depends on them, so
  /// that one mistake is reported once.
  var failed: Set<String> = []
  var map = SourceMap()
  var sweep: [SweepEntry] = []
  var sweepPosition: Position?

  static let topLevelKeys = [
    "version", "title", "source", "case", "facts", "liability", "defendants", "correlations",
    "options", "simulation", "sweep",
  ]

  /// One key of a mapping with its value.
  struct Entry {
    let name: String
    let path: String
    let key: Node
    let value: Node
    var keyPosition: Position? { Position(key.mark) }
    var valuePosition: Position? { Position(value.mark) }
  }

  /// A sweep axis as written: its target, its values and where each was written.
  struct SweepEntry {
    var path: String
    var target: SweepTarget
    var values: [Double]
    /// For a list, the position of each value; empty for a range.
    var valuePositions: [Position?]
    var keyPosition: Position?
  }

  // MARK: Reading

  /// Reads the root mapping.
  ///
  /// Returns nil when the version is missing or not 1: nothing else of such a file is read.
  mutating func read(root: Node.Mapping, position: Position?) -> Scenario? {
    map.root = position
    // The version first, as a header: nothing else of a file of another version is read.
    guard let version = root.first(where: { $0.key.scalar?.string == "version" })?.value else {
      fail(
        "version", .missingKey("version", note: "the scenario format version; write `version: 1`"),
        at: position)
      return nil
    }
    guard case .scalar(let scalar) = version, case .number(1) = CoreSchema.value(of: scalar) else {
      fail("version", .unsupportedVersion(got: Describe.node(version)), at: Position(version.mark))
      return nil
    }
    guard
      let entries = mapping(.mapping(root), at: "", allowed: Self.topLevelKeys, what: "a scenario")
    else {
      return nil
    }

    var title = "untitled"
    if let e = entries["title"] {
      if let text = text(e.value, e.path), !text.trimmingCharacters(in: .whitespaces).isEmpty {
        title = text
      } else if !failed.contains(e.path) {
        fail(
          e.path, .expected("a non-empty title", got: Describe.node(e.value), note: nil),
          at: e.valuePosition)
      }
    } else {
      fail("title", .missingKey("title", note: "a short name for the scenario"), at: position)
    }
    var terms: CaseTerms
    if let e = entries["case"] {
      terms = readCase(e)
    } else {
      fail(
        "case",
        .missingKey("case", note: "the act, the claimant and the rights infringed (docs/legal-model.md, The case)"),
        at: position)
      terms = CaseTerms(act: .illegalUse, claimant: .naturalPerson, rights: [.otherEconomic])
    }
    var scenario = Scenario(title: title, terms: terms)
    if let e = entries["source"] { scenario.source = text(e.value, e.path) }
    if let e = entries["facts"] { readFacts(e, into: &scenario.facts) }
    var defenses: [(kind: DefenseKind, success: Double, defendant: Entry?)] = []
    if let e = entries["liability"] { defenses = readLiability(e, into: &scenario.liability) }
    if let e = entries["defendants"], let defendants = readDefendants(e) {
      scenario.terms.defendants = defendants
    }
    // A defence names its defendant; the defendants are known only now.
    for defense in defenses {
      var index: Int?
      if let entry = defense.defendant, let name = text(entry.value, entry.path) {
        index = scenario.terms.defendants.firstIndex { $0.name == name }
        if index == nil, !failed.contains("defendants") {
          fail(
            entry.path, .noSuchDefendant(name: name, names: scenario.terms.defendants.map(\.name)),
            at: entry.valuePosition)
        } else if index == nil {
          failed.insert(entry.path)
        }
      }
      scenario.terms.defenses.append(Defense(kind: defense.kind, defendant: index))
      scenario.liability.defenseSuccess.append(defense.success)
    }
    if let e = entries["correlations"] { scenario.correlations = readCorrelations(e) }
    if let e = entries["options"] { readOptions(e, into: &scenario.terms.options) }
    if let e = entries["simulation"] { readSimulation(e, into: &scenario.simulation) }
    if let e = entries["sweep"] {
      sweepPosition = e.keyPosition
      readSweep(e, scenario: scenario)
      scenario.sweep = sweep.map { SweepAxis(path: $0.path, values: $0.values) }
    }
    return scenario
  }

}


/// Where each field of the file sits, for locating what the whole-scenario rules find.
struct SourceMap {
  var keys: [String: Position] = [:]
  var values: [String: Position] = [:]
  var root: Position?

  func position(of field: String, _ anchoring: Anchoring) -> Position? {
    switch anchoring {
    case .value: return values[field] ?? keys[field] ?? above(field)
    case .key: return keys[field] ?? values[field] ?? above(field)
    case .missing:
      let parent = FieldPath.parent(field)
      if parent.isEmpty { return root }
      return keys[parent] ?? values[parent] ?? above(parent)
    }
  }

  private func above(_ field: String) -> Position? {
    var path = FieldPath.parent(field)
    while !path.isEmpty {
      if let p = keys[path] ?? values[path] { return p }
      path = FieldPath.parent(path)
    }
    return root
  }
}

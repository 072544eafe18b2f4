import DamagesLaw
import DamagesSimulation
import Foundation
import Yams

/// The scenario file format, version 1 (SPEC 2).
///
/// Walks the YAML node tree key by key, checks every key and the kind of every value, and
/// builds the domain ``Scenario``. Rules that look at the scenario as a whole (ranges,
/// requirements, consistency) are ``ScenarioRules``; the positions they need are kept in
/// ``map``.
struct ScenarioFileV1 {
  var issues: [Issue] = []
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
        .missingKey("case", note: "the act, the claimant and the rights infringed (SPEC 1.1)"),
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

  // MARK: Sections

  private mutating func readCase(_ e: Entry) -> CaseTerms {
    let allowed = [
      "act", "claimant", "holder", "rights", "route", "procedure", "claim", "infringement_date",
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
    if let d = entries["infringement_date"] {
      if let text = text(d.value, d.path) {
        if let date = CivilDate(text) {
          terms.infringementDate = date
        } else {
          fail(d.path, .badDate(got: Describe.node(d.value)), at: d.valuePosition)
        }
      }
    }
    return terms
  }

  private mutating func readRights(_ e: Entry) -> [Right]? {
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

  static let factKeys =
    FactKey.allCases.map(\.rawValue) + [
      "proven", "intentional", "serious", "serious_mental_harm", "mental_harm_threshold",
      "mental_distress_cap",
    ]
  static let figures: [FactKey] = [.actualLoss, .illegalGains, .licenseFee]

  private mutating func readFacts(_ e: Entry, into facts: inout UncertainFacts) {
    guard
      let entries = mapping(
        e.value, at: e.path, allowed: Self.factKeys,
        what: "a mapping of facts {actual_loss, statutory_award, …}")
    else { return }
    for key in FactKey.allCases {
      guard let f = entries[key.rawValue] else { continue }
      if let d = distribution(f, fact: key) { facts[key] = d }
    }
    var explicit = Set<FactKey>()
    if let p = entries["proven"],
      let proven = mapping(
        p.value, at: p.path, allowed: Self.figures.map(\.rawValue),
        what: "a mapping of figures to probabilities, e.g. {actual_loss: 0.5}")
    {
      for figure in Self.figures {
        guard let f = proven[figure.rawValue] else { continue }
        explicit.insert(figure)
        if entries[figure.rawValue] == nil {
          fail(f.path, .provenWithoutFigure(figure: figure.rawValue), at: f.keyPosition)
          continue
        }
        guard let value = probability(f.value, f.path) else { continue }
        switch figure {
        case .actualLoss: facts.provenLoss = value
        case .illegalGains: facts.provenGains = value
        default: facts.provenLicenseFee = value
        }
      }
    }
    // Default: 1 if the figure is given, else 0.
    if !explicit.contains(.actualLoss), entries["actual_loss"] != nil { facts.provenLoss = 1 }
    if !explicit.contains(.illegalGains), entries["illegal_gains"] != nil { facts.provenGains = 1 }
    if !explicit.contains(.licenseFee), entries["license_fee"] != nil { facts.provenLicenseFee = 1 }
    if let f = entries["intentional"], let p = probability(f.value, f.path) {
      facts.intentional = p
    }
    if let f = entries["serious"], let p = probability(f.value, f.path) { facts.serious = p }
    if let f = entries["serious_mental_harm"], let p = probability(f.value, f.path) {
      facts.seriousMentalHarm = p
    }
    if let f = entries["mental_harm_threshold"], let x = number(f.value, f.path) {
      facts.mentalHarmThreshold = x
    }
    if let f = entries["mental_distress_cap"], let x = number(f.value, f.path) {
      facts.mentalDistressCap = x
    }
    if let score = entries["mental_harm_score"], entries["serious_mental_harm"] != nil {
      fail(
        score.path,
        .notTogether(
          "mental_harm_score", other: "serious_mental_harm",
          reason: "give the seriousness of the harm either as a probability or as a score (R6)"),
        at: score.keyPosition)
    }
  }

  private mutating func readLiability(_ e: Entry, into liability: inout UncertainLiability)
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

  private mutating func readDefendants(_ e: Entry) -> [Defendant]? {
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
    let allowed = ["name", "role", "form", "share", "expanded_fraction", "recourse"]
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
          expandedFraction: expanded, recourse: recourse))
    }
    if !ok {
      failed.insert(e.path)
      return nil
    }
    return defendants
  }

  private mutating func readCorrelations(_ e: Entry) -> [Correlation] {
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

  private mutating func readOptions(_ e: Entry, into options: inout Options) {
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

  private mutating func readSimulation(_ e: Entry, into settings: inout SimulationSettings) {
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

  private mutating func readSweep(_ e: Entry, scenario: Scenario) {
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

  private mutating func readRange(_ e: Entry) -> [Double]? {
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

  // MARK: Distributions (SPEC 2.1)

  enum Kind: String, CaseIterable {
    case fixed, uniform, triangular, pert, normal, lognormal, gamma, beta, discrete, empirical

    var required: [String] {
      switch self {
      case .fixed: ["value"]
      case .uniform: ["min", "max"]
      case .triangular, .pert: ["min", "mode", "max"]
      case .normal: ["mean", "sd"]
      case .lognormal: []
      case .gamma: ["shape", "scale"]
      case .beta: ["a", "b"]
      case .discrete: ["values", "weights"]
      case .empirical: ["values"]
      }
    }

    var optional: [String] {
      switch self {
      case .pert: ["lambda"]
      case .normal, .beta: ["min", "max"]
      case .lognormal: ["median", "sigma", "p10", "p90", "mean", "sd"]
      default: []
      }
    }

    /// The keys of the percentile parameterisation, where the kind has one; writing `p10` or
    /// `p90` selects it.
    var byPercentiles: [String]? {
      switch self {
      case .uniform, .normal: ["p10", "p90"]
      case .triangular, .pert: ["p10", "mode", "p90"]
      default: nil
      }
    }

    /// The keys of the end-point parameterisation that the percentile one replaces.
    var replacedByPercentiles: [String] {
      switch self {
      case .uniform, .triangular, .pert: ["min", "max"]
      case .normal: ["mean", "sd"]
      default: []
      }
    }

    var takes: String {
      switch self {
      case .lognormal: "a lognormal takes median + sigma, p10 + p90 or mean + sd"
      default:
        "a \(rawValue) takes "
          + Format.alternatives(required).replacingOccurrences(of: " or ", with: " and ")
          + (byPercentiles.map {
            ", or " + Format.alternatives($0).replacingOccurrences(of: " or ", with: " and ")
          } ?? "")
          + (optional.isEmpty ? "" : ", optionally " + optional.joined(separator: ", "))
      }
    }
  }

  private mutating func distribution(_ e: Entry, fact: FactKey) -> Distribution? {
    let what =
      fact.isMoney
      ? "a non-negative number or a distribution {dist: NAME, …}"
      : "a number or a distribution {dist: NAME, …}"
    switch e.value {
    case .scalar:
      return number(e.value, e.path, what: what)
        .map { Distribution.fixed($0) }
    case .mapping(let pairs):
      var kindEntry: Node?
      for (key, value) in pairs where key.scalar?.string == "dist" { kindEntry = value }
      let kinds = Kind.allCases.map(\.rawValue)
      guard let kindNode = kindEntry else {
        // Still report unknown keys of a mapping that names no distribution.
        _ = mapping(
          e.value, at: e.path,
          allowed: ["dist"] + Set(Kind.allCases.flatMap { $0.required + $0.optional }).sorted(),
          what: what)
        fail(
          FieldPath.child(e.path, "dist"),
          .missingKey("dist", note: "one of \(kinds.joined(separator: ", "))"), at: e.keyPosition,
          owner: e.path)
        return nil
      }
      guard
        let kind: Kind = enumValue(kindNode, FieldPath.child(e.path, "dist"), noun: "distribution")
      else {
        failed.insert(e.path)
        return nil
      }
      let before = issues.count
      let percentileKeys = kind.byPercentiles ?? []
      guard
        let fields = mapping(
          e.value, at: e.path,
          allowed: ["dist"] + kind.required + percentileKeys.filter { !kind.required.contains($0) }
            + kind.optional,
          what: what, note: { _ in kind.takes })
      else { return nil }
      // `p10` or `p90` selects the percentile parameterisation; exactly one may be written.
      let byPercentiles =
        kind.byPercentiles != nil && (fields["p10"] != nil || fields["p90"] != nil)
      if byPercentiles {
        let mixed = kind.replacedByPercentiles.filter { fields[$0] != nil }
        if !mixed.isEmpty {
          fail(
            e.path,
            .parameterisations(
              kind: kind.rawValue, sets: [kind.required, percentileKeys],
              got: (kind.required + percentileKeys + kind.optional).filter { fields[$0] != nil }
                .reduce(into: [String]()) { if !$0.contains($1) { $0.append($1) } }),
            at: e.keyPosition)
          return nil
        }
      }
      var missing = false
      for name in byPercentiles ? percentileKeys : kind.required where fields[name] == nil {
        fail(
          FieldPath.child(e.path, name), .missingKey(name, note: kind.takes), at: e.keyPosition,
          owner: e.path)
        missing = true
      }
      let d =
        missing
        ? nil
        : byPercentiles
          ? buildFromPercentiles(kind, fields, e, money: fact.isMoney)
          : build(kind, fields, e, money: fact.isMoney)
      if d == nil || issues.count > before { failed.insert(e.path) }
      return issues.count > before ? nil : d
    default:
      fail(e.path, .expected(what, got: Describe.node(e.value), note: nil), at: e.valuePosition)
      return nil
    }
  }

  private mutating func build(_ kind: Kind, _ fields: [String: Entry], _ e: Entry, money: Bool)
    -> Distribution?
  {
    var params: [String: Double] = [:]
    var bad = false
    for (name, f) in fields where name != "dist" && name != "values" && name != "weights" {
      if let x = number(f.value, f.path) { params[name] = x } else { bad = true }
    }
    if bad { return nil }
    /// A parameter the kind requires (present once the required keys are checked).
    func param(_ name: String) -> Double { params[name] ?? .nan }
    func at(_ name: String) -> Position? { fields[name]?.valuePosition }
    func path(_ name: String) -> String { FieldPath.child(e.path, name) }
    func positive(_ name: String, note: String? = nil) -> Bool {
      guard let x = params[name] else { return true }
      if x > 0 { return true }
      fail(
        path(name), .mustExceed("`\(name)`", bound: 0, got: x, note: note), at: at(name),
        owner: e.path)
      return false
    }
    func ordered(_ low: String, _ high: String) -> Bool {
      guard let a = params[low], let b = params[high], b < a else { return true }
      fail(path(high), .notBelow(other: low, bound: a, got: b), at: at(high), owner: e.path)
      return false
    }
    let certain = "for a certain value write the number instead"
    switch kind {
    case .fixed:
      return .fixed(param("value"))
    case .uniform:
      guard ordered("min", "max") else { return nil }
      return .uniform(min: param("min"), max: param("max"))
    case .triangular, .pert:
      guard ordered("min", "max") else { return nil }
      let a = param("min")
      let c = param("mode")
      let b = param("max")
      guard (a...b).contains(c) else {
        fail(path("mode"), .modeOutside(min: a, max: b, got: c), at: at("mode"), owner: e.path)
        return nil
      }
      if kind == .triangular { return .triangular(min: a, mode: c, max: b) }
      guard positive("lambda") else { return nil }
      return .pert(min: a, mode: c, max: b, lambda: params["lambda"] ?? 4)
    case .normal:
      guard positive("sd", note: certain), ordered("min", "max") else { return nil }
      let mean = param("mean")
      let sd = param("sd")
      let lo = params["min"] ?? (money ? 0 : -.infinity)
      let hi = params["max"] ?? .infinity
      let d = Distribution.normal(mean: mean, sd: sd, min: lo, max: hi)
      if Self.normalMass(mean: mean, sd: sd, lo: lo, hi: hi) < 1e-6 {
        fail(e.path, .normalMass(distribution: ScenarioRules.describe(d)), at: e.valuePosition)
        return nil
      }
      return d
    case .lognormal:
      let given = ["median", "sigma", "p10", "p90", "mean", "sd"].filter { params[$0] != nil }
      let sets = [["median", "sigma"], ["p10", "p90"], ["mean", "sd"]]
      guard let set = sets.first(where: { Set($0) == Set(given) }) else {
        fail(e.path, .lognormalParameters(got: given), at: e.keyPosition)
        return nil
      }
      switch set[0] {
      case "median":
        guard positive("median"), positive("sigma", note: certain) else { return nil }
        return Distribution.lognormal(median: param("median"), sigma: param("sigma"))
      case "p10":
        guard positive("p10") else { return nil }
        let p10 = param("p10")
        let p90 = param("p90")
        guard p90 > p10 else {
          fail(
            path("p90"), .mustExceed("`p90`", bound: p10, got: p90, note: "p10 < p90"),
            at: at("p90"), owner: e.path)
          return nil
        }
        return Distribution.lognormal(p10: p10, p90: p90)
      default:
        guard positive("mean"), positive("sd", note: certain) else { return nil }
        return Distribution.lognormal(mean: param("mean"), sd: param("sd"))
      }
    case .gamma:
      guard positive("shape"), positive("scale") else { return nil }
      return .gamma(shape: param("shape"), scale: param("scale"))
    case .beta:
      guard positive("a"), positive("b") else { return nil }
      let lo = params["min"] ?? 0
      let hi = params["max"] ?? 1
      guard hi > lo else {
        fail(
          path(params["max"] != nil ? "max" : "min"),
          .mustExceed("`max`", bound: lo, got: hi, note: "a beta needs min < max"),
          at: at(params["max"] != nil ? "max" : "min"), owner: e.path)
        return nil
      }
      return .beta(a: param("a"), b: param("b"), min: lo, max: hi)
    case .discrete:
      guard let v = fields["values"], let w = fields["weights"] else { return nil }
      let values = numberList(v)
      let weights = numberList(w)
      guard let values, let weights else { return nil }
      guard values.count == weights.count else {
        fail(
          w.path, .weightsLength(values: values.count, got: weights.count), at: w.valuePosition,
          owner: e.path)
        return nil
      }
      var ok = true
      if case .sequence(let nodes) = w.value {
        for (i, x) in weights.enumerated() where x < 0 {
          fail(
            FieldPath.index(w.path, i), .outOfRange(allowed: "a non-negative weight", got: x),
            at: Position(nodes[i].mark), owner: e.path)
          ok = false
        }
      }
      guard ok else { return nil }
      guard weights.contains(where: { $0 > 0 }) else {
        fail(w.path, .weightsAllZero, at: w.valuePosition, owner: e.path)
        return nil
      }
      let sorted = zip(values, weights).enumerated().sorted {
        ($0.element.0, $0.offset) < ($1.element.0, $1.offset)
      }
      return .discrete(values: sorted.map(\.element.0), weights: sorted.map(\.element.1))
    case .empirical:
      guard let v = fields["values"], let values = numberList(v) else { return nil }
      return .empirical(values)
    }
  }

  /// A `uniform`, `normal`, `triangular` or `pert` given by `p10`, `p90` (and `mode`): the end
  /// points solved so that the law's own P10 and P90 are the given values (``PercentileFit``).
  private mutating func buildFromPercentiles(
    _ kind: Kind, _ fields: [String: Entry], _ e: Entry, money: Bool
  ) -> Distribution? {
    var params: [String: Double] = [:]
    var bad = false
    for (name, f) in fields where name != "dist" {
      if let x = number(f.value, f.path) { params[name] = x } else { bad = true }
    }
    if bad { return nil }
    func at(_ name: String) -> Position? { fields[name]?.valuePosition }
    func path(_ name: String) -> String { FieldPath.child(e.path, name) }
    let p10 = params["p10"] ?? .nan
    let p90 = params["p90"] ?? .nan
    guard p90 > p10 else {
      fail(
        path("p90"), .mustExceed("`p90`", bound: p10, got: p90, note: "p10 < p90"),
        at: at("p90"), owner: e.path)
      return nil
    }
    if let lambda = params["lambda"], !(lambda > 0) {
      fail(
        path("lambda"), .mustExceed("`lambda`", bound: 0, got: lambda, note: nil),
        at: at("lambda"), owner: e.path)
      return nil
    }
    let d: Distribution
    do throws(PercentileFit.Failure) {
      switch kind {
      case .uniform:
        d = PercentileFit.uniform(p10: p10, p90: p90)
      case .normal:
        let lo = params["min"] ?? (money ? 0 : -.infinity)
        let hi = params["max"] ?? .infinity
        guard lo < p10 else {
          let name = params["min"] != nil ? "min" : "p10"
          fail(
            path(name),
            .mustExceed(
              "`p10`", bound: lo, got: p10,
              note: params["min"] != nil ? "min < p10" : "a money fact's normal is truncated at 0"),
            at: at(name), owner: e.path)
          return nil
        }
        guard p90 < hi else {
          fail(
            path("max"), .mustExceed("`max`", bound: p90, got: hi, note: "p90 < max"),
            at: at("max"), owner: e.path)
          return nil
        }
        d = try PercentileFit.normal(p10: p10, p90: p90, min: lo, max: hi)
      case .triangular:
        d = try PercentileFit.triangular(p10: p10, mode: params["mode"] ?? .nan, p90: p90)
      case .pert:
        d = try PercentileFit.pert(
          p10: p10, mode: params["mode"] ?? .nan, p90: p90, lambda: params["lambda"] ?? 4)
      default:
        preconditionFailure("\(kind) has no percentile parameterisation")
      }
    } catch {
      fail(e.path, .noPercentileFit(reason: error.reason), at: e.keyPosition)
      return nil
    }
    // Percentiles near the ends of the doubles can solve to infinite end points.
    let finite: Bool
    switch d {
    case let .normal(mean, sd, _, _): finite = mean.isFinite && sd.isFinite && sd > 0
    default: finite = d.support.lower.isFinite && d.support.upper.isFinite
    }
    guard finite else {
      fail(
        e.path, .noPercentileFit(reason: "these percentiles are too far apart for a \(kind.rawValue)"),
        at: e.keyPosition)
      return nil
    }
    // A money fact may not reach below 0: the solved minimum is not clamped.
    if money, case let lower = d.support.lower, lower < 0 {
      fail(e.path, .percentilesBelowZero(kind: kind.rawValue, min: (lower * 100).rounded() / 100), at: e.keyPosition)
      return nil
    }
    return d
  }

  /// The mass of N(mean, sd²) within [lo, hi], accurate in the tails.
  static func normalMass(mean: Double, sd: Double, lo: Double, hi: Double) -> Double {
    let a = (lo - mean) / sd
    let b = (hi - mean) / sd
    let r = 2.0.squareRoot()
    if a > 0 { return 0.5 * (Foundation.erfc(a / r) - Foundation.erfc(b / r)) }
    if b < 0 { return 0.5 * (Foundation.erfc(-b / r) - Foundation.erfc(-a / r)) }
    return 1 - 0.5 * Foundation.erfc(-a / r) - 0.5 * Foundation.erfc(b / r)
  }

  // MARK: Values

  /// Records an issue (the first thousand; only twenty are shown) and marks the field, and
  /// its owner, as failed.
  mutating func fail(
    _ field: String, _ problem: Problem, at position: Position?, owner: String? = nil
  ) {
    if issues.count < 1000 {
      issues.append(Issue(field: field.isEmpty ? nil : field, problem: problem, position: position))
    }
    failed.insert(field)
    if let owner { failed.insert(owner) }
  }

  /// The entries of a mapping, each key checked: text, not repeated, known.
  ///
  /// Any key is known when `allowed` is nil. A null value reads as an empty mapping. Returns
  /// nil (and reports) for any other kind of value.
  mutating func mapping(
    _ node: Node, at path: String, allowed: [String]?, what: String,
    note: (String) -> String? = { _ in nil }
  ) -> [String: Entry]? {
    guard case .mapping(let pairs) = node else {
      if case .scalar(let s) = node, case .null = CoreSchema.value(of: s) { return [:] }
      fail(path, .expected(what, got: Describe.node(node), note: nil), at: Position(node.mark))
      return nil
    }
    var entries: [String: Entry] = [:]
    for (key, value) in pairs {
      guard case .scalar(let k) = key else {
        fail(path, .keyNotText(got: Describe.node(key)), at: Position(key.mark))
        continue
      }
      let name = k.string
      let child = FieldPath.child(path, name)
      if entries[name] != nil {
        fail(child, .duplicateKey, at: Position(key.mark))
        continue
      }
      if let allowed, !allowed.contains(name) {
        let mergeNote =
          name == "<<" ? "merge keys `<<` belong to YAML 1.1, not to YAML 1.2" : note(name)
        fail(
          child,
          .unknownKey(
            name, suggestion: Suggestion.nearest(to: name, in: allowed), allowed: allowed,
            note: mergeNote),
          at: Position(key.mark))
        continue
      }
      entries[name] = Entry(name: name, path: child, key: key, value: value)
      map.keys[child] = Position(key.mark)
      map.values[child] = Position(value.mark)
    }
    return entries
  }

  /// A required key of a mapping, or nil (reported at `position`, the key of the mapping).
  mutating func required(
    _ entries: [String: Entry], _ key: String, in path: String, at position: Position?,
    note: String?
  ) -> Entry? {
    if let entry = entries[key] { return entry }
    if !failed.contains(path) {
      fail(FieldPath.child(path, key), .missingKey(key, note: note), at: position)
    } else {
      failed.insert(FieldPath.child(path, key))
    }
    return nil
  }

  /// The elements of a list; null reads as an empty list.
  mutating func list(_ e: Entry, what: String) -> Node.Sequence? {
    switch e.value {
    case .sequence(let list): return list
    case .scalar(let s):
      if case .null = CoreSchema.value(of: s) { return Node.Sequence([]) }
      fallthrough
    default:
      fail(e.path, .expected(what, got: Describe.node(e.value), note: nil), at: e.valuePosition)
      return nil
    }
  }

  mutating func number(_ node: Node, _ path: String, what: String = "a number") -> Double? {
    guard case .scalar(let s) = node else {
      fail(path, .expected(what, got: Describe.node(node), note: nil), at: Position(node.mark))
      return nil
    }
    var note: String?
    switch CoreSchema.value(of: s) {
    case .number(let x): return x
    case .tooLarge: note = "too large for a number"
    case .special: note = ".nan and .inf are not allowed"
    case .quoted(let t):
      if CoreSchema.number(t) != nil || CoreSchema.looksLikeGroupedNumber(t) {
        note = "a quoted number is text; remove the quotes"
      }
    case .text(let t):
      if CoreSchema.looksLikeGroupedNumber(t) { note = "write the number without digit separators" }
    default: break
    }
    fail(path, .expected(what, got: Describe.node(node), note: note), at: Position(node.mark))
    return nil
  }

  mutating func numberList(_ e: Entry) -> [Double]? {
    guard case .sequence(let list) = e.value else {
      fail(
        e.path, .expected("a list of numbers", got: Describe.node(e.value), note: nil),
        at: e.valuePosition,
        owner: FieldPath.parent(e.path))
      return nil
    }
    guard !list.isEmpty else {
      fail(e.path, .emptyList("number"), at: e.valuePosition, owner: FieldPath.parent(e.path))
      return nil
    }
    var values: [Double] = []
    values.reserveCapacity(list.count)
    for (i, node) in list.enumerated() {
      if case .scalar(let s) = node, case .number(let x) = CoreSchema.value(of: s) {
        values.append(x)
      } else {
        _ = number(node, FieldPath.index(e.path, i))
        failed.insert(FieldPath.parent(e.path))
      }
    }
    return values.count == list.count ? values : nil
  }

  mutating func probability(_ node: Node, _ path: String) -> Double? {
    let what = "true, false or a probability in [0, 1]"
    if case .scalar(let s) = node {
      switch CoreSchema.value(of: s) {
      case .bool(let b): return b ? 1 : 0
      case .number(let x): return x
      case .yaml11Bool:
        fail(
          path,
          .expected(
            what, got: Describe.node(node), note: "YAML 1.2 booleans are only true and false"),
          at: Position(node.mark))
        return nil
      default: break
      }
    }
    return number(node, path, what: what)
  }

  mutating func boolean(_ node: Node, _ path: String) -> Bool? {
    var note: String?
    if case .scalar(let s) = node {
      switch CoreSchema.value(of: s) {
      case .bool(let b): return b
      case .yaml11Bool: note = "YAML 1.2 booleans are only true and false"
      case .special: note = ".nan and .inf are not allowed"
      default: break
      }
    }
    fail(
      path, .expected("true or false", got: Describe.node(node), note: note),
      at: Position(node.mark))
    return nil
  }

  mutating func text(_ node: Node, _ path: String) -> String? {
    var note: String?
    if case .scalar(let s) = node {
      switch CoreSchema.value(of: s) {
      case .quoted(let t), .text(let t), .yaml11Bool(let t): return t
      case .number, .bool, .tooLarge: return s.string
      case .special: note = ".nan and .inf are not allowed; quote the text"
      case .null, .badTag: break
      }
    }
    fail(path, .expected("text", got: Describe.node(node), note: note), at: Position(node.mark))
    return nil
  }

  mutating func enumValue<E: RawRepresentable & CaseIterable>(
    _ node: Node, _ path: String, noun: String
  ) -> E?
  where E.RawValue == String {
    let allowed = E.allCases.map(\.rawValue)
    if case .scalar(let s) = node {
      switch CoreSchema.value(of: s) {
      case .quoted(let t), .text(let t), .yaml11Bool(let t):
        if let value = E(rawValue: t) { return value }
        fail(
          path,
          .unknownValue(
            noun: noun, got: "`\(Describe.clip(t))`", allowed: allowed,
            suggestion: Suggestion.nearest(to: t, in: allowed)),
          at: Position(node.mark))
        return nil
      default: break
      }
    }
    fail(
      path, .unknownValue(noun: noun, got: Describe.node(node), allowed: allowed, suggestion: nil),
      at: Position(node.mark))
    return nil
  }

  /// A whole number within a range: written as digits, or as a number whose value is whole
  /// (`1e5`).
  mutating func wholeNumber(
    _ node: Node, _ path: String, allowed: String, range: ClosedRange<UInt64>
  ) -> UInt64? {
    guard case .scalar(let s) = node, case .number(let x) = CoreSchema.value(of: s) else {
      _ = number(node, path, what: allowed)
      return nil
    }
    var digits = s.string
    if digits.hasPrefix("+") { digits.removeFirst() }
    let value: UInt64?
    if !digits.isEmpty,
      digits.utf8.allSatisfy({ $0 >= UInt8(ascii: "0") && $0 <= UInt8(ascii: "9") })
    {
      value = UInt64(digits)
    } else if x == x.rounded(), x >= 0, x < 18_446_744_073_709_551_616.0 {
      value = UInt64(x)
    } else {
      value = nil
    }
    guard let value, range.contains(value) else {
      fail(path, .outOfRange(allowed: allowed, got: x), at: Position(node.mark))
      return nil
    }
    return value
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

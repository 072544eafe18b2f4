import DamagesLaw
import DamagesSimulation
import Foundation
import Yams

// The distributions a fact may follow, and their parameters (docs/scenario-format.md, Values and distributions).

extension ScenarioFileV1 {
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

  mutating func distribution(_ e: Entry, fact: FactKey) -> Distribution? {
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

  mutating func build(_ kind: Kind, _ fields: [String: Entry], _ e: Entry, money: Bool)
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
  mutating func buildFromPercentiles(
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
}

import DamagesLaw
import DamagesSimulation

/// A number or probability of a scenario that a sweep may vary (docs/scenario-format.md, Sweeps), named by its dotted
/// path as in the file.
enum SweepTarget: Hashable {
  case fact(FactKey)
  case proven(FactKey)
  case intentional
  case serious
  case seriousMentalHarm
  case mentalHarmThreshold
  case mentalDistressCap
  case element(Elements.Element)
  case defenseSuccess(Int)
  case share(Int)
  case expandedFraction(Int)
  case claim
  case liquidatedCapRatio
  case correlation(Int)

  init?(path: String) {
    switch path {
    case "facts.intentional": self = .intentional
    case "facts.serious": self = .serious
    case "facts.serious_mental_harm": self = .seriousMentalHarm
    case "facts.mental_harm_threshold": self = .mentalHarmThreshold
    case "facts.mental_distress_cap": self = .mentalDistressCap
    case "case.claim": self = .claim
    case "options.liquidated_cap_ratio": self = .liquidatedCapRatio
    default:
      if path.hasPrefix("facts.proven."), let key = FactKey(rawValue: String(path.dropFirst(13))),
        ScenarioFileV1.figures.contains(key)
      {
        self = .proven(key)
      } else if path.hasPrefix("facts."), let key = FactKey(rawValue: String(path.dropFirst(6))) {
        self = .fact(key)
      } else if path.hasPrefix("liability."),
        let element = Elements.Element(rawValue: String(path.dropFirst(10)))
      {
        self = .element(element)
      } else if let i = Self.index(in: path, prefix: "liability.defenses[", suffix: "].success") {
        self = .defenseSuccess(i)
      } else if let i = Self.index(in: path, prefix: "defendants[", suffix: "].share") {
        self = .share(i)
      } else if let i = Self.index(in: path, prefix: "defendants[", suffix: "].expanded_fraction") {
        self = .expandedFraction(i)
      } else if let i = Self.index(in: path, prefix: "correlations[", suffix: "]") {
        self = .correlation(i)
      } else {
        return nil
      }
    }
  }

  private static func index(in path: String, prefix: String, suffix: String) -> Int? {
    guard path.hasPrefix(prefix), path.hasSuffix(suffix), path.count > prefix.count + suffix.count
    else {
      return nil
    }
    let digits = path.dropFirst(prefix.count).dropLast(suffix.count)
    guard digits.allSatisfy(\.isASCII), digits.allSatisfy(\.isNumber), digits.count < 10 else {
      return nil
    }
    return Int(digits)
  }

  /// The path as written in a file.
  var path: String {
    switch self {
    case .fact(let key): "facts.\(key.rawValue)"
    case .proven(let key): "facts.proven.\(key.rawValue)"
    case .intentional: "facts.intentional"
    case .serious: "facts.serious"
    case .seriousMentalHarm: "facts.serious_mental_harm"
    case .mentalHarmThreshold: "facts.mental_harm_threshold"
    case .mentalDistressCap: "facts.mental_distress_cap"
    case .element(let element): "liability.\(element.rawValue)"
    case .defenseSuccess(let i): "liability.defenses[\(i)].success"
    case .share(let i): "defendants[\(i)].share"
    case .expandedFraction(let i): "defendants[\(i)].expanded_fraction"
    case .claim: "case.claim"
    case .liquidatedCapRatio: "options.liquidated_cap_ratio"
    case .correlation(let i): "correlations[\(i)]"
    }
  }

  /// Whether the field is a probability (so `true` and `false` may be swept too).
  var isProbability: Bool {
    switch self {
    case .proven, .intentional, .serious, .seriousMentalHarm, .element, .defenseSuccess: true
    default: false
    }
  }

  /// Whether the field is an amount of yuan, which tables round to whole yuan and group
  /// (`1,002,500`), as they do every other amount.
  var isMoney: Bool {
    switch self {
    case .fact(let key): key.isMoney
    case .claim, .mentalDistressCap: true
    default: false
    }
  }

  var index: Int? {
    switch self {
    case .defenseSuccess(let i), .share(let i), .expandedFraction(let i), .correlation(let i): i
    default: nil
    }
  }

  /// How many items the indexed list of the scenario holds, and what they are called.
  func indexLimit(in scenario: Scenario) -> (Int, String)? {
    switch self {
    case .defenseSuccess: (scenario.terms.defenses.count, "defence")
    case .share, .expandedFraction: (scenario.terms.defendants.count, "defendant")
    case .correlation: (scenario.correlations.count, "correlation")
    default: nil
    }
  }

  /// Every sweepable path of a scenario (for suggestions).
  static func candidates(in scenario: Scenario) -> [String] {
    var targets: [SweepTarget] = FactKey.allCases.map { .fact($0) }
    targets += ScenarioFileV1.figures.map { .proven($0) }
    targets += [
      .intentional, .serious, .seriousMentalHarm, .mentalHarmThreshold, .mentalDistressCap,
    ]
    targets += Elements.Element.allCases.map { .element($0) }
    targets += scenario.terms.defenses.indices.map { .defenseSuccess($0) }
    targets += scenario.terms.defendants.indices.flatMap { [.share($0), .expandedFraction($0)] }
    targets += [.claim, .liquidatedCapRatio]
    targets += scenario.correlations.indices.map { .correlation($0) }
    return targets.map(\.path)
  }

  /// Sets the field to a value, as if it were written so in the file.
  ///
  /// A figure given this way gets the default `proven` of a given figure (1), as it would in
  /// a file; correlations with a fact set to a number are dropped, since a fixed value has no
  /// rank to correlate. Returns a problem for a setting that no file could express.
  func apply(_ value: Double, to scenario: inout Scenario) -> Problem? {
    guard value.isFinite else {
      return .expected(
        "a finite number", got: Format.number(value), note: ".nan and .inf are not allowed")
    }
    if let (count, of) = indexLimit(in: scenario), let i = index, i >= count {
      return .noSuchIndex(path: path, count: count, of: of)
    }
    switch self {
    case .fact(let key):
      if ScenarioFileV1.figures.contains(key), scenario.facts[key] == nil {
        switch key {
        case .actualLoss: scenario.facts.provenLoss = 1
        case .illegalGains: scenario.facts.provenGains = 1
        default: scenario.facts.provenLicenseFee = 1
        }
      }
      scenario.facts[key] = .fixed(value)
      scenario.correlations.removeAll { $0.first == key || $0.second == key }
    case .proven(let key):
      guard scenario.facts[key] != nil else { return .provenWithoutFigure(figure: key.rawValue) }
      switch key {
      case .actualLoss: scenario.facts.provenLoss = value
      case .illegalGains: scenario.facts.provenGains = value
      default: scenario.facts.provenLicenseFee = value
      }
    case .intentional: scenario.facts.intentional = value
    case .serious: scenario.facts.serious = value
    case .seriousMentalHarm:
      if scenario.facts[.mentalHarmScore] != nil {
        return .notTogether(
          "serious_mental_harm", other: "mental_harm_score",
          reason: "give the seriousness of the harm either as a probability or as a score (R6)")
      }
      scenario.facts.seriousMentalHarm = value
    case .mentalHarmThreshold: scenario.facts.mentalHarmThreshold = value
    case .mentalDistressCap: scenario.facts.mentalDistressCap = value
    case .element(let element):
      switch element {
      case .work: scenario.liability.work = value
      case .infringement: scenario.liability.infringement = value
      case .causation: scenario.liability.causation = value
      case .fault: scenario.liability.fault = value
      }
    case .defenseSuccess(let i):
      while scenario.liability.defenseSuccess.count <= i {
        scenario.liability.defenseSuccess.append(0)
      }
      scenario.liability.defenseSuccess[i] = value
    case .share(let i): scenario.terms.defendants[i].share = value
    case .expandedFraction(let i): scenario.terms.defendants[i].expandedFraction = value
    case .claim: scenario.terms.claim = Yuan(value)
    case .liquidatedCapRatio: scenario.terms.options.liquidatedCapRatio = value
    case .correlation(let i): scenario.correlations[i].rho = value
    }
    return nil
  }
}

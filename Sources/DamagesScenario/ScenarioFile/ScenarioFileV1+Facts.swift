import DamagesLaw
import DamagesSimulation
import Foundation
import Yams

// The `facts` section: the uncertain figures, the proven ones and the findings of R4 and R6.

extension ScenarioFileV1 {
  static let factKeys =
    FactKey.allCases.map(\.rawValue) + [
      "proven", "intentional", "serious", "serious_mental_harm", "mental_harm_threshold",
      "mental_distress_cap",
    ]
  static let figures: [FactKey] = [.actualLoss, .illegalGains, .licenseFee]

  mutating func readFacts(_ e: Entry, into facts: inout UncertainFacts) {
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
}

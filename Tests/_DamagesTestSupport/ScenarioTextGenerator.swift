import Foundation

/// Random scenario files, as YAML text, for the differential test of the two engines
/// (docs/simulation.md, Two engines).
///
/// Each text is what a lawyer could write (docs/scenario-format.md): every key the format has,
/// every distribution in each of its parameterisations, every act, route, defendant form and
/// defence, correlations in pairs and in groups of three, and the sampling methods. Every text is
/// meant to pass the scenario reader as it stands; a text it refuses is a fault of this
/// generator, and the test says so with the reader's message. The same seed gives the same text.
///
/// `features` names what each text exercises, so that a test can require each feature to occur
/// somewhere in the generated set (``ScenarioTextGenerator/allFeatures``).
public struct ScenarioTextGenerator {
  /// One generated scenario: the YAML text, the seed that replays it, the features it uses,
  /// and how the test should simulate it besides the file's own settings.
  public struct Generated: Sendable {
    public var seed: UInt64
    public var yaml: String
    public var features: Set<String>
    /// False: the bounded-memory mode (its second pass over the runs).
    public var exactPercentiles: Bool
    /// For the bounded-memory mode: how many values its second pass may collect (small, so
    /// that some percentiles are interpolated in their slot).
    public var collectLimit: Int
    /// The act and route as written, for choosing the scenarios a sweep can take.
    public var route: String
    /// A portfolio's shared findings (docs/batch.md) to simulate it with, or none: their
    /// coordinates in a run's point (``CompiledModel/Finding/gate(defenses:)``), each with
    /// the key its numbers are drawn under, and the portfolio's seed.
    public var sharedFindings: [(gate: Int, key: UInt64)]
    public var sharedSeed: UInt64
    /// Dotted paths this scenario can sweep (a `--vary`-style axis), with a range for each.
    public var sweepable: [(path: String, from: Double, to: Double, steps: Int, log: Bool)]
  }

  /// Every feature a large enough generated set must contain.
  public static let allFeatures: [String] = {
    var f: [String] = []
    f += ["act:illegal-use", "act:repetitive-generation", "act:generated-output"]
    f += ["claimant:natural-person", "claimant:legal-person"]
    f += ["holder:owner", "holder:exclusive-licensee", "rights:moral", "rights:economic-only"]
    f += ["route:tort", "route:contract", "route:compare", "route:default"]
    f += ["procedure:ordinary", "procedure:summary"]
    f += ["claim", "no-claim", "date:2010-text-no-punitive", "date:2010-text-civil-code",
          "date:2020-text", "date:none", "date:end"]
    f += ["works>1", "statutory-per-work", "statutory-award"]
    f += ["actual_loss", "illegal_gains", "license_fee", "license_fee_multiple",
          "proven:probability", "proven:true", "proven:false", "proven:default"]
    f += ["intentional", "serious", "multiplier", "mental:found", "mental:scored",
          "mental:threshold", "mental_distress", "mental_distress_cap", "expenses",
          "liquidated_damages"]
    f += ["liability:probability", "liability:true"]
    for d in ["not-a-work", "fair-use", "consent", "third-party-fault", "technology-limit",
              "safe-harbor"]
    {
      f.append("defense:\(d)")
    }
    f += ["defense:case-wide", "defense:named"]
    f += ["defendants:default", "form:sole", "form:joint", "form:sufficient", "form:knew",
          "form:proportional", "form:vicarious", "form:notice-ignored", "joint:part",
          "group:shares", "group:equal", "recourse"]
    for r in ["infringer", "provider", "designer", "platform", "employer"] { f.append("role:\(r)") }
    for d in ["number", "fixed", "uniform", "uniform:p10p90", "triangular", "triangular:p10p90",
              "pert", "pert:lambda", "pert:p10p90", "normal", "normal:bounds", "normal:p10p90",
              "lognormal:median", "lognormal:p10p90", "lognormal:meansd", "gamma", "beta",
              "beta:bounds", "discrete", "empirical"]
    {
      f.append("dist:\(d)")
    }
    f += ["correlation:pair", "correlation:group3"]
    f += ["option:punitive:additive", "option:punitive:inclusive", "option:election:larger",
          "option:election:actual-loss", "option:election:illegal-gains",
          "option:liquidated_cap_ratio", "option:contract_expenses", "option:fault_principle:presumed",
          "option:fault_principle:fault", "option:statutory_includes_expenses",
          "option:fee_allocation:proportional", "option:fee_allocation:loser-pays"]
    f += ["sampling:random", "sampling:lhs", "sampling:sobol", "sampling:default",
          "percentiles:bounded", "percentiles:exact", "threads-key", "sweep-block",
          "shared-findings"]
    return f
  }()

  private var rng: SplitMix64
  private var features: Set<String> = []

  /// The scenario of `seed`.
  public static func make(seed: UInt64) -> Generated {
    var g = ScenarioTextGenerator(rng: SplitMix64(seed: seed))
    return g.build(seed: seed)
  }

  private init(rng: SplitMix64) { self.rng = rng }

  // MARK: Numbers

  private mutating func chance(_ p: Double) -> Bool { rng.chance(p) }
  private mutating func uniform(_ a: Double, _ b: Double) -> Double {
    a == b ? a : Double.random(in: a..<b, using: &rng)
  }
  private mutating func int(_ r: ClosedRange<Int>) -> Int { Int.random(in: r, using: &rng) }
  private mutating func pick<T>(_ xs: [T]) -> T { rng.pick(xs) }

  /// A number as the file writes it: whole amounts without a fraction, others to 4 decimals.
  static func format(_ x: Double) -> String {
    if x == x.rounded() && abs(x) < 1e15 { return String(Int64(x)) }
    var s = String(format: "%.4f", x)
    while s.hasSuffix("0") { s.removeLast() }
    if s.hasSuffix(".") { s.removeLast() }
    return s
  }
  private func n(_ x: Double) -> String { Self.format(x) }

  /// A probability: a number, `true` or `false`.
  private mutating func probability(_ key: String, positive: Bool = false) -> (text: String, p: Double) {
    let r = uniform(0, 1)
    if r < 0.15 { return ("true", 1) }
    if r < 0.22 && !positive { return ("false", 0) }
    let p = (uniform(positive ? 0.05 : 0.0, 1) * 1000).rounded() / 1000
    return (n(p), p)
  }

  // MARK: Distributions

  /// A money amount's distribution around `scale` (any kind the format has).
  private mutating func money(_ scale: Double) -> (text: String, isDistribution: Bool) {
    let s = scale
    let kind = int(0...19)
    switch kind {
    case 0:
      features.insert("dist:number")
      return (n((s * uniform(0.5, 2)).rounded()), false)
    case 1:
      features.insert("dist:fixed")
      return ("{dist: fixed, value: \(n((s * uniform(0.5, 2)).rounded()))}", false)
    case 2:
      features.insert("dist:uniform")
      let a = (s * uniform(0.2, 1)).rounded()
      return ("{dist: uniform, min: \(n(a)), max: \(n((a * uniform(1.2, 4)).rounded()))}", true)
    case 3:
      features.insert("dist:uniform:p10p90")
      let a = (s * uniform(0.5, 1)).rounded()
      return ("{dist: uniform, p10: \(n(a)), p90: \(n((a * uniform(1.2, 3)).rounded()))}", true)
    case 4:
      features.insert("dist:triangular")
      let a = (s * uniform(0.2, 1)).rounded(), b = (a * uniform(1.5, 5)).rounded()
      let c = (uniform(a, b)).rounded()
      return ("{dist: triangular, min: \(n(a)), mode: \(n(c)), max: \(n(b))}", true)
    case 5:
      features.insert("dist:triangular:p10p90")
      let a = (s * uniform(0.5, 1)).rounded(), b = (a * uniform(1.2, 1.8)).rounded()
      let c = (a + (b - a) * uniform(0.3, 0.7)).rounded()
      return ("{dist: triangular, p10: \(n(a)), mode: \(n(c)), p90: \(n(b))}", true)
    case 6:
      features.insert("dist:pert")
      let a = (s * uniform(0.2, 1)).rounded(), b = (a * uniform(1.5, 5)).rounded()
      let c = (uniform(a, b)).rounded()
      if chance(0.5) {
        features.insert("dist:pert:lambda")
        return ("{dist: pert, min: \(n(a)), mode: \(n(c)), max: \(n(b)), lambda: \(n(uniform(1, 8).rounded()))}", true)
      }
      return ("{dist: pert, min: \(n(a)), mode: \(n(c)), max: \(n(b))}", true)
    case 7:
      features.insert("dist:pert:p10p90")
      let a = (s * uniform(0.5, 1)).rounded(), b = (a * uniform(1.2, 1.8)).rounded()
      let c = (a + (b - a) * uniform(0.3, 0.7)).rounded()
      return ("{dist: pert, p10: \(n(a)), mode: \(n(c)), p90: \(n(b))}", true)
    case 8:
      features.insert("dist:normal")
      let m = (s * uniform(0.5, 2)).rounded()
      return ("{dist: normal, mean: \(n(m)), sd: \(n((m * uniform(0.05, 1)).rounded() + 1))}", true)
    case 9:
      features.insert("dist:normal:bounds")
      let m = (s * uniform(0.5, 2)).rounded()
      let sd = (m * uniform(0.05, 0.5)).rounded() + 1
      return ("{dist: normal, mean: \(n(m)), sd: \(n(sd)), min: \(n((m * 0.5).rounded())), max: \(n((m * 1.8).rounded()))}", true)
    case 10:
      features.insert("dist:normal:p10p90")
      let a = (s * uniform(0.5, 1)).rounded()
      return ("{dist: normal, p10: \(n(a)), p90: \(n((a * uniform(1.2, 3)).rounded()))}", true)
    case 11:
      features.insert("dist:lognormal:median")
      return ("{dist: lognormal, median: \(n(s.rounded())), sigma: \(n(uniform(0.1, 1.2)))}", true)
    case 12:
      features.insert("dist:lognormal:p10p90")
      let a = (s * uniform(0.3, 1)).rounded()
      return ("{dist: lognormal, p10: \(n(a)), p90: \(n((a * uniform(1.5, 20)).rounded()))}", true)
    case 13:
      features.insert("dist:lognormal:meansd")
      let m = s.rounded()
      return ("{dist: lognormal, mean: \(n(m)), sd: \(n((m * uniform(0.1, 1.5)).rounded()))}", true)
    case 14:
      features.insert("dist:gamma")
      let shape = uniform(0.5, 6)
      return ("{dist: gamma, shape: \(n(shape)), scale: \(n((s / shape).rounded() + 1))}", true)
    case 15:
      features.insert("dist:beta")
      features.insert("dist:beta:bounds")
      let a = (s * uniform(0.2, 1)).rounded()
      return ("{dist: beta, a: \(n(uniform(0.5, 5))), b: \(n(uniform(0.5, 5))), min: \(n(a)), max: \(n((a * uniform(1.5, 6)).rounded()))}", true)
    case 16, 17:
      features.insert("dist:discrete")
      let k = int(2...5)
      let values = (0..<k).map { _ in n((s * uniform(0.2, 3)).rounded()) }
      let weights = (0..<k).map { _ in n(Double(int(1...9))) }
      return ("{dist: discrete, values: [\(values.joined(separator: ", "))], weights: [\(weights.joined(separator: ", "))]}", Set(values).count > 1)
    default:
      features.insert("dist:empirical")
      let k = int(3...8)
      let values = (0..<k).map { _ in n((s * uniform(0.2, 3)).rounded()) }
      return ("{dist: empirical, values: [\(values.joined(separator: ", "))]}", Set(values).count > 1)
    }
  }

  /// A distribution that stays within [lo, hi] (a fact with a range: statutory damages, the
  /// multipliers, the mental-harm score); `whole` rounds the values to whole numbers.
  private mutating func bounded(_ lo: Double, _ hi: Double, whole: Bool) -> (text: String, isDistribution: Bool) {
    func r(_ x: Double) -> Double { whole ? x.rounded() : (x * 100).rounded() / 100 }
    let w = hi - lo
    switch int(0...9) {
    case 0:
      features.insert("dist:number")
      return (n(r(uniform(lo, hi))), false)
    case 1:
      features.insert("dist:fixed")
      return ("{dist: fixed, value: \(n(r(uniform(lo, hi))))}", false)
    case 2:
      if chance(0.5) {
        features.insert("dist:uniform:p10p90")
        // the solved ends lie (p90 − p10)/8 beyond the percentiles: keep them inside
        let a = r(lo + w * uniform(0.15, 0.4)), b = r(lo + w * uniform(0.6, 0.85))
        return ("{dist: uniform, p10: \(n(a)), p90: \(n(b))}", true)
      }
      features.insert("dist:uniform")
      let a = r(lo + w * uniform(0, 0.5)), b = r(a + (hi - a) * uniform(0.2, 1))
      return ("{dist: uniform, min: \(n(a)), max: \(n(Swift.min(b, hi)))}", true)
    case 3:
      features.insert("dist:triangular")
      let a = r(lo + w * uniform(0, 0.3)), b = r(hi - w * uniform(0, 0.3))
      return ("{dist: triangular, min: \(n(a)), mode: \(n(r(uniform(a, b)))), max: \(n(b))}", true)
    case 4:
      features.insert("dist:pert")
      let a = r(lo + w * uniform(0, 0.3)), b = r(hi - w * uniform(0, 0.3))
      let c = Swift.min(Swift.max(r(uniform(a, b)), a), b)
      return ("{dist: pert, min: \(n(a)), mode: \(n(c)), max: \(n(b))}", true)
    case 5:
      features.insert("dist:beta:bounds")
      features.insert("dist:beta")
      let a = r(lo + w * uniform(0, 0.3)), b = r(hi - w * uniform(0, 0.3))
      return ("{dist: beta, a: \(n(uniform(0.5, 5))), b: \(n(uniform(0.5, 5))), min: \(n(a)), max: \(n(b))}", true)
    case 6:
      features.insert("dist:normal:bounds")
      let a = r(lo + w * uniform(0, 0.3)), b = r(hi - w * uniform(0, 0.3))
      let m = r(uniform(a, b))
      return ("{dist: normal, mean: \(n(m)), sd: \(n(r(w * uniform(0.05, 0.5)) + (whole ? 1 : 0.01))), min: \(n(a)), max: \(n(b))}", true)
    case 7:
      features.insert("dist:discrete")
      let k = int(2...5)
      let values = (0..<k).map { _ in n(r(uniform(lo, hi))) }
      // a zero weight now and then (a value no court chose), never on every value but one
      var weights = (0..<k).map { _ in Double(int(0...9)) }
      for i in 0..<k where weights[i] == 0 && weights.filter({ $0 > 0 }).count < 2 { weights[i] = 1 }
      let w = weights.map { n($0) }
      let possible = Set(zip(values, weights).filter { $0.1 > 0 }.map(\.0))
      return ("{dist: discrete, values: [\(values.joined(separator: ", "))], weights: [\(w.joined(separator: ", "))]}", possible.count > 1)
    default:
      features.insert("dist:empirical")
      let k = int(2...8)
      let values = (0..<k).map { _ in n(r(uniform(lo, hi))) }
      return ("{dist: empirical, values: [\(values.joined(separator: ", "))]}", Set(values).count > 1)
    }
  }

  // MARK: The file

  private mutating func build(seed: UInt64) -> Generated {
    var out: [String] = ["version: 1", "title: \"generated \(String(seed, radix: 16))\""]
    if chance(0.3) { out.append("source: generated for the differential test") }

    // case
    let act = pick(["illegal-use", "repetitive-generation", "repetitive-generation", "generated-output"])
    features.insert("act:\(act)")
    let claimant = pick(["natural-person", "legal-person"])
    features.insert("claimant:\(claimant)")
    let licensee = chance(0.15)
    features.insert(licensee ? "holder:exclusive-licensee" : "holder:owner")
    let moralRights = ["attribution", "publication", "modification", "integrity"]
    let economicRights = ["reproduction", "adaptation", "network-dissemination", "distribution",
                          "exhibition", "other-economic"]
    var rights = economicRights.filter { _ in chance(0.3) }
    if !licensee && chance(0.6) { rights += moralRights.filter { _ in chance(0.4) } }
    if rights.isEmpty { rights = [pick(economicRights)] }
    let moral = rights.contains { moralRights.contains($0) }
    features.insert(moral ? "rights:moral" : "rights:economic-only")
    var route = "tort"
    var routeLine: String?
    if act == "repetitive-generation" {
      route = pick(["tort", "contract", "compare", "compare"])
      if route != "tort" || chance(0.5) { routeLine = "  route: \(route)" }
    } else if chance(0.5) {
      routeLine = "  route: tort"
    }
    features.insert(routeLine == nil ? "route:default" : "route:\(route)")
    let tort = route != "contract"
    let contract = route != "tort"

    out.append("case:")
    out.append("  act: \(act)")
    out.append("  claimant: \(claimant)")
    if licensee { out.append("  holder: exclusive-licensee") } else if chance(0.2) { out.append("  holder: owner") }
    out.append("  rights: [\(rights.joined(separator: ", "))]")
    if let routeLine { out.append(routeLine) }
    let procedure = chance(0.3) ? "summary" : "ordinary"
    features.insert("procedure:\(procedure)")
    if procedure == "summary" || chance(0.3) { out.append("  procedure: \(procedure)") }

    // The order of magnitude of the case's amounts.
    let scale = rng.logUniform(in: 1_000...300_000).rounded()
    if chance(0.6) {
      features.insert("claim")
      // from well below the likely award (the cap binds often) to far above it (never)
      out.append("  claim: \(n((scale * rng.logUniform(in: 0.3...20)).rounded()))")
    } else {
      features.insert("no-claim")
    }
    // R3, R4: the law by the infringement's last day
    var punitivePossible = true
    switch int(0...4) {
    case 0:
      features.insert("date:2010-text-no-punitive")
      out.append("  infringement_date: 20\(int(15...19))-0\(int(1...9))-1\(int(0...9))")
      punitivePossible = false
    case 1:
      features.insert("date:2010-text-civil-code")
      features.insert("date:end")
      out.append("  infringement_date: 2020-0\(int(1...9))-0\(int(1...9))")
      out.append("  infringement_end: 2021-0\(int(1...5))-1\(int(0...9))")
    case 2:
      features.insert("date:2020-text")
      let y = int(2021...2025)
      out.append("  infringement_date: \(y == 2021 ? "2021-07-01" : "\(y)-0\(int(1...9))-2\(int(0...8))")")
      if chance(0.4) {
        features.insert("date:end")
        out.append("  infringement_end: 2026-0\(int(1...9))-01")
      }
    default:
      features.insert("date:none")
    }

    // facts
    var facts: [String] = []
    var proven: [String] = []
    var distributed: [String] = []
    var figures: [(key: String, p: Double)] = []
    var sweepable: [(path: String, from: Double, to: Double, steps: Int, log: Bool)] = []
    for key in ["actual_loss", "illegal_gains", "license_fee"] {
      // the contract route reads only the loss (and liquidated damages)
      guard chance(key == "actual_loss" ? 0.6 : 0.45) else { continue }
      features.insert(key)
      let d = money(scale * (key == "license_fee" ? 0.3 : 1))
      facts.append("  \(key): \(d.text)")
      if d.isDistribution { distributed.append(key) }
      var p = 1.0
      switch int(0...3) {
      case 0: features.insert("proven:default")
      case 1:
        let b = chance(0.5)
        features.insert(b ? "proven:true" : "proven:false")
        proven.append("    \(key): \(b)")
        p = b ? 1 : 0
      default:
        features.insert("proven:probability")
        p = (uniform(0.05, 0.95) * 100).rounded() / 100
        proven.append("    \(key): \(n(p))")
      }
      figures.append((key, p))
    }
    if figures.contains(where: { $0.key == "license_fee" }) && chance(0.5) {
      features.insert("license_fee_multiple")
      let d = bounded(1, 5, whole: false)
      facts.append("  license_fee_multiple: \(d.text)")
      if d.isDistribution { distributed.append("license_fee_multiple") }
    }
    if !proven.isEmpty { facts.append("  proven:"); facts += proven }
    let certain = figures.contains { $0.p >= 1 }
    let possiblyProven = figures.contains { $0.p > 0 }
    // R3: statutory damages, as one amount or per work; the range that holds under both texts
    // (500 to 500,000), so that the dates drawn above never put it out of range
    var works = 1
    let hasStatutory = !(certain && chance(0.3)) && !(!tort && chance(0.5))
    if hasStatutory {
      if chance(0.25) {
        features.insert("statutory-per-work")
        let hi = Swift.min(500_000, Swift.max(2_000, scale / 5))
        let d = bounded(500, hi, whole: true)
        facts.append("  statutory_award_per_work: \(d.text)")
        if d.isDistribution { distributed.append("statutory_award_per_work") }
        if chance(0.8) {
          works = int(2...60)
          features.insert("works>1")
          out.append("  works: \(works)")
        } else if chance(0.5) {
          out.append("  works: 1")
        }
      } else {
        features.insert("statutory-award")
        let hi = Swift.min(500_000, Swift.max(2_000, scale * 2))
        let d = bounded(500, hi, whole: true)
        facts.append("  statutory_award: \(d.text)")
        if d.isDistribution { distributed.append("statutory_award") }
      }
    }
    // R4
    var intentional = 0.0, serious = 0.0
    if chance(0.6) {
      features.insert("intentional")
      let p = probability("intentional")
      intentional = p.p
      facts.append("  intentional: \(p.text)")
    }
    if chance(0.55) {
      features.insert("serious")
      let p = probability("serious")
      serious = p.p
      facts.append("  serious: \(p.text)")
    }
    let multiplierNeeded = tort && punitivePossible && intentional > 0 && serious > 0 && possiblyProven
    let hasMultiplier = multiplierNeeded || chance(0.15)
    // a proof probability swept from 0 to 1 must keep every point valid: statutory damages
    // given (a point may prove nothing), and the multiplier wherever punitive damages may open
    if hasStatutory && (hasMultiplier || !(tort && punitivePossible && intentional > 0 && serious > 0)) {
      for f in figures { sweepable.append(("facts.proven.\(f.key)", 0, 1, 3, false)) }
    }
    if hasMultiplier {
      features.insert("multiplier")
      let d = bounded(1, 5, whole: false)
      facts.append("  multiplier: \(d.text)")
      if d.isDistribution { distributed.append("multiplier") }
    }
    // R6
    switch int(0...3) {
    case 0:
      features.insert("mental:found")
      facts.append("  serious_mental_harm: \(probability("serious_mental_harm").text)")
    case 1:
      features.insert("mental:scored")
      let d = bounded(0, 10, whole: false)
      facts.append("  mental_harm_score: \(d.text)")
      if d.isDistribution { distributed.append("mental_harm_score") }
      if chance(0.5) {
        features.insert("mental:threshold")
        facts.append("  mental_harm_threshold: \(n((uniform(2, 9) * 10).rounded() / 10))")
      }
    default: break
    }
    if chance(0.6) {
      features.insert("mental_distress")
      let d = money(rng.logUniform(in: 1_000...10_000).rounded())
      facts.append("  mental_distress: \(d.text)")
      if d.isDistribution { distributed.append("mental_distress") }
      if chance(0.35) {
        features.insert("mental_distress_cap")
        facts.append("  mental_distress_cap: \(n(rng.logUniform(in: 1_000...20_000).rounded()))")
      }
    }
    // R5
    if chance(0.7) {
      features.insert("expenses")
      let d = money(rng.logUniform(in: 500...50_000).rounded())
      facts.append("  expenses: \(d.text)")
      if d.isDistribution { distributed.append("expenses") }
    }
    // R9
    if act == "repetitive-generation" && chance(contract ? 0.7 : 0.2) {
      features.insert("liquidated_damages")
      let d = money(scale)
      facts.append("  liquidated_damages: \(d.text)")
      if d.isDistribution { distributed.append("liquidated_damages") }
    }
    if !facts.isEmpty { out.append("facts:"); out += facts }

    // defendants (R8)
    struct Party { var name: String; var role: String; var form: String }
    var parties: [Party] = []
    var defendantLines: [String] = []
    let direct = ["infringer", "provider", "designer"]
    switch int(0...5) {
    case 0:
      features.insert("defendants:default")
      parties = [Party(name: "defendant", role: "infringer", form: "sole")]
    case 1:
      features.insert("form:sole")
      let role = pick(direct)
      parties = [Party(name: "刘某", role: role, form: "sole")]
      defendantLines.append("  - {name: 刘某, role: \(role), form: sole}")
    case 2:
      features.insert("form:vicarious")
      parties = [Party(name: "employer co", role: "employer", form: "vicarious")]
      var line = "  - {name: employer co, role: employer, form: vicarious"
      if chance(0.5) {
        let r = chance(0.6)
        if r { features.insert("recourse") }
        line += ", recourse: \(r)"
      }
      defendantLines.append(line + "}")
    case 3, 4:
      // one group of joint, sufficient and knew defendants
      let count = int(2...4)
      var forms = (0..<count).map { _ in pick(["joint", "joint", "sufficient", "knew"]) }
      // joint liability for a part: some joint defendants answer for part of the award only
      let parted = count >= 2 && chance(0.35)
      if parted { forms[0] = "joint"; forms[1] = "joint" }
      var parts = [Double](repeating: 1, count: count)
      if parted {
        features.insert("joint:part")
        parts[1] = (uniform(0.3, 0.95) * 100).rounded() / 100
        if count > 2 && forms[2] == "joint" && chance(0.5) {
          parts[2] = (uniform(0.3, 0.95) * 100).rounded() / 100
        }
      }
      var shares: [Double]? = nil
      let equalFits = parts.allSatisfy { $0 >= 1 / Double(count) }
      if chance(0.5) || !equalFits {
        // shares summing to 1, each within its part: the parted ones small, the first the rest
        var s = [Double](repeating: 0, count: count)
        var rest = 1.0
        for i in 1..<count {
          let cap = Swift.min(parts[i], rest / Double(count - i + 1))
          s[i] = (uniform(0.05, 1) * cap * 1000).rounded(.down) / 1000
          rest -= s[i]
        }
        s[0] = rest
        shares = s
        features.insert("group:shares")
      } else {
        features.insert("group:equal")
      }
      for i in 0..<count {
        let form = forms[i]
        features.insert("form:\(form)")
        let role = form == "knew" ? "platform" : pick(direct)
        let name = "co\(i)"
        parties.append(Party(name: name, role: role, form: form))
        var line = "  - {name: \(name), role: \(role), form: \(form)"
        if let shares { line += ", share: \(n(shares[i]))" }
        if parts[i] < 1 { line += ", part: \(n(parts[i]))" } else if form == "joint" && chance(0.1) { line += ", part: 1" }
        defendantLines.append(line + "}")
      }
    default:
      features.insert("form:proportional")
      let count = int(2...3)
      let total = uniform(0.3, 0.99)
      for i in 0..<count {
        let role = pick(direct)
        let name = "part \(i)"
        parties.append(Party(name: name, role: role, form: "proportional"))
        let share = ((total / Double(count)) * uniform(0.5, 1) * 1000).rounded() / 1000 + 0.001
        defendantLines.append("  - {name: \(name), role: \(role), form: proportional, share: \(n(share))}")
      }
    }
    if !defendantLines.isEmpty && chance(0.4) {
      // platforms that ignored a notice: jointly liable for the expanded part only
      let count = int(1...2)
      for i in 0..<count {
        features.insert("form:notice-ignored")
        let name = "platform \(i)"
        parties.append(Party(name: name, role: "platform", form: "notice-ignored"))
        defendantLines.append(
          "  - {name: \(name), role: platform, form: notice-ignored, expanded_fraction: \(n((uniform(0, 1) * 100).rounded() / 100)), share: \(n((uniform(0.05, 1.0 / Double(count)) * 100).rounded() / 100))}")
      }
    }
    for p in parties { features.insert("role:\(p.role)") }

    // liability (R7)
    var liability: [String] = []
    for element in ["work", "infringement", "causation", "fault"] where chance(0.5) {
      let p = probability(element, positive: true)
      features.insert(p.text == "true" ? "liability:true" : "liability:probability")
      liability.append("  \(element): \(p.text)")
      sweepable.append(("liability.\(element)", 0.5, 1, 3, false))
    }
    var defenses: [String] = []
    var defenseCount = 0
    let caseWide = act == "repetitive-generation" ? ["not-a-work", "fair-use", "consent"] : ["not-a-work", "fair-use"]
    for _ in 0..<int(0...3) {
      var options: [(kind: String, defendant: String?)] = caseWide.map { ($0, nil) }
      if act != "illegal-use" {
        for p in parties { options.append(("third-party-fault", p.name)) }
        for p in parties where p.role == "provider" || p.role == "designer" {
          options.append(("technology-limit", p.name))
        }
      }
      for p in parties where p.role == "platform" { options.append(("safe-harbor", p.name)) }
      let d = pick(options)
      defenseCount += 1
      features.insert("defense:\(d.kind)")
      features.insert(d.defendant == nil ? "defense:case-wide" : "defense:named")
      let success = n((uniform(0.02, 0.6) * 100).rounded() / 100)
      if let name = d.defendant {
        defenses.append("    - {kind: \(d.kind), success: \(success), defendant: \(name)}")
      } else {
        defenses.append("    - {kind: \(d.kind), success: \(success)}")
      }
    }
    if !defenses.isEmpty { liability.append("  defenses:"); liability += defenses }
    if !liability.isEmpty { out.append("liability:"); out += liability }
    if !defendantLines.isEmpty { out.append("defendants:"); out += defendantLines }

    // correlations (rank correlations between facts given as distributions)
    let shuffled = distributed.shuffled(using: &rng)
    if shuffled.count >= 3 && chance(0.3) {
      features.insert("correlation:group3")
      let rho = (uniform(0.1, 0.7) * 100).rounded() / 100
      let (a, b, c) = (shuffled[0], shuffled[1], shuffled[2])
      out.append("correlations:")
      out.append("  - [\(a), \(b), \(n(rho))]")
      out.append("  - [\(a), \(c), \(n(((rho * uniform(0.6, 1)) * 100).rounded() / 100))]")
      out.append("  - [\(b), \(c), \(n(((rho * uniform(0.6, 1)) * 100).rounded() / 100))]")
    } else if shuffled.count >= 2 && chance(0.45) {
      features.insert("correlation:pair")
      out.append("correlations:")
      out.append("  - [\(shuffled[0]), \(shuffled[1]), \(n(((uniform(-0.8, 0.8)) * 100).rounded() / 100))]")
      if shuffled.count >= 4 && chance(0.4) {
        out.append("  - [\(shuffled[2]), \(shuffled[3]), \(n(((uniform(-0.8, 0.8)) * 100).rounded() / 100))]")
      }
    }

    // options
    var options: [String] = []
    if chance(0.6) {
      let p = pick(["additive", "inclusive"])
      features.insert("option:punitive:\(p)")
      options.append("  punitive: \(p)")
    }
    if chance(0.6) {
      let e = pick(["larger", "actual-loss", "illegal-gains"])
      features.insert("option:election:\(e)")
      options.append("  election: \(e)")
    }
    if chance(0.3) {
      features.insert("option:liquidated_cap_ratio")
      options.append("  liquidated_cap_ratio: \(n((uniform(1, 2.5) * 100).rounded() / 100))")
    }
    if chance(0.3) {
      let b = chance(0.6)
      if b { features.insert("option:contract_expenses") }
      options.append("  contract_expenses: \(b)")
    }
    if act == "repetitive-generation" && chance(0.5) {
      let p = pick(["fault", "presumed", "presumed"])
      features.insert("option:fault_principle:\(p)")
      options.append("  fault_principle: \(p)")
    } else if chance(0.1) {
      features.insert("option:fault_principle:fault")
      options.append("  fault_principle: fault")
    }
    if chance(0.3) {
      let b = chance(0.6)
      if b { features.insert("option:statutory_includes_expenses") }
      options.append("  statutory_includes_expenses: \(b)")
    }
    if chance(0.5) {
      let a = pick(["proportional", "loser-pays"])
      features.insert("option:fee_allocation:\(a)")
      options.append("  fee_allocation: \(a)")
    }
    if !options.isEmpty { out.append("options:"); out += options }

    // simulation: a few thousand runs, so that a thousand scenarios stay quick
    out.append("simulation:")
    out.append("  runs: \(int(1_000...2_000))")
    out.append("  seed: \(int(1...1_000_000))")
    if chance(0.2) {
      features.insert("threads-key")
      out.append("  threads: \(int(1...4))")
    }
    switch int(0...3) {
    case 0: features.insert("sampling:default")
    case 1: features.insert("sampling:random"); out.append("  sampling: random")
    case 2: features.insert("sampling:lhs"); out.append("  sampling: lhs")
    default: features.insert("sampling:sobol"); out.append("  sampling: sobol")
    }

    // a sweep block (validated when read; simulate ignores it)
    if chance(0.15), let axis = sweepable.first {
      features.insert("sweep-block")
      out.append("sweep:")
      out.append("  \(axis.path): {from: \(n(axis.from)), to: \(n(axis.to)), steps: \(axis.steps)}")
    }
    if figures.contains(where: { $0.key == "actual_loss" }) {
      sweepable.append(("facts.actual_loss", scale / 2, scale * 4, 3, true))
    }
    if out.contains(where: { $0.hasPrefix("  claim:") }) {
      sweepable.append(("case.claim", scale / 3, scale * 10, 3, true))
    }

    let bounded = chance(0.12)
    features.insert(bounded ? "percentiles:bounded" : "percentiles:exact")
    let collectLimit = pick([0, 64, 512, 4_096])
    // now and then, findings shared with other claims of a portfolio: the elements, a
    // defence, the proofs, intent and seriousness, in the order a run draws them
    var shared: [(gate: Int, key: UInt64)] = []
    if chance(0.12) {
      features.insert("shared-findings")
      let gates = Array(0..<(9 + defenseCount)).shuffled(using: &rng).prefix(int(1...3))
      shared = gates.map { ($0, rng.next()) }
    }
    return Generated(
      seed: seed, yaml: out.joined(separator: "\n") + "\n", features: features,
      exactPercentiles: !bounded, collectLimit: collectLimit, route: route,
      sharedFindings: shared, sharedSeed: rng.next(), sweepable: sweepable)
  }
}

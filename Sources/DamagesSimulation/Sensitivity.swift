public import DamagesLaw
import GSL

/// An uncertain input of a scenario: a fact with a distribution, or a probability.
public enum SensitivityInput: Hashable, Sendable {
  case fact(FactKey)
  case work, infringement, causation, fault
  case defense(Int)
  case provenLoss, provenGains, provenLicenseFee
  case intentional, serious, seriousMentalHarm

  /// The scenario path of the input (as in a sweep).
  public func path(defenses: [Defense]) -> String {
    switch self {
    case let .fact(key): "facts.\(key.rawValue)"
    case .work: "liability.work"
    case .infringement: "liability.infringement"
    case .causation: "liability.causation"
    case .fault: "liability.fault"
    case let .defense(i): "liability.defenses[\(i)].success (\(defenses[i].kind.rawValue))"
    case .provenLoss: "facts.proven.actual_loss"
    case .provenGains: "facts.proven.illegal_gains"
    case .provenLicenseFee: "facts.proven.license_fee"
    case .intentional: "facts.intentional"
    case .serious: "facts.serious"
    case .seriousMentalHarm: "facts.serious_mental_harm"
    }
  }

  var isProbability: Bool {
    if case .fact = self { return false }
    return true
  }
}

/// One bar of the tornado: the expected award as the input moves from its low to its high end
/// (a finding from false to true, an amount from its P10 to its P90), everything else drawn as
/// the simulation draws it (``Sensitivity/tornado(_:runs:seed:threads:)``).
public struct TornadoRow: Sendable {
  public var input: SensitivityInput
  public var path: String
  /// (input value, award): five points for a distribution (its P10, P30, P50, P70, P90), two for
  /// a probability (false, true).
  public var points: [(input: Double, award: Double)]
  public var low: Double
  public var high: Double
  public var swing: Double { high - low }
  /// Whether the award never falls, or never rises, along the points (thresholds make it jump).
  public var monotone: Bool
}

/// The Spearman rank correlation of an input with the award over one simulation.
public struct RankCorrelation: Sendable {
  public var input: SensitivityInput
  public var path: String
  public var rho: Double
}

/// `damages sensitivity`: which inputs move the award most.
public enum Sensitivity {
  /// The scenario's uncertain inputs, in a fixed order.
  public static func inputs(of scenario: Scenario) -> [SensitivityInput] {
    var list: [SensitivityInput] = []
    for key in FactKey.allCases {
      if let d = scenario.facts[key], !d.isFixed { list.append(.fact(key)) }
    }
    func uncertain(_ p: Double) -> Bool { p > 0 && p < 1 }
    let l = scenario.liability, f = scenario.facts
    if uncertain(l.work) { list.append(.work) }
    if uncertain(l.infringement) { list.append(.infringement) }
    if uncertain(l.causation) { list.append(.causation) }
    if uncertain(l.fault) { list.append(.fault) }
    for (i, p) in l.defenseSuccess.enumerated() where uncertain(p) { list.append(.defense(i)) }
    if f[.actualLoss] != nil && uncertain(f.provenLoss) { list.append(.provenLoss) }
    if f[.illegalGains] != nil && uncertain(f.provenGains) { list.append(.provenGains) }
    if f[.licenseFee] != nil && uncertain(f.provenLicenseFee) { list.append(.provenLicenseFee) }
    if uncertain(f.intentional) { list.append(.intentional) }
    if uncertain(f.serious) { list.append(.serious) }
    if f[.mentalHarmScore] == nil && uncertain(f.seriousMentalHarm) { list.append(.seriousMentalHarm) }
    return list
  }

  /// Sets one input of resolved facts.
  static func set(_ input: SensitivityInput, _ value: Double, in f: inout Facts, scenario: Scenario) {
    let yes = value >= 0.5
    switch input {
    case let .fact(key):
      switch key {
      case .actualLoss: f.actualLoss = Yuan(value)
      case .illegalGains: f.illegalGains = Yuan(value)
      case .licenseFee: f.licenseFee = Yuan(value)
      case .licenseFeeMultiple: f.licenseFeeMultiple = value
      case .statutoryAward: f.statutoryAward = Yuan(value)
      case .multiplier: f.multiplier = value
      case .mentalHarmScore:
        f.mentalHarm = .scored(score: value, threshold: scenario.facts.mentalHarmThreshold)
      case .mentalDistress: f.mentalDistress = Yuan(value)
      case .expenses: f.expenses = Yuan(value)
      case .liquidatedDamages: f.liquidatedDamages = Yuan(value)
      case .statutoryAwardPerWork: f.statutoryAwardPerWork = Yuan(value)
      }
    case .work: f.elements.work = yes
    case .infringement: f.elements.infringement = yes
    case .causation: f.elements.causation = yes
    case .fault: f.elements.fault = yes
    case let .defense(i): f.defenses.set(i, yes)
    case .provenLoss: f.lossProven = yes && f.actualLoss != nil
    case .provenGains: f.gainsProven = yes && f.illegalGains != nil
    case .provenLicenseFee: f.licenseFeeProven = yes && f.licenseFee != nil
    case .intentional: f.intentional = yes
    case .serious: f.serious = yes
    case .seriousMentalHarm: f.mentalHarm = .found(yes)
    }
  }

  /// The most runs the tornado simulates at each point (``tornado(_:runs:seed:threads:)``).
  public static let tornadoRunsPerPoint = 20_000

  /// The tornado, sorted by swing (largest first), with the expected award of the scenario as
  /// it is (the bars' common centre).
  ///
  /// Each bar is the expected award (the mean of simulated runs) with one input held at a
  /// value and everything else drawn as the simulation draws it: a finding from false to true
  /// (its probability set to 0, then 1), an amount from its P10 to its P90 (five points: P10,
  /// P30, P50, P70, P90) with every finding drawn. So the bar of an amount shows what it does
  /// in the runs where it counts (the illegal gains move the award in the runs where they are
  /// proven), and the bar of a finding shows the evidence question itself: the tornado tells
  /// the story of the Sobol indices, not that of one reading of the facts. Every point runs
  /// on the same seed (common random numbers), min(`runs`, ``tornadoRunsPerPoint``) runs each.
  public static func tornado(_ scenario: Scenario, runs: Int, seed: UInt64, threads: Int? = nil)
    throws(SimulationError) -> (base: Double, rows: [TornadoRow])
  {
    let n = Swift.max(2, Swift.min(runs, tornadoRunsPerPoint))
    func expectedAward(_ s: Scenario) throws(SimulationError) -> Double {
      let r = try Simulation.run(s, options: SimulationOptions(runs: n, seed: seed, threads: threads))
      return r.primary.award.mean
    }
    let base = try expectedAward(scenario)
    var rows: [TornadoRow] = []
    for input in inputs(of: scenario) {
      var values: [Double]
      if case let .fact(key) = input {
        let d = scenario.facts[key]!
        values = []
        for q in [0.1, 0.3, 0.5, 0.7, 0.9] {
          do { values.append(try d.quantile(q)) } catch { throw .gsl(error) }
        }
      } else {
        values = [0, 1]
      }
      var points: [(input: Double, award: Double)] = []
      for v in values {
        points.append((v, try expectedAward(holding(input, at: v, in: scenario))))
      }
      let awards = points.map(\.award)
      let rising = zip(awards, awards.dropFirst()).allSatisfy { $0 <= $1 }
      let falling = zip(awards, awards.dropFirst()).allSatisfy { $0 >= $1 }
      rows.append(TornadoRow(
        input: input, path: input.path(defenses: scenario.terms.defenses), points: points,
        low: awards.min()!, high: awards.max()!, monotone: rising || falling))
    }
    rows.sort { $0.swing > $1.swing }
    return (base, rows)
  }

  /// The scenario with one input held at a value: an amount fixed, a finding's probability
  /// set to 0 (false) or 1 (true).
  static func holding(_ input: SensitivityInput, at value: Double, in scenario: Scenario) -> Scenario {
    var s = scenario
    switch input {
    case let .fact(key): s.facts[key] = .fixed(value)
    case .work: s.liability.work = value
    case .infringement: s.liability.infringement = value
    case .causation: s.liability.causation = value
    case .fault: s.liability.fault = value
    case let .defense(i): s.liability.defenseSuccess[i] = value
    case .provenLoss: s.facts.provenLoss = value
    case .provenGains: s.facts.provenGains = value
    case .provenLicenseFee: s.facts.provenLicenseFee = value
    case .intentional: s.facts.intentional = value
    case .serious: s.facts.serious = value
    case .seriousMentalHarm: s.facts.seriousMentalHarm = value
    }
    return s
  }

  /// The runs of the rank-correlation simulation when none are asked for: the scenario's own,
  /// at most 100,000 (ranks settle long before the percentiles of a full simulation do).
  public static func defaultRuns(for scenario: Scenario) -> Int {
    Swift.min(scenario.simulation.runs, 100_000)
  }

  /// The Spearman rank correlation of each input with the award over `runs` runs that draw
  /// every input (ties get average ranks), sorted by |ρ| (largest first).
  public static func rankCorrelations(_ scenario: Scenario, runs: Int, seed: UInt64) throws(SimulationError)
    -> [RankCorrelation]
  {
    let model = try CompiledModel(scenario)
    let list = inputs(of: scenario)
    var state = RunState(model: model, random: RandomSource(seed: 0))
    state.eager = true
    let (a, b) = Simulation.blockSeed(seed, 0)
    state.reseed(a, b)
    var columns = [[Double]](repeating: [], count: list.count)
    var awards: [Double] = []
    awards.reserveCapacity(runs)
    var f = Facts()
    for _ in 0..<runs {
      let (tort, contract) = state.run(into: &f)
      awards.append((tort ?? contract!).award.value)
      for (j, input) in list.enumerated() {
        columns[j].append(value(of: input, facts: f, state: state))
      }
    }
    let awardRanks = ranks(awards)
    var out: [RankCorrelation] = []
    for (j, input) in list.enumerated() {
      out.append(RankCorrelation(
        input: input, path: input.path(defenses: scenario.terms.defenses),
        rho: pearson(ranks(columns[j]), awardRanks)))
    }
    out.sort { abs($0.rho) > abs($1.rho) }
    return out
  }

  static func value(of input: SensitivityInput, facts f: Facts, state: RunState) -> Double {
    func b(_ x: Bool) -> Double { x ? 1 : 0 }
    switch input {
    case let .fact(key): return state.values[key.ordinal]
    case .work: return b(f.elements.work)
    case .infringement: return b(f.elements.infringement)
    case .causation: return b(f.elements.causation)
    case .fault: return b(f.elements.fault)
    case let .defense(i): return b(f.defenses.succeeded(i))
    case .provenLoss: return b(f.lossProven)
    case .provenGains: return b(f.gainsProven)
    case .provenLicenseFee: return b(f.licenseFeeProven)
    case .intentional: return b(f.intentional)
    case .serious: return b(f.serious)
    case .seriousMentalHarm: return b(f.mentalHarm.isSerious)
    }
  }

  /// Ranks 1…n with ties given their average rank.
  static func ranks(_ v: [Double]) -> [Double] {
    let order = v.indices.sorted { v[$0] < v[$1] }
    var r = [Double](repeating: 0, count: v.count)
    var i = 0
    while i < order.count {
      var j = i
      while j + 1 < order.count && v[order[j + 1]] == v[order[i]] { j += 1 }
      let average = Double(i + j) / 2 + 1
      for k in i...j { r[order[k]] = average }
      i = j + 1
    }
    return r
  }

  static func pearson(_ x: [Double], _ y: [Double]) -> Double {
    let n = Double(x.count)
    let mx = x.reduce(0, +) / n, my = y.reduce(0, +) / n
    var sxy = 0.0, sxx = 0.0, syy = 0.0
    for i in x.indices {
      sxy += (x[i] - mx) * (y[i] - my)
      sxx += (x[i] - mx) * (x[i] - mx)
      syy += (y[i] - my) * (y[i] - my)
    }
    return sxx > 0 && syy > 0 ? sxy / (sxx * syy).squareRoot() : 0
  }
}

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

/// One bar of the tornado: the award (at the point estimate) as the input moves from its P10
/// to its P90, the others at their medians.
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

  /// The tornado: each input from its P10 to its P90 with the others at their medians, sorted by
  /// swing (largest first). Returns the award at the point estimate too.
  public static func tornado(_ scenario: Scenario) throws(SimulationError)
    -> (base: Double, rows: [TornadoRow])
  {
    do { return try tornadoRows(scenario) } catch { throw .gsl(error) }
  }

  static func tornadoRows(_ scenario: Scenario) throws(GSLError)
    -> (base: Double, rows: [TornadoRow])
  {
    let base = try PointEstimate.facts(for: scenario)
    let assessor = Assessor(terms: scenario.terms)
    func award(_ f: Facts) -> Double {
      (scenario.terms.route == .contract ? assessor.contract(f) : assessor.tort(f)).award.value
    }
    var rows: [TornadoRow] = []
    for input in inputs(of: scenario) {
      var values: [Double]
      if case let .fact(key) = input {
        let d = scenario.facts[key]!
        values = []
        for q in [0.1, 0.3, 0.5, 0.7, 0.9] { values.append(try d.quantile(q)) }
      } else {
        values = [0, 1]
      }
      let points = values.map { v in
        var f = base
        set(input, v, in: &f, scenario: scenario)
        return (input: v, award: award(f))
      }
      let awards = points.map(\.award)
      let rising = zip(awards, awards.dropFirst()).allSatisfy { $0 <= $1 }
      let falling = zip(awards, awards.dropFirst()).allSatisfy { $0 >= $1 }
      rows.append(TornadoRow(
        input: input, path: input.path(defenses: scenario.terms.defenses), points: points,
        low: awards.min()!, high: awards.max()!, monotone: rising || falling))
    }
    rows.sort { $0.swing > $1.swing }
    return (award(base), rows)
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

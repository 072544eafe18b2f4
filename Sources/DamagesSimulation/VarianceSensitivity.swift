import DamagesLaw
public import GSL

/// First-order and total Sobol indices of one input, with bootstrap confidence intervals.
public struct SobolIndex: Sendable {
  /// The input's position among the model's inputs.
  public var dimension: Int
  /// Sᵢ: the share of the output's variance that the input explains alone.
  public var first: Double
  public var firstInterval: ClosedRange<Double>
  /// Sᵀᵢ: the share explained by the input with all its interactions.
  public var total: Double
  public var totalInterval: ClosedRange<Double>
}

/// The result of a variance-based sensitivity analysis.
public struct SobolAnalysis: Sendable {
  /// One per input, in the order of the inputs.
  public var indices: [SobolIndex]
  /// The base sample size n: the model was evaluated n (d + 2) times.
  public var samples: Int
  public var evaluations: Int
  public var bootstrap: Int
  public var confidence: Double
  /// The mean and variance of the output over the 2n runs of A and B.
  public var mean: Double
  public var variance: Double
}

/// A scenario input's Sobol indices.
public struct SobolRow: Sendable {
  public var input: SensitivityInput
  public var path: String
  public var index: SobolIndex
}

/// Variance-based sensitivity (Sobol indices), estimated from the matrices A, B and ABᵢ of
/// Saltelli et al. (2010), "Variance based sensitivity analysis of model output. Design and
/// estimator for the total sensitivity index", Computer Physics Communications 181, 259–270:
///
/// - A and B are n × d matrices of independent uniforms on (0, 1); ABᵢ is A with its column i
///   taken from B. The model is evaluated on the n rows of each: n (d + 2) evaluations.
/// - First order (Saltelli 2010, table 2 (b)): Sᵢ = (1/n) Σⱼ f(B)ⱼ (f(ABᵢ)ⱼ − f(A)ⱼ) / V,
///   with f centred on the mean of f(A) and f(B) first.
/// - Total (Jansen 1999; Saltelli 2010, table 2 (f)): Sᵀᵢ = (1/2n) Σⱼ (f(A)ⱼ − f(ABᵢ)ⱼ)² / V.
/// - V is the variance of the 2n outputs f(A), f(B).
/// - Confidence intervals: the rows j are resampled with replacement (`bootstrap` times) and
///   the indices recomputed, V included; the interval is the percentile interval at
///   `confidence`.
///
/// The inputs must be independent: a scenario's correlations are not honoured here.
public enum VarianceSensitivity {
  /// Sobol indices of `model`, a function of `dimensions` independent uniforms on (0, 1).
  /// Deterministic for a given seed.
  public static func indices(
    dimensions d: Int, samples n: Int, seed: UInt64, bootstrap: Int = 500,
    confidence: Double = 0.95, model: ([Double]) throws(GSLError) -> Double
  ) throws(GSLError) -> SobolAnalysis {
    precondition(d >= 1 && n >= 2 && bootstrap >= 1 && confidence > 0 && confidence < 1)
    let random = RandomSource(seed: seed, 0x5_0B01)
    var a = [[Double]](), b = [[Double]]()
    a.reserveCapacity(n)
    b.reserveCapacity(n)
    for _ in 0..<n { a.append((0..<d).map { _ in random.uniformPositive() }) }
    for _ in 0..<n { b.append((0..<d).map { _ in random.uniformPositive() }) }
    var fA = [Double](), fB = [Double]()
    for row in a { fA.append(try model(row)) }
    for row in b { fB.append(try model(row)) }
    var fAB = [[Double]](repeating: [], count: d)
    for i in 0..<d {
      fAB[i].reserveCapacity(n)
      for j in 0..<n {
        var row = a[j]
        row[i] = b[j][i]
        fAB[i].append(try model(row))
      }
    }
    // Centred on the mean of f(A) and f(B): the estimators' expectations do not change
    // (E f(ABᵢ) = E f(A)), but Saltelli's first-order estimator loses the variance a large
    // mean adds to it.
    let centre = (fA.reduce(0, +) + fB.reduce(0, +)) / Double(2 * n)
    // Per row j: the terms the sums need, so that a bootstrap resample only adds them up.
    // first[i * n + j] = f(B)ⱼ (f(ABᵢ)ⱼ − f(A)ⱼ), jansen[i * n + j] = (f(A)ⱼ − f(ABᵢ)ⱼ)².
    var firstTerms = [Double](repeating: 0, count: d * n), jansenTerms = firstTerms
    for i in 0..<d {
      for j in 0..<n {
        let difference = fAB[i][j] - fA[j]
        firstTerms[i * n + j] = (fB[j] - centre) * difference
        jansenTerms[i * n + j] = difference * difference
      }
    }
    let squareTerms = (0..<n).map { j in
      (fA[j] - centre) * (fA[j] - centre) + (fB[j] - centre) * (fB[j] - centre)
    }
    let sumTerms = (0..<n).map { j in fA[j] - centre + fB[j] - centre }
    // The estimates on a set of rows (each row index once per occurrence).
    func estimate(_ rows: [Int]) -> (first: [Double], total: [Double], mean: Double, variance: Double) {
      let m = Double(rows.count)
      var sum = 0.0, squares = 0.0
      for j in rows {
        sum += sumTerms[j]
        squares += squareTerms[j]
      }
      let shift = sum / (2 * m)  // the resample's mean, less the centre
      let variance = (squares - 2 * m * shift * shift) / (2 * m - 1)
      var first = [Double](repeating: 0, count: d), total = first
      for i in 0..<d {
        var s = 0.0, t = 0.0
        let offset = i * n
        for j in rows {
          s += firstTerms[offset + j]
          t += jansenTerms[offset + j]
        }
        first[i] = variance > 0 ? s / m / variance : 0
        total[i] = variance > 0 ? t / (2 * m) / variance : 0
      }
      return (first, total, centre + shift, variance)
    }
    let all = estimate(Array(0..<n))
    var firstDraws = [[Double]](repeating: [], count: d), totalDraws = firstDraws
    var rows = [Int](repeating: 0, count: n)
    for _ in 0..<bootstrap {
      for k in 0..<n { rows[k] = random.uniformInt(below: n) }
      let e = estimate(rows)
      for i in 0..<d {
        firstDraws[i].append(e.first[i])
        totalDraws[i].append(e.total[i])
      }
    }
    let alpha = (1 - confidence) / 2
    func interval(_ draws: [Double]) -> ClosedRange<Double> {
      let sorted = draws.sorted()
      return Statistics.quantile(sorted: sorted, alpha)...Statistics.quantile(sorted: sorted, 1 - alpha)
    }
    let indices = (0..<d).map { i in
      SobolIndex(
        dimension: i, first: all.first[i], firstInterval: interval(firstDraws[i]),
        total: all.total[i], totalInterval: interval(totalDraws[i]))
    }
    return SobolAnalysis(
      indices: indices, samples: n, evaluations: n * (d + 2), bootstrap: bootstrap,
      confidence: confidence, mean: all.mean, variance: all.variance)
  }
}

extension Sensitivity {
  /// The Sobol indices of the award with respect to the scenario's uncertain inputs (those of
  /// the tornado: each fact with a distribution, each probability strictly between 0 and 1).
  ///
  /// Every uncertain input is drawn (as in a simulation run, so that the tornado, whose bars hold
  /// one input and draw the others, tells the same story); facts without uncertainty keep
  /// their value. The award follows the same rules. A uniform u becomes a fact's value through the
  /// fact's quantile function, and a probability p becomes true when u < p. Inputs are drawn
  /// independently (correlations are not honoured), sorted by total index (largest first).
  public static func sobol(
    _ scenario: Scenario, samples: Int, seed: UInt64, bootstrap: Int = 500,
    confidence: Double = 0.95
  ) throws(SimulationError) -> (analysis: SobolAnalysis, rows: [SobolRow]) {
    do {
      return try sobolRows(
        scenario, samples: samples, seed: seed, bootstrap: bootstrap, confidence: confidence)
    } catch { throw .gsl(error) }
  }

  static func sobolRows(
    _ scenario: Scenario, samples: Int, seed: UInt64, bootstrap: Int, confidence: Double
  ) throws(GSLError) -> (analysis: SobolAnalysis, rows: [SobolRow]) {
    let list = inputs(of: scenario)
    let base = try PointEstimate.facts(for: scenario)
    let assessor = Assessor(terms: scenario.terms)
    func award(_ f: Facts) -> Double {
      (scenario.terms.route == .contract ? assessor.contract(f) : assessor.tort(f)).award.value
    }
    guard !list.isEmpty else {
      let none = SobolAnalysis(
        indices: [], samples: samples, evaluations: 0, bootstrap: bootstrap,
        confidence: confidence, mean: award(base), variance: 0)
      return (none, [])
    }
    // Each input's law (a fact) or probability (the others).
    let laws: [Distribution?] = list.map { input in
      if case .fact(let key) = input { return scenario.facts[key] }
      return nil
    }
    let probabilities: [Double] = list.map { input in
      if case .fact = input { return 0 }
      return probability(of: input, in: scenario)
    }
    let analysis = try VarianceSensitivity.indices(
      dimensions: list.count, samples: samples, seed: seed, bootstrap: bootstrap,
      confidence: confidence
    ) { (u: [Double]) throws(GSLError) -> Double in
      var f = base
      for k in list.indices {
        let value = try laws[k]?.quantile(u[k]) ?? (u[k] < probabilities[k] ? 1 : 0)
        set(list[k], value, in: &f, scenario: scenario)
      }
      return award(f)
    }
    let defenses = scenario.terms.defenses
    let rows = analysis.indices.map { index in
      SobolRow(input: list[index.dimension], path: list[index.dimension].path(defenses: defenses), index: index)
    }.sorted { $0.index.total > $1.index.total }
    return (analysis, rows)
  }

  /// The probability that a probability input holds.
  static func probability(of input: SensitivityInput, in scenario: Scenario) -> Double {
    let l = scenario.liability, f = scenario.facts
    switch input {
    case .fact: preconditionFailure("a fact is not a probability")
    case .work: return l.work
    case .infringement: return l.infringement
    case .causation: return l.causation
    case .fault: return l.fault
    case .defense(let i): return l.defenseSuccess[i]
    case .provenLoss: return f.provenLoss
    case .provenGains: return f.provenGains
    case .provenLicenseFee: return f.provenLicenseFee
    case .intentional: return f.intentional
    case .serious: return f.serious
    case .seriousMentalHarm: return f.seriousMentalHarm
    }
  }
}

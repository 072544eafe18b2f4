import Foundation

/// The exact mean (and second moment) of the award in the benchmark model (docs/simulation.md, The benchmark model,
/// `scenarios/benchmark.yaml`), derived by hand in `bench/reference/closed_form.md`.
///
/// Tests compare a simulation's mean with ``meanAward`` within a few standard errors
/// (``standardError(runs:)``). Only Foundation is used here, so that the check does not rest on
/// the GSL code it checks; Φ is written with `erfc`.
public enum BenchmarkClosedForm {
  // MARK: The model

  /// 1. ln L = μ1 + σ1 Z1 (actual loss), ln G = μ2 + σ2 Z2 (illegal gains).
  static let mu1 = log(50_000.0), sigma1 = 1.0
  static let mu2 = log(80_000.0), sigma2 = 1.2
  /// The Spearman correlation the scenario file holds, 6/π·asin(0.3).
  public static let spearman = 6 / Double.pi * asin(0.3)
  /// The Pearson correlation of the normals, 2·sin(π·ρs/6) (docs/scenario-format.md, Correlations): 0.6.
  public static let rho = 2 * sin(Double.pi * spearman / 6)
  /// 2. Proof probabilities.
  static let pLoss = 0.5, pGains = 0.4, pFee = 0.6
  /// 3. License fee triangular(10,000, 30,000, 90,000); statutory award uniform(500, 50,000).
  static let fee = (min: 10_000.0, mode: 30_000.0, max: 90_000.0)
  static let statutory = (min: 500.0, max: 50_000.0)
  /// 4. Punitive gate (intentional × serious); multiplier PERT(1, 2, 5), λ = 4.
  static let pPunitiveGate = 0.3 * 0.5
  static let pert = (min: 1.0, mode: 2.0, max: 5.0, lambda: 4.0)
  /// 5. Mental distress: serious harm 0.2, amount uniform(1,000, 50,000).
  static let pMental = 0.2
  static let mental = (min: 1_000.0, max: 50_000.0)
  /// 6. Expenses uniform(5,000, 20,000).
  static let expenses = (min: 5_000.0, max: 20_000.0)
  /// 7. P(liable) = work × infringement × fault × (1 − fair-use success).
  public static let pLiable = 0.85 * 0.9 * 0.8 * (1 - 0.1)

  // MARK: The results

  /// E[award]: 86,782.38302833683 yuan.
  public static let meanAward = moments.mean
  /// E[award²].
  public static let secondMomentAward = moments.second
  /// The award's standard deviation.
  public static let sdAward = (secondMomentAward - meanAward * meanAward).squareRoot()
  /// P(punitive damages apply) = P(liable) × P(basis not statutory) × 0.15.
  public static let pPunitive = pLiable * (1 - basisProbabilities.statutory) * pPunitiveGate

  /// The standard error of a Monte Carlo mean over `runs` runs.
  public static func standardError(runs: Int) -> Double {
    sdAward / Double(runs).squareRoot()
  }

  // MARK: The pieces

  /// Standard normal CDF.
  static func phi(_ x: Double) -> Double { 0.5 * erfc(-x / 2.0.squareRoot()) }

  /// E[X^k] for ln X ~ N(μ, σ²).
  static func lognormalMoment(mu: Double, sigma: Double, _ k: Double) -> Double {
    exp(k * mu + k * k * sigma * sigma / 2)
  }

  /// E[max(X, Y)] for ln X = a1 + t1 Z1, ln Y = a2 + t2 Z2, corr(Z1, Z2) = ρ (Margrabe):
  /// E[X]·Φ((a1 − a2 + t1² − ρ t1 t2)/t) + E[Y]·Φ((a2 − a1 + t2² − ρ t1 t2)/t),
  /// t² = t1² + t2² − 2ρ t1 t2.
  static func expectedMax(_ a1: Double, _ t1: Double, _ a2: Double, _ t2: Double) -> Double {
    let t = (t1 * t1 + t2 * t2 - 2 * rho * t1 * t2).squareRoot()
    let ex = exp(a1 + t1 * t1 / 2), ey = exp(a2 + t2 * t2 / 2)
    return ex * phi((a1 - a2 + t1 * t1 - rho * t1 * t2) / t)
      + ey * phi((a2 - a1 + t2 * t2 - rho * t1 * t2) / t)
  }

  static func uniformMoments(_ a: Double, _ b: Double) -> (Double, Double) {
    ((a + b) / 2, (a * a + a * b + b * b) / 3)
  }

  static func triangularMoments(_ a: Double, _ c: Double, _ b: Double) -> (Double, Double) {
    ((a + b + c) / 3, (a * a + b * b + c * c + a * b + a * c + b * c) / 6)
  }

  /// E[M] and E[M²] for M = min + (max − min)·Beta(α, β).
  static var pertMoments: (Double, Double) {
    let range = pert.max - pert.min
    let alpha = 1 + pert.lambda * (pert.mode - pert.min) / range
    let beta = 1 + pert.lambda * (pert.max - pert.mode) / range
    let m = alpha / (alpha + beta)
    let v = alpha * beta / ((alpha + beta) * (alpha + beta) * (alpha + beta + 1))
    let mean = pert.min + range * m
    return (mean, mean * mean + range * range * v)
  }

  /// Step 2: the basis given liability.
  static var basisProbabilities:
    (both: Double, loss: Double, gains: Double, fee: Double, statutory: Double)
  {
    let none = (1 - pLoss) * (1 - pGains)
    return (
      pLoss * pGains, pLoss * (1 - pGains), (1 - pLoss) * pGains, none * pFee, none * (1 - pFee)
    )
  }

  /// Every intermediate quantity of the derivation.
  struct Steps {
    var eL = 0.0, eG = 0.0, eL2 = 0.0, eG2 = 0.0, eMax = 0.0, eMax2 = 0.0
    var eT = 0.0, eT2 = 0.0, eU = 0.0, eU2 = 0.0, eM = 0.0, eM2 = 0.0
    var factor = 0.0, factor2 = 0.0, eBn = 0.0, eBn2 = 0.0, eC = 0.0, eC2 = 0.0
    var eD = 0.0, eD2 = 0.0, eX = 0.0, eX2 = 0.0, eA = 0.0, eA2 = 0.0
    var mean = 0.0, second = 0.0
  }

  static let steps: Steps = {
    var s = Steps()
    let q = basisProbabilities
    s.eL = lognormalMoment(mu: mu1, sigma: sigma1, 1)
    s.eG = lognormalMoment(mu: mu2, sigma: sigma2, 1)
    s.eL2 = lognormalMoment(mu: mu1, sigma: sigma1, 2)
    s.eG2 = lognormalMoment(mu: mu2, sigma: sigma2, 2)
    s.eMax = expectedMax(mu1, sigma1, mu2, sigma2)
    // max(L, G)² = max(L², G²): the same formula with the log-parameters doubled.
    s.eMax2 = expectedMax(2 * mu1, 2 * sigma1, 2 * mu2, 2 * sigma2)
    (s.eT, s.eT2) = triangularMoments(fee.min, fee.mode, fee.max)
    (s.eU, s.eU2) = uniformMoments(statutory.min, statutory.max)
    (s.eM, s.eM2) = pertMoments
    s.factor = 1 + pPunitiveGate * s.eM
    s.factor2 = 1 + 2 * pPunitiveGate * s.eM + pPunitiveGate * s.eM2
    s.eBn = q.both * s.eMax + q.loss * s.eL + q.gains * s.eG + q.fee * s.eT
    s.eBn2 = q.both * s.eMax2 + q.loss * s.eL2 + q.gains * s.eG2 + q.fee * s.eT2
    s.eC = s.eBn * s.factor + q.statutory * s.eU
    s.eC2 = s.eBn2 * s.factor2 + q.statutory * s.eU2
    let (v, v2) = uniformMoments(mental.min, mental.max)
    (s.eD, s.eD2) = (pMental * v, pMental * v2)
    (s.eX, s.eX2) = uniformMoments(expenses.min, expenses.max)
    s.eA = s.eC + s.eD + s.eX
    s.eA2 = s.eC2 + s.eD2 + s.eX2 + 2 * (s.eC * s.eD + s.eC * s.eX + s.eD * s.eX)
    s.mean = pLiable * s.eA
    s.second = pLiable * s.eA2
    return s
  }()

  static var moments: (mean: Double, second: Double) { (steps.mean, steps.second) }

  // MARK: The derivation

  /// The derivation step by step, with the value of each step (for test failure messages and
  /// for readers; the full write-up is `bench/reference/closed_form.md`).
  public static func derivation() -> String {
    let s = steps, q = basisProbabilities
    let t = (sigma1 * sigma1 + sigma2 * sigma2 - 2 * rho * sigma1 * sigma2).squareRoot()
    let dL = (mu1 - mu2 + sigma1 * sigma1 - rho * sigma1 * sigma2) / t
    let dG = (mu2 - mu1 + sigma2 * sigma2 - rho * sigma1 * sigma2) / t
    return """
      Benchmark model (docs/simulation.md, The benchmark model): closed form of the award's mean.
      1. P(liable) = 0.85 × 0.9 × 0.8 × (1 − 0.1) = \(pLiable). Award = 0 otherwise.
      2. Basis given liability (loss proven 0.5, gains 0.4, independent; fee 0.6 if neither):
         both \(q.both) → max(L, G); loss only \(q.loss) → L; gains only \(q.gains) → G;
         license fee \(q.fee) → T; statutory \(q.statutory) → U.
      3. ln L = ln 50000 + 1.0 Z1, ln G = ln 80000 + 1.2 Z2, ρ = 2 sin(π ρs/6) = \(rho)
         (ρs = \(spearman)).
         E[L] = 50000 e^0.5 = \(s.eL); E[G] = 80000 e^0.72 = \(s.eG).
         σ² = σ1² + σ2² − 2ρσ1σ2 = \(t * t).
         E[max(L, G)] = E[L] Φ(dL) + E[G] Φ(dG), with
           dL = (μ1 − μ2 + σ1² − ρσ1σ2)/σ = \(dL),
           dG = (μ2 − μ1 + σ2² − ρσ1σ2)/σ = \(dG),
         so E[max(L, G)] = \(s.eMax).
         E[T] = (10000 + 30000 + 90000)/3 = \(s.eT); E[U] = (500 + 50000)/2 = \(s.eU).
      4. Non-statutory base:
         E[B·1{R1, R2}] = \(q.both)·\(s.eMax) + \(q.loss)·\(s.eL)
           + \(q.gains)·\(s.eG) + \(q.fee)·\(s.eT) = \(s.eBn).
         Punitive (additive; gate J: 0.3 × 0.5 = \(pPunitiveGate); independent of the base):
         E[M] = (1 + 4·2 + 5)/6 = \(s.eM); E[1 + J·M] = \(s.factor).
         E[compensation] = \(s.eBn) × \(s.factor) + \(q.statutory) × \(s.eU)
           = \(s.eC).
      5. Mental distress: 0.2 × E[uniform(1000, 50000)] = \(s.eD).
      6. Expenses: E[uniform(5000, 20000)] = \(s.eX).
      7. E[award | liable] = \(s.eC) + \(s.eD) + \(s.eX) = \(s.eA).
         E[award] = \(pLiable) × \(s.eA) = \(s.mean).
      8. Second moment. max(L, G)² = max(L², G²) (same formula, parameters doubled):
         E[max(L, G)²] = \(s.eMax2);
         E[L²] = \(s.eL2); E[G²] = \(s.eG2);
         E[T²] = \(s.eT2); E[U²] = \(s.eU2);
         E[M²] = \(s.eM2); E[(1 + J·M)²] = \(s.factor2);
         E[compensation²] = \(s.eC2);
         E[award² | liable] = \(s.eA2); E[award²] = \(s.second);
         sd = \(sdAward); standard error at 10^7 runs = \(standardError(runs: 10_000_000)).
      """
  }
}

import GSL

/// A precision to reach (`--precision`): the relative half-width of the 95 % confidence
/// interval of the award's mean, or of one of its percentiles.
public struct PrecisionTarget: Hashable, Sendable {
  /// What the interval is around.
  public enum Statistic: Hashable, Sendable {
    case mean
    /// A percentile p in (0, 1), one of ``DistributionSummary/percentiles``.
    case percentile(Double)
  }

  /// The relative half-width to reach, in (0, 1): 0.005 for 0.5 %.
  public var relativeHalfWidth: Double
  public var statistic: Statistic

  public init(relativeHalfWidth: Double, on statistic: Statistic = .mean) {
    precondition(relativeHalfWidth > 0 && relativeHalfWidth < 1)
    self.relativeHalfWidth = relativeHalfWidth
    self.statistic = statistic
  }
}

/// What an auto-stopped simulation reached.
public struct PrecisionReport: Hashable, Sendable {
  public var target: PrecisionTarget
  /// The relative half-width of the 95 % interval after the last stage.
  public var relativeHalfWidth: Double
  /// Whether it is within the target (false: the run budget was spent first).
  public var reached: Bool
  /// The run counts simulated, stage by stage; the result is that of the last.
  public var stages: [Int]
}

extension Simulation {
  /// The first stage of an auto-stopped simulation, in runs: 16,384 at random, 10 replicates
  /// (40,960) for the stratified samplings, whose standard error needs replicates.
  public static func firstStage(_ sampling: Sampling) -> Int {
    sampling == .random ? 4 * replicateSize : 10 * replicateSize
  }

  /// Simulates in stages until the award's 95 % interval is within the target or `runs` (the
  /// most allowed) is spent. Each stage is a whole simulation of N runs, from the same seed,
  /// so the result is exactly that of `simulate --runs N` for the N it stops at; the stage
  /// sizes depend only on the earlier stages' results, so the same seed always stops at the
  /// same N, on any number of threads.
  ///
  /// Stage sizes: ``firstStage(_:)``, then the run count the last stage's half-width predicts
  /// (half-widths fall as 1/√N) plus 10 %, at least 1.5 times the last stage, rounded up to a
  /// whole replicate (4,096 runs), at most `runs`.
  public static func run(_ scenario: Scenario, options: SimulationOptions,
                         precision target: PrecisionTarget) throws(SimulationError)
    -> (result: SimulationResult, report: PrecisionReport)
  {
    let limit = options.runs
    var n = Swift.min(limit, firstStage(options.sampling))
    var stages: [Int] = []
    while true {
      var o = options
      o.runs = n
      if case .percentile = target.statistic { o.keepsAwardHistogram = true }
      if let progress = options.progress {
        let done = stages.reduce(0, +)
        // every stage's runs count, never more than the budget (the most that can be run)
        o.progress = { progress(Swift.min(limit, done + $0)) }
      }
      let result = try run(scenario, options: o)
      stages.append(n)
      let width = relativeHalfWidth(result, target.statistic)
      let reached = width <= target.relativeHalfWidth
      if reached || n >= limit {
        return (result, PrecisionReport(target: target, relativeHalfWidth: width,
                                        reached: reached, stages: stages))
      }
      // half-widths fall as 1/√N; an infinite or NaN width (no spread seen yet) grows 4x
      let predicted = width.isFinite
        ? Double(n) * (width / target.relativeHalfWidth) * (width / target.relativeHalfWidth) * 1.1
        : 4 * Double(n)
      let next = Swift.max(predicted, 1.5 * Double(n)).rounded(.up)
      let whole = (Swift.min(next, Double(limit)) / Double(replicateSize)).rounded(.up)
        * Double(replicateSize)
      n = Swift.min(limit, Int(whole))
    }
  }

  /// The relative half-width of the 95 % interval of the award's mean (1.96 standard errors;
  /// with R replicates, Student's t quantile with R − 1 degrees of freedom)
  /// or percentile (the order statistics at the binomial ranks N·p ± 1.96 √(N p (1 − p)),
  /// located in the award's histogram, within 2^-11).
  static func relativeHalfWidth(_ r: SimulationResult, _ statistic: PrecisionTarget.Statistic)
    -> Double
  {
    let award = r.primary.award
    switch statistic {
    case .mean:
      if award.seMean == 0 { return 0 }
      // from R replicates the standard error has R − 1 degrees of freedom: Student's t
      let z = r.replicates >= 2
        ? (try? Probability.studentTQuantile(0.975, degreesOfFreedom: Double(r.replicates - 1)))
          ?? .infinity
        : 1.959963984540054
      return z * award.seMean / abs(award.mean)
    case let .percentile(p):
      guard let histogram = r.awardHistogram else { return .infinity }
      let n = Double(r.runs)
      let spread = 1.959963984540054 * (n * p * (1 - p)).squareRoot()
      let lo = UInt64(Swift.max(0, (n * p - spread).rounded(.down)))
      let hi = UInt64(Swift.min(n - 1, (n * p + spread).rounded(.up)))
      let located = histogram.locate([lo, hi])
      let a = LogHistogram.interpolate(slot: located[0].slot, offset: located[0].offset,
                                       count: located[0].count, min: award.min, max: award.max)
      let b = LogHistogram.interpolate(slot: located[1].slot, offset: located[1].offset,
                                       count: located[1].count, min: award.min, max: award.max)
      let value = DistributionSummary.percentiles.firstIndex(of: p).map {
        [award.p5, award.p10, award.p25, award.p50, award.p75, award.p90, award.p95, award.p99][$0]
      } ?? (a + b) / 2
      if a == b { return 0 }
      return value == 0 ? .infinity : (b - a) / 2 / abs(value)
    }
  }
}

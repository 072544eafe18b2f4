import DamagesLaw

/// One point of a sweep grid and its simulation.
public struct SweepPoint: Sendable {
  /// The value of each swept path at this point, in the order of the axes.
  public var coordinates: [Double]
  public var result: SimulationResult
}

/// `damages sweep` (docs/scenario-format.md, Sweeps): every grid point simulated with the same seed and run count.
///
/// Common random numbers: run i of every point reads the same point, one uniform per finding
/// and per uncertain fact, and each fact is computed from its own coordinate, so the runs of two
/// points differ only where the swept value changes what the rules do. A monotone rule gives
/// monotone percentiles, point by point, and a probability swept moves nothing it does not
/// govern.
public enum Sweep {
  /// Simulates prepared grid points (each a scenario with the point's values applied).
  /// `progress` receives the number of points done.
  public static func run(
    points: [(coordinates: [Double], scenario: Scenario)], options: SimulationOptions,
    progress: (@Sendable (Int) -> Void)? = nil
  ) throws(SimulationError) -> [SweepPoint] {
    var out: [SweepPoint] = []
    out.reserveCapacity(points.count)
    for (i, point) in points.enumerated() {
      var o = options
      o.progress = nil
      let result = try Simulation.run(point.scenario, options: o)
      out.append(SweepPoint(coordinates: point.coordinates, result: result))
      progress?(i + 1)
    }
    return out
  }

  /// The full grid of the axes: every combination, the first axis varying slowest.
  public static func grid(_ axes: [SweepAxis]) -> [[Double]] {
    axes.reduce([[]]) { partial, axis in
      partial.flatMap { prefix in axis.values.map { prefix + [$0] } }
    }
  }
}

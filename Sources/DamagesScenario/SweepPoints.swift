public import DamagesSimulation
import Foundation

extension ScenarioReader {
  /// The largest sweep grid a scenario may ask for (docs/scenario-format.md, Input rules).
  public static let maxSweepPoints = 10_000

  /// The field a sweep path or a `--set` path names, written as a file writes it
  /// (`liability.defenses[01].success` is `liability.defenses[0].success` with a leading
  /// zero), so that two spellings of one field compare equal; nil for a path that names
  /// nothing a sweep may vary.
  public static func sweepField(_ path: String) -> String? {
    SweepTarget(path: path)?.path
  }

  /// The values of a sweep range `{from, to, steps, scale}` (docs/scenario-format.md, Sweeps): `steps` values from
  /// `from` to `to`, equally spaced or, with `log`, in equal ratios (both ends positive). The
  /// ends are exact, and the values between are rounded to 12 significant digits, so that a
  /// log range from 1,000 to 1,000,000 passes 10,000 and not 9,999.999999999998.
  public static func rangeValues(from: Double, to: Double, steps n: Int, log: Bool) -> [Double] {
    (0..<n).map { k in
      if k == 0 { return from }
      if k == n - 1 { return to }
      let t = Double(k) / Double(n - 1)
      let x = log
        ? Foundation.exp(Foundation.log(from) + (Foundation.log(to) - Foundation.log(from)) * t)
        : from + (to - from) * t
      return Double(String(format: "%.12g", x)) ?? x
    }
  }

  /// Every point of the scenario's sweep grid (docs/scenario-format.md, Sweeps), each as the scenario with the point's
  /// values applied and validated as if written in the file, the first axis varying slowest.
  ///
  /// A grid of more than ``maxSweepPoints`` points is an error on `sweep`; so is a value that
  /// the field does not allow (named `sweep.PATH`). A scenario without a sweep gives one
  /// point with no coordinates.
  public static func sweepPoints(
    of scenario: Scenario, file: String
  ) throws(ScenarioError) -> [(coordinates: [Double], scenario: Scenario)] {
    let grid = Sweep.grid(scenario.sweep)
    guard grid.count <= maxSweepPoints else {
      throw ScenarioError(diagnostics: [ScenarioDiagnostic(
        file: file, field: "sweep",
        message: "the grid has \(grid.count) points; at most 10,000")])
    }
    var points: [(coordinates: [Double], scenario: Scenario)] = []
    points.reserveCapacity(grid.count)
    for coordinates in grid {
      var s = scenario
      for (axis, value) in zip(scenario.sweep, coordinates) {
        s = try setting(axis.path, to: value, in: s, file: file)
      }
      points.append((coordinates, s))
    }
    return points
  }
}

extension ScenarioError {
  /// A simulation error that the scenario is at fault for, located on the field concerned: a
  /// draw that is not a valid amount (`facts.NAME`), or rank correlations that cannot hold
  /// together (`correlations`). Nil for the others (cancellation, internal errors).
  public init?(_ error: SimulationError, file: String) {
    switch error {
    case let .invalidSample(fact, value, distribution):
      self.init(diagnostics: [ScenarioDiagnostic(
        file: file, field: "facts.\(fact)",
        message: "a draw gave \(value) from \(distribution); amounts must be finite and not negative")])
    case let .correlationsConflict(facts):
      self.init(diagnostics: [ScenarioDiagnostic(
        file: file, field: "correlations",
        message: "the rank correlations \(facts.joined(separator: ", ")) cannot hold together (the matrix is not positive definite); weaken one of them")])
    default:
      return nil
    }
  }
}

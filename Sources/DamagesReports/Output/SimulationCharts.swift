public import DamagesSimulation

/// The charts of a simulated award: histogram and S-curve over every run's award (a simulation
/// run with ``SimulationOptions/keepAwards``). Used by `damages run` and `damages serve`.
extension SimulationReport {
  /// Every run's award: the liable runs' awards and a zero for each run without liability.
  public static func allAwards(_ result: SimulationResult) -> [Double] {
    let liable = result.liableAwards ?? []
    return [Double](repeating: 0, count: result.runs - liable.count) + liable.sorted()
  }

  /// Histogram of the award in 40 bins up to its P99, with P5, P50 and P95 marked; `sorted` is
  /// ``allAwards(_:)``.
  public static func histogramChart(_ sorted: [Double], _ r: RouteResult, lang: Language) -> String {
    let top = Swift.max(r.award.p99, r.award.p95, 1)
    let count = 40
    let width = top / Double(count)
    var bins = (0..<count).map { (lower: Double($0) * width, upper: Double($0 + 1) * width, count: 0.0) }
    for x in sorted { bins[Swift.min(Int(x / width), count - 1)].count += 1 }
    return Chart.histogram(
      bins: bins, markers: [("P5", r.award.p5), ("P50", r.award.p50), ("P95", r.award.p95)],
      title: lang.label("判赔总额的分布", "Distribution of the award"),
      xLabel: lang.label("判赔总额（元；超过 P99 者计入末栏）", "Award (yuan; above P99 in the last bar)"),
      yLabel: lang.label("模拟次数", "Runs"))
  }

  /// The cumulative probability of the award at 201 points, with P5, P50 and P95 marked.
  public static func sCurveChart(_ sorted: [Double], _ r: RouteResult, lang: Language) -> String {
    let n = sorted.count
    var points: [(x: Double, p: Double)] = []
    for i in 0...200 {
      let p = Double(i) / 200
      let index = Swift.min(n - 1, Int(p * Double(n - 1)))
      points.append((sorted[index], p))
    }
    return Chart.sCurve(
      points: points, markers: [("P5", r.award.p5), ("P50", r.award.p50), ("P95", r.award.p95)],
      title: lang.label("判赔总额的累积概率", "Cumulative probability of the award"),
      xLabel: lang.label("判赔总额（元）", "Award (yuan)"),
      yLabel: lang.label("累积概率", "Cumulative probability"))
  }
}

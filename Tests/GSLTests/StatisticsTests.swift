import GSL
import Testing

/// The shapes of data a simulation summarises.
enum DataShape: String, CaseIterable, Sendable {
  /// Distinct continuous values.
  case continuous
  /// Few distinct values, each repeated many times.
  case ties
  /// An atom at 0 (70 % zeros, the runs without liability) and a continuous rest.
  case atomAtZero
  /// Negative and positive values, with zeros of both signs.
  case signedZeros

  func data(count: Int, seed: UInt64) -> [Double] {
    var g = SplitMix64(seed: seed)
    return (0..<count).map { _ in
      let u = Double.random(in: 0..<1, using: &g)
      switch self {
      case .continuous: return 1_000 * u * u
      case .ties: return Double(Int.random(in: 0..<5, using: &g)) * 250
      case .atomAtZero: return u < 0.7 ? 0 : 5_000 * Double.random(in: 0..<1, using: &g)
      case .signedZeros:
        switch Int.random(in: 0..<4, using: &g) {
        case 0: return 0
        case 1: return -0.0
        default: return 200 * u - 100
        }
      }
    }
  }
}

@Suite("Statistics: percentiles (docs/simulation.md: h = (N − 1)·p, linear interpolation)")
struct StatisticsTests {
  /// The percentiles of docs/simulation.md, then repeats and an unordered tail.
  static let ps: [Double] = [
    0, 0.05, 0.1, 0.25, 0.5, 0.75, 0.9, 0.95, 0.99, 1,
    0.5, 0.5, 0.99, 0, 1, 0.05, 0.3, 0.123456789, 0.999999,
  ]

  @Test(
    "quantiles(selecting:) is bit-identical to quantile(sorted:) on the sorted copy",
    arguments: [1, 2, 3, 10, 1001, 100_000], DataShape.allCases)
  func selectionMatchesSorted(count: Int, shape: DataShape) {
    let data = shape.data(count: count, seed: UInt64(count) &* 31 &+ UInt64(shape.rawValue.count))
    var sorted = data
    Statistics.sort(&sorted)
    #expect(sorted == data.sorted())
    var work = data
    let selected = Statistics.quantiles(selecting: &work, Self.ps)
    #expect(selected.count == Self.ps.count)
    for (p, value) in zip(Self.ps, selected) {
      let reference = Statistics.quantile(sorted: sorted, p)
      // −0 and +0 are equal, so two correct orderings of the same data may place them
      // differently: with both in the data, only the numeric value is determined.
      let same =
        shape == .signedZeros ? value == reference : value.bitPattern == reference.bitPattern
      #expect(same, "N = \(count), \(shape), p = \(p): selected \(value), sorted \(reference)")
    }
    // Selection only reorders.
    #expect(work.sorted() == data.sorted())
  }

  @Test("a single p, and an empty list of ps")
  func singleAndEmpty() {
    var data = [5.0, 1, 4, 2, 3]
    #expect(Statistics.quantiles(selecting: &data, [0.5]) == [3])
    #expect(Statistics.quantiles(selecting: &data, []) == [])
  }

  /// GSL's formula is (1 − δ)·x[i] + δ·x[i+1] even when δ = 0, which turns −0 into +0 and an
  /// infinite neighbour into NaN; selection must give the same bits.
  @Test("signed zeros and infinities give the same bits as GSL's formula")
  func edgeValues() {
    let data: [Double] = [3, -0.0, .infinity, 1, 2]
    var sorted = data
    Statistics.sort(&sorted)
    for p in [0, 0.25, 0.5, 0.75, 1, 0.1, 0.9] {
      var work = data
      let selected = Statistics.quantiles(selecting: &work, [p])[0]
      let reference = Statistics.quantile(sorted: sorted, p)
      #expect(
        selected.bitPattern == reference.bitPattern,
        "p = \(p): selected \(selected), sorted \(reference)")
    }
  }

  /// np.percentile([3, 1, 4, 1, 5, 9, 2, 6], [0, 10, 25, 50, 75, 90, 100]) with numpy's
  /// default (linear) method: sorted 1 1 2 3 4 5 6 9, h = 7p.
  @Test("agrees with numpy's default percentile on a hand example")
  func numpyExample() {
    let data: [Double] = [3, 1, 4, 1, 5, 9, 2, 6]
    let ps = [0, 0.1, 0.25, 0.5, 0.75, 0.9, 1]
    let expected = [1, 1, 1.75, 3.5, 5.25, 6.9, 9]
    var work = data
    let selected = Statistics.quantiles(selecting: &work, ps)
    let sorted = data.sorted()
    for (i, p) in ps.enumerated() {
      #expect(abs(selected[i] - expected[i]) <= 1e-12, "p = \(p)")
      #expect(abs(Statistics.quantile(sorted: sorted, p) - expected[i]) <= 1e-12, "p = \(p)")
    }
  }

  @Test("select gives the k-th smallest and partitions around it")
  func select() {
    var g = SplitMix64(seed: 5)
    let data = (0..<1_000).map { _ in Double(Int.random(in: 0..<100, using: &g)) }
    let sorted = data.sorted()
    for k in [0, 1, 499, 500, 998, 999] {
      var work = data
      let value = Statistics.select(&work, k: k)
      #expect(value == sorted[k])
      #expect(work[..<k].allSatisfy { $0 <= value } && work[(k + 1)...].allSatisfy { $0 >= value })
    }
  }

  @Test("multiple selection: every wanted rank's order statistic, whatever ranks are asked",
        arguments: [[], [0], [999], [0, 1], [499, 500], [0, 1, 2, 997, 998, 999],
                    [3, 250, 251, 500, 749, 990, 991]])
  func orderStatistics(ranks: [Int]) {
    var g = SplitMix64(seed: 11)
    // many ties, and values in no order
    let data = (0..<1_000).map { _ in Double(Int.random(in: -50..<50, using: &g)) * 0.25 }
    let sorted = data.sorted()
    var work = data
    let values = Statistics.orderStatistics(selecting: &work, ranks: Set(ranks))
    #expect(values.count == Set(ranks).count)
    for k in ranks { #expect(values[k] == sorted[k], "rank \(k)") }
    #expect(work.sorted() == sorted)
  }
}

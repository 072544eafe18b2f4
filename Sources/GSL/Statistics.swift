internal import CGSL

/// Order statistics and quantiles.
public enum Statistics {
  /// The k-th smallest element (0-based) of `data`, found by selection in linear expected
  /// time; `data` is reordered. The corresponding GSL function is gsl_stats_select.
  public static func select(_ data: inout [Double], k: Int) -> Double {
    precondition(k >= 0 && k < data.count)
    return data.withUnsafeMutableBufferPointer { buffer in
      gsl_stats_select(buffer.baseAddress, 1, buffer.count, k)
    }
  }

  /// The p-quantile of sorted data by linear interpolation between order statistics with
  /// h = (N − 1)·p. The corresponding GSL function is gsl_stats_quantile_from_sorted_data.
  public static func quantile(sorted data: [Double], _ p: Double) -> Double {
    precondition(!data.isEmpty)
    return data.withUnsafeBufferPointer { buffer in
      gsl_stats_quantile_from_sorted_data(buffer.baseAddress, 1, buffer.count, p)
    }
  }

  /// Sorts in ascending order (GSL's heapsort). The corresponding GSL function is gsl_sort.
  public static func sort(_ data: inout [Double]) {
    data.withUnsafeMutableBufferPointer { buffer in
      gsl_sort(buffer.baseAddress, 1, buffer.count)
    }
  }

  /// The order statistics of the given 0-based ranks (each below `data.count`): the k-th
  /// smallest value for each k, found by selection. `data` is reordered.
  ///
  /// Multiple selection: the middle wanted rank is selected (gsl_stats_select), which leaves the
  /// range partitioned around it, then the lower wanted ranks on its left and the higher on its
  /// right. Each level of the recursion touches disjoint ranges, so the cost is about
  /// n·log2(ranks) instead of n·ranks.
  public static func orderStatistics(selecting data: inout [Double], ranks: Set<Int>) -> [Int: Double] {
    let n = data.count
    precondition(ranks.allSatisfy { $0 >= 0 && $0 < n }, "rank outside the data")
    var value: [Int: Double] = [:]
    data.withUnsafeMutableBufferPointer { buffer in
      guard let base = buffer.baseAddress else { return }
      func select(_ lo: Int, _ hi: Int, _ ranks: ArraySlice<Int>) {
        guard !ranks.isEmpty else { return }
        let middle = ranks.startIndex + ranks.count / 2
        let k = ranks[middle]
        value[k] = gsl_stats_select(base + lo, 1, hi - lo, k - lo)
        select(lo, k, ranks[ranks.startIndex..<middle])
        select(k + 1, hi, ranks[(middle + 1)...])
      }
      select(0, n, ranks.sorted()[...])
    }
    return value
  }

  /// The p-quantiles of unsorted data, each bit for bit what ``quantile(sorted:_:)`` gives on
  /// the sorted data, found by selection (a tenth of the cost of sorting). `data` is
  /// reordered. Probabilities must lie in [0, 1].
  public static func quantiles(selecting data: inout [Double], _ ps: [Double]) -> [Double] {
    precondition(!data.isEmpty)
    let n = data.count
    // gsl_stats_quantile_from_sorted_data's own steps: index = p·(n − 1), lhs = (int)index,
    // delta = index − lhs; x[lhs] when lhs = n − 1, else (1 − delta)·x[lhs] + delta·x[lhs + 1],
    // even when delta = 0 (which turns −0 into +0, and an infinite neighbour into NaN).
    let positions: [(lo: Int, delta: Double)] = ps.map { p in
      precondition(p >= 0 && p <= 1, "quantile probability outside [0, 1]")
      let index = p * Double(n - 1)
      let lo = Int(index)
      return (lo, index - Double(lo))
    }
    var needed = Set<Int>()
    for (lo, _) in positions {
      needed.insert(lo)
      if lo + 1 < n { needed.insert(lo + 1) }
    }
    let value = orderStatistics(selecting: &data, ranks: needed)
    return positions.map { lo, delta in
      let a = value[lo]!
      guard lo + 1 < n else { return a }
      return (1 - delta) * a + delta * value[lo + 1]!
    }
  }
}

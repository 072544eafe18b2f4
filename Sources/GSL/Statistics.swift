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

  /// The p-quantiles of unsorted data, each exactly as ``quantile(sorted:_:)`` would give on
  /// the sorted data, found by selection (a tenth of the cost of sorting). `data` is
  /// reordered. Probabilities must lie in [0, 1].
  public static func quantiles(selecting data: inout [Double], _ ps: [Double]) -> [Double] {
    precondition(!data.isEmpty)
    let n = data.count
    let positions: [(lo: Int, frac: Double)] = ps.map { p in
      precondition(p >= 0 && p <= 1, "quantile probability outside [0, 1]")
      let h = Double(n - 1) * p
      let lo = Swift.min(Int(h.rounded(.down)), n - 1)
      return (lo, h - Double(lo))
    }
    var needed = Set<Int>()
    for (lo, frac) in positions {
      needed.insert(lo)
      if frac > 0 && lo + 1 < n { needed.insert(lo + 1) }
    }
    // From the highest rank down: after selecting rank k within [0, upper), the k smallest
    // values fill [0, k), so every lower rank can be selected within that prefix.
    var value: [Int: Double] = [:]
    data.withUnsafeMutableBufferPointer { buffer in
      guard let base = buffer.baseAddress else { return }
      var upper = n
      for k in needed.sorted(by: >) {
        value[k] = gsl_stats_select(base, 1, upper, k)
        upper = k
        if upper == 0 { break }
      }
    }
    return positions.map { lo, frac in
      let a = value[lo]!
      guard frac > 0, lo + 1 < n else { return a }
      // gsl_stats_quantile_from_sorted_data's own formula, for bit-identical results
      return (1 - frac) * a + frac * value[lo + 1]!
    }
  }
}

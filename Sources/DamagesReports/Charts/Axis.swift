import Foundation

extension Double {
  /// Whether a chart can place this value: finite and within ±10¹⁵ (a thousand trillion yuan),
  /// so that its labels print as plain digits.
  var isPlottable: Bool { isFinite && abs(self) <= 1e15 }
}

/// A labelled position on an axis.
struct Tick {
  var value: Double
  var label: String
}

/// How tick labels print a value: grouped numbers ("400,000", "2.5") or percentages of a
/// fraction ("20%").
enum TickFormat {
  case number, percent
}

/// A map from data values to pixel positions along one axis, with the ticks to label it.
///
/// The domain and ticks are fixed when the scale is made; the pixel range can be set later,
/// once the chart's margins (which depend on the tick labels) are known.
struct Scale {
  enum Kind { case linear, log }

  var kind: Kind
  var lower: Double
  var upper: Double
  var ticks: [Tick]
  /// The decimals of the tick labels, for labelling other values on this axis alike.
  var decimals: Int
  var format: TickFormat
  /// Pixel positions of `lower` and `upper` (for a vertical axis `start` is the bottom).
  var start = 0.0
  var end = 1.0

  func position(_ value: Double) -> Double {
    let t: Double
    switch kind {
    case .linear: t = (value - lower) / (upper - lower)
    case .log: t = (log10(value) - log10(lower)) / (log10(upper) - log10(lower))
    }
    return start + (t.isFinite ? t : 0) * (end - start)
  }

  /// A value printed the way this axis prints its ticks.
  func label(_ value: Double) -> String {
    switch format {
    case .number: Scale.grouped(value, decimals: decimals)
    case .percent: Scale.grouped(value * 100, decimals: decimals) + "%"
    }
  }

  /// A linear scale over the finite `values`, widened to whole tick steps of 1, 2 or 5 times a
  /// power of ten, with about `count` ticks. Empty or constant data get a range around it, so
  /// that the scale never divides by zero.
  static func linear(
    covering values: [Double], includingZero: Bool = false, count: Int, format: TickFormat = .number
  ) -> Scale {
    var finite = values.filter(\.isPlottable)
    if includingZero { finite.append(0) }
    var lo = finite.min() ?? 0
    var hi = finite.max() ?? 1
    if hi - lo <= max(abs(lo), abs(hi)) * 1e-9 || hi - lo < 1e-9 {
      // a single value: a range around it, kept on its side of zero
      let pad = abs(lo) < 1e-6 ? 1 : abs(lo) * 0.1
      (lo, hi) = (lo - pad, hi + pad)
      if finite.allSatisfy({ $0 >= 0 }) { lo = max(lo, 0) }
    }
    let step = niceStep(hi - lo, count: count)
    let first = (lo / step).rounded(.down)
    let last = (hi / step).rounded(.up)
    let decimals = max(0, -Int(SVG.log10Floor(format == .percent ? step * 100 : step)))
    var scale = Scale(
      kind: .linear, lower: first * step, upper: last * step, ticks: [], decimals: decimals,
      format: format)
    scale.ticks = stride(from: first, through: last, by: 1).map { i in
      // multiply rather than accumulate, and print no "-0"
      let v = i == 0 ? 0 : i * step
      return Tick(value: v, label: scale.label(v))
    }
    return scale
  }

  /// A logarithmic scale over the positive finite `values` (others cannot be placed), with
  /// ticks at 1, 2 and 5 (or 1 to 9, or only 1) times powers of ten, whichever gives a useful
  /// number near `count`.
  static func log(covering values: [Double], count: Int) -> Scale {
    let positive = values.filter { $0.isPlottable && $0 >= 1e-9 }
    var lo = positive.min() ?? 1
    var hi = positive.max() ?? 10
    if hi / lo < 1 + 1e-9 { (lo, hi) = (lo / 2, hi * 2) }
    let firstDecade = Int(SVG.log10Floor(lo))
    let lastDecade = Int(SVG.log10Floor(hi))
    func candidates(_ mantissas: [Double], every: Int = 1) -> [Double] {
      var out: [Double] = []
      for e in stride(from: firstDecade, through: lastDecade, by: every) {
        for m in mantissas {
          let v = m * SVG.pow10(e)
          if v >= lo * (1 - 1e-12), v <= hi * (1 + 1e-12) { out.append(v) }
        }
      }
      return out
    }
    let target = max(count, 2)
    var tickValues = candidates([1])
    if tickValues.count > target {
      tickValues = candidates([1], every: (lastDecade - firstDecade + target) / target)
    } else if tickValues.count < 3 {
      tickValues = candidates([1, 2, 5])
      if tickValues.count < 3 { tickValues = candidates([1, 2, 3, 4, 5, 6, 7, 8, 9]) }
    }
    var scale = Scale(kind: .log, lower: lo, upper: hi, ticks: [], decimals: 0, format: .number)
    scale.ticks = tickValues.map { v in
      Tick(value: v, label: grouped(v, decimals: max(0, -Int(SVG.log10Floor(v)))))
    }
    return scale
  }

  /// The scale with the most ticks (at most `count`) whose labels, each `extent` long along
  /// the axis, fit `length` pixels with a gap between them.
  static func fitted(
    length: Double, count: Int, extent: (String) -> Double, make: (Int) -> Scale
  ) -> Scale {
    var n = max(count, 2)
    while true {
      let scale = make(n)
      let widest = scale.ticks.map { extent($0.label) }.max() ?? 0
      let spacing = length / Double(max(scale.ticks.count - 1, 1))
      if n <= 2 || widest + 10 <= spacing { return scale }
      n -= 1
    }
  }

  /// A tick step of 1, 2 or 5 times a power of ten giving about `count` ticks over `span`.
  static func niceStep(_ span: Double, count: Int) -> Double {
    let raw = span / Double(max(count - 1, 1))
    let power = SVG.pow10(Int(SVG.log10Floor(raw)))
    let fraction = raw / power
    let nice: Double = fraction < 1.5 ? 1 : fraction < 3 ? 2 : fraction < 7 ? 5 : 10
    return nice * power
  }

  /// `x` with `decimals` decimals and the whole part grouped as tables print amounts
  /// ("400,000", "1,234.5", "0.25").
  static func grouped(_ x: Double, decimals: Int) -> String {
    let plain = SVG.fixed(x, decimals: decimals)
    guard !plain.contains("e") else { return plain }
    let negative = plain.hasPrefix("-")
    let digits = negative ? plain.dropFirst() : Substring(plain)
    let parts = digits.split(separator: ".", maxSplits: 1)
    let whole = Amount.grouped(Double(parts[0]) ?? 0)
    return (negative ? "-" : "") + whole + (parts.count > 1 ? "." + parts[1] : "")
  }

  /// The fewest decimals (at most 4) that print every value exactly, for labels of values
  /// the caller chose (sweep steps such as 1.5 or 0.25).
  static func decimals(toShow values: [Double]) -> Int {
    for d in 0...3 {
      let scale = SVG.pow10(d)
      let exact = values.allSatisfy { v in
        !v.isFinite || abs((v * scale).rounded() - v * scale) <= 1e-6 * max(1, abs(v * scale))
      }
      if exact { return d }
    }
    return 4
  }
}

/// Charts for briefs, as SVG documents: histogram, S-curve, tornado, sweep lines and heat map.
///
/// Every chart reads in black and white (black lines, grey fills, dash patterns and point
/// shapes instead of colours), labels may be Chinese, amounts print in whole yuan with digit
/// grouping, and the same input gives the same bytes. Each mark carries a `class` naming what
/// it is (`bar`, `marker`, `series`, `cell`, `axis x`, `tick`, `title`, …), and data marks
/// carry their values in `data-` attributes, so that tests and stylesheets can find them.
///
/// Values that cannot be placed (not finite, or beyond ±10¹⁵) are left out; empty or constant
/// data give an axis around them, and a chart with nothing to draw says so.
public enum Chart {
  /// The size of a chart in pixels (CSS pixels, so 720 × 440 prints about 19 × 12 cm).
  public struct Size: Sendable, Equatable {
    public var width: Double
    public var height: Double

    /// At least 320 × 200, below which the labels cannot fit.
    public init(width: Double, height: Double) {
      self.width = width.isFinite ? min(max(width, 320), 10_000) : 720
      self.height = height.isFinite ? min(max(height, 200), 10_000) : 440
    }

    public static let standard = Size(width: 720, height: 440)
  }

  /// Histogram of an amount with vertical marker lines (e.g. P5, P50, P95), bins given by the
  /// caller. Each bin is a `bar` from `lower` to `upper`; each marker a dashed line labelled
  /// with its label and value above the plot.
  public static func histogram(
    bins: [(lower: Double, upper: Double, count: Double)],
    markers: [(label: String, value: Double)], title: String, xLabel: String, yLabel: String,
    size: Size = .standard
  ) -> String {
    let bins = bins.compactMap { b -> (lower: Double, upper: Double, count: Double)? in
      guard b.lower.isPlottable, b.upper.isPlottable, b.count.isPlottable else { return nil }
      return (min(b.lower, b.upper), max(b.lower, b.upper), max(b.count, 0))
    }
    var plot = Cartesian(
      size: size,
      yScale: { Scale.linear(covering: bins.map(\.count), includingZero: true, count: $0) },
      xScale: {
        Scale.linear(
          covering: bins.flatMap { [$0.lower, $0.upper] } + markers.map(\.value), count: $0)
      },
      markers: markers)
    let bars = bins.map { b in
      let x0 = plot.x.position(b.lower)
      let x1 = plot.x.position(b.upper)
      let y = plot.y.position(b.count)
      let w = max(x1 - x0, 1)
      return SVG.rect(
        "bar", x: (x0 + x1 - w) / 2, y: y, width: w, height: plot.frame.bottom - y,
        style: [("fill", "#c8c8c8"), ("stroke", "#000000"), ("stroke-width", "0.6")],
        extra: [
          ("data-lower", Layout.dataValue(b.lower)), ("data-upper", Layout.dataValue(b.upper)),
          ("data-count", Layout.dataValue(b.count)),
        ])
    }
    plot.body.append(SVG.group("bars", bars))
    if bins.isEmpty { plot.body.append(Layout.noData(frame: plot.frame)) }
    return plot.document(title: title, xLabel: xLabel, yLabel: yLabel)
  }

  /// Cumulative probability (S-curve): points (x, p) with p in [0, 1], ascending x; optional
  /// markers. The curve is one `series`, named by `yLabel`; the y axis prints percentages.
  public static func sCurve(
    points: [(x: Double, p: Double)], markers: [(label: String, value: Double)], title: String,
    xLabel: String, yLabel: String, size: Size = .standard
  ) -> String {
    let points = sortedByX(
      points.filter { $0.x.isPlottable && $0.p.isFinite }.map { ($0.x, min(max($0.p, 0), 1)) })
    var plot = Cartesian(
      size: size, yScale: { Scale.linear(covering: [0, 1], count: $0, format: .percent) },
      xScale: { Scale.linear(covering: points.map(\.x) + markers.map(\.value), count: $0) },
      markers: markers)
    let pixels = points.map { (plot.x.position($0.x), plot.y.position($0.y)) }
    var curve: [SVGElement] = []
    if pixels.count >= 2 {
      curve.append(SVG.path("curve", through: pixels, style: Layout.seriesStyle(0)))
    } else if let only = pixels.first {
      curve.append(Layout.symbol(0, x: only.0, y: only.1))
    }
    plot.body.append(SVG.group("series", [("data-name", yLabel)], curve))
    if points.isEmpty { plot.body.append(Layout.noData(frame: plot.frame)) }
    return plot.document(title: title, xLabel: xLabel, yLabel: yLabel)
  }

  /// Tornado: one horizontal `bar` per input from its `low` to its `high` output, around a
  /// dashed `base` line, rows already sorted by influence (largest first, drawn at the top).
  /// Each bar's ends are labelled with their amounts where they fit.
  public static func tornado(
    rows: [(label: String, low: Double, high: Double)], base: Double, title: String,
    xLabel: String, size: Size = .standard
  ) -> String {
    let (width, height) = (size.width, size.height)
    // labels are never cut: one too long for the margin is set in a smaller font instead
    let labels = rows.map(\.label)
    let left = min(max((labels.map { Layout.width($0) }.max() ?? 0) + 16, 70), width * 0.45)
    let right = width - 28
    let finite = rows.filter { $0.low.isPlottable && $0.high.isPlottable }
    var xScale = Scale.fitted(
      length: right - left, count: Int((right - left) / 90) + 1, extent: { Layout.width($0) },
      make: {
        Scale.linear(covering: finite.flatMap { [$0.low, $0.high] } + [base], count: $0)
      })
    let frame = Layout.Frame(
      left: left, top: 44 + Layout.lineHeight, right: right, bottom: height - 52)
    (xScale.start, xScale.end) = (frame.left, frame.right)

    var body = [Layout.title(title, chartWidth: width)]
    body.append(Layout.verticalGrid(xScale.ticks.map { xScale.position($0.value) }, frame: frame))
    let band = frame.height / Double(max(rows.count, 1))
    let barHeight = min(band * 0.62, 26)
    let font = min(Layout.tickSize, max(band * 0.8, 6))
    var bars: [SVGElement] = []
    var rowLabels: [SVGElement] = []
    func labelFont(_ i: Int) -> Double {
      min(font, Layout.fittedSize(labels[i], size: font, limit: frame.left - 12))
    }
    for (i, row) in rows.enumerated() {
      let centre = frame.top + (Double(i) + 0.5) * band
      rowLabels.append(
        SVG.text(
          "row-label", labels[i], x: frame.left - 8, y: centre + font * 0.35, anchor: .end,
          size: labelFont(i) == Layout.tickSize ? nil : labelFont(i)))
      guard row.low.isPlottable, row.high.isPlottable else { continue }
      let x0 = xScale.position(min(row.low, row.high))
      let x1 = xScale.position(max(row.low, row.high))
      let w = max(x1 - x0, 1)
      var parts = [
        SVG.rect(
          "bar", x: (x0 + x1 - w) / 2, y: centre - barHeight / 2, width: w, height: barHeight,
          style: [("fill", "#bdbdbd"), ("stroke", "#000000"), ("stroke-width", "0.6")],
          extra: [
            ("data-label", row.label), ("data-low", Layout.dataValue(row.low)),
            ("data-high", Layout.dataValue(row.high)),
          ])
      ]
      // the amount at each end: outside the bar where it fits, else inside, else left out
      let ends = [
        (min(row.low, row.high), x0, SVG.Anchor.end, frame.left, -1.0),
        (max(row.low, row.high), x1, SVG.Anchor.start, frame.right, 1.0),
      ]
      for (value, x, anchor, edge, direction) in ends where row.low != row.high || direction > 0 {
        let text = xScale.label(value)
        let needed = Layout.width(text, size: font) + 4
        if abs(edge - x) >= needed {
          parts.append(
            SVG.text(
              "bar-value", text, x: x + direction * 4, y: centre + font * 0.35, anchor: anchor,
              size: font == Layout.tickSize ? nil : font))
        } else if w >= 2 * needed {
          parts.append(
            SVG.text(
              "bar-value", text, x: x - direction * 4, y: centre + font * 0.35,
              anchor: anchor == .end ? .start : .end, size: font == Layout.tickSize ? nil : font))
        }
      }
      bars.append(SVG.group("row", [("data-label", row.label)], parts))
    }
    body.append(SVG.group("bars", bars))
    if base.isPlottable {
      let x = xScale.position(base)
      body.append(
        SVG.group(
          "base", [("data-value", Layout.dataValue(base))],
          [
            SVG.line(
              "base-line", x1: x, y1: frame.top - 4, x2: x, y2: frame.bottom,
              style: [("stroke", "#000000"), ("stroke-width", "1.2"), ("stroke-dasharray", "6 3")]),
            SVG.text("base-label", xScale.label(base), x: x, y: frame.top - 8),
          ]))
    }
    if finite.isEmpty { body.append(Layout.noData(frame: frame)) }
    body.append(Layout.xAxis(Layout.ticks(of: xScale), frame: frame))
    body.append(
      SVG.group(
        "axis y",
        [SVG.line("domain", x1: frame.left, y1: frame.top, x2: frame.left, y2: frame.bottom)]
          + rowLabels))
    body.append(Layout.xLabel(xLabel, frame: frame))
    return SVG.document(width: width, height: height, title: title, body: body)
  }

  /// Lines: one or more series over a swept parameter (x may be log scale), e.g. P5, P50, P95
  /// and mean of the award against the multiplier. Series differ by dash pattern and point
  /// symbol, named in a legend at the right. On a log scale, points with x below 10⁻⁹ (zero or
  /// negative, say) are left out.
  public static func lines(
    series: [(name: String, points: [(x: Double, y: Double)])], logX: Bool, title: String,
    xLabel: String, yLabel: String, size: Size = .standard
  ) -> String {
    let cleaned = series.map { s in
      sortedByX(s.points.filter { $0.x.isPlottable && $0.y.isPlottable && (!logX || $0.x >= 1e-9) })
    }
    let all = cleaned.flatMap { $0 }
    let legendWidth = Layout.legendWidth(series.map(\.name), chartWidth: size.width)
    var plot = Cartesian(
      size: size, yScale: { Scale.linear(covering: all.map(\.y), includingZero: true, count: $0) },
      xScale: { count in
        logX
          ? Scale.log(covering: all.map(\.x), count: count)
          : Scale.linear(covering: all.map(\.x), count: count)
      },
      markers: [], rightReserve: legendWidth + 12)
    var drawn: [SVGElement] = []
    for (i, s) in series.enumerated() {
      let pixels = cleaned[i].map { (plot.x.position($0.x), plot.y.position($0.y)) }
      var parts: [SVGElement] = []
      if pixels.count >= 2 {
        parts.append(SVG.path("line", through: pixels, style: Layout.seriesStyle(i)))
      }
      if pixels.count <= 40 { parts += pixels.map { Layout.symbol(i, x: $0.0, y: $0.1) } }
      drawn.append(SVG.group("series", [("data-name", s.name)], parts))
    }
    plot.body.append(SVG.group("lines", drawn))
    plot.body.append(
      Layout.legend(
        series.map(\.name), x: plot.frame.right + 16, top: plot.frame.top, width: legendWidth))
    if all.isEmpty { plot.body.append(Layout.noData(frame: plot.frame)) }
    return plot.document(title: title, xLabel: xLabel, yLabel: yLabel)
  }

  /// Heat map over a 2-D sweep: `z[i][j]` for y value `i` and x value `j`, in a grey ramp from
  /// light (low) to dark (high) with a legend, the first y value at the bottom. Cell values
  /// are printed when the grid is at most 12 × 12. Cells with no value that can be placed
  /// (missing, not finite) are white, marked "–".
  public static func heatMap(
    xValues: [Double], yValues: [Double], z: [[Double]], title: String, xLabel: String,
    yLabel: String, zLabel: String, size: Size = .standard
  ) -> String {
    let (width, height) = (size.width, size.height)
    let (nx, ny) = (xValues.count, yValues.count)
    func value(_ i: Int, _ j: Int) -> Double? {
      guard i < z.count, j < z[i].count, z[i][j].isPlottable else { return nil }
      return z[i][j]
    }
    let finite = (0..<ny).flatMap { i in (0..<nx).compactMap { j in value(i, j) } }

    let yDecimals = Scale.decimals(toShow: yValues)
    let yLabels = yValues.map { Scale.grouped($0, decimals: yDecimals) }
    let xDecimals = Scale.decimals(toShow: xValues)
    let xLabels = xValues.map { Scale.grouped($0, decimals: xDecimals) }

    let frameTop = 44.0
    let frameBottom = height - 52
    var zScale = Scale.fitted(
      length: frameBottom - frameTop, count: 6, extent: { _ in Layout.lineHeight },
      make: { Scale.linear(covering: finite, count: $0) })
    let zWidest = zScale.ticks.map { Layout.width($0.label) }.max() ?? 0
    let legendWidth = 14 + 8 + zWidest + 10 + Layout.lineHeight + 8
    let frame = Layout.Frame(
      left: Layout.leftMargin(tickLabels: yLabels), top: frameTop,
      right: width - legendWidth - 16, bottom: frameBottom)
    (zScale.start, zScale.end) = (frame.bottom, frame.top)

    let cellWidth = frame.width / Double(max(nx, 1))
    let cellHeight = frame.height / Double(max(ny, 1))
    let zRange = zScale.upper - zScale.lower
    func level(_ v: Double) -> Double { 0.95 - 0.85 * (v - zScale.lower) / zRange }
    let printValues = nx <= 12 && ny <= 12
    let valueDecimals = zRange >= 100 ? 0 : min(zScale.decimals + 1, 4)

    var cells: [SVGElement] = []
    for i in 0..<ny {
      for j in 0..<nx {
        let x = frame.left + Double(j) * cellWidth
        let y = frame.bottom - Double(i + 1) * cellHeight
        let v = value(i, j)
        var extra = [
          ("data-x", Layout.dataValue(xValues[j])), ("data-y", Layout.dataValue(yValues[i])),
        ]
        if let v { extra.append(("data-z", Layout.dataValue(v))) }
        let grey = v.map(level) ?? 1
        cells.append(
          SVG.rect(
            v == nil ? "cell missing" : "cell", x: x, y: y, width: cellWidth, height: cellHeight,
            style: [("fill", Grey.hex(grey)), ("stroke", "#ffffff"), ("stroke-width", "1")],
            extra: extra))
        guard printValues else { continue }
        let text = v.map { Scale.grouped($0, decimals: valueDecimals) } ?? "–"
        let font = Layout.fittedSize(text, size: Layout.tickSize, limit: cellWidth - 4)
        cells.append(
          SVG.text(
            "cell-label", text, x: x + cellWidth / 2, y: y + cellHeight / 2 + font * 0.35,
            size: font == Layout.tickSize ? nil : font, fill: grey < 0.5 ? "#ffffff" : "#000000"))
      }
    }
    if nx > 0, ny > 0 {
      cells.append(
        SVG.rect(
          "cell-border", x: frame.left, y: frame.top, width: frame.width, height: frame.height,
          style: [("fill", "none"), ("stroke", "#000000"), ("stroke-width", "0.6")]))
    }

    // label every k-th column and row, so that the labels do not run into each other
    let xWidest = xLabels.map { Layout.width($0) }.max() ?? 0
    let xEvery = max(1, Int(((xWidest + 8) / max(cellWidth, 1)).rounded(.up)))
    let yEvery = max(1, Int((Layout.lineHeight / max(cellHeight, 1)).rounded(.up)))
    let xTicks = stride(from: 0, to: nx, by: xEvery).map {
      (frame.left + (Double($0) + 0.5) * cellWidth, xLabels[$0])
    }
    let yTicks = stride(from: 0, to: ny, by: yEvery).map {
      (frame.bottom - (Double($0) + 0.5) * cellHeight, yLabels[$0])
    }

    var body = [Layout.title(title, chartWidth: width), SVG.group("cells", cells)]
    if finite.isEmpty { body.append(Layout.noData(frame: frame)) }
    body.append(Layout.xAxis(xTicks, frame: frame))
    body.append(Layout.yAxis(yTicks, frame: frame))
    body.append(Layout.xLabel(xLabel, frame: frame))
    body.append(Layout.yLabel(yLabel, frame: frame, x: 8 + Layout.lineHeight))
    body.append(heatLegend(zScale, zLabel: zLabel, x: frame.right + 16, frame: frame, level: level))
    return SVG.document(width: width, height: height, title: title, body: body)
  }

  /// The heat map's legend: the grey ramp as a bar with ticks, and the z title beside it.
  private static func heatLegend(
    _ scale: Scale, zLabel: String, x: Double, frame: Layout.Frame, level: (Double) -> Double
  ) -> SVGElement {
    let gradient = SVGElement(
      "defs",
      children: [
        SVGElement(
          "linearGradient",
          [("id", "heat-ramp"), ("x1", "0"), ("y1", "1"), ("x2", "0"), ("y2", "0")],
          children: [
            SVGElement("stop", [("offset", "0"), ("stop-color", Grey.hex(level(scale.lower)))]),
            SVGElement("stop", [("offset", "1"), ("stop-color", Grey.hex(level(scale.upper)))]),
          ])
      ])
    var children = [
      gradient,
      SVG.rect(
        "legend-ramp", x: x, y: frame.top, width: 14, height: frame.height,
        style: [("fill", "url(#heat-ramp)"), ("stroke", "#000000"), ("stroke-width", "0.6")]),
    ]
    for tick in scale.ticks {
      let y = scale.position(tick.value)
      children.append(SVG.line("tick legend", x1: x + 14, y1: y, x2: x + 18, y2: y))
      children.append(SVG.text("tick-label", tick.label, x: x + 21, y: y + 4, anchor: .start))
    }
    let widest = scale.ticks.map { Layout.width($0.label) }.max() ?? 0
    let size = Layout.fittedSize(zLabel, size: Layout.labelSize, limit: frame.height + 20)
    children.append(
      SVG.text(
        "z-label", zLabel, x: x + 21 + widest + 8 + Layout.lineHeight - 3,
        y: (frame.top + frame.bottom) / 2, size: size, rotated: true))
    return SVG.group("legend", children)
  }

  /// Points ordered by x, ties in the caller's order.
  private static func sortedByX(_ points: [(x: Double, y: Double)]) -> [(x: Double, y: Double)] {
    points.enumerated().sorted { ($0.element.x, $0.offset) < ($1.element.x, $1.offset) }
      .map(\.element)
  }
}

/// The layout of a chart with a numeric x axis at the bottom and a numeric y axis at the left:
/// scales fitted to the space their labels leave, marker labels stacked above the plot.
private struct Cartesian {
  var size: Chart.Size
  var x: Scale
  var y: Scale
  var frame: Layout.Frame
  var markers: [Layout.PlacedMarker]
  /// The chart's own marks, drawn over the grid and under the axes.
  var body: [SVGElement] = []

  init(
    size: Chart.Size, yScale: (Int) -> Scale, xScale: (Int) -> Scale,
    markers: [(label: String, value: Double)], rightReserve: Double = 28
  ) {
    self.size = size
    let roughHeight = size.height - 110
    var y = Scale.fitted(
      length: roughHeight, count: Int(roughHeight / 45) + 1, extent: { _ in Layout.lineHeight },
      make: yScale)
    let left = Layout.leftMargin(tickLabels: y.ticks.map(\.label))
    let right = size.width - rightReserve
    var x = Scale.fitted(
      length: right - left, count: Int((right - left) / 90) + 1, extent: { Layout.width($0) },
      make: xScale)
    (x.start, x.end) = (left, right)
    self.markers = Layout.placeMarkers(markers, scale: x)
    let top = 44 + Double(Layout.markerLevels(self.markers)) * Layout.lineHeight
    frame = Layout.Frame(left: left, top: top, right: right, bottom: size.height - 52)
    (y.start, y.end) = (frame.bottom, frame.top)
    self.x = x
    self.y = y
  }

  /// The finished document: title, grid, the chart's marks, markers, axes and axis titles.
  func document(title: String, xLabel: String, yLabel: String) -> String {
    var all = [
      Layout.title(title, chartWidth: size.width),
      Layout.horizontalGrid(y.ticks.map { y.position($0.value) }, frame: frame),
    ]
    all += body
    if !markers.isEmpty {
      all.append(Layout.markers(markers, frame: frame, chartWidth: size.width))
    }
    all.append(Layout.xAxis(Layout.ticks(of: x), frame: frame))
    all.append(Layout.yAxis(Layout.ticks(of: y), frame: frame))
    all.append(Layout.xLabel(xLabel, frame: frame))
    all.append(Layout.yLabel(yLabel, frame: frame, x: 8 + Layout.lineHeight))
    return SVG.document(width: size.width, height: size.height, title: title, body: all)
  }
}

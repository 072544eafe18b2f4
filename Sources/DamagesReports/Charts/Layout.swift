/// The pieces every chart kind shares: text measures, the plot frame, axes, titles, markers
/// and the legend, drawn in black and greys so that a chart prints in black and white.
enum Layout {
  static let titleSize = 16.0
  static let labelSize = 12.0
  static let tickSize = 11.0
  /// The space a line of tick labels or a marker label takes across.
  static let lineHeight = 14.0

  /// Dash patterns that tell lines apart without colour, solid first.
  static let seriesDashes = ["", "8 4", "2 3", "10 3 2 3", "5 2", "1 2"]
  static let markerDashes = ["6 3", "2 2", "10 3 2 3", "4 2 1 2"]

  /// Estimated width of `text` at `size`: Chinese characters count as two columns.
  static func width(_ text: String, size: Double = tickSize) -> Double {
    Double(TextTable.displayWidth(text)) * size * 0.56
  }

  /// `text`, shortened with an ellipsis to fit `limit` pixels at `size`.
  static func truncated(_ text: String, toFit limit: Double, size: Double = tickSize) -> String {
    guard width(text, size: size) > limit else { return text }
    var kept = text
    while !kept.isEmpty, width(kept + "…", size: size) > limit { kept.removeLast() }
    return kept + "…"
  }

  /// A font size no larger than `size` at which `text` fits `limit` pixels.
  static func fittedSize(_ text: String, size: Double, limit: Double) -> Double {
    let needed = width(text, size: size)
    return needed <= limit ? size : max(7, size * limit / needed)
  }

  /// The plot area, in pixels from the top left.
  struct Frame {
    var left: Double
    var top: Double
    var right: Double
    var bottom: Double
    var width: Double { right - left }
    var height: Double { bottom - top }
  }

  /// The chart title, centred at the top.
  static func title(_ text: String, chartWidth: Double) -> SVGElement {
    let size = fittedSize(text, size: titleSize, limit: chartWidth - 20)
    return SVG.text("title", text, x: chartWidth / 2, y: 24, size: size, weight: "bold")
  }

  /// The x-axis title, centred under the tick labels.
  static func xLabel(_ text: String, frame: Frame) -> SVGElement {
    let size = fittedSize(text, size: labelSize, limit: frame.width + 40)
    return SVG.text(
      "x-label", text, x: (frame.left + frame.right) / 2, y: frame.bottom + 38, size: size)
  }

  /// The y-axis title, turned a quarter and centred beside the plot at `x`.
  static func yLabel(_ text: String, frame: Frame, x: Double) -> SVGElement {
    let size = fittedSize(text, size: labelSize, limit: frame.height + 20)
    return SVG.text(
      "y-label", text, x: x, y: (frame.top + frame.bottom) / 2, size: size, rotated: true)
  }

  /// The horizontal axis along the bottom of the frame, its ticks and their labels.
  static func xAxis(_ ticks: [(position: Double, label: String)], frame: Frame) -> SVGElement {
    var children = [
      SVG.line("domain", x1: frame.left, y1: frame.bottom, x2: frame.right, y2: frame.bottom)
    ]
    for tick in ticks {
      children.append(
        SVG.line(
          "tick", x1: tick.position, y1: frame.bottom, x2: tick.position, y2: frame.bottom + 5))
      children.append(
        SVG.text("tick-label", tick.label, x: tick.position, y: frame.bottom + 17))
    }
    return SVG.group("axis x", children)
  }

  /// The vertical axis along the left of the frame, its ticks and their labels.
  static func yAxis(_ ticks: [(position: Double, label: String)], frame: Frame) -> SVGElement {
    var children = [
      SVG.line("domain", x1: frame.left, y1: frame.top, x2: frame.left, y2: frame.bottom)
    ]
    for tick in ticks {
      children.append(
        SVG.line(
          "tick", x1: frame.left - 5, y1: tick.position, x2: frame.left, y2: tick.position))
      children.append(
        SVG.text(
          "tick-label", tick.label, x: frame.left - 8, y: tick.position + 4, anchor: .end))
    }
    return SVG.group("axis y", children)
  }

  static func ticks(of scale: Scale) -> [(position: Double, label: String)] {
    scale.ticks.map { (scale.position($0.value), $0.label) }
  }

  /// Light lines across the plot at the given heights, to read values off.
  static func horizontalGrid(_ positions: [Double], frame: Frame) -> SVGElement {
    SVG.group(
      "grid",
      positions.map {
        SVG.line(
          "grid-line", x1: frame.left, y1: $0, x2: frame.right, y2: $0,
          style: [("stroke", "#dddddd"), ("stroke-width", "0.8")])
      })
  }

  /// Light lines down the plot at the given positions.
  static func verticalGrid(_ positions: [Double], frame: Frame) -> SVGElement {
    SVG.group(
      "grid",
      positions.map {
        SVG.line(
          "grid-line", x1: $0, y1: frame.top, x2: $0, y2: frame.bottom,
          style: [("stroke", "#dddddd"), ("stroke-width", "0.8")])
      })
  }

  /// The note shown in place of data when there is none to draw.
  static func noData(frame: Frame) -> SVGElement {
    SVG.text(
      "no-data", "无数据 No data", x: (frame.left + frame.right) / 2,
      y: (frame.top + frame.bottom) / 2, size: labelSize, fill: "#555555")
  }

  /// The left margin that holds y tick labels of these widths and the turned y title.
  static func leftMargin(tickLabels: [String]) -> Double {
    let widest = tickLabels.map { width($0) }.max() ?? 0
    return 8 + lineHeight + 8 + widest + 8
  }

  // MARK: Markers

  /// A marker placed along the x axis: its label, the value and its pixel position.
  struct PlacedMarker {
    var label: String
    var value: Double
    var x: Double
    var text: String
    var level: Int
  }

  /// The markers whose values can be placed, positioned, with their labels ("P50 120,000")
  /// stacked in rows above the plot so that neighbouring labels do not overlap.
  static func placeMarkers(
    _ markers: [(label: String, value: Double)], scale: Scale, maxLevels: Int = 6
  ) -> [PlacedMarker] {
    let finite = markers.filter { $0.value.isPlottable }
    var placed = finite.map { m in
      let text = m.label.isEmpty ? scale.label(m.value) : m.label + " " + scale.label(m.value)
      return PlacedMarker(
        label: m.label, value: m.value, x: scale.position(m.value), text: text, level: 0)
    }
    // assign rows in order of position; ties keep the caller's order
    let order = placed.indices.sorted { (placed[$0].x, $0) < (placed[$1].x, $1) }
    var rightEdges: [Double] = []
    for i in order {
      let half = width(placed[i].text) / 2
      if let free = rightEdges.firstIndex(where: { $0 + 6 <= placed[i].x - half }) {
        placed[i].level = free
        rightEdges[free] = placed[i].x + half
      } else if rightEdges.count < maxLevels {
        placed[i].level = rightEdges.count
        rightEdges.append(placed[i].x + half)
      } else {
        let least = rightEdges.indices.min { rightEdges[$0] < rightEdges[$1] } ?? 0
        placed[i].level = least
        rightEdges[least] = placed[i].x + half
      }
    }
    return placed
  }

  /// The rows of marker labels the placed markers need.
  static func markerLevels(_ placed: [PlacedMarker]) -> Int {
    (placed.map(\.level).max() ?? -1) + 1
  }

  /// Each marker as a dashed vertical line from the x axis up to its label above the plot.
  /// The labels come after all the lines, each on a white box, so that the line of a higher
  /// marker does not cross out a lower marker's label.
  static func markers(_ placed: [PlacedMarker], frame: Frame, chartWidth: Double) -> SVGElement {
    var lines: [SVGElement] = []
    var labels: [SVGElement] = []
    for (i, m) in placed.enumerated() {
      let baseline = frame.top - 6 - Double(m.level) * lineHeight
      let half = width(m.text) / 2
      lines.append(
        SVG.group(
          "marker", [("data-label", m.label), ("data-value", dataValue(m.value))],
          [
            SVG.line(
              "marker-line", x1: m.x, y1: frame.bottom, x2: m.x, y2: baseline + 3,
              style: [
                ("stroke", "#000000"), ("stroke-width", "1.2"),
                ("stroke-dasharray", markerDashes[i % markerDashes.count]),
              ])
          ]))
      let centre = min(max(m.x, half + 2), chartWidth - half - 2)
      labels.append(
        SVG.rect(
          "marker-label-box", x: centre - half - 2, y: baseline - 10, width: 2 * half + 4,
          height: 13, style: [("fill", "#ffffff"), ("stroke", "none")]))
      labels.append(
        SVG.text("marker-label", m.text, x: centre, y: baseline, extra: [("data-label", m.label)]))
    }
    return SVG.group("markers", lines + [SVG.group("marker-labels", labels)])
  }

  // MARK: Series styles and legend

  /// The point symbol of series `index`: shapes and fills that differ in black and white. The
  /// symbols shift by one each time the dash patterns come round again, so that no two of
  /// the first 36 series look alike.
  static func symbol(_ index: Int, x: Double, y: Double) -> SVGElement {
    let r = 3.2
    let filled = [("fill", "#000000"), ("stroke", "#000000")]
    let open = [("fill", "#ffffff"), ("stroke", "#000000"), ("stroke-width", "1.2")]
    switch (index + index / seriesDashes.count) % 6 {
    case 0:
      return SVGElement(
        "circle",
        [("class", "point"), ("cx", SVG.number(x)), ("cy", SVG.number(y)), ("r", "3")]
          + filled)
    case 1:
      return SVG.rect("point", x: x - r, y: y - r, width: 2 * r, height: 2 * r, style: open)
    case 2:
      return polygon([(x, y - r - 0.8), (x + r + 0.6, y + r), (x - r - 0.6, y + r)], open)
    case 3:
      return polygon(
        [(x, y - r - 0.8), (x + r + 0.8, y), (x, y + r + 0.8), (x - r - 0.8, y)], filled)
    case 4:
      return SVGElement(
        "circle",
        [("class", "point"), ("cx", SVG.number(x)), ("cy", SVG.number(y)), ("r", "3")]
          + open)
    default:
      return SVG.rect("point", x: x - r, y: y - r, width: 2 * r, height: 2 * r, style: filled)
    }
  }

  private static func polygon(
    _ points: [(Double, Double)], _ style: [(name: String, value: String)]
  ) -> SVGElement {
    let list = points.map { "\(SVG.number($0.0)),\(SVG.number($0.1))" }.joined(separator: " ")
    return SVGElement("polygon", [("class", "point"), ("points", list)] + style)
  }

  static func seriesStyle(_ index: Int) -> [(name: String, value: String)] {
    var style = [("fill", "none"), ("stroke", "#000000"), ("stroke-width", "1.6")]
    let dash = seriesDashes[index % seriesDashes.count]
    if !dash.isEmpty { style.append(("stroke-dasharray", dash)) }
    return style
  }

  /// The width a legend of these names takes to the right of the plot.
  static func legendWidth(_ names: [String], chartWidth: Double) -> Double {
    let widest = names.map { width($0) }.max() ?? 0
    return min(max(widest + 52, 90), chartWidth * 0.3)
  }

  /// One entry a line for each series: its line sample, symbol and name.
  static func legend(_ names: [String], x: Double, top: Double, width legendWidth: Double)
    -> SVGElement
  {
    SVG.group(
      "legend",
      names.enumerated().map { i, name in
        let y = top + 8 + Double(i) * 18
        return SVG.group(
          "legend-entry", [("data-name", name)],
          [
            SVGElement(
              "line",
              [
                ("class", "legend-line"), ("x1", SVG.number(x)), ("y1", SVG.number(y)),
                ("x2", SVG.number(x + 28)), ("y2", SVG.number(y)),
              ] + seriesStyle(i)),
            symbol(i, x: x + 14, y: y),
            SVG.text(
              "legend-label", truncated(name, toFit: legendWidth - 44), x: x + 34, y: y + 4,
              anchor: .start),
          ])
      })
  }

  /// Data values in `data-` attributes: up to six decimals, no trailing zeros.
  static func dataValue(_ x: Double) -> String { SVG.fixed(x, decimals: 6, trim: true) }
}

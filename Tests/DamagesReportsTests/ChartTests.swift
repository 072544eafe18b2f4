import DamagesReports
import Foundation
import Testing

#if canImport(FoundationXML)
  import FoundationXML
#endif

/// An SVG document read back with XMLParser: its elements in document order, each with its
/// attributes and own text. Nil when the document is not well-formed XML.
final class ParsedSVG: NSObject, XMLParserDelegate {
  struct Element {
    var name: String
    var attributes: [String: String]
    var text = ""
    var classes: Set<Substring> { Set((attributes["class"] ?? "").split(separator: " ")) }
  }

  private(set) var elements: [Element] = []
  private var open: [Int] = []

  static func parse(_ svg: String) -> ParsedSVG? {
    let result = ParsedSVG()
    let parser = XMLParser(data: Data(svg.utf8))
    parser.delegate = result
    return parser.parse() ? result : nil
  }

  func parser(
    _ parser: XMLParser, didStartElement name: String, namespaceURI: String?,
    qualifiedName: String?, attributes: [String: String] = [:]
  ) {
    open.append(elements.count)
    elements.append(Element(name: name, attributes: attributes))
  }

  func parser(
    _ parser: XMLParser, didEndElement name: String, namespaceURI: String?, qualifiedName: String?
  ) {
    open.removeLast()
  }

  func parser(_ parser: XMLParser, foundCharacters string: String) {
    if let last = open.last { elements[last].text += string }
  }

  /// The elements whose `class` holds every one of `tokens`.
  func marks(_ tokens: String...) -> [Element] {
    elements.filter { e in tokens.allSatisfy { e.classes.contains(Substring($0)) } }
  }

  /// The texts of the elements of a class, in document order.
  func texts(_ tokens: String...) -> [String] {
    elements.filter { e in tokens.allSatisfy { e.classes.contains(Substring($0)) } }.map(\.text)
  }

  /// The tick labels of the axis with this class (`x` or `y`), in document order.
  func tickLabels(_ axis: String) -> [String] {
    var labels: [String] = []
    var inside = false
    for e in elements {
      if e.name == "g" {
        inside = e.classes.contains("axis") && e.classes.contains(Substring(axis))
      }
      if inside, e.classes.contains("tick-label") { labels.append(e.text) }
    }
    return labels
  }
}

/// Attributes that must hold numbers (coordinates, sizes and data values).
private let numericAttributes: Set<String> = [
  "x", "y", "x1", "y1", "x2", "y2", "cx", "cy", "r", "width", "height", "font-size",
  "data-value", "data-lower", "data-upper", "data-count", "data-low", "data-high", "data-x",
  "data-y", "data-z",
]

/// Parses `svg` and checks what every chart shares: well-formed XML with an `<svg>` root of
/// the default size, the title, finite numbers only, and the axis titles where given.
func checkedChart(
  _ svg: String, title: String, xLabel: String? = nil, yLabel: String? = nil,
  sourceLocation: SourceLocation = #_sourceLocation
) throws -> ParsedSVG {
  let parsed = try #require(
    ParsedSVG.parse(svg), "not well-formed XML", sourceLocation: sourceLocation)
  let root = try #require(parsed.elements.first, sourceLocation: sourceLocation)
  #expect(root.name == "svg", sourceLocation: sourceLocation)
  #expect(
    root.attributes["width"] == "720" && root.attributes["height"] == "440",
    sourceLocation: sourceLocation)
  #expect(
    root.attributes["font-family"]?.contains("Noto Sans CJK SC") == true,
    sourceLocation: sourceLocation)
  #expect(parsed.texts("title") == [title], sourceLocation: sourceLocation)
  if let xLabel { #expect(parsed.texts("x-label") == [xLabel], sourceLocation: sourceLocation) }
  if let yLabel { #expect(parsed.texts("y-label") == [yLabel], sourceLocation: sourceLocation) }
  let words = Set(svg.lowercased().split { !$0.isLetter }.map(String.init))
  #expect(words.isDisjoint(with: ["nan", "inf", "infinity"]), sourceLocation: sourceLocation)
  for element in parsed.elements {
    for (name, value) in element.attributes where numericAttributes.contains(name) {
      #expect(
        Double(value)?.isFinite == true, "\(element.name) \(name)=\"\(value)\"",
        sourceLocation: sourceLocation)
    }
  }
  return parsed
}

/// A right-skewed award distribution in yuan, 0 to 400,000, as the simulation gives it.
let awardBins: [(lower: Double, upper: Double, count: Double)] = (0..<20).map { i in
  let lower = Double(i) * 20_000
  let centre = lower + 10_000
  return (lower, lower + 20_000, (30_000 * centre / 1e5 * exp(-centre / 6e4)).rounded())
}
let percentileMarkers: [(label: String, value: Double)] = [
  ("P5", 21_350), ("P50", 98_400), ("P95", 287_000),
]
let awardLabel = "判赔总额 Award (yuan)"

@Suite("Charts: SVG for briefs")
struct ChartTests {
  @Test("Histogram: one bar per bin, one marker per percentile, grouped yuan on the x axis")
  func histogram() throws {
    let make = {
      Chart.histogram(
        bins: awardBins, markers: percentileMarkers, title: "判赔总额分布 Distribution of the award",
        xLabel: awardLabel, yLabel: "模拟次数 Runs")
    }
    let svg = make()
    let parsed = try checkedChart(
      svg, title: "判赔总额分布 Distribution of the award", xLabel: awardLabel, yLabel: "模拟次数 Runs")
    #expect(parsed.marks("axis", "x").count == 1)
    #expect(parsed.marks("axis", "y").count == 1)
    #expect(parsed.marks("bar").count == 20)
    let markers = parsed.marks("marker")
    #expect(markers.map { $0.attributes["data-label"] } == ["P5", "P50", "P95"])
    #expect(parsed.texts("marker-label") == ["P5 21,350", "P50 98,400", "P95 287,000"])
    #expect(parsed.tickLabels("x").first == "0")
    #expect(parsed.tickLabels("x").contains("100,000"))
    #expect(parsed.tickLabels("x").last == "400,000")
    #expect(parsed.tickLabels("y").count >= 3)
    #expect(make() == svg)
  }

  @Test("S-curve: one series, percentages on the y axis, markers")
  func sCurve() throws {
    var cumulative = 0.0
    let total = awardBins.map(\.count).reduce(0, +)
    let points = awardBins.map { bin -> (x: Double, p: Double) in
      cumulative += bin.count
      return (bin.upper, cumulative / total)
    }
    let make = {
      Chart.sCurve(
        points: [(0, 0)] + points, markers: percentileMarkers, title: "累积概率 Cumulative probability",
        xLabel: awardLabel, yLabel: "不超过该金额的概率 P(award ≤ x)")
    }
    let svg = make()
    let parsed = try checkedChart(
      svg, title: "累积概率 Cumulative probability", xLabel: awardLabel,
      yLabel: "不超过该金额的概率 P(award ≤ x)")
    #expect(parsed.marks("axis", "x").count == 1)
    #expect(parsed.marks("axis", "y").count == 1)
    #expect(parsed.marks("series").count == 1)
    #expect(parsed.marks("marker").count == 3)
    #expect(parsed.tickLabels("y").first == "0%")
    #expect(parsed.tickLabels("y").last == "100%")
    #expect(make() == svg)
  }

  @Test("Tornado: one bar per input, the base line, the row labels in order")
  func tornado() throws {
    let rows: [(label: String, low: Double, high: Double)] = [
      ("惩罚性赔偿倍数 Punitive multiplier", 80_000, 310_000),
      ("许可使用费 License fee", 120_000, 240_000),
      ("侵权获利 Illegal gains", 150_000, 205_000),
      ("合理开支 Expenses", 168_000, 182_000),
      ("精神损害 Mental distress", 175_000, 175_000),
    ]
    let make = {
      Chart.tornado(
        rows: rows, base: 175_000, title: "敏感性分析 Sensitivity (P50)", xLabel: awardLabel)
    }
    let svg = make()
    let parsed = try checkedChart(svg, title: "敏感性分析 Sensitivity (P50)", xLabel: awardLabel)
    #expect(parsed.marks("axis", "x").count == 1)
    #expect(parsed.marks("axis", "y").count == 1)
    let bars = parsed.marks("bar")
    #expect(bars.count == 5)
    #expect(bars.map { $0.attributes["data-label"] ?? "" } == rows.map(\.label))
    #expect(bars.last?.attributes["data-low"] == "175000")
    #expect(parsed.texts("row-label") == rows.map(\.label))
    #expect(parsed.marks("base").first?.attributes["data-value"] == "175000")
    #expect(parsed.texts("bar-value").contains("310,000"))
    #expect(make() == svg)
  }

  @Test(
    "Lines: one series per name, in the legend too, on linear and log x axes",
    arguments: [false, true])
  func lines(logX: Bool) throws {
    let multipliers: [Double] = [1, 1.5, 2, 3, 4, 5]
    let series: [(name: String, points: [(x: Double, y: Double)])] = [
      ("P5", multipliers.map { ($0, 20_000 * $0) }),
      ("P50 中位数", multipliers.map { ($0, 60_000 * $0) }),
      ("P95", multipliers.map { ($0, 75_000 * $0) }),
      ("均值 Mean", multipliers.map { ($0, 65_000 * $0) }),
    ]
    let make = {
      Chart.lines(
        series: series, logX: logX, title: "惩罚性赔偿倍数 Punitive multiplier sweep",
        xLabel: "倍数 Multiplier", yLabel: awardLabel)
    }
    let svg = make()
    let parsed = try checkedChart(
      svg, title: "惩罚性赔偿倍数 Punitive multiplier sweep", xLabel: "倍数 Multiplier",
      yLabel: awardLabel)
    #expect(parsed.marks("axis", "x").count == 1)
    #expect(parsed.marks("axis", "y").count == 1)
    #expect(parsed.marks("series").map { $0.attributes["data-name"] ?? "" } == series.map(\.name))
    #expect(parsed.marks("legend-entry").count == 4)
    #expect(parsed.tickLabels("y").last == "400,000")
    if logX {
      #expect(parsed.tickLabels("x") == ["1", "2", "5"])
    } else {
      #expect(parsed.tickLabels("x").contains("1.5") || parsed.tickLabels("x").contains("2"))
    }
    #expect(make() == svg)
  }

  @Test("Heat map: one cell per grid point, values printed up to 12 × 12, a legend")
  func heatMap() throws {
    let xs: [Double] = [1, 1.5, 2, 2.5, 3]
    let ys: [Double] = [0.25, 0.5, 0.75, 1]
    let z = ys.map { p in xs.map { m in 400_000 * p * m / 3 } }
    let make = {
      Chart.heatMap(
        xValues: xs, yValues: ys, z: z, title: "判赔中位数 Median award", xLabel: "倍数 Multiplier",
        yLabel: "举证成功概率 P(proof)", zLabel: awardLabel)
    }
    let svg = make()
    let parsed = try checkedChart(
      svg, title: "判赔中位数 Median award", xLabel: "倍数 Multiplier",
      yLabel: "举证成功概率 P(proof)")
    #expect(parsed.texts("z-label") == [awardLabel])
    #expect(parsed.marks("axis", "x").count == 1)
    #expect(parsed.marks("axis", "y").count == 1)
    #expect(parsed.marks("cell").count == 20)
    #expect(parsed.texts("cell-label").count == 20)
    // row by row from the bottom (the first y value), left to right
    #expect(parsed.texts("cell-label").first == "33,333")
    #expect(parsed.texts("cell-label").last == "400,000")
    // the swept values with the decimals the finest of them needs
    #expect(parsed.tickLabels("x") == ["1.0", "1.5", "2.0", "2.5", "3.0"])
    #expect(parsed.tickLabels("y") == ["0.25", "0.50", "0.75", "1.00"])
    #expect(parsed.marks("legend-ramp").count == 1)
    #expect(make() == svg)

    // a larger grid: every cell, no printed values
    let big = (0..<15).map(Double.init)
    let large = try checkedChart(
      Chart.heatMap(
        xValues: big, yValues: big, z: big.map { i in big.map { j in i * j * 1_000 } }, title: "t",
        xLabel: "x", yLabel: "y", zLabel: "z"),
      title: "t")
    #expect(large.marks("cell").count == 225)
    #expect(large.texts("cell-label").isEmpty)
  }

  @Test("Marker labels close together are stacked in rows above the plot, not overlaid")
  func crowdedMarkers() throws {
    let markers: [(label: String, value: Double)] = [
      ("P5", 40_000), ("P10", 48_000), ("P25", 60_000), ("P50", 75_000), ("均值 Mean", 80_000),
    ]
    let parsed = try checkedChart(
      Chart.histogram(bins: awardBins, markers: markers, title: "t", xLabel: "x", yLabel: "y"),
      title: "t")
    let rows = parsed.marks("marker-label").map { $0.attributes["y"] ?? "" }
    #expect(Set(rows).count == 5)
  }

  @Test("Tornado: a label too long for the margin is set smaller, never cut")
  func tornadoLongLabels() throws {
    let long = "抗辩：技术局限 Defence: technology limit, raised by the AI provider and its designer"
    let rows: [(label: String, low: Double, high: Double)] = [(long, 1_000, 9_000), ("故意 Intent", 2_000, 3_000)]
    let parsed = try checkedChart(
      Chart.tornado(rows: rows, base: 2_500, title: "t", xLabel: awardLabel), title: "t", xLabel: awardLabel)
    #expect(parsed.texts("row-label") == rows.map(\.label))
    let sizes = parsed.marks("row-label").map { $0.attributes["font-size"] }
    #expect(sizes[0] != nil && Double(sizes[0]!)! < 11)
    #expect(sizes[1] == nil)
  }

  @Test("The sensitivity chart names its inputs as a person reads them, in each language")
  func sensitivityLabels() throws {
    #expect(InputLabel.label("facts.proven.illegal_gains", lang: .both) == "证据：违法所得 Proof of illegal gains")
    #expect(InputLabel.label("facts.proven.illegal_gains", lang: .zh) == "证据：违法所得")
    #expect(InputLabel.label("liability.defenses[1].success (technology-limit)", lang: .en) == "Defence: technology limit")
    #expect(InputLabel.label("facts.unknown", lang: .en) == "facts.unknown")
  }

  @Test("A chart of another size says so in its root element")
  func size() throws {
    let svg = Chart.tornado(
      rows: [("a", 1, 2)], base: 1.5, title: "t", xLabel: "x",
      size: Chart.Size(width: 1200, height: 600))
    let root = try #require(ParsedSVG.parse(svg)?.elements.first)
    #expect(root.attributes["width"] == "1200" && root.attributes["viewBox"] == "0 0 1200 600")
  }

  @Test("Text is escaped: markup characters and quotes in labels survive as text")
  func escaping() throws {
    let title = #"A & B <"quoted"> 'single' 中文"#
    let svg = Chart.histogram(
      bins: awardBins, markers: [(#"P50 <"median"> & more"#, 98_400)], title: title,
      xLabel: "x < y", yLabel: "a & b")
    let parsed = try checkedChart(svg, title: title, xLabel: "x < y", yLabel: "a & b")
    #expect(parsed.marks("marker").first?.attributes["data-label"] == #"P50 <"median"> & more"#)
  }

  @Test("Degenerate input gives a well-formed chart with finite numbers")
  func degenerate() throws {
    let t = "空 Empty"
    // no bins, no markers
    let empty = try checkedChart(
      Chart.histogram(bins: [], markers: [], title: t, xLabel: "x", yLabel: "y"), title: t)
    #expect(empty.marks("bar").isEmpty)
    #expect(empty.marks("no-data").count == 1)
    #expect(empty.marks("axis", "x").count == 1 && empty.marks("axis", "y").count == 1)
    // all counts zero, all bins at one amount, a marker on it
    let zero = try checkedChart(
      Chart.histogram(
        bins: [(0, 0, 0), (0, 0, 0)], markers: [("P50", 0)], title: t, xLabel: "x", yLabel: "y"),
      title: t)
    #expect(zero.marks("bar").count == 2)
    // not-a-number and infinite values are left out
    let odd = try checkedChart(
      Chart.histogram(
        bins: [(0, 10, .nan), (10, 20, 5), (.infinity, 30, 1)],
        markers: [("P5", .nan), ("P50", 15)], title: t, xLabel: "x", yLabel: "y"),
      title: t)
    #expect(odd.marks("bar").count == 1)
    #expect(odd.marks("marker").count == 1)
    // values too large or too small to print are left out or widened, never a crash
    let tiny = Double.leastNonzeroMagnitude
    let extreme = try checkedChart(
      Chart.histogram(
        bins: [(0, 1e300, 1), (0, tiny * 1000, 2), (tiny, tiny, tiny)],
        markers: [("huge", -1e300)],
        title: t, xLabel: "x", yLabel: "y"),
      title: t)
    #expect(extreme.marks("bar").count == 2)
    #expect(extreme.marks("marker").isEmpty)

    // a single point, and none
    let one = try checkedChart(
      Chart.sCurve(points: [(50_000, 0.5)], markers: [], title: t, xLabel: "x", yLabel: "y"),
      title: t)
    #expect(one.marks("series").count == 1)
    _ = try checkedChart(
      Chart.sCurve(points: [], markers: [("P5", 1)], title: t, xLabel: "x", yLabel: "y"), title: t)

    // equal low and high, no rows, an infinite base
    let flat = try checkedChart(
      Chart.tornado(rows: [("a", 5, 5), ("b", 5, 5)], base: 5, title: t, xLabel: "x"), title: t)
    #expect(flat.marks("bar").count == 2)
    _ = try checkedChart(Chart.tornado(rows: [], base: 0, title: t, xLabel: "x"), title: t)
    _ = try checkedChart(
      Chart.tornado(rows: [("a", .nan, 1)], base: .infinity, title: t, xLabel: "x"), title: t)

    // lines: a single point, an empty series, non-positive x on a log scale, no series at all
    for logX in [false, true] {
      let lines = try checkedChart(
        Chart.lines(
          series: [("one", [(2, 100)]), ("none", []), ("zero", [(0, 1), (-1, 2)])], logX: logX,
          title: t, xLabel: "x", yLabel: "y"),
        title: t)
      #expect(lines.marks("series").count == 3)
      _ = try checkedChart(
        Chart.lines(series: [], logX: logX, title: t, xLabel: "x", yLabel: "y"), title: t)
    }

    // heat maps: empty, constant, ragged, with a missing value
    _ = try checkedChart(
      Chart.heatMap(
        xValues: [], yValues: [], z: [], title: t, xLabel: "x", yLabel: "y", zLabel: "z"),
      title: t)
    let constant = try checkedChart(
      Chart.heatMap(
        xValues: [1, 2], yValues: [1, 2], z: [[0, 0], [0, 0]], title: t, xLabel: "x", yLabel: "y",
        zLabel: "z"),
      title: t)
    #expect(constant.marks("cell").count == 4)
    let ragged = try checkedChart(
      Chart.heatMap(
        xValues: [1, 2, 3], yValues: [1, 2], z: [[1, .nan]], title: t, xLabel: "x", yLabel: "y",
        zLabel: "z"),
      title: t)
    #expect(ragged.marks("cell").count == 6)
    #expect(ragged.marks("cell", "missing").count == 5)
  }
}

import Foundation

/// A tiny SVG document builder: elements with ordered attributes, rendered deterministically
/// (the same tree gives the same bytes) as well-formed XML.
struct SVGElement {
  var name: String
  var attributes: [(name: String, value: String)]
  var text: String?
  var children: [SVGElement]

  init(
    _ name: String, _ attributes: [(name: String, value: String)] = [], text: String? = nil,
    children: [SVGElement] = []
  ) {
    self.name = name
    self.attributes = attributes
    self.text = text
    self.children = children
  }

  /// The element as XML, children indented two spaces a level.
  func rendered(level: Int = 0) -> String {
    var out = ""
    write(into: &out, level: level)
    return out
  }

  private func write(into out: inout String, level: Int) {
    out += String(repeating: "  ", count: level) + "<" + name
    for (name, value) in attributes { out += " \(name)=\"\(SVG.escape(value))\"" }
    if let text {
      out += ">" + SVG.escape(text) + "</\(name)>\n"
    } else if children.isEmpty {
      out += "/>\n"
    } else {
      out += ">\n"
      for child in children { child.write(into: &out, level: level + 1) }
      out += String(repeating: "  ", count: level) + "</\(name)>\n"
    }
  }
}

/// Constructors for the few SVG elements the charts use, and the number and text formats they
/// share. Every mark takes a `class` first, so that readers and tests can find it.
enum SVG {
  /// Fonts that hold Chinese as well as Latin glyphs, the generic family last.
  static let fontFamily =
    "Noto Sans CJK SC, Source Han Sans SC, PingFang SC, Microsoft YaHei, sans-serif"

  /// The root `<svg>` element, with a `<title>` for screen readers and a white background.
  static func document(width: Double, height: Double, title: String, body: [SVGElement])
    -> String
  {
    let root = SVGElement(
      "svg",
      [
        ("xmlns", "http://www.w3.org/2000/svg"), ("width", number(width)),
        ("height", number(height)), ("viewBox", "0 0 \(number(width)) \(number(height))"),
        ("font-family", fontFamily), ("font-size", "11"), ("role", "img"),
      ],
      children: [
        SVGElement("title", text: title),
        rect(
          "background", x: 0, y: 0, width: width, height: height,
          style: [("fill", "#ffffff"), ("stroke", "none")]),
      ] + body)
    return "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n" + root.rendered()
  }

  static func group(_ cls: String, _ children: [SVGElement]) -> SVGElement {
    SVGElement("g", [("class", cls)], children: children)
  }

  static func group(
    _ cls: String, _ extra: [(name: String, value: String)], _ children: [SVGElement]
  ) -> SVGElement {
    SVGElement("g", [("class", cls)] + extra, children: children)
  }

  static func rect(
    _ cls: String, x: Double, y: Double, width: Double, height: Double,
    style: [(name: String, value: String)] = [], extra: [(name: String, value: String)] = []
  ) -> SVGElement {
    SVGElement(
      "rect",
      [
        ("class", cls), ("x", number(x)), ("y", number(y)), ("width", number(max(0, width))),
        ("height", number(max(0, height))),
      ] + style + extra)
  }

  static func line(
    _ cls: String, x1: Double, y1: Double, x2: Double, y2: Double,
    style: [(name: String, value: String)] = [("stroke", "#000000")],
    extra: [(name: String, value: String)] = []
  ) -> SVGElement {
    SVGElement(
      "line",
      [
        ("class", cls), ("x1", number(x1)), ("y1", number(y1)), ("x2", number(x2)),
        ("y2", number(y2)),
      ] + style + extra)
  }

  /// A polyline through the points, as a path (`M x y L x y …`).
  static func path(
    _ cls: String, through points: [(x: Double, y: Double)],
    style: [(name: String, value: String)], extra: [(name: String, value: String)] = []
  ) -> SVGElement {
    let d = points.enumerated().map { i, p in
      (i == 0 ? "M" : "L") + "\(number(p.x)) \(number(p.y))"
    }.joined(separator: " ")
    return SVGElement("path", [("class", cls), ("d", d)] + style + extra)
  }

  enum Anchor: String { case start, middle, end }

  /// Text at (x, y), the baseline at y; `rotated` turns it a quarter anticlockwise about (x, y).
  static func text(
    _ cls: String, _ content: String, x: Double, y: Double, anchor: Anchor = .middle,
    size: Double? = nil, weight: String? = nil, fill: String? = nil, rotated: Bool = false,
    extra: [(name: String, value: String)] = []
  ) -> SVGElement {
    var attributes: [(name: String, value: String)] = [
      ("class", cls), ("x", number(x)), ("y", number(y)), ("text-anchor", anchor.rawValue),
    ]
    if let size { attributes.append(("font-size", number(size))) }
    if let weight { attributes.append(("font-weight", weight)) }
    if let fill { attributes.append(("fill", fill)) }
    if rotated { attributes.append(("transform", "rotate(-90 \(number(x)) \(number(y)))")) }
    return SVGElement("text", attributes + extra, text: content)
  }

  /// Text made safe for XML 1.0 content and double-quoted attributes: the five special
  /// characters become entities, line breaks in attributes become character references, and
  /// characters XML 1.0 cannot hold at all (most C0 controls, U+FFFE, U+FFFF) become U+FFFD.
  static func escape(_ s: String) -> String {
    var out = ""
    out.unicodeScalars.reserveCapacity(s.unicodeScalars.count)
    for scalar in s.unicodeScalars {
      switch scalar {
      case "&": out += "&amp;"
      case "<": out += "&lt;"
      case ">": out += "&gt;"
      case "\"": out += "&quot;"
      case "'": out += "&apos;"
      case "\n": out += "&#10;"
      case "\r": out += "&#13;"
      case "\t": out += "&#9;"
      case let c where c.value < 0x20 || c.value == 0xFFFE || c.value == 0xFFFF:
        out += "\u{FFFD}"
      default: out.unicodeScalars.append(scalar)
      }
    }
    return out
  }

  /// A coordinate with at most two decimals and no trailing zeros ("12.5", "300"). Not-a-number
  /// and infinities, which the charts never pass, print as 0 rather than corrupt the document.
  static func number(_ x: Double) -> String { fixed(x, decimals: 2, trim: true) }

  /// `x` with `decimals` decimals, rounded half away from zero, without digit grouping; with
  /// `trim`, trailing zeros (and a bare point) are dropped. Locale-independent, so that output
  /// is the same on every machine.
  static func fixed(_ x: Double, decimals: Int, trim: Bool = false) -> String {
    guard x.isFinite else { return "0" }
    let d = min(max(decimals, 0), 9)
    let scale = pow10(d)
    let scaled = (x * scale).rounded(.toNearestOrAwayFromZero)
    guard abs(scaled) < 9e15 else { return scientific(x) }
    if scaled == 0 { return d == 0 || trim ? "0" : "0." + String(repeating: "0", count: d) }
    let magnitude = Int64(abs(scaled))
    let unit = Int64(scale)
    var out = (scaled < 0 ? "-" : "") + String(magnitude / unit)
    if d > 0 {
      var frac = String(magnitude % unit)
      frac = String(repeating: "0", count: d - frac.count) + frac
      if trim { while frac.hasSuffix("0") { frac.removeLast() } }
      if !frac.isEmpty { out += "." + frac }
    }
    return out
  }

  /// Numbers too large for `fixed`: "1.23e18".
  static func scientific(_ x: Double) -> String {
    guard x.isFinite, x != 0 else { return "0" }
    var exponent = Int(log10Floor(abs(x)))
    var mantissa = x / pow10(exponent)
    if abs(mantissa) >= 9.995 {
      exponent += 1
      mantissa /= 10
    }
    return fixed(mantissa, decimals: 2) + "e\(exponent)"
  }

  /// 10 to an integer power, exactly for the powers a Double holds exactly.
  static func pow10(_ n: Int) -> Double {
    var result = 1.0
    for _ in 0..<abs(n) { result *= 10 }
    return n < 0 ? 1 / result : result
  }

  /// ⌊log₁₀ x⌋ for positive finite x, exact at powers of ten.
  static func log10Floor(_ x: Double) -> Double {
    var e = log10(x).rounded(.down)
    // correct the floating-point estimate at exact powers of ten
    if pow10(Int(e) + 1) <= x { e += 1 }
    if pow10(Int(e)) > x { e -= 1 }
    return e
  }
}

/// Grey levels as hexadecimal colours: 0 is black, 1 is white.
enum Grey {
  static func hex(_ level: Double) -> String {
    let v = Int((min(max(level.isFinite ? level : 1, 0), 1) * 255).rounded())
    let h = String(v, radix: 16)
    let two = h.count == 1 ? "0" + h : h
    return "#" + two + two + two
  }
}

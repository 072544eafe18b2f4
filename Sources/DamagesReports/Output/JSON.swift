/// A JSON value with ordered keys, rendered deterministically (the same value gives the same
/// bytes), so that simulation output is byte-identical across thread counts.
public indirect enum JSON: Equatable, Sendable {
  case null
  case bool(Bool)
  case number(Double)
  case string(String)
  case array([JSON])
  case object([(String, JSON)])

  public static func == (a: JSON, b: JSON) -> Bool { a.rendered() == b.rendered() }

  /// Compact when `indent` is nil, else pretty with that many spaces.
  public func rendered(indent: Int? = 2) -> String {
    rendered(indent: indent, level: 0)
  }

  /// As it is rendered `level` deep inside another value (its inner lines indented so), for a
  /// document written piece by piece.
  package func rendered(indent: Int?, level: Int) -> String {
    var out = ""
    write(into: &out, indent: indent, level: level)
    return out
  }

  private func write(into out: inout String, indent: Int?, level: Int) {
    let newline = indent == nil ? "" : "\n"
    func pad(_ l: Int) -> String { String(repeating: " ", count: (indent ?? 0) * l) }
    switch self {
    case .null: out += "null"
    case let .bool(b): out += b ? "true" : "false"
    case let .number(x): out += JSON.format(x)
    case let .string(s): out += JSON.quote(s)
    case let .array(items):
      if items.isEmpty { out += "[]"; return }
      out += "[" + newline
      for (i, item) in items.enumerated() {
        out += pad(level + 1)
        item.write(into: &out, indent: indent, level: level + 1)
        out += (i < items.count - 1 ? "," : "") + newline
      }
      out += pad(level) + "]"
    case let .object(pairs):
      if pairs.isEmpty { out += "{}"; return }
      out += "{" + newline
      for (i, (key, value)) in pairs.enumerated() {
        out += pad(level + 1) + JSON.quote(key) + (indent == nil ? ":" : ": ")
        value.write(into: &out, indent: indent, level: level + 1)
        out += (i < pairs.count - 1 ? "," : "") + newline
      }
      out += pad(level) + "}"
    }
  }

  /// Full precision (Swift's shortest round-trip form), whole numbers without a fraction.
  package static func format(_ x: Double) -> String {
    precondition(x.isFinite, "JSON cannot hold \(x)")
    if x == x.rounded(), abs(x) < 1e15 { return String(Int64(x)) }
    return "\(x)"
  }

  static func quote(_ s: String) -> String {
    var out = "\""
    for scalar in s.unicodeScalars {
      switch scalar {
      case "\"": out += "\\\""
      case "\\": out += "\\\\"
      case "\n": out += "\\n"
      case "\r": out += "\\r"
      case "\t": out += "\\t"
      case let c where c.value < 0x20:
        let hex = String(c.value, radix: 16)
        out += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
      default: out.unicodeScalars.append(scalar)
      }
    }
    return out + "\""
  }
}

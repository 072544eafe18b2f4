import Yams

// The YAML layer of the scenario reader: the YAML 1.2 core schema read from scalars, and the
// words and paths messages use.

/// What a scalar is under the YAML 1.2 core schema, as the reader needs to know it.
enum ScalarValue {
  case null
  case bool(Bool)
  case number(Double)
  /// A number too large for a Double (`1e999`).
  case tooLarge
  /// `.nan`, `.inf`: refused everywhere.
  case special(String)
  /// `yes`, `no`, `on`, `off`, `y`, `n`: booleans of YAML 1.1, plain text in YAML 1.2.
  case yaml11Bool(String)
  /// Plain text.
  case text(String)
  /// Quoted (or block) text: never a number or a boolean.
  case quoted(String)
  /// An explicit tag the reader does not support, or one that does not fit its text.
  case badTag(String)
}

enum CoreSchema {
  static let str = "tag:yaml.org,2002:str"
  static let int = "tag:yaml.org,2002:int"
  static let float = "tag:yaml.org,2002:float"
  static let bool = "tag:yaml.org,2002:bool"
  static let null = "tag:yaml.org,2002:null"

  static func value(of scalar: Node.Scalar) -> ScalarValue {
    let tag = scalar.tag.rawValue
    let plain = scalar.style == .plain || scalar.style == .any
    switch tag {
    case "":
      return plain ? resolve(scalar.string) : .quoted(scalar.string)
    case "!", str:
      return .quoted(scalar.string)
    case int, float:
      if case .number(let x) = resolve(scalar.string) { return .number(x) }
      return .badTag(tag)
    case bool:
      if case .bool(let b) = resolve(scalar.string) { return .bool(b) }
      return .badTag(tag)
    case null:
      if case .null = resolve(scalar.string) { return .null }
      return .badTag(tag)
    default:
      return .badTag(tag)
    }
  }

  /// Resolves a plain scalar by the core schema's rules.
  static func resolve(_ s: String) -> ScalarValue {
    // Most scalars of a large file are numbers: try them first.
    if let first = s.utf8.first,
      first >= UInt8(ascii: "0") && first <= UInt8(ascii: "9") || first == UInt8(ascii: "-")
        || first == UInt8(ascii: "+"),
      let x = number(s)
    {
      return x.isFinite ? .number(x) : .tooLarge
    }
    switch s {
    case "", "~", "null", "Null", "NULL": return .null
    case "true", "True", "TRUE": return .bool(true)
    case "false", "False", "FALSE": return .bool(false)
    case "y", "Y", "yes", "Yes", "YES", "n", "N", "no", "No", "NO", "on", "On", "ON", "off", "Off",
      "OFF":
      return .yaml11Bool(s)
    case ".nan", ".NaN", ".NAN", ".inf", ".Inf", ".INF", "+.inf", "+.Inf", "+.INF", "-.inf",
      "-.Inf",
      "-.INF":
      return .special(s)
    default:
      break
    }
    if let x = number(s) { return x.isFinite ? .number(x) : .tooLarge }
    return .text(s)
  }

  /// A core-schema int (decimal, `0o` octal, `0x` hex) or float, or nil.
  static func number(_ s: String) -> Double? {
    let u = Array(s.utf8)
    func digits(_ range: Range<Int>, _ ok: (UInt8) -> Bool) -> Bool {
      !range.isEmpty && u[range].allSatisfy(ok)
    }
    let isDigit = { (c: UInt8) in c >= UInt8(ascii: "0") && c <= UInt8(ascii: "9") }
    if u.count > 2, u[0] == UInt8(ascii: "0"), u[1] == UInt8(ascii: "o") {
      guard digits(2..<u.count, { $0 >= UInt8(ascii: "0") && $0 <= UInt8(ascii: "7") }),
        let v = UInt64(s.dropFirst(2), radix: 8)
      else { return nil }
      return Double(v)
    }
    if u.count > 2, u[0] == UInt8(ascii: "0"), u[1] == UInt8(ascii: "x") {
      guard let v = UInt64(s.dropFirst(2), radix: 16) else { return nil }
      return Double(v)
    }
    // [-+]? ( \.[0-9]+ | [0-9]+ ( \.[0-9]* )? ) ( [eE] [-+]? [0-9]+ )?
    var i = 0
    if i < u.count, u[i] == UInt8(ascii: "-") || u[i] == UInt8(ascii: "+") { i += 1 }
    let intStart = i
    while i < u.count, isDigit(u[i]) { i += 1 }
    let intDigits = i - intStart
    var fracDigits = 0
    if i < u.count, u[i] == UInt8(ascii: ".") {
      i += 1
      let fracStart = i
      while i < u.count, isDigit(u[i]) { i += 1 }
      fracDigits = i - fracStart
    }
    guard intDigits > 0 || fracDigits > 0 else { return nil }
    if i < u.count, u[i] == UInt8(ascii: "e") || u[i] == UInt8(ascii: "E") {
      i += 1
      if i < u.count, u[i] == UInt8(ascii: "-") || u[i] == UInt8(ascii: "+") { i += 1 }
      let expStart = i
      while i < u.count, isDigit(u[i]) { i += 1 }
      guard i > expStart else { return nil }
    }
    guard i == u.count else { return nil }
    if intDigits > 0 && (fracDigits > 0 || !s.utf8.contains(UInt8(ascii: "."))) { return Double(s) }
    // `5.`, `.5`, `-.5`, `5.e3`: spelt out in full for Double's parser.
    var text = s
    if intDigits == 0 { text.insert("0", at: text.index(text.startIndex, offsetBy: intStart)) }
    if fracDigits == 0, let dot = text.firstIndex(of: ".") {
      text.insert("0", at: text.index(after: dot))
    }
    return Double(text)
  }

  /// Whether text looks like a number written with digit separators (`5,000`, `5_000`).
  static func looksLikeGroupedNumber(_ s: String) -> Bool {
    let cleaned = s.replacingOccurrences(of: ",", with: "").replacingOccurrences(of: "_", with: "")
    return cleaned != s && number(cleaned) != nil
  }
}

/// How a node is described after "got" in a message.
enum Describe {
  static func node(_ node: Node) -> String {
    switch node {
    case .mapping: return "a mapping"
    case .sequence: return "a list"
    case .alias: return "an alias"
    case .scalar(let scalar):
      switch CoreSchema.value(of: scalar) {
      case .null: return "nothing (null)"
      case .number, .tooLarge, .special, .bool: return scalar.string
      case .yaml11Bool, .text: return "`\(clip(scalar.string))`"
      case .quoted: return "the quoted text \"\(clip(scalar.string))\""
      case .badTag(let tag): return "a value tagged `\(tag)`"
      }
    }
  }

  static func clip(_ s: String) -> String {
    let oneLine = WrittenNumber.display(s).replacingOccurrences(of: "\n", with: "⏎")
    return oneLine.count > 40 ? String(oneLine.prefix(40)) + "…" : oneLine
  }
}

/// Dotted field paths: `facts.proven.actual_loss`, `defendants[1].share`.
enum FieldPath {
  static func child(_ path: String, _ key: String) -> String {
    path.isEmpty ? key : path + "." + key
  }

  static func index(_ path: String, _ i: Int) -> String {
    path + "[\(i)]"
  }

  /// The path one level up (`""` for a top-level key).
  static func parent(_ path: String) -> String {
    if path.hasSuffix("]"), let open = path.lastIndex(of: "[") {
      return String(path[..<open])
    }
    if let dot = path.lastIndex(of: ".") { return String(path[..<dot]) }
    return ""
  }
}

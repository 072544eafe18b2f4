import Yams

// The YAML layer of the scenario reader: the limits checked before and after Yams composes
// the node tree (SPEC 2.4), Yams' errors turned into located issues, and the YAML 1.2 core
// schema read from scalars.

extension Position {
  init(_ mark: Mark) { self.init(line: mark.line, column: mark.column) }
  init?(_ mark: Mark?) {
    guard let mark else { return nil }
    self.init(mark)
  }
}

// MARK: - Before Yams: flow nesting

/// A scan of the raw text for what Yams itself could not survive.
///
/// Before Yams sees the text, it looks for:
///
/// - flow collections (`[`, `{`) nested deeper than the limit, so that a pathological `[[[[…`
///   never reaches Yams' recursive composer;
/// - an alias or a collection used as a mapping key in a file that uses aliases: Yams hashes
///   every key to find duplicates, and hashing an aliased key expands it, without bound for an
///   alias bomb. Keys of a scenario are text, so such a key is an error anyway.
///
/// Quoted strings, comments, plain scalars and block scalars are skipped, so brackets inside
/// text do not count.
enum TextScan {
  struct Result {
    /// The first bracket that opens a level deeper than the limit.
    var tooDeep: Position?
    /// The first key that is an alias or a collection, when the text holds an alias.
    var aliasKey: Position?
  }

  static func scan(_ text: String, limit: Int) -> Result {
    var sawAlias = false
    var complexKey: Position?
    if let deep = firstTooDeep(in: text, limit: limit, sawAlias: &sawAlias, complexKey: &complexKey)
    {
      return Result(tooDeep: deep, aliasKey: nil)
    }
    return Result(tooDeep: nil, aliasKey: sawAlias ? complexKey : nil)
  }

  private static func firstTooDeep(
    in text: String, limit: Int, sawAlias: inout Bool,
    complexKey: inout Position?
  ) -> Position? {
    let bytes = Array(text.utf8)
    let n = bytes.count
    var i = 0
    var line = 1
    var column = 1
    var depth = 0
    // Whether a node may start here (line start, after an indicator): only there does a
    // bracket or a quote begin something in block context.
    var tokenStart = true
    var atLineStart = true
    var lineIndent = 0

    func isBlank(_ j: Int) -> Bool {
      j >= n || bytes[j] == UInt8(ascii: " ") || bytes[j] == UInt8(ascii: "\t")
        || bytes[j] == UInt8(ascii: "\n") || bytes[j] == UInt8(ascii: "\r")
    }
    func advance() {
      if bytes[i] == UInt8(ascii: "\n") {
        line += 1
        column = 1
        atLineStart = true
      } else if bytes[i] & 0xC0 != 0x80 {
        column += 1
      }
      i += 1
    }
    func skipToEndOfLine() {
      while i < n, bytes[i] != UInt8(ascii: "\n") { advance() }
    }
    /// Whether a `:` indicator follows on this line, after spaces: the node just read is a key.
    func followedByColon() -> Bool {
      var k = i
      while k < n, bytes[k] == UInt8(ascii: " ") || bytes[k] == UInt8(ascii: "\t") { k += 1 }
      return k < n && bytes[k] == UInt8(ascii: ":") && (depth > 0 || isBlank(k + 1))
    }

    while i < n {
      if atLineStart {
        atLineStart = false
        var k = i
        while k < n, bytes[k] == UInt8(ascii: " ") { k += 1 }
        lineIndent = k - i
        if depth == 0 {
          tokenStart = true
          // A document marker `---` may be followed by a node on the same line.
          if k == i, k + 2 < n, bytes[k] == UInt8(ascii: "-"), bytes[k + 1] == UInt8(ascii: "-"),
            bytes[k + 2] == UInt8(ascii: "-"), isBlank(k + 3)
          {
            advance()
            advance()
            advance()
            continue
          }
        }
      }
      let c = bytes[i]
      let blank =
        c == UInt8(ascii: "\n") || c == UInt8(ascii: " ") || c == UInt8(ascii: "\t")
        || c == UInt8(ascii: "\r")
      if blank {
        advance()
      } else if c == UInt8(ascii: "#"), i == 0 || isBlank(i - 1) {
        skipToEndOfLine()
      } else if c == UInt8(ascii: "\""), tokenStart {
        advance()
        while i < n {
          if bytes[i] == UInt8(ascii: "\\"), i + 1 < n {
            advance()
            advance()
          } else if bytes[i] == UInt8(ascii: "\"") {
            advance()
            break
          } else {
            advance()
          }
        }
        atLineStart = false
        tokenStart = false
      } else if c == UInt8(ascii: "'"), tokenStart {
        advance()
        while i < n {
          if bytes[i] == UInt8(ascii: "'") {
            advance()
            if i < n, bytes[i] == UInt8(ascii: "'") { advance() } else { break }
          } else {
            advance()
          }
        }
        atLineStart = false
        tokenStart = false
      } else if c == UInt8(ascii: "|") || c == UInt8(ascii: ">"), tokenStart, depth == 0 {
        // A block scalar: its content is the following lines indented deeper than this one.
        let headerIndent = lineIndent
        skipToEndOfLine()
        while i < n {
          var k = i + 1
          while k < n, bytes[k] == UInt8(ascii: " ") { k += 1 }
          let empty = k >= n || bytes[k] == UInt8(ascii: "\n") || bytes[k] == UInt8(ascii: "\r")
          guard empty || k - (i + 1) > headerIndent else { break }
          advance()  // the newline
          atLineStart = false
          skipToEndOfLine()
        }
      } else if c == UInt8(ascii: "&") || c == UInt8(ascii: "!") || c == UInt8(ascii: "*"),
        tokenStart
      {
        // An anchor, a tag or an alias: a node may still follow.
        let start = Position(line: line, column: column)
        if c == UInt8(ascii: "*") { sawAlias = true }
        defer {
          if c == UInt8(ascii: "*"), complexKey == nil, followedByColon() { complexKey = start }
        }
        while i < n, !isBlank(i) {
          if depth > 0,
            bytes[i] == UInt8(ascii: ",") || bytes[i] == UInt8(ascii: "]")
              || bytes[i] == UInt8(ascii: "}")
          {
            break
          }
          advance()
        }
      } else if c == UInt8(ascii: "[") || c == UInt8(ascii: "{"), tokenStart || depth > 0 {
        depth += 1
        if depth > limit { return Position(line: line, column: column) }
        advance()
        tokenStart = true
      } else if c == UInt8(ascii: "]") || c == UInt8(ascii: "}"), depth > 0 {
        depth -= 1
        advance()
        tokenStart = false
        if complexKey == nil, followedByColon() {
          complexKey = Position(line: line, column: column)
        }
      } else if c == UInt8(ascii: ","), depth > 0 {
        advance()
        tokenStart = true
      } else if c == UInt8(ascii: "-") || c == UInt8(ascii: "?"), tokenStart, isBlank(i + 1) {
        if c == UInt8(ascii: "?"), complexKey == nil {
          complexKey = Position(line: line, column: column)
        }
        advance()
      } else if c == UInt8(ascii: ":"), depth > 0 || isBlank(i + 1) {
        advance()
        tokenStart = true
      } else {
        advance()
        tokenStart = false
      }
    }
    return nil
  }
}

// MARK: - Yams: compose, with located errors

/// The node tree of a scenario file.
///
/// The parser is kept because the anchors that let the structure check recognise an alias
/// are held by it (nodes refer to them weakly).
struct ComposedDocument {
  let parser: Parser
  let root: Node
}

enum Composition {
  case document(ComposedDocument)
  case empty
  case failed([Issue])
}

enum YAMLComposer {
  /// Composes the text with Yams.
  ///
  /// Duplicate keys are reported with the full dotted path of their mapping. Yams stops at
  /// the first duplicate it meets and names only the key, so the first occurrence is renamed
  /// (to a placeholder of the same width, so that no position moves) and the text composed
  /// again, until it composes or another error stops it. The text is composed at most as
  /// many times as fit in twice the size limit.
  static func compose(_ text: String) -> Composition {
    var working = text
    var renamed: [(key: String, position: Position)] = []
    var issues: [Issue] = []
    let canRename = !text.unicodeScalars.contains { Placeholder.range.contains($0.value) }
    let renames = Swift.min(
      Limits.diagnostics, 2 * Limits.fileBytes / Swift.max(text.utf8.count, 1))
    while true {
      do {
        let parser = try Parser(yaml: working, encoding: .utf8)
        guard let root = try parser.singleRoot() else {
          return renamed.isEmpty ? .empty : .failed(issues)
        }
        if renamed.isEmpty { return .document(ComposedDocument(parser: parser, root: root)) }
        return .failed(issues + duplicates(in: root, renamed: renamed))
      } catch let YamlError.duplicatedKeysInMapping(keys, context) {
        let key = keys.first ?? ""
        let position = Position(context.mark)
        if canRename, renamed.count < renames,
          let next = Placeholder.rename(key: key, at: position, in: working, index: renamed.count)
        {
          working = next
          renamed.append((key, position))
          continue
        }
        // Cannot find the path: report the key where Yams saw it.
        issues += renamed.map {
          Issue(field: $0.key, problem: .duplicateKey, position: $0.position)
        }
        issues.append(Issue(field: key, problem: .duplicateKey, position: position))
        return .failed(issues)
      } catch let error as YamlError {
        issues += renamed.map {
          Issue(field: $0.key, problem: .duplicateKey, position: $0.position)
        }
        issues.append(issue(for: error, in: working))
        return .failed(issues)
      } catch {
        issues.append(
          Issue(field: nil, problem: .invalidYAML(problem: "\(error)", context: nil), position: nil)
        )
        return .failed(issues)
      }
    }
  }

  /// Every repeated key of every mapping that held a renamed key: all occurrences but the
  /// first, at their own position.
  private static func duplicates(in root: Node, renamed: [(key: String, position: Position)])
    -> [Issue]
  {
    var issues: [Issue] = []
    var seen = Set<ObjectIdentifier>()
    func visit(_ node: Node, _ path: String, depth: Int) {
      guard depth <= Limits.depth + 1 else { return }
      if let anchor = node.anchor {
        guard seen.insert(ObjectIdentifier(anchor)).inserted else { return }
      }
      switch node {
      case .mapping(let mapping):
        var occurrences: [String: [Position]] = [:]
        var holdsRenamed = false
        for (key, value) in mapping {
          var name = key.scalar?.string ?? "?"
          if let index = Placeholder.index(of: name), index < renamed.count {
            name = renamed[index].key
            holdsRenamed = true
          }
          if let mark = key.scalar?.mark { occurrences[name, default: []].append(Position(mark)) }
          visit(value, FieldPath.child(path, name), depth: depth + 1)
        }
        if holdsRenamed {
          for (name, positions) in occurrences where positions.count > 1 {
            for position in positions.sorted().dropFirst() {
              issues.append(
                Issue(
                  field: FieldPath.child(path, name), problem: .duplicateKey, position: position))
            }
          }
        }
      case .sequence(let sequence):
        for (i, element) in sequence.enumerated() {
          visit(element, FieldPath.index(path, i), depth: depth + 1)
        }
      default:
        break
      }
    }
    visit(root, "", depth: 0)
    return issues
  }

  /// A Yams error as a located issue.
  static func issue(for error: YamlError, in text: String) -> Issue {
    func context(_ c: YamlError.Context?) -> String? {
      guard let c else { return nil }
      return "\(c.text) at line \(c.mark.line), column \(c.mark.column)"
    }
    switch error {
    case .scanner(let c, let problem, let mark, _), .parser(let c, let problem, let mark, _),
      .composer(let c, let problem, let mark, _):
      if problem.hasPrefix("Maximum nesting level reached") {
        return Issue(field: nil, problem: .tooDeep, position: Position(mark))
      }
      if problem == "but found another document" {
        return Issue(
          field: nil,
          problem: .invalidYAML(
            problem: "a scenario file holds one YAML document; another starts here", context: nil),
          position: Position(mark))
      }
      return Issue(
        field: nil, problem: .invalidYAML(problem: problem, context: context(c)),
        position: Position(mark))
    case .reader(let problem, let offset, _, _):
      return Issue(
        field: nil, problem: .invalidYAML(problem: problem, context: nil),
        position: offset.flatMap { position(ofCharacter: $0, in: text) })
    case .duplicatedKeysInMapping(let keys, let context):
      return Issue(field: keys.first, problem: .duplicateKey, position: Position(context.mark))
    case .memory:
      return Issue(
        field: nil, problem: .invalidYAML(problem: "out of memory", context: nil), position: nil)
    default:
      return Issue(
        field: nil, problem: .invalidYAML(problem: "\(error)", context: nil), position: nil)
    }
  }

  /// The line and column of the character at a distance from the start (how Yams reports a
  /// reader error).
  private static func position(ofCharacter offset: Int, in text: String) -> Position? {
    var line = 1
    var column = 1
    for (i, c) in text.enumerated() {
      if i == offset { return Position(line: line, column: column) }
      if c == "\n" || c == "\r\n" {
        line += 1
        column = 1
      } else {
        column += c.unicodeScalars.count
      }
    }
    return Position(line: line, column: column)
  }
}

/// Placeholders that stand in for a renamed duplicate key: private-use characters, as many as
/// the key's token has, so that no column moves.
enum Placeholder {
  static let range: ClosedRange<UInt32> = 0xE000...0xE1FF
  private static let filler: UInt32 = 0xE100

  static func index(of name: String) -> Int? {
    guard let first = name.unicodeScalars.first, (0xE000..<0xE100).contains(first.value),
      name.unicodeScalars.dropFirst().allSatisfy({ $0.value == filler })
    else { return nil }
    return Int(first.value - 0xE000)
  }

  /// The text with the key token at the position replaced, or nil if the token is not found.
  static func rename(key: String, at position: Position, in text: String, index: Int) -> String? {
    var bytes = Array(text.utf8)
    // The byte offset of the line, then of the column (counted in Unicode scalars).
    var offset = 0
    var line = 1
    while line < position.line {
      guard let newline = bytes[offset...].firstIndex(of: UInt8(ascii: "\n")) else { return nil }
      offset = newline + 1
      line += 1
    }
    var column = 1
    while column < position.column {
      guard offset < bytes.count, bytes[offset] != UInt8(ascii: "\n") else { return nil }
      offset += 1
      while offset < bytes.count, bytes[offset] & 0xC0 == 0x80 { offset += 1 }
      column += 1
    }
    guard offset < bytes.count else { return nil }
    var end = offset
    switch bytes[offset] {
    case UInt8(ascii: "\""):
      end += 1
      while end < bytes.count, bytes[end] != UInt8(ascii: "\""), bytes[end] != UInt8(ascii: "\n") {
        end += bytes[end] == UInt8(ascii: "\\") ? 2 : 1
      }
      guard end < bytes.count, bytes[end] == UInt8(ascii: "\"") else { return nil }
      end += 1
    case UInt8(ascii: "'"):
      end += 1
      while end < bytes.count, bytes[end] != UInt8(ascii: "\n") {
        if bytes[end] == UInt8(ascii: "'") {
          if end + 1 < bytes.count, bytes[end + 1] == UInt8(ascii: "'") { end += 2 } else { break }
        } else {
          end += 1
        }
      }
      guard end < bytes.count, bytes[end] == UInt8(ascii: "'") else { return nil }
      end += 1
    default:
      let utf8 = Array(key.utf8)
      guard !utf8.isEmpty, offset + utf8.count <= bytes.count,
        Array(bytes[offset..<offset + utf8.count]) == utf8
      else { return nil }
      end = offset + utf8.count
    }
    let width = bytes[offset..<end].filter { $0 & 0xC0 != 0x80 }.count
    guard index < 0x100, width >= 1, let first = Unicode.Scalar(0xE000 + UInt32(index)),
      let rest = Unicode.Scalar(filler)
    else { return nil }
    var scalars = String.UnicodeScalarView()
    scalars.append(first)
    for _ in 1..<width { scalars.append(rest) }
    bytes.replaceSubrange(offset..<end, with: Array(String(scalars).utf8))
    return String(decoding: bytes, as: UTF8.self)
  }
}

// MARK: - After Yams: depth, aliases, size

/// The limits of SPEC 2.4 checked on the composed tree.
///
/// Walks the tree once, before anything reads it: no collection nests deeper than the limit,
/// aliases expand at most ``Limits/aliases`` times, and the expanded tree holds at most
/// ``Limits/nodes`` nodes. Yams resolves an alias to the anchored node itself, so an
/// alias is a second visit of a node with an anchor already seen; what the anchored node
/// holds is remembered, so a billion-laughs file costs one pass over its text.
struct StructureCheck {
  private struct Shape {
    var height: Int
    var aliases: Int
    var nodes: Int
  }

  private var shapes: [ObjectIdentifier: Shape] = [:]
  private var expansions = 0
  private var nodes = 0

  static func check(_ root: Node) -> Issue? {
    var check = StructureCheck()
    do {
      _ = try check.visit(root, enclosing: 0)
      return nil
    } catch {
      return error.issue
    }
  }

  private struct Refusal: Error {
    var issue: Issue
  }

  private mutating func visit(_ node: Node, enclosing: Int) throws(Refusal) -> Shape {
    if let anchor = node.anchor, let shape = shapes[ObjectIdentifier(anchor)] {
      expansions += 1 + shape.aliases
      nodes += shape.nodes
      if expansions > Limits.aliases {
        throw Refusal(
          issue: Issue(field: nil, problem: .tooManyAliases, position: Position(node.mark)))
      }
      if enclosing + shape.height > Limits.depth {
        throw Refusal(issue: Issue(field: nil, problem: .tooDeep, position: Position(node.mark)))
      }
      if nodes > Limits.nodes {
        throw Refusal(
          issue: Issue(field: nil, problem: .tooManyNodes, position: Position(node.mark)))
      }
      return Shape(height: shape.height, aliases: 1 + shape.aliases, nodes: shape.nodes)
    }
    nodes += 1
    if nodes > Limits.nodes {
      throw Refusal(issue: Issue(field: nil, problem: .tooManyNodes, position: Position(node.mark)))
    }
    var shape = Shape(height: 0, aliases: 0, nodes: 1)
    func add(_ child: Shape) {
      shape.height = Swift.max(shape.height, child.height + 1)
      shape.aliases += child.aliases
      shape.nodes += child.nodes
    }
    switch node {
    case .mapping(let mapping):
      if enclosing + 1 > Limits.depth {
        throw Refusal(issue: Issue(field: nil, problem: .tooDeep, position: Position(node.mark)))
      }
      shape.height = 1
      for (key, value) in mapping {
        add(try visit(key, enclosing: enclosing + 1))
        add(try visit(value, enclosing: enclosing + 1))
      }
    case .sequence(let sequence):
      if enclosing + 1 > Limits.depth {
        throw Refusal(issue: Issue(field: nil, problem: .tooDeep, position: Position(node.mark)))
      }
      shape.height = 1
      for element in sequence { add(try visit(element, enclosing: enclosing + 1)) }
    case .scalar, .alias:
      break
    }
    if let anchor = node.anchor { shapes[ObjectIdentifier(anchor)] = shape }
    return shape
  }
}

// MARK: - The YAML 1.2 core schema

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
    let oneLine = s.replacingOccurrences(of: "\n", with: "⏎")
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

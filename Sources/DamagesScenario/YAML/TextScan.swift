import Yams

// The YAML layer of the scenario reader: the limits checked before and after Yams composes
// the node tree (docs/scenario-format.md, Input rules), Yams' errors turned into located issues, and the YAML 1.2 core
// schema read from scalars. This file: before Yams, a scan of the raw text.

extension Position {
  init(_ mark: Mark) { self.init(line: mark.line, column: mark.column) }
  init?(_ mark: Mark?) {
    guard let mark else { return nil }
    self.init(mark)
  }
}

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

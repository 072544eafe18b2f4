import Yams

// The YAML layer of the scenario reader: Yams composes the node tree; its errors become
// located issues.

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

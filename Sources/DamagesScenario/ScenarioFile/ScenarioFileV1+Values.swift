import DamagesLaw
import DamagesSimulation
import Foundation
import Yams

// The kinds of value every section reads: mappings, lists, numbers, probabilities, names.

extension ScenarioFileV1 {
  /// Records an issue (the first thousand; only twenty are shown) and marks the field, and
  /// its owner, as failed.
  mutating func fail(
    _ field: String, _ problem: Problem, at position: Position?, owner: String? = nil
  ) {
    if issues.count < 1000 {
      issues.append(Issue(field: field.isEmpty ? nil : field, problem: problem, position: position))
    }
    failed.insert(field)
    if let owner { failed.insert(owner) }
  }

  /// The entries of a mapping, each key checked: text, not repeated, known.
  ///
  /// Any key is known when `allowed` is nil. A null value reads as an empty mapping. Returns
  /// nil (and reports) for any other kind of value.
  mutating func mapping(
    _ node: Node, at path: String, allowed: [String]?, what: String,
    note: (String) -> String? = { _ in nil }
  ) -> [String: Entry]? {
    guard case .mapping(let pairs) = node else {
      if case .scalar(let s) = node, case .null = CoreSchema.value(of: s) { return [:] }
      fail(path, .expected(what, got: Describe.node(node), note: nil), at: Position(node.mark))
      return nil
    }
    var entries: [String: Entry] = [:]
    for (key, value) in pairs {
      guard case .scalar(let k) = key else {
        fail(path, .keyNotText(got: Describe.node(key)), at: Position(key.mark))
        continue
      }
      let name = k.string
      let child = FieldPath.child(path, name)
      if entries[name] != nil {
        fail(child, .duplicateKey, at: Position(key.mark))
        continue
      }
      if let allowed, !allowed.contains(name) {
        let mergeNote =
          name == "<<" ? "merge keys `<<` belong to YAML 1.1, not to YAML 1.2" : note(name)
        fail(
          child,
          .unknownKey(
            name, suggestion: Suggestion.nearest(to: name, in: allowed), allowed: allowed,
            note: mergeNote),
          at: Position(key.mark))
        continue
      }
      entries[name] = Entry(name: name, path: child, key: key, value: value)
      map.keys[child] = Position(key.mark)
      map.values[child] = Position(value.mark)
    }
    return entries
  }

  /// A required key of a mapping, or nil (reported at `position`, the key of the mapping).
  mutating func required(
    _ entries: [String: Entry], _ key: String, in path: String, at position: Position?,
    note: String?
  ) -> Entry? {
    if let entry = entries[key] { return entry }
    if !failed.contains(path) {
      fail(FieldPath.child(path, key), .missingKey(key, note: note), at: position)
    } else {
      failed.insert(FieldPath.child(path, key))
    }
    return nil
  }

  /// The elements of a list; null reads as an empty list.
  mutating func list(_ e: Entry, what: String) -> Node.Sequence? {
    switch e.value {
    case .sequence(let list): return list
    case .scalar(let s):
      if case .null = CoreSchema.value(of: s) { return Node.Sequence([]) }
      fallthrough
    default:
      fail(e.path, .expected(what, got: Describe.node(e.value), note: nil), at: e.valuePosition)
      return nil
    }
  }

  mutating func number(_ node: Node, _ path: String, what: String = "a number") -> Double? {
    guard case .scalar(let s) = node else {
      fail(path, .expected(what, got: Describe.node(node), note: nil), at: Position(node.mark))
      return nil
    }
    var note: String?
    switch CoreSchema.value(of: s) {
    case .number(let x):
      plausibility(amount: x, path, at: Position(node.mark))
      return x
    case .tooLarge: note = "too large for a number"
    case .special: note = ".nan and .inf are not allowed"
    case .quoted(let t), .text(let t):
      // Text that tries to be a number is read as a lawyer writes one (`1.2万`, `"5000"`,
      // `￥12,000`); text without a digit is not a number at all.
      guard WrittenNumber.hasDigit(t) else { break }
      do {
        let x = try WrittenNumber.amount(t)
        guard x.isFinite else {
          note = "too large for a number"
          break
        }
        plausibility(amount: x, path, at: Position(node.mark))
        return x
      } catch {
        fail(path, .written(error.message), at: Position(node.mark))
        return nil
      }
    default: break
    }
    fail(path, .expected(what, got: Describe.node(node), note: note), at: Position(node.mark))
    return nil
  }

  /// The fields where an amount below 100 yuan is rarely meant: the claim, a statutory award,
  /// a license fee (their distributions' amounts too, not their shape parameters).
  private static let rarelySmall = ["case.claim", "facts.statutory_award",
    "facts.statutory_award_per_work", "facts.license_fee"]
  private static let shapeParameters: Set<String> = ["sigma", "sd", "lambda", "shape", "a", "b",
    "weights"]

  /// A warning (never an error) for an amount below 100 yuan where the field rarely holds one:
  /// most likely 万 was meant.
  mutating func plausibility(amount x: Double, _ path: String, at position: Position?) {
    guard x > 0, x < 100 else { return }
    var field = path
    if let open = field.lastIndex(of: "["), field.hasSuffix("]") { field = String(field[..<open]) }
    let parent = FieldPath.parent(field)
    let last = String(field.dropFirst(parent.isEmpty ? 0 : parent.count + 1))
    guard Self.rarelySmall.contains(field)
      || Self.rarelySmall.contains(parent) && !Self.shapeParameters.contains(last)
    else { return }
    let meant = Narration.number(x)
    let wan = (try? WrittenNumber.amount(meant + "万")) ?? x * 10_000
    warnings.append(
      Issue(
        field: path,
        problem: .written("\(meant) yuan; did you mean \(meant)万 (\(Narration.yuan(Yuan(wan))))?"),
        position: position))
  }

  /// A warning for a probability written as a whole number above 1 (`60`): a percentage was
  /// most likely meant. The value is still refused by the probability's range.
  mutating func plausibility(probability x: Double, _ path: String, at position: Position?) {
    guard x > 1, x <= 100, x == x.rounded() else { return }
    let meant = Narration.number(x)
    warnings.append(
      Issue(
        field: path,
        problem: .written(
          "\(meant) is not a probability; did you mean \(meant)% (\(Narration.number(x / 100)))?"),
        position: position))
  }

  mutating func numberList(_ e: Entry) -> [Double]? {
    guard case .sequence(let list) = e.value else {
      fail(
        e.path, .expected("a list of numbers", got: Describe.node(e.value), note: nil),
        at: e.valuePosition,
        owner: FieldPath.parent(e.path))
      return nil
    }
    guard !list.isEmpty else {
      fail(e.path, .emptyList("number"), at: e.valuePosition, owner: FieldPath.parent(e.path))
      return nil
    }
    var values: [Double] = []
    values.reserveCapacity(list.count)
    for (i, node) in list.enumerated() {
      if case .scalar(let s) = node, case .number(let x) = CoreSchema.value(of: s),
        !Self.rarelySmall.contains(FieldPath.parent(e.path))
      {
        values.append(x)
      } else if let x = number(node, FieldPath.index(e.path, i)) {
        values.append(x)
      } else {
        failed.insert(FieldPath.parent(e.path))
      }
    }
    return values.count == list.count ? values : nil
  }

  mutating func probability(_ node: Node, _ path: String) -> Double? {
    let what = "true, false or a probability in [0, 1]"
    if case .scalar(let s) = node {
      switch CoreSchema.value(of: s) {
      case .bool(let b): return b ? 1 : 0
      case .number(let x):
        plausibility(probability: x, path, at: Position(node.mark))
        return x
      case .yaml11Bool:
        fail(
          path,
          .expected(
            what, got: Describe.node(node), note: "YAML 1.2 booleans are only true and false"),
          at: Position(node.mark))
        return nil
      case .quoted(let t), .text(let t):
        // `30%`, `30％`, `"0.3"`: a probability as a person writes it.
        guard WrittenNumber.hasDigit(t) else { break }
        do {
          let x = try WrittenNumber.probability(t)
          if !t.contains("%"), !t.contains("％") {
            plausibility(probability: x, path, at: Position(node.mark))
          }
          return x
        } catch {
          fail(path, .written(error.message), at: Position(node.mark))
          return nil
        }
      default: break
      }
    }
    return number(node, path, what: what)
  }

  mutating func boolean(_ node: Node, _ path: String) -> Bool? {
    var note: String?
    if case .scalar(let s) = node {
      switch CoreSchema.value(of: s) {
      case .bool(let b): return b
      case .yaml11Bool: note = "YAML 1.2 booleans are only true and false"
      case .special: note = ".nan and .inf are not allowed"
      default: break
      }
    }
    fail(
      path, .expected("true or false", got: Describe.node(node), note: note),
      at: Position(node.mark))
    return nil
  }

  mutating func text(_ node: Node, _ path: String) -> String? {
    var note: String?
    if case .scalar(let s) = node {
      switch CoreSchema.value(of: s) {
      case .quoted(let t), .text(let t), .yaml11Bool(let t): return WrittenNumber.display(t)
      case .number, .bool, .tooLarge: return s.string
      case .special: note = ".nan and .inf are not allowed; quote the text"
      case .null, .badTag: break
      }
    }
    fail(path, .expected("text", got: Describe.node(node), note: note), at: Position(node.mark))
    return nil
  }

  mutating func enumValue<E: RawRepresentable & CaseIterable>(
    _ node: Node, _ path: String, noun: String
  ) -> E?
  where E.RawValue == String {
    let allowed = E.allCases.map(\.rawValue)
    if case .scalar(let s) = node {
      switch CoreSchema.value(of: s) {
      case .quoted(let t), .text(let t), .yaml11Bool(let t):
        if let value = E(rawValue: t) { return value }
        fail(
          path,
          .unknownValue(
            noun: noun, got: "`\(Describe.clip(t))`", allowed: allowed,
            suggestion: Suggestion.nearest(to: t, in: allowed)),
          at: Position(node.mark))
        return nil
      default: break
      }
    }
    fail(
      path, .unknownValue(noun: noun, got: Describe.node(node), allowed: allowed, suggestion: nil),
      at: Position(node.mark))
    return nil
  }

  /// A whole number within a range: written as digits, or as a number whose value is whole
  /// (`1e5`).
  mutating func wholeNumber(
    _ node: Node, _ path: String, allowed: String, range: ClosedRange<UInt64>
  ) -> UInt64? {
    guard case .scalar(let s) = node else {
      _ = number(node, path, what: allowed)
      return nil
    }
    var digits = s.string
    let x: Double
    switch CoreSchema.value(of: s) {
    case .number(let v): x = v
    case .quoted(let t), .text(let t):
      // `100,000`, `10万`, `"100000"`: read as written, then held to a whole number.
      guard let v = number(node, path, what: allowed) else { return nil }
      x = v
      digits = WrittenNumber.normalised(t).replacingOccurrences(of: ",", with: "")
    default:
      _ = number(node, path, what: allowed)
      return nil
    }
    if digits.hasPrefix("+") { digits.removeFirst() }
    let value: UInt64?
    if !digits.isEmpty,
      digits.utf8.allSatisfy({ $0 >= UInt8(ascii: "0") && $0 <= UInt8(ascii: "9") })
    {
      value = UInt64(digits)
    } else if x == x.rounded(), x >= 0, x < 18_446_744_073_709_551_616.0 {
      value = UInt64(x)
    } else {
      value = nil
    }
    guard let value, range.contains(value) else {
      fail(path, .outOfRange(allowed: allowed, got: x), at: Position(node.mark))
      return nil
    }
    return value
  }
}

import Yams

/// A YAML document as a plain tree, for filling the web page's form from the YAML editor.
///
/// Best effort and loose on purpose: the scenario reader (``ScenarioReader``) is what
/// validates; this only has to give the form the values it shows. Plain scalars become
/// numbers, `true`/`false` or null where they read as such (YAML 1.2 core schema), anything
/// else a string; mapping order is kept.
public enum ScenarioTree {
  /// One node of the tree.
  public indirect enum Value: Sendable {
    case null
    case bool(Bool)
    case number(Double)
    case string(String)
    case array([Value])
    /// A mapping, in the document's order.
    case object([(String, Value)])
  }

  /// At most this many nodes, so that aliases cannot blow the tree up.
  public static let maxNodes = 100_000

  /// The tree of `text`; an error (exit 65) for text that is not YAML or too large a tree.
  public static func read(_ text: String, file: String) throws(ScenarioError) -> Value {
    func refuse(_ message: String) -> ScenarioError {
      ScenarioError(diagnostics: [ScenarioDiagnostic(file: file, message: message)])
    }
    // the reader's limits first (size, nesting, alias keys, alias expansions): Yams hashes a
    // mapping's keys, and an alias key standing for a tree of 9^10 nodes never ends
    try ScenarioReader.checkLimits(text, file: file)
    let node: Node?
    do { node = try Yams.compose(yaml: text) } catch { throw refuse("not valid YAML: \(error)") }
    guard let node else { return .object([]) }
    var budget = maxNodes
    guard let tree = convert(node, budget: &budget) else {
      throw refuse("the document has more than \(maxNodes) nodes")
    }
    return tree
  }

  private static func convert(_ node: Node, budget: inout Int) -> Value? {
    budget -= 1
    guard budget >= 0 else { return nil }
    switch node {
    case let .scalar(scalar):
      return scalarValue(scalar)
    case let .sequence(sequence):
      var items: [Value] = []
      for item in sequence {
        guard let value = convert(item, budget: &budget) else { return nil }
        items.append(value)
      }
      return .array(items)
    case let .mapping(mapping):
      var pairs: [(String, Value)] = []
      for (key, value) in mapping {
        guard let converted = convert(value, budget: &budget) else { return nil }
        pairs.append((key.string ?? "\(key)", converted))
      }
      return .object(pairs)
    case let .alias(alias):
      return .string("*\(alias.anchor)")
    }
  }

  private static func scalarValue(_ scalar: Node.Scalar) -> Value {
    let s = scalar.string
    guard scalar.style == .plain else { return .string(s) }
    switch s {
    case "true": return .bool(true)
    case "false": return .bool(false)
    case "", "~", "null", "Null", "NULL": return .null
    default: break
    }
    if let x = Double(s), x.isFinite, s.first != "+" || s.count > 1 { return .number(x) }
    return .string(s)
  }
}

import Yams

// The YAML layer of the scenario reader, after Yams: depth, aliases and size of the tree.

/// The limits (docs/scenario-format.md, Input rules) checked on the composed tree.
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

import DamagesReports
import DamagesScenario
import Foundation
import Yams

/// The bundled scenarios the page lists (the repository's `scenarios/` folder, or another
/// folder given with `--scenarios`): every `*.yaml` file by name, with its title.
struct BundledScenarios: Sendable {
  let folder: String?

  struct Entry: Sendable {
    var name: String
    var title: String
  }

  /// The files, sorted by name; a file whose title cannot be read is listed by name.
  func list() -> [Entry] {
    guard let folder else { return [] }
    let names = ((try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? [])
      .filter { $0.hasSuffix(".yaml") || $0.hasSuffix(".yml") }.sorted()
    return names.map { name in
      let text = (try? String(contentsOfFile: path(name), encoding: .utf8)) ?? ""
      let title = (try? ScenarioReader.parse(text, file: name).title) ?? name
      return Entry(name: name, title: title)
    }
  }

  /// The text of one listed file; nil for a name that is not listed (no path tricks).
  func text(of name: String) -> String? {
    guard list().contains(where: { $0.name == name }) else { return nil }
    return try? String(contentsOfFile: path(name), encoding: .utf8)
  }

  private func path(_ name: String) -> String {
    URL(fileURLWithPath: folder ?? ".").appendingPathComponent(name).path
  }

  /// `scenarios/` under the working directory, if there is one.
  static func defaultFolder() -> String? {
    var isDirectory: ObjCBool = false
    let candidate = FileManager.default.currentDirectoryPath + "/scenarios"
    return FileManager.default.fileExists(atPath: candidate, isDirectory: &isDirectory)
      && isDirectory.boolValue ? candidate : nil
  }
}

/// A YAML document as a JSON tree, for filling the page's form from the YAML editor.
///
/// Best effort and loose on purpose: the scenario reader (``ScenarioReader``) is what
/// validates; this only has to give the form the values it shows. Plain scalars become
/// numbers, `true`/`false` or null where they read as such (YAML 1.2 core schema), anything
/// else a string; mapping order is kept.
enum ScenarioTree {
  /// At most this many nodes, so that aliases cannot blow the tree up.
  static let maxNodes = 100_000

  static func json(from text: String) throws(WebError) -> JSON {
    let node: Node?
    do { node = try Yams.compose(yaml: text) } catch {
      throw .scenario([ScenarioDiagnostic(file: Analyses.sourceName, message: "not valid YAML: \(error)")])
    }
    guard let node else { return .object([]) }
    var budget = maxNodes
    guard let tree = convert(node, budget: &budget) else {
      throw .scenario([ScenarioDiagnostic(
        file: Analyses.sourceName, message: "the document has more than \(maxNodes) nodes")])
    }
    return tree
  }

  private static func convert(_ node: Node, budget: inout Int) -> JSON? {
    budget -= 1
    guard budget >= 0 else { return nil }
    switch node {
    case let .scalar(scalar):
      return scalarValue(scalar)
    case let .sequence(sequence):
      var items: [JSON] = []
      for item in sequence {
        guard let value = convert(item, budget: &budget) else { return nil }
        items.append(value)
      }
      return .array(items)
    case let .mapping(mapping):
      var pairs: [(String, JSON)] = []
      for (key, value) in mapping {
        guard let converted = convert(value, budget: &budget) else { return nil }
        pairs.append((key.string ?? "\(key)", converted))
      }
      return .object(pairs)
    case let .alias(alias):
      return .string("*\(alias.anchor)")
    }
  }

  private static func scalarValue(_ scalar: Node.Scalar) -> JSON {
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

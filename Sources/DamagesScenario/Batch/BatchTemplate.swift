public import DamagesSimulation
public import Foundation
import Yams

/// The template of `damages batch` (docs/batch.md): a scenario file, optionally with a
/// `portfolio.shared` list of findings decided once per run for every claim, into whose YAML
/// tree each row's cells are put.
public struct BatchTemplate: @unchecked Sendable {
  public let path: String
  /// The template's tree without its `portfolio` block (which is not part of a scenario).
  let root: Node
  /// The shared findings, as written and as the engine knows them.
  public let shared: [(path: String, finding: CompiledModel.Finding)]
  /// A digest of the template file's bytes (to tell a sharded batch's parts apart).
  public let digest: UInt64
  /// The template's `simulation.runs` and `simulation.seed` (defaults as in a scenario).
  public let runs: Int
  public let seed: UInt64

  /// The paths `portfolio.shared` accepts.
  public static let sharablePaths: [String: CompiledModel.Finding] = [
    "liability.work": .work, "liability.infringement": .infringement,
    "liability.causation": .causation, "liability.fault": .fault,
    "facts.proven.actual_loss": .provenLoss, "facts.proven.illegal_gains": .provenGains,
    "facts.proven.license_fee": .provenLicenseFee, "facts.intentional": .intentional,
    "facts.serious": .serious,
  ]

  public static func load(path: String) throws(ScenarioError) -> BatchTemplate {
    func failure(_ line: Int?, _ column: Int?, _ field: String?, _ message: String) -> ScenarioError {
      ScenarioError(diagnostics: [
        ScenarioDiagnostic(file: path, line: line, column: column, field: field, message: message)
      ])
    }
    guard let data = FileManager.default.contents(atPath: path) else {
      let reason = FileManager.default.fileExists(atPath: path) ? "permission denied" : "no such file"
      throw ScenarioError(
        diagnostics: [ScenarioDiagnostic(file: path, message: "cannot read file: \(reason)")],
        exitCode: ScenarioError.noInput)
    }
    guard let text = String(data: data, encoding: .utf8) else {
      throw failure(nil, nil, nil, "not UTF-8 text")
    }
    // the scenario reader's own checks first (limits, YAML errors), on the file without its
    // portfolio block
    let node: Node?
    do { node = try Yams.compose(yaml: text) } catch {
      _ = try ScenarioReader.parse(text, file: path)  // reports the YAML error as a scenario would
      throw failure(nil, nil, nil, "not valid YAML: \(error)")
    }
    guard let node, case .mapping(let mapping) = node else {
      throw failure(nil, nil, nil, "the template's top level must be a mapping (a scenario)")
    }
    var shared: [(String, CompiledModel.Finding)] = []
    var pairs: [(Node, Node)] = []
    for (key, value) in mapping {
      guard key.string == "portfolio" else {
        pairs.append((key, value))
        continue
      }
      guard case .mapping(let portfolio) = value else {
        throw failure(value.mark?.line, value.mark?.column, "portfolio", "must be a mapping with a `shared` list")
      }
      for (k, v) in portfolio {
        guard k.string == "shared" else {
          throw failure(k.mark?.line, k.mark?.column, "portfolio.\(k.string ?? "?")",
                        "unknown key; `portfolio` takes only `shared`")
        }
        guard case .sequence(let list) = v else {
          throw failure(v.mark?.line, v.mark?.column, "portfolio.shared",
                        "must be a list of finding paths, e.g. [liability.work]")
        }
        for (i, item) in list.enumerated() {
          let p = item.string ?? ""
          let field = "portfolio.shared[\(i)]"
          if let finding = sharablePaths[p] {
            shared.append((p, finding))
          } else if let n = defenseIndex(p) {
            shared.append((p, .defense(n)))
          } else {
            throw failure(item.mark?.line, item.mark?.column, field,
                          "\"\(p)\" cannot be shared; allowed: \(sharablePaths.keys.sorted().joined(separator: ", ")), liability.defenses[N]")
          }
          if shared.dropLast().contains(where: { $0.0 == p }) {
            throw failure(item.mark?.line, item.mark?.column, field, "\"\(p)\" is listed twice")
          }
        }
      }
    }
    let root = Node.mapping(Node.Mapping(pairs, mapping.tag, mapping.style))
    // validated as the file itself, its portfolio block blanked line by line, so that every
    // error points at the template's own lines
    var lines = text.components(separatedBy: "\n")
    let keys = Array(mapping.keys)
    if let i = keys.firstIndex(where: { $0.string == "portfolio" }), let start = keys[i].mark?.line {
      let end = i + 1 < keys.count ? (keys[i + 1].mark?.line ?? lines.count + 1) - 1 : lines.count
      for l in (start - 1)..<Swift.min(end, lines.count) { lines[l] = "" }
    }
    let scenario = try ScenarioReader.parse(lines.joined(separator: "\n"), file: path)
    return BatchTemplate(
      path: path, root: root, shared: shared, digest: Digest.fnv1a(data),
      runs: scenario.simulation.runs, seed: scenario.simulation.seed)
  }

  /// `liability.defenses[N]` as N.
  static func defenseIndex(_ path: String) -> Int? {
    let prefix = "liability.defenses["
    guard path.hasPrefix(prefix), path.hasSuffix("]") else { return nil }
    return Int(path.dropFirst(prefix.count).dropLast())
  }

  static func emit(_ node: Node, file: String) throws(ScenarioError) -> String {
    do { return try Yams.serialize(node: node, width: -1, allowUnicode: true) } catch {
      throw ScenarioError(diagnostics: [ScenarioDiagnostic(file: file, message: "cannot write the claim's scenario: \(error)")])
    }
  }

  /// The shared findings as the engine takes them for a claim with `defenses` defences (a
  /// shared defence the claim does not have is left out for it).
  public func sharedFindings(seed: UInt64, defenses: Int) -> SharedFindings? {
    guard !shared.isEmpty else { return nil }
    let findings = shared.compactMap { path, finding -> SharedFindings.Finding? in
      if case .defense(let i) = finding, i >= defenses { return nil }
      return SharedFindings.Finding(gate: finding.gate(defenses: defenses),
                                    key: Digest.fnv1a(Data(path.utf8)))
    }
    return SharedFindings(seed: seed, findings: findings)
  }
}

/// A dotted scenario path as written in a column name: `case.claim`, `facts.actual_loss.median`,
/// `defendants[0].name`, `liability.defenses[1].success`.
struct ScenarioPath: Hashable {
  enum Step: Hashable {
    case key(String)
    case index(Int)
  }
  var steps: [Step]
  var text: String

  init?(_ text: String) {
    self.text = text
    var steps: [Step] = []
    for part in text.split(separator: ".", omittingEmptySubsequences: false) {
      var rest = Substring(part)
      guard let open = rest.firstIndex(of: "[") ?? Optional(rest.endIndex) else { return nil }
      let name = rest[..<open]
      guard !name.isEmpty, name.allSatisfy({ $0.isLetter || $0.isNumber || $0 == "_" }) else { return nil }
      steps.append(.key(String(name)))
      rest = rest[open...]
      while !rest.isEmpty {
        guard rest.first == "[", let close = rest.firstIndex(of: "]"),
              let i = Int(rest[rest.index(after: rest.startIndex)..<close]), i >= 0
        else { return nil }
        steps.append(.index(i))
        rest = rest[rest.index(after: close)...]
      }
    }
    guard !steps.isEmpty else { return nil }
    self.steps = steps
  }

  /// Whether a reader's error on `field` is about this path: the same field, a field inside it,
  /// or the field that holds it.
  func covers(_ field: String) -> Bool {
    field == text || field.hasPrefix(text + ".") || field.hasPrefix(text + "[")
      || text.hasPrefix(field + ".") || text.hasPrefix(field + "[")
  }

  /// The tree with the plain scalar `value` at this path; missing mappings are created, and a
  /// list is extended by one item when the index is its length.
  func set(_ value: String, in node: Node) -> Node? {
    Self.set(value, steps[...], in: node)
  }

  private static func set(_ value: String, _ steps: ArraySlice<Step>, in node: Node?) -> Node? {
    guard let step = steps.first else {
      return .scalar(Node.Scalar(value, .implicit, .plain))
    }
    switch step {
    case .key(let k):
      var pairs: [(Node, Node)] = []
      var tag = Tag.implicit
      var style = Node.Mapping.Style.any
      if let node {
        guard case .mapping(let m) = node else { return nil }
        pairs = m.map { ($0.key, $0.value) }
        tag = m.tag
        style = m.style
      }
      if let i = pairs.firstIndex(where: { $0.0.string == k }) {
        guard let child = set(value, steps.dropFirst(), in: pairs[i].1) else { return nil }
        pairs[i].1 = child
      } else {
        guard let child = set(value, steps.dropFirst(), in: nil) else { return nil }
        pairs.append((Node(k), child))
      }
      return .mapping(Node.Mapping(pairs, tag, style))
    case .index(let i):
      var items: [Node] = []
      var tag = Tag.implicit
      var style = Node.Sequence.Style.any
      if let node {
        guard case .sequence(let s) = node else { return nil }
        items = Array(s)
        tag = s.tag
        style = s.style
      }
      if i < items.count {
        guard let child = set(value, steps.dropFirst(), in: items[i]) else { return nil }
        items[i] = child
      } else if i == items.count {
        guard let child = set(value, steps.dropFirst(), in: nil) else { return nil }
        items.append(child)
      } else {
        return nil
      }
      return .sequence(Node.Sequence(items, tag, style))
    }
  }
}

/// FNV-1a, 64 bits: a digest to tell files apart (not a security measure).
public enum Digest {
  public static func fnv1a(_ data: Data) -> UInt64 {
    var h: UInt64 = 0xCBF2_9CE4_8422_2325
    for b in data {
      h ^= UInt64(b)
      h = h &* 0x100_0000_01B3
    }
    return h
  }

  /// The digest of a file's bytes, read a chunk at a time (nil when it cannot be read).
  public static func fnv1a(contentsOf path: String) -> UInt64? {
    guard let handle = FileHandle(forReadingAtPath: path) else { return nil }
    defer { try? handle.close() }
    var h: UInt64 = 0xCBF2_9CE4_8422_2325
    while true {
      let chunk: Data?
      do { chunk = try handle.read(upToCount: 1 << 16) } catch { return nil }
      // nil or empty: the end of the file
      guard let chunk, !chunk.isEmpty else { return h }
      for b in chunk {
        h ^= UInt64(b)
        h = h &* 0x100_0000_01B3
      }
    }
  }

  public static func hex(_ x: UInt64) -> String {
    let s = String(x, radix: 16)
    return String(repeating: "0", count: 16 - s.count) + s
  }
}

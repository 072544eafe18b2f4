import DamagesReports
import DamagesScenario
import Foundation

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

extension JSON {
  /// The tree of a YAML document (``ScenarioTree``) as the page's form reads it.
  init(_ tree: ScenarioTree.Value) {
    switch tree {
    case .null: self = .null
    case .bool(let b): self = .bool(b)
    case .number(let x): self = .number(x)
    case .string(let s): self = .string(s)
    case .array(let items): self = .array(items.map(JSON.init))
    case .object(let pairs): self = .object(pairs.map { ($0.0, JSON($0.1)) })
    }
  }
}

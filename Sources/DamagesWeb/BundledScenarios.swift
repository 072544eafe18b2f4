import DamagesReports
import DamagesScenario
import Foundation
import Synchronization

/// The bundled scenarios the page lists (the repository's `scenarios/` folder, or another
/// folder given with `--scenarios`): every `*.yaml` file by name, with its title.
///
/// Each file's text and title are kept after the first reading, and read again only when the
/// file changes (its size, modification time or inode): listing or opening one scenario does
/// not read and parse every file of the folder on each request.
struct BundledScenarios: Sendable {
  let folder: String?
  private let cache = Cache()

  init(folder: String?) { self.folder = folder }

  struct Entry: Sendable {
    var name: String
    var title: String
  }

  /// What was read of one file, and the identity it had then.
  private struct Cached {
    var identity: [Int]
    var text: String?
    var title: String
  }

  private final class Cache: Sendable {
    let files = Mutex<[String: Cached]>([:])
    /// Scenario files parsed so far (for the tests of the cache).
    let parses = Atomic<Int>(0)
  }

  /// Files parsed for their title since the server started.
  var parseCount: Int { cache.parses.load(ordering: .relaxed) }

  /// The files, sorted by name; a file whose title cannot be read is listed by name.
  func list() -> [Entry] {
    names().map { Entry(name: $0, title: cached($0)?.title ?? $0) }
  }

  /// The text of one listed file; nil for a name that is not listed (no path tricks).
  func text(of name: String) -> String? {
    guard names().contains(name) else { return nil }
    return cached(name)?.text
  }

  /// The scenario files' names, sorted.
  private func names() -> [String] {
    guard let folder else { return [] }
    return ((try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? [])
      .filter { $0.hasSuffix(".yaml") || $0.hasSuffix(".yml") }.sorted()
  }

  /// The file's text and title, read again only if it changed since they were kept.
  private func cached(_ name: String) -> Cached? {
    var info = stat()
    guard stat(path(name), &info) == 0 else { return nil }
    let identity = [Int(info.st_size), Int(info.st_mtim.tv_sec), Int(info.st_mtim.tv_nsec), Int(info.st_ino)]
    if let kept = cache.files.withLock({ $0[name] }), kept.identity == identity { return kept }
    let text = try? String(contentsOfFile: path(name), encoding: .utf8)
    cache.parses.add(1, ordering: .relaxed)
    let title = text.flatMap { try? ScenarioReader.parse($0, file: name).title } ?? name
    let entry = Cached(identity: identity, text: text, title: title)
    cache.files.withLock { $0[name] = entry }
    return entry
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

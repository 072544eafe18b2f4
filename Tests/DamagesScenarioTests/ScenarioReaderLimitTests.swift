import DamagesScenario
import Foundation
import Testing

/// A scratch folder of its own for each test that writes files.
func scratchFolder() throws -> URL {
  let url = FileManager.default.temporaryDirectory
    .appendingPathComponent("ScenarioReaderTests-\(UUID().uuidString)", isDirectory: true)
  try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
  return url
}

@Suite("Scenario reader: limits (docs/scenario-format.md, Input rules)")
struct ScenarioReaderLimitTests {
  @Test("A 9 MiB file is refused at once, before it is parsed")
  func tooLarge() throws {
    // Broken YAML after the comment: parsed, it would give a syntax error (as it does in a
    // small file), not only the size error.
    #expect(diagnostics("version: 1\ntitle: big\n: [\n").first?.contains("bytes") == false)
    let text =
      "version: 1\ntitle: big\n# " + String(repeating: "x", count: 9 * 1024 * 1024) + "\n: [\n"
    #expect(
      diagnostics(text) == [
        "s.yaml: error: the file is 9,437,213 bytes; a scenario file may be at most 8 MiB (8,388,608 bytes)"
      ])

    let folder = try scratchFolder()
    defer { try? FileManager.default.removeItem(at: folder) }
    let path = folder.appendingPathComponent("big.yaml").path
    try Data(text.utf8).write(to: URL(fileURLWithPath: path))
    do {
      _ = try ScenarioReader.read(contentsOf: path)
      Issue.record("accepted")
    } catch {
      #expect(error.exitCode == 65)
      #expect(
        error.description
          == "\(path): error: the file is 9,437,213 bytes; a scenario file may be at most 8 MiB (8,388,608 bytes)"
      )
    }
  }

  @Test("40 levels of flow nesting are refused before Yams composes them")
  func deepFlow() {
    let text =
      "version: 1\ntitle: t\nx: " + String(repeating: "[", count: 40)
      + String(repeating: "]", count: 40) + "\n"
    #expect(
      diagnostics(text) == [
        "s.yaml:3:36: error: nests deeper than 32 levels; a scenario nests at most 32 levels"
      ])
    // A million brackets cannot overflow the stack either.
    let huge = "version: 1\nx: " + String(repeating: "[", count: 1_000_000)
    #expect(
      diagnostics(huge) == [
        "s.yaml:2:36: error: nests deeper than 32 levels; a scenario nests at most 32 levels"
      ])
  }

  @Test("40 levels of block nesting are refused; brackets inside text do not count")
  func deepBlock() {
    var text = "version: 1\ntitle: t\nx:\n"
    for level in 1...40 {
      text += String(repeating: "  ", count: level) + "k\(level):\n"
    }
    text += String(repeating: "  ", count: 41) + "1\n"
    #expect(
      diagnostics(text) == [
        "s.yaml:35:65: error: nests deeper than 32 levels; a scenario nests at most 32 levels"
      ])
    let sequences = "version: 1\ntitle: t\nx:\n" + String(repeating: "- ", count: 2_000) + "1\n"
    #expect(
      diagnostics(sequences).first?.hasSuffix(
        "error: nests deeper than 32 levels; a scenario nests at most 32 levels") == true)
    let brackets = String(repeating: "[", count: 50)
    let text2 =
      head
      + "title2: \"\(brackets)\"\nfacts: {statutory_award: 500}\n# \(brackets)\nsource: |\n  \(brackets)\n"
    #expect(
      diagnostics(text2) == [
        "s.yaml:4:1: error: title2: unknown key `title2`; did you mean `title`?"
      ])
  }

  /// Expanded, the bomb below is 10^10 values: a reader that expanded before counting would
  /// exhaust memory instead of answering, so these tests need no clock.
  @Test("An alias bomb is refused before it is expanded")
  func aliasBomb() {
    var text = "version: 1\ntitle: t\na0: &a0 [x, x, x, x, x, x, x, x, x, x]\n"
    for level in 1...9 {
      let refs = Array(repeating: "*a\(level - 1)", count: 10).joined(separator: ", ")
      text += "a\(level): &a\(level) [\(refs)]\n"
    }
    text += "facts: {expenses: {dist: empirical, values: *a9}}\n"
    let messages = diagnostics(text)
    #expect(messages.count == 1)
    #expect(
      messages.first?.hasSuffix(
        "error: expands more than 10,000 YAML aliases; a scenario expands at most 10,000") == true)
  }

  @Test("An alias bomb used as a mapping key is refused before it is expanded too")
  func aliasKeyBomb() {
    var text = "version: 1\ntitle: t\na0: &a0 [x, x, x, x, x, x, x, x, x, x]\n"
    for level in 1...9 {
      let refs = Array(repeating: "*a\(level - 1)", count: 10).joined(separator: ", ")
      text += "a\(level): &a\(level) [\(refs)]\n"
    }
    text += "? *a9\n: 1\n"
    #expect(
      diagnostics(text) == [
        "s.yaml:13:1: error: a mapping key may not be an alias, a list or a mapping in a file that uses aliases (it could expand without bound); keys are text"
      ])
    #expect(
      diagnostics(text.replacingOccurrences(of: "? *a9\n: 1\n", with: "*a9 : 1\n"))
        == [
          "s.yaml:13:1: error: a mapping key may not be an alias, a list or a mapping in a file that uses aliases (it could expand without bound); keys are text"
        ])
    #expect(
      diagnostics(text.replacingOccurrences(of: "? *a9\n: 1\n", with: "x: {[*a9]: 1}\n")).count
        == 1)
  }

  @Test("10,000 alias expansions are allowed, 10,001 are not")
  func aliasCount() throws {
    func text(_ n: Int) -> String {
      head + "facts:\n  statutory_award: &v 500\n  expenses: {dist: empirical, values: ["
        + Array(repeating: "*v", count: n).joined(separator: ", ") + "]}\n"
    }
    let s = try parsed(text(10_000))
    if case .empirical(let values) = s.facts[.expenses] { #expect(values.count == 10_000) }
    #expect(
      diagnostics(text(10_001)).first?.hasSuffix(
        "error: expands more than 10,000 YAML aliases; a scenario expands at most 10,000") == true)
  }

  @Test("Aliases may not expand a file beyond what 8 MiB can hold")
  func aliasNodes() {
    // 5 × 10^8 values expanded: refused from the count, before they exist
    let big = "[" + Array(repeating: "1", count: 100_000).joined(separator: ",") + "]"
    let text =
      "version: 1\ntitle: t\na: &a \(big)\nb: ["
      + Array(repeating: "*a", count: 5_000).joined(separator: ",") + "]\n"
    let messages = diagnostics(text)
    #expect(messages.count == 1)
    #expect(
      messages.first?.hasSuffix(
        "error: aliases expand the file to more than 4,194,304 values, more than an 8 MiB file can hold written out"
      ) == true)
  }
}

@Suite("Scenario reader: odd files (docs/scenario-format.md, Input rules)")
struct ScenarioReaderOddFileTests {
  @Test("An empty file, or one with only comments")
  func empty() {
    let message = "s.yaml: error: empty file; a scenario is a mapping that starts with `version: 1`"
    #expect(diagnostics("") == [message])
    #expect(diagnostics("# nothing yet\n\n") == [message])
    #expect(diagnostics("---\n") == [message])
  }

  @Test("A top level that is not a mapping")
  func topLevel() {
    #expect(
      diagnostics("- version: 1\n") == [
        "s.yaml: error: the top level must be a mapping of keys (version, title, case, facts, …), got a list"
      ])
    #expect(
      diagnostics("hello\n") == [
        "s.yaml: error: the top level must be a mapping of keys (version, title, case, facts, …), got `hello`"
      ])
  }

  @Test("Binary and non-UTF-8 files")
  func binary() throws {
    #expect(
      diagnostics("version: 1\u{0}\n") == [
        "s.yaml: error: binary file (it contains NUL bytes); a scenario is YAML text in UTF-8"
      ])
    let folder = try scratchFolder()
    defer { try? FileManager.default.removeItem(at: folder) }
    let png = folder.appendingPathComponent("image.yaml")
    try Data([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0x00, 0x00]).write(to: png)
    let latin1 = folder.appendingPathComponent("latin1.yaml")
    try Data("title: caf\u{E9}\n".data(using: .isoLatin1)!).write(to: latin1)
    for (url, message) in [
      (png, "binary file (it contains NUL bytes); a scenario is YAML text in UTF-8"),
      (latin1, "not UTF-8 text; save the scenario as UTF-8"),
    ] {
      do {
        _ = try ScenarioReader.read(contentsOf: url.path)
        Issue.record("accepted")
      } catch {
        #expect(error.exitCode == 65)
        #expect(error.description == "\(url.path): error: \(message)")
      }
    }
  }

  @Test("A missing or unreadable file: exit 66")
  func missing() throws {
    let folder = try scratchFolder()
    defer { try? FileManager.default.removeItem(at: folder) }
    let missing = folder.appendingPathComponent("none.yaml").path
    for (path, reason) in [(missing, "no such file or directory"), (folder.path, "is a directory")]
    {
      do {
        _ = try ScenarioReader.read(contentsOf: path)
        Issue.record("accepted")
      } catch {
        #expect(error.exitCode == 66)
        #expect(error.description == "\(path): error: cannot read file: \(reason)")
      }
    }
  }

  @Test("A valid file is read from disk, a byte-order mark allowed")
  func readFromDisk() throws {
    let folder = try scratchFolder()
    defer { try? FileManager.default.removeItem(at: folder) }
    let url = folder.appendingPathComponent("ok.yaml")
    try Data(("\u{FEFF}" + head + "facts: {statutory_award: 500}\n").utf8).write(to: url)
    let s = try ScenarioReader.read(contentsOf: url.path)
    #expect(s.title == "test")
  }

  @Test("Diagnostics render in the compiler style")
  func rendering() {
    let located = ScenarioDiagnostic(
      file: "a.yaml", line: 3, column: 7, field: "facts.expenses", message: "m")
    #expect(located.rendered == "a.yaml:3:7: error: facts.expenses: m")
    #expect(ScenarioDiagnostic(file: "a.yaml", message: "m").rendered == "a.yaml: error: m")
    #expect(
      ScenarioDiagnostic(file: "a.yaml", field: "sweep.x", message: "m").rendered
        == "a.yaml: error: sweep.x: m")
    let error = ScenarioError(diagnostics: [located, located])
    #expect(error.exitCode == 65)
    #expect(
      error.description
        == "a.yaml:3:7: error: facts.expenses: m\na.yaml:3:7: error: facts.expenses: m")
  }
}

@Suite("Scenario reader: bundled scenarios")
struct ScenarioReaderBundledTests {
  /// The package's `scenarios` folder, found from this file.
  static let folder = URL(fileURLWithPath: #filePath)
    .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    .appendingPathComponent("scenarios")

  static var files: [String] {
    ((try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? [])
      .filter { $0.hasSuffix(".yaml") }.sorted()
  }

  @Test("Every bundled scenario is valid", arguments: files)
  func bundled(_ name: String) throws {
    _ = try ScenarioReader.read(contentsOf: Self.folder.appendingPathComponent(name).path)
  }
}

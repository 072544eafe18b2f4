public import DamagesSimulation
import Foundation
import Yams

/// Reads scenario files (docs/scenario-format.md): YAML text to a validated ``Scenario``, or every error of the
/// file (up to 20) in the compiler style `FILE:LINE:COLUMN: error: FIELD: message`.
///
/// The limits (docs/scenario-format.md, Input rules) are checked before anything large is allocated: the file's size
/// first, then the nesting of flow collections in the raw text, then (once Yams has composed
/// the tree) the nesting depth and the alias expansions of the tree.
public enum ScenarioReader {
  /// Reads and validates the scenario file at a path.
  ///
  /// A missing or unreadable file throws with exit code 66 and the message
  /// `PATH: error: cannot read file: REASON`; every other problem with 65.
  public static func read(contentsOf path: String) throws(ScenarioError) -> Scenario {
    var warnings: [ScenarioDiagnostic] = []
    return try read(contentsOf: path, warnings: &warnings)
  }

  /// Reads and validates the scenario file at a path, collecting the warnings about values
  /// that are allowed but rarely meant (an amount below 100 yuan for a claim, a probability
  /// written `60`) in `warnings`, whether the file is valid or not.
  public static func read(contentsOf path: String, warnings: inout [ScenarioDiagnostic])
    throws(ScenarioError) -> Scenario
  {
    let data = try load(path)
    if data.contains(0) { throw refusal(.binary, file: path) }
    guard let text = String(validating: data, as: UTF8.self) else {
      throw refusal(.notUTF8, file: path)
    }
    return try parse(text, file: path, warnings: &warnings)
  }

  /// Validates scenario text; `file` names it in the diagnostics.
  public static func parse(_ text: String, file: String) throws(ScenarioError) -> Scenario {
    var warnings: [ScenarioDiagnostic] = []
    return try parse(text, file: file, warnings: &warnings)
  }

  /// Applies the reader's limits to YAML text (its size, nesting, alias keys and alias
  /// expansions, as ``parse(_:file:)`` does first) without reading it as a scenario: for
  /// anything else that reads a scenario's YAML, before it composes the text itself.
  /// An empty document passes, and so does text that is not YAML (composing it fails anyway,
  /// and the caller says so in its own words).
  public static func checkLimits(_ text: String, file: String) throws(ScenarioError) {
    let bytes = text.utf8.count
    if bytes > Limits.fileBytes { throw refusal(.tooLarge(bytes: bytes), file: file) }
    if text.utf8.contains(0) { throw refusal(.binary, file: file) }
    var text = text
    if text.unicodeScalars.first == "\u{FEFF}" { text.unicodeScalars.removeFirst() }
    text = FlowGrouping.protect(text)
    let scan = TextScan.scan(text, limit: Limits.depth)
    if let position = scan.tooDeep { throw refusal(.tooDeep, at: position, file: file) }
    if let position = scan.aliasKey { throw refusal(.aliasKey, at: position, file: file) }
    switch YAMLComposer.compose(text) {
    case .empty, .failed:
      return
    case .document(let document):
      defer { withExtendedLifetime(document.parser) {} }
      if let issue = StructureCheck.check(document.root) { throw error([issue], file: file) }
    }
  }

  /// Validates scenario text, collecting warnings as ``read(contentsOf:warnings:)`` does.
  public static func parse(
    _ text: String, file: String, warnings: inout [ScenarioDiagnostic]
  ) throws(ScenarioError) -> Scenario {
    let bytes = text.utf8.count
    if bytes > Limits.fileBytes { throw refusal(.tooLarge(bytes: bytes), file: file) }
    if text.utf8.contains(0) { throw refusal(.binary, file: file) }
    var text = text
    if text.unicodeScalars.first == "\u{FEFF}" { text.unicodeScalars.removeFirst() }
    // `{min: 12,000, max: 30,000}`: the digit groups of a flow collection kept whole.
    text = FlowGrouping.protect(text)
    let scan = TextScan.scan(text, limit: Limits.depth)
    if let position = scan.tooDeep { throw refusal(.tooDeep, at: position, file: file) }
    if let position = scan.aliasKey { throw refusal(.aliasKey, at: position, file: file) }
    let document: ComposedDocument
    switch YAMLComposer.compose(text) {
    case .empty:
      throw refusal(.empty, file: file)
    case .failed(let issues):
      throw error(issues, file: file)
    case .document(let composed):
      document = composed
    }
    defer { withExtendedLifetime(document.parser) {} }
    if let issue = StructureCheck.check(document.root) {
      throw error([issue], file: file)
    }
    guard case .mapping(let root) = document.root else {
      if case .scalar(let s) = document.root, case .null = CoreSchema.value(of: s) {
        throw refusal(.empty, file: file)
      }
      throw refusal(.topLevelNotMapping(got: Describe.node(document.root)), file: file)
    }
    var reading = ScenarioFileV1()
    let scenario = reading.read(root: root, position: Position(root.mark))
    warnings = reading.warnings.sorted { ($0.position ?? Position(line: 0, column: 0)) < ($1.position ?? Position(line: 0, column: 0)) }.map {
      ScenarioDiagnostic(
        file: file, line: $0.position?.line, column: $0.position?.column, field: $0.field,
        message: $0.problem.message, severity: .warning)
    }
    var issues = reading.issues
    if let scenario {
      let findings = ScenarioRules.check(scenario, skipping: reading.failed)
      issues += findings.map { f in
        Issue(
          field: f.field, problem: f.problem,
          position: reading.map.position(of: f.at ?? f.field, f.anchoring))
      }
      if issues.isEmpty {
        issues += sweepIssues(scenario, reading.sweep, sweepPosition: reading.sweepPosition)
      }
      if issues.isEmpty { return scenario }
    }
    throw error(issues, file: file)
  }

  /// The scenario with one sweep point applied: the field at the dotted `path` (as in a
  /// file's `sweep`: `facts.multiplier`, `facts.proven.illegal_gains`, `liability.work`,
  /// `liability.defenses[0].success`, `defendants[1].share`, `case.claim`,
  /// `options.liquidated_cap_ratio`, `correlations[0]` for its rho, …) set to `value`,
  /// validated exactly as if the value were written in the file.
  ///
  /// A fact set to a number gets the defaults a number in the file would (a figure is proven
  /// with probability 1 unless `facts.proven` says otherwise), and correlations involving it
  /// are dropped: a fixed value has no rank to correlate. Errors name the field
  /// `sweep.PATH` and carry no position.
  public static func setting(
    _ path: String, to value: Double, in scenario: Scenario,
    file: String
  ) throws(ScenarioError) -> Scenario {
    let field = "sweep.\(path)"
    guard let target = SweepTarget(path: path) else {
      let suggestion = Suggestion.nearest(to: path, in: SweepTarget.candidates(in: scenario))
      throw error(
        [
          Issue(
            field: field, problem: .notSweepable(path: path, suggestion: suggestion), position: nil)
        ],
        file: file)
    }
    var result = scenario
    let setting = "\(target.path) = \(Format.number(value))"
    if let problem = target.apply(value, to: &result) {
      throw error(
        [
          Issue(
            field: field, problem: .sweepPoint(setting: setting, problem, field: nil), position: nil
          )
        ],
        file: file)
    }
    let findings = ScenarioRules.check(result)
    guard findings.isEmpty else {
      throw error(
        findings.map { f in
          Issue(
            field: field,
            problem: .sweepPoint(
              setting: setting, f.problem, field: f.field == target.path ? nil : f.field),
            position: nil)
        }, file: file)
    }
    return result
  }

  // MARK: Sweep points

  /// Every sweep value checked as if written in the file (an error on that sweep entry), then,
  /// if each value passes on its own, every point of the grid (an error on `sweep`).
  private static func sweepIssues(
    _ base: Scenario, _ entries: [ScenarioFileV1.SweepEntry],
    sweepPosition: Position?
  ) -> [Issue] {
    var issues: [Issue] = []
    var seen = Set<String>()
    func add(_ issue: Issue) {
      guard issues.count < Limits.diagnostics else { return }
      if seen.insert("\(issue.field ?? "")|\(issue.problem.message)").inserted {
        issues.append(issue)
      }
    }
    for entry in entries {
      let isList = !entry.valuePositions.isEmpty
      for (k, value) in entry.values.enumerated() {
        let field = isList ? "sweep.\(entry.path)[\(k)]" : "sweep.\(entry.path)"
        let position = isList ? entry.valuePositions[k] : entry.keyPosition
        let setting = isList ? nil : "\(entry.path) = \(Format.number(value))"
        var point = base
        if let problem = entry.target.apply(value, to: &point) {
          add(
            Issue(
              field: field, problem: .sweepPoint(setting: setting, problem, field: nil),
              position: position))
          continue
        }
        for f in ScenarioRules.check(point) {
          let other = f.field == entry.path ? nil : f.field
          add(
            Issue(
              field: field, problem: .sweepPoint(setting: setting, f.problem, field: other),
              position: position))
        }
      }
    }
    guard issues.isEmpty, entries.count >= 2 else { return issues }
    var index = [Int](repeating: 0, count: entries.count)
    while issues.count < Limits.diagnostics {
      var point = base
      var settings: [String] = []
      for (axis, entry) in entries.enumerated() {
        let value = entry.values[index[axis]]
        _ = entry.target.apply(value, to: &point)
        settings.append("\(entry.path) = \(Format.number(value))")
      }
      for f in ScenarioRules.check(point) {
        add(
          Issue(
            field: "sweep",
            problem: .sweepPoint(
              setting: settings.joined(separator: ", "), f.problem, field: f.field),
            position: sweepPosition))
      }
      // The next grid point, the last axis fastest.
      var axis = entries.count - 1
      while axis >= 0 {
        index[axis] += 1
        if index[axis] < entries[axis].values.count { break }
        index[axis] = 0
        axis -= 1
      }
      if axis < 0 { break }
    }
    return issues
  }

  // MARK: Files

  private static func load(_ path: String) throws(ScenarioError) -> Data {
    func cannotRead(_ reason: String) -> ScenarioError {
      ScenarioError(
        diagnostics: [
          ScenarioDiagnostic(file: path, message: Problem.cannotRead(reason: reason).message)
        ],
        exitCode: ScenarioError.noInput)
    }
    let files = FileManager.default
    var isDirectory: ObjCBool = false
    guard files.fileExists(atPath: path, isDirectory: &isDirectory) else {
      throw cannotRead("no such file or directory")
    }
    if isDirectory.boolValue { throw cannotRead("is a directory") }
    guard files.isReadableFile(atPath: path) else { throw cannotRead("permission denied") }
    if let size = (try? files.attributesOfItem(atPath: path))?[.size] as? NSNumber,
      size.intValue > Limits.fileBytes
    {
      throw refusal(.tooLarge(bytes: size.intValue), file: path)
    }
    do {
      let handle = try FileHandle(forReadingFrom: URL(fileURLWithPath: path))
      defer { try? handle.close() }
      let data = try handle.read(upToCount: Limits.fileBytes + 1) ?? Data()
      if data.count > Limits.fileBytes { throw refusal(.tooLarge(bytes: data.count), file: path) }
      return data
    } catch let error as ScenarioError {
      throw error
    } catch {
      throw cannotRead(reason(error))
    }
  }

  private static func reason(_ error: any Error) -> String {
    if let cocoa = error as? CocoaError {
      switch cocoa.code {
      case .fileReadNoSuchFile, .fileNoSuchFile: return "no such file or directory"
      case .fileReadNoPermission: return "permission denied"
      default: break
      }
    }
    if let posix = error as? POSIXError {
      switch posix.code {
      case .ENOENT: return "no such file or directory"
      case .EACCES, .EPERM: return "permission denied"
      case .EISDIR: return "is a directory"
      default: break
      }
    }
    return error.localizedDescription
  }

  // MARK: Errors

  private static func refusal(_ problem: Problem, at position: Position? = nil, file: String)
    -> ScenarioError
  {
    error([Issue(field: nil, problem: problem, position: position)], file: file)
  }

  /// The issues in file order (those without a position first), at most twenty.
  private static func error(_ issues: [Issue], file: String) -> ScenarioError {
    let ordered = issues.enumerated().sorted { a, b in
      switch (a.element.position, b.element.position) {
      case (let p?, let q?): return p != q ? p < q : a.offset < b.offset
      case (nil, _?): return true
      case (_?, nil): return false
      case (nil, nil): return a.offset < b.offset
      }
    }
    let diagnostics = ordered.prefix(Limits.diagnostics).map { item in
      let issue = item.element
      return ScenarioDiagnostic(
        file: file, line: issue.position?.line, column: issue.position?.column,
        field: issue.field, message: issue.problem.message)
    }
    return ScenarioError(diagnostics: Array(diagnostics), exitCode: ScenarioError.dataError)
  }
}

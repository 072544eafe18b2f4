public import DamagesSimulation
import Foundation
import Yams

/// One row of a claims spreadsheet: its scenario, or every error found in it.
public struct BatchClaim: Sendable {
  /// 0-based position among the data rows (the order of the output, and of sharding).
  public var index: Int
  public var id: String
  /// The row number a spreadsheet shows.
  public var row: Int
  public var scenario: Scenario?
  /// `CLAIMS:ROW:COLUMN: error: id X: FIELD: message`, one a line.
  public var errors: [String]
}

/// The rows of a claims spreadsheet as scenarios (docs/batch.md): every cell is put into the
/// template's tree at its column's path as a plain YAML scalar, so that the scenario reader
/// reads and validates it exactly as if it were written in a scenario file.
public enum BatchClaims {
  /// Columns that are not scenario paths.
  static let reserved = ["id", "scenario"]

  /// Every claim of a sheet, built at once (``BatchRows/claim(_:)`` for each row).
  public static func build(sheet: ClaimsSheet, template: BatchTemplate, claimsPath: String)
    throws(ClaimsSheet.Failure) -> [BatchClaim]
  {
    let rows = try BatchRows(sheet: sheet, template: template, claimsPath: claimsPath)
    return (0..<rows.count).map(rows.claim)
  }
}

/// The claims of a sheet, each built when it is asked for (docs/batch.md, Memory and speed): a
/// batch holds the sheet's cells, not a scenario per row, and its workers build the rows they
/// compute, each on its own thread.
public struct BatchRows: @unchecked Sendable {
  public var count: Int { sheet.rows.count }
  let sheet: ClaimsSheet
  let template: BatchTemplate
  let claimsPath: String
  let folder: String
  let idColumn: Int
  let scenarioColumn: Int?
  let paths: [Int: ScenarioPath]
  let ordered: [Int]
  /// The id errors (an empty id, an id already used by an earlier row), by row index: they
  /// depend on the earlier rows, so they are found once, in order, before any row is built.
  let idErrors: [Int: String]
  /// Yams resolves a node's tag by writing into the tag object, which the template's nodes
  /// share with every row's copy of them: the tree edits and the writing of a row's scenario
  /// text are done one row at a time (the reading of that text, most of the work, is not).
  let treeLock = NSLock()

  /// The header checked; a header that cannot be used (no `id` column, a name that is not a
  /// scenario path, a column twice) throws, naming every such column.
  public init(sheet: ClaimsSheet, template: BatchTemplate, claimsPath: String)
    throws(ClaimsSheet.Failure)
  {
    var problems: [String] = []
    var paths: [Int: ScenarioPath] = [:]
    var idColumn: Int?
    var scenarioColumn: Int?
    for (c, name) in sheet.header.enumerated() {
      let at = "\(claimsPath):1:\(ClaimsSheet.letter(c)): error: column \"\(name)\": "
      if sheet.header[..<c].contains(name) {
        problems.append(at + "named twice")
        continue
      }
      switch name {
      case "id": idColumn = c
      case "scenario": scenarioColumn = c
      case "": problems.append(at + "no name; row 1 names every column")
      default:
        guard let path = ScenarioPath(name) else {
          problems.append(at + "not a scenario path; write a dotted path such as case.claim, facts.actual_loss.median or defendants[0].name")
          continue
        }
        if case .key(let top) = path.steps[0], ["simulation", "portfolio", "sweep", "version"].contains(top) {
          problems.append(at + "\(top) is the same for every claim of a batch: set it in the template (or with --runs and --seed)")
          continue
        }
        paths[c] = path
      }
    }
    if idColumn == nil {
      problems.insert("\(claimsPath):1: error: no `id` column: row 1 must have a column named id (each claim's name in the output)", at: 0)
    }
    guard problems.isEmpty, let idColumn else {
      throw ClaimsSheet.Failure(message: problems.joined(separator: "\n"), exitCode: 65)
    }
    var firstRow: [String: Int] = [:]
    var idErrors: [Int: String] = [:]
    for (index, row) in sheet.rows.enumerated() {
      let id = row.cells[idColumn].trimmingCharacters(in: .whitespaces)
      let at = "\(claimsPath):\(row.number):\(ClaimsSheet.letter(idColumn)): error: id \(id.isEmpty ? "(none)" : id): "
      if id.isEmpty {
        idErrors[index] = at + "id: empty; every row needs an id"
      } else if let first = firstRow[id] {
        idErrors[index] = at + "id: \"\(id)\" is already the id of row \(first); ids must be unique"
      } else {
        firstRow[id] = row.number
      }
    }
    self.sheet = sheet
    self.template = template
    self.claimsPath = claimsPath
    self.folder = (claimsPath as NSString).deletingLastPathComponent
    self.idColumn = idColumn
    self.scenarioColumn = scenarioColumn
    self.paths = paths
    self.ordered = paths.keys.sorted()
    self.idErrors = idErrors
  }

  /// The claim of row `index` (0-based among the data rows): its scenario, or every error
  /// found in it. Safe to call from several threads at once.
  public func claim(_ index: Int) -> BatchClaim {
    let row = sheet.rows[index]
    let id = row.cells[idColumn].trimmingCharacters(in: .whitespaces)
    var errors: [String] = []
    func at(_ column: Int) -> String {
      "\(claimsPath):\(row.number):\(ClaimsSheet.letter(column)): error: id \(id.isEmpty ? "(none)" : id): "
    }
    if let idError = idErrors[index] { errors.append(idError) }
    var fallback = idColumn
    var own: Node?
    if let sc = scenarioColumn {
      let file = row.cells[sc].trimmingCharacters(in: .whitespaces)
      if !file.isEmpty {
        fallback = sc
        let full = file.hasPrefix("/") ? file : (folder as NSString).appendingPathComponent(file)
        if let text = FileManager.default.contents(atPath: full).flatMap({ String(data: $0, encoding: .utf8) }),
           let parsed = try? Yams.compose(yaml: text), case .mapping = parsed {
          own = parsed
        } else {
          do {
            _ = try ScenarioReader.read(contentsOf: full)
            errors.append(at(sc) + "scenario: \(full): cannot be read as a scenario")
          } catch {
            errors += error.diagnostics.map { at(sc) + "scenario: " + $0.rendered }
          }
          return BatchClaim(index: index, id: id, row: row.number, scenario: nil, errors: errors)
        }
      }
    }
    // the row's scenario text, written from the template's tree (or the row's own file's)
    var text: String?
    var emitError: ScenarioError?
    do {
      // a row's own file is its own tree, shared with no other row
      if own == nil { treeLock.lock() }
      defer { if own == nil { treeLock.unlock() } }
      var node = own ?? template.root
      for c in ordered {
        let cell = row.cells[c].trimmingCharacters(in: .whitespaces)
        guard !cell.isEmpty else { continue }
        if let updated = paths[c]!.set(cell, in: node) {
          node = updated
        } else {
          errors.append(at(c) + "\(paths[c]!.text): the template holds a different kind of value on this path (a list index past its end, or a value where a mapping is needed)")
        }
      }
      if errors.isEmpty {
        do throws(ScenarioError) { text = try BatchTemplate.emit(node, file: claimsPath) } catch {
          emitError = error
        }
      }
    }
    var scenario: Scenario?
    if errors.isEmpty {
      do throws(ScenarioError) {
        if let emitError { throw emitError }
        scenario = try ScenarioReader.parse(text!, file: claimsPath)
      } catch {
        for d in error.diagnostics {
          let field = d.field ?? ""
          let column = ordered.filter { paths[$0]!.covers(field) }
            .max { paths[$0]!.text.count < paths[$1]!.text.count } ?? fallback
          errors.append(at(column) + (d.field.map { "\($0): " } ?? "") + d.message)
        }
      }
    }
    return BatchClaim(index: index, id: id, row: row.number,
                      scenario: errors.isEmpty ? scenario : nil, errors: errors)
  }
}

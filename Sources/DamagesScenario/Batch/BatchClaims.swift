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

  /// Every claim of a sheet, built at once (``BatchRows/claim(_:index:)`` for each row).
  public static func build(sheet: ClaimsSheet, template: BatchTemplate, claimsPath: String)
    throws(ClaimsSheet.Failure) -> [BatchClaim]
  {
    let rows = try BatchRows(sheet: sheet, template: template, claimsPath: claimsPath)
    return sheet.rows.enumerated().map { rows.claim($1, index: $0) }
  }
}

/// The claims of a sheet, each built when it is asked for (docs/batch.md, Memory and speed): a
/// batch holds neither a scenario per row nor a CSV sheet's cells; its workers take the rows
/// in order from a ``Cursor`` and build the claims they compute, each on its own thread.
public struct BatchRows: @unchecked Sendable {
  /// The number of data rows (claims).
  public let count: Int
  let file: ClaimsFile
  let template: BatchTemplate
  let claimsPath: String
  let folder: String
  let idColumn: Int
  let scenarioColumn: Int?
  let paths: [Int: ScenarioPath]
  let ordered: [Int]
  /// The id errors (an empty id, an id already used by an earlier row), by row index: they
  /// depend on the earlier rows, so they are found once, in order, before any row is built.
  /// Only the bad rows' are kept.
  let idErrors: [Int: String]
  /// Yams resolves a node's tag by writing into the tag object, which the template's nodes
  /// share with every row's copy of them: the tree edits and the writing of a row's scenario
  /// text are done one row at a time (the reading of that text, most of the work, is not).
  let treeLock = NSLock()

  /// The rows of a sheet held in memory.
  public init(sheet: ClaimsSheet, template: BatchTemplate, claimsPath: String)
    throws(ClaimsSheet.Failure)
  {
    try self.init(file: ClaimsFile(sheet: sheet, path: claimsPath), template: template, claimsPath: claimsPath)
  }

  /// A row's id as a 64-bit digest (FNV-1a of its UTF-8 bytes), for the uniqueness check.
  static func idDigest(_ id: String) -> UInt64 { Digest.fnv1a(Data(id.utf8)) }

  /// The header checked; a header that cannot be used (no `id` column, a name that is not a
  /// scenario path, a column twice) throws, naming every such column. Then the rows are read
  /// once for their ids (a CSV file a row at a time).
  public init(file: ClaimsFile, template: BatchTemplate, claimsPath: String)
    throws(ClaimsSheet.Failure)
  {
    try self.init(file: file, template: template, claimsPath: claimsPath, idDigest: Self.idDigest)
  }

  init(file: ClaimsFile, template: BatchTemplate, claimsPath: String, idDigest: (String) -> UInt64)
    throws(ClaimsSheet.Failure)
  {
    let header = file.header
    var problems: [String] = []
    var paths: [Int: ScenarioPath] = [:]
    var idColumn: Int?
    var scenarioColumn: Int?
    for (c, name) in header.enumerated() {
      let at = "\(claimsPath):1:\(ClaimsSheet.letter(c)): error: column \"\(name)\": "
      if header[..<c].contains(name) {
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
    // Ids must be unique. The rows are read once for their ids' digests (8 bytes a row, for
    // this check only); only the rows whose digest is not unique are read again, and their ids
    // themselves decide, so a digest shared by two different ids is never an error.
    func at(_ row: ClaimsSheet.Row, _ id: String) -> String {
      "\(claimsPath):\(row.number):\(ClaimsSheet.letter(idColumn)): error: id \(id.isEmpty ? "(none)" : id): "
    }
    var idErrors: [Int: String] = [:]
    var digests: [UInt64] = []
    var count = 0
    let pass = try file.rows()
    while let row = try pass.next() {
      let id = row.cells[idColumn].trimmingCharacters(in: .whitespaces)
      if id.isEmpty {
        idErrors[count] = at(row, id) + "id: empty; every row needs an id"
      } else {
        digests.append(idDigest(id))
      }
      count += 1
    }
    digests.sort()
    var repeated = Set<UInt64>()
    for i in digests.indices.dropFirst() where digests[i] == digests[i - 1] { repeated.insert(digests[i]) }
    digests = []
    if !repeated.isEmpty {
      var firstRow: [String: Int] = [:]
      let again = try file.rows()
      var index = 0
      while let row = try again.next() {
        defer { index += 1 }
        let id = row.cells[idColumn].trimmingCharacters(in: .whitespaces)
        guard !id.isEmpty, repeated.contains(idDigest(id)) else { continue }
        if let first = firstRow[id] {
          idErrors[index] = at(row, id) + "id: \"\(id)\" is already the id of row \(first); ids must be unique"
        } else {
          firstRow[id] = row.number
        }
      }
    }
    self.count = count
    self.file = file
    self.template = template
    self.claimsPath = claimsPath
    self.folder = (claimsPath as NSString).deletingLastPathComponent
    self.idColumn = idColumn
    self.scenarioColumn = scenarioColumn
    self.paths = paths
    self.ordered = paths.keys.sorted()
    self.idErrors = idErrors
  }

  /// The rows of shard K of N (every `step`-th row from `first`), in order, for the workers
  /// of a batch: each takes the next row and builds its claim (``claim(_:index:)``).
  public func cursor(first: Int = 0, step: Int = 1) -> Cursor {
    Cursor(pass: try? file.rows(), count: count, first: first, step: step)
  }

  /// The claims file read in order by several threads, one row at a time: a CSV file's rows
  /// are read from the file as they are taken.
  public final class Cursor: @unchecked Sendable {
    private let lock = NSLock()
    private let pass: ClaimsFile.Rows?
    private let count, first, step: Int
    /// The index of the next row read, and the position of the next row handed out.
    private var index = 0, j = 0

    init(pass: ClaimsFile.Rows?, count: Int, first: Int, step: Int) {
      self.pass = pass
      self.count = count
      self.first = first
      self.step = step
    }

    /// The next row of the shard: its position among the shard's rows, its index among all
    /// rows, and its cells; nil after the last (or when the file, read again, has fewer rows
    /// than it had: ``ClaimsFile/isUnchanged`` then says so).
    public func next() -> (j: Int, index: Int, row: ClaimsSheet.Row)? {
      lock.lock()
      defer { lock.unlock() }
      while index < count {
        guard let pass, let row = try? pass.next() else {
          index = count
          return nil
        }
        let i = index
        index += 1
        if i >= first && (i - first) % step == 0 {
          defer { j += 1 }
          return (j, i, row)
        }
      }
      return nil
    }
  }

  /// Whether the claims file is still what was read (``ClaimsFile/isUnchanged``).
  public var isUnchanged: Bool { file.isUnchanged }

  /// The claim of a data row, `index` its position among the data rows (0-based): its
  /// scenario, or every error found in it. Safe to call from several threads at once.
  public func claim(_ row: ClaimsSheet.Row, index: Int) -> BatchClaim {
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

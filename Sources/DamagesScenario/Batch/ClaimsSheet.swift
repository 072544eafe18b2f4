import CSV
public import Foundation
import ZIPFoundation
#if canImport(FoundationXML)
  import FoundationXML
#endif

/// The claims spreadsheet of `damages batch` (docs/batch.md): a CSV file (UTF-8, with or
/// without a byte-order mark, comma or tab separated) or the first sheet (or a named one) of an
/// .xlsx workbook. Row 1 holds the column names; every cell is kept as the text it shows.
public struct ClaimsSheet: Sendable {
  /// One data row: its number as a spreadsheet shows it (the header is row 1) and its cells,
  /// one per column (missing trailing cells are empty).
  public struct Row: Sendable {
    public var number: Int
    public var cells: [String]
  }

  public var header: [String]
  public var rows: [Row]

  /// Why a claims file could not be read at all: `FILE: error: message`, exit 66 for a missing
  /// or unreadable file, 65 for one that is not a table.
  public struct Failure: Error, CustomStringConvertible {
    public var message: String
    public var exitCode: Int32
    public var description: String { message }
  }

  /// The spreadsheet letter of a 0-based column: A, …, Z, AA, AB, …
  public static func letter(_ column: Int) -> String {
    var n = column + 1
    var s = ""
    while n > 0 {
      let r = (n - 1) % 26
      s = String(UnicodeScalar(UInt8(65 + r))) + s
      n = (n - 1) / 26
    }
    return s
  }

  /// Reads a claims file; `.xlsx` by its extension, anything else as CSV.
  public static func read(path: String, sheet: String? = nil) throws(Failure) -> ClaimsSheet {
    guard let data = FileManager.default.contents(atPath: path) else {
      let reason = FileManager.default.fileExists(atPath: path) ? "permission denied" : "no such file"
      throw Failure(message: "\(path): error: cannot read file: \(reason)", exitCode: 66)
    }
    let table: ClaimsSheet
    if path.lowercased().hasSuffix(".xlsx") {
      table = try Workbook.read(data, path: path, sheet: sheet)
    } else {
      if sheet != nil {
        throw Failure(message: "\(path): error: --sheet applies to .xlsx workbooks only", exitCode: 64)
      }
      table = try csv(data, path: path)
    }
    guard !table.header.isEmpty, table.header.contains(where: { !$0.isEmpty }) else {
      throw noHeader(path)
    }
    return table
  }

  static func csv(_ data: Data, path: String) throws(Failure) -> ClaimsSheet {
    guard var text = String(data: data, encoding: .utf8) else { throw notUTF8(path) }
    if text.unicodeScalars.first == "\u{FEFF}" { text.unicodeScalars.removeFirst() }
    let firstLine = text.prefix { $0 != "\n" && $0 != "\r\n" && $0 != "\r" }
    let delimiter: UnicodeScalar = firstLine.contains("\t") && !firstLine.contains(",") ? "\t" : ","
    var records: [[String]] = []
    do {
      let reader = try CSVReader(string: text, hasHeaderRow: false, trimFields: false,
                                 delimiter: delimiter)
      while let record = reader.next() { records.append(record) }
      if let error = reader.error { throw error }
    } catch {
      throw Failure(message: "\(path): error: not a readable CSV table: \(error)", exitCode: 65)
    }
    guard let header = records.first else { return ClaimsSheet(header: [], rows: []) }
    let rows = records.dropFirst().enumerated().map { i, cells in
      Row(number: i + 2, cells: cells)
    }
    return ClaimsSheet(header: header, rows: rows).normalized()
  }

  /// Trims the header names, pads short rows, and drops rows whose cells are all empty.
  func normalized() -> ClaimsSheet {
    let header = self.header.map { $0.trimmingCharacters(in: .whitespaces) }
    let rows = self.rows.compactMap { row -> Row? in
      guard row.cells.contains(where: { !$0.trimmingCharacters(in: .whitespaces).isEmpty }) else {
        return nil
      }
      var cells = row.cells
      if cells.count < header.count {
        cells += [String](repeating: "", count: header.count - cells.count)
      }
      return Row(number: row.number, cells: cells)
    }
    return ClaimsSheet(header: header, rows: rows)
  }
}

/// The parts of an .xlsx workbook that hold a sheet's cells (ECMA-376 SpreadsheetML): the
/// workbook's sheet list and relationships, the shared strings, and the sheet itself.
enum Workbook {
  static func read(_ data: Data, path: String, sheet wanted: String?) throws(ClaimsSheet.Failure)
    -> ClaimsSheet
  {
    func fail(_ message: String) -> ClaimsSheet.Failure {
      ClaimsSheet.Failure(message: "\(path): error: \(message)", exitCode: 65)
    }
    let archive: Archive
    do { archive = try Archive(data: data, accessMode: .read) } catch {
      throw fail("not an .xlsx workbook (not a ZIP archive)")
    }
    func part(_ name: String) -> Data? {
      guard let entry = archive[name] else { return nil }
      var out = Data()
      do { _ = try archive.extract(entry) { out.append($0) } } catch { return nil }
      return out
    }
    guard let workbook = part("xl/workbook.xml") else {
      throw fail("not an .xlsx workbook (no xl/workbook.xml)")
    }
    let sheets = XMLElements.collect(workbook, named: ["sheet"])
    guard !sheets.isEmpty else { throw fail("the workbook has no sheet") }
    let chosen: XMLElements.Element
    if let wanted {
      guard let found = sheets.first(where: { $0.attributes["name"] == wanted }) else {
        let names = sheets.compactMap { $0.attributes["name"] }.joined(separator: ", ")
        throw ClaimsSheet.Failure(
          message: "\(path): error: --sheet: no sheet named \"\(wanted)\"; the workbook has: \(names)",
          exitCode: 64)
      }
      chosen = found
    } else {
      chosen = sheets[0]
    }
    let relationship = chosen.attributes["r:id"] ?? chosen.attributes.first { $0.key.hasSuffix(":id") }?.value
    var target = "xl/worksheets/sheet1.xml"
    if let relationship, let rels = part("xl/_rels/workbook.xml.rels") {
      for r in XMLElements.collect(rels, named: ["Relationship"]) where r.attributes["Id"] == relationship {
        if let t = r.attributes["Target"] {
          target = t.hasPrefix("/") ? String(t.dropFirst()) : "xl/" + t
        }
      }
    }
    var shared: [String] = []
    if let strings = part("xl/sharedStrings.xml") { shared = SharedStrings.parse(strings) }
    guard let sheetData = part(target) else { throw fail("the workbook's sheet part \(target) is missing") }
    let cells = SheetCells.parse(sheetData, shared: shared)
    guard let maxRow = cells.keys.map(\.row).max() else { return ClaimsSheet(header: [], rows: []) }
    let maxColumn = cells.keys.map(\.column).max() ?? 0
    func rowCells(_ r: Int) -> [String] {
      (0...maxColumn).map { cells[SheetCells.Key(row: r, column: $0)] ?? "" }
    }
    var header = rowCells(1)
    while header.last == "" { header.removeLast() }
    let rows = (2...Swift.max(2, maxRow)).filter { r in r <= maxRow }.map { r in
      ClaimsSheet.Row(number: r, cells: Array(rowCells(r).prefix(Swift.max(header.count, 1))))
    }
    return ClaimsSheet(header: header, rows: rows).normalized()
  }
}

/// Every element with one of the given names, with its attributes (for the small parts).
enum XMLElements {
  struct Element {
    var name: String
    var attributes: [String: String]
  }

  static func collect(_ data: Data, named names: Set<String>) -> [Element] {
    final class Delegate: NSObject, XMLParserDelegate {
      let names: Set<String>
      var found: [Element] = []
      init(names: Set<String>) { self.names = names }
      func parser(_ parser: XMLParser, didStartElement name: String, namespaceURI: String?,
                  qualifiedName: String?, attributes: [String: String] = [:]) {
        if names.contains(name) { found.append(Element(name: name, attributes: attributes)) }
      }
    }
    let parser = XMLParser(data: data)
    let delegate = Delegate(names: names)
    parser.delegate = delegate
    parser.parse()
    return delegate.found
  }
}

/// `xl/sharedStrings.xml`: each `si` is one string, the concatenation of its `t` texts (rich
/// text runs included, phonetic runs left out).
enum SharedStrings {
  static func parse(_ data: Data) -> [String] {
    final class Delegate: NSObject, XMLParserDelegate {
      var strings: [String] = []
      var current = ""
      var inText = false
      var inPhonetic = false
      func parser(_ parser: XMLParser, didStartElement name: String, namespaceURI: String?,
                  qualifiedName: String?, attributes: [String: String] = [:]) {
        switch name {
        case "si": current = ""
        case "t": inText = true
        case "rPh": inPhonetic = true
        default: break
        }
      }
      func parser(_ parser: XMLParser, didEndElement name: String, namespaceURI: String?,
                  qualifiedName: String?) {
        switch name {
        case "si": strings.append(current)
        case "t": inText = false
        case "rPh": inPhonetic = false
        default: break
        }
      }
      func parser(_ parser: XMLParser, foundCharacters string: String) {
        if inText && !inPhonetic { current += string }
      }
    }
    let parser = XMLParser(data: data)
    let delegate = Delegate()
    parser.delegate = delegate
    parser.parse()
    return delegate.strings
  }
}

/// A worksheet's cells by position: shared strings (`t="s"`), inline strings, formula results
/// (`t="str"`), booleans (`t="b"`, as `true`/`false`) and numbers (their stored text).
enum SheetCells {
  struct Key: Hashable {
    var row: Int
    var column: Int
  }

  /// "C7" as (row 7, column 2).
  static func position(_ reference: String) -> Key? {
    var column = 0
    var digits = ""
    for ch in reference.unicodeScalars {
      if ch.value >= 65 && ch.value <= 90 {
        column = column * 26 + Int(ch.value - 64)
      } else if ch.value >= 48 && ch.value <= 57 {
        digits.unicodeScalars.append(ch)
      } else {
        return nil
      }
    }
    guard column > 0, let row = Int(digits) else { return nil }
    return Key(row: row, column: column - 1)
  }

  static func parse(_ data: Data, shared: [String]) -> [Key: String] {
    final class Delegate: NSObject, XMLParserDelegate {
      let shared: [String]
      var cells: [Key: String] = [:]
      var row = 0
      var column = -1
      var reference: Key?
      var type = ""
      var text = ""
      var collecting = false
      init(shared: [String]) { self.shared = shared }
      func parser(_ parser: XMLParser, didStartElement name: String, namespaceURI: String?,
                  qualifiedName: String?, attributes: [String: String] = [:]) {
        switch name {
        case "row":
          row = attributes["r"].flatMap(Int.init) ?? row + 1
          column = -1
        case "c":
          if let r = attributes["r"], let key = SheetCells.position(r) {
            reference = key
            column = key.column
          } else {
            column += 1
            reference = Key(row: row, column: column)
          }
          type = attributes["t"] ?? "n"
          text = ""
        case "v", "t":
          collecting = true
        default: break
        }
      }
      func parser(_ parser: XMLParser, didEndElement name: String, namespaceURI: String?,
                  qualifiedName: String?) {
        switch name {
        case "v", "t": collecting = false
        case "c":
          guard let key = reference else { return }
          let value: String
          switch type {
          case "s": value = Int(text).flatMap { $0 < shared.count ? shared[$0] : nil } ?? ""
          case "b": value = text == "1" ? "true" : "false"
          default: value = text
          }
          if !value.isEmpty { cells[key] = value }
          reference = nil
        default: break
        }
      }
      func parser(_ parser: XMLParser, foundCharacters string: String) {
        if collecting { text += string }
      }
    }
    let parser = XMLParser(data: data)
    let delegate = Delegate(shared: shared)
    parser.delegate = delegate
    parser.parse()
    return delegate.cells
  }
}

/// A claims file read a row at a time (docs/batch.md, Memory and speed). A CSV file is read
/// anew from its start for each pass over its rows (one to check the ids, one to compute), so
/// that its cells are never all in memory: a row's cells exist while its claim is built. An
/// .xlsx workbook is read whole and kept in memory (its cells are compressed XML that cannot be
/// read a row at a time without reading what comes before).
public final class ClaimsFile: Sendable {
  public let path: String
  /// The column names (row 1), trimmed.
  public let header: [String]
  let source: Source
  /// The CSV file's size and modification time when it was opened.
  let stamp: Stamp?

  enum Source {
    case sheet(ClaimsSheet)
    case csv(delimiter: UnicodeScalar)
  }

  struct Stamp: Equatable {
    var size: UInt64
    var modified: Date

    init?(_ path: String) {
      guard let a = try? FileManager.default.attributesOfItem(atPath: path),
            let size = (a[.size] as? NSNumber)?.uint64Value, let modified = a[.modificationDate] as? Date
      else { return nil }
      self.size = size
      self.modified = modified
    }
  }

  /// Rows held in memory (an .xlsx workbook's, or any sheet already read).
  public init(sheet: ClaimsSheet, path: String) {
    self.path = path
    header = sheet.header
    source = .sheet(sheet)
    stamp = nil
  }

  private init(csv path: String, delimiter: UnicodeScalar, header: [String], stamp: Stamp?) {
    self.path = path
    self.header = header
    source = .csv(delimiter: delimiter)
    self.stamp = stamp
  }

  /// Opens a claims file: `.xlsx` by its extension (read whole), anything else as CSV (its
  /// header read; the rows are read by ``rows()``). The same errors as ``ClaimsSheet/read(path:sheet:)``.
  public static func open(path: String, sheet: String? = nil) throws(ClaimsSheet.Failure) -> ClaimsFile {
    if path.lowercased().hasSuffix(".xlsx") {
      return ClaimsFile(sheet: try ClaimsSheet.read(path: path, sheet: sheet), path: path)
    }
    guard let handle = FileHandle(forReadingAtPath: path) else {
      let reason = FileManager.default.fileExists(atPath: path) ? "permission denied" : "no such file"
      throw ClaimsSheet.Failure(message: "\(path): error: cannot read file: \(reason)", exitCode: 66)
    }
    defer { try? handle.close() }
    if sheet != nil {
      throw ClaimsSheet.Failure(message: "\(path): error: --sheet applies to .xlsx workbooks only", exitCode: 64)
    }
    let stamp = Stamp(path)
    // the first line, to tell a tab-separated file from a comma-separated one
    var first: [UInt8] = []
    while !first.contains(where: { $0 == 0x0A || $0 == 0x0D }) {
      guard let chunk = try? handle.read(upToCount: 1 << 16), !chunk.isEmpty else { break }
      first.append(contentsOf: chunk)
    }
    // a UTF-16 or UTF-32 byte-order mark (CSVReader would skip it and read the rest as UTF-8)
    if first.starts(with: [0xFF, 0xFE]) || first.starts(with: [0xFE, 0xFF]) || first.starts(with: [0, 0, 0xFE, 0xFF]) {
      throw ClaimsSheet.notUTF8(path)
    }
    let line = first.prefix { $0 != 0x0A && $0 != 0x0D }
    let delimiter: UnicodeScalar = line.contains(0x09) && !line.contains(0x2C) ? "\t" : ","
    let file = ClaimsFile(csv: path, delimiter: delimiter, header: [], stamp: stamp)
    let header = try file.rows().header.map { $0.trimmingCharacters(in: .whitespaces) }
    guard !header.isEmpty, header.contains(where: { !$0.isEmpty }) else {
      throw ClaimsSheet.noHeader(path)
    }
    return ClaimsFile(csv: path, delimiter: delimiter, header: header, stamp: stamp)
  }

  /// A pass over the data rows, in order: rows whose cells are all empty left out, short rows
  /// padded with empty cells (as ``ClaimsSheet`` holds them).
  public func rows() throws(ClaimsSheet.Failure) -> Rows {
    switch source {
    case .sheet(let sheet): return Rows(sheet: sheet)
    case .csv(let delimiter): return try Rows(csv: path, delimiter: delimiter, width: header.count)
    }
  }

  /// Whether the file is still what was opened (its size and modification time): a batch reads
  /// a CSV file again while it computes, so a file changed meanwhile would mix two versions.
  public var isUnchanged: Bool {
    stamp == nil || Stamp(path) == stamp
  }

  /// One pass over a claims file's data rows.
  public final class Rows {
    private var sheet: ClaimsSheet?
    private var position = 0
    private var records: CSVRecords?
    private let path: String
    private let width: Int
    /// The header record as read (a CSV pass).
    private(set) var header: [String] = []

    init(sheet: ClaimsSheet) {
      self.sheet = sheet
      path = ""
      width = sheet.header.count
    }

    init(csv path: String, delimiter: UnicodeScalar, width: Int) throws(ClaimsSheet.Failure) {
      self.path = path
      self.width = width
      guard let records = CSVRecords(path: path, delimiter: UInt8(delimiter.value)) else {
        throw ClaimsSheet.Failure(message: "\(path): error: cannot read file: no such file", exitCode: 66)
      }
      self.records = records
      header = try record()?.cells ?? []
    }

    /// The next CSV record and its number (the header is record 1), or nil at the end.
    private func record() throws(ClaimsSheet.Failure) -> (number: Int, cells: [String])? {
      guard let records else { return nil }
      let bytes: [UInt8]?
      do throws(CSVRecords.ReadError) { bytes = try records.next() } catch {
        throw ClaimsSheet.Failure(message: "\(path): error: cannot read file: \(error.reason)", exitCode: 66)
      }
      guard let bytes else { return nil }
      // the whole sheet must be UTF-8; a record never splits a character (it ends at an ASCII byte)
      guard let text = String(validating: bytes, as: UTF8.self) else { throw ClaimsSheet.notUTF8(path) }
      // the record's cells as CSVReader reads them in the whole text
      if text.isEmpty { return (records.number, [""]) }
      do {
        let reader = try CSVReader(string: text, hasHeaderRow: false, trimFields: false,
                                   delimiter: UnicodeScalar(records.delimiter))
        let cells = reader.next() ?? [""]
        if let error = reader.error { throw error }
        return (records.number, cells)
      } catch {
        throw ClaimsSheet.Failure(message: "\(path): error: not a readable CSV table: \(error)", exitCode: 65)
      }
    }

    /// The next data row, or nil after the last.
    public func next() throws(ClaimsSheet.Failure) -> ClaimsSheet.Row? {
      if let sheet {
        guard position < sheet.rows.count else { return nil }
        defer { position += 1 }
        return sheet.rows[position]
      }
      while let (number, cells) = try record() {
        guard cells.contains(where: { !$0.trimmingCharacters(in: .whitespaces).isEmpty }) else { continue }
        return ClaimsSheet.Row(
          number: number,
          cells: cells.count < width ? cells + [String](repeating: "", count: width - cells.count) : cells)
      }
      return nil
    }
  }
}

/// A CSV file's records as bytes, read a chunk at a time: where each record ends is found
/// byte by byte by the rules CSVReader reads a whole text with (its cells are then read from
/// the record's text by CSVReader itself). A record ends at a line break (CR, LF or CR LF)
/// outside a quoted field; a field is quoted when it starts with a double quote, and its
/// quotes are doubled inside. The delimiter, quotes and line breaks are ASCII, which no byte
/// of a multi-byte UTF-8 character is, so bytes can stand for characters here. A leading
/// UTF-8 byte-order mark is skipped.
final class CSVRecords {
  struct ReadError: Error {
    var reason: String
  }

  let delimiter: UInt8
  private let handle: FileHandle
  private var chunk: [UInt8] = []
  private var at = 0
  private var started = false, ended = false
  /// A CR ended the last record: an LF right after it belongs to it.
  private var swallowLF = false
  /// The number of the last record returned (1 for the first).
  private(set) var number = 0

  init?(path: String, delimiter: UInt8) {
    guard let handle = FileHandle(forReadingAtPath: path) else { return nil }
    self.handle = handle
    self.delimiter = delimiter
  }

  deinit { try? handle.close() }

  /// The next byte, or nil at the end of the file.
  private func byte() throws(ReadError) -> UInt8? {
    if at == chunk.count {
      if ended { return nil }
      let data: Data?
      do { data = try handle.read(upToCount: 1 << 16) } catch {
        throw ReadError(reason: error.localizedDescription)
      }
      guard let data, !data.isEmpty else {
        ended = true
        return nil
      }
      chunk = Array(data)
      at = 0
      if !started {
        started = true
        if chunk.starts(with: [0xEF, 0xBB, 0xBF]) { at = 3 }
        if at == chunk.count { return try byte() }
      }
    }
    defer { at += 1 }
    return chunk[at]
  }

  /// The next record's bytes (without its line break), or nil after the last.
  func next() throws(ReadError) -> [UInt8]? {
    enum State { case fieldStart, unquoted, quoted, quoteInQuoted }
    let quote: UInt8 = 0x22, cr: UInt8 = 0x0D, lf: UInt8 = 0x0A
    var record: [UInt8] = []
    var state = State.fieldStart
    var any = false
    while var b = try byte() {
      if swallowLF {
        swallowLF = false
        if b == lf {
          guard let after = try byte() else { break }
          b = after
        }
      }
      any = true
      switch state {
      case .fieldStart, .unquoted:
        if b == cr || b == lf {
          swallowLF = b == cr
          number += 1
          return record
        }
        record.append(b)
        state = b == delimiter ? .fieldStart : state == .fieldStart && b == quote ? .quoted : .unquoted
      case .quoted:
        record.append(b)
        if b == quote { state = .quoteInQuoted }
      case .quoteInQuoted:
        // after a quote in a quoted field: the record's end, the field's end, a doubled quote,
        // or (not CSV) a character CSVReader drops, the field staying quoted
        if b == cr || b == lf {
          swallowLF = b == cr
          number += 1
          return record
        }
        record.append(b)
        state = b == delimiter ? .fieldStart : .quoted
      }
    }
    guard any else { return nil }
    number += 1
    return record
  }
}

extension ClaimsSheet {
  static func notUTF8(_ path: String) -> Failure {
    Failure(message: "\(path): error: not UTF-8 text (save the sheet as \"CSV UTF-8\")", exitCode: 65)
  }

  static func noHeader(_ path: String) -> Failure {
    Failure(message: "\(path): error: no header row: row 1 must name the columns (id, then scenario paths such as case.claim)", exitCode: 65)
  }
}

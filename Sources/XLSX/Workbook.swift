import CXLSXWriter
public import Foundation

/// An Excel workbook written by libxlsxwriter: the only code that holds its pointers.
///
/// The workbook is a value (sheets of cells); ``write(to:)`` hands it to the C library in one
/// go, so that no half-built workbook object escapes. Numbers stay numbers in Excel, shown
/// with a number format (yuan with digit grouping, percentages), so that a paralegal can sum
/// and chart them.
public struct Workbook: Sendable {
  public var sheets: [Sheet]
  /// Written a row at a time (libxlsxwriter's `constant_memory` mode): each row goes to a
  /// temporary file (in `TMPDIR`, else /tmp) as soon as the next one starts, and texts are
  /// stored in their cells rather than in a shared table, so that a sheet of a million rows
  /// needs the memory of one. For the tables of a batch, whose rows come from ``Sheet/init(name:header:producing:)``.
  public var constantMemory: Bool

  public init(sheets: [Sheet] = [], constantMemory: Bool = false) {
    self.sheets = sheets
    self.constantMemory = constantMemory
  }

  /// How a number is shown; the cell holds the full value.
  public enum NumberStyle: Sendable, Hashable {
    /// Whole yuan with digit grouping: `¥12,346`.
    case yuan
    /// Yuan to the fen (a filing fee): `¥5,800.00`.
    case yuanCents
    /// A fraction shown as a percentage with one decimal: `31.7%`.
    case percent
    /// A plain number, as many decimals as it needs.
    case plain
    /// A whole number with digit grouping (a run count).
    case integer
    /// A number with a fixed count of decimals, 1 to 6 (a correlation to three: `0.412`).
    case decimals(Int)

    var excelFormat: String? {
      switch self {
      case .yuan: "\"¥\"#,##0"
      case .yuanCents: "\"¥\"#,##0.00"
      case .percent: "0.0%"
      case .plain: nil
      case .integer: "#,##0"
      case .decimals(let n): "0." + String(repeating: "0", count: min(max(n, 1), 6))
      }
    }
  }

  public enum Cell: Sendable, Hashable {
    case text(String)
    case number(Double, NumberStyle)
    case empty
  }

  /// One table: a header row, then one row per item.
  public struct Sheet: Sendable {
    /// The sheet's tab name (at most 31 characters; `[]:*?/\` are replaced).
    public var name: String
    public var header: [String]
    public var rows: [[Cell]]
    /// Column widths in characters; computed from the content when nil.
    public var widths: [Double]?
    /// Rows made when the workbook is written, instead of ``rows``: the closure hands each row
    /// in order to the function it is given, and is called once more when widths are computed.
    let producer: (@Sendable (_ each: ([Cell]) -> Void) -> Void)?

    public init(name: String, header: [String], rows: [[Cell]], widths: [Double]? = nil) {
      self.name = name
      self.header = header
      self.rows = rows
      self.widths = widths
      producer = nil
    }

    /// A sheet whose rows `produce` makes when the workbook is written (read back from a file,
    /// say), a row at a time, never all held at once.
    public init(name: String, header: [String], widths: [Double]? = nil,
                producing produce: @escaping @Sendable (_ each: ([Cell]) -> Void) -> Void) {
      self.name = name
      self.header = header
      rows = []
      self.widths = widths
      producer = produce
    }

    /// Every row, in order.
    func forEachRow(_ body: ([Cell]) -> Void) {
      if let producer { producer(body) } else { rows.forEach(body) }
    }
  }

  public struct Failure: Error, CustomStringConvertible {
    public var description: String
  }

  /// Writes the workbook to `path` (the caller makes it atomic by writing to a temporary
  /// name beside the target and renaming).
  public func write(to path: String) throws(Failure) {
    // libxlsxwriter copies the temporary folder's name
    let folder = FileManager.default.temporaryDirectory.path
    var options = lxw_workbook_options()
    options.constant_memory = UInt8(LXW_TRUE.rawValue)
    let made = constantMemory
      ? folder.withCString { tmpdir in
          options.tmpdir = UnsafeMutablePointer(mutating: tmpdir)
          return workbook_new_opt(path, &options)
        }
      : workbook_new(path)
    guard let book = made else {
      throw Failure(description: "cannot create the workbook \(path)")
    }
    var closed = false
    defer { if !closed { _ = workbook_close(book) } }
    let bold = workbook_add_format(book)
    format_set_bold(bold)
    format_set_text_wrap(bold)
    // one format per style the sheets use, made when first needed
    var formats: [NumberStyle: UnsafeMutablePointer<lxw_format>] = [:]
    func format(_ style: NumberStyle) -> UnsafeMutablePointer<lxw_format>? {
      if let f = formats[style] { return f }
      guard let f = workbook_add_format(book) else { return nil }
      if let code = style.excelFormat { format_set_num_format(f, code) }
      formats[style] = f
      return f
    }
    var used = Set<String>()
    for sheet in sheets {
      let name = Self.sheetName(sheet.name, used: &used)
      guard let ws = workbook_add_worksheet(book, name) else {
        throw Failure(description: "cannot add the sheet \(name)")
      }
      for (c, title) in sheet.header.enumerated() {
        worksheet_write_string(ws, 0, lxw_col_t(c), title, bold)
      }
      // the widths first: with constantMemory, a row is final once the next one is begun
      let widths = sheet.widths ?? Self.widths(sheet)
      for (c, w) in widths.enumerated() {
        worksheet_set_column(ws, lxw_col_t(c), lxw_col_t(c), w, nil)
      }
      var r = 0
      sheet.forEachRow { row in
        defer { r += 1 }
        for (c, cell) in row.enumerated() {
          let rr = lxw_row_t(r + 1), cc = lxw_col_t(c)
          switch cell {
          case .text(let s): worksheet_write_string(ws, rr, cc, s, nil)
          case .number(let x, let style):
            if x.isFinite { worksheet_write_number(ws, rr, cc, x, format(style)) }
          case .empty: break
          }
        }
      }
      worksheet_freeze_panes(ws, 1, 1)
    }
    closed = true
    let status = workbook_close(book)
    guard status == LXW_NO_ERROR else {
      throw Failure(description: String(cString: lxw_strerror(status)))
    }
  }

  /// The workbook's bytes (an .xlsx file), built in a private temporary file that is then
  /// removed: the caller writes them atomically where they belong, or to standard output.
  public func data() throws(Failure) -> Data {
    let path = FileManager.default.temporaryDirectory
      .appendingPathComponent("damages-\(ProcessInfo.processInfo.processIdentifier)-\(UUID().uuidString).xlsx").path
    defer { try? FileManager.default.removeItem(atPath: path) }
    try write(to: path)
    guard let data = FileManager.default.contents(atPath: path) else {
      throw Failure(description: "cannot read back the workbook just written")
    }
    return data
  }

  /// A valid, unique tab name: at most 31 characters, none of `[]:*?/\`.
  static func sheetName(_ name: String, used: inout Set<String>) -> String {
    let cleaned = String(name.map { "[]:*?/\\".contains($0) ? "_" : $0 }.prefix(31))
    var candidate = cleaned.isEmpty ? "Sheet" : cleaned
    var n = 2
    while used.contains(candidate.lowercased()) {
      let suffix = " (\(n))"
      candidate = String(cleaned.prefix(31 - suffix.count)) + suffix
      n += 1
    }
    used.insert(candidate.lowercased())
    return candidate
  }

  /// Column widths from the content: a CJK character counts two.
  static func widths(_ sheet: Sheet) -> [Double] {
    func width(_ s: String) -> Double {
      s.unicodeScalars.reduce(0) { $0 + ($1.value >= 0x2E80 ? 2 : 1) }
    }
    // one pass over the rows (which may be made as they are read)
    var w = sheet.header.map { min(width($0), 24) }
    sheet.forEachRow { row in
      if row.count > w.count { w += [Double](repeating: 0, count: row.count - w.count) }
      for (c, cell) in row.enumerated() {
        switch cell {
        case .text(let s): w[c] = max(w[c], min(width(s), 60))
        case .number: w[c] = max(w[c], 14)
        case .empty: break
        }
      }
    }
    return w.map { max(8, $0 + 2) }
  }
}

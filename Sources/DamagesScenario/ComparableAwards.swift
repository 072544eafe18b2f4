import CSV
import Foundation

/// `damages fit`: one numeric column of a CSV file of comparable awards (one row per case,
/// a header row naming the columns).
///
/// Errors reuse the scenario diagnostics, `FILE:LINE: error: COLUMN: message`, with exit 66
/// for a file that is missing or unreadable and 65 for bad content. LINE is the file line of
/// the row (the header is line 1; a quoted field spanning lines would shift it).
public enum ComparableAwards {
  /// The values of `column`, in file order.
  public static func read(contentsOf path: String, column: String) throws(ScenarioError)
    -> [Double]
  {
    func fail(_ message: String, line: Int? = nil, field: String? = nil, code: Int32 = 65)
      -> ScenarioError
    {
      ScenarioError(
        diagnostics: [ScenarioDiagnostic(file: path, line: line, field: field, message: message)],
        exitCode: code)
    }
    var isDirectory: ObjCBool = false
    guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
      throw fail("cannot read file: no such file or directory", code: ScenarioError.noInput)
    }
    if isDirectory.boolValue {
      throw fail("cannot read file: is a directory", code: ScenarioError.noInput)
    }
    guard let data = FileManager.default.contents(atPath: path) else {
      throw fail("cannot read file: permission denied", code: ScenarioError.noInput)
    }
    if data.count > 64 * 1024 * 1024 {
      throw fail("the file is \(data.count) bytes; a table of awards may be at most 64 MiB")
    }
    guard var text = String(validating: data, as: UTF8.self), !data.contains(0) else {
      throw fail("not a UTF-8 text file")
    }
    if text.unicodeScalars.first == "\u{FEFF}" { text.unicodeScalars.removeFirst() }
    return try values(text, column: column) { message, line, field, code in
      fail(message, line: line, field: field, code: code)
    }
  }

  /// The values of `column` in CSV text (`file` names it in errors).
  public static func parse(_ text: String, column: String, file: String) throws(ScenarioError)
    -> [Double]
  {
    try values(text, column: column) { message, line, field, code in
      ScenarioError(
        diagnostics: [ScenarioDiagnostic(file: file, line: line, field: field, message: message)],
        exitCode: code)
    }
  }

  private static func values(
    _ text: String, column: String,
    fail: (String, Int?, String?, Int32) -> ScenarioError
  ) throws(ScenarioError) -> [Double] {
    let reader: CSVReader
    do {
      reader = try CSVReader(string: text, hasHeaderRow: true, trimFields: true)
    } catch {
      throw fail("cannot read a header row: the file is empty or not CSV", nil, nil, 65)
    }
    guard let header = reader.headerRow, !header.isEmpty else {
      throw fail("cannot read a header row: the file is empty or not CSV", nil, nil, 65)
    }
    guard let index = header.firstIndex(of: column) else {
      let names = header.map { "`\($0)`" }.joined(separator: ", ")
      throw fail("no column `\(column)`; the header has \(names)", 1, nil, 65)
    }
    var values: [Double] = []
    var line = 1
    while let row = reader.next() {
      line += 1
      if row.count == 1 && row[0].isEmpty { continue }  // a blank line
      guard index < row.count else {
        throw fail("the row has \(row.count) fields; the column is field \(index + 1)", line, column, 65)
      }
      let cell = row[index]
      guard !cell.isEmpty else {
        throw fail("must be a number of yuan, got an empty field", line, column, 65)
      }
      // Awards as a clerk copies them from judgments: `12,000`, `1.2万`, `￥12000`.
      let x: Double
      do { x = try WrittenNumber.amount(cell) } catch {
        throw fail(error.message, line, column, 65)
      }
      guard x.isFinite else {
        throw fail("must be a number of yuan, got `\(cell)` (too large)", line, column, 65)
      }
      guard x > 0 else {
        throw fail(
          "must be a positive amount of yuan, got \(Format.number(x)); a lognormal or gamma law has no room for 0 or less",
          line, column, 65)
      }
      values.append(x)
    }
    if let error = reader.error {
      throw fail("cannot read the CSV: \(error)", nil, nil, 65)
    }
    guard values.count >= 2 else {
      throw fail(
        "needs at least 2 values to fit a law, got \(values.count)", nil, column, 65)
    }
    guard Set(values).count > 1 else {
      throw fail(
        "every value is \(Format.number(values[0])): a single amount has no spread to fit (write it as a number)",
        nil, column, 65)
    }
    return values
  }
}

import DamagesLaw
import DamagesSimulation
import CSV
import Foundation

/// The output formats of docs/outputs.md.
public enum OutputFormat: String, CaseIterable, Sendable {
  case table, json, csv, markdown

  /// The format an `--out` path implies: `.json`, `.csv`, `.md` (in any case), else table.
  public static func implied(by path: String?) -> OutputFormat {
    path.flatMap(known(by:)) ?? .table
  }

  /// The format a path's extension names, if it names one.
  public static func known(by path: String) -> OutputFormat? {
    let name = path.lowercased()
    if name.hasSuffix(".json") { return .json }
    if name.hasSuffix(".csv") { return .csv }
    if name.hasSuffix(".md") { return .markdown }
    return nil
  }
}

/// The shape of a CSV table (docs/outputs.md, Tables for briefs): `long`, one row per item and
/// statistic (tidy, for pandas and R), or `wide`, one row per item and one column per
/// statistic (a brief's table).
public enum TableShape: String, CaseIterable, Sendable {
  case long, wide
}

/// The language of table and CSV headers (docs/outputs.md, Formats: `--lang`).
public enum Language: String, CaseIterable, Sendable {
  case zh, en, both

  /// A label in the chosen language(s): "中文 English" for both, said once when both
  /// languages write it alike (`P5`, not `P5 P5`).
  public func label(_ zh: String, _ en: String) -> String {
    switch self {
    case .zh: zh
    case .en: en
    case .both: zh == en ? zh : "\(zh) \(en)"
    }
  }
}

/// Amounts as tables print them: whole yuan, rounded half away from zero, digits grouped.
public enum Amount {
  public static func grouped(_ x: Double) -> String { Narration.yuan(Yuan(x)) }
  /// Full precision for CSV unless rounding is asked for: then to the yuan, or for a fee
  /// (`cents`) to the fen, without digit grouping.
  public static func plain(_ x: Double, round: Bool, cents: Bool = false) -> String {
    guard round else { return JSON.format(x) }
    if cents { return FeeFormat.twoDecimals(Yuan(x)).replacingOccurrences(of: ",", with: "") }
    let whole = x.rounded(.toNearestOrAwayFromZero)
    return abs(whole) < 1e18 ? String(Int64(whole)) : JSON.format(whole)
  }
  /// A fraction in [0, 1] as a percentage with one decimal.
  public static func percent(_ p: Double) -> String {
    let tenths = (p * 1000).rounded(.toNearestOrAwayFromZero)
    return "\(Int64(tenths) / 10).\(Int64(tenths) % 10)%"
  }
}

/// Plain-text and Markdown tables.
public enum TextTable {
  /// Columns padded to their widths (counting CJK characters as two), first column left, the
  /// others right-aligned.
  public static func render(header: [String], rows: [[String]]) -> String {
    let all = [header] + rows
    let widths = (0..<header.count).map { c in all.map { displayWidth($0[c]) }.max() ?? 0 }
    func line(_ cells: [String]) -> String {
      cells.enumerated().map { c, cell in
        let pad = String(repeating: " ", count: widths[c] - displayWidth(cell))
        return c == 0 ? cell + pad : pad + cell
      }.joined(separator: "  ")
    }
    let rule = widths.map { String(repeating: "─", count: $0) }.joined(separator: "  ")
    return ([line(header), rule] + rows.map(line)).joined(separator: "\n") + "\n"
  }

  public static func markdown(header: [String], rows: [[String]], caption: String? = nil) -> String {
    func escape(_ s: String) -> String { s.replacingOccurrences(of: "|", with: "\\|") }
    var out = caption.map { "\($0)\n\n" } ?? ""
    out += "| " + header.map(escape).joined(separator: " | ") + " |\n"
    out += "|" + header.enumerated().map { i, _ in i == 0 ? "---" : "---:" }.joined(separator: "|") + "|\n"
    for row in rows { out += "| " + row.map(escape).joined(separator: " | ") + " |\n" }
    return out
  }

  /// Terminal width of a string: East Asian wide characters count two.
  public static func displayWidth(_ s: String) -> Int {
    s.unicodeScalars.reduce(0) { w, u in
      let v = u.value
      let wide = (0x1100...0x115F).contains(v) || (0x2E80...0xA4CF).contains(v)
        || (0xAC00...0xD7A3).contains(v) || (0xF900...0xFAFF).contains(v)
        || (0xFE30...0xFE4F).contains(v) || (0xFF00...0xFF60).contains(v)
        || (0xFFE0...0xFFE6).contains(v) || (0x20000...0x3FFFD).contains(v)
      return w + (wide ? 2 : 1)
    }
  }
}

/// CSV through the CSV package (quoting is its job), UTF-8, optionally with a byte-order mark
/// so that Excel shows Chinese text correctly.
public enum CSVTable {
  public static func render(header: [String], rows: [[String]]) -> String {
    let stream = OutputStream(toMemory: ())
    stream.open()
    do {
      let writer = try CSVWriter(stream: stream, newline: .crlf)
      try writer.write(row: header)
      for row in rows { try writer.write(row: row) }
      try writer.write(row: [String]())
    } catch {
      preconditionFailure("writing CSV to memory cannot fail: \(error)")
    }
    stream.close()
    let data = stream.property(forKey: .dataWrittenToMemoryStreamKey) as? Data ?? Data()
    var text = String(decoding: data, as: UTF8.self)
    // the empty last row leaves the line ending after the final record
    if !text.hasSuffix("\r\n") { text += "\r\n" }
    return text
  }
}

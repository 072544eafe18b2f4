import DamagesLaw
public import DamagesScenario
public import DamagesReports
public import DamagesSimulation
public import Foundation

/// The output of `damages batch` and `damages merge` (docs/batch.md): the per-claim table, the
/// portfolio's distributions and the rows that could not be computed. Rendered from a
/// ``BatchResult`` only, so that a merged sharded batch prints the same bytes as the whole one.
public enum BatchReport {
  static let columns: [(key: String, zh: String, en: String)] = [
    ("p_liable", "责任成立概率", "P(liable)"),
    ("award_mean", "判赔均值", "award mean"),
    ("award_p5", "判赔P5", "award P5"),
    ("award_p50", "判赔P50", "award P50"),
    ("award_p95", "判赔P95", "award P95"),
    ("fee", "受理费", "fee"),
    ("fee_share_mean", "原告负担受理费", "claimant's fee share"),
    ("net_recovery_mean", "净回收均值", "net recovery mean"),
    ("net_recovery_p5", "净回收P5", "net recovery P5"),
    ("best_claim", "最优诉请额", "best claim"),
  ]

  static func values(_ f: ClaimFigures) -> [Double?] {
    [f.pLiable, f.awardMean, f.awardP5, f.awardP50, f.awardP95, f.fee, f.feeShareMean, f.netMean,
     f.netP5, f.bestClaim]
  }

  static let statistics = ["mean", "sd", "min", "p5", "p10", "p25", "p50", "p75", "p90", "p95", "p99", "max"]

  static func statValues(_ s: PortfolioSummary.Stat) -> [Double] {
    [s.mean, s.sd, s.min] + s.percentiles + [s.max]
  }

  public static func render(_ r: BatchResult, format: OutputFormat, lang: Language,
                            shape: TableShape = .long) -> String {
    var text = ""
    write(r, format: format, lang: lang, shape: shape) { text += $0 }
    return text
  }

  /// The output, handed to `out` piece by piece, a claim or a line at a time (docs/batch.md,
  /// Memory and speed): written to a file as it comes, a batch's output is never held whole.
  public static func write(_ r: BatchResult, format: OutputFormat, lang: Language,
                           shape: TableShape = .long, into out: (String) -> Void) {
    let summary = PortfolioSummary(r.totals, thresholds: r.identity.thresholds)
    let keys = columns.filter { $0.key != "best_claim" || r.identity.bestClaim }
    let totals: [(key: String, zh: String, en: String, stat: PortfolioSummary.Stat)] = [
      ("award", "总判赔", "total award", summary.award),
      ("fees", "原告负担受理费合计", "total fees borne", summary.fees),
      ("net_recovery", "总净回收", "total net recovery", summary.net),
    ]
    let id = r.identity
    /// The claim's cells of the columns shown, as `cell` writes them.
    func cells(_ f: ClaimFigures, _ cell: (String, Double?) -> String) -> [String] {
      zip(columns.map(\.key), values(f)).filter { k, _ in keys.contains { $0.key == k } }.map(cell)
    }
    switch format {
    case .json:
      // the document JSON.object(...).rendered() would give, its claims written one by one
      func pair(_ key: String, _ value: JSON, last: Bool = false) -> String {
        "  " + JSON.string(key).rendered() + ": " + value.rendered(indent: 2, level: 1)
          + (last ? "" : ",") + "\n"
      }
      out("{\n" + pair("claims_file", .string(id.claimsFile)) + pair("template", .string(id.template))
          + pair("runs", .number(Double(id.runs))) + pair("seed", .number(Double(id.seed)))
          + pair("shared", .array(id.shared.map(JSON.string))))
      let figures = r.figures
      if figures.isEmpty {
        out(pair("claims", .array([])))
      } else {
        out("  \"claims\": [\n")
        for (i, f) in figures.enumerated() {
          var pairs: [(String, JSON)] = [("id", .string(f.id))]
          for (k, v) in zip(columns.map(\.key), values(f)) where k != "best_claim" || id.bestClaim {
            pairs.append((k, v.map(JSON.number) ?? .null))
          }
          out("    " + JSON.object(pairs).rendered(indent: 2, level: 2)
              + (i < figures.count - 1 ? "," : "") + "\n")
        }
        out("  ],\n")
      }
      let portfolio = JSON.object(totals.map { t in
        var pairs = zip(statistics, statValues(t.stat)).map { ($0, JSON.number($1)) }
        pairs.append(("p_above", .array(zip(id.thresholds, t.stat.above).map { x, p in
          .object([("threshold", .number(x)), ("p", .number(p))])
        })))
        return (t.key, JSON.object(pairs))
      })
      out(pair("portfolio", portfolio) + "  " + JSON.string("errors").rendered() + ": ")
      // the array JSON.array(...).rendered() would give, a message at a time
      var first = true
      for e in r.errors {
        for m in e.messages {
          out((first ? "[\n" : ",\n") + "    "
              + JSON.object([("id", .string(e.id)), ("message", .string(m))]).rendered(indent: 2, level: 2))
          first = false
        }
      }
      out((first ? "[]" : "\n  ]") + "\n}\n")
    case .csv:
      // CSVTable's text, a few rows at a time: each row's text depends on that row only
      func csv(_ rows: [[String]]) {
        if let first = rows.first { out(CSVTable.render(header: first, rows: Array(rows.dropFirst()))) }
      }
      if shape == .wide {
        csv([["id"] + keys.map(\.key) + ["error"]])
        // the claims and the bad rows, in row order
        var errors = r.errors.makeIterator()
        var next = errors.next()
        func errorRows(before index: Int) {
          while let bad = next, bad.index < index {
            csv([[bad.id] + keys.map { _ in "" } + [bad.messages.joined(separator: "\n")]])
            next = errors.next()
          }
        }
        for f in r.figures {
          errorRows(before: f.index)
          csv([[f.id] + cells(f) { _, v in v.map(JSON.format) ?? "" } + [""]])
        }
        errorRows(before: Int.max)
        return
      }
      csv([["table", "id", "metric", "value"]])
      for f in r.figures {
        csv(zip(columns.map(\.key), values(f)).filter { k, _ in keys.contains { $0.key == k } }
          .map { k, v in ["claim", f.id, k, v.map(JSON.format) ?? ""] })
      }
      var rows: [[String]] = []
      for t in totals {
        for (s, v) in zip(statistics, statValues(t.stat)) {
          rows.append(["portfolio", t.key, s, JSON.format(v)])
        }
        for (x, p) in zip(id.thresholds, t.stat.above) {
          rows.append(["portfolio", t.key, "p_above_\(JSON.format(x))", JSON.format(p)])
        }
      }
      csv(rows)
      for e in r.errors { csv(e.messages.map { ["error", e.id, "message", $0] }) }
    case .table, .markdown:
      let md = format == .markdown
      func cell(_ key: String, _ v: Double?) -> String {
        guard let v else { return "—" }
        switch key {
        case "p_liable": return Amount.percent(v)
        case "fee", "fee_share_mean": return FeeFormat.twoDecimals(Yuan(v))
        default: return Amount.grouped(v)
        }
      }
      let header = [lang.label("编号", "id")] + keys.map { lang.label($0.zh, $0.en) }
      func table(_ h: [String], _ rows: [[String]]) -> String {
        md ? TextTable.markdown(header: h, rows: rows) : TextTable.render(header: h, rows: rows)
      }
      let computed = r.figures.count, bad = r.errors.count
      // sentences: both languages on lines of their own
      func sentence(_ zh: String, _ en: String) -> String { lang == .both ? zh + "\n" + en : lang.label(zh, en) }
      var head = sentence(
        "批量计算 \(id.claimsFile)(模板 \(id.template)):\(computed + bad) 件,已计算 \(computed) 件,出错 \(bad) 件;每件 \(id.runs) 次模拟,种子 \(id.seed)",
        "Batch \(id.claimsFile) (template \(id.template)): \(computed + bad) claims, \(computed) computed, \(bad) with errors; \(id.runs) runs each, seed \(id.seed)")
      head += "\n"
      if !id.shared.isEmpty {
        let list = id.shared.joined(separator: ", ")
        head += sentence("共同认定(每次模拟对所有案件一致):" + list, "Shared findings (decided once per run for every claim): " + list) + "\n"
      }
      out(head + "\n")
      // the per-claim table as TextTable writes it, a row at a time (its widths first)
      if md {
        out(TextTable.markdown(header: header, rows: []))
        for f in r.figures {
          out("| " + ([f.id] + cells(f, cell)).map { $0.replacingOccurrences(of: "|", with: "\\|") }
                .joined(separator: " | ") + " |\n")
        }
      } else {
        var widths = header.map(TextTable.displayWidth)
        for f in r.figures {
          for (c, text) in ([f.id] + cells(f, cell)).enumerated() {
            widths[c] = Swift.max(widths[c], TextTable.displayWidth(text))
          }
        }
        func line(_ cells: [String]) -> String {
          cells.enumerated().map { c, text in
            let pad = String(repeating: " ", count: widths[c] - TextTable.displayWidth(text))
            return c == 0 ? text + pad : pad + text
          }.joined(separator: "  ") + "\n"
        }
        out(line(header) + widths.map { String(repeating: "─", count: $0) }.joined(separator: "  ") + "\n")
        for f in r.figures { out(line([f.id] + cells(f, cell))) }
      }
      var tail = "\n" + sentence("组合合计(各次模拟中所有案件之和)", "Portfolio (the sum over the claims in each run)") + "\n\n"
      let thresholdHeaders = id.thresholds.map { "P(> \(Amount.grouped($0)))" }
      let names = ["mean": lang.label("均值", "mean"), "sd": lang.label("标准差", "sd"),
                   "min": lang.label("最小值", "min"), "max": lang.label("最大值", "max")]
      let pHeader = [lang.label("合计", "total")] + statistics.map { names[$0] ?? $0.uppercased() }
        + thresholdHeaders
      let pRows = totals.map { t in
        [lang.label(t.zh, t.en)] + statValues(t.stat).map(Amount.grouped) + t.stat.above.map(Amount.percent)
      }
      tail += table(pHeader, pRows)
      if !r.errors.isEmpty {
        tail += "\n" + sentence("出错的行(未计算)", "Rows with errors (not computed)") + "\n\n"
      }
      out(tail)
      for e in r.errors { for m in e.messages { out((md ? "- " : "") + m + "\n") } }
    }
  }

  // MARK: - Partial results of a sharded batch

  static let partFormat = "damages-batch-part"

  static func bits(_ x: Double) -> JSON { .string(Digest.hex(x.bitPattern)) }

  static func base64(_ values: [Int64]) -> String {
    var data = Data(capacity: values.count * 8)
    for v in values { withUnsafeBytes(of: v.littleEndian) { data.append(contentsOf: $0) } }
    return data.base64EncodedString()
  }

  /// A shard's results as a partial result file (compact JSON; doubles as their bit patterns
  /// and totals as base64 of little-endian Int64, so that nothing is rounded on the way).
  public static func part(_ r: BatchResult) -> String {
    var text = ""
    part(r) { text += $0 }
    return text
  }

  /// The partial result file, handed to `out` piece by piece (a claim at a time).
  public static func part(_ r: BatchResult, into out: (String) -> Void) {
    let id = r.identity
    func pair(_ key: String, _ value: JSON) -> String {
      JSON.string(key).rendered(indent: nil) + ":" + value.rendered(indent: nil)
    }
    out("{" + [
      pair("format", .string(partFormat)), pair("version", .number(1)),
      pair("shard", .number(Double(r.shard?.k ?? 0))), pair("shards", .number(Double(r.shard?.n ?? 1))),
      pair("claims_file", .string(id.claimsFile)), pair("claims_digest", .string(Digest.hex(id.claimsDigest))),
      pair("template", .string(id.template)), pair("template_digest", .string(Digest.hex(id.templateDigest))),
      pair("runs", .string(String(id.runs))), pair("seed", .string(String(id.seed))),
      pair("claim_count", .number(Double(id.claimCount))), pair("best_claim", .bool(id.bestClaim)),
      pair("thresholds", .array(id.thresholds.map(bits))), pair("shared", .array(id.shared.map(JSON.string))),
    ].joined(separator: ",") + ",\"claims\":[")
    for (i, f) in r.figures.enumerated() {
      out((i > 0 ? "," : "") + JSON.object([
        ("index", .number(Double(f.index))), ("id", .string(f.id)),
        ("values", .array(values(f).map { $0.map(bits) ?? .null })),
      ]).rendered(indent: nil))
    }
    // the array JSON.array(...).rendered(indent: nil) would give, a row at a time
    out("]," + JSON.string("errors").rendered(indent: nil) + ":[")
    for (i, e) in r.errors.enumerated() {
      out((i > 0 ? "," : "") + JSON.object([
        ("index", .number(Double(e.index))), ("id", .string(e.id)),
        ("messages", .array(e.messages.map(JSON.string))),
      ]).rendered(indent: nil))
    }
    out("],")
    out(pair("totals", .object([("award", .string(base64(r.totals.award))),
                                ("fees", .string(base64(r.totals.fees))),
                                ("net_recovery", .string(base64(r.totals.net)))])) + "}\n")
  }

  /// Why parts cannot be merged (exit 65), one message a line.
  public struct MergeFailure: Error, CustomStringConvertible {
    public var description: String
  }

  /// Reads partial result files and merges them into the whole batch's result, after checking
  /// that they are one complete, consistent batch: the same claims file, template, seed, runs
  /// and options, and every shard exactly once. The parts are read one at a time, their claims
  /// written to the merged result's temporary files as they are read (docs/batch.md, Memory and
  /// speed) and their totals added in.
  public static func merge(paths: [String]) throws(MergeFailure) -> BatchResult {
    guard !paths.isEmpty else { throw MergeFailure(description: "error: no parts given") }
    var first: (path: String, identity: BatchIdentity, n: Int)?
    var merged: (records: ClaimRecords, totals: PortfolioTotals)?
    var seen: [Int: String] = [:]
    var problems: [String] = []
    for path in paths {
      try readPart(path) { (identity, shard) throws(MergeFailure) -> (ClaimRecords, PortfolioTotals)? in
        guard let first else {
          first = (path, identity, shard.n)
          do throws(ClaimRecords.Failure) {
            merged = (try ClaimRecords(claimCount: identity.claimCount), PortfolioTotals(runs: identity.runs))
          } catch {
            throw MergeFailure(description: error.description)
          }
          seen[shard.k] = path
          merged!.records.startSegment(shard.k, of: shard.n)
          return merged
        }
        let a = first.identity, b = identity, n = first.n
        var differs: [String] = []
        if a.template != b.template || a.templateDigest != b.templateDigest { differs.append("template (\(a.template) \(Digest.hex(a.templateDigest)) vs \(b.template) \(Digest.hex(b.templateDigest)))") }
        if a.claimsFile != b.claimsFile || a.claimsDigest != b.claimsDigest || a.claimCount != b.claimCount { differs.append("claims file (\(a.claimsFile) \(Digest.hex(a.claimsDigest)) vs \(b.claimsFile) \(Digest.hex(b.claimsDigest)))") }
        if a.seed != b.seed { differs.append("seed (\(a.seed) vs \(b.seed))") }
        if a.runs != b.runs { differs.append("runs (\(a.runs) vs \(b.runs))") }
        if a.bestClaim != b.bestClaim || a.thresholds != b.thresholds || a.shared != b.shared { differs.append("options (--best-claim, --threshold or shared findings)") }
        if shard.n != n { differs.append("number of shards (\(n) vs \(shard.n))") }
        if !differs.isEmpty {
          problems.append("\(path): error: not a part of the same batch as \(first.path): different \(differs.joined(separator: ", "))")
          return nil
        }
        if let other = seen[shard.k] {
          problems.append("\(path): error: shard \(shard.k)/\(n) is given twice (also \(other))")
          return nil
        }
        seen[shard.k] = path
        merged!.records.startSegment(shard.k, of: n)
        return merged
      }
    }
    guard let first, let merged else { throw MergeFailure(description: "error: no parts given") }
    if problems.isEmpty {
      let missing = (0..<first.n).filter { seen[$0] == nil }
      if !missing.isEmpty {
        problems.append("error: incomplete batch: missing shard\(missing.count > 1 ? "s" : "") \(missing.map { "\($0)/\(first.n)" }.joined(separator: ", ")) of \(first.identity.claimsFile)")
      }
    }
    if !problems.isEmpty { throw MergeFailure(description: problems.joined(separator: "\n")) }
    if let failure = merged.records.failure { throw MergeFailure(description: failure.description) }
    return BatchResult(identity: first.identity, records: merged.records, totals: merged.totals, shard: nil)
  }

  /// Reads one partial result file, a claim at a time (``JSONMembers``): its header (every
  /// field before `claims`) is checked, then `take` is given its identity and shard and
  /// returns where its claims and totals go, or nil when they are not wanted (a part that does
  /// not belong to the batch); either way the whole file is checked. A part's claims and
  /// errors must be in row order, each a row of its own shard: they are merged by taking row i
  /// from part i mod N.
  static func readPart(
    _ path: String,
    take: (BatchIdentity, (k: Int, n: Int)) throws(MergeFailure) -> (ClaimRecords, PortfolioTotals)?
  ) throws(MergeFailure) {
    func fail(_ why: String) -> MergeFailure { MergeFailure(description: "\(path): error: \(why)") }
    guard FileManager.default.isReadableFile(atPath: path) else { throw fail("cannot read file") }
    let notAPart = fail("not a partial result of `damages batch --shard` (write one with --shard K/N --out PART)")
    let damaged = fail("a damaged partial result file (a field is missing or malformed)")
    func double(_ s: Any?) -> Double? {
      (s as? String).flatMap { UInt64($0, radix: 16) }.map(Double.init(bitPattern:))
    }
    func totals(_ s: String?, runs: Int) -> [Int64]? {
      guard let s, let d = Data(base64Encoded: s), d.count == runs * 8 else { return nil }
      return d.withUnsafeBytes { raw in
        (0..<runs).map { Int64(littleEndian: raw.loadUnaligned(fromByteOffset: $0 * 8, as: Int64.self)) }
      }
    }
    var header: [String: Any] = [:]
    var part: (identity: BatchIdentity, k: Int, n: Int, sink: (ClaimRecords, PortfolioTotals)?)?
    var previousClaim = -1, previousError = -1
    var seen: Set<String> = []
    /// The header, checked when the first claim (or the end of the file) is reached.
    func begin() throws(MergeFailure) {
      if part != nil { return }
      guard header["format"] as? String == partFormat else { throw notAPart }
      func string(_ k: String) -> String? { header[k] as? String }
      func int(_ k: String) -> Int? { (header[k] as? NSNumber)?.intValue }
      guard int("version") == 1, let k = int("shard"), let n = int("shards"), n >= 1, k >= 0, k < n,
            let claimsFile = string("claims_file"), let cd = string("claims_digest").flatMap({ UInt64($0, radix: 16) }),
            let template = string("template"), let td = string("template_digest").flatMap({ UInt64($0, radix: 16) }),
            let runs = string("runs").flatMap({ Int($0) }), runs >= 2, let seed = string("seed").flatMap({ UInt64($0) }),
            let count = int("claim_count"), let best = header["best_claim"] as? Bool,
            let thresholds = (header["thresholds"] as? [Any])?.compactMap(double),
            let shared = header["shared"] as? [String]
      else { throw damaged }
      let identity = BatchIdentity(
        claimsFile: claimsFile, claimsDigest: cd, template: template, templateDigest: td, runs: runs,
        seed: seed, claimCount: count, bestClaim: best, thresholds: thresholds, shared: shared)
      part = (identity, k, n, try take(identity, (k, n)))
    }
    /// A row of this part's shard after the one before it.
    func inPlace(_ index: Int, after previous: Int) -> Bool {
      guard let part else { return false }
      return index > previous && index < part.identity.claimCount && index % part.n == part.k
    }
    let complete = try JSONMembers.read(path, streamed: ["claims", "errors"]) { piece throws(MergeFailure) in
      switch piece {
      case .member("totals", let value):
        try begin()
        let t = value as? [String: Any], runs = part!.identity.runs
        guard let award = totals(t?["award"] as? String, runs: runs), let fees = totals(t?["fees"] as? String, runs: runs),
              let net = totals(t?["net_recovery"] as? String, runs: runs)
        else { throw damaged }
        if let sum = part!.sink?.1 {
          sum.add(column: 0, award)
          sum.add(column: 1, fees)
          sum.add(column: 2, net)
        }
        seen.insert("totals")
      case .member(let key, let value):
        // a header field: after the claims, or claims that are not a list, a damaged file
        if part != nil || key == "claims" || key == "errors" { throw damaged }
        header[key] = value
      case .start(let key):
        try begin()
        seen.insert(key)
      case .element("claims", let value):
        try begin()
        let bad = fail("a damaged partial result file (a claim's figures)")
        guard let c = value as? [String: Any], let index = (c["index"] as? NSNumber)?.intValue,
              inPlace(index, after: previousClaim),
              let id = c["id"] as? String, let v = c["values"] as? [Any], v.count == columns.count
        else { throw bad }
        let d = v.map(double)
        guard let p = d[0], let m = d[1], let p5 = d[2], let p50 = d[3], let p95 = d[4], let fs = d[6],
              let nm = d[7], let n5 = d[8]
        else { throw bad }
        previousClaim = index
        part!.sink?.0.append(ClaimFigures(
          index: index, id: id, pLiable: p, awardMean: m, awardP5: p5, awardP50: p50, awardP95: p95,
          fee: d[5], feeShareMean: fs, netMean: nm, netP5: n5, bestClaim: d[9]))
      case .element(_, let value):
        try begin()
        guard let e = value as? [String: Any], let index = (e["index"] as? NSNumber)?.intValue,
              let id = e["id"] as? String, let messages = e["messages"] as? [String] else { return }
        guard inPlace(index, after: previousError) else { throw fail("a damaged partial result file (a row's errors)") }
        previousError = index
        part!.sink?.0.append(ClaimErrors(index: index, id: id, messages: messages))
      }
    }
    // a file that is not JSON at all, or whose header never says it is a part
    guard complete else { throw part == nil ? notAPart : damaged }
    try begin()
    guard seen == ["claims", "errors", "totals"] else { throw damaged }
  }
}

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
    let summary = PortfolioSummary(r.totals, thresholds: r.identity.thresholds)
    let keys = columns.filter { $0.key != "best_claim" || r.identity.bestClaim }
    let totals: [(key: String, zh: String, en: String, stat: PortfolioSummary.Stat)] = [
      ("award", "总判赔", "total award", summary.award),
      ("fees", "原告负担受理费合计", "total fees borne", summary.fees),
      ("net_recovery", "总净回收", "total net recovery", summary.net),
    ]
    let id = r.identity
    switch format {
    case .json:
      var claims: [JSON] = []
      for f in r.figures {
        var pairs: [(String, JSON)] = [("id", .string(f.id))]
        for (k, v) in zip(columns.map(\.key), values(f)) where k != "best_claim" || id.bestClaim {
          pairs.append((k, v.map(JSON.number) ?? .null))
        }
        claims.append(.object(pairs))
      }
      let portfolio = JSON.object(totals.map { t in
        var pairs = zip(statistics, statValues(t.stat)).map { ($0, JSON.number($1)) }
        pairs.append(("p_above", .array(zip(id.thresholds, t.stat.above).map { x, p in
          .object([("threshold", .number(x)), ("p", .number(p))])
        })))
        return (t.key, JSON.object(pairs))
      })
      let errors = JSON.array(r.errors.flatMap { e in
        e.messages.map { JSON.object([("id", .string(e.id)), ("message", .string($0))]) }
      })
      return JSON.object([
        ("claims_file", .string(id.claimsFile)), ("template", .string(id.template)),
        ("runs", .number(Double(id.runs))), ("seed", .number(Double(id.seed))),
        ("shared", .array(id.shared.map(JSON.string))),
        ("claims", .array(claims)), ("portfolio", portfolio), ("errors", errors),
      ]).rendered() + "\n"
    case .csv:
      if shape == .wide {
        let header = ["id"] + keys.map(\.key) + ["error"]
        var rows: [(Int, [String])] = r.figures.map { f in
          (f.index, [f.id] + zip(columns.map(\.key), values(f)).filter { k, _ in keys.contains { $0.key == k } }
            .map { _, v in v.map(JSON.format) ?? "" } + [""])
        }
        rows += r.errors.map { e in
          (e.index, [e.id] + keys.map { _ in "" } + [e.messages.joined(separator: "\n")])
        }
        return CSVTable.render(header: header, rows: rows.sorted { $0.0 < $1.0 }.map(\.1))
      }
      var rows: [[String]] = []
      for f in r.figures {
        for (k, v) in zip(columns.map(\.key), values(f)) where keys.contains(where: { $0.key == k }) {
          rows.append(["claim", f.id, k, v.map(JSON.format) ?? ""])
        }
      }
      for t in totals {
        for (s, v) in zip(statistics, statValues(t.stat)) {
          rows.append(["portfolio", t.key, s, JSON.format(v)])
        }
        for (x, p) in zip(id.thresholds, t.stat.above) {
          rows.append(["portfolio", t.key, "p_above_\(JSON.format(x))", JSON.format(p)])
        }
      }
      for e in r.errors { for m in e.messages { rows.append(["error", e.id, "message", m]) } }
      return CSVTable.render(header: ["table", "id", "metric", "value"], rows: rows)
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
      let rows = r.figures.map { f in
        [f.id] + zip(columns.map(\.key), values(f)).filter { k, _ in keys.contains { $0.key == k } }
          .map { cell($0, $1) }
      }
      func table(_ h: [String], _ rows: [[String]]) -> String {
        md ? TextTable.markdown(header: h, rows: rows) : TextTable.render(header: h, rows: rows)
      }
      var out = ""
      let computed = r.figures.count, bad = r.errors.count
      // sentences: both languages on lines of their own
      func sentence(_ zh: String, _ en: String) -> String { lang == .both ? zh + "\n" + en : lang.label(zh, en) }
      out += sentence(
        "批量计算 \(id.claimsFile)(模板 \(id.template)):\(computed + bad) 件,已计算 \(computed) 件,出错 \(bad) 件;每件 \(id.runs) 次模拟,种子 \(id.seed)",
        "Batch \(id.claimsFile) (template \(id.template)): \(computed + bad) claims, \(computed) computed, \(bad) with errors; \(id.runs) runs each, seed \(id.seed)")
      out += "\n"
      if !id.shared.isEmpty {
        let list = id.shared.joined(separator: ", ")
        out += sentence("共同认定(每次模拟对所有案件一致):" + list, "Shared findings (decided once per run for every claim): " + list) + "\n"
      }
      out += "\n" + table(header, rows)
      out += "\n" + sentence("组合合计(各次模拟中所有案件之和)", "Portfolio (the sum over the claims in each run)") + "\n\n"
      let thresholdHeaders = id.thresholds.map { "P(> \(Amount.grouped($0)))" }
      let names = ["mean": lang.label("均值", "mean"), "sd": lang.label("标准差", "sd"),
                   "min": lang.label("最小值", "min"), "max": lang.label("最大值", "max")]
      let pHeader = [lang.label("合计", "total")] + statistics.map { names[$0] ?? $0.uppercased() }
        + thresholdHeaders
      let pRows = totals.map { t in
        [lang.label(t.zh, t.en)] + statValues(t.stat).map(Amount.grouped) + t.stat.above.map(Amount.percent)
      }
      out += table(pHeader, pRows)
      if !r.errors.isEmpty {
        out += "\n" + sentence("出错的行(未计算)", "Rows with errors (not computed)") + "\n\n"
        for e in r.errors { for m in e.messages { out += (md ? "- " : "") + m + "\n" } }
      }
      return out
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
    let id = r.identity
    let claims = JSON.array(r.figures.map { f in
      .object([
        ("index", .number(Double(f.index))), ("id", .string(f.id)),
        ("values", .array(values(f).map { $0.map(bits) ?? .null })),
      ])
    })
    let errors = JSON.array(r.errors.map { e in
      .object([("index", .number(Double(e.index))), ("id", .string(e.id)),
               ("messages", .array(e.messages.map(JSON.string)))])
    })
    return JSON.object([
      ("format", .string(partFormat)), ("version", .number(1)),
      ("shard", .number(Double(r.shard?.k ?? 0))), ("shards", .number(Double(r.shard?.n ?? 1))),
      ("claims_file", .string(id.claimsFile)), ("claims_digest", .string(Digest.hex(id.claimsDigest))),
      ("template", .string(id.template)), ("template_digest", .string(Digest.hex(id.templateDigest))),
      ("runs", .string(String(id.runs))), ("seed", .string(String(id.seed))),
      ("claim_count", .number(Double(id.claimCount))), ("best_claim", .bool(id.bestClaim)),
      ("thresholds", .array(id.thresholds.map(bits))), ("shared", .array(id.shared.map(JSON.string))),
      ("claims", claims), ("errors", errors),
      ("totals", .object([("award", .string(base64(r.totals.award))),
                          ("fees", .string(base64(r.totals.fees))),
                          ("net_recovery", .string(base64(r.totals.net)))])),
    ]).rendered(indent: nil) + "\n"
  }

  /// Why parts cannot be merged (exit 65), one message a line.
  public struct MergeFailure: Error, CustomStringConvertible {
    public var description: String
  }

  /// Reads partial result files and merges them into the whole batch's result, after checking
  /// that they are one complete, consistent batch: the same claims file, template, seed, runs
  /// and options, and every shard exactly once.
  public static func merge(paths: [String]) throws(MergeFailure) -> BatchResult {
    var parts: [(path: String, result: BatchResult)] = []
    for path in paths {
      parts.append((path, try readPart(path)))
    }
    guard let first = parts.first else { throw MergeFailure(description: "error: no parts given") }
    let n = first.result.shard!.n
    var seen: [Int: String] = [:]
    var problems: [String] = []
    for (path, r) in parts {
      let a = first.result.identity, b = r.identity
      var differs: [String] = []
      if a.template != b.template || a.templateDigest != b.templateDigest { differs.append("template (\(a.template) \(Digest.hex(a.templateDigest)) vs \(b.template) \(Digest.hex(b.templateDigest)))") }
      if a.claimsFile != b.claimsFile || a.claimsDigest != b.claimsDigest || a.claimCount != b.claimCount { differs.append("claims file (\(a.claimsFile) \(Digest.hex(a.claimsDigest)) vs \(b.claimsFile) \(Digest.hex(b.claimsDigest)))") }
      if a.seed != b.seed { differs.append("seed (\(a.seed) vs \(b.seed))") }
      if a.runs != b.runs { differs.append("runs (\(a.runs) vs \(b.runs))") }
      if a.bestClaim != b.bestClaim || a.thresholds != b.thresholds || a.shared != b.shared { differs.append("options (--best-claim, --threshold or shared findings)") }
      if r.shard!.n != n { differs.append("number of shards (\(n) vs \(r.shard!.n))") }
      if !differs.isEmpty {
        problems.append("\(path): error: not a part of the same batch as \(first.path): different \(differs.joined(separator: ", "))")
        continue
      }
      let k = r.shard!.k
      if let other = seen[k] {
        problems.append("\(path): error: shard \(k)/\(n) is given twice (also \(other))")
      } else {
        seen[k] = path
      }
    }
    if problems.isEmpty {
      let missing = (0..<n).filter { seen[$0] == nil }
      if !missing.isEmpty {
        problems.append("error: incomplete batch: missing shard\(missing.count > 1 ? "s" : "") \(missing.map { "\($0)/\(n)" }.joined(separator: ", ")) of \(first.result.identity.claimsFile)")
      }
    }
    if !problems.isEmpty { throw MergeFailure(description: problems.joined(separator: "\n")) }
    var identity = first.result.identity
    identity.claimsFile = first.result.identity.claimsFile
    let totals = PortfolioTotals(runs: identity.runs)
    var figures: [ClaimFigures] = []
    var errors: [ClaimErrors] = []
    for (_, r) in parts {
      totals.add(column: 0, r.totals.award)
      totals.add(column: 1, r.totals.fees)
      totals.add(column: 2, r.totals.net)
      figures += r.figures
      errors += r.errors
    }
    return BatchResult(identity: identity, figures: figures.sorted { $0.index < $1.index },
                       errors: errors.sorted { $0.index < $1.index }, totals: totals, shard: nil)
  }

  static func readPart(_ path: String) throws(MergeFailure) -> BatchResult {
    func fail(_ why: String) -> MergeFailure { MergeFailure(description: "\(path): error: \(why)") }
    guard let data = FileManager.default.contents(atPath: path) else { throw fail("cannot read file") }
    guard let object = try? JSONSerialization.jsonObject(with: data) as? [String: Any],
          object["format"] as? String == partFormat
    else { throw fail("not a partial result of `damages batch --shard` (write one with --shard K/N --out PART)") }
    func string(_ k: String) -> String? { object[k] as? String }
    func int(_ k: String) -> Int? { (object[k] as? NSNumber)?.intValue }
    func double(_ s: Any?) -> Double? {
      (s as? String).flatMap { UInt64($0, radix: 16) }.map(Double.init(bitPattern:))
    }
    func totals(_ s: String?, runs: Int) -> [Int64]? {
      guard let s, let d = Data(base64Encoded: s), d.count == runs * 8 else { return nil }
      return d.withUnsafeBytes { raw in
        (0..<runs).map { Int64(littleEndian: raw.loadUnaligned(fromByteOffset: $0 * 8, as: Int64.self)) }
      }
    }
    guard int("version") == 1, let k = int("shard"), let n = int("shards"), n >= 1, k >= 0, k < n,
          let claimsFile = string("claims_file"), let cd = string("claims_digest").flatMap({ UInt64($0, radix: 16) }),
          let template = string("template"), let td = string("template_digest").flatMap({ UInt64($0, radix: 16) }),
          let runs = string("runs").flatMap({ Int($0) }), runs >= 2, let seed = string("seed").flatMap({ UInt64($0) }),
          let count = int("claim_count"), let best = object["best_claim"] as? Bool,
          let thresholds = (object["thresholds"] as? [Any])?.compactMap(double),
          let shared = object["shared"] as? [String],
          let claims = object["claims"] as? [[String: Any]], let errs = object["errors"] as? [[String: Any]],
          let t = object["totals"] as? [String: Any],
          let award = totals(t["award"] as? String, runs: runs), let fees = totals(t["fees"] as? String, runs: runs),
          let net = totals(t["net_recovery"] as? String, runs: runs)
    else { throw fail("a damaged partial result file (a field is missing or malformed)") }
    var figures: [ClaimFigures] = []
    for c in claims {
      guard let index = (c["index"] as? NSNumber)?.intValue, let id = c["id"] as? String,
            let v = c["values"] as? [Any], v.count == columns.count
      else { throw fail("a damaged partial result file (a claim's figures)") }
      let d = v.map(double)
      guard let p = d[0], let m = d[1], let p5 = d[2], let p50 = d[3], let p95 = d[4], let fs = d[6],
            let nm = d[7], let n5 = d[8]
      else { throw fail("a damaged partial result file (a claim's figures)") }
      figures.append(ClaimFigures(index: index, id: id, pLiable: p, awardMean: m, awardP5: p5,
                                  awardP50: p50, awardP95: p95, fee: d[5], feeShareMean: fs,
                                  netMean: nm, netP5: n5, bestClaim: d[9]))
    }
    let errors = errs.compactMap { e -> ClaimErrors? in
      guard let index = (e["index"] as? NSNumber)?.intValue, let id = e["id"] as? String,
            let messages = e["messages"] as? [String] else { return nil }
      return ClaimErrors(index: index, id: id, messages: messages)
    }
    let sum = PortfolioTotals(runs: runs)
    sum.add(column: 0, award)
    sum.add(column: 1, fees)
    sum.add(column: 2, net)
    return BatchResult(
      identity: BatchIdentity(claimsFile: claimsFile, claimsDigest: cd, template: template,
                              templateDigest: td, runs: runs, seed: seed, claimCount: count,
                              bestClaim: best, thresholds: thresholds, shared: shared),
      figures: figures, errors: errors, totals: sum, shard: (k, n))
  }
}

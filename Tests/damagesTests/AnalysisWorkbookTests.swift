import DamagesScenario
import Foundation
import Testing
import _DamagesTestSupport

/// The workbooks and the wide CSV of `sweep`, `sensitivity`, `claim` and `fit` (docs/outputs.md,
/// Tables for briefs), read back and compared with the same command's JSON. Every number of
/// every sheet is compared by Tests/python/test_xlsx_files.py (openpyxl); these check the sheets,
/// one figure of each, and the usage errors, on the built binary.
@Suite("damages: workbooks and wide CSV of sweep, sensitivity, claim, fit", .serialized)
struct AnalysisWorkbookTests {
  static let sweep = ["sweep", "scenarios/template-illegal-use.yaml", "--runs", "400", "--threads", "1"]
  static let sensitivity = ["sensitivity", "scenarios/benchmark.yaml", "--runs", "400"]
  static let claim = ["claim", "scenarios/template-illegal-use.yaml", "--runs", "400", "--threads", "1", "--points", "20"]

  func json(_ arguments: [String], in folder: URL? = nil) throws -> [String: Any] {
    let r = try DamagesBinary.run(arguments + ["--format", "json"], in: folder)
    #expect(r.status == 0, "\(r.stderr)")
    return try #require(JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as? [String: Any])
  }

  /// The workbook written by `arguments --out NAME.xlsx --lang en`, one sheet read back by name.
  func sheets(_ arguments: [String], _ names: [String], in folder: URL) throws -> [String: ClaimsSheet] {
    let out = folder.appendingPathComponent("book.xlsx").path
    let r = try DamagesBinary.run(arguments + ["--out", out, "--lang", "en"], in: folder)
    #expect(r.status == 0, "\(r.stderr)")
    var read: [String: ClaimsSheet] = [:]
    for name in names { read[name] = try ClaimsSheet.read(path: out, sheet: name) }
    return read
  }

  func number(_ text: String?) throws -> Double { try #require(text.flatMap(Double.init)) }

  /// Equal to the JSON's 16 significant digits (the workbook holds the full double).
  func same(_ a: Double, _ b: Double) -> Bool { abs(a - b) <= 1e-15 * max(abs(a), abs(b), 1) }

  func column(_ sheet: ClaimsSheet, _ header: String) throws -> Int {
    try #require(sheet.header.firstIndex(of: header), "\(sheet.header)")
  }

  @Test("sweep --out X.xlsx: a Sweep sheet, a row per point with the JSON's figures, and Settings")
  func sweepWorkbook() throws {
    let folder = try DamagesBinary.temporaryFolder()
    defer { try? FileManager.default.removeItem(at: folder) }
    var args = Self.sweep
    args[1] = DamagesBinary.packageRoot.appendingPathComponent(args[1]).path
    let book = try sheets(args, ["Sweep", "Settings"], in: folder)
    let sweep = try #require(book["Sweep"])
    let points = try #require(try json(args)["points"] as? [[String: Any]])
    #expect(sweep.rows.count == points.count)
    #expect(Array(sweep.header.prefix(4)) == ["Point", "Liability: a work", "Proof of the license fee", "Award Mean"])
    let mean = try column(sweep, "Award Mean"), liable = try column(sweep, "P(liable)")
    for (row, point) in zip(sweep.rows, points) {
      let award = try #require(point["award"] as? [String: Double])
      #expect(same(try number(row.cells[mean]), try #require(award["mean"])))
      #expect(same(try number(row.cells[liable]), try #require(point["p_liable"] as? Double)))
    }
    #expect(try #require(book["Settings"]).rows.map { $0.cells[0] } == [
      "Scenario", "Swept paths", "Runs per point (common random numbers)", "Seed",
    ])
  }

  @Test("sensitivity --method both --out X.xlsx: Summary, Tornado, Rank correlation, Sobol indices")
  func sensitivityWorkbook() throws {
    let folder = try DamagesBinary.temporaryFolder()
    defer { try? FileManager.default.removeItem(at: folder) }
    var args = Self.sensitivity + ["--method", "both", "--samples", "64", "--bootstrap", "20"]
    args[1] = DamagesBinary.packageRoot.appendingPathComponent(args[1]).path
    let book = try sheets(args, ["Summary", "Tornado", "Rank correlation", "Sobol indices"], in: folder)
    let o = try json(args)
    let summary = try #require(book["Summary"])
    #expect(summary.rows[1].cells[0] == "Expected award (yuan)")
    #expect(same(try number(summary.rows[1].cells[1]), try #require(o["base_award"] as? Double)))
    let tornado = try #require(book["Tornado"])
    #expect(tornado.header == ["Input", "Path", "Low", "High", "Swing", "Monotone"])
    let rows = try #require(o["tornado"] as? [[String: Any]])
    #expect(tornado.rows.map { $0.cells[1] } == rows.map { $0["input"] as? String ?? "" })
    for (row, t) in zip(tornado.rows, rows) {
      #expect(same(try number(row.cells[4]), try #require(t["swing"] as? Double)))
    }
    let sobol = try #require((o["sobol"] as? [String: Any])?["inputs"] as? [[String: Any]])
    let indices = try #require(book["Sobol indices"])
    #expect(indices.rows.map { $0.cells[1] } == sobol.map { $0["input"] as? String ?? "" })
    #expect(same(try number(indices.rows[0].cells[5]), try #require(sobol[0]["total"] as? Double)))
  }

  @Test("claim --out X.xlsx: Summary with the best claim, and the Curve")
  func claimWorkbook() throws {
    let folder = try DamagesBinary.temporaryFolder()
    defer { try? FileManager.default.removeItem(at: folder) }
    var args = Self.claim
    args[1] = DamagesBinary.packageRoot.appendingPathComponent(args[1]).path
    let book = try sheets(args, ["Summary", "Curve"], in: folder)
    let o = try json(args)
    let curve = try #require(book["Curve"])
    #expect(curve.header == ["Claim", "Fee", "Expected award", "Expected fee share", "Expected net recovery"])
    let points = try #require(o["curve"] as? [[String: Double]])
    #expect(curve.rows.count == points.count)
    for (row, p) in zip(curve.rows, points) {
      #expect(same(try number(row.cells[4]), try #require(p["expected_net_recovery"])))
    }
    let best = try #require(o["best"] as? [String: Double])
    let summary = try #require(book["Summary"])
    #expect(summary.rows[1].cells[0] == "Best claim (yuan)")
    #expect(same(try number(summary.rows[1].cells[1]), try #require(best["claim"])))
  }

  @Test("fit --out X.xlsx: Summary with the law to paste, and a row per law in Fits")
  func fitWorkbook() throws {
    let folder = try DamagesBinary.temporaryFolder()
    defer { try? FileManager.default.removeItem(at: folder) }
    try "case,award\na,12000\nb,30000\nc,8000\nd,55000\ne,21000\nf,15000\n"
      .write(to: folder.appendingPathComponent("awards.csv"), atomically: true, encoding: .utf8)
    let args = ["fit", "awards.csv", "--column", "award"]
    let book = try sheets(args, ["Summary", "Fits"], in: folder)
    let o = try json(args, in: folder)
    let fits = try #require(book["Fits"])
    let laws = try #require(o["fits"] as? [[String: Any]])
    #expect(fits.rows.map { $0.cells[0] } == laws.map { $0["law"] as? String ?? "" })
    let aic = try column(fits, "AIC")
    #expect(same(try number(fits.rows[0].cells[aic]), try #require(laws[0]["aic"] as? Double)))
    // the empirical law has no likelihood: an empty cell, not 0
    #expect(fits.rows[2].cells[aic] == "")
    let summary = try #require(book["Summary"])
    #expect(summary.rows[4].cells == ["Law to paste", try #require(o["best"] as? String)])
  }

  @Test("--format xlsx without --out: the workbook on standard output")
  func standardOutput() throws {
    let r = try DamagesBinary.run(Self.claim + ["--format", "xlsx"])
    #expect(r.status == 0, "\(r.stderr)")
    #expect(r.stdout.hasPrefix("PK"))
  }

  @Test("sweep --shape wide: a row per point, a column per statistic, the JSON's numbers")
  func sweepWide() throws {
    let r = try DamagesBinary.run(Self.sweep + ["--format", "csv", "--shape", "wide", "--lang", "en"])
    #expect(r.status == 0, "\(r.stderr)")
    // the title holds a comma (it is quoted): the fields are counted from the end
    let lines = r.stdout.split(separator: "\r\n").map { $0.split(separator: ",", omittingEmptySubsequences: false).map(String.init) }
    let header = try #require(lines.first)
    #expect(Array(header.prefix(5)) == ["scenario", "point", "liability.work", "facts.proven.license_fee", "award_mean"])
    #expect(Array(header.suffix(4)) == ["net_recovery_mean", "net_recovery_p50", "fee_share_mean", "p_capped"])
    let points = try #require(try json(Self.sweep)["points"] as? [[String: Any]])
    #expect(lines.count - 1 == points.count)
    let body = lines.dropFirst().map { Array($0.suffix(header.count - 1)) }
    for (row, point) in zip(body, points) {
      let award = try #require(point["award"] as? [String: Double])
      #expect(same(try number(row[3]), try #require(award["mean"])))
      let fees = try #require(point["fees"] as? [String: Any])
      #expect(same(try number(row[header.count - 2]), try #require(fees["p_capped"] as? Double)))
    }
    let zh = try DamagesBinary.run(Self.sweep + ["--format", "csv", "--shape", "wide", "--lang", "zh"])
    #expect(zh.stdout.hasPrefix("情景,点,liability.work,facts.proven.license_fee,判赔均值,判赔标准差,"))
    let both = try DamagesBinary.run(Self.sweep + ["--format", "csv", "--shape", "wide", "--lang", "both"])
    #expect(both.stdout.hasPrefix("情景 scenario,点 point,liability.work,facts.proven.license_fee,判赔均值 award_mean,"))
  }

  @Test("sensitivity --shape wide: a row per input with the tornado's figures and ρ beside them")
  func sensitivityWide() throws {
    let r = try DamagesBinary.run(Self.sensitivity + ["--format", "csv", "--shape", "wide", "--lang", "en"])
    #expect(r.status == 0, "\(r.stderr)")
    let lines = r.stdout.split(separator: "\r\n").map { $0.split(separator: ",", omittingEmptySubsequences: false).map(String.init) }
    #expect(lines[0] == ["scenario", "input", "low", "high", "swing", "monotone", "rho"])
    let o = try json(Self.sensitivity)
    let tornado = try #require(o["tornado"] as? [[String: Any]])
    let rho = try #require((o["rank_correlations"] as? [String: Any])?["inputs"] as? [[String: Any]])
    // a defence's path holds no comma; the title does: count from the end
    let body = lines.dropFirst().map { Array($0.suffix(6)) }
    #expect(body.count == Set(tornado.map { $0["input"] as? String } + rho.map { $0["input"] as? String }).count)
    for (row, t) in zip(body, tornado) {
      #expect(row[0] == t["input"] as? String)
      #expect(same(try number(row[1]), try #require(t["low"] as? Double)))
      #expect(same(try number(row[3]), try #require(t["swing"] as? Double)))
      let r = try #require(rho.first { $0["input"] as? String == row[0] }?["rho"] as? Double)
      #expect(same(try number(row[5]), r))
    }
  }

  @Test("--lang zh: a sensitivity or sweep CSV names its methods, inputs and statistics in Chinese")
  func chineseNames() throws {
    let long = try DamagesBinary.run(Self.sensitivity + ["--format", "csv", "--lang", "zh"])
    #expect(long.status == 0)
    #expect(long.stdout.contains(",龙卷风图,责任：构成作品,摆幅,"))
    #expect(long.stdout.contains(",秩相关,责任：构成作品,秩相关系数,"))
    #expect(!long.stdout.contains("tornado"))
    let wide = try DamagesBinary.run(Self.sensitivity + ["--format", "csv", "--lang", "zh", "--shape", "wide"])
    #expect(wide.stdout.hasPrefix("情景,输入,最低,最高,摆幅,单调,秩相关系数\r\n"))
    #expect(wide.stdout.contains(",责任：构成作品,0,"))
    let sweep = try DamagesBinary.run(Self.sweep + ["--format", "csv", "--lang", "zh"])
    #expect(sweep.stdout.contains(",判赔均值,"))
    #expect(!sweep.stdout.contains(",award_mean,"))
    // under en the names stay the JSON's keys, for pandas and R
    let en = try DamagesBinary.run(Self.sensitivity + ["--format", "csv", "--lang", "en"])
    #expect(en.stdout.contains(",tornado,liability.work,swing,"))
  }

  @Test(
    "--shape wide where a CSV has one shape: a usage error (64) that names the commands with a wide shape",
    arguments: [
      ["claim", "scenarios/template-illegal-use.yaml"], ["fit", "awards.csv", "--column", "award"],
      ["estimate", "scenarios/template-illegal-use.yaml"], ["fees", "300000"],
    ])
  func oneShape(arguments: [String]) throws {
    let r = try DamagesBinary.run(arguments + ["--format", "csv", "--shape", "wide"])
    #expect(r.status == 64)
    #expect(r.stderr.hasPrefix(
      "Error: \(arguments[0])'s CSV has one shape, already one row per item; --shape wide is for the long CSV of simulate, sweep, sensitivity, batch and merge\n"),
      "\(r.stderr)")
  }

  @Test(
    "An --out extension the format cannot write is still a usage error (64), nothing written",
    arguments: [
      (["sweep", "scenarios/template-illegal-use.yaml", "--format", "csv", "--out", "y.xlsx"],
       "Error: --format csv cannot write an Excel workbook, which the --out file's extension (.xlsx) names: drop --format, or give --format xlsx, or change the file name"),
      (["fit", "awards.csv", "--column", "award", "--format", "xlsx", "--out", "y.csv"],
       "Error: --format xlsx writes an Excel workbook; the --out file must end in .xlsx: change the file name or the format"),
      (["sensitivity", "scenarios/benchmark.yaml", "--format", "xlsx", "--shape", "wide"],
       "Error: --shape applies to CSV output only (tables and workbooks already have the wide shape): add --format csv or write to a .csv file"),
    ])
  func extensions(arguments: [String], message: String) throws {
    let folder = try DamagesBinary.temporaryFolder()
    defer { try? FileManager.default.removeItem(at: folder) }
    let args = arguments.map {
      $0.hasPrefix("scenarios/") ? DamagesBinary.packageRoot.appendingPathComponent($0).path : $0
    }
    let r = try DamagesBinary.run(args, in: folder)
    #expect(r.status == 64)
    #expect(r.stderr.hasPrefix(message + "\n"), "\(r.stderr)")
    #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path).isEmpty)
  }
}

import Foundation
import Testing
import _DamagesTestSupport

/// Tables for briefs (docs/outputs.md): the wide CSV, Chinese names in a CSV under --lang zh,
/// Markdown headers said once under --lang both, and the usage errors of --format xlsx, an
/// --out extension the format cannot write and --shape. The workbooks themselves are read back
/// with openpyxl (Tests/python/test_xlsx_files.py).
@Suite("damages: tables for briefs", .serialized)
struct TablesForBriefsTests {
  static let scenario = ["simulate", "scenarios/platform-notice-three-defendants.yaml", "--runs", "2000", "--threads", "1"]

  @Test("--shape wide: one row per item, one column per statistic, the JSON's numbers")
  func wide() throws {
    let r = try DamagesBinary.run(Self.scenario + ["--format", "csv", "--shape", "wide", "--lang", "en"])
    #expect(r.status == 0, "\(r.stderr)")
    // The title holds a comma (it is quoted): the fields are counted from the end.
    let lines = r.stdout.split(separator: "\r\n").map {
      Array($0.split(separator: ",", omittingEmptySubsequences: false).map(String.init).suffix(17))
    }
    #expect(lines[0] == ["scenario", "route", "quantity", "mean", "sd", "se_mean", "min", "p5", "p10", "p25", "p50", "p75", "p90", "p95", "p99", "max", "p_positive"])
    let json = try DamagesBinary.run(Self.scenario + ["--format", "json"])
    let o = try #require(JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any])
    let award = try #require(o["award"] as? [String: Double])
    let row = try #require(lines.first { $0.count > 2 && $0[2] == "award" })
    for (i, key) in lines[0].enumerated().dropFirst(3) {
      // The JSON prints 16 significant digits, the CSV the full double.
      let (a, b) = (try #require(Double(row[i])), try #require(award[key]))
      #expect(abs(a - b) <= 1e-15 * max(abs(a), abs(b)), "\(key)")
    }
    let liable = try #require(lines.first { $0.count > 2 && $0[2] == "p_liable" })
    #expect(Double(liable[3]) == o["p_liable"] as? Double)
    #expect(liable[4...].allSatisfy { $0.isEmpty })
  }

  @Test("--lang zh: item and statistic names in the CSV are Chinese too")
  func chineseNames() throws {
    let long = try DamagesBinary.run(Self.scenario + ["--format", "csv", "--lang", "zh"])
    #expect(long.status == 0)
    #expect(long.stdout.contains(",侵权之诉,判赔总额,中位数,"))
    #expect(!long.stdout.contains(",award,"))
    let wide = try DamagesBinary.run(Self.scenario + ["--format", "csv", "--lang", "zh", "--shape", "wide"])
    #expect(wide.stdout.hasPrefix("情景,路径,项目,均值,标准差,"))
    #expect(wide.stdout.contains(",侵权之诉,判赔总额,"))
    // Under en and both the names stay the JSON's keys, for pandas and R.
    let en = try DamagesBinary.run(Self.scenario + ["--format", "csv", "--lang", "both"])
    #expect(en.stdout.contains(",tort,award,p50,"))
  }

  @Test("Markdown under --lang both says a header once when both languages write it alike")
  func markdownHeaders() throws {
    let r = try DamagesBinary.run(Self.scenario + ["--format", "markdown", "--lang", "both"])
    #expect(r.status == 0)
    #expect(!r.stdout.contains("P5 P5"))
    #expect(r.stdout.contains("| P5 |"))
    #expect(r.stdout.contains("中位数 P50"))
  }

  @Test(
    "Usage errors (64), nothing written: an extension the format cannot write, --shape outside CSV or where a CSV has one shape",
    arguments: [
      (["fees", "300000", "--format", "csv", "--out", "y.xlsx"],
       "Error: --format csv cannot write an Excel workbook, which the --out file's extension (.xlsx) names: drop --format, or give --format xlsx, or change the file name"),
      (["fees", "300000", "--format", "xlsx", "--out", "y.csv"],
       "Error: --format xlsx writes an Excel workbook; the --out file must end in .xlsx: change the file name or the format"),
      (["fees", "300000", "--shape", "wide"],
       "Error: --shape applies to CSV output only (tables and workbooks already have the wide shape): add --format csv or write to a .csv file"),
      (["fees", "300000", "--format", "csv", "--shape", "wide"],
       "Error: fees's CSV has one shape, already one row per item; --shape wide is for the long CSV of simulate, sweep, sensitivity, batch and merge"),
    ])
  func usage(arguments: [String], message: String) throws {
    let folder = try DamagesBinary.temporaryFolder()
    defer { try? FileManager.default.removeItem(at: folder) }
    var args = arguments
    if let i = args.firstIndex(of: "scenarios/template-illegal-use.yaml") {
      args[i] = DamagesBinary.packageRoot.appendingPathComponent(args[i]).path
    }
    let r = try DamagesBinary.run(args, in: folder)
    #expect(r.status == 64)
    #expect(r.stderr.hasPrefix(message + "\n"), "\(r.stderr)")
    let left = try FileManager.default.contentsOfDirectory(atPath: folder.path)
    #expect(left.isEmpty)
  }

  @Test("--out FILE.xlsx writes a zip container (an Excel workbook), not text")
  func realWorkbook() throws {
    let folder = try DamagesBinary.temporaryFolder()
    defer { try? FileManager.default.removeItem(at: folder) }
    let out = folder.appendingPathComponent("粤0192民初113-fees.xlsx")
    let r = try DamagesBinary.run(["fees", "30万", "--out", out.path])
    #expect(r.status == 0, "\(r.stderr)")
    let data = try Data(contentsOf: out)
    #expect(data.prefix(2) == Data("PK".utf8))
  }
}

import Foundation
import Testing
import _DamagesTestSupport

/// `damages fit FILE.csv --column NAME`: the fits, the line to paste, and the refusals with
/// their exit codes (SPEC 4: 65 bad data, 66 missing input).
@Suite("damages fit", .serialized)
struct FitCommandTests {
  static let csv = "case,award,court\nA,52000,x\nB,31000,y\nC,120000,z\nD,8000,w\nE,45000,v\nF,70000,u\nG,26000,t\n"

  func withFile<T>(_ text: String, _ body: (URL) throws -> T) throws -> T {
    let folder = try DamagesBinary.temporaryFolder()
    defer { try? FileManager.default.removeItem(at: folder) }
    try Data(text.utf8).write(to: folder.appendingPathComponent("awards.csv"))
    return try body(folder)
  }

  @Test("The gamma fits these awards best and its line is printed to paste")
  func table() throws {
    let r = try withFile(Self.csv) { folder in
      try DamagesBinary.run(["fit", "awards.csv", "--column", "award", "--lang", "en"], in: folder)
    }
    #expect(r.status == 0, "\(r.stderr)")
    #expect(r.stdout.contains("\n  actual_loss: {dist: gamma, shape: 2.034, scale: 24720}\n"))
    #expect(r.stdout.contains("  # actual_loss: {dist: lognormal, median: 38560, sigma: 0.7959}\n"))
    #expect(r.stdout.contains("gamma ◀"))
  }

  @Test("JSON: every fit with its log-likelihood, AIC and KS distance")
  func json() throws {
    let r = try withFile(Self.csv) { folder in
      try DamagesBinary.run(
        ["fit", "awards.csv", "--column", "award", "--fact", "statutory_award", "--format", "json"],
        in: folder)
    }
    #expect(r.status == 0, "\(r.stderr)")
    let o = try #require(
      JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as? [String: Any])
    #expect(o["n"] as? Double == 7)
    #expect(o["best"] as? String == "gamma")
    let fits = try #require(o["fits"] as? [[String: Any]])
    #expect(fits.map { $0["law"] as? String } == ["lognormal", "gamma", "empirical"])
    let gamma = fits[1]
    #expect(abs((gamma["log_likelihood"] as? Double ?? 0) - -81.9323287678294813) < 1e-9)
    #expect(fits[2]["aic"] is NSNull)
    #expect((fits[0]["scenario_line"] as? String)?.hasPrefix("statutory_award: {dist: lognormal") == true)
  }

  @Test("Bad input: a clear message and exit 65 or 66", arguments: [
    ("case,award\nA,5\n", ["--column", "amount"], Int32(65),
     "awards.csv:1: error: no column `amount`; the header has `case`, `award`\n"),
    ("award\n5\nabc\n", ["--column", "award"], Int32(65),
     "awards.csv:3: error: award: must be a number of yuan (digits, no grouping commas), got `abc`\n"),
    ("award\n5\n-3\n", ["--column", "award"], Int32(65),
     "awards.csv:3: error: award: must be a positive amount of yuan, got -3; a lognormal or gamma law has no room for 0 or less\n"),
    ("award\n5000\n", ["--column", "award"], Int32(65),
     "awards.csv: error: award: needs at least 2 values to fit a law, got 1\n"),
    ("award\n5000\n5000\n", ["--column", "award"], Int32(65),
     "awards.csv: error: award: every value is 5,000: a single amount has no spread to fit (write it as a number)\n"),
  ])
  func refusals(text: String, options: [String], status: Int32, message: String) throws {
    let r = try withFile(text) { folder in
      try DamagesBinary.run(["fit", "awards.csv"] + options, in: folder)
    }
    #expect(r.status == status)
    #expect(r.stderr == message)
    #expect(r.stdout.isEmpty)
  }

  @Test("A missing file: exit 66")
  func missing() throws {
    let r = try DamagesBinary.run(["fit", "no-such-awards.csv", "--column", "award"])
    #expect(r.status == 66)
    #expect(r.stderr == "no-such-awards.csv: error: cannot read file: no such file or directory\n")
  }
}

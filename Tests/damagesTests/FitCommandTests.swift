import Foundation
import Testing
import _DamagesTestSupport

/// `damages fit FILE.csv --column NAME`: the fits, the line to paste, and the refusals with
/// their exit codes (docs/outputs.md, Errors and exit codes: 65 bad data, 66 missing input).
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
        ["fit", "awards.csv", "--column", "award", "--fact", "expenses", "--format", "json"],
        in: folder)
    }
    #expect(r.status == 0, "\(r.stderr)")
    let o = try #require(
      JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as? [String: Any])
    #expect(o["n"] as? Double == 7)
    #expect(o["fact"] as? String == "expenses")
    #expect(o["best"] as? String == "gamma")
    let fits = try #require(o["fits"] as? [[String: Any]])
    #expect(fits.map { $0["law"] as? String } == ["lognormal", "gamma", "empirical"])
    let gamma = fits[1]
    #expect(abs((gamma["log_likelihood"] as? Double ?? 0) - -81.9323287678294813) < 1e-9)
    #expect(fits[2]["aic"] is NSNull)
    #expect((fits[0]["scenario_line"] as? String)?.hasPrefix("expenses: {dist: lognormal") == true)
    #expect(fits.allSatisfy { $0["refused"] is NSNull })
  }

  // MARK: Only what a scenario accepts for the fact (docs/scenario-format.md, Input rules, "Supports")

  static let head = "version: 1\ntitle: t\ncase:\n  act: illegal-use\n  claimant: natural-person\n  rights: [reproduction]\nfacts:\n"
  /// What else each fact needs beside it for the scenario to be valid.
  static let company: [String: String] = [
    "statutory_award": "",
    "actual_loss": "",
    "multiplier": "  illegal_gains: 10000\n  intentional: true\n  serious: true\n",
    "license_fee_multiple": "  license_fee: 1000\n",
    "mental_harm_score": "  statutory_award: 1000\n",
  ]
  static let multipliers = "case,multiplier\nA,1.5\nB,2\nC,3\nD,2.5\nE,4\nF,1.2\n"
  static let scores = "score\n2\n7.5\n6\n9\n4\n"

  /// `damages check` on a scenario holding `line` under `facts:`.
  func check(_ line: String, fact: String, in folder: URL) throws -> CommandResult {
    let file = folder.appendingPathComponent("pasted.yaml")
    try (Self.head + Self.company[fact]! + "  " + line + "\n").write(
      to: file, atomically: true, encoding: .utf8)
    return try DamagesBinary.run(["check", "pasted.yaml"], in: folder)
  }

  /// fit's own --help gives `--fact statutory_award` as an example, and once recommended a
  /// gamma there, which the reader refuses: a range takes no unbounded law. Every line fit
  /// offers must pass `damages check` when pasted, and every law it refuses must be refused by
  /// `check` for the reason fit gives.
  @Test("The line to paste passes `damages check`; a law fit refuses, check refuses for the same reason",
        arguments: [
          (csv, "award", "statutory_award", "empirical"),
          (csv, "award", "actual_loss", "gamma"),
          (multipliers, "multiplier", "multiplier", "empirical"),
          (multipliers, "multiplier", "license_fee_multiple", "empirical"),
          (scores, "score", "mental_harm_score", "empirical"),
        ])
  func pasted(text: String, column: String, fact: String, best: String) throws {
    try withFile(text) { folder in
      let table = try DamagesBinary.run(
        ["fit", "awards.csv", "--column", column, "--fact", fact, "--lang", "en"], in: folder)
      #expect(table.status == 0, "\(table.stderr)")
      let paste = try #require(
        table.stdout.components(separatedBy: "Paste under `facts:` in the scenario:\n  ").dropFirst()
          .first?.split(separator: "\n").first.map(String.init))
      #expect(paste.hasPrefix("\(fact): {dist: \(best),"), "\(paste)")
      let pasted = try check(paste, fact: fact, in: folder)
      #expect(pasted.status == 0, "\(paste): \(pasted.stderr)")

      let json = try DamagesBinary.run(
        ["fit", "awards.csv", "--column", column, "--fact", fact, "--format", "json"], in: folder)
      let o = try #require(
        JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any])
      #expect(o["best"] as? String == best)
      for fit in try #require(o["fits"] as? [[String: Any]]) {
        let law = fit["law"] as? String ?? ""
        if let line = fit["scenario_line"] as? String {
          #expect(fit["refused"] is NSNull)
          let r = try check(line, fact: fact, in: folder)
          #expect(r.status == 0, "\(line): \(r.stderr)")
          #expect(law == best || table.stdout.contains("\n  # \(line)\n"), "\(line)")
        } else {
          let reason = try #require(fit["refused"] as? String)
          let p = try #require(fit["parameters"] as? [String: Any])
          let line =
            switch law {
            case "lognormal": "\(fact): {dist: lognormal, median: \(p["median"]!), sigma: \(p["sigma"]!)}"
            case "gamma": "\(fact): {dist: gamma, shape: \(p["shape"]!), scale: \(p["scale"]!)}"
            default: "\(fact): {dist: empirical, values: [\((p["values"] as! [Double]).map { "\($0)" }.joined(separator: ", "))]}"
            }
          let r = try check(line, fact: fact, in: folder)
          #expect(r.status == 65, "\(line)")
          #expect(r.stderr.contains(": error: facts.\(fact): \(reason)\n"), "\(r.stderr)")
          #expect(table.stdout.contains("\n  \(law): \(reason)\n"))
          #expect(!table.stdout.contains("\(fact): {dist: \(law)"), "no paste line for \(law)")
        }
      }
    }
  }

  @Test("multiplier from awards in yuan: nothing to paste, said plainly, with each law's reason")
  func nothingFits() throws {
    let r = try withFile(Self.csv) { folder in
      try DamagesBinary.run(
        ["fit", "awards.csv", "--column", "award", "--fact", "multiplier", "--lang", "en"],
        in: folder)
    }
    #expect(r.status == 0, "\(r.stderr)")
    #expect(r.stdout.contains(
      "\n\nNothing to paste: none of these laws stays within 1 to 5 (Art. 54 ¶1), the bounds a scenario sets for multiplier.\n"
        + "  lognormal: must lie within 1 to 5 (Art. 54 ¶1); a lognormal is unbounded: use a bounded distribution (uniform, triangular, pert, beta, discrete, empirical)\n"
        + "  gamma: must lie within 1 to 5 (Art. 54 ¶1); a gamma is unbounded: use a bounded distribution (uniform, triangular, pert, beta, discrete, empirical)\n"
        + "  empirical: must lie within 1 to 5 (Art. 54 ¶1); an empirical distribution with values from 8,000 to 120,000 reaches outside it\n"))
    #expect(!r.stdout.contains("Paste under"))
    #expect(!r.stdout.contains("multiplier: {dist:"))
    #expect(!r.stdout.contains("◀"))
  }

  @Test("R3 statutory awards above 500,000: the line says the 2010 text would refuse it")
  func statutory2010() throws {
    let r = try withFile("award\n300000\n800000\n650000\n1200000\n90000\n") { folder in
      try DamagesBinary.run(
        ["fit", "awards.csv", "--column", "award", "--fact", "statutory_award", "--lang", "en"],
        in: folder)
    }
    #expect(r.stdout.contains(
      "\n  statutory_award: {dist: empirical, values: [300000, 800000, 650000, 1200000, 90000]}\n"
        + "  # not for an infringement that ended before 2021-06-01: must lie within 0 to 500,000 (2010 text, Art. 49 ¶2: the infringement ended before 2021-06-01); an empirical distribution with values from 90,000 to 1,200,000 reaches outside it\n"))
  }

  @Test("Bad input: a clear message and exit 65 or 66", arguments: [
    ("case,award\nA,5\n", ["--column", "amount"], Int32(65),
     "awards.csv:1: error: no column `amount`; the header has `case`, `award`\n"),
    ("award\n5\nabc\n", ["--column", "award"], Int32(65),
     "awards.csv:3: error: award: \"abc\" is not an amount; write it as 12000, 1.2万 or ¥12,000\n"),
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

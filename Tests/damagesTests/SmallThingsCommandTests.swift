import Foundation
import Testing
import _DamagesTestSupport

/// Small things a new user met: the version, a negative fee amount, `--runs` written as the
/// scenario file allows, and Sobol indices that cannot be told from 0.
@Suite("damages: small things", .serialized)
struct SmallThingsCommandTests {
  @Test("damages --version prints the version and exits 0")
  func version() throws {
    let r = try DamagesBinary.run(["--version"])
    #expect(r.status == 0)
    #expect(r.stdout == "0.1.0-dev\n")
  }

  // R10: an amount ≤ 0 is a usage error (64); a negative amount used to be taken for an option
  // and reported as "Missing expected argument '<amount>'".
  @Test("fees -5 says the amount must be positive, exit 64", arguments: [
    (["fees", "-5"], "Error: the amount claimed must be a positive number of yuan, at most 10^15 yuan, got -5"),
    (["fees", "-5", "--summary"], "Error: the amount claimed must be a positive number of yuan, at most 10^15 yuan, got -5"),
    (["fees", "0"], "Error: the amount claimed must be a positive number of yuan, at most 10^15 yuan, got 0"),
    (["fees"], "Error: Missing expected argument '<amount>'"),
    (["fees", "abc"], "Error: the amount claimed: \"abc\" is not an amount; write it as 12000, 1.2万 or ¥12,000"),
    (["fees", "100", "200"], "Error: one amount is expected, got '100' '200'"),
    (["fees", "--bogus"], "Error: Unknown option '--bogus'"),
  ])
  func feesAmount(arguments: [String], message: String) throws {
    let r = try DamagesBinary.run(arguments)
    #expect(r.status == 64)
    #expect(r.stderr.hasPrefix(message + "\n"), "\(r.stderr)")
    #expect(r.stdout.isEmpty)
  }

  // simulation.runs accepts 1e6 (an exponent form whose value is whole); --runs now does too.
  @Test("--runs takes an exponent form that is an integer, as the scenario file does", arguments: [
    ("2e3", 2_000.0), ("2.5e3", 2_500), ("2.0E+3", 2_000), ("+3000", 3_000),
  ])
  func runsExponent(text: String, runs: Double) throws {
    let r = try DamagesBinary.run([
      "simulate", "scenarios/bic-2023-11279-li-v-liu.yaml", "--runs", text, "--format", "json",
    ])
    #expect(r.status == 0, "\(r.stderr)")
    let o = try #require(JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as? [String: Any])
    #expect(o["runs"] as? Double == runs)
  }

  @Test("--runs refuses what is not a whole number, exit 64", arguments: [
    ["simulate", "--runs", "1.5"], ["simulate", "--runs", "1e-3"], ["simulate", "--runs", "0x10"],
    ["sweep", "--runs", "1e6.5"], ["claim", "--runs", "many"], ["sensitivity", "--runs", "inf"],
  ])
  func runsRefused(arguments: [String]) throws {
    let r = try DamagesBinary.run(
      [arguments[0], "scenarios/bic-2023-11279-li-v-liu.yaml"] + arguments.dropFirst())
    #expect(r.status == 64)
    #expect(
      r.stderr.contains(
        "must be a whole number of runs, written plainly or with an exponent (1000000 or 1e6), got \(arguments[2])"),
      "\(r.stderr)")
  }

  // An index whose confidence interval holds 0 cannot be told from 0: the table shows ≈ 0 and
  // the interval, never a negative share such as -0.002.
  @Test("Sobol: an index whose interval straddles 0 reads ≈ 0, with its interval")
  func sobolNearZero() throws {
    let base = [
      "sensitivity", "scenarios/template-illegal-use.yaml", "--method", "sobol", "--samples", "256",
      "--bootstrap", "100",
    ]
    let json = try DamagesBinary.run(base + ["--format", "json"])
    let o = try #require(JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any])
    let inputs = try #require((o["sobol"] as? [String: Any])?["inputs"] as? [[String: Any]])
    let table = try DamagesBinary.run(base + ["--lang", "en"]).stdout
    var straddling = 0
    for i in inputs {
      let name = try #require(i["input"] as? String)
      let low = try #require(i["first_low"] as? Double), high = try #require(i["first_high"] as? Double)
      let line = try #require(table.split(separator: "\n").first { $0.hasPrefix(name + " ") })
      let cells = line.dropFirst(name.count).split(separator: " ", omittingEmptySubsequences: true)
      if low <= 0 && high >= 0 {
        straddling += 1
        #expect(cells.prefix(2) == ["≈", "0"], "\(line)")
      } else {
        let shown = try #require(cells.first.flatMap { Double($0) }, "\(line)")
        #expect(shown >= 0, "\(line)")
      }
    }
    #expect(straddling >= 1)
  }
}

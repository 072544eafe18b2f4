import Foundation
import Testing
import _DamagesTestSupport

/// `damages sweep FILE [--vary …] [--set …]`: the grid it simulates, the table it prints, and
/// the command lines it refuses (docs/outputs.md, Errors and exit codes: a usage error exits 64 with the usage line).
@Suite("damages sweep", .serialized)
struct SweepCommandTests {
  /// Its sweep block varies liability.work and facts.proven.license_fee.
  static let template = "scenarios/template-illegal-use.yaml"
  static let quick = ["--runs", "200", "--threads", "1", "--lang", "en"]

  static func usage(_ message: String) -> String {
    "Error: \(message)\nUsage: damages sweep [<options>] <file>\n  See 'damages sweep --help' for more information.\n"
  }

  /// Each of these would once print a grid in which one setting silently hid another.
  @Test("A path given twice, or both set and swept, is a usage error naming it (exit 64)",
        arguments: [
          (["--vary", "liability.work=0:1:3", "--vary", "liability.work=0:1:4"],
           "--vary liability.work is given twice; a grid has one axis per path, and the second range would hide the first: give one --vary liability.work=from:to:steps"),
          (["--vary", "liability.defenses[0].success=0:1:3", "--vary", "liability.defenses[00].success=0:1:2"],
           "--vary liability.defenses[00].success is given twice; a grid has one axis per path, and the second range would hide the first: give one --vary liability.defenses[00].success=from:to:steps"),
          (["--set", "liability.work=0.5", "--vary", "liability.work=0:1:3"],
           "--set liability.work and --vary liability.work name the same path; the swept values would replace the set one: drop --set liability.work=… or that --vary"),
          (["--set", "liability.work=0.5"],
           "--set liability.work names a path the scenario's sweep block varies; the block's values would replace the set one: drop --set liability.work=…, or give --vary for each path to sweep (--vary replaces the sweep block)"),
          (["--set", "facts.proven.license_fee=1", "--set", "facts.multiplier=2"],
           "--set facts.proven.license_fee names a path the scenario's sweep block varies; the block's values would replace the set one: drop --set facts.proven.license_fee=…, or give --vary for each path to sweep (--vary replaces the sweep block)"),
          (["--set", "facts.multiplier=2", "--set", "facts.multiplier=3", "--vary", "liability.work=0:1:3"],
           "--set facts.multiplier is given twice; the sweep can hold it at one value only: give one --set facts.multiplier=value"),
        ])
  func conflicts(arguments: [String], message: String) throws {
    let r = try DamagesBinary.run(["sweep", Self.template] + arguments + Self.quick)
    #expect(r.status == 64)
    #expect(r.stderr == Self.usage(message))
    #expect(r.stdout.isEmpty)
  }

  /// The first column of each body row of the table (after the caption, blank line, header
  /// and rule).
  func firstColumn(_ table: String) -> [String] {
    table.split(separator: "\n").dropFirst(3).map { String($0.split(separator: " ")[0]) }
  }

  @Test("--set a path the sweep does not vary holds it; --vary replaces the block, so its paths may be set")
  func setOutsideTheSweep() throws {
    let held = try DamagesBinary.run(["sweep", Self.template, "--set", "facts.multiplier=2"] + Self.quick)
    #expect(held.status == 0, "\(held.stderr)")
    #expect(held.stdout.contains("\nliability.work  facts.proven.license_fee "))
    let replaced = try DamagesBinary.run(
      ["sweep", Self.template, "--set", "liability.work=0.5", "--vary", "case.claim=5000:2000000:3"]
        + Self.quick)
    #expect(replaced.status == 0, "\(replaced.stderr)")
    #expect(firstColumn(replaced.stdout) == ["5,000", "1,002,500", "2,000,000"])
  }

  @Test("The table prints a swept amount in grouped whole yuan, a fraction without a stray dot")
  func axisValues() throws {
    let gains = try DamagesBinary.run(
      ["sweep", Self.template, "--vary", "facts.illegal_gains=1000:1000000:4:log"] + Self.quick)
    #expect(gains.status == 0, "\(gains.stderr)")
    #expect(firstColumn(gains.stdout) == ["1,000", "10,000", "100,000", "1,000,000"])
    let json = try DamagesBinary.run(
      ["sweep", Self.template, "--vary", "facts.illegal_gains=1000:1000000:4:log", "--format", "json"]
        + Self.quick)
    // the value itself is exact too (ScenarioReader.rangeValues)
    #expect(json.stdout.contains("\"facts.illegal_gains\": 10000\n"))
    let work = try DamagesBinary.run(
      ["sweep", Self.template, "--vary", "liability.work=0:1:4", "--format", "markdown"] + Self.quick)
    #expect(work.status == 0, "\(work.stderr)")
    for cell in ["0", "0.3333", "0.6667", "1"] { #expect(work.stdout.contains("\n| \(cell) | ")) }
  }
}

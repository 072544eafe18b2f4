import DamagesReports
import DamagesScenario
import DamagesLaw
import DamagesSimulation
import Foundation
import Testing

/// `damages sweep` output: the swept values in each format (docs/outputs.md: tables round money to whole
/// yuan, half away from zero, and group digits; JSON keeps full precision).
@Suite("Sweep report")
struct SweepReportTests {
  static let yaml = """
    version: 1
    title: t
    case:
      act: illegal-use
      claimant: natural-person
      rights: [network-dissemination]
      claim: 100000
    facts:
      illegal_gains: {dist: lognormal, p10: 10000, p90: 200000}
      intentional: true
      serious: true
      multiplier: {dist: pert, min: 1, mode: 2, max: 5}
    """

  /// A range as `--vary path=from:to:steps[:log]` and a file's `{from, to, steps, scale}`
  /// compute it: a log range from 1,000 to 1,000,000 in 4 steps gives 9,999.999999999998 and
  /// 100,000.00000000001 in between, which is what a table must not show.
  static func range(_ from: Double, _ to: Double, _ steps: Int, log: Bool = false) -> [Double] {
    (0..<steps).map { i in
      let t = Double(i) / Double(steps - 1)
      return log ? from * pow(to / from, t) : from + (to - from) * t
    }
  }

  /// The sweep over one axis, 200 runs a point, rendered in `format`.
  func render(_ path: String, _ values: [Double], _ format: OutputFormat) throws -> String {
    let scenario = try ScenarioReader.parse(Self.yaml, file: "s.yaml")
    let points = try values.map { v in
      ([v], try ScenarioReader.setting(path, to: v, in: scenario, file: "s.yaml"))
    }
    let results = try Sweep.run(points: points, options: SimulationOptions(runs: 200, seed: 1, threads: 1))
    return SweepReport.render(
      results, axes: [path], title: "t", terms: scenario.terms, runs: 200, seed: 1, format: format,
      lang: .en)
  }

  /// The first cell of each body row of a text table (after the caption, header and rule).
  func firstColumn(_ table: String) -> [String] {
    table.split(separator: "\n").dropFirst(3).map { String($0.split(separator: " ")[0]) }
  }

  @Test("A swept amount prints in whole yuan with digit groups, like the amounts beside it",
        arguments: [
          ("facts.illegal_gains", range(1_000, 1_000_000, 4, log: true),
           ["1,000", "10,000", "100,000", "1,000,000"]),
          ("facts.illegal_gains", range(1_000, 1_000_000, 7, log: true),
           ["1,000", "3,162", "10,000", "31,623", "100,000", "316,228", "1,000,000"]),
          ("case.claim", range(5_000, 2_000_000, 3), ["5,000", "1,002,500", "2,000,000"]),
          ("facts.mental_distress_cap", [2_500.5, 10_000], ["2,501", "10,000"]),
        ])
  func money(path: String, values: [Double], printed: [String]) throws {
    #expect(firstColumn(try render(path, values, .table)) == printed)
    let markdown = try render(path, values, .markdown)
    for cell in printed { #expect(markdown.contains("\n| \(cell) | "), "\(cell)") }
  }

  @Test("A swept probability, fraction or multiplier keeps its decimals, without a stray dot",
        arguments: [
          ("liability.work", range(0, 1, 3), ["0", "0.5", "1"]),
          ("facts.multiplier", range(1, 5, 7), ["1", "1.6667", "2.3333", "3", "3.6667", "4.3333", "5"]),
          ("facts.multiplier", range(1, 5, 4, log: true), ["1", "1.71", "2.924", "5"]),
        ])
  func fractions(path: String, values: [Double], printed: [String]) throws {
    #expect(firstColumn(try render(path, values, .table)) == printed)
  }

  @Test("JSON and CSV keep the swept value's full precision")
  func fullPrecision() throws {
    let values = Self.range(1_000, 1_000_000, 4, log: true)
    #expect(values[1] != 10_000, "the log range lands a hair off 10,000, as the CLI's does")
    let json = try render("facts.illegal_gains", values, .json)
    let o = try #require(JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any])
    let points = try #require(o["points"] as? [[String: Any]])
    #expect(points.map { ($0["at"] as? [String: Double])?["facts.illegal_gains"] } == values)
    let csv = try render("facts.illegal_gains", values, .csv)
    #expect(csv.contains(",\(values[1]),"))
  }
}

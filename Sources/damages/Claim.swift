import ArgumentParser
import DamagesAnalyses
import DamagesReports
import DamagesScenario
import DamagesLaw
import DamagesSimulation
import Foundation

struct Claim: ParsableCommand {
  static let configuration = CommandConfiguration(
    abstract: "The amount to claim that maximises the expected net recovery (R10).",
    discussion: """
      A court awards no more than was claimed, so too low a claim caps the award; the \
      acceptance fee grows with the claim, and on a partial win the claimant bears part of it, \
      so too high a claim costs money. This command simulates the award without any cap, then \
      evaluates candidate claims on the same runs: expected net recovery = E[min(award, claim)] \
      − E[claimant's fee share] − E[expenses spent]. It prints the curve and the best amount.

      Examples:
        damages claim scenarios/changshu-2024-6697-banxin.yaml
        damages claim my-case.yaml --runs 200000 --chart claim.svg --format csv --out curve.csv
      """)

  @Argument(help: ArgumentHelp("The scenario file (YAML).", valueName: "file"))
  var file: String

  @OptionGroup(title: "Simulation")
  var simulation: SimulationArguments

  @Option(help: "Candidate claim amounts to evaluate (log-spaced).")
  var points = 120

  @Option(help: ArgumentHelp("Also write the curve as an SVG chart.", valueName: "file.svg"))
  var chart: String?

  @OptionGroup var routeChoice: RouteChoice

  @OptionGroup var output: OutputOptions

  func validate() throws {
    try output.refuseWide("claim")
    if points < 2 { throw ValidationError("--points must be at least 2, got \(points)") }
  }

  func run() throws {
    try running {
      try output.checkOutput(inputs: [file], chart: chart)
      var scenario = try loadScenario(file)
      try routeChoice.apply(to: &scenario, command: "claim")
      let outcome: ClaimOutcome
      do throws(AnalysisError) {
        outcome = try Analyses.claim(scenario, options: simulation.options, points: points)
      } catch { throw Failure(error, file: file) }
      if let chart {
        let svg = outcome.chart(lang: output.lang)
        try writeFile(svg, to: chart)
      }
      try output.emit(
        text: { outcome.report(format: output.resolvedFormat, lang: output.lang) },
        workbook: { outcome.workbook(lang: output.lang) })
    }
  }
}

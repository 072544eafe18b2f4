import ArgumentParser
import DamagesAnalyses
import DamagesReports
import DamagesScenario
import DamagesSimulation

struct Estimate: ParsableCommand {
  static let configuration = CommandConfiguration(
    abstract: "Each fact at its most likely reading, step by step, each step with its rule and article.",
    discussion: """
      Every distribution is taken at its median and every probability of 0.5 or more as true \
      (each on its own): each fact at its most likely reading, which need not be the most \
      likely outcome. The output also states the exact probability that liability holds (the \
      elements together, no exempting defence succeeding), and warns when it disagrees with \
      the reading (liable below 0.5, not liable above 0.5): then run `damages simulate`. The \
      explanation names the rule (R1 to R11) and the legal source of \
      each step: the fault principle, the elements and defences, the basis of compensation \
      (actual loss, illegal gains, license fee or statutory damages), punitive damages, mental \
      distress, expenses, the claim cap, each defendant's share, the acceptance fee and the \
      other remedies.

      Examples:
        damages estimate scenarios/bic-2023-11279-li-v-liu.yaml
        damages estimate my-case.yaml --lang en --format markdown --out estimate.md
        damages estimate my-case.yaml --format json
      """)

  @Argument(help: ArgumentHelp("The scenario file (YAML).", valueName: "file"))
  var file: String

  @OptionGroup var output: OutputOptions

  func validate() throws {
    try output.refuseWide("estimate")
  }

  func run() throws {
    try running {
      try output.checkOutput(inputs: [file])
      let scenario = try loadScenario(file)
      let result: EstimateResult
      do throws(AnalysisError) { result = try Analyses.estimate(scenario) } catch { throw Failure.internal("\(error)") }
      if output.isWorkbook {
        try output.emit(workbook: EstimateReport.workbook(result, terms: scenario.terms, lang: output.lang))
        return
      }
      try output.emit(EstimateReport.render(
        result, terms: scenario.terms, format: output.resolvedFormat, lang: output.lang))
    }
  }
}

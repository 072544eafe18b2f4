import ArgumentParser
import DamagesAnalyses
import DamagesReports
import DamagesScenario
import DamagesSimulation

struct Fit: ParsableCommand {
  static let configuration = CommandConfiguration(
    abstract: "Fit lognormal, gamma and empirical laws to comparable awards.",
    discussion: """
      Reads one column of a CSV file (a header row, then one row per comparable case) and \
      fits by maximum likelihood a lognormal (μ and σ of the logs) and a gamma (shape by \
      Newton's method on log k − ψ(k) = log x̄ − mean(log x)); the empirical law is the values \
      themselves. For each it reports the log-likelihood, the AIC (2·2 − 2 log L; lower is \
      better) and the Kolmogorov–Smirnov distance between the values and the fitted law, then \
      prints the scenario line to paste, the lowest AIC first.

      Only laws a scenario accepts for --fact are offered. A fact with a range takes no \
      unbounded law: statutory_award (500 to 5,000,000 under the 2020 text), multiplier and \
      license_fee_multiple (1 to 5), mental_harm_score (0 to 10) get the empirical law if \
      the values lie within the range, and otherwise the report says that nothing fits, with \
      the reason for each law. In JSON, `best` is the law to paste (null if none), and a \
      refused law has `scenario_line` null and its reason in `refused`.

      Values must be positive numbers of yuan, at least two, not all equal. A missing file \
      exits 66; a missing column, a field that is not a number or not positive, too few \
      values exit 65.

      Examples:
        damages fit awards.csv --column award
        damages fit awards.csv --column award --fact statutory_award --format json
      """)

  @Argument(help: ArgumentHelp("The CSV file of comparable awards.", valueName: "file.csv"))
  var file: String

  @Option(help: "The column holding the amounts (by its header).")
  var column: String

  @Option(help: "The fact the printed scenario line is for.")
  var fact = "actual_loss"

  @OptionGroup var output: OutputOptions

  func validate() throws {
    try output.refuseWide("fit")
    guard FactKey(rawValue: fact) != nil else {
      throw ValidationError(
        "--fact must be a fact of the scenario (\(FactKey.allCases.map(\.rawValue).joined(separator: ", "))), got '\(fact)'")
    }
  }

  func run() throws {
    try running {
      try output.checkOutput(inputs: [file])
      let fitted: FitOutcome
      do throws(AnalysisError) { fitted = try Analyses.fit(contentsOf: file, column: column) } catch {
        throw Failure(error, file: file)
      }
      let (values, results) = (fitted.values, fitted.results)
      let key = FactKey(rawValue: fact)!
      try output.emit(
        text: {
          FitReport.render(
            results, values: values, file: file, column: column, fact: key,
            format: output.resolvedFormat, lang: output.lang)
        },
        workbook: {
          FitReport.workbook(results, values: values, file: file, column: column, fact: key, lang: output.lang)
        })
    }
  }
}

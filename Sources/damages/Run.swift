import ArgumentParser
import DamagesAnalyses
import DamagesReports
import DamagesScenario
import Foundation

struct RunCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "run",
    abstract: "Every scenario in a folder: summaries, sweeps, sensitivity, charts, one summary table.",
    discussion: """
      For each scenario in the folder (*.yaml, *.yml or *.json, by name): the simulation (JSON), the estimate (Markdown), \
      the sweep if the scenario has one (long-format CSV), the sensitivity analysis (CSV), and \
      charts (histogram, S-curve, tornado, sweep) as SVG; then summary.csv with one row per \
      scenario and README.md, the data dictionary. The output folder is written completely or \
      not at all: an error leaves the previous folder as it was. It must be new, empty, or \
      one this command wrote before (it is replaced as a whole), and must not hold the \
      scenarios: anything else is refused, so that nothing is lost.

      Example:
        damages run scenarios --out notebooks-data
      """)

  @Argument(help: ArgumentHelp("The folder of scenario files.", valueName: "dir"))
  var folder: String

  @Option(help: ArgumentHelp("The output folder: new, empty, or one this command wrote (replaced as a whole).", valueName: "dir"))
  var out: String

  @Option(help: "Language of CSV headers and chart labels: zh, en or both (default en: one plain name per column, for pandas and R).")
  var lang: Language = .en

  @Option(parsing: .unconditional, help: "Worker threads (default: all cores). Results do not depend on it.")
  var threads: Int?

  @Option(parsing: .unconditional, help: "Runs for every scenario (default: each scenario's simulation.runs).")
  var runs: Int?

  @Flag(help: "CSV files with a UTF-8 byte-order mark, so Excel shows Chinese text correctly.")
  var excel = false

  @Flag(help: "Write no SVG charts (faster for many scenarios).")
  var noCharts = false

  func validate() throws {
    if let runs, !(2...100_000_000_000).contains(runs) {
      throw ValidationError("--runs must be an integer from 2 to 10^11, got \(runs)")
    }
    if let threads, threads < 1 {
      throw ValidationError("--threads must be at least 1, got \(threads)")
    }
  }

  func run() throws {
    try running {
      var isDirectory: ObjCBool = false
      guard FileManager.default.fileExists(atPath: folder, isDirectory: &isDirectory) else {
        throw Failure.missingInput("\(folder): error: no such folder")
      }
      guard isDirectory.boolValue else {
        throw Failure.missingInput("\(folder): error: a file, not a folder; to run one scenario use `damages simulate` or `damages estimate`")
      }
      let names = ((try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? []).filter(ScenarioBatch.isScenarioFile)
      guard !names.isEmpty else {
        throw Failure.missingInput("\(folder): error: no scenario files (*.yaml, *.yml or *.json) in the folder")
      }
      // before hours of work, not after
      do throws(OutputFile.Failure) { try OutputFile.checkReplaceableFolder(out, input: folder) } catch {
        throw Failure.output(error.description)
      }
      let files: [(path: String, data: Data)]
      // every bad scenario is reported; the others are computed and written
      var invalid: [ScenarioError] = []
      do throws(ScenarioBatch.Failure) {
        files = try ScenarioBatch.run(
          folder: folder, lang: lang, threads: threads, runs: runs, charts: !noCharts, excel: excel,
          invalid: { error in
            printError(error.description)
            invalid.append(error)
          }
        ) { name in
          printError("running \(name)")
        }
      } catch let .scenario(error) {
        throw Failure.scenario(error)
      } catch let .simulation(error, file) {
        throw Failure.simulation(error, file: file)
      } catch let .gsl(message) {
        throw Failure.internal(message)
      }
      if invalid.count == names.count {
        printError("error: no scenario in \(folder) is valid; nothing was written")
        throw ExitCode(invalid.contains { $0.exitCode == ScenarioError.noInput } ? 66 : 65)
      }
      try Interrupt.shared.writingOutput { () throws(Failure) in
        do throws(OutputFile.Failure) { try OutputFile.writeFolder(files, to: out, input: folder) } catch {
          throw Failure.output(error.description)
        }
      }
      printError("wrote \(files.count) files to \(out)")
      if !invalid.isEmpty {
        printError("error: \(invalid.count) of \(names.count) scenario files are invalid (listed above); the others were computed")
        throw ExitCode(65)
      }
    }
  }
}

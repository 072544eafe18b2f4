import ArgumentParser
import DamagesIO
import Foundation

struct RunCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "run",
    abstract: "Every scenario in a folder: summaries, sweeps, sensitivity, charts, one summary table.",
    discussion: """
      For each *.yaml in the folder (by name): the simulation (JSON), the estimate (Markdown), \
      the sweep if the scenario has one (long-format CSV), the sensitivity analysis (CSV), and \
      charts (histogram, S-curve, tornado, sweep) as SVG; then summary.csv with one row per \
      scenario and README.md, the data dictionary. The output folder is written completely or \
      not at all: an error leaves the previous folder as it was.

      Example:
        damages run scenarios --out notebooks-data
      """)

  @Argument(help: ArgumentHelp("The folder of scenario files.", valueName: "dir"))
  var folder: String

  @Option(help: ArgumentHelp("The output folder (replaced as a whole).", valueName: "dir"))
  var out: String

  @Option(help: "Language of CSV headers and chart labels: zh, en or both.")
  var lang: Language = .en

  @Option(help: "Worker threads (default: all cores). Results do not depend on it.")
  var threads: Int?

  func run() throws {
    try running {
      var isDirectory: ObjCBool = false
      guard FileManager.default.fileExists(atPath: folder, isDirectory: &isDirectory), isDirectory.boolValue else {
        throw Failure.missingInput("\(folder): error: no such folder")
      }
      let files: [(path: String, data: Data)]
      do throws(ScenarioBatch.Failure) {
        files = try ScenarioBatch.run(folder: folder, lang: lang, threads: threads) { name in
          printError("running \(name)")
        }
      } catch let .scenario(error) {
        throw Failure.scenario(error)
      } catch let .simulation(error, file) {
        throw Failure.simulation(error, file: file)
      } catch let .gsl(message) {
        throw Failure.internal(message)
      }
      do throws(OutputFile.Failure) { try OutputFile.writeFolder(files, to: out) } catch { throw Failure.output(error.description) }
      printError("wrote \(files.count) files to \(out)")
    }
  }
}

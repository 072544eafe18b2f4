import ArgumentParser
import DamagesReports
import DamagesScenario

struct Check: ParsableCommand {
  static let configuration = CommandConfiguration(
    abstract: "Validate scenario files without computing anything.",
    discussion: """
      Reports every error of every file (up to 20 per file) in the compiler style \
      FILE:LINE:COLUMN: error: FIELD: message, so that an editor can jump to it. Exit 0 if all \
      are valid, 66 if any file is missing, else 65.

      Example:
        damages check scenarios/*.yaml
      """)

  @Argument(help: ArgumentHelp("Scenario files.", valueName: "file"))
  var files: [String]

  func run() throws {
    var worst: Int32 = 0
    for file in files {
      var warnings: [ScenarioDiagnostic] = []
      defer { for w in warnings { printError(w.rendered) } }
      do {
        _ = try ScenarioReader.read(contentsOf: file, warnings: &warnings)
        print("\(file): ok")
      } catch {
        printError(error.description)
        worst = max(worst, error.exitCode == 66 ? 66 : 65)
      }
    }
    if worst != 0 { throw ExitCode(worst) }
  }
}

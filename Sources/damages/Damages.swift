import ArgumentParser
import Foundation

@main
struct Damages: AsyncParsableCommand {
  /// The version `damages --version` prints: the next release named in CHANGELOG.md, with
  /// `-dev` while its changes sit under "Unreleased".
  static let version = "0.1.0-dev"

  static let configuration = CommandConfiguration(
    commandName: "damages",
    abstract: "Estimate what a copyright claim is worth under PRC law (AI-generated images first).",
    discussion: """
      Each scenario is a YAML file describing a case: the act, the claimant, the rights \
      infringed, the uncertain facts (numbers, probabilities or distributions), liability, \
      defences and defendants. See the scenario format in docs/scenario-format.md.

      Start with a bundled scenario:
        damages estimate scenarios/bic-2023-11279-li-v-liu.yaml
        damages simulate scenarios/bic-2023-11279-li-v-liu.yaml --runs 100000
        damages fees 300000
        damages serve                # the same on a local web page

      Exit codes: 0 success, 64 usage error, 65 invalid scenario, 66 missing input file, \
      69 the port is taken (serve), 70 internal error, 73 output cannot be written, \
      74 standard output cannot be written, 130 interrupted (Ctrl-C), 143 terminated \
      (SIGTERM). Interrupted or terminated, a command writes nothing.
      """,
    version: version,
    subcommands: [
      Estimate.self, Simulate.self, SweepCommand.self, SensitivityCommand.self, Claim.self,
      RunCommand.self, BatchCommand.self, MergeCommand.self, Check.self, Fees.self, Fit.self,
      Serve.self,
    ]
  )

  /// argument-parser's own `main()`, after giving closed standard streams a stand-in
  /// (``StandardStreams/reopenClosed()``) before any file is opened.
  static func main() async {
    StandardStreams.reopenClosed()
    do {
      var command = try parseAsRoot()
      if var command = command as? any AsyncParsableCommand {
        try await command.run()
      } else {
        try command.run()
      }
    } catch {
      exit(withError: error)
    }
  }
}

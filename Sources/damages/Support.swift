public import ArgumentParser
import DamagesAnalyses
import DamagesReports
import DamagesAnalyses
import DamagesScenario
import DamagesLaw
import DamagesSimulation
import Foundation
import Synchronization
import XLSX

/// Options shared by the commands that write a report.
struct OutputOptions: ParsableArguments {
  @Option(help: ArgumentHelp(
    "Output format: table, json, csv, markdown or xlsx (default: from the --out file's extension, else table).",
    valueName: "format"))
  var format: FormatChoice?

  @Option(help: ArgumentHelp("Write the report to this file, atomically (never half-written).", valueName: "file"))
  var out: String?

  @Option(help: "Language of table and CSV headers and explanations: zh, en or both.")
  var lang: Language = .both

  @Flag(help: "CSV with a UTF-8 byte-order mark, so Excel shows Chinese text correctly.")
  var excel = false

  @Option(help: ArgumentHelp(
    "CSV shape: long (one row per item and statistic, for pandas and R) or wide (one row per item, one column per statistic, as a brief shows it).",
    valueName: "shape"))
  var shape: TableShape = .long

  /// The text format (for an Excel workbook, ``isWorkbook``).
  var resolvedFormat: OutputFormat {
    switch format {
    case .table: .table
    case .json: .json
    case .csv: .csv
    case .markdown: .markdown
    case .xlsx, nil: OutputFormat.implied(by: out)
    }
  }

  /// Whether an Excel workbook is asked for: `--format xlsx`, or an `--out` file ending in
  /// `.xlsx` without `--format`.
  var isWorkbook: Bool {
    format == .xlsx || (format == nil && (out.map(Self.isXLSX) ?? false))
  }

  static func isXLSX(_ path: String) -> Bool { path.lowercased().hasSuffix(".xlsx") }

  /// Options that contradict each other are usage errors, not silently ignored.
  func validate() throws {
    if let format, let out {
      if Self.isXLSX(out), format != .xlsx {
        throw ValidationError("--format \(format.rawValue) cannot write an Excel workbook, which the --out file's extension (.xlsx) names: drop --format, or give --format xlsx, or change the file name")
      }
      if format == .xlsx, !Self.isXLSX(out) {
        throw ValidationError("--format xlsx writes an Excel workbook; the --out file must end in .xlsx: change the file name or the format")
      }
      if format != .xlsx, let implied = OutputFormat.known(by: out), implied.rawValue != format.rawValue {
        throw ValidationError("--format \(format.rawValue) contradicts the --out file's extension (.\(implied == .markdown ? "md" : implied.rawValue)): drop --format or change the file name")
      }
    }
    if excel && (isWorkbook || resolvedFormat != .csv) {
      throw ValidationError("--excel applies to CSV output only: add --format csv or write to a .csv file")
    }
    if shape == .wide && (isWorkbook || resolvedFormat != .csv) {
      throw ValidationError("--shape applies to CSV output only (tables and workbooks already have the wide shape): add --format csv or write to a .csv file")
    }
  }

  /// For the commands whose CSV has one shape (already one row per item): `--shape wide` is a
  /// usage error there.
  func refuseWide(_ command: String) throws {
    if shape == .wide {
      throw ValidationError(
        "\(command)'s CSV has one shape, already one row per item; --shape wide is for the long CSV of simulate, sweep, sensitivity, batch and merge")
    }
  }

  /// Writes the report: the workbook when one is asked for, else the text in the chosen format.
  func emit(text: () -> String, workbook: () -> Workbook) throws {
    if isWorkbook { try emit(workbook: workbook()) } else { try emit(text()) }
  }

  /// Writes the workbook to `--out` (atomically; written where it belongs, never held whole in
  /// memory) or to standard output.
  func emit(workbook: Workbook) throws {
    if let out {
      do throws(OutputFile.Failure) {
        try OutputFile.write(to: out) { path in
          do throws(Workbook.Failure) { try workbook.write(to: path) } catch { return error.description }
          return nil
        }
      } catch {
        throw Failure.output(error.description)
      }
      return
    }
    let data: Data
    do throws(Workbook.Failure) { data = try workbook.data() } catch {
      throw Failure.internal("cannot write the workbook: \(error.description)")
    }
    FileHandle.standardOutput.write(data)
  }

  /// Fails early (exit 73) if the output file, or the `chart` file if one is asked for,
  /// cannot be created or is one of the command's `inputs`.
  func checkOutput(inputs: [String] = [], chart: String? = nil) throws {
    do throws(OutputFile.Failure) {
      for path in [out, chart].compactMap({ $0 }) {
        try OutputFile.checkWritable(path)
        try OutputFile.checkNotInput(path, inputs: inputs)
      }
    } catch {
      throw Failure.output(error.description)
    }
  }

  /// Prints the report or writes it to `--out` (atomically), as `produce` hands it over piece
  /// by piece: a batch's output is never held whole in memory.
  func emit(streaming produce: ((String) -> Void) -> Void) throws {
    let bom = excel && resolvedFormat == .csv
    try Interrupt.shared.writingOutput { () throws(Failure) in
      if let out {
        do throws(OutputFile.Failure) { try OutputFile.write(to: out, byteOrderMark: bom, produce) } catch {
          throw Failure.output(error.description)
        }
        return
      }
      if let failure = OutputFile.buffered(byteOrderMark: bom, produce, write: {
        StandardStreams.write($0, to: STDOUT_FILENO)
      }) {
        throw Failure.standardOutput(failure)
      }
    }
  }

  /// Prints the report or writes it to `--out`.
  func emit(_ text: String) throws {
    let bom = excel && resolvedFormat == .csv
    if let out {
      try writeFile(text, to: out, byteOrderMark: bom)
    } else {
      // the output phase: a signal from here on lets the report be written whole
      try Interrupt.shared.writingOutput { () throws(Failure) in
        if let reason = StandardStreams.write(Data(((bom ? "\u{FEFF}" : "") + text).utf8), to: STDOUT_FILENO) {
          throw Failure.standardOutput(reason)
        }
      }
    }
  }
}

/// `sweep` and `claim` follow one route. A scenario that compares the two (`route: compare`)
/// must say which, instead of getting the tort route without a word.
/// `--runs`, `--seed`, `--threads` and `--sampling`: how a command simulates, and their checks,
/// written once for every command that simulates.
struct SimulationArguments: ParsableArguments {
  @Option(
    parsing: .unconditional,
    help: "Number of runs (default: the scenario's simulation.runs, else 100,000); 1e6 is read as 1000000.",
    transform: RunCount.parse)
  var runs: Int?

  @Option(parsing: .unconditional, help: "Random seed (default: the scenario's simulation.seed, else 1).")
  var seed: UInt64?

  @Option(parsing: .unconditional, help: "Worker threads (default: all cores). Results do not depend on it.")
  var threads: Int?

  @Option(help: ArgumentHelp(
    "How runs sample the inputs: random, lhs (Latin hypercube) or sobol (shifted Sobol points); default: the scenario's simulation.sampling, else random.",
    valueName: "method"))
  var sampling: Sampling?

  @Option(help: ArgumentHelp(
    "The per-run engine: compiled (the default, a plan built for the scenario) or reference (the rules applied one by one; the same results byte for byte, slower: the check the compiled engine is tested against).",
    valueName: "engine"))
  var engine: SimulationEngine = .compiled

  func validate() throws {
    if let runs, !(2...100_000_000_000).contains(runs) {
      throw ValidationError("--runs must be an integer from 2 to 10^11, got \(runs)")
    }
    if let threads, threads < 1 {
      throw ValidationError("--threads must be at least 1, got \(threads)")
    }
  }

  /// The options as an analysis takes them; Ctrl-C cancels (see ``Interrupt``).
  var options: AnalysisOptions {
    var o = AnalysisOptions(runs: runs, seed: seed, threads: threads, sampling: sampling)
    o.engine = engine
    Interrupt.shared.install()
    o.isCancelled = { Interrupt.shared.isSet }
    return o
  }
}

struct RouteChoice: ParsableArguments {
  @Option(help: ArgumentHelp(
    "For a scenario with route: compare, the route to follow: tort or contract (`damages simulate` shows which is better).",
    valueName: "route"))
  var route: Route?

  func validate() throws {
    if route == .compare { throw ValidationError("--route takes tort or contract; compare is what the scenario says") }
  }

  /// The scenario on the chosen route; `command` names the command in messages.
  func apply(to scenario: inout Scenario, command: String) throws {
    switch (scenario.terms.route, route) {
    case (.compare, nil):
      throw ValidationError(
        "the scenario compares the tort and contract routes (route: compare); \(command) follows one: add --route tort or --route contract (`damages simulate` shows which is better)")
    case (.compare, let chosen?):
      scenario.terms.route = chosen
    case (let own, let chosen?) where chosen != own:
      throw ValidationError("--route chooses between the routes of a comparison; this scenario's route is \(own.rawValue)")
    default:
      break
    }
  }
}

/// `--runs` as the scenario file reads `simulation.runs`: an integer written plainly (`1000000`)
/// or in a number form whose value is whole (`1e6`, `1.5e6`, `5.0e+6`). The range is checked by
/// each command.
enum RunCount {
  static func parse(_ text: String) throws -> Int {
    let decimal = #/^[+-]?([0-9]+(\.[0-9]*)?|\.[0-9]+)([eE][+-]?[0-9]+)?$/#
    guard text.wholeMatch(of: decimal) != nil, let x = Double(text), x.isFinite,
      x == x.rounded(), abs(x) < 9.2e18
    else {
      throw ValidationError("must be a whole number of runs, written plainly or with an exponent (1000000 or 1e6), got \(text)")
    }
    return Int(x)
  }
}

extension Route: ExpressibleByArgument {}
extension OutputFormat: ExpressibleByArgument {}
extension TableShape: ExpressibleByArgument {}

/// `--format`: the text formats, and xlsx for an Excel workbook.
enum FormatChoice: String, CaseIterable, ExpressibleByArgument {
  case table, json, csv, markdown, xlsx
}
extension Language: ExpressibleByArgument {}
extension Procedure: ExpressibleByArgument {}
extension Sampling: ExpressibleByArgument {}
extension SimulationEngine: ExpressibleByArgument {}

/// The errors a command ends with: the message goes to standard error, then the exit code.
enum Failure: Error {
  case scenario(ScenarioError)
  case output(String)
  case `internal`(String)
  case interrupted
  case missingInput(String)
  /// Standard output cannot be written (closed, a full disk, …): sysexits EX_IOERR, 74.
  case standardOutput(String)
}

extension Failure {
  /// Prints the message and returns the sysexits code.
  func report() -> ExitCode {
    switch self {
    case let .scenario(error):
      printError(error.description)
      return ExitCode(error.exitCode)
    case let .output(message):
      printError(message)
      return ExitCode(73)
    case let .internal(message):
      printError("error: internal: \(message)")
      return ExitCode(70)
    case .interrupted:
      // the engine noticed the signal first: the signal's thread ends the process
      Interrupt.shared.exitNow()
    case let .standardOutput(reason):
      printError("error: cannot write to standard output: \(reason)")
      return ExitCode(74)
    case let .missingInput(message):
      printError(message)
      return ExitCode(66)
    }
  }
}

/// Writes a line to standard error; a failed write (a closed or full standard error) is
/// ignored: messages never stop a command or its output file.
func printError(_ message: String) {
  _ = StandardStreams.write(Data((message + "\n").utf8), to: STDERR_FILENO)
}

/// Writes an output file (a report or a chart) atomically, in the output phase: once it has
/// begun, a signal lets the command finish instead of stopping it halfway through its files.
func writeFile(_ text: String, to path: String, byteOrderMark: Bool = false) throws(Failure) {
  try Interrupt.shared.writingOutput { () throws(Failure) in
    do throws(OutputFile.Failure) { try OutputFile.write(text, to: path, byteOrderMark: byteOrderMark) } catch {
      throw Failure.output(error.description)
    }
  }
}

/// Runs a command body, turning its failures into messages and exit codes. From here on,
/// SIGINT and SIGTERM stop the command at once (``Interrupt``).
func running(_ body: () throws -> Void) throws {
  Interrupt.shared.install()
  do {
    try body()
  } catch let failure as Failure {
    throw failure.report()
  }
}

extension Failure {
  /// An analysis error as the user should see it: the scenario's fault (65), an interruption,
  /// or an internal error.
  init(_ error: AnalysisError, file: String) {
    switch error {
    case .scenario(let e): self = .scenario(e)
    case .simulation(let e): self = .simulation(e, file: file)
    case .fit(let e): self = .internal("\(e)")
    }
  }

  /// A simulation error as the user should see it: a scenario problem (65) where the input
  /// is at fault, an interruption, or an internal error.
  static func simulation(_ error: SimulationError, file: String) -> Failure {
    if case .cancelled = error { return .interrupted }
    if let located = ScenarioError(error, file: file) { return .scenario(located) }
    return .internal("\(error)")
  }
}

/// Reads and validates a scenario (exit 65 or 66 on failure).
///
/// Warnings about values that are allowed but rarely meant (`case.claim: 50`) go to standard
/// error first, whether the file is valid or not.
func loadScenario(_ path: String) throws -> Scenario {
  var warnings: [ScenarioDiagnostic] = []
  defer { for w in warnings { printError(w.rendered) } }
  do { return try ScenarioReader.read(contentsOf: path, warnings: &warnings) } catch {
    throw Failure.scenario(error)
  }
}

/// A progress bar on standard error, shown only when it is a terminal and the run has taken
/// more than a second.
final class ProgressBar: Sendable {
  private let total: Int
  private let start = Date()
  private let state = Mutex<(lastDraw: Double, shown: Bool)>((0, false))
  private let enabled: Bool
  /// How the rate is shown: millions of runs a second, or (for a batch) claims a second.
  private let claims: Bool

  init(total: Int, claims: Bool = false) {
    self.total = total
    self.claims = claims
    enabled = isatty(STDERR_FILENO) == 1
  }

  func update(_ done: Int) {
    guard enabled else { return }
    let elapsed = Date().timeIntervalSince(start)
    guard elapsed > 1 else { return }
    state.withLock { s in
      guard elapsed - s.lastDraw >= 0.1 || done >= total else { return }
      s.lastDraw = elapsed
      s.shown = true
      let fraction = Double(done) / Double(max(total, 1))
      let width = 30
      let filled = Int(fraction * Double(width))
      let rate = Double(done) / elapsed
      let eta = rate > 0 ? Double(total - done) / rate : 0
      let bar = String(repeating: "█", count: filled) + String(repeating: "░", count: width - filled)
      let speed = claims
        ? String(format: "%d/%d claims  %.2f claims/s", done, total, rate)
        : String(format: "%.1fM runs/s", rate / 1e6)
      let line = String(format: "\r%@ %5.1f%%  %@  ETA %.0fs ", bar, fraction * 100, speed, eta)
      _ = StandardStreams.write(Data(line.utf8), to: STDERR_FILENO)
    }
  }

  /// Prints lines on standard error (always, terminal or not), above the bar when it is shown:
  /// the bar is cleared and drawn again at the next update.
  func interject(_ lines: [String]) {
    state.withLock { s in
      if enabled && s.shown {
        _ = StandardStreams.write(Data("\r\u{1B}[K".utf8), to: STDERR_FILENO)
        s.lastDraw = 0
      }
      for line in lines { printError(line) }
    }
  }

  func finish() {
    guard enabled else { return }
    state.withLock { s in
      if s.shown { _ = StandardStreams.write(Data("\r\u{1B}[K".utf8), to: STDERR_FILENO) }
    }
  }
}

/// An amount of yuan on the command line, as a lawyer writes it (`30万`, `¥300,000`).
struct WrittenAmount: ExpressibleByArgument {
  var written: String
  var value: Double

  init(written: String, value: Double) {
    self.written = written
    self.value = value
  }

  init?(argument: String) {
    guard let value = try? WrittenNumber.amount(argument), value.isFinite else { return nil }
    self.written = argument
    self.value = value
  }
}

/// A value given on the command line for a scenario path (`--set`, `--vary`): a percentage
/// (`60%`) is a probability, anything else an amount or a number as a lawyer writes it.
func writtenValue(_ text: String) throws(WrittenNumber.Refusal) -> Double {
  if text.contains("%") || text.contains("％") { return try WrittenNumber.probability(text) }
  return try WrittenNumber.amount(text)
}

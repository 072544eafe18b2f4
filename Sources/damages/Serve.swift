import ArgumentParser
import DamagesWeb
import Foundation

struct Serve: AsyncParsableCommand {
  static let configuration = CommandConfiguration(
    abstract: "A local web page: fill in a case or paste a scenario, estimate, simulate, download.",
    discussion: """
      Starts a web server on this machine and prints the page's address; open it in a \
      browser. The page has a form for the case (act, claimant, rights, route), the facts \
      (each a number or a distribution), liability, defences and defendants, and a YAML \
      editor holding the same scenario; buttons for estimate, simulate, sweep and \
      sensitivity; tables and charts; downloads of CSV (optionally for Excel), Markdown and \
      the scenario. The bundled scenarios (the scenarios/ folder of the working directory, or \
      --scenarios) open in one click. Labels in Chinese or English.

      The server listens on loopback (127.0.0.1) unless --host says otherwise: it has no \
      login, so do not expose it to a network you do not trust. Simulations run in the \
      background, at most one per core, the others queued; runs per simulation and the size \
      of a scenario are capped (--max-runs, --max-body). The JSON API under /api gives the \
      same JSON as `damages estimate|simulate|sweep|sensitivity --format json`.

      Against careless or hostile clients: at most 512 connections are open at once (fewer \
      when the process may open fewer files), the others wait; a connection that sends \
      nothing for 5 seconds, before its request is complete or between requests, is \
      closed. A request that changes anything (POST, DELETE) is taken only from the \
      server's own page: a request whose Origin is another scheme, host or port, or \
      "null", is refused (403), whatever --host is. Scenarios sent to any route are read \
      under the same limits as `damages check` (size, nesting, aliases).

      Examples:
        damages serve                      # http://127.0.0.1:8080/
        damages serve --port 9000 --max-runs 5000000
        damages serve --port 0             # any free port; the address is printed

        curl -s --data-binary @scenarios/bic-2023-11279-li-v-liu.yaml \\
          'http://127.0.0.1:8080/api/estimate?lang=en'
        curl -s --data-binary @my-case.yaml 'http://127.0.0.1:8080/api/simulate?runs=200000'
        # answers {"id": …}; poll /api/jobs/ID until "state" is "done", then read
        # /api/jobs/ID/report (?format=csv|markdown&lang=zh|en&excel=1 for downloads)

      Ctrl-C or SIGTERM stops the server (within 3 seconds, whatever it is doing). Exit codes: 0 stopped, 64 usage error, 69 the port is taken \
      or the address cannot be used (sysexits EX_UNAVAILABLE), 70 internal error.
      """)

  @Option(help: ArgumentHelp("Address to listen on (loopback by default).", valueName: "address"))
  var host = "127.0.0.1"

  @Option(help: ArgumentHelp("Port to listen on; 0 for any free port.", valueName: "port"))
  var port = 8080

  @Option(name: .customLong("max-runs"), help: ArgumentHelp(
    "Most runs one simulation may ask for (each sweep point is one simulation).", valueName: "n"))
  var maxRuns = 1_000_000

  @Option(name: .customLong("max-body"), help: ArgumentHelp(
    "Largest scenario a request may send, in bytes.", valueName: "bytes"))
  var maxBody = 1 << 20

  @Option(help: ArgumentHelp(
    "Simulations at once (default: one per core); the others wait in a queue.", valueName: "n"))
  var workers: Int?

  @Option(help: ArgumentHelp(
    "Folder of scenarios the page lists (default: scenarios/ in the working directory).",
    valueName: "dir"))
  var scenarios: String?

  func validate() throws {
    guard (0...65535).contains(port) else { throw ValidationError("--port must be from 0 to 65535, got \(port)") }
    guard maxRuns >= 2 else { throw ValidationError("--max-runs must be at least 2, got \(maxRuns)") }
    guard maxBody >= 1024 else { throw ValidationError("--max-body must be at least 1024 bytes, got \(maxBody)") }
    if let workers, workers < 1 { throw ValidationError("--workers must be at least 1, got \(workers)") }
    if let scenarios {
      var isDirectory: ObjCBool = false
      guard FileManager.default.fileExists(atPath: scenarios, isDirectory: &isDirectory), isDirectory.boolValue else {
        throw ValidationError("--scenarios: no such folder '\(scenarios)'")
      }
    }
  }

  func run() async throws {
    let limits = ServeLimits(
      maxRuns: maxRuns, maxBody: maxBody,
      workers: workers ?? ProcessInfo.processInfo.activeProcessorCount)
    let configuration = ServeConfiguration(
      host: host, port: port, limits: limits,
      scenarios: scenarios ?? ServeConfiguration.defaultScenarios)
    let server = Task {
      try await WebServer.run(configuration) { url in
        // a closed or full standard output does not stop the server
        _ = StandardStreams.write(
          Data("damages serve: listening on \(url)  (Ctrl-C stops)\n".utf8), to: STDOUT_FILENO)
      }
    }
    // SIGINT or SIGTERM stops the server: it closes its connections at once; a request still
    // being computed (which cannot be cut short) gets `shutdownGrace` seconds, then the
    // process ends all the same
    SignalThread.start { _ in
      server.cancel()
      Thread.sleep(forTimeInterval: Self.shutdownGrace)
      _exit(0)
    }
    do {
      try await server.value
    } catch let error as ServeFailure {
      printError(error.description)
      switch error {
      case .addressInUse, .cannotListen: throw ExitCode(69)
      case .failed: throw ExitCode(70)
      }
    }
  }

  /// Seconds a signal gives the requests in progress before the server's process ends.
  static let shutdownGrace = 3.0
}

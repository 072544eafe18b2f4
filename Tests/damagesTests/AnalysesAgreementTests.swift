import Foundation
import Testing
import _DamagesTestSupport

#if canImport(FoundationNetworking)
  import FoundationNetworking
#endif

/// The same analysis asked of the command line, the web page (`damages serve`) and a folder run
/// (`damages run`) gives the same numbers, and the same refusals: all three go through the one
/// analyses layer (docs/architecture.md).
@Suite("One analysis, three callers", .serialized)
struct AnalysesAgreementTests {
  static let tort = """
    version: 1
    title: "Agreement: image reposted without permission"
    case:
      act: illegal-use
      claimant: natural-person
      rights: [attribution, network-dissemination]
      claim: 20000
    facts:
      statutory_award: {dist: triangular, min: 500, mode: 5000, max: 20000}
      expenses: {dist: uniform, min: 1000, max: 3000}
    liability:
      work: 0.8
      fault: 0.9
      defenses:
        - {kind: fair-use, success: 0.1}
    simulation:
      runs: 3000
      seed: 7
    sweep:
      liability.work: [0.5, 0.75, 1]

    """

  /// The repetitive-generation template, which compares the routes, with a sweep block added.
  static func comparison() throws -> String {
    let template = try String(
      contentsOf: DamagesBinary.packageRoot.appendingPathComponent(
        "scenarios/template-repetitive-generation.yaml"), encoding: .utf8)
    #expect(template.contains("route: compare") && template.contains("runs: 200000"))
    return template.replacingOccurrences(of: "runs: 200000", with: "runs: 2000")
      + "\nsweep:\n  liability.work: [0.5, 1]\n"
  }

  /// A running `damages serve --port 0` and its address.
  final class Server {
    let process = Process()
    let url: String

    init() throws {
      process.executableURL = DamagesBinary.productsFolder.appendingPathComponent("damages")
      process.arguments = ["serve", "--port", "0"]
      process.currentDirectoryURL = DamagesBinary.packageRoot
      let out = Pipe()
      process.standardOutput = out
      process.standardError = FileHandle.nullDevice
      try process.run()
      var text = ""
      let deadline = Date().addingTimeInterval(30)
      while !text.contains("\n"), Date() < deadline {
        let chunk = out.fileHandleForReading.availableData
        if chunk.isEmpty { break }
        text += String(decoding: chunk, as: UTF8.self)
      }
      url = String(text.split(separator: " ").first { $0.hasPrefix("http://") } ?? "")
        .trimmingCharacters(in: .whitespacesAndNewlines)
    }

    deinit {
      process.terminate()
      process.waitUntilExit()
    }

    func request(_ method: String, _ path: String, body: String? = nil) async throws
      -> (status: Int, body: String)
    {
      var r = URLRequest(url: URL(string: url.hasSuffix("/") ? url + path.dropFirst() : url + path)!)
      r.httpMethod = method
      r.httpBody = body.map { Data($0.utf8) }
      let (data, response) = try await URLSession.shared.data(for: r)
      return ((response as? HTTPURLResponse)?.statusCode ?? 0, String(decoding: data, as: UTF8.self))
    }

    /// Starts a background analysis and returns its JSON report once it is done.
    func job(_ kind: String, _ scenario: String) async throws -> (status: Int, body: String) {
      let started = try await request("POST", "/api/\(kind)", body: scenario)
      guard started.status == 202 else { return started }
      let status = try JSONSerialization.jsonObject(with: Data(started.body.utf8)) as? [String: Any]
      let id = try #require(status?["id"] as? String)
      let deadline = Date().addingTimeInterval(120)
      while Date() < deadline {
        let s = try await request("GET", "/api/jobs/\(id)")
        let state = (try JSONSerialization.jsonObject(with: Data(s.body.utf8)) as? [String: Any])?["state"] as? String
        if state != "queued" && state != "running" { break }
        try await Task.sleep(for: .milliseconds(50))
      }
      return try await request("GET", "/api/jobs/\(id)/report?format=json")
    }
  }

  static func trimmed(_ s: String) -> String { s.trimmingCharacters(in: .whitespacesAndNewlines) }

  @Test("a sweep: the command's JSON equals the web's; its CSV equals what run writes in sweeps/")
  func sweep() async throws {
    let folder = try DamagesBinary.temporaryFolder()
    defer { try? FileManager.default.removeItem(at: folder) }
    let scenarios = folder.appendingPathComponent("in")
    try FileManager.default.createDirectory(at: scenarios, withIntermediateDirectories: true)
    try Self.tort.write(to: scenarios.appendingPathComponent("s.yaml"), atomically: true, encoding: .utf8)

    let command = try DamagesBinary.run(["sweep", "in/s.yaml", "--format", "json"], in: folder)
    #expect(command.status == 0, "\(command.stderr)")
    #expect(command.stdout.contains("\"points\""))

    let server = try Server()
    let web = try await server.job("sweep", Self.tort)
    #expect(web.status == 200, "\(web.body)")
    #expect(Self.trimmed(web.body) == Self.trimmed(command.stdout))

    let run = try DamagesBinary.run(["run", "in", "--out", "out", "--lang", "en"], in: folder)
    #expect(run.status == 0, "\(run.stderr)")
    let written = try String(
      contentsOf: folder.appendingPathComponent("out/sweeps/s.csv"), encoding: .utf8)
    let csv = try DamagesBinary.run(
      ["sweep", "in/s.yaml", "--format", "csv", "--lang", "en"], in: folder)
    #expect(csv.status == 0, "\(csv.stderr)")
    #expect(Self.trimmed(written) == Self.trimmed(csv.stdout))

    // and a simulation: the same JSON from all three
    let simulate = try DamagesBinary.run(["simulate", "in/s.yaml", "--format", "json"], in: folder)
    #expect(simulate.status == 0, "\(simulate.stderr)")
    let webSimulation = try await server.job("simulate", Self.tort)
    #expect(Self.trimmed(webSimulation.body) == Self.trimmed(simulate.stdout))
    let runSimulation = try String(
      contentsOf: folder.appendingPathComponent("out/scenarios/s.json"), encoding: .utf8)
    #expect(Self.trimmed(runSimulation) == Self.trimmed(simulate.stdout))
  }

  @Test("R9 a sweep of a scenario that compares the routes is refused by all three; none writes a sweep")
  func comparisonRefused() async throws {
    let folder = try DamagesBinary.temporaryFolder()
    defer { try? FileManager.default.removeItem(at: folder) }
    let scenarios = folder.appendingPathComponent("in")
    try FileManager.default.createDirectory(at: scenarios, withIntermediateDirectories: true)
    let text = try Self.comparison()
    try text.write(to: scenarios.appendingPathComponent("c.yaml"), atomically: true, encoding: .utf8)

    // the command line: --route picks one route, so without it the command line is at fault
    let command = try DamagesBinary.run(["sweep", "in/c.yaml"], in: folder)
    #expect(command.status == 64)
    #expect(command.stderr.contains("add --route tort or --route contract"), "\(command.stderr)")
    // with a route chosen, it sweeps
    let chosen = try DamagesBinary.run(["sweep", "in/c.yaml", "--route", "tort", "--format", "json"], in: folder)
    #expect(chosen.status == 0, "\(chosen.stderr)")

    let server = try Server()
    let web = try await server.request("POST", "/api/sweep", body: text)
    #expect(web.status == 422)
    #expect(web.body.contains("a sweep follows one route"), "\(web.body)")

    let run = try DamagesBinary.run(["run", "in", "--out", "out"], in: folder)
    #expect(run.status == 65)
    #expect(
      run.stderr.contains(
        "c.yaml: error: case.route: a sweep follows one route, and this scenario compares two"),
      "\(run.stderr)")
    #expect(!FileManager.default.fileExists(atPath: folder.appendingPathComponent("out").path))
  }
}

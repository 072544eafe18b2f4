import Foundation
import Hummingbird
import HummingbirdTesting
import Testing
import _DamagesTestSupport

@testable import DamagesWeb

/// A server over the repository's bundled scenarios, with small limits so that the tests can
/// reach them.
/// The server of `damages serve` with the given limits. Its idle timeout is a minute, not the
/// command's 5 s: on a loaded machine more than 5 s may pass between a live test's connecting
/// and its first request, and the server would close the test client's connection under it
/// (the 5 s timeout itself is checked against the real binary by Tests/e2e/test_hostile.py).
func testApplication(maxRuns: Int = 50_000, maxBody: Int = 64 * 1024, port: Int = 0, host: String = "127.0.0.1") -> some ApplicationProtocol {
  var limits = ServeLimits(maxRuns: maxRuns, maxBody: maxBody, workers: 2)
  limits.idleSeconds = 60
  return WebServer.application(ServeConfiguration(
    host: host, port: port, limits: limits,
    scenarios: DamagesBinary.packageRoot.appendingPathComponent("scenarios").path))
}

/// A small valid scenario: statutory damages only, a defence, a sweep.
let smallScenario = """
  version: 1
  title: "Test: image reposted without permission"
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
    runs: 20000
    seed: 7
  sweep:
    liability.work: [0.5, 1]
  """

extension TestClientProtocol {
  /// POSTs text and returns the status and the body.
  func post(_ uri: String, _ text: String) async throws -> (status: HTTPResponse.Status, body: String) {
    try await execute(uri: uri, method: .post, body: ByteBuffer(string: text)) { r in
      (r.status, String(buffer: r.body))
    }
  }

  func get(_ uri: String) async throws -> (status: HTTPResponse.Status, body: String) {
    try await execute(uri: uri, method: .get) { r in (r.status, String(buffer: r.body)) }
  }

  /// Starts a background analysis and polls its job until it ends; returns the job's id and
  /// final status object.
  func runJob(_ kind: String, _ text: String, query: String = "") async throws -> (id: String, status: [String: Any]) {
    let started = try await post("/api/\(kind)\(query)", text)
    #expect(started.status == .accepted, "\(started.body)")
    let id = try #require(try object(started.body)["id"] as? String)
    for _ in 0..<600 {
      let polled = try object(try await get("/api/jobs/\(id)").body)
      let state = polled["state"] as? String
      if state == "done" || state == "failed" { return (id, polled) }
      try await Task.sleep(for: .milliseconds(50))
    }
    Issue.record("job \(id) did not finish in 30 s")
    return (id, [:])
  }
}

func object(_ text: String) throws -> [String: Any] {
  try #require(JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any], "not a JSON object: \(text)")
}

func diagnostics(_ text: String) throws -> [[String: Any]] {
  try #require(try object(text)["diagnostics"] as? [[String: Any]], "no diagnostics in \(text)")
}

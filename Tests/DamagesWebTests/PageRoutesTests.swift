import DamagesAnalyses
import DamagesLaw
import DamagesReports
import DamagesScenario
import Foundation
import Hummingbird
import HummingbirdTesting
import Testing
import _DamagesTestSupport

@testable import DamagesWeb

@Suite("damages serve: the page's calculators and progress")
struct PageRoutesTests {
  @Test("fees: what `damages fees AMOUNT --format json` writes, amounts as a lawyer writes them")
  func fees() async throws {
    try await testApplication().test(.router) { client in
      for (written, value) in [("300000", 300_000.0), ("30%E4%B8%87", 300_000), ("%C2%A51%2C234", 1_234)] {
        let r = try await client.get("/api/fees?amount=\(written)&lang=en")
        #expect(r.status == .ok, "\(r.body)")
        #expect(r.body == FeeReport.render(claim: Yuan(value), procedure: .ordinary, format: .json, lang: .en))
      }
      let summary = try await client.get("/api/fees?amount=300000&procedure=summary")
      #expect(summary.body == FeeReport.render(claim: Yuan(300_000), procedure: .summary, format: .json, lang: .both))
      let refused = try await client.get("/api/fees?amount=-5")
      #expect(refused.status == .badRequest)
      #expect(try object(refused.body)["message"] as? String
        == "amount: the amount claimed must be a positive number of yuan, \(Limits.largestAmountText), got -5")
      #expect(try await client.get("/api/fees").status == .badRequest)
      #expect(try await client.get("/api/fees?amount=1000&procedure=fast").status == .badRequest)
    }
  }

  @Test("claim in the background: the report is what `damages claim --format json` computes")
  func claim() async throws {
    let scenario = try ScenarioReader.parse(smallScenario, file: DamagesWeb.Analyses.sourceName)
    let direct = try DamagesAnalyses.Analyses.claim(
      scenario, options: AnalysisOptions(runs: 20_000, seed: 7, threads: 1), points: DamagesWeb.Analyses.claimPoints)
    try await testApplication().test(.router) { client in
      let job = try await client.runJob("claim", smallScenario)
      #expect(job.status["state"] as? String == "done")
      #expect(job.status["charts"] as? [String] == ["claim"])
      let report = try await client.get("/api/jobs/\(job.id)/report?lang=en")
      #expect(report.body == direct.report(format: .json, lang: .en))
      #expect(try await client.get("/api/jobs/\(job.id)/charts/claim.svg").status == .ok)
      let compare = smallScenario.replacingOccurrences(of: "claim: 20000", with: "claim: 20000\n  route: compare")
      let refused = try await client.post("/api/claim", compare)
      #expect(refused.status == .unprocessableContent, "\(refused.body)")
      #expect(try diagnostics(refused.body).first?["field"] as? String == "case.route")
    }
  }

  @Test("progress reaches 1 only when the result is ready; the summary is a phase of its own")
  func phases() {
    func phase(_ state: Job.State, _ done: Int, _ total: Int, _ kind: JobKind = .claim) -> (String, Double) {
      Routes.phase(of: Job.Snapshot(state: state, done: done, total: total), kind: kind)
    }
    #expect(phase(.queued, 0, 100) == ("queued", 0))
    #expect(phase(.running, 50, 100) == ("simulating", 0.45))
    #expect(phase(.running, 100, 100) == ("summarising", 0.9))
    // a simulation's progress counts its summary and second pass: all of the bar is counted
    #expect(phase(.running, 50, 100, .simulate) == ("simulating", 0.5))
    #expect(phase(.running, 99, 100, .simulate) == ("simulating", 0.99))
    #expect(phase(.done, 100, 100) == ("done", 1))
    #expect(phase(.cancelled, 30, 100).0 == "cancelled")
    #expect(phase(.cancelled, 30, 100).1 < 1)
  }

  @Test("a running simulation is cancelled by DELETE and says so")
  func cancel() async throws {
    try await testApplication(maxRuns: 50_000_000).test(.router) { client in
      let started = try await client.post("/api/simulate?runs=40000000", smallScenario)
      let id = try #require(try object(started.body)["id"] as? String)
      let answer = try await client.execute(uri: "/api/jobs/\(id)", method: .delete) { String(buffer: $0.body) }
      #expect(answer.contains("\"id\": \"\(id)\""))
      var state = ""
      for _ in 0..<600 {
        state = try object(try await client.get("/api/jobs/\(id)").body)["state"] as? String ?? ""
        if state != "running" && state != "queued" { break }
        try await Task.sleep(for: .milliseconds(50))
      }
      #expect(state == "cancelled")
      #expect(try await client.get("/api/jobs/\(id)/report").status == .conflict)
    }
  }
}

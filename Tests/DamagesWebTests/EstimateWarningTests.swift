import DamagesReports
import Foundation
import Hummingbird
import HummingbirdTesting
import Testing
import _DamagesTestSupport

@testable import DamagesWeb

/// The page shows what `damages estimate` says about the probability of liability: the
/// probability itself and, when the reading of each fact misleads, the warning.
@Suite("damages serve: the estimate's probability of liability")
struct EstimateWarningTests {
  @Test("R7.2 the API gives p_liable 0.1296 and the warning; the page's script shows both")
  func warning() async throws {
    let four = """
      version: 1
      title: four elements at 0.6
      case: {act: illegal-use, claimant: natural-person, rights: [reproduction]}
      facts: {statutory_award: 5000}
      liability: {work: 0.6, infringement: 0.6, causation: 0.6, fault: 0.6}
      """
    try await testApplication().test(.router) { client in
      let r = try await client.post("/api/estimate?lang=en", four)
      #expect(r.status == .ok)
      let o = try #require(JSONSerialization.jsonObject(with: Data(r.body.utf8)) as? [String: Any])
      #expect(abs((o["p_liable"] as? Double ?? 0) - 0.1296) < 1e-12)
      #expect((o["warning"] as? String)?.hasPrefix("Warning: liability holds with probability 12.96% only.") == true)
      let script = try await client.get("/app.js").body
      #expect(script.contains("prefix + 'p_liable'"))
      #expect(script.contains("id: prefix ? 'estimate-contract-warning' : 'estimate-warning', text: o.warning"))
    }
  }
}

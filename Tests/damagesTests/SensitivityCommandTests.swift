import Foundation
import Testing
import _DamagesTestSupport

/// `damages sensitivity --method sobol|both`: the variance-based view next to the tornado.
@Suite("damages sensitivity --method", .serialized)
struct SensitivityCommandTests {
  func json(_ text: String) throws -> [String: Any] {
    try #require(JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
  }

  @Test("sobol: one entry per input with its indices and intervals, the same on a rerun")
  func sobol() throws {
    let arguments = [
      "sensitivity", "scenarios/template-illegal-use.yaml", "--method", "sobol", "--samples",
      "256", "--bootstrap", "50", "--format", "json",
    ]
    let r = try DamagesBinary.run(arguments)
    #expect(r.status == 0, "\(r.stderr)")
    let o = try json(r.stdout)
    #expect(o["tornado"] == nil)
    let sobol = try #require(o["sobol"] as? [String: Any])
    #expect(sobol["samples"] as? Double == 256)
    let inputs = try #require(sobol["inputs"] as? [[String: Any]])
    #expect(inputs.count >= 3)
    for i in inputs {
      let total = try #require(i["total"] as? Double)
      let low = try #require(i["total_low"] as? Double)
      let high = try #require(i["total_high"] as? Double)
      #expect(low <= high)
      #expect(total.isFinite)
    }
    #expect(sobol["evaluations"] as? Double == Double(256 * (inputs.count + 2)))
    #expect(try DamagesBinary.run(arguments).stdout == r.stdout)
  }

  @Test("both: the tornado, the rank correlations and the Sobol indices together")
  func both() throws {
    let r = try DamagesBinary.run([
      "sensitivity", "scenarios/template-illegal-use.yaml", "--method", "both", "--samples", "128",
      "--bootstrap", "20", "--runs", "2000", "--format", "json",
    ])
    #expect(r.status == 0, "\(r.stderr)")
    let o = try json(r.stdout)
    #expect(o["tornado"] != nil && o["rank_correlations"] != nil && o["sobol"] != nil)
  }

  @Test("Default: the tornado alone, as before")
  func defaultMethod() throws {
    let r = try DamagesBinary.run([
      "sensitivity", "scenarios/template-illegal-use.yaml", "--runs", "2000", "--format", "json",
    ])
    #expect(r.status == 0)
    #expect(try json(r.stdout)["sobol"] == nil)
  }

  @Test("Bad options are usage errors (64)")
  func usage() throws {
    let r = try DamagesBinary.run([
      "sensitivity", "scenarios/template-illegal-use.yaml", "--method", "sobol", "--confidence", "1",
    ])
    #expect(r.status == 64)
    #expect(r.stderr.contains("--confidence must lie strictly between 0 and 1, got 1.0"))
  }
}

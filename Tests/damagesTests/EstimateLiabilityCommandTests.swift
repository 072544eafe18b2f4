import Foundation
import Testing
import _DamagesTestSupport

/// `damages estimate` states the exact probability that liability holds and warns, in every
/// format, when the reading of each fact at its most likely value disagrees with it.
@Suite("damages estimate: probability of liability", .serialized)
struct EstimateLiabilityCommandTests {
  // The case of the issue: four elements at 0.6, each "more likely than not", so the reading
  // says liable; liability needs all four: 0.6 × 0.6 × 0.6 × 0.6 = 0.1296 (R7.2).
  static let fourAtSixTenths = """
    version: 1
    title: four elements at 0.6
    case: {act: illegal-use, claimant: natural-person, rights: [network-dissemination], claim: 200000}
    facts:
      actual_loss: {dist: lognormal, median: 150000, sigma: 0.5}
      expenses: 10000
    liability: {work: 0.6, infringement: 0.6, causation: 0.6, fault: 0.6}
    """

  func withScenario(_ text: String, _ body: (String) throws -> Void) throws {
    let folder = try DamagesBinary.temporaryFolder()
    defer { try? FileManager.default.removeItem(at: folder) }
    let file = folder.appendingPathComponent("case.yaml")
    try text.write(to: file, atomically: true, encoding: .utf8)
    try body(file.path)
  }

  @Test("R7.2 four elements at 0.6: p_liable 0.1296 and a warning in JSON, table, Markdown and CSV")
  func fourElements() throws {
    try withScenario(Self.fourAtSixTenths) { file in
      let json = try DamagesBinary.run(["estimate", file, "--format", "json", "--lang", "en"])
      #expect(json.status == 0, "\(json.stderr)")
      let o = try #require(
        JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any])
      #expect(o["liable"] as? Bool == true)
      let p = try #require(o["p_liable"] as? Double)
      #expect(abs(p - 0.1296) < 1e-12)
      let warning = "Warning: liability holds with probability 12.96% only. This estimate takes each fact at its most likely reading, which gives `liable`, but that is not the most likely outcome; run `damages simulate` for the distribution of outcomes."
      #expect(o["warning"] as? String == warning)
      let table = try DamagesBinary.run(["estimate", file, "--lang", "en"])
      #expect(table.stdout.contains("Probability of liability         12.96%"))
      #expect(table.stdout.contains(warning))
      let markdown = try DamagesBinary.run(["estimate", file, "--lang", "en", "--format", "markdown"])
      #expect(markdown.stdout.contains("| Probability of liability | 12.96% |"))
      #expect(markdown.stdout.contains("> **\(warning)**"))
      let csv = try DamagesBinary.run(["estimate", file, "--lang", "en", "--format", "csv"])
      #expect(csv.stdout.contains("tort,,R7.2,p_liable,probability that liability holds 12.96%,0.1296"))
      #expect(csv.stdout.contains("tort,,warning,,\"\(warning.replacingOccurrences(of: "\"", with: "\"\""))\","))
      let zh = try DamagesBinary.run(["estimate", file, "--lang", "zh"])
      #expect(zh.stdout.contains("注意：责任成立的概率仅为 12.96%。"))
    }
  }

  // Elements at 0.9 each: 0.9⁴ = 0.6561 ≥ 0.5 and the reading says liable: no warning. Elements
  // at 0.45 (read as false) and a probability of 0.45 × 1 × 1 × 1 = 0.45: not liable, no warning.
  // Work 0.4 and the rest certain is not liable by the reading, and 0.4 < 0.5: no warning.
  @Test("R7.2 no warning when the reading and the probability agree")
  func agreeing() throws {
    let agree = Self.fourAtSixTenths.replacingOccurrences(
      of: "{work: 0.6, infringement: 0.6, causation: 0.6, fault: 0.6}",
      with: "{work: 0.9, infringement: 0.9, causation: 0.9, fault: 0.9}")
    try withScenario(agree) { file in
      let r = try DamagesBinary.run(["estimate", file, "--format", "json"])
      let o = try #require(JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as? [String: Any])
      #expect(abs((o["p_liable"] as? Double ?? 0) - 0.6561) < 1e-12)
      #expect(o["warning"] == nil)
      #expect(!(try DamagesBinary.run(["estimate", file]).stdout.contains("Warning")))
    }
  }

  // The other direction: a provider and a platform, each with its own exempting defence at 0.6,
  // are both read as exempt, so nobody is liable; yet liability holds unless both defences
  // succeed: 1 − 0.6 × 0.6 = 0.64 (R7.3, R8).
  @Test("R7.3 R8 not liable by the reading, liable with probability 0.64: the warning says so")
  func notLiableButLikely() throws {
    let text = """
      version: 1
      title: two exemptions at 0.6
      case: {act: generated-output, claimant: legal-person, rights: [reproduction]}
      facts: {statutory_award: 10000}
      liability:
        defenses:
          - {kind: technology-limit, success: 0.6, defendant: provider}
          - {kind: safe-harbor, success: 0.6, defendant: platform}
      defendants:
        - {name: provider, role: provider, form: joint}
        - {name: platform, role: platform, form: joint}
      """
    try withScenario(text) { file in
      let r = try DamagesBinary.run(["estimate", file, "--format", "json", "--lang", "en"])
      let o = try #require(JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as? [String: Any])
      #expect(o["liable"] as? Bool == false)
      #expect(abs((o["p_liable"] as? Double ?? 0) - 0.64) < 1e-12)
      #expect(
        o["warning"] as? String
          == "Warning: liability holds with probability 64%. This estimate takes each fact at its most likely reading, which gives `not liable`, but that is not the most likely outcome; run `damages simulate` for the distribution of outcomes."
      )
    }
  }

  @Test("The help says each fact at its most likely reading, not the most likely outcome")
  func help() throws {
    let r = try DamagesBinary.run(["estimate", "--help"])
    #expect(r.stdout.contains("Each fact at its most likely reading"))
    #expect(!r.stdout.contains("The most likely outcome"))
  }
}

/// R11 in the estimate's explanation, in both languages.
@Suite("damages estimate: the R11 step in Chinese")
struct EstimateRemediesCommandTests {
  @Test("R11 the Chinese step of a generated-output case says: not deletion of training data")
  func chineseR11() throws {
    let r = try DamagesBinary.run(["estimate", "scenarios/gzic-2024-113-ultraman-tab.yaml", "--lang", "zh"])
    #expect(r.status == 0)
    #expect(r.stdout.contains("[R11] 其他责任方式：停止侵害（在模型端采取措施，如过滤提示词或输出、下架侵权模型，而非删除训练数据）、禁令（诉前或诉中）。"))
  }
}

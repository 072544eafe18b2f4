import Foundation
import Testing
import _DamagesTestSupport

/// Numbers as Chinese lawyers write them, through the real binary: a scenario file, `--set`,
/// `--vary`, `fees AMOUNT`, `fit`'s table, and the warnings about implausible amounts.
@Suite("damages: numbers as lawyers write them", .serialized)
struct WrittenNumberCommandTests {
  static let plain = """
    version: 1
    title: 李某 v. 刘某
    case:
      act: illegal-use
      claimant: natural-person
      rights: [attribution, network-dissemination]
      claim: 300000
      infringement_date: 2021-06-01
    facts:
      actual_loss: {dist: lognormal, median: 12000, sigma: 0.8}
      illegal_gains: {dist: uniform, min: 12000, max: 150000}
      license_fee: {dist: triangular, min: 5000, mode: 12000.5, max: 30000}
      proven: {actual_loss: 0.3, illegal_gains: 0.25, license_fee: 0.3}
      statutory_award: {dist: uniform, min: 500, max: 50000}
      intentional: 0.3
      serious: 0.5
      multiplier: {dist: pert, min: 1, mode: 2, max: 5}
      expenses: 12000
    liability:
      work: 0.9
      fault: 0.85
      defenses:
        - {kind: fair-use, success: 0.05}
    simulation:
      runs: 20000
      seed: 17

    """

  static let written = """
    version: 1
    title: 李某 v. 刘某
    case:
      act: illegal-use
      claimant: natural-person
      rights: [attribution, network-dissemination]
      claim: 30万元
      infringement_date: 2021年6月1日
    facts:
      actual_loss: {dist: lognormal, median: 1.2万, sigma: "0.8"}
      illegal_gains: {dist: uniform, min: ￥12,000, max: 15万}
      license_fee: {dist: triangular, min: 5千, mode: "12,000.50", max: RMB 30,000}
      proven: {actual_loss: 30%, illegal_gains: 25％, license_fee: "0.3"}
      statutory_award:
        dist: uniform
        min: ¥500
        max: ５０，０００元
      intentional: 30%
      serious: '50%'
      multiplier: {dist: pert, min: 1, mode: 2, max: 5}
      expenses: １．２万
    liability:
      work: 90%
      fault: 85％
      defenses:
        - {kind: fair-use, success: 5%}
    simulation:
      runs: 2万
      seed: 17

    """

  @Test(
    "A scenario written with the lawyer's forms gives byte-identical estimate and simulate JSON",
    arguments: [["estimate", "--format", "json"], ["simulate", "--format", "json", "--threads", "1"]])
  func identicalJSON(command: [String]) throws {
    let folder = try DamagesBinary.temporaryFolder()
    defer { try? FileManager.default.removeItem(at: folder) }
    try Self.plain.write(to: folder.appendingPathComponent("plain.yaml"), atomically: true, encoding: .utf8)
    try Self.written.write(
      to: folder.appendingPathComponent("written.yaml"), atomically: true, encoding: .utf8)
    let a = try DamagesBinary.run([command[0], "plain.yaml"] + command.dropFirst(), in: folder)
    let b = try DamagesBinary.run([command[0], "written.yaml"] + command.dropFirst(), in: folder)
    #expect(a.status == 0, "\(a.stderr)")
    #expect(b.status == 0, "\(b.stderr)")
    #expect(!b.stderr.contains("warning"), "\(b.stderr)")
    #expect(a.stdout.count > 100)
    #expect(a.stdout == b.stdout)
  }

  @Test("A bad written form: file:line:column, the field, how to write it; exit 65")
  func refusal() throws {
    let folder = try DamagesBinary.temporaryFolder()
    defer { try? FileManager.default.removeItem(at: folder) }
    let text = Self.plain.replacingOccurrences(
      of: "expenses: 12000", with: "expenses: 1.2w")
    try text.write(to: folder.appendingPathComponent("s.yaml"), atomically: true, encoding: .utf8)
    let r = try DamagesBinary.run(["estimate", "s.yaml"], in: folder)
    #expect(r.status == 65)
    #expect(r.stderr == "s.yaml:18:13: error: facts.expenses: \"1.2w\" is not an amount; write 12000 or 1.2万\n")
  }

  @Test("Implausible amounts warn on standard error and the command still runs")
  func warnings() throws {
    let folder = try DamagesBinary.temporaryFolder()
    defer { try? FileManager.default.removeItem(at: folder) }
    let text = Self.plain.replacingOccurrences(of: "claim: 300000", with: "claim: 50")
    try text.write(to: folder.appendingPathComponent("s.yaml"), atomically: true, encoding: .utf8)
    let r = try DamagesBinary.run(["estimate", "s.yaml", "--format", "json"], in: folder)
    #expect(r.status == 0)
    #expect(r.stderr == "s.yaml:7:10: warning: case.claim: 50 yuan; did you mean 50万 (500,000)?\n")
    let check = try DamagesBinary.run(["check", "s.yaml"], in: folder)
    #expect(check.status == 0)
    #expect(check.stderr.contains("warning: case.claim: 50 yuan"))
    // A probability of 60: refused by its range (65), with the warning naming 60%.
    let bad = Self.plain.replacingOccurrences(of: "work: 0.9", with: "work: 60")
    try bad.write(to: folder.appendingPathComponent("p.yaml"), atomically: true, encoding: .utf8)
    let p = try DamagesBinary.run(["estimate", "p.yaml"], in: folder)
    #expect(p.status == 65)
    #expect(
      p.stderr == """
        p.yaml:20:9: warning: liability.work: 60 is not a probability; did you mean 60% (0.6)?
        p.yaml:20:9: error: liability.work: must be true, false or a probability in [0, 1], got 60

        """)
  }

  @Test("fees reads 30万, ¥300,000 and 30万元 as 300000")
  func fees() throws {
    let plain = try DamagesBinary.run(["fees", "300000", "--format", "json"])
    #expect(plain.status == 0)
    for written in ["30万", "¥300,000", "30万元", "３０万"] {
      let r = try DamagesBinary.run(["fees", written, "--format", "json"])
      #expect(r.status == 0, "\(written): \(r.stderr)")
      #expect(r.stdout == plain.stdout, "\(written)")
    }
    let bad = try DamagesBinary.run(["fees", "30w"])
    #expect(bad.status == 64)
  }

  @Test("--set and --vary read the written forms")
  func sweep() throws {
    let folder = try DamagesBinary.temporaryFolder()
    defer { try? FileManager.default.removeItem(at: folder) }
    try Self.plain.write(to: folder.appendingPathComponent("s.yaml"), atomically: true, encoding: .utf8)
    func run(_ options: [String]) throws -> String {
      let r = try DamagesBinary.run(
        ["sweep", "s.yaml", "--runs", "2000", "--format", "json"] + options, in: folder)
      #expect(r.status == 0, "\(options): \(r.stderr)")
      return r.stdout
    }
    let plain = try run(["--set", "case.claim=500000", "--vary", "liability.work=0.5:1:3",
                         "--vary", "facts.expenses=1000:100000:3"])
    let written = try run(["--set", "case.claim=50万", "--vary", "liability.work=50%:100%:3",
                           "--vary", "facts.expenses=1千:10万:3"])
    #expect(plain == written)
  }

  @Test("fit reads awards as a clerk copies them from judgments")
  func fit() throws {
    let folder = try DamagesBinary.temporaryFolder()
    defer { try? FileManager.default.removeItem(at: folder) }
    try "award\n10000\n25000\n8000\n40000\n".write(
      to: folder.appendingPathComponent("plain.csv"), atomically: true, encoding: .utf8)
    try "award\n1万\n\"25,000\"\n￥8000\n4万元\n".write(
      to: folder.appendingPathComponent("written.csv"), atomically: true, encoding: .utf8)
    let a = try DamagesBinary.run(["fit", "plain.csv", "--column", "award", "--format", "json"], in: folder)
    let b = try DamagesBinary.run(["fit", "written.csv", "--column", "award", "--format", "json"], in: folder)
    #expect(a.status == 0 && b.status == 0, "\(a.stderr)\(b.stderr)")
    #expect(a.stdout.replacingOccurrences(of: "plain.csv", with: "written.csv") == b.stdout)
    try "award\n1万\n1.2w\n".write(
      to: folder.appendingPathComponent("bad.csv"), atomically: true, encoding: .utf8)
    let c = try DamagesBinary.run(["fit", "bad.csv", "--column", "award"], in: folder)
    #expect(c.status == 65)
    #expect(c.stderr == "bad.csv:3: error: award: \"1.2w\" is not an amount; write 12000 or 1.2万\n")
  }
}

import Foundation
import Testing
import _DamagesTestSupport

/// The `damages` command as a user runs it: outputs, exit codes, error texts.
@Suite("damages command", .serialized)
struct CommandTests {
  func json(_ text: String) throws -> [String: Any] {
    try #require(JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
  }

  /// The four AI-image judgments (docs/scenario-format.md, the bundled scenarios): `estimate` reproduces the court's award.
  @Test("estimate reproduces the four judgments' awards (R3, R5, R8, R10)", arguments: [
    ("scenarios/bic-2023-11279-li-v-liu.yaml", 500.0, "statutory"),
    ("scenarios/gzic-2024-113-ultraman-tab.yaml", 10_000.0, "statutory"),
    ("scenarios/hz-2024-10332-ultraman-lora.yaml", 30_000.0, "statutory"),
    ("scenarios/changshu-2024-6697-banxin.yaml", 10_000.0, "statutory"),
  ])
  func judgments(file: String, award: Double, basis: String) throws {
    let r = try DamagesBinary.run(["estimate", file, "--format", "json"])
    #expect(r.status == 0, "\(r.stderr)")
    let o = try json(r.stdout)
    #expect(o["award"] as? Double == award)
    #expect(o["basis"] as? String == basis)
    #expect(o["liable"] as? Bool == true)
  }

  @Test("11279: the defendant bears the whole 50-yuan fee (R10 loser-pays)")
  func fee11279() throws {
    let r = try DamagesBinary.run(["estimate", "scenarios/bic-2023-11279-li-v-liu.yaml", "--format", "json"])
    let o = try json(r.stdout)
    #expect(o["fee"] as? Double == 50)
    #expect(o["fee_share"] as? Double == 0)
    #expect(o["net_recovery"] as? Double == 500)
    #expect((o["remedies"] as? [String])?.contains("apology") == true)
  }

  @Test("Hangzhou and Guangzhou: 300,000 claimed costs 5,800 (R10); the knowing platform owes the whole (R8)")
  func hangzhouGuangzhou() throws {
    for file in ["scenarios/hz-2024-10332-ultraman-lora.yaml", "scenarios/gzic-2024-113-ultraman-tab.yaml"] {
      let o = try json(try DamagesBinary.run(["estimate", file, "--format", "json"]).stdout)
      #expect(o["claim"] as? Double == 300_000, "\(file)")
      #expect(o["fee"] as? Double == 5_800, "\(file)")
    }
    let o = try json(try DamagesBinary.run(["estimate", "scenarios/hz-2024-10332-ultraman-lora.yaml", "--format", "json"]).stdout)
    let platform = try #require((o["defendants"] as? [[String: Any]])?.first)
    #expect(platform["name"] as? String == "AI platform")
    #expect(platform["exposure"] as? Double == 30_000)
    #expect(platform["share"] as? Double == 30_000)
  }

  @Test("Changshu: two joint defendants each bear half (R8)")
  func changshuShares() throws {
    let r = try DamagesBinary.run(["estimate", "scenarios/changshu-2024-6697-banxin.yaml", "--format", "json"])
    let defendants = try #require(try json(r.stdout)["defendants"] as? [[String: Any]])
    #expect(defendants.count == 2)
    for d in defendants {
      #expect(d["exposure"] as? Double == 10_000)
      #expect(d["share"] as? Double == 5_000)
    }
  }

  @Test("simulate: byte-identical JSON on 1 and 2 threads (docs/simulation.md)")
  func threadInvariantJSON() throws {
    let base = ["simulate", "scenarios/benchmark.yaml", "--runs", "150001", "--seed", "7", "--format", "json"]
    let one = try DamagesBinary.run(base + ["--threads", "1"])
    let two = try DamagesBinary.run(base + ["--threads", "2"])
    #expect(one.status == 0 && two.status == 0)
    #expect(one.stdout == two.stdout)
    #expect(!one.stdout.contains("thread"))
    let o = try json(one.stdout)
    #expect(o["runs"] as? Double == 150_001)
  }

  @Test("simulate: the table ends with the time taken and the threads, in the chosen language")
  func timingLine() throws {
    for (threads, lang, ending) in [
      ("1", "en", " runs/s on 1 thread"), ("2", "en", " runs/s on 2 threads"),
      ("2", "zh", "，2 个线程"), ("1", "both", "，1 个线程"),
    ] {
      let r = try DamagesBinary.run(
        ["simulate", "scenarios/benchmark.yaml", "--runs", "1000", "--threads", threads, "--lang", lang])
      #expect(r.status == 0)
      let last = r.stdout.split(separator: "\n").last.map(String.init) ?? ""
      #expect(last.hasSuffix(ending), "\(last)")
    }
  }

  @Test("fees: 300,000 yuan claimed costs 5,800, halved under summary procedure (R10)")
  func fees() throws {
    let r = try DamagesBinary.run(["fees", "300000", "--format", "json"])
    #expect(try json(r.stdout)["fee"] as? Double == 5_800)
    let s = try DamagesBinary.run(["fees", "300000", "--summary", "--format", "json"])
    #expect(try json(s.stdout)["fee"] as? Double == 2_900)
  }

  @Test("Fees print to the fen in every table: the R10 step, the fee-share row, rounded CSV (R10)")
  func feesToTheFen() throws {
    let file = "scenarios/platform-notice-three-defendants.yaml"
    let e = try DamagesBinary.run(["estimate", file, "--lang", "en"])
    #expect(e.stdout.contains("the claimant bears 846.62 yuan (proportional).  [846.62]"), "\(e.stdout)")
    let s = try DamagesBinary.run(["simulate", file, "--lang", "en", "--runs", "20000"])
    let row = try #require(s.stdout.split(separator: "\n").first { $0.hasPrefix("Claimant's fee share") })
    let cells = row.dropFirst("Claimant's fee share".count).split(separator: " ")
    #expect(cells.count == 9 && cells.allSatisfy { $0.wholeMatch(of: /[0-9,]+\.[0-9]{2}/) != nil }, "\(row)")
    let c = try DamagesBinary.run(["simulate", file, "--lang", "en", "--runs", "20000", "--format", "csv", "--round"])
    let line = try #require(c.stdout.split(separator: "\r\n").first { $0.contains(",fee_share,mean,") })
    #expect(line.wholeMatch(of: /.*,fee_share,mean,[0-9]+\.[0-9]{2}/) != nil, "\(line)")
  }

  @Test("simulate --chart draws the award's histogram or S-curve as SVG (docs/outputs.md)")
  func simulateChart() throws {
    let folder = try DamagesBinary.temporaryFolder()
    defer { try? FileManager.default.removeItem(at: folder) }
    let file = DamagesBinary.packageRoot.appendingPathComponent("scenarios/benchmark.yaml").path
    for (type, title) in [("histogram", "Distribution of the award"), ("s-curve", "Cumulative probability of the award")] {
      let chart = folder.appendingPathComponent("\(type).svg")
      let r = try DamagesBinary.run(["simulate", file, "--runs", "20000", "--lang", "en", "--chart", chart.path, "--chart-type", type])
      #expect(r.status == 0, "\(r.stderr)")
      let svg = try String(contentsOf: chart, encoding: .utf8)
      #expect(svg.contains("<svg") && svg.contains("<title>\(title)</title>") && svg.contains("P95"), "\(type)")
    }
    // every award is kept for the chart: a bound on the runs, checked before any work
    let r = try DamagesBinary.run(["simulate", file, "--runs", "60000000", "--chart", folder.appendingPathComponent("x.svg").path])
    #expect(r.status == 64 && r.stderr.contains("at most 50,000,000 runs"), "\(r.stderr)")
  }

  @Test("Usage errors exit 64", arguments: [
    ["simulate", "scenarios/benchmark.yaml", "--runs", "0"],
    ["simulate", "scenarios/benchmark.yaml", "--threads", "-1"],
    ["estimate", "scenarios/benchmark.yaml", "--format", "xml"],
    ["estimate", "scenarios/benchmark.yaml", "--runz", "5"],
    ["fees", "0"],
    ["fees", "1e19"],
    ["estimate", "scenarios/benchmark.yaml", "--format", "json", "--out", "never-written.csv"],
    ["estimate", "scenarios/benchmark.yaml", "--excel"],
    ["sensitivity", "scenarios/benchmark.yaml", "--samples", "100"],
    ["claim", "scenarios/template-repetitive-generation.yaml", "--runs", "1000"],
    ["sweep", "scenarios/template-repetitive-generation.yaml", "--vary", "liability.work=0:1:2", "--runs", "1000"],
    ["sweep", "scenarios/benchmark.yaml", "--vary", "liability.work=0:1:2", "--route", "contract"],
    ["frobnicate"],
  ])
  func usage(arguments: [String]) throws {
    let r = try DamagesBinary.run(arguments)
    #expect(r.status == 64, "\(arguments): \(r.stderr)")
    #expect(r.stderr.contains("Usage") || r.stderr.contains("Error"), "\(r.stderr)")
  }

  @Test("R9 sweep and claim of a comparison follow the route named by --route, the same figures as that route alone")
  func routeOfAComparison() throws {
    let file = "scenarios/template-repetitive-generation.yaml"
    let sim = try json(try DamagesBinary.run(["simulate", file, "--runs", "5000", "--format", "json"]).stdout)
    for route in ["tort", "contract"] {
      let r = try DamagesBinary.run(["sweep", file, "--vary", "liability.work=0.8:0.9:2", "--runs", "5000", "--route", route, "--format", "json"])
      #expect(r.status == 0, "\(r.stderr)")
      let point = try #require((try json(r.stdout)["points"] as? [[String: Any]])?.first)
      #expect(point["route"] as? String == route)
      // the tort route's figures are at the top of the JSON, the contract route's under "contract"
      let own = try #require(route == "tort" ? sim : sim["contract"] as? [String: Any])
      // liability.work is 0.8 in the template too: the first point is the route simulated alone
      #expect((point["award"] as? [String: Any])?["mean"] as? Double == (own["award"] as? [String: Any])?["mean"] as? Double, "\(route)")
    }
  }

  @Test("R9 a comparison reports the difference and the better route in every format (docs/legal-model.md, Contract route)")
  func comparisonInEveryFormat() throws {
    let file = "scenarios/template-repetitive-generation.yaml"
    let e = try json(try DamagesBinary.run(["estimate", file, "--format", "json"]).stdout)
    let tort = try #require(e["award"] as? Double)
    let contract = try #require((e["contract"] as? [String: Any])?["award"] as? Double)
    let difference = try #require((e["difference"] as? [String: Any])?["award"] as? Double)
    #expect(abs(difference - (contract - tort)) < 1e-6)
    #expect(e["recommended"] as? String != nil)
    let table = try DamagesBinary.run(["estimate", file, "--lang", "en"]).stdout
    #expect(table.contains("Contract minus tort: award "))
    let csv = try DamagesBinary.run(["simulate", file, "--runs", "5000", "--lang", "en", "--format", "csv"]).stdout
    for row in [",compare,award,mean_difference,", ",compare,net_recovery,mean_difference,", ",tort,fee,value,2300",
                ",contract,claim,value,100000", ",tort,claim,p_capped,"] {
      #expect(csv.contains(row), "\(row)")
    }
    #expect(csv.contains(",compare,recommended,contract,1\r\n") || csv.contains(",compare,recommended,tort,1\r\n"))
    let sim = try DamagesBinary.run(["simulate", file, "--runs", "5000", "--lang", "en"]).stdout
    #expect(sim.contains("Contract minus tort: mean award "))
  }

  @Test("A negative count is named as the bad value it is, not as a missing one")
  func negativeCounts() throws {
    let r = try DamagesBinary.run(["simulate", "scenarios/benchmark.yaml", "--runs", "-5"])
    #expect(r.status == 64 && r.stderr.hasPrefix("Error: --runs must be an integer from 2 to 10^11, got -5"), "\(r.stderr)")
    let s = try DamagesBinary.run(["simulate", "scenarios/benchmark.yaml", "--seed", "-1"])
    #expect(s.status == 64 && s.stderr.hasPrefix("Error: The value '-1' is invalid for '--seed <seed>'"), "\(s.stderr)")
  }

  @Test("A missing file exits 66 and names it")
  func missingFile() throws {
    let r = try DamagesBinary.run(["estimate", "no-such-scenario.yaml"])
    #expect(r.status == 66)
    #expect(r.stderr.hasPrefix("no-such-scenario.yaml: error:"), "\(r.stderr)")
  }

  @Test("check: 66 if any file is missing, else 65 if any is invalid, else 0 (docs/scenario-format.md, Input rules)")
  func checkMany() throws {
    let folder = try DamagesBinary.temporaryFolder()
    defer { try? FileManager.default.removeItem(at: folder) }
    let bad = folder.appendingPathComponent("bad.yaml")
    try "version: 1\ntitle: x\n".write(to: bad, atomically: true, encoding: .utf8)
    let good = DamagesBinary.packageRoot.appendingPathComponent("scenarios/benchmark.yaml").path
    #expect(try DamagesBinary.run(["check", good]).status == 0)
    #expect(try DamagesBinary.run(["check", good, bad.path]).status == 65)
    #expect(try DamagesBinary.run(["check", bad.path, good, "missing.yaml"]).status == 66)
  }

  /// Every invalid input that docs/scenario-format.md, Input rules, names, through the built binary: exit 65, the exact message
  /// at its position, and no output file.
  struct InvalidCase: CustomTestStringConvertible, Sendable {
    var name: String
    var withHead: Bool
    var body: String
    var message: String
    init(_ name: String, _ withHead: Bool, _ body: String, _ message: String) {
      self.name = name; self.withHead = withHead; self.body = body; self.message = message
    }
    var testDescription: String { name }
  }

  static let head = "version: 1\ntitle: t\ncase:\n  act: illegal-use\n  claimant: natural-person\n  rights: [reproduction]\n"

  static let invalidCases: [InvalidCase] = [
    InvalidCase("statutory award outside 500 to 5,000,000", true, "facts:\n  statutory_award: 400\n",
                "8:20: error: facts.statutory_award: must be within 500 to 5,000,000 (Art. 54 ¶2), got 400"),
    InvalidCase("multiplier outside 1 to 5", true, "facts:\n  statutory_award: 1000\n  multiplier: 7\n",
                "9:15: error: facts.multiplier: must be within 1 to 5 (Art. 54 ¶1), got 7"),
    InvalidCase("probability outside [0, 1]", true, "facts:\n  statutory_award: 1000\nliability:\n  work: 1.5\n",
                "10:9: error: liability.work: must be true, false or a probability in [0, 1], got 1.5"),
    InvalidCase("negative amount", true, "facts:\n  statutory_award: 1000\n  expenses: -5\n",
                "9:13: error: facts.expenses: must not be negative (an amount in yuan), got -5"),
    InvalidCase("unknown key in a distribution", true, "facts:\n  statutory_award: {dist: uniform, min: 500, max: 900, mode: 3}\n",
                "8:56: error: facts.statutory_award.mode: unknown key `mode`; expected one of dist, min, max, p10, p90 (a uniform takes min and max, or p10 and p90)"),
    InvalidCase("malformed distribution", true, "facts:\n  statutory_award: {dist: triangular, min: 900, mode: 500, max: 1000}\n",
                "8:55: error: facts.statutory_award.mode: must lie within min to max (900 to 1,000), got 500"),
    InvalidCase("defence not available for the act", true, "facts:\n  statutory_award: 1000\nliability:\n  defenses:\n    - {kind: technology-limit, success: 0.5, defendant: defendant}\n",
                "11:14: error: liability.defenses[0].kind: `technology-limit` is available only for repetitive-generation and generated-output (R7.3), not for illegal-use"),
    InvalidCase("YAML syntax error", true, "facts:\n  statutory_award: [1000\n",
                "9:1: error: invalid YAML: did not find expected ',' or ']' (while parsing a flow sequence at line 8, column 20)"),
    InvalidCase("unknown act", false, "version: 1\ntitle: t\ncase:\n  act: stealing\n  claimant: natural-person\n  rights: [reproduction]\nfacts:\n  statutory_award: 1000\n",
                "4:8: error: case.act: unknown act `stealing`; expected one of illegal-use, repetitive-generation, generated-output"),
    InvalidCase("unknown right", false, "version: 1\ntitle: t\ncase:\n  act: illegal-use\n  claimant: natural-person\n  rights: [reproduction, painting]\nfacts:\n  statutory_award: 1000\n",
                "6:26: error: case.rights[1]: unknown right `painting`; expected one of attribution, publication, modification, integrity, reproduction, adaptation, network-dissemination, distribution, exhibition, other-economic"),
    InvalidCase("empty file", false, "",
                " error: empty file; a scenario is a mapping that starts with `version: 1`"),
  ]

  @Test("Each invalid input exits 65 with its exact located message and writes nothing (docs/scenario-format.md, Input rules)",
        arguments: invalidCases)
  func invalidInput(_ c: InvalidCase) throws {
    let folder = try DamagesBinary.temporaryFolder()
    defer { try? FileManager.default.removeItem(at: folder) }
    let file = folder.appendingPathComponent("case.yaml")
    try ((c.withHead ? Self.head : "") + c.body).write(to: file, atomically: true, encoding: .utf8)
    let out = folder.appendingPathComponent("out.json")
    for command in [["estimate"], ["simulate", "--runs", "100"], ["check"]] {
      let args = [command[0], file.path] + command.dropFirst() + (command[0] == "check" ? [] : ["--out", out.path])
      let r = try DamagesBinary.run(args)
      #expect(r.status == 65, "\(command[0]): \(r.stderr)")
      #expect(r.stderr.hasPrefix(file.path + ":" + c.message), "\(command[0]): \(r.stderr)")
      #expect(!FileManager.default.fileExists(atPath: out.path))
    }
  }

  @Test("An invalid scenario exits 65 with a located message and writes nothing")
  func invalidWritesNothing() throws {
    let folder = try DamagesBinary.temporaryFolder()
    defer { try? FileManager.default.removeItem(at: folder) }
    let file = folder.appendingPathComponent("case.yaml")
    try """
      version: 1
      title: t
      case:
        act: illegal-use
        claimant: natural-person
        rights: [reproduction]
      facts:
        statutory_award: 7000000
      """.write(to: file, atomically: true, encoding: .utf8)
    let out = folder.appendingPathComponent("out.json")
    let r = try DamagesBinary.run(["estimate", file.path, "--out", out.path])
    #expect(r.status == 65)
    #expect(r.stderr.hasPrefix("\(file.path):8:20: error: facts.statutory_award:"), "\(r.stderr)")
    #expect(!FileManager.default.fileExists(atPath: out.path))
    #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path).sorted() == ["case.yaml"])
  }

  @Test("An --out path whose folder does not exist exits 73 and names it")
  func outputFolderMissing() throws {
    let r = try DamagesBinary.run(["estimate", "scenarios/benchmark.yaml", "--out", "/nonexistent-folder/x.json"])
    #expect(r.status == 73)
    #expect(r.stderr.contains("/nonexistent-folder/x.json"))
  }

  @Test("--out or --chart naming the input scenario exits 73 and leaves the scenario as it was",
        arguments: [["estimate", "s.yaml", "--out", "s.yaml"], ["simulate", "s.yaml", "--out", "./s.yaml", "--format", "json"],
                    ["sensitivity", "s.yaml", "--chart", "s.yaml"],
                    ["sweep", "s.yaml", "--vary", "liability.work=0:1:3", "--chart", "./s.yaml"]])
  func outputIsInput(arguments: [String]) throws {
    let folder = try DamagesBinary.temporaryFolder()
    defer { try? FileManager.default.removeItem(at: folder) }
    let scenario = try String(contentsOf: DamagesBinary.packageRoot.appendingPathComponent("scenarios/gzic-2024-113-ultraman-tab.yaml"), encoding: .utf8)
    let file = folder.appendingPathComponent("s.yaml")
    try scenario.write(to: file, atomically: true, encoding: .utf8)
    let r = try DamagesBinary.run(arguments, in: folder)
    #expect(r.status == 73, "\(arguments): \(r.stderr)")
    #expect(r.stderr.contains("it is the input s.yaml"), "\(r.stderr)")
    #expect(try String(contentsOf: file, encoding: .utf8) == scenario)
  }

  @Test("--out writes the file whole, in the format of its extension")
  func outputWritten() throws {
    let folder = try DamagesBinary.temporaryFolder()
    defer { try? FileManager.default.removeItem(at: folder) }
    let out = folder.appendingPathComponent("e.JSON")  // the extension in any case
    let r = try DamagesBinary.run(["estimate", "scenarios/gzic-2024-113-ultraman-tab.yaml", "--out", out.path])
    #expect(r.status == 0)
    let o = try json(String(contentsOf: out, encoding: .utf8))
    #expect(o["award"] as? Double == 10_000)
    #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path) == ["e.JSON"])
  }

  @Test("--out replaces an existing file, every time, leaving nothing else behind")
  func outputReplaced() throws {
    let folder = try DamagesBinary.temporaryFolder()
    defer { try? FileManager.default.removeItem(at: folder) }
    let out = folder.appendingPathComponent("fee.json")
    for amount in [300_000, 50_000, 300_000, 1_000_000] {
      let r = try DamagesBinary.run(["fees", String(amount), "--out", out.path])
      #expect(r.status == 0, "\(amount): \(r.stderr)")
      let o = try json(String(contentsOf: out, encoding: .utf8))
      #expect(o["claim"] as? Double == Double(amount))
      #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path) == ["fee.json"])
    }
  }

  @Test("CSV with --excel starts with the UTF-8 byte-order mark and parses")
  func excelCSV() throws {
    let folder = try DamagesBinary.temporaryFolder()
    defer { try? FileManager.default.removeItem(at: folder) }
    let out = folder.appendingPathComponent("s.csv")
    let r = try DamagesBinary.run(["simulate", "scenarios/bic-2023-11279-li-v-liu.yaml", "--runs", "1000", "--out", out.path, "--excel"])
    #expect(r.status == 0, "\(r.stderr)")
    let data = try Data(contentsOf: out)
    #expect(Array(data.prefix(3)) == [0xEF, 0xBB, 0xBF])
    let text = String(decoding: data.dropFirst(3), as: UTF8.self)
    #expect(text.hasPrefix("情景 scenario,路径 route,"))
  }
}

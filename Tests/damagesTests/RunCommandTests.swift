import Foundation
import Testing
import _DamagesTestSupport

/// `damages run`: which folders it reads, and that it never replaces a folder it would lose
/// something by replacing.
@Suite("damages run", .serialized)
struct RunCommandTests {
  static let scenario = """
    version: 1
    title: small
    case:
      act: illegal-use
      claimant: natural-person
      rights: [reproduction]
      route: tort
    facts:
      statutory_award: {dist: uniform, min: 500, max: 5000}
    simulation:
      runs: 2000
      seed: 1

    """

  /// A temporary folder with `in/small.yaml`; removed by the caller.
  func workspace() throws -> URL {
    let root = try DamagesBinary.temporaryFolder()
    let input = root.appendingPathComponent("in")
    try FileManager.default.createDirectory(at: input, withIntermediateDirectories: true)
    try Self.scenario.write(to: input.appendingPathComponent("small.yaml"), atomically: true, encoding: .utf8)
    return root
  }

  func contents(_ folder: URL) throws -> [String] {
    try FileManager.default.contentsOfDirectory(atPath: folder.path).sorted()
  }

  @Test("writes a new folder, and replaces one it wrote before")
  func replacesItsOwnFolder() throws {
    let root = try workspace()
    defer { try? FileManager.default.removeItem(at: root) }
    for _ in 0..<2 {
      let r = try DamagesBinary.run(["run", "in", "--out", "out"], in: root)
      #expect(r.status == 0, "\(r.stderr)")
      #expect(try contents(root.appendingPathComponent("out")).contains("summary.csv"))
      #expect(try contents(root) == ["in", "out"], "no staging folder left behind")
    }
  }

  @Test("refuses (73) a folder holding files it did not write, and loses none of them")
  func refusesForeignFolder() throws {
    let root = try workspace()
    defer { try? FileManager.default.removeItem(at: root) }
    let notes = root.appendingPathComponent("notes")
    try FileManager.default.createDirectory(at: notes, withIntermediateDirectories: true)
    try "mine".write(to: notes.appendingPathComponent("memo.txt"), atomically: true, encoding: .utf8)
    let r = try DamagesBinary.run(["run", "in", "--out", "notes"], in: root)
    #expect(r.status == 73)
    #expect(r.stderr.hasPrefix("notes: error: cannot create output file: the folder holds files this command did not write"), "\(r.stderr)")
    #expect(try String(contentsOf: notes.appendingPathComponent("memo.txt"), encoding: .utf8) == "mine")
  }

  @Test("refuses (73) the input folder itself or a folder that holds it", arguments: ["in", ".", "./in/"])
  func refusesInputFolder(out: String) throws {
    let root = try workspace()
    defer { try? FileManager.default.removeItem(at: root) }
    let r = try DamagesBinary.run(["run", "in", "--out", out], in: root)
    #expect(r.status == 73, "\(r.stderr)")
    #expect(r.stderr.contains("it is or holds the input folder in"), "\(r.stderr)")
    #expect(try contents(root.appendingPathComponent("in")) == ["small.yaml"])
  }

  @Test("refuses (73) an existing file as the output folder, and leaves it as it was")
  func refusesFile() throws {
    let root = try workspace()
    defer { try? FileManager.default.removeItem(at: root) }
    let r = try DamagesBinary.run(["run", "in", "--out", "in/small.yaml"], in: root)
    #expect(r.status == 73, "\(r.stderr)")
    #expect(try String(contentsOf: root.appendingPathComponent("in/small.yaml"), encoding: .utf8) == Self.scenario)
  }

  @Test("reads JSON scenarios too (JSON is YAML, docs/scenario-format.md)")
  func readsJSON() throws {
    let root = try workspace()
    defer { try? FileManager.default.removeItem(at: root) }
    let input = root.appendingPathComponent("in")
    try FileManager.default.removeItem(at: input.appendingPathComponent("small.yaml"))
    let json = #"{"version": 1, "title": "small", "case": {"act": "illegal-use", "claimant": "natural-person", "rights": ["reproduction"], "route": "tort"}, "facts": {"statutory_award": {"dist": "uniform", "min": 500, "max": 5000}}, "simulation": {"runs": 2000, "seed": 1}}"#
    try json.write(to: input.appendingPathComponent("small.json"), atomically: true, encoding: .utf8)
    let r = try DamagesBinary.run(["run", "in", "--out", "out"], in: root)
    #expect(r.status == 0, "\(r.stderr)")
    #expect(try contents(root.appendingPathComponent("out/scenarios")).contains("small.json"))
  }

  @Test("a folder without scenarios, or a file, is a missing input (66)", arguments: ["empty", "in/small.yaml"])
  func noScenarios(folder: String) throws {
    let root = try workspace()
    defer { try? FileManager.default.removeItem(at: root) }
    try FileManager.default.createDirectory(at: root.appendingPathComponent("empty"), withIntermediateDirectories: true)
    let r = try DamagesBinary.run(["run", folder, "--out", "out"], in: root)
    #expect(r.status == 66, "\(r.stderr)")
    #expect(r.stderr.hasPrefix("\(folder): error:"), "\(r.stderr)")
    #expect(try contents(root) == ["empty", "in"])
  }

  @Test("--threads 0 is a usage error (64)")
  func threadsZero() throws {
    let root = try workspace()
    defer { try? FileManager.default.removeItem(at: root) }
    let r = try DamagesBinary.run(["run", "in", "--out", "out", "--threads", "0"], in: root)
    #expect(r.status == 64, "\(r.stderr)")
  }

  @Test("every bad scenario is reported, the others computed and written, exit 65")
  func everyBadFileReported() throws {
    let root = try workspace()
    defer { try? FileManager.default.removeItem(at: root) }
    let input = root.appendingPathComponent("in")
    try Self.scenario.replacingOccurrences(of: "max: 5000", with: "max: 400")
      .write(to: input.appendingPathComponent("a-bad.yaml"), atomically: true, encoding: .utf8)
    try Self.scenario.replacingOccurrences(of: "runs: 2000", with: "runs: 1")
      .write(to: input.appendingPathComponent("b-bad.yaml"), atomically: true, encoding: .utf8)
    let r = try DamagesBinary.run(["run", "in", "--out", "out"], in: root)
    #expect(r.status == 65, "\(r.stderr)")
    let lines = r.stderr.split(separator: "\n").map(String.init)
    #expect(lines.contains { $0.hasPrefix("in/a-bad.yaml:9:51: error: facts.statutory_award.max: must not be less than") && $0.contains("facts.statutory_award") }, "\(r.stderr)")
    #expect(lines.contains { $0.hasPrefix("in/b-bad.yaml:") && $0.contains("simulation.runs") }, "\(r.stderr)")
    #expect(lines.last == "error: 2 of 3 scenario files are invalid (listed above); the others were computed")
    let summary = try String(contentsOf: root.appendingPathComponent("out/summary.csv"), encoding: .utf8)
    #expect(summary.split(separator: "\r\n").count == 2, "the header and the good scenario's row")
    #expect(summary.contains("small.yaml,small,"))
  }

  @Test("--runs, --no-charts, --excel and --lang zh")
  func runOptions() throws {
    let root = try workspace()
    defer { try? FileManager.default.removeItem(at: root) }
    let r = try DamagesBinary.run(
      ["run", "in", "--out", "out", "--runs", "500", "--no-charts", "--excel", "--lang", "zh"], in: root)
    #expect(r.status == 0, "\(r.stderr)")
    #expect(!FileManager.default.fileExists(atPath: root.appendingPathComponent("out/charts").path))
    let data = try Data(contentsOf: root.appendingPathComponent("out/summary.csv"))
    #expect(data.starts(with: [0xEF, 0xBB, 0xBF]), "the byte-order mark Excel needs")
    let summary = String(decoding: data.dropFirst(3), as: UTF8.self)
    #expect(summary.hasPrefix("文件,标题,诉讼路径,模拟次数,随机种子,"), "\(summary.prefix(80))")
    #expect(summary.contains("small.yaml,small,tort,500,1,"))
  }

  @Test("--runs 1 is a usage error (64)")
  func runsOne() throws {
    let root = try workspace()
    defer { try? FileManager.default.removeItem(at: root) }
    let r = try DamagesBinary.run(["run", "in", "--out", "out", "--runs", "1"], in: root)
    #expect(r.status == 64, "\(r.stderr)")
    #expect(r.stderr.contains("--runs must be an integer from 2 to 10^11, got 1"))
  }
}

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
}

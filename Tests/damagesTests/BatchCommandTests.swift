import Foundation
import Testing
import _DamagesTestSupport

/// `damages batch` and `damages merge`, run as a user runs them.
@Suite("damages batch", .serialized)
struct BatchCommandTests {
  static let template = """
    version: 1
    title: illustrator v. platform
    case:
      act: illegal-use
      claimant: natural-person
      rights: [reproduction]
      claim: 20000
    facts:
      statutory_award: {dist: uniform, min: 1000, max: 5000}
    liability:
      work: 0.5
      infringement: 0.8
    simulation:
      runs: 3000
      seed: 7

    """

  static let claims = """
    id,case.claim,facts.statutory_award.max,liability.infringement
    a1,30000,6000,0.9
    a2,,,
    a3,12000,8000,0.7
    a4,50000,9000,0.6
    a5,15000,,0.95
    a6,40000,7000,
    a7,25000,5500,0.85

    """

  /// A folder with the template and claims; removed by the caller.
  func workspace(template: String = Self.template, claims: String = Self.claims) throws -> URL {
    let root = try DamagesBinary.temporaryFolder()
    try template.write(to: root.appendingPathComponent("t.yaml"), atomically: true, encoding: .utf8)
    try claims.write(to: root.appendingPathComponent("claims.csv"), atomically: true, encoding: .utf8)
    return root
  }

  func json(_ text: String) throws -> [String: Any] {
    try #require(JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
  }

  @Test("three bad rows: each reported with its row and column, the rest computed, exit 65")
  func badRows() throws {
    let bad = """
      id,case.claim,facts.statutory_award.max,liability.infringement
      a1,30000,6000,0.9
      b1,1.2w,6000,0.9
      a2,,,
      b2,20000,6000,yes
      a3,12000,8000,0.7
      b3,20000,900,0.9

      """
    let root = try workspace(claims: bad)
    defer { try? FileManager.default.removeItem(at: root) }
    let r = try DamagesBinary.run(["batch", "claims.csv", "--template", "t.yaml", "--format", "json"], in: root)
    #expect(r.status == 65)
    let lines = r.stderr.split(separator: "\n").map(String.init)
    #expect(lines.contains { $0.hasPrefix("claims.csv:3:B: error: id b1: case.claim: ") }, "\(r.stderr)")
    #expect(lines.contains { $0.hasPrefix("claims.csv:5:D: error: id b2: liability.infringement: ") }, "\(r.stderr)")
    #expect(lines.contains { $0.hasPrefix("claims.csv:7:C: error: id b3: facts.statutory_award") }, "\(r.stderr)")
    #expect(lines.last == "error: 3 rows with errors (listed above and in the output); the other rows were computed")
    // in row order, whichever worker reached a row first
    #expect(lines.filter { $0.contains(": error: id b") }.map { $0.prefix(13) } == ["claims.csv:3:", "claims.csv:5:", "claims.csv:7:"])
    let out = try json(r.stdout)
    let ids = (out["claims"] as? [[String: Any]])?.compactMap { $0["id"] as? String }
    #expect(ids == ["a1", "a2", "a3"])
    let errors = try #require(out["errors"] as? [[String: Any]])
    #expect(Set(errors.compactMap { $0["id"] as? String }) == ["b1", "b2", "b3"])

    // --out: the good rows are written; --strict: nothing is
    let written = try DamagesBinary.run(["batch", "claims.csv", "--template", "t.yaml", "--out", "r.csv"], in: root)
    #expect(written.status == 65)
    let csv = try String(contentsOf: root.appendingPathComponent("r.csv"), encoding: .utf8)
    #expect(csv.contains("claim,a3,award_mean,"))
    #expect(csv.contains("error,b2,message,\"claims.csv:5:D: error: id b2:"))
    let strict = try DamagesBinary.run(["batch", "claims.csv", "--template", "t.yaml", "--strict", "--out", "s.json"], in: root)
    #expect(strict.status == 65)
    #expect(strict.stderr.hasSuffix("error: --strict: 3 of 6 rows are bad; nothing was computed\n"))
    #expect(!FileManager.default.fileExists(atPath: root.appendingPathComponent("s.json").path))
  }

  @Test("claims computed side by side: the same bytes on 1, 2, 3 or 8 threads, and for one claim alone on 4")
  func threadCounts() throws {
    // 70,000 runs: two engine blocks a claim, so that the claims' blocks are added into the
    // per-run totals from several threads at once
    let root = try workspace(template: Self.template.replacingOccurrences(of: "runs: 3000", with: "runs: 70000"))
    defer { try? FileManager.default.removeItem(at: root) }
    for (format, counts) in [("json", [1, 2, 3, 8]), ("table", [1, 3])] {
      let outputs = try counts.map { threads in
        let r = try DamagesBinary.run(["batch", "claims.csv", "--template", "t.yaml", "--threads", "\(threads)",
                                       "--threshold", "100000", "--format", format]
                                      + (format == "json" ? ["--best-claim"] : []), in: root)
        #expect(r.status == 0, "\(r.stderr)")
        return r.stdout
      }
      #expect(Set(outputs).count == 1, "\(format): the output depends on the thread count")
    }
    try "id,case.claim\nsolo,30000\n".write(to: root.appendingPathComponent("one.csv"), atomically: true, encoding: .utf8)
    let alone = try [1, 4].map { threads in
      try DamagesBinary.run(["batch", "one.csv", "--template", "t.yaml", "--threads", "\(threads)", "--format", "json"], in: root).stdout
    }
    #expect(alone[0] == alone[1])
    #expect(alone[0].contains("\"id\": \"solo\""))
  }

  @Test("the per-claim table written a row at a time keeps its columns aligned")
  func tableAligned() throws {
    let claims = "id,case.claim\nshort,1000\na-much-longer-claim-id,123456789\nx,50000\n"
    let root = try workspace(claims: claims)
    defer { try? FileManager.default.removeItem(at: root) }
    let r = try DamagesBinary.run(["batch", "claims.csv", "--template", "t.yaml", "--lang", "en", "--best-claim"], in: root)
    #expect(r.status == 0, "\(r.stderr)")
    // the claims table: from its header line to the first blank line after it
    let lines = r.stdout.components(separatedBy: "\n")
    let start = try #require(lines.firstIndex { $0.hasPrefix("id ") })
    let table = lines[start...].prefix { !$0.isEmpty }
    #expect(table.count == 5)  // header, rule, three claims
    #expect(Set(table.map(\.unicodeScalars.count)).count == 1, "\(table.joined(separator: "\n"))")
    #expect(table.last!.hasPrefix("x    "))
    // the numbers right-aligned: every row ends at the same column with a digit or %
    #expect(table.dropFirst(2).allSatisfy { $0.last!.isNumber })
  }

  @Test("a header that is not usable is refused before anything is computed")
  func badHeader() throws {
    let root = try workspace(claims: "name,,facts..x,simulation.runs\nx,1,2,3\n")
    defer { try? FileManager.default.removeItem(at: root) }
    let r = try DamagesBinary.run(["batch", "claims.csv", "--template", "t.yaml"], in: root)
    #expect(r.status == 65)
    #expect(r.stderr == """
      claims.csv:1: error: no `id` column: row 1 must have a column named id (each claim's name in the output)
      claims.csv:1:B: error: column "": no name; row 1 names every column
      claims.csv:1:C: error: column "facts..x": not a scenario path; write a dotted path such as case.claim, facts.actual_loss.median or defendants[0].name
      claims.csv:1:D: error: column "simulation.runs": simulation is the same for every claim of a batch: set it in the template (or with --runs and --seed)

      """)
  }

  @Test("a claim's row is the same alone and inside a batch (its numbers come from the seed and its id)")
  func aloneEqualsInsideBatch() throws {
    let root = try workspace()
    defer { try? FileManager.default.removeItem(at: root) }
    let all = try DamagesBinary.run(["batch", "claims.csv", "--template", "t.yaml", "--format", "json"], in: root)
    #expect(all.status == 0, "\(all.stderr)")
    try "id,case.claim,facts.statutory_award.max,liability.infringement\na4,50000,9000,0.6\n"
      .write(to: root.appendingPathComponent("one.csv"), atomically: true, encoding: .utf8)
    let one = try DamagesBinary.run(["batch", "one.csv", "--template", "t.yaml", "--format", "json"], in: root)
    #expect(one.status == 0, "\(one.stderr)")
    let inBatch = try #require((try json(all.stdout)["claims"] as? [[String: Any]])?.first { $0["id"] as? String == "a4" })
    let alone = try #require((try json(one.stdout)["claims"] as? [[String: Any]])?.first)
    #expect(NSDictionary(dictionary: inBatch) == NSDictionary(dictionary: alone))
    // and a different claim does not have the same numbers
    let a1 = try #require((try json(all.stdout)["claims"] as? [[String: Any]])?.first { $0["id"] as? String == "a1" })
    #expect(a1["award_mean"] as? Double != alone["award_mean"] as? Double)
  }

  @Test("a shared liability.work: the total's spread is the closed form of the mixture")
  func sharedFindingMixture() throws {
    let k = 6
    let p = 0.5, q = 0.8, lo = 1000.0, hi = 5000.0
    let template = Self.template
      .replacingOccurrences(of: "  claim: 20000\n", with: "")
      .replacingOccurrences(of: "runs: 3000", with: "runs: 40000")
      + "portfolio:\n  shared: [liability.work]\n"
    let claims = "id\n" + (1...k).map { "c\($0)" }.joined(separator: "\n") + "\n"
    let root = try workspace(template: template, claims: claims)
    defer { try? FileManager.default.removeItem(at: root) }
    let r = try DamagesBinary.run(
      ["batch", "claims.csv", "--template", "t.yaml", "--format", "json", "--threshold", "0"], in: root)
    #expect(r.status == 0, "\(r.stderr)")
    let award = try #require((try json(r.stdout)["portfolio"] as? [String: Any])?["award"] as? [String: Any])
    // T = W·S, W ~ Bernoulli(p) shared, S = Σ I_i X_i with I_i ~ Bernoulli(q), X_i ~ U(lo, hi)
    let mx = (lo + hi) / 2, ex2 = (hi - lo) * (hi - lo) / 12 + mx * mx
    let es = Double(k) * q * mx
    let vs = Double(k) * (q * ex2 - q * q * mx * mx)
    let mean = p * es
    let sd = (p * (vs + es * es) - mean * mean).squareRoot()
    let independentSD = (Double(k) * (p * q * ex2 - p * p * q * q * mx * mx)).squareRoot()
    let gotMean = try #require(award["mean"] as? Double), gotSD = try #require(award["sd"] as? Double)
    #expect(abs(gotMean - mean) / mean < 0.02, "mean \(gotMean) vs \(mean)")
    #expect(abs(gotSD - sd) / sd < 0.02, "sd \(gotSD) vs \(sd) (independent claims: \(independentSD))")
    // P(T > 0) = p (1 − (1 − q)^k)
    let above = try #require((award["p_above"] as? [[String: Any]])?.first?["p"] as? Double)
    let pPositive = p * (1 - pow(1 - q, Double(k)))
    #expect(abs(above - pPositive) < 0.01, "P(T > 0) \(above) vs \(pPositive)")
  }

  @Test("--shard K/N then merge: byte for byte the unsharded batch, for N = 1, 2, 3, 4, 7")
  func shardsMerge() throws {
    let claims = Self.claims.replacingOccurrences(of: "a7,25000,5500,0.85\n", with: "a7,25000,5500,0.85\nbad,1.2w,,\na8,33000,7000,0.75\n")
    let root = try workspace(template: Self.template + "portfolio:\n  shared: [liability.work]\n", claims: claims)
    defer { try? FileManager.default.removeItem(at: root) }
    for format in ["json", "table", "csv"] {
      let whole = try DamagesBinary.run(
        ["batch", "claims.csv", "--template", "t.yaml", "--format", format, "--threshold", "50000", "--best-claim"], in: root)
      #expect(whole.status == 65, "\(whole.stderr)")
      for n in [1, 2, 3, 4, 7] where format == "json" || n == 3 {
        var parts: [String] = []
        for k in 0..<n {
          let part = "part-\(n)-\(k).json"
          let r = try DamagesBinary.run(
            ["batch", "claims.csv", "--template", "t.yaml", "--shard", "\(k)/\(n)", "--out", part,
             "--threshold", "50000", "--best-claim"], in: root)
          #expect(r.status == 0 || r.status == 65, "\(r.stderr)")
          parts.append(part)
        }
        let merged = try DamagesBinary.run(["merge"] + parts.reversed() + ["--format", format], in: root)
        #expect(merged.status == 65)
        #expect(merged.stdout == whole.stdout, "N = \(n), \(format)")
      }
    }
  }

  @Test("merge refuses incomplete, duplicated and mixed parts")
  func mergeRefuses() throws {
    let root = try workspace()
    defer { try? FileManager.default.removeItem(at: root) }
    func shard(_ k: Int, _ n: Int, _ out: String, seed: String? = nil) throws {
      let r = try DamagesBinary.run(
        ["batch", "claims.csv", "--template", "t.yaml", "--shard", "\(k)/\(n)", "--out", out]
          + (seed.map { ["--seed", $0] } ?? []), in: root)
      #expect(r.status == 0, "\(r.stderr)")
    }
    try shard(0, 3, "p0.json")
    try shard(1, 3, "p1.json")
    try shard(2, 3, "p2.json", seed: "8")
    let incomplete = try DamagesBinary.run(["merge", "p0.json", "p1.json"], in: root)
    #expect(incomplete.status == 65)
    #expect(incomplete.stderr == "error: incomplete batch: missing shard 2/3 of claims.csv\n")
    let twice = try DamagesBinary.run(["merge", "p0.json", "p1.json", "p1.json"], in: root)
    #expect(twice.stderr == "p1.json: error: shard 1/3 is given twice (also p1.json)\n")
    let mixed = try DamagesBinary.run(["merge", "p0.json", "p1.json", "p2.json"], in: root)
    #expect(mixed.status == 65)
    #expect(mixed.stderr == "p2.json: error: not a part of the same batch as p0.json: different seed (7 vs 8)\n")
    // the same claims file name, other contents: its digest tells them apart
    try Self.claims.replacingOccurrences(of: "a3,12000", with: "a3,12001").write(to: root.appendingPathComponent("claims.csv"), atomically: true, encoding: .utf8)
    try shard(2, 3, "p2b.json")
    let otherClaims = try DamagesBinary.run(["merge", "p0.json", "p1.json", "p2b.json"], in: root)
    #expect(otherClaims.status == 65)
    #expect(otherClaims.stderr.hasPrefix("p2b.json: error: not a part of the same batch as p0.json: different claims file (claims.csv "), "\(otherClaims.stderr)")
    try "{}".write(to: root.appendingPathComponent("x.json"), atomically: true, encoding: .utf8)
    let foreign = try DamagesBinary.run(["merge", "x.json"], in: root)
    #expect(foreign.stderr == "x.json: error: not a partial result of `damages batch --shard` (write one with --shard K/N --out PART)\n")
  }

  @Test("merge refuses a part whose claims are out of row order or of another shard, or that is cut short")
  func mergeRefusesMisplacedClaims() throws {
    let root = try workspace()
    defer { try? FileManager.default.removeItem(at: root) }
    for k in 0..<2 {
      let r = try DamagesBinary.run(
        ["batch", "claims.csv", "--template", "t.yaml", "--shard", "\(k)/2", "--out", "p\(k).json"], in: root)
      #expect(r.status == 0, "\(r.stderr)")
    }
    let good = try DamagesBinary.run(["merge", "p0.json", "p1.json", "--format", "json"], in: root)
    #expect(good.status == 0, "\(good.stderr)")
    // the parts are merged by taking row i from part i mod N: a part's claims must be its own
    // rows, in order (shard 0 of 2 holds rows 0, 2, 4, 6)
    let part = try String(contentsOf: root.appendingPathComponent("p0.json"), encoding: .utf8)
    for (name, edited) in [("swapped", part.replacingOccurrences(of: "\"index\":2,", with: "\"index\":9,")
                                          .replacingOccurrences(of: "\"index\":4,", with: "\"index\":2,")
                                          .replacingOccurrences(of: "\"index\":9,", with: "\"index\":4,")),
                           ("foreign", part.replacingOccurrences(of: "\"index\":2,", with: "\"index\":3,"))] {
      #expect(edited != part)
      try edited.write(to: root.appendingPathComponent("\(name).json"), atomically: true, encoding: .utf8)
      let r = try DamagesBinary.run(["merge", "\(name).json", "p1.json"], in: root)
      #expect(r.status == 65)
      #expect(r.stderr == "\(name).json: error: a damaged partial result file (a claim's figures)\n")
    }
    // cut short (a part is read a claim at a time: its end is checked too)
    try String(part.prefix(part.count / 2)).write(to: root.appendingPathComponent("cut.json"), atomically: true, encoding: .utf8)
    let cut = try DamagesBinary.run(["merge", "p1.json", "cut.json"], in: root)
    #expect(cut.status == 65)
    #expect(cut.stderr == "cut.json: error: a damaged partial result file (a field is missing or malformed)\n")
  }

  @Test("the claims' results need a temporary folder: a missing one is reported before computing")
  func temporaryFolder() throws {
    let root = try workspace()
    defer { try? FileManager.default.removeItem(at: root) }
    let missing = root.appendingPathComponent("no-such-folder").path
    let r = try DamagesBinary.run(["batch", "claims.csv", "--template", "t.yaml", "--out", "r.json"], in: root,
                                  environment: ["TMPDIR": missing])
    #expect(r.status == 73)
    #expect(r.stderr == "error: cannot create a temporary file in \(missing) for the claims' results (set TMPDIR to a writable folder)\n")
    #expect(!FileManager.default.fileExists(atPath: root.appendingPathComponent("r.json").path))
  }

  @Test("a claims file changed while the batch computes: exit 75, nothing written")
  func claimsFileChanged() throws {
    let root = try workspace()
    defer { try? FileManager.default.removeItem(at: root) }
    // the CSV file is read again as the claims are computed; it is changed once the batch has
    // it open (seen in /proc), long before 7 claims of 400,000 runs on one thread are done
    let script = """
      "$DAMAGES" batch claims.csv --template t.yaml --runs 400000 --threads 1 --out r.json 2>err.txt &
      pid=$!
      for i in $(seq 1200); do
        ls -l /proc/$pid/fd 2>/dev/null | grep -q 'claims.csv' && break
        sleep 0.05
      done
      printf 'a9,1000,,\\n' >> claims.csv
      wait $pid
      echo "status $?"
      cat err.txt
      """
    let r = try DamagesBinary.runShell(script, binary: DamagesBinary.productsFolder.appendingPathComponent("damages"), in: root)
    #expect(r.stdout == """
      status 75
      claims.csv: error: the claims file changed while the batch was computed; nothing was written (run it again)

      """)
    #expect(!FileManager.default.fileExists(atPath: root.appendingPathComponent("r.json").path))
  }

  @Test("--shard auto/N takes the index from SLURM_ARRAY_TASK_ID or JOB_COMPLETION_INDEX")
  func shardAuto() throws {
    let root = try workspace()
    defer { try? FileManager.default.removeItem(at: root) }
    let args = ["batch", "claims.csv", "--template", "t.yaml", "--shard", "auto/2", "--out"]
    let slurm = try DamagesBinary.run(args + ["s.json"], in: root, environment: ["SLURM_ARRAY_TASK_ID": "1"])
    #expect(slurm.status == 0, "\(slurm.stderr)")
    let explicit = try DamagesBinary.run(["batch", "claims.csv", "--template", "t.yaml", "--shard", "1/2", "--out", "e.json"], in: root)
    #expect(explicit.status == 0)
    #expect(try Data(contentsOf: root.appendingPathComponent("s.json")) == Data(contentsOf: root.appendingPathComponent("e.json")))
    let k8s = try DamagesBinary.run(args + ["k.json"], in: root, environment: ["JOB_COMPLETION_INDEX": "5"])
    #expect(k8s.status == 64)
    #expect(k8s.stderr.contains("--shard auto/2: JOB_COMPLETION_INDEX is 5, not an index from 0 to 1"), "\(k8s.stderr)")
  }

  @Test("an .xlsx workbook written by openpyxl reads as the same CSV; --sheet picks a sheet")
  func workbook() throws {
    let root = try workspace()
    defer { try? FileManager.default.removeItem(at: root) }
    let script = """
      import csv, openpyxl
      wb = openpyxl.Workbook()
      first = wb.active
      first.title = "说明"
      first.append(["id", "case.claim"])
      first.append(["z1", 12345])
      ws = wb.create_sheet("claims")
      for i, row in enumerate(csv.reader(open("claims.csv", encoding="utf-8"))):
          out = []
          for j, v in enumerate(row):
              if i > 0 and j in (1, 2) and v.isdigit(): v = int(v)
              elif i > 0 and j == 3 and v.replace(".", "", 1).isdigit(): v = float(v)
              out.append(v if v != "" else None)
          ws.append(out)
      wb.save("claims.xlsx")
      """
    try script.write(to: root.appendingPathComponent("make.py"), atomically: true, encoding: .utf8)
    let python = Process()
    python.executableURL = URL(fileURLWithPath: "/usr/bin/env")
    python.arguments = ["python3", "make.py"]
    python.currentDirectoryURL = root
    try python.run()
    python.waitUntilExit()
    try #require(python.terminationStatus == 0, "openpyxl is needed (scripts/install-deps.sh installs it)")
    let csv = try DamagesBinary.run(["batch", "claims.csv", "--template", "t.yaml", "--format", "json"], in: root)
    let xlsx = try DamagesBinary.run(
      ["batch", "claims.xlsx", "--sheet", "claims", "--template", "t.yaml", "--format", "json"], in: root)
    #expect(xlsx.status == 0, "\(xlsx.stderr)")
    let a = try json(csv.stdout)["claims"] as? [[String: Any]]
    let b = try json(xlsx.stdout)["claims"] as? [[String: Any]]
    #expect(a.map { $0.map { NSDictionary(dictionary: $0) } } == b.map { $0.map { NSDictionary(dictionary: $0) } })
    let first = try DamagesBinary.run(["batch", "claims.xlsx", "--template", "t.yaml", "--format", "json"], in: root)
    #expect(first.status == 0, "\(first.stderr)")
    #expect((try json(first.stdout)["claims"] as? [[String: Any]])?.map { $0["id"] as? String } == ["z1"])
    let missing = try DamagesBinary.run(["batch", "claims.xlsx", "--sheet", "nope", "--template", "t.yaml"], in: root)
    #expect(missing.status == 64)
    #expect(missing.stderr == "claims.xlsx: error: --sheet: no sheet named \"nope\"; the workbook has: 说明, claims\n")
  }
}

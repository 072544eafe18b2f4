import DamagesAnalyses
import DamagesLaw
import DamagesReports
import DamagesScenario
@testable import DamagesSimulation
import Foundation
import Testing
import _DamagesTestSupport

/// The differential test of docs/simulation.md, Two engines: the compiled engine and the
/// reference (the rules applied one by one) must give byte-identical JSON, the JSON of
/// `damages simulate --format json`, and so must computing every fact in every run against
/// computing only what the rules need.
///
/// A failure prints the scenario's YAML, its seed (replay one case alone with
/// `DAMAGES_PROPERTY_SEED`) and the first line where the two JSON texts differ.
///
/// The tests run one at a time and yield between scenarios: they keep a core busy for about a
/// minute, and the suites that serve HTTP on a live socket need the shared pool of threads.
@Suite("Differential: compiled engine against the reference, lazy draws against every fact",
       .serialized)
struct DifferentialTests {
  /// How many generated scenarios (at least 1,000, as docs/simulation.md promises).
  static let generatedCount = 1_000
  static let baseSeed: UInt64 = 0xD1FF_E2E7_1A1_0018

  /// What `damages simulate --format json` writes for the simulation, or the error it stops on.
  static func json(_ scenario: Scenario, _ options: SimulationOptions) -> (text: String, result: SimulationResult?) {
    do {
      let r = try Simulation.run(scenario, options: options)
      let text = SimulationReport.render(
        r, terms: scenario.terms, format: .json, lang: .both, round: false, shape: .long)
      return (text, r)
    } catch {
      return ("error: \(error)", nil)
    }
  }

  /// Every run's award, fee share and net recovery as the ``SimulationOptions/runValues``
  /// hook hands them out (what a portfolio adds up, docs/batch.md), in run order.
  final class RunValueLog: @unchecked Sendable {
    private let lock = NSLock()
    private var blocks: [Int: [Double]] = [:]

    var hook: @Sendable (RunValues) -> Void {
      { v in
        let values = Array(v.award) + Array(v.feeShare) + Array(v.netRecovery)
        self.lock.lock()
        self.blocks[v.firstRun] = values
        self.lock.unlock()
      }
    }

    var values: [Double] {
      lock.lock()
      defer { lock.unlock() }
      return blocks.keys.sorted().flatMap { blocks[$0]! }
    }
  }

  /// The kept liable awards (``SimulationOptions/keepAwards``, for the claim search and the
  /// charts) and the per-run values of the `runValues` hook, under `options`.
  static func perRun(_ scenario: Scenario, _ options: SimulationOptions) -> [Double]? {
    var o = options
    o.keepAwards = true
    let log = RunValueLog()
    o.runValues = log.hook
    guard let r = try? Simulation.run(scenario, options: o) else { return nil }
    return (r.liableAwards ?? []) + [.infinity] + log.values
  }

  /// The first line where two texts differ, both versions, with its number and the three
  /// lines before it (which name the route and statistic).
  static func firstDifference(_ a: String, _ b: String) -> String {
    let x = a.split(separator: "\n", omittingEmptySubsequences: false)
    let y = b.split(separator: "\n", omittingEmptySubsequences: false)
    for i in 0..<Swift.max(x.count, y.count) {
      let l = i < x.count ? String(x[i]) : "<end>"
      let r = i < y.count ? String(y[i]) : "<end>"
      if l != r {
        let context = x[Swift.max(0, i - 3)..<Swift.min(i, x.count)].map { "    \($0)" }
        return "line \(i + 1):\n" + context.joined(separator: "\n") + "\n  - \(l)\n  + \(r)"
      }
    }
    return "(no difference)"
  }

  /// Records an issue when `a` and `b` differ, with what reproduces the case.
  static func expectSame(
    _ a: String, _ b: String, _ what: String, seed: UInt64?, yaml: String,
    sourceLocation: SourceLocation = #_sourceLocation
  ) -> Bool {
    if a == b { return true }
    let replay = seed.map { PropertySeed.describe($0) } ?? "bundled scenario"
    Issue.record(
      """
      \(what): the JSON differs, \(replay)
      first difference, \(firstDifference(a, b))
      scenario:
      \(yaml)
      """, sourceLocation: sourceLocation)
    return false
  }

  /// The options for a generated scenario: its own `simulation` block, one thread, and the
  /// bounded-memory mode and a portfolio's shared findings where the generator asks for them.
  static func options(for scenario: Scenario, _ g: ScenarioTextGenerator.Generated) -> SimulationOptions {
    var o = SimulationOptions(for: scenario)
    o.threads = 1
    if !g.exactPercentiles {
      o.exactPercentiles = false
      o.collectLimit = g.collectLimit
    }
    if !g.sharedFindings.isEmpty {
      o.sharedFindings = SharedFindings(
        seed: g.sharedSeed,
        findings: g.sharedFindings.map { SharedFindings.Finding(gate: $0.gate, key: $0.key) })
    }
    return o
  }

  /// What the runs of the generated set reached (besides what the texts contain): every
  /// basis, punitive damages, mental distress, a binding cap, a defendant exposed to part of
  /// the award…
  struct Reached {
    var counts: [String: Int] = [:]
    mutating func add(_ name: String, _ yes: Bool) { if yes { counts[name, default: 0] += 1 } }

    mutating func add(_ r: SimulationResult) {
      for route in [r.tort, r.contract].compactMap({ $0 }) {
        add("outcome:route:\(route.route.rawValue)", true)
        for (basis, share) in route.basis where share > 0 {
          add("outcome:basis:\(basis.rawValue)", basis != .none || route.pLiable < 1)
        }
        add("outcome:punitive", route.pPunitive > 0)
        add("outcome:mental-distress", route.mentalDistress.max > 0)
        add("outcome:expenses", route.expenses.max > 0)
        add("outcome:cap-binds", route.pCapped > 0)
        add("outcome:fee", route.fee != nil)
        add("outcome:liable-sometimes", route.pLiable > 0 && route.pLiable < 1)
        add("outcome:partial-exposure",
            route.defendants.contains { $0.exposure.max > 0 && $0.exposure.max < route.award.max })
      }
      add("outcome:compare", r.tort != nil && r.contract != nil)
      add("outcome:bounded-second-pass", r.passes == 2)
      add("outcome:interpolated-percentiles", r.interpolatedPercentiles > 0)
      add("outcome:replicates", r.replicates > 1)
    }

    static let required = [
      "outcome:route:tort", "outcome:route:contract", "outcome:compare",
      "outcome:basis:actual_loss", "outcome:basis:illegal_gains", "outcome:basis:license_fee",
      "outcome:basis:statutory", "outcome:basis:liquidated_damages", "outcome:basis:none",
      "outcome:punitive", "outcome:mental-distress", "outcome:expenses", "outcome:cap-binds",
      "outcome:fee", "outcome:liable-sometimes",
      "outcome:partial-exposure", "outcome:bounded-second-pass",
      "outcome:interpolated-percentiles", "outcome:per-run-values",
    ]
  }

  @Test("Generated scenarios: reference, compiled and compiled drawing every fact give the same JSON")
  func generatedScenarios() async throws {
    var featureCounts: [String: Int] = [:]
    var reached = Reached()
    var compared = 0
    var failures = 0
    let seeds = PropertySeed.cases(Self.generatedCount, base: Self.baseSeed)
    for seed in seeds {
      await Task.yield()
      let g = ScenarioTextGenerator.make(seed: seed)
      let scenario: Scenario
      do {
        scenario = try ScenarioReader.parse(g.yaml, file: "generated.yaml")
      } catch {
        Issue.record(
          "the generator wrote a scenario the reader refuses (fix the generator), \(PropertySeed.describe(seed)):\n\(error)\n\(g.yaml)")
        failures += 1
        continue
      }
      for f in g.features { featureCounts[f, default: 0] += 1 }
      let base = Self.options(for: scenario, g)
      var reference = base
      reference.engine = .reference
      var compiled = base
      compiled.engine = .compiled
      // (one block of runs: the threads share work only in generatedScenariosOnTwoThreads)
      compiled.threads = 2
      var everyFact = compiled
      everyFact.drawsEveryFact = true
      let r = Self.json(scenario, reference)
      let c = Self.json(scenario, compiled)
      let e = Self.json(scenario, everyFact)
      if let result = r.result { reached.add(result) } else { reached.add("outcome:error", true) }
      var same = Self.expectSame(r.text, c.text, "reference vs compiled", seed: seed, yaml: g.yaml)
      same = Self.expectSame(c.text, e.text, "compiled vs compiled drawing every fact", seed: seed, yaml: g.yaml) && same
      if compared % 4 == 1 && g.exactPercentiles {
        // what is kept per run besides the JSON: the liable awards and the runValues hook
        let a = Self.perRun(scenario, reference), b = Self.perRun(scenario, compiled)
        if a.map({ $0.map(\.bitPattern) }) != b.map({ $0.map(\.bitPattern) }) {
          let x = a ?? [], y = b ?? []
          let i = zip(x, y).enumerated().first { $0.element.0.bitPattern != $0.element.1.bitPattern }?.offset ?? Swift.min(x.count, y.count)
          Issue.record(
            """
            reference vs compiled: the kept liable awards, then (after inf) the per-run award, \
            fee share and net recovery of each block differ, \(PropertySeed.describe(seed))
            first difference at value \(i) of \(x.count) and \(y.count): \
            \(i < x.count ? "\(x[i])" : "<end>") vs \(i < y.count ? "\(y[i])" : "<end>")
            \(g.yaml)
            """)
          same = false
        }
        reached.add("outcome:per-run-values", (a?.count ?? 0) > 1)
      }
      if compared % 4 == 0 {
        // the reference's own lazy draws against every fact, on a quarter of the set
        var referenceEveryFact = reference
        referenceEveryFact.drawsEveryFact = true
        same = Self.expectSame(
          r.text, Self.json(scenario, referenceEveryFact).text,
          "reference vs reference drawing every fact", seed: seed, yaml: g.yaml) && same
      }
      if !same { failures += 1 }
      compared += 1
      if failures >= 5 {
        Issue.record("stopping after 5 failing scenarios")
        break
      }
    }
    // coverage means something only over the whole set
    if PropertySeed.replayed != nil || failures >= 5 { return }
    #expect(compared == Self.generatedCount)
    // every feature of the format occurs somewhere in the set, and every rule was reached
    for f in ScenarioTextGenerator.allFeatures {
      #expect(featureCounts[f, default: 0] > 0, "no generated scenario has \(f)")
    }
    for f in Reached.required {
      #expect(reached.counts[f, default: 0] > 0, "no generated scenario's runs reached \(f)")
    }
    let counts = (featureCounts.merging(reached.counts) { $0 + $1 }).sorted { $0.key < $1.key }
      .map { "\($0.key)=\($0.value)" }
    print("Differential test: \(compared) generated scenarios; features and outcomes: "
      + counts.joined(separator: ", "))
  }

  @Test("Generated scenarios over two blocks: 2 threads compiled, 1 thread reference, the same JSON")
  func generatedScenariosOnTwoThreads() async throws {
    // a block is 65,536 runs: two threads share work only beyond one block
    let runs = Simulation.blockSize + 1_537
    var checked = 0
    for seed in PropertySeed.cases(4, base: Self.baseSeed ^ 0x2) {
      await Task.yield()
      let g = ScenarioTextGenerator.make(seed: seed)
      let scenario = try ScenarioReader.parse(g.yaml, file: "generated.yaml")
      var reference = Self.options(for: scenario, g)
      reference.runs = runs
      reference.engine = .reference
      let (compiled, everyFact) = Self.compiledVariants(of: reference)
      var referenceEveryFact = reference
      referenceEveryFact.drawsEveryFact = true
      referenceEveryFact.threads = 2
      let r = Self.json(scenario, reference).text
      let c = Self.json(scenario, compiled).text
      let e = Self.json(scenario, everyFact).text
      let re = Self.json(scenario, referenceEveryFact).text
      _ = Self.expectSame(r, c, "reference (1 thread) vs compiled (2 threads), \(runs) runs", seed: seed, yaml: g.yaml)
      _ = Self.expectSame(c, e, "compiled vs compiled drawing every fact (2 threads), \(runs) runs", seed: seed, yaml: g.yaml)
      _ = Self.expectSame(r, re, "reference vs reference drawing every fact (2 threads), \(runs) runs", seed: seed, yaml: g.yaml)
      checked += 1
    }
    #expect(checked > 0)
  }

  /// The compiled engine on 2 threads for the same runs as `reference`, lazy and drawing
  /// every fact.
  static func compiledVariants(of reference: SimulationOptions)
    -> (compiled: SimulationOptions, everyFact: SimulationOptions)
  {
    var compiled = reference
    compiled.engine = .compiled
    compiled.threads = 2
    var everyFact = compiled
    everyFact.drawsEveryFact = true
    return (compiled, everyFact)
  }

  /// The bundled scenarios (`scenarios/*.yaml`).
  static var bundled: [URL] {
    let folder = DamagesBinary.packageRoot.appendingPathComponent("scenarios")
    let names = (try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []
    return names.filter { $0.hasSuffix(".yaml") }.sorted().map { folder.appendingPathComponent($0) }
  }

  @Test("Every bundled scenario (runs capped at 20,000): both engines, 1 and 2 threads, lazy and every fact, the same JSON")
  func bundledScenarios() async throws {
    let files = Self.bundled
    #expect(files.count >= 10)
    for file in files {
      await Task.yield()
      let scenario = try ScenarioReader.read(contentsOf: file.path)
      var reference = SimulationOptions(for: scenario)
      reference.runs = Swift.min(reference.runs, 20_000)
      reference.threads = 1
      reference.engine = .reference
      let (compiled, everyFact) = Self.compiledVariants(of: reference)
      var referenceEveryFact = reference
      referenceEveryFact.drawsEveryFact = true
      let yaml = (try? String(contentsOf: file, encoding: .utf8)) ?? file.path
      let r = Self.json(scenario, reference).text
      #expect(!r.hasPrefix("error"), "\(file.lastPathComponent): \(r)")
      _ = Self.expectSame(r, Self.json(scenario, compiled).text,
                          "\(file.lastPathComponent): reference vs compiled", seed: nil, yaml: yaml)
      _ = Self.expectSame(r, Self.json(scenario, everyFact).text,
                          "\(file.lastPathComponent): reference vs compiled drawing every fact",
                          seed: nil, yaml: yaml)
      _ = Self.expectSame(r, Self.json(scenario, referenceEveryFact).text,
                          "\(file.lastPathComponent): reference vs reference drawing every fact",
                          seed: nil, yaml: yaml)
    }
  }

  @Test("Sweeps of generated scenarios (a --vary grid): both engines give the same sweep JSON")
  func sweeps() async throws {
    var swept = 0
    for seed in PropertySeed.cases(400, base: Self.baseSeed ^ 0x5) {
      if swept == 8 { break }
      await Task.yield()
      let g = ScenarioTextGenerator.make(seed: seed)
      guard g.route != "compare", !g.sweepable.isEmpty else { continue }
      var scenario = try ScenarioReader.parse(g.yaml, file: "generated.yaml")
      // one or two axes, as `--vary path=from:to:steps[:log]` gives them
      scenario.sweep = g.sweepable.prefix(swept % 2 == 0 ? 1 : 2).map {
        SweepAxis(path: $0.path, values: ScenarioReader.rangeValues(
          from: $0.from, to: $0.to, steps: $0.steps, log: $0.log))
      }
      var texts: [String] = []
      for (engine, threads) in [(SimulationEngine.reference, 1), (.compiled, 2)] {
        var options = AnalysisOptions(runs: 1_500, threads: threads)
        options.engine = engine
        do {
          let outcome = try Analyses.sweep(scenario, file: "generated.yaml", options: options)
          texts.append(outcome.report(format: .json, lang: .both))
        } catch {
          texts.append("error: \(error)")
        }
      }
      #expect(!texts[0].hasPrefix("error"), "\(PropertySeed.describe(seed)): \(texts[0])\n\(g.yaml)")
      _ = Self.expectSame(
        texts[0], texts[1],
        "sweep of \(scenario.sweep.map(\.path)): reference vs compiled", seed: seed, yaml: g.yaml)
      swept += 1
    }
    #expect(swept == 8)
  }
}

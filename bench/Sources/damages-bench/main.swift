// Runs per second of `scenarios/benchmark.yaml` at 10^7 runs on 1 and 2 threads, peak memory,
// and the same model as a hand-written C + GSL loop and in numpy, side by side in one run. Each configuration runs in a fresh
// child process so that its peak memory is its own.
import CReference
import DamagesScenario
import DamagesSimulation
import Foundation

let arguments = CommandLine.arguments
func value(_ flag: String) -> String? {
  guard let i = arguments.firstIndex(of: flag), i + 1 < arguments.count else { return nil }
  return arguments[i + 1]
}
let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
  .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
let scenarioPath = root.appendingPathComponent("scenarios/benchmark.yaml").path
let runs = Int(value("--runs") ?? "") ?? 10_000_000
let repeats = Int(value("--repeat") ?? "") ?? 3

func peakRSSMiB() -> Double {
  var usage = rusage()
  #if os(Linux)
    getrusage(RUSAGE_SELF.rawValue, &usage)
    return Double(usage.ru_maxrss) / 1024  // kilobytes on Linux
  #else
    getrusage(RUSAGE_SELF, &usage)
    return Double(usage.ru_maxrss) / 1024 / 1024  // bytes on macOS
  #endif
}

// Worker mode for the C + GSL loop: one measured simulation, its figures as one JSON line.
if let threads = value("--worker-c-threads").flatMap(Int32.init) {
  var r = c_reference_result()
  let start = Date()
  guard c_reference_simulate(Int64(runs), 1, threads, &r) == 0 else { exit(1) }
  let seconds = Date().timeIntervalSince(start)
  print("{\"seconds\": \(seconds), \"runs_per_second\": \(Double(runs) / seconds), \"mean\": \(r.mean), \"se_mean\": \(r.sd / Double(runs).squareRoot()), \"p50\": \(r.p50), \"p95\": \(r.p95), \"peak_rss_mib\": \(peakRSSMiB())}")
  exit(0)
}

// Worker mode: one measured simulation, its figures as one JSON line.
if let threads = value("--worker-threads").flatMap(Int.init) {
  let scenario = try ScenarioReader.read(contentsOf: scenarioPath)
  let start = Date()
  var options = SimulationOptions(runs: runs, seed: 1, threads: threads)
  options.engine = value("--engine").flatMap(SimulationEngine.init(rawValue:)) ?? .compiled
  let result = try Simulation.run(scenario, options: options)
  let seconds = Date().timeIntervalSince(start)
  let a = result.primary.award
  print("{\"seconds\": \(seconds), \"runs_per_second\": \(Double(runs) / seconds), \"mean\": \(a.mean), \"se_mean\": \(a.seMean), \"p50\": \(a.p50), \"p95\": \(a.p95), \"peak_rss_mib\": \(peakRSSMiB())}")
  exit(0)
}

let me = CommandLine.arguments[0].hasPrefix("/")
  ? CommandLine.arguments[0]
  : FileManager.default.currentDirectoryPath + "/" + CommandLine.arguments[0]

/// A process's resident memory (VmRSS), in MiB.
func residentMiB(_ pid: Int32) -> Double? {
  guard let status = try? String(contentsOfFile: "/proc/\(pid)/status", encoding: .utf8),
    let line = status.split(separator: "\n").first(where: { $0.hasPrefix("VmRSS:") }),
    let kB = Double(line.split(separator: " ").dropFirst().first ?? "")
  else { return nil }
  return kB / 1024
}

// Memory mode: `--memory RUNS [--sample-seconds S]`: one simulation of RUNS runs on 2 threads
// in the bounded-memory mode (worker mode, in a child process), its resident memory sampled
// every second. With --sample-seconds the child is stopped after S seconds: 10^11 runs take
// hours, and what matters is that memory does not grow while they run. Exits 1 if the
// resident memory ever passed 200 MiB.
if let memoryRuns = value("--memory").flatMap(Int.init) {
  let limit = value("--sample-seconds").flatMap(Double.init)
  let child = Process()
  child.executableURL = URL(fileURLWithPath: me)
  child.arguments = ["--worker-threads", "2", "--runs", String(memoryRuns)]
  let pipe = Pipe()
  child.standardOutput = pipe
  try child.run()
  let start = Date()
  var samples: [(seconds: Double, mib: Double)] = []
  while child.isRunning {
    let t = Date().timeIntervalSince(start)
    if let rss = residentMiB(child.processIdentifier) { samples.append((t, rss)) }
    if let limit, t >= limit {
      child.terminate()
      break
    }
    Thread.sleep(forTimeInterval: 1)
  }
  child.waitUntilExit()
  let result = String(decoding: pipe.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
  print("Memory: scenarios/benchmark.yaml, \(memoryRuns) runs, 2 threads, bounded-memory mode")
  let step = Swift.max(1, samples.count / 20)
  for (i, s) in samples.enumerated() where i % step == 0 || i == samples.count - 1 {
    print(String(format: "  %7.0f s  %7.1f MiB", s.seconds, s.mib))
  }
  let peak = samples.map(\.mib).max() ?? 0
  // growth: the last minute's samples against the first minute after the start-up
  let settled = samples.filter { $0.seconds >= 10 }
  if let first = settled.first, let last = settled.last, last.seconds - first.seconds >= 30 {
    print(String(format: "  growth after the first 10 s: %+.1f MiB over %.0f s", last.mib - first.mib,
                 last.seconds - first.seconds))
  }
  print(String(format: "  peak resident memory: %.1f MiB (limit 200 MiB)", peak))
  if !result.isEmpty { print("  result: \(result.trimmingCharacters(in: .whitespacesAndNewlines))") }
  exit(peak <= 200 ? 0 : 1)
}

func measure(_ executable: String, _ args: [String]) throws -> [String: Double] {
  let p = Process()
  p.executableURL = URL(fileURLWithPath: executable)
  p.arguments = args
  let pipe = Pipe()
  p.standardOutput = pipe
  try p.run()
  let data = pipe.fileHandleForReading.readDataToEndOfFile()
  p.waitUntilExit()
  guard p.terminationStatus == 0,
    let line = String(decoding: data, as: UTF8.self).split(separator: "\n").last,
    let object = try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any]
  else { throw NSError(domain: "bench", code: Int(p.terminationStatus)) }
  return object.compactMapValues { ($0 as? NSNumber)?.doubleValue }
}

print("Benchmark: scenarios/benchmark.yaml, \(runs) runs, seed 1, best of \(repeats) interleaved rounds, \(ProcessInfo.processInfo.activeProcessorCount) cores")
/// Every configuration once per round, the rounds one after another, so that a change in the
/// machine's load falls on all of them alike; each configuration's best (fastest) round.
let numpyScript = root.appendingPathComponent("bench/reference/numpy_model.py").path
let configurations: [(name: String, executable: String, args: [String])] = [
  ("damages, 1 thread", me, ["--worker-threads", "1", "--runs", String(runs)]),
  ("damages, 2 threads", me, ["--worker-threads", "2", "--runs", String(runs)]),
  ("damages reference, 2 thr.", me, ["--worker-threads", "2", "--runs", String(runs), "--engine", "reference"]),
  ("C + GSL loop, 1 thread", me, ["--worker-c-threads", "1", "--runs", String(runs)]),
  ("C + GSL loop, 2 threads", me, ["--worker-c-threads", "2", "--runs", String(runs)]),
  ("numpy, 1 thread", "/usr/bin/env", ["python3", numpyScript, "--runs", String(runs), "--seed", "1", "--json", "--threads", "1"]),
  ("numpy, 2 threads", "/usr/bin/env", ["python3", numpyScript, "--runs", String(runs), "--seed", "1", "--json", "--threads", "2"]),
]
var rounds = [[[String: Double]]](repeating: [], count: configurations.count)
for _ in 0..<repeats {
  for (i, c) in configurations.enumerated() {
    if let r = try? measure(c.executable, c.args) { rounds[i].append(r) }
  }
}
let bests: [[String: Double]?] = rounds.map { r in r.max { ($0["runs_per_second"] ?? 0) < ($1["runs_per_second"] ?? 0) } }
guard let one = bests[0], let two = bests[1], let c2 = bests[4] else {
  print("the toolkit or the C loop failed to run")
  exit(1)
}
let numpy1 = bests[5], numpy2 = bests[6]

func row(_ name: String, _ r: [String: Double]?) -> String {
  let name = name.padding(toLength: 24, withPad: " ", startingAt: 0)
  guard let r else { return "\(name) (not available: is numpy installed?)" }
  return name + String(format: " %8.2f M runs/s  %7.3f s  %8.0f MiB  mean %10.1f  P50 %10.1f  P95 %10.1f",
                r["runs_per_second"]! / 1e6, r["seconds"]!, r["peak_rss_mib"] ?? .nan,
                r["mean"]!, r["p50"]!, r["p95"]!)
}
for (i, c) in configurations.enumerated() { print(row(c.name, bests[i])) }
func ratio(_ label: String, _ value: Double, target: Double) {
  print(label.padding(toLength: 48, withPad: " ", startingAt: 0)
    + String(format: " %.2fx  (target %.2fx: ", value, target) + (value >= target ? "met)" : "missed)"))
}
let rate = { (r: [String: Double]) in r["runs_per_second"]! }
ratio("2 threads / 1 thread", rate(two) / rate(one), target: 1.8)
ratio("damages (2 threads) / C + GSL loop (2 threads)", rate(two) / rate(c2), target: 0.8)
if let numpy = [numpy1, numpy2].compactMap({ $0 }).max(by: { rate($0) < rate($1) }) {
  ratio("damages (2 threads) / numpy's best", rate(two) / rate(numpy), target: 1.25)
}
if let reference = bests[2] {
  print(String(format: "compiled engine / reference engine (2 threads): %.2fx", rate(two) / rate(reference)))
}

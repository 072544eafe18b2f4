import ArgumentParser
import DamagesAnalyses
import DamagesScenario
import DamagesReports
import DamagesSimulation
import Foundation

#if os(Linux)
  /// glibc's mallopt(3) (malloc.h, which the Glibc module does not bring in).
  @_silgen_name("mallopt") private func mallopt(_ parameter: Int32, _ value: Int32) -> Int32
  private let M_TRIM_THRESHOLD: Int32 = -1, M_MMAP_THRESHOLD: Int32 = -3  // malloc.h
#endif

/// `damages batch CLAIMS --template T.yaml` (docs/batch.md).
struct BatchCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "batch",
    abstract: "A batch of claims from a spreadsheet: a table per claim and the portfolio's range.",
    discussion: """
      Each column of CLAIMS (a .csv or .xlsx file) is a dotted scenario path (case.claim,
      facts.actual_loss.median, defendants[0].name); its cells are put into the template at that
      path. Every bad row is reported with its row and column; the good rows are computed and
      written anyway, and the exit code is then 65 (--strict computes nothing when a row is bad).
      With --shard K/N only the claims whose index i has i mod N = K are computed, into a
      partial result file that `damages merge` combines.
      """)

  @Argument(help: "The claims: a CSV file (comma or tab separated) or an .xlsx workbook.")
  var claims: String

  @Option(help: ArgumentHelp("The scenario every row starts from (optionally with portfolio.shared).", valueName: "file.yaml"))
  var template: String

  @Option(help: ArgumentHelp("The workbook's sheet to read (default: the first).", valueName: "name"))
  var sheet: String?

  @Option(parsing: .unconditional, help: "Runs per claim (default: the template's simulation.runs).")
  var runs: Int?

  @Option(parsing: .unconditional, help: "Random seed of the batch (default: the template's simulation.seed).")
  var seed: UInt64?

  @Option(parsing: .unconditional, help: "Worker threads (default: all cores). Results do not depend on it.")
  var threads: Int?

  @Flag(help: "Compute nothing when any row is bad.")
  var strict = false

  @Flag(help: "Add each claim's best claim amount (the one that maximises expected net recovery).")
  var bestClaim = false

  @Option(help: ArgumentHelp("Report P(total > X) for the portfolio's totals (repeatable).", valueName: "yuan"))
  var threshold: [Double] = []

  @Option(help: ArgumentHelp("Compute shard K of N only (0 ≤ K < N), or auto/N (K from SLURM_ARRAY_TASK_ID or JOB_COMPLETION_INDEX), into the partial result file --out.", valueName: "K/N"))
  var shard: String?

  @OptionGroup var output: OutputOptions

  func validate() throws {
    // a shard writes a partial result file (JSON) for `damages merge`, never a workbook
    if shard != nil, output.isWorkbook {
      throw ValidationError("--shard writes a partial result file for `damages merge`; give the workbook to merge: damages merge PART… --out FILE.xlsx")
    }
    if let runs, !(2...100_000_000_000).contains(runs) {
      throw ValidationError("--runs must be an integer from 2 to 10^11, got \(runs)")
    }
    if let threads, threads < 1 { throw ValidationError("--threads must be at least 1, got \(threads)") }
    if threshold.contains(where: { !$0.isFinite }) { throw ValidationError("--threshold takes an amount in yuan") }
    if shard != nil {
      _ = try shardValue(environment: [:], checkOnly: true)
      if output.out == nil { throw ValidationError("--shard writes a partial result file: add --out PART") }
    }
  }

  /// (K, N) from `--shard`; `auto/N` reads the scheduler's task index.
  func shardValue(environment: [String: String], checkOnly: Bool = false) throws -> (k: Int, n: Int)? {
    guard let shard else { return nil }
    let parts = shard.split(separator: "/", omittingEmptySubsequences: false)
    guard parts.count == 2, let n = Int(parts[1]), n >= 1 else {
      throw ValidationError("--shard takes K/N or auto/N with N ≥ 1, got \(shard)")
    }
    if parts[0] == "auto" {
      if checkOnly { return (0, n) }
      for name in ["SLURM_ARRAY_TASK_ID", "JOB_COMPLETION_INDEX"] {
        if let text = environment[name] {
          guard let k = Int(text), (0..<n).contains(k) else {
            throw ValidationError("--shard auto/\(n): \(name) is \(text), not an index from 0 to \(n - 1)")
          }
          return (k, n)
        }
      }
      throw ValidationError("--shard auto/\(n): neither SLURM_ARRAY_TASK_ID nor JOB_COMPLETION_INDEX is set (run it as a Slurm array task or a Kubernetes Indexed Job, or give K/\(n))")
    }
    guard let k = Int(parts[0]), (0..<n).contains(k) else {
      throw ValidationError("--shard K/N needs 0 ≤ K < N, got \(shard)")
    }
    return (k, n)
  }

  func run() throws {
    // a usage error (64) when auto/N finds no index
    let shardChoice = try shardValue(environment: ProcessInfo.processInfo.environment)
    #if os(Linux)
      // Each claim's simulation allocates its buffers anew (a few MB a worker). By default
      // glibc hands such blocks back to the system when they are freed and takes fresh, zeroed
      // pages for the next claim: a sixth of a batch's time went to page faults. Kept in the
      // process instead, the next claim reuses them; the peak stays what one claim a worker
      // needs (docs/batch.md, Memory and speed).
      _ = mallopt(M_MMAP_THRESHOLD, 32 << 20)
      _ = mallopt(M_TRIM_THRESHOLD, 1 << 30)
    #endif
    try running {
      try output.checkOutput(inputs: [claims, template])
      let template: BatchTemplate
      do throws(ScenarioError) { template = try BatchTemplate.load(path: self.template) } catch { throw Failure.scenario(error) }
      // a CSV file is read a row at a time, here for the ids and again as the claims are computed
      let rows: BatchRows
      do throws(ClaimsSheet.Failure) {
        rows = try BatchRows(file: ClaimsFile.open(path: claims, sheet: sheet), template: template, claimsPath: claims)
      } catch {
        printError(error.message)
        throw ExitCode(error.exitCode)
      }
      if strict {
        // every row is built (and dropped) before anything is computed
        let bad = BatchRun.validate(rows, threads: threads)
        if !bad.isEmpty {
          // a shard reports its own rows only
          for claim in bad where shardChoice == nil || claim.index % shardChoice!.n == shardChoice!.k {
            for line in claim.messages { printError(line) }
          }
          printError("error: --strict: \(bad.count) of \(rows.count) rows are bad; nothing was computed")
          throw ExitCode(65)
        }
      }
      let identity = BatchIdentity(
        claimsFile: claims, claimsDigest: Digest.fnv1a(contentsOf: claims) ?? Digest.fnv1a(Data()),
        template: self.template, templateDigest: template.digest, runs: runs ?? template.runs,
        seed: seed ?? template.seed, claimCount: rows.count, bestClaim: bestClaim,
        thresholds: threshold, shared: template.shared.map(\.path))
      // the claims' figures and errors go to a temporary file as they come (docs/batch.md)
      let records: ClaimRecords
      do throws(ClaimRecords.Failure) { records = try ClaimRecords(claimCount: rows.count) } catch {
        throw Failure.output(error.description)
      }
      Interrupt.shared.install()
      let mine = BatchRun.shardRows(rows.count, shardChoice).count
      let bar = ProgressBar(total: mine, claims: true)
      let result: BatchResult
      do throws(SimulationError) {
        // a bad row's errors go to standard error when the batch reaches its row (row order)
        result = try BatchRun.compute(
          rows: rows, identity: identity, template: template, into: records, threads: threads,
          shard: shardChoice,
          isCancelled: { Interrupt.shared.isSet },
          badRow: { bad in bar.interject(bad.messages) },
          progress: { done, _ in bar.update(done) })
      } catch {
        bar.finish()
        throw Failure.simulation(error, file: claims)
      }
      bar.finish()
      if let failure = records.failure { throw Failure.output(failure.description) }
      if !rows.isUnchanged {
        // its rows were read again while the claims were computed: they may mix two versions
        printError("\(claims): error: the claims file changed while the batch was computed; nothing was written (run it again)")
        throw ExitCode(75)
      }
      if shardChoice != nil {
        try output.emit { BatchReport.part(result, into: $0) }
      } else if output.isWorkbook {
        try output.emit(workbook: BatchReport.workbook(result, lang: output.lang))
      } else {
        try output.emit { BatchReport.write(result, format: output.resolvedFormat, lang: output.lang, shape: output.shape, into: $0) }
      }
      if !result.errors.isEmpty {
        printError("error: \(result.errors.count) row\(result.errors.count == 1 ? "" : "s") with errors (listed above and in the output); the other rows were computed")
        throw ExitCode(65)
      }
    }
  }
}


/// `damages merge PART… --out FILE` (docs/batch.md).
struct MergeCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "merge",
    abstract: "Combine the partial results of a sharded batch into the batch's output.",
    discussion: "The parts must be one complete batch: the same claims file, template, seed and runs, and every shard exactly once. The output is byte for byte the unsharded batch's.")

  @Argument(help: "The partial result files (`damages batch --shard K/N --out PART`).")
  var parts: [String]

  @OptionGroup var output: OutputOptions

  func validate() throws {
    if parts.isEmpty { throw ValidationError("give the partial result files to merge") }
  }

  func run() throws {
    try running {
      try output.checkOutput(inputs: parts)
      let result: BatchResult
      do throws(BatchReport.MergeFailure) { result = try BatchReport.merge(paths: parts) } catch {
        printError(error.description)
        throw ExitCode(65)
      }
      for e in result.errors { for m in e.messages { printError(m) } }
      if output.isWorkbook {
        try output.emit(workbook: BatchReport.workbook(result, lang: output.lang))
      } else {
        try output.emit { BatchReport.write(result, format: output.resolvedFormat, lang: output.lang, shape: output.shape, into: $0) }
      }
      if !result.errors.isEmpty {
        printError("error: \(result.errors.count) row\(result.errors.count == 1 ? "" : "s") with errors (listed above and in the output); the other rows were computed")
        throw ExitCode(65)
      }
    }
  }
}

public import DamagesLaw
import Foundation

/// How to run a simulation.
public struct SimulationOptions: Sendable {
  public var runs: Int
  public var seed: UInt64
  /// Worker threads (≥ 1). The results do not depend on it.
  public var threads: Int
  /// Called from worker threads with the number of runs completed so far.
  public var progress: (@Sendable (Int) -> Void)?
  /// Polled between blocks; a `true` stops the simulation with ``SimulationError/cancelled``.
  public var isCancelled: (@Sendable () -> Bool)?
  /// Exact percentiles in one pass, from the values kept near them (true), or from a
  /// log-bucketed histogram and a second pass in bounded memory (false); nil: exact unless the
  /// runs would need more than
  /// ``Simulation/exactMemoryBudget`` bytes.
  public var exactPercentiles: Bool?
  /// Keep the award of every liable run on the primary route (for the claim search).
  public var keepAwards = false
  /// The bounded-memory mode's budget of collected values (``Simulation/collectBudget``).
  var collectLimit = Simulation.collectBudget
  /// Exact mode: which blocks keep every value and how far about each percentile the others
  /// keep theirs (``KeptFilter``); nil: ``KeptFilter/automatic(blocks:)``.
  var keptFilter: KeptFilter?
  /// How the runs sample the uncertain inputs.
  public var sampling = Sampling.random
  /// Keep the award's fine histogram in the result (``SimulationResult/awardHistogram``), for
  /// the percentile intervals of auto-stop; the bounded-memory mode always has it.
  var keepsAwardHistogram = false
  /// Findings decided outside this simulation, once per run for several (a portfolio's
  /// shared findings, docs/batch.md): nil decides every finding from this simulation's seed.
  public var sharedFindings: SharedFindings?
  /// Called from worker threads with each block's per-run values on the primary route (award,
  /// claimant's fee share, net recovery), before they are summarised; blocks in any order.
  public var runValues: (@Sendable (RunValues) -> Void)?
  /// Which per-run engine applies the rules (docs/simulation.md, Two engines): the same
  /// results, byte for byte, from either.
  public var engine = SimulationEngine.compiled
  /// Compute every fact and finding in every run, needed or not, instead of only what the
  /// rules need: the same results (each value comes from its own coordinate of the run's
  /// point), so a test comparing the two proves that the lazy draws skip nothing the rules
  /// read (docs/simulation.md, Two engines).
  public var drawsEveryFact = false

  /// `threads` nil: all cores.
  public init(runs: Int, seed: UInt64, threads: Int? = nil) {
    self.runs = runs
    self.seed = seed
    self.threads = Swift.max(1, threads ?? ProcessInfo.processInfo.activeProcessorCount)
  }

  /// The options a scenario's `simulation` block asks for.
  public init(for scenario: Scenario) {
    self.init(runs: scenario.simulation.runs, seed: scenario.simulation.seed,
              threads: scenario.simulation.threads)
    sampling = scenario.simulation.sampling
  }
}

/// The per-run engine (docs/simulation.md, Two engines).
public enum SimulationEngine: String, Sendable, CaseIterable {
  /// A plan compiled for the scenario: the default.
  case compiled
  /// The rules applied one by one through ``DamagesLaw/Assessor``: the reference the compiled
  /// plan is tested against.
  case reference
}

/// Findings whose uniform number in each run comes from (seed, run, key) instead of from the
/// simulation's own seed: every simulation given the same `seed` and `key` sees the same number
/// in the same run, so a finding with the same probability is decided the same way in all of
/// them (a portfolio's shared finding, one court's view for every claim).
public struct SharedFindings: Sendable {
  /// A finding by its position in the run's draws (``CompiledModel/gateIndex(of:)``) and the
  /// key its numbers are drawn under.
  public struct Finding: Sendable, Hashable {
    public var gate: Int
    public var key: UInt64
    public init(gate: Int, key: UInt64) {
      self.gate = gate
      self.key = key
    }
  }
  public var seed: UInt64
  public var findings: [Finding]
  public init(seed: UInt64, findings: [Finding]) {
    self.seed = seed
    self.findings = findings
  }

  /// The uniform number in [0, 1) of run `run` for `key`: SplitMix64 of (seed, run, key), its
  /// top 53 bits.
  @inline(__always)
  public static func uniform(seed: UInt64, run: Int, key: UInt64) -> Double {
    func mix(_ x: UInt64) -> UInt64 {
      var z = x &+ 0x9E37_79B9_7F4A_7C15
      z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
      z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
      return z ^ (z >> 31)
    }
    let z = mix(mix(seed ^ mix(UInt64(run))) ^ key)
    return Double(z >> 11) * 0x1p-53
  }
}

/// One block's per-run values on the primary route, in run order (``SimulationOptions/runValues``).
public struct RunValues: @unchecked Sendable {
  /// The index of the block's first run.
  public var firstRun: Int
  public var award: UnsafeBufferPointer<Double>
  public var feeShare: UnsafeBufferPointer<Double>
  public var netRecovery: UnsafeBufferPointer<Double>
}


/// Exact mode's kept values (docs/simulation.md, Exact percentiles from the values near them):
/// the first `pilotBlocks` blocks keep every non-zero value; the other blocks keep only those in
/// the coarse histogram slots that the pilot's histogram puts within `margin` (a probability),
/// plus five of the pilot's standard errors, of a reported percentile, and one slot more on each
/// side. A wanted slot outside them is collected by a second pass, so the percentiles are exact
/// whatever the pilot foresaw; the filter only saves memory and time.
struct KeptFilter: Sendable {
  var pilotBlocks: Int
  var margin: Double

  /// Four blocks of pilot (262,144 runs) and a margin of 0.2 percentage points, for
  /// simulations of at least 16 blocks; smaller ones keep every value.
  static func automatic(blocks: Int) -> KeptFilter? {
    blocks >= 16 ? KeptFilter(pilotBlocks: 4, margin: 0.002) : nil
  }
}

import DamagesLaw
import GSL
import Foundation

/// The compiled engine (docs/simulation.md, Two engines): the tort route of one scenario,
/// evaluated straight from a run's point. It holds only what the scenario uses, in flat
/// arrays of plain values, so the per-run loop builds no `Facts` or `Outcome` and copies no
/// shared object. It computes exactly what the reference (``RunState/resolve(_:)`` and
/// ``DamagesLaw/Assessor/tort(_:)``) computes, in the same order and with the same arithmetic,
/// so the two give the same bits; the differential test holds it to that. A scenario it does
/// not cover (the contract route, or an act for which the claimant may choose either route)
/// runs on the reference.
struct CompiledPlan: Sendable {
  /// How a fact's value is computed from its coordinate (``FactSampler``'s closed forms; the
  /// other laws go through the fact's own sampler, as the reference does).
  enum Kind: UInt8, Sendable {
    case absent, fixed, uniform, triangular, lognormal, normal, general
  }

  /// One fact: plain values only.
  struct Fact: Sendable {
    var kind = Kind.absent
    /// Its coordinate in the run's point, or -1 (a fixed value needs none).
    var coordinate = -1
    /// Its copula group, or -1.
    var group = -1
    /// The law's parameters: uniform (low, width); triangular (low, mode, high, split);
    /// lognormal (μ, σ); normal (mean, sd); fixed (value).
    var a = 0.0, b = 0.0, c = 0.0, d = 0.0
    var isMoney = false
  }

  let facts: [Fact]
  let groupStart: [Int]
  let groupMembers: [Int]
  let factorStart: [Int]
  let groupFactor: [Double]

  /// The findings' probabilities and the settings every run reads, as the reference copies
  /// them out of the model.
  let p: RunState.Constants
  // R7: what a successful defence does.
  let pDefenses: [Double]
  let caseWide: UInt64
  let exemptionDefense: [UInt64]
  let exemptionDefendant: [UInt64]
  let allDefendants: UInt64
  // R1, R2, R4, R6: the findings after the defences, from coordinate `proofs` on.
  let proofs: Int

  // The rules' settings.
  let election: Election
  let additive: Bool
  let works: Double
  let statutoryIncludesExpenses: Bool
  let mentalDistressCap: Double?
  let claim: Double?
  let fee: Double?
  let loserPays: Bool

  // R8: each defendant's exposure and share per exemption pattern, flat.
  let storesDefendants: Bool
  let defendantCount: Int
  let fractions: [Double]

  /// One run's computed facts (by ordinal) and the copula's normals, on the stack.
  struct Scratch {
    var values = InlineArray<16, Double>(repeating: 0)
    var z = InlineArray<16, Double>(repeating: 0)
    var drawn: UInt32 = 0
    /// The first invalid draw (NaN, infinite, a negative amount): the fact's ordinal, or -1.
    var invalidFact = -1
    var invalidValue = 0.0
  }

  /// Nil for a scenario the plan does not cover.
  init?(_ m: CompiledModel, storesDefendants: Bool) {
    guard m.computesTort, !m.computesContract, m.drawsTort, !m.drawsContract else { return nil }
    let terms = m.assessor.terms
    var facts = [Fact](repeating: Fact(), count: CompiledModel.factCount)
    for k in 0..<CompiledModel.factCount {
      guard let sampler = m.samplers[k] else { continue }
      var f = Fact()
      f.coordinate = m.dimensionOf[k] ?? -1
      f.group = m.groupOf[k]
      f.isMoney = m.isMoney[k]
      switch sampler {
      case let .fixed(v): f.kind = .fixed; f.a = v
      case let .uniform(low, width): f.kind = .uniform; f.a = low; f.b = width
      case let .triangular(low, mode, high, split):
        f.kind = .triangular; f.a = low; f.b = mode; f.c = high; f.d = split
      case let .lognormal(mu, sigma): f.kind = .lognormal; f.a = mu; f.b = sigma
      case let .normal(mean, sd, _, _, false): f.kind = .normal; f.a = mean; f.b = sd
      default: f.kind = .general
      }
      facts[k] = f
    }
    self.facts = facts
    groupStart = m.groupStart
    groupMembers = m.groupMembers
    factorStart = m.factorStart
    groupFactor = m.groupFactor

    p = RunState.Constants(m)
    pDefenses = m.pDefenses
    var caseWide: UInt64 = 0
    var exemptionDefense: [UInt64] = [], exemptionDefendant: [UInt64] = []
    for (i, d) in terms.defenses.enumerated() {
      let bit: UInt64 = 1 << UInt64(i)
      if d.kind.isCaseWide { caseWide |= bit }
      if !d.kind.isCaseWide, let who = d.defendant {
        exemptionDefense.append(bit)
        exemptionDefendant.append(1 << UInt64(who))
      }
    }
    self.caseWide = caseWide
    self.exemptionDefense = exemptionDefense
    self.exemptionDefendant = exemptionDefendant
    allDefendants = terms.defendants.isEmpty ? 0 : (UInt64.max >> UInt64(64 - terms.defendants.count))
    proofs = 4 + m.pDefenses.count

    election = terms.options.election
    additive = terms.options.punitive == .additive
    works = Double(terms.works)
    statutoryIncludesExpenses = terms.options.statutoryIncludesExpenses
    mentalDistressCap = m.mentalDistressCap?.value
    claim = terms.claim?.value
    fee = m.assessor.fee?.value
    loserPays = terms.options.feeAllocation == .loserPays

    self.storesDefendants = storesDefendants
    defendantCount = m.defendantCount
    var fractions: [Double] = []
    for pattern in m.fractionTable {
      for d in 0..<m.defendantCount {
        let f = pattern?[d]
        fractions.append(f?.exposure ?? 0)
        fractions.append(f?.share ?? 0)
      }
    }
    self.fractions = fractions
  }

  /// The runs `first ..< first + count` of a block, whose points start at `points` (run-major,
  /// `dimension` coordinates each): their metrics into `v` (metric m of run i at
  /// m × blockSize + i, from `base`), their counts into `counts`. False, with `out.error`
  /// set, at the first invalid draw or award, as the reference stops there.
  func runs(
    _ first: Int, count: Int, points: UnsafePointer<Double>, dimension: Int, base: Int,
    into v: UnsafeMutablePointer<Double>, counts: inout Counts, out: inout BlockOutput,
    state: inout RunState, model: CompiledModel
  ) -> Bool {
    let stratified = state.stratified
    let keepAwards = out.keepAwards
    let nd = pDefenses.count
    let ne = exemptionDefense.count
    let column = v + base * Simulation.blockSize
    let blockSize = Simulation.blockSize
    let random = state.random
    var run = Scratch()
    return facts.withUnsafeBufferPointer { facts in
    groupFactor.withUnsafeBufferPointer { factors in
    fractions.withUnsafeBufferPointer { fractions in
    for r in 0..<count {
      let u = points + r * dimension
      let i = first + r
      run.drawn = 0

      // R7: the elements, then the defences.
      // without a branch per finding (each is a coin flip a predictor cannot learn)
      @inline(__always) func bit(_ x: Double, _ p: Double) -> UInt64 { x < p ? 1 : 0 }
      var liable = bit(u[0], p.pWork) & bit(u[1], p.pInfringement) & bit(u[2], p.pCausation)
        & bit(u[3], p.pFault) != 0
      var succeeded: UInt64 = 0
      for j in 0..<nd { succeeded |= bit(u[4 + j], pDefenses[j]) << UInt64(j) }
      var exempt: UInt64 = 0
      if liable {
        if succeeded & caseWide != 0 {
          liable = false
        } else {
          for e in 0..<ne where succeeded & exemptionDefense[e] != 0 { exempt |= exemptionDefendant[e] }
          if exempt & allDefendants == allDefendants { liable = false }
        }
      }
      // R5: the expenses are spent whatever the outcome.
      let expenses = facts[8].kind != .absent ? value(8, u, &run) : 0

      var basis = 5  // none (``Basis/countIndex``)
      var baseAmount = 0.0, punitive = 0.0, mental = 0.0, added = 0.0, uncapped = 0.0
      var applied = false
      if liable {
        let f = u + proofs
        let lossProven = f[0] < p.pProvenLoss
        let gainsProven = f[1] < p.pProvenGains
        let feeProven = f[2] < p.pProvenFee
        // R1, R2, R3: only the figures proven, then the license fee or the statutory award.
        var loss = 0.0, gains = 0.0
        if lossProven && facts[0].kind != .absent { loss = value(0, u, &run) }
        if gainsProven && facts[1].kind != .absent { gains = value(1, u, &run) }
        var licenseFee: Double?
        var multiple = 1.0
        var statutory: Double?
        if !lossProven && !gainsProven {
          if feeProven && facts[2].kind != .absent {
            licenseFee = value(2, u, &run)
            if facts[3].kind != .absent { multiple = value(3, u, &run) }
          }
          if !feeProven && facts[4].kind != .absent { statutory = value(4, u, &run) }
          if !feeProven && facts[10].kind != .absent {
            statutory = value(10, u, &run) * works
          }
        }
        // R4: the gate, then the multiplier.
        let punitiveOpen = p.punitiveText && (lossProven || gainsProven || feeProven)
        let intentional = punitiveOpen && f[3] < p.pIntentional
        let serious = intentional && f[4] < p.pSerious
        var multiplier: Double?
        if serious && facts[5].kind != .absent { multiplier = value(5, u, &run) }
        // R6: seriousness, then the amount.
        var mentalAmount = 0.0
        var mentalCap: Double?
        var harm = false
        if p.mentalPossible {
          harm = p.scored ? value(6, u, &run) >= p.mentalHarmThreshold
            : f[5] < p.pSeriousMentalHarm
          if harm && facts[7].kind != .absent {
            mentalAmount = value(7, u, &run)
            mentalCap = mentalDistressCap
          }
        }
        if run.invalidFact >= 0 { return invalid(&out, run, model) }

        // R1 to R3 (``CompensationBasis/choose(_:election:)``).
        if lossProven && gainsProven {
          switch election {
          case .larger: if gains > loss { basis = 1; baseAmount = gains } else { basis = 0; baseAmount = loss }
          case .actualLoss: basis = 0; baseAmount = loss
          case .illegalGains: basis = 1; baseAmount = gains
          }
        } else if lossProven {
          basis = 0; baseAmount = loss
        } else if gainsProven {
          basis = 1; baseAmount = gains
        } else if let licenseFee {
          basis = 2; baseAmount = licenseFee * multiple
        } else if let statutory {
          basis = 3; baseAmount = statutory
        }
        // R4 (``Punitive``): applied on a proven basis only.
        applied = p.punitiveText && intentional && serious && basis <= 2
        if applied, let m = multiplier {
          punitive = additive ? baseAmount * m : baseAmount * (m - 1)
        }
        let compensation = baseAmount + punitive
        // R6 (``MentalDistress``).
        if p.mentalPossible && harm {
          mental = mentalCap.map { Swift.min(mentalAmount, $0) } ?? mentalAmount
        }
        // R5 (``Expenses``).
        added = basis == 3 && statutoryIncludesExpenses ? 0 : expenses
        uncapped = compensation + mental + added
        column[blockSize + i] = compensation
      } else {
        if run.invalidFact >= 0 { return invalid(&out, run, model) }
        column[blockSize + i] = 0
      }
      // The claim cap and R10 (``Assessor/finish(_:)``).
      var award = uncapped
      var capped = false
      if let claim, uncapped > claim {
        award = claim
        capped = true
      }
      var feeShare = 0.0
      if let fee, let claim {
        if !liable {
          feeShare = fee
        } else if !loserPays && !(award >= claim) {
          feeShare = fee * ((claim - award) / claim)
        }
      }
      let net = award - feeShare - expenses
      guard award.isFinite, award >= 0 else {
        out.error = .invalidAward(value: award)
        return false
      }
      column[i] = award
      column[2 * blockSize + i] = punitive
      column[3 * blockSize + i] = mental
      column[4 * blockSize + i] = added
      column[5 * blockSize + i] = feeShare
      column[6 * blockSize + i] = net
      counts.add(basis: basis)
      if applied { counts.punitive += 1 }
      if liable {
        counts.liable += 1
        if keepAwards { out.liableAwards.append(award) }
      }
      if capped { counts.capped += 1 }
      if storesDefendants {
        let d0 = column + MetricLayout.routeMetrics * blockSize + i
        let row = liable ? model.patternIndex(exempt) * 2 * defendantCount : -1
        for d in 0..<defendantCount {
          d0[2 * d * blockSize] = (row >= 0 ? fractions[row + 2 * d] : 0) * award
          d0[(2 * d + 1) * blockSize] = (row >= 0 ? fractions[row + 2 * d + 1] : 0) * award
        }
      }
    }
    return true

    /// Fact `k`'s value in the run whose point is `u`, computed once per run (a copula
    /// group's members together), as ``RunState/fact(_:)`` computes it.
    func value(_ k: Int, _ u: UnsafePointer<Double>, _ run: inout Scratch) -> Double {
      if run.drawn & (1 << UInt32(k)) != 0 { return run.values[k] }
      let f = facts[k]
      if f.group >= 0 {
        group(f.group, u, &run)
        return run.values[k]
      }
      let x: Double
      if f.coordinate < 0 {
        x = f.a  // fixed
      } else {
        let w = FactSampler.open(u[f.coordinate])
        switch f.kind {
        case .uniform: x = f.a + f.b * w
        case .triangular:
          x = FactSampler.triangular(atUniform: w, low: f.a, mode: f.b, high: f.c, split: f.d)
        case .lognormal: x = Foundation.exp(f.a + f.b * FactSampler.standardNormal(atUniform: w))
        default:
          let sampler = model.samplers[k]!
          x = stratified
            ? sampler.value(atUniform: u[f.coordinate], distribution: model.distributions[k]!)
            : sampler.value(atRandom: u[f.coordinate], fact: k, scratch: random,
                            distribution: model.distributions[k]!)
        }
      }
      store(k, x, &run)
      return x
    }

    /// A copula group's members from their coordinates (``RunState/drawGroup(_:)``).
    func group(_ g: Int, _ u: UnsafePointer<Double>, _ run: inout Scratch) {
      let first = groupStart[g]
      let n = groupStart[g + 1] - first
      let factor = factorStart[g]
      for i in 0..<n {
        let c = facts[groupMembers[first + i]].coordinate
        run.z[i] = FactSampler.standardNormal(atUniform: c >= 0 ? u[c] : 0.5)
      }
      for i in 0..<n {
        var y = 0.0
        for j in 0...i { y += factors[factor + i * n + j] * run.z[j] }
        let k = groupMembers[first + i]
        let f = facts[k]
        let x: Double
        switch f.kind {
        case .lognormal: x = Foundation.exp(f.a + f.b * y)
        case .normal: x = f.a + f.b * y
        case .fixed: x = f.a
        default: x = model.samplers[k]!.value(atNormal: y, distribution: model.distributions[k]!)
        }
        store(k, x, &run)
      }
    }

    func store(_ k: Int, _ x: Double, _ run: inout Scratch) {
      run.values[k] = x
      run.drawn |= 1 << UInt32(k)
      if !x.isFinite || (x < 0 && facts[k].isMoney) {
        if run.invalidFact < 0 { run.invalidFact = k; run.invalidValue = x }
      }
    }
    }
    }
    }
  }

  /// The reference's error for the run's first invalid draw.
  func invalid(_ out: inout BlockOutput, _ run: Scratch, _ model: CompiledModel) -> Bool {
    out.error = .invalidSample(
      fact: FactKey.allCases[run.invalidFact].rawValue, value: run.invalidValue,
      distribution: String(describing: model.distributions[run.invalidFact]!))
    return false
  }
}

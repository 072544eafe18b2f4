public import DamagesLaw
public import GSL

/// The per-run state of one worker: the generator and scratch space, reused for every run.
/// Drawing is lazy but deterministic: a fact is drawn the first time a run needs it, in an
/// order fixed by the rules, so the same seed always gives the same runs.
struct RunState {
  let model: CompiledModel
  let random: RandomSource
  var values: [Double]
  var drawn: UInt32 = 0
  var z: [Double]
  /// Set when a draw is invalid (NaN, infinite, a negative amount): the fact's ordinal.
  var invalidFact = -1
  var invalidValue = 0.0

  init(model: CompiledModel, random: RandomSource) {
    self.model = model
    self.random = random
    values = [Double](repeating: 0, count: CompiledModel.factCount)
    z = [Double](repeating: 0, count: CompiledModel.factCount)
  }

  @inline(__always)
  mutating func bernoulli(_ p: Double) -> Bool {
    if p <= 0 { return false }
    if p >= 1 { return true }
    return random.uniform() < p
  }

  @inline(__always)
  mutating func fact(_ key: FactKey) -> Double {
    let k = key.ordinal
    if drawn & (1 << UInt32(k)) == 0 {
      let g = model.groupOf[k]
      if g >= 0 { drawGroup(g) } else { store(k, model.samplers[k]!.draw(random)) }
    }
    return values[k]
  }

  @inline(__always)
  mutating func store(_ k: Int, _ v: Double) {
    values[k] = v
    drawn |= 1 << UInt32(k)
    if !v.isFinite || (v < 0 && model.isMoney[k]) {
      if invalidFact < 0 { invalidFact = k; invalidValue = v }
    }
  }

  mutating func drawGroup(_ g: Int) {
    let group = model.groups[g]
    let n = group.members.count
    for i in 0..<n { z[i] = random.standardNormal() }
    for i in 0..<n {
      var y = 0.0
      for j in 0...i { y += group.cholesky[i * n + j] * z[j] }
      let k = group.members[i]
      store(k, model.samplers[k]!.value(atNormal: y, distribution: model.distributions[k]!))
    }
  }

  /// One run: draws what the rules need and applies them. Returns the tort outcome (nil on the
  /// contract route) and the contract outcome (nil on the tort route).
  mutating func run() -> (tort: Outcome?, contract: Outcome?) {
    let m = model
    drawn = 0
    var f = Facts()
    // R7: the elements and the defences.
    f.elements = Elements(
      work: bernoulli(m.pWork), infringement: bernoulli(m.pInfringement),
      causation: bernoulli(m.pCausation), fault: bernoulli(m.pFault))
    for i in 0..<m.pDefenses.count where bernoulli(m.pDefenses[i]) { f.defenses.set(i, true) }
    // R5: the expenses are spent whatever the outcome.
    if m.samplers[FactKey.expenses.ordinal] != nil { f.expenses = Yuan(fact(.expenses)) }
    let tortLiable = m.computesTort && m.assessor.liability(f, route: .tort).finding.isLiable
    let contractLiable =
      m.computesContract && m.assessor.liability(f, route: .contract).finding.isLiable
    if tortLiable || contractLiable {
      // R1, R2, R9: which figures the court accepts, then only those figures.
      f.lossProven = bernoulli(m.pProvenLoss)
      f.gainsProven = bernoulli(m.pProvenGains)
      f.licenseFeeProven = bernoulli(m.pProvenFee)
      if f.lossProven { f.actualLoss = Yuan(fact(.actualLoss)) }
      if tortLiable {
        if f.gainsProven { f.illegalGains = Yuan(fact(.illegalGains)) }
        if !f.lossProven && !f.gainsProven {
          if f.licenseFeeProven {
            f.licenseFee = Yuan(fact(.licenseFee))
            if m.samplers[FactKey.licenseFeeMultiple.ordinal] != nil {
              f.licenseFeeMultiple = fact(.licenseFeeMultiple)
            }
          } else if m.samplers[FactKey.statutoryAward.ordinal] != nil {
            f.statutoryAward = Yuan(fact(.statutoryAward))
          }
        }
      }
      let punitiveBasis = f.lossProven || f.gainsProven || f.licenseFeeProven
      let liquidated = contractLiable && m.samplers[FactKey.liquidatedDamages.ordinal] != nil
      if liquidated { f.liquidatedDamages = Yuan(fact(.liquidatedDamages)) }
      // R4 (and R9's intentional breach): the gate, then the multiplier.
      if (tortLiable && m.punitiveText && punitiveBasis) || liquidated {
        f.intentional = bernoulli(m.pIntentional)
      }
      if tortLiable && m.punitiveText && punitiveBasis && f.intentional {
        f.serious = bernoulli(m.pSerious)
        if f.serious && m.samplers[FactKey.multiplier.ordinal] != nil {
          f.multiplier = fact(.multiplier)
        }
      }
      // R6: seriousness, then the amount.
      if tortLiable && m.mentalPossible {
        f.mentalHarm =
          m.scored
          ? .scored(score: fact(.mentalHarmScore), threshold: m.mentalHarmThreshold)
          : .found(bernoulli(m.pSeriousMentalHarm))
        if f.mentalHarm.isSerious && m.samplers[FactKey.mentalDistress.ordinal] != nil {
          f.mentalDistress = Yuan(fact(.mentalDistress))
          f.mentalDistressCap = m.mentalDistressCap
        }
      }
    }
    return (m.computesTort ? m.assessor.tort(f) : nil,
            m.computesContract ? m.assessor.contract(f) : nil)
  }
}

extension FactKey {
  /// The fact's position in ``FactKey/allCases``.
  @inline(__always) var ordinal: Int {
    switch self {
    case .actualLoss: 0
    case .illegalGains: 1
    case .licenseFee: 2
    case .licenseFeeMultiple: 3
    case .statutoryAward: 4
    case .multiplier: 5
    case .mentalHarmScore: 6
    case .mentalDistress: 7
    case .expenses: 8
    case .liquidatedDamages: 9
    }
  }
}

public import DamagesLaw
public import GSL

/// The per-run state of one worker: the generator and scratch space, reused for every run.
/// Drawing is lazy but deterministic: a fact is drawn the first time a run needs it, in an
/// order fixed by the rules, so the same seed always gives the same runs.
struct RunState {
  let model: CompiledModel
  /// Amounts, drawn lazily: only the facts a run needs.
  let random: RandomSource
  /// Findings (every probability of the scenario), drawn in every run in a fixed order whether
  /// needed or not, so that runs stay aligned across sweep points and routes: a sweep that moves
  /// one probability changes that finding only, never the others (common random numbers).
  let gates: RandomSource
  var values: [Double]
  var drawn: UInt32 = 0
  var z: [Double]
  /// Set when a draw is invalid (NaN, infinite, a negative amount): the fact's ordinal.
  var invalidFact = -1
  var invalidValue = 0.0

  init(model: CompiledModel, random: RandomSource, gates: RandomSource = RandomSource(seed: 0)) {
    self.model = model
    self.random = random
    self.gates = gates
    values = [Double](repeating: 0, count: CompiledModel.factCount)
    z = [Double](repeating: 0, count: CompiledModel.factCount)
  }

  /// A finding with probability p: always one draw from the gate stream (p = 0 is never true,
  /// p = 1 always).
  @inline(__always)
  mutating func bernoulli(_ p: Double) -> Bool { gates.uniform() < p }

  /// Reseeds both streams for a block.
  mutating func reseed(_ a: UInt64, _ b: UInt64) {
    random.reseed(a, b)
    gates.reseed(b ^ 0xA076_1D64_78BD_642F, a &+ 0xE703_7ED1_A0B4_28DB)
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

  /// Draw every fact and every probability in every run, needed or not (for the rank
  /// correlations of the sensitivity analysis, which need each input's value in each run). The
  /// outcome is the same law applied; only the stream of random numbers differs.
  var eager = false

  /// One run: draws what the rules need and applies them. Returns the tort outcome (nil on the
  /// contract route) and the contract outcome (nil on the tort route); `facts` receives the
  /// resolved facts.
  mutating func run() -> (tort: Outcome?, contract: Outcome?) {
    var f = Facts()
    return run(into: &f)
  }

  mutating func run(into f: inout Facts) -> (tort: Outcome?, contract: Outcome?) {
    let m = model
    let e = eager
    drawn = 0
    f = Facts()
    // Every finding, in a fixed order (see `gates`).
    f.elements = Elements(
      work: bernoulli(m.pWork), infringement: bernoulli(m.pInfringement),
      causation: bernoulli(m.pCausation), fault: bernoulli(m.pFault))
    for i in 0..<m.pDefenses.count where bernoulli(m.pDefenses[i]) { f.defenses.set(i, true) }
    let lossProven = bernoulli(m.pProvenLoss)
    let gainsProven = bernoulli(m.pProvenGains)
    let feeProven = bernoulli(m.pProvenFee)
    let intentional = bernoulli(m.pIntentional)
    let serious = bernoulli(m.pSerious)
    let seriousMentalHarm = bernoulli(m.pSeriousMentalHarm)
    // R5: the expenses are spent whatever the outcome.
    if m.samplers[FactKey.expenses.ordinal] != nil { f.expenses = Yuan(fact(.expenses)) }
    // What to draw follows both routes where the claimant could choose either (see
    // `CompiledModel.drawsTort`); what is assessed follows the route chosen.
    let tortLiable = m.drawsTort && m.assessor.liability(f, route: .tort).finding.isLiable
    let contractLiable =
      m.drawsContract && m.assessor.liability(f, route: .contract).finding.isLiable
    if e || tortLiable || contractLiable {
      // R1, R2, R9: which figures the court accepts, then only those figures.
      f.lossProven = lossProven
      f.gainsProven = gainsProven
      f.licenseFeeProven = feeProven
      if (e || f.lossProven) && has(.actualLoss) { f.actualLoss = Yuan(fact(.actualLoss)) }
      if e || tortLiable {
        if (e || f.gainsProven) && has(.illegalGains) { f.illegalGains = Yuan(fact(.illegalGains)) }
        if e || (!f.lossProven && !f.gainsProven) {
          if (e || f.licenseFeeProven) && has(.licenseFee) {
            f.licenseFee = Yuan(fact(.licenseFee))
            if has(.licenseFeeMultiple) { f.licenseFeeMultiple = fact(.licenseFeeMultiple) }
          }
          if (e || !f.licenseFeeProven) && has(.statutoryAward) {
            f.statutoryAward = Yuan(fact(.statutoryAward))
          }
        }
      }
      let punitiveBasis = f.lossProven || f.gainsProven || f.licenseFeeProven
      let liquidated = (e || contractLiable) && has(.liquidatedDamages)
      if liquidated { f.liquidatedDamages = Yuan(fact(.liquidatedDamages)) }
      // R4 (and R9's intentional breach): the gate, then the multiplier.
      let punitiveOpen = tortLiable && m.punitiveText && punitiveBasis
      if e || punitiveOpen || liquidated { f.intentional = intentional }
      if e || (punitiveOpen && f.intentional) {
        f.serious = serious
        if (e || f.serious) && has(.multiplier) { f.multiplier = fact(.multiplier) }
      }
      // R6: seriousness, then the amount.
      if e || (tortLiable && m.mentalPossible) {
        f.mentalHarm =
          m.scored
          ? .scored(score: fact(.mentalHarmScore), threshold: m.mentalHarmThreshold)
          : .found(seriousMentalHarm)
        if (e || f.mentalHarm.isSerious) && has(.mentalDistress) {
          f.mentalDistress = Yuan(fact(.mentalDistress))
          f.mentalDistressCap = m.mentalDistressCap
        }
      }
    }
    return (m.computesTort ? m.assessor.tort(f) : nil,
            m.computesContract ? m.assessor.contract(f) : nil)
  }

  @inline(__always)
  func has(_ key: FactKey) -> Bool { model.samplers[key.ordinal] != nil }
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

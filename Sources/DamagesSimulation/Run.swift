import DamagesLaw
import GSL

/// The per-run state of one worker: the generator and scratch space, reused for every run.
///
/// In a simulation every run reads its own point (``usePoint(_:)``): one uniform coordinate
/// per finding and per uncertain fact, whatever the run needs. A fact is computed from its
/// coordinate only when the rules need it, and its value never depends on what was drawn
/// before, in this run or another: a sweep that moves one probability changes only what that
/// finding governs, and both routes of a comparison see the same facts (common random numbers,
/// docs/scenario-format.md, Sweeps). Without a point (the eager draws of the rank correlations, ``eager``), findings
/// and facts come from the two streams below.
struct RunState {
  let model: CompiledModel
  /// Amounts without a point; with one, the scratch generator of the laws drawn by their own
  /// sampler (``FactSampler/value(atRandom:fact:scratch:distribution:)``).
  let random: RandomSource
  /// Findings without a point: every probability of the scenario, in a fixed order.
  let gates: RandomSource
  var values: [Double]
  var drawn: UInt32 = 0
  var z: [Double]
  /// Set when a draw is invalid (NaN, infinite, a negative amount): the fact's ordinal.
  var invalidFact = -1
  var invalidValue = 0.0

  /// The gate stream's next numbers, drawn many at a time (the same numbers, in the same order,
  /// as one call per finding); `gateIndex` is the next one to use.
  var gateBuffer: [Double]
  var gateIndex: Int

  /// What every run reads from the model, copied out of it once, so that the per-run loop
  /// reads plain values instead of going through the shared model object.
  struct Constants {
    var pWork, pInfringement, pCausation, pFault: Double
    var pProvenLoss, pProvenGains, pProvenFee: Double
    var pIntentional, pSerious, pSeriousMentalHarm: Double
    var drawsTort, drawsContract, punitiveText, mentalPossible, scored: Bool
    var mentalHarmThreshold: Double
    var mentalDistressCap: Yuan?
    /// Bit k: fact k has a sampler.
    var available: UInt32

    init(_ m: CompiledModel) {
      pWork = m.pWork; pInfringement = m.pInfringement; pCausation = m.pCausation
      pFault = m.pFault
      pProvenLoss = m.pProvenLoss; pProvenGains = m.pProvenGains; pProvenFee = m.pProvenFee
      pIntentional = m.pIntentional; pSerious = m.pSerious
      pSeriousMentalHarm = m.pSeriousMentalHarm
      drawsTort = m.drawsTort; drawsContract = m.drawsContract
      punitiveText = m.punitiveText; mentalPossible = m.mentalPossible; scored = m.scored
      mentalHarmThreshold = m.mentalHarmThreshold
      mentalDistressCap = m.mentalDistressCap
      available = 0
      for k in 0..<CompiledModel.factCount where m.samplers[k] != nil { available |= 1 << UInt32(k) }
    }
  }
  let constants: Constants
  let assessor: Assessor
  let pDefenses: [Double]

  init(model: CompiledModel, random: RandomSource, gates: RandomSource = RandomSource(seed: 0)) {
    self.model = model
    constants = Constants(model)
    assessor = model.assessor
    pDefenses = model.pDefenses
    self.random = random
    self.gates = gates
    values = [Double](repeating: 0, count: CompiledModel.factCount)
    z = [Double](repeating: 0, count: CompiledModel.factCount)
    gateBuffer = [Double](repeating: 0, count: 1_024)
    gateIndex = gateBuffer.count
  }

  /// Quasi-random and Latin hypercube sampling (``Sampling``): the points of the current
  /// replicate, run-major (``CompiledModel/dimension`` coordinates per run), and where the
  /// current run's point starts; -1 for random sampling.
  var points: [Double] = []
  var pointBase = -1
  var gateCounter = 0
  /// The points are a Latin hypercube or Sobol points, whose strata only quantiles preserve;
  /// false for independent uniforms (``FactSampler/value(atRandom:fact:scratch:distribution:)``).
  var stratified = false

  /// Starts run `i` of the current replicate's points.
  @inline(__always)
  mutating func usePoint(_ i: Int) {
    pointBase = i * model.dimension
    gateCounter = 0
  }

  /// A finding with probability p: always one number from the gate stream, or one coordinate
  /// of the run's point (p = 0 is never true, p = 1 always).
  @inline(__always)
  mutating func bernoulli(_ p: Double) -> Bool {
    if pointBase >= 0 {
      let u = points[pointBase + gateCounter]
      gateCounter &+= 1
      return u < p
    }
    if gateIndex == gateBuffer.count {
      gates.fillUniform(&gateBuffer)
      gateIndex = 0
    }
    let u = gateBuffer[gateIndex]
    gateIndex &+= 1
    return u < p
  }

  /// Reseeds both streams for a block.
  mutating func reseed(_ a: UInt64, _ b: UInt64) {
    random.reseed(a, b)
    gates.reseed(b ^ 0xA076_1D64_78BD_642F, a &+ 0xE703_7ED1_A0B4_28DB)
    gateIndex = gateBuffer.count
  }

  @inline(__always)
  mutating func fact(_ key: FactKey) -> Double {
    let k = key.ordinal
    if drawn & (1 << UInt32(k)) == 0 {
      let g = model.groupOf[k]
      if g >= 0 {
        drawGroup(g)
      } else if pointBase >= 0, let d = model.dimensionOf[k] {
        let u = points[pointBase + d]
        store(k, stratified
          ? model.samplers[k]!.value(atUniform: u, distribution: model.distributions[k]!)
          : model.samplers[k]!.value(atRandom: u, fact: k, scratch: random,
                                     distribution: model.distributions[k]!))
      } else {
        store(k, model.samplers[k]!.draw(random))
      }
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
    let first = model.groupStart[g]
    let n = model.groupStart[g + 1] - first
    let factor = model.factorStart[g]
    if pointBase >= 0 {
      for i in 0..<n {
        let k = model.groupMembers[first + i]
        z[i] = FactSampler.standardNormal(atUniform: model.dimensionOf[k].map { points[pointBase + $0] } ?? 0.5)
      }
    } else if n == 2 {
      // the common case, a pair: the same draws and sums as the loops below
      let z0 = random.standardNormal(), z1 = random.standardNormal()
      let k0 = model.groupMembers[first], k1 = model.groupMembers[first + 1]
      let y0 = 0.0 + model.groupFactor[factor] * z0
      let y1 = (0.0 + model.groupFactor[factor + 2] * z0) + model.groupFactor[factor + 3] * z1
      store(k0, model.samplers[k0]!.value(atNormal: y0, distribution: model.distributions[k0]!))
      store(k1, model.samplers[k1]!.value(atNormal: y1, distribution: model.distributions[k1]!))
      return
    } else {
      for i in 0..<n { z[i] = random.standardNormal() }
    }
    for i in 0..<n {
      var y = 0.0
      for j in 0...i { y += model.groupFactor[factor + i * n + j] * z[j] }
      let k = model.groupMembers[first + i]
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
    resolve(&f)
    return (model.computesTort ? model.assessor.tort(f) : nil,
            model.computesContract ? model.assessor.contract(f) : nil)
  }

  /// One run's draws: the findings, then the amounts the rules will need, into `f`. The
  /// engine applies the rules (``Assessor/tort(_:)``, ``Assessor/contract(_:)``) to `f`.
  @inline(__always)
  mutating func resolve(_ f: inout Facts) {
    let m = constants
    let e = eager
    drawn = 0
    f = Facts()
    // Every finding, in a fixed order (see `gates`).
    f.elements = Elements(
      work: bernoulli(m.pWork), infringement: bernoulli(m.pInfringement),
      causation: bernoulli(m.pCausation), fault: bernoulli(m.pFault))
    for i in 0..<pDefenses.count where bernoulli(pDefenses[i]) { f.defenses.set(i, true) }
    let lossProven = bernoulli(m.pProvenLoss)
    let gainsProven = bernoulli(m.pProvenGains)
    let feeProven = bernoulli(m.pProvenFee)
    let intentional = bernoulli(m.pIntentional)
    let serious = bernoulli(m.pSerious)
    let seriousMentalHarm = bernoulli(m.pSeriousMentalHarm)
    // R5: the expenses are spent whatever the outcome.
    if has(.expenses) { f.expenses = Yuan(fact(.expenses)) }
    // What to draw follows both routes where the claimant could choose either (see
    // `CompiledModel.drawsTort`); what is assessed follows the route chosen.
    let tortLiable = m.drawsTort && assessor.liability(f, route: .tort).finding.isLiable
    let contractLiable =
      m.drawsContract && assessor.liability(f, route: .contract).finding.isLiable
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
          if (e || !f.licenseFeeProven) && has(.statutoryAwardPerWork) {
            f.statutoryAwardPerWork = Yuan(fact(.statutoryAwardPerWork))
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
  }

  @inline(__always)
  func has(_ key: FactKey) -> Bool { constants.available & (1 << UInt32(key.ordinal)) != 0 }
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
    case .statutoryAwardPerWork: 10
    }
  }
}

/// The facts of one outcome, every uncertainty resolved: a figure is given or not, a finding is
/// true or false. `damages estimate` resolves each fact to its median or threshold; a
/// simulation run resolves each to one draw.
public struct Facts: Hashable, Sendable {
  /// The figures, if the scenario gives them, and whether the court accepts each (R1, R2).
  public var actualLoss: Yuan?
  public var illegalGains: Yuan?
  public var licenseFee: Yuan?
  public var lossProven = false
  public var gainsProven = false
  public var licenseFeeProven = false
  /// R2: the multiple of the license fee, within 1 to 5.
  public var licenseFeeMultiple = 1.0
  /// R3: the award the court would fix, within the statutory range.
  public var statutoryAward: Yuan?
  /// R3 per work: the amount per work, which replaces `statutoryAward` (the award is the
  /// case's number of works times it, ``StatutoryPerWork``).
  public var statutoryAwardPerWork: Yuan?
  /// R4: the gate and the multiplier (within 1 to 5; required when the gate can open).
  public var intentional = false
  public var serious = false
  public var multiplier: Double?
  /// R6
  public var mentalHarm = MentalDistress.Harm.found(false)
  public var mentalDistress = Yuan.zero
  public var mentalDistressCap: Yuan?
  /// R5: spent in every case, recovered only inside an award.
  public var expenses = Yuan.zero
  /// R9
  public var liquidatedDamages: Yuan?
  /// R7
  public var elements = Elements()
  public var defenses = DefenseOutcomes()

  @inlinable public init() {}

  /// The figures the court accepts.
  @inlinable public var provenFigures: ProvenFigures {
    ProvenFigures(
      actualLoss: lossProven ? actualLoss : nil,
      illegalGains: gainsProven ? illegalGains : nil,
      licenseFee: licenseFeeProven ? licenseFee : nil,
      licenseFeeMultiple: licenseFeeMultiple,
      statutoryAward: statutoryAward)
  }
}

/// Whether a defendant is liable, and if not, why (R7).
public enum LiabilityFinding: Hashable, Sendable {
  case liable
  /// An element of R7.2 fails.
  case elementMissing(Elements.Element)
  /// A case-wide defence succeeded (index into ``CaseTerms/defenses``).
  case defense(Int)
  /// Every defendant is exempt by its own defence.
  case everyDefendantExempt

  @inlinable public var isLiable: Bool {
    if case .liable = self { return true }
    return false
  }
}

/// The outcome of a case on one route, for one resolution of the facts.
public struct Outcome: Hashable, Sendable {
  public var route: Route
  public var liability: LiabilityFinding
  public var basis: Basis
  /// R1 to R3 (tort) or R9 (contract): the amount before punitive damages.
  public var base: Yuan
  /// R4: the amount above the base; 0 when not applied.
  public var punitive: Yuan
  /// R4: the multiplier applied; 0 when punitive damages do not apply.
  public var multiplier: Double
  public var punitiveStatus: Punitive.Status
  /// base + punitive.
  public var compensation: Yuan
  public var mentalDistress: Yuan
  public var mentalDistressStatus: MentalDistress.Status
  /// R5: the expenses added to the award.
  public var expenses: Yuan
  /// R5: the expenses spent, whatever the outcome.
  public var expensesSpent: Yuan
  /// R9: what happened to the liquidated damages.
  public var liquidatedAdjustment: ContractDamages.Adjustment
  /// The award before the claim cap.
  public var uncappedAward: Yuan
  /// The award: min(uncapped, claim).
  public var award: Yuan
  /// True when the claim cap bound (the uncapped award exceeds the claim).
  public var capped: Bool
  /// R10: the acceptance fee on the claim (nil without a claim).
  public var fee: Yuan?
  /// R10: the claimant's share of the fee.
  public var feeShare: Yuan
  /// award − fee share − expenses spent.
  public var netRecovery: Yuan
  /// R8: the defendants exempt by their own defences (bit i for defendant i).
  public var exemptDefendants: UInt64

  /// Memberwise, usable by the inlinable rules below.
  @usableFromInline
  init(
    route: Route,
    liability: LiabilityFinding,
    basis: Basis,
    base: Yuan,
    punitive: Yuan,
    multiplier: Double,
    punitiveStatus: Punitive.Status,
    compensation: Yuan,
    mentalDistress: Yuan,
    mentalDistressStatus: MentalDistress.Status,
    expenses: Yuan,
    expensesSpent: Yuan,
    liquidatedAdjustment: ContractDamages.Adjustment,
    uncappedAward: Yuan,
    award: Yuan,
    capped: Bool,
    fee: Yuan?,
    feeShare: Yuan,
    netRecovery: Yuan,
    exemptDefendants: UInt64
  ) {
    self.route = route
    self.liability = liability
    self.basis = basis
    self.base = base
    self.punitive = punitive
    self.multiplier = multiplier
    self.punitiveStatus = punitiveStatus
    self.compensation = compensation
    self.mentalDistress = mentalDistress
    self.mentalDistressStatus = mentalDistressStatus
    self.expenses = expenses
    self.expensesSpent = expensesSpent
    self.liquidatedAdjustment = liquidatedAdjustment
    self.uncappedAward = uncappedAward
    self.award = award
    self.capped = capped
    self.fee = fee
    self.feeShare = feeShare
    self.netRecovery = netRecovery
    self.exemptDefendants = exemptDefendants
  }

  @inlinable public var isLiable: Bool { liability.isLiable }
}

/// Applies the rules R1 to R10 to resolved facts. Built once per case (a class, so that the per-run
/// loop shares it instead of copying its arrays); `tort` and `contract` are cheap,
/// allocates nothing and is what every simulation run calls.
public final class Assessor: Sendable {
  public let terms: CaseTerms
  @usableFromInline let punitiveLaw: ApplicableLaw.PunitiveBasis
  @usableFromInline let works: Int
  @usableFromInline let moralRight: Bool
  @usableFromInline let allDefendants: UInt64
  /// The defences that clear everyone (bit i for defence i), in tort and in contract.
  @usableFromInline let caseWideTort: UInt64
  @usableFromInline let caseWideContract: UInt64
  /// For each defence naming a defendant: (defence bit, defendant bit).
  @usableFromInline let exemptions: [(defense: UInt64, defendant: UInt64)]
  /// R10: the acceptance fee on the claim (nil without a claim).
  public let fee: Yuan?

  public init(terms: CaseTerms) {
    precondition(terms.defenses.count <= DefenseOutcomes.capacity)
    precondition(terms.defendants.count <= 64)
    self.terms = terms
    punitiveLaw = terms.applicableLaw.punitive
    works = terms.works
    moralRight = terms.infringesMoralRight
    allDefendants = terms.defendants.isEmpty ? 0 : (UInt64.max >> UInt64(64 - terms.defendants.count))
    var tort: UInt64 = 0
    var contract: UInt64 = 0
    var exemptions: [(UInt64, UInt64)] = []
    for (i, d) in terms.defenses.enumerated() {
      let bit: UInt64 = 1 << UInt64(i)
      if d.kind.isCaseWide { tort |= bit }
      if d.kind.appliesInContract { contract |= bit }
      if !d.kind.isCaseWide, let who = d.defendant { exemptions.append((bit, 1 << UInt64(who))) }
    }
    caseWideTort = tort
    caseWideContract = contract
    self.exemptions = exemptions
    fee = terms.claim.map { FilingFee.fee(claim: $0, procedure: terms.procedure) }
  }

  /// R7: whether the defendants are liable on a route, and which are exempt by their own
  /// defences (bit i for defendant i). On the contract route fault is not an element and only
  /// consent excuses (Civil Code Art. 577); no defendant is exempt there.
  @inlinable @inline(__always)
  public func liability(_ facts: Facts, route: Route) -> (finding: LiabilityFinding, exempt: UInt64) {
    let contract = route == .contract
    if let missing = facts.elements.firstMissing(faultRequired: !contract) {
      return (.elementMissing(missing), 0)
    }
    let succeeded = facts.defenses.bits
    let caseWide = contract ? caseWideContract : caseWideTort
    if succeeded & caseWide != 0 {
      return (.defense((succeeded & caseWide).trailingZeroBitCount), 0)
    }
    if contract { return (.liable, 0) }
    var exempt: UInt64 = 0
    for e in exemptions where succeeded & e.defense != 0 { exempt |= e.defendant }
    if exempt & allDefendants == allDefendants { return (.everyDefendantExempt, exempt) }
    return (.liable, exempt)
  }

  /// The outcome on the tort route (R1 to R7, R10).
  @inlinable @inline(__always)
  public func tort(_ facts: Facts) -> Outcome {
    var outcome = emptyOutcome(route: .tort, facts: facts)
    // R7: liability.
    let (finding, exempt) = liability(facts, route: .tort)
    outcome.liability = finding
    outcome.exemptDefendants = exempt
    guard finding.isLiable else {
      finish(&outcome)
      return outcome
    }
    // R1 to R3: basis and base.
    var figures = facts.provenFigures
    if let perWork = facts.statutoryAwardPerWork {
      figures.statutoryAward = StatutoryPerWork.award(perWork: perWork, works: works)
    }
    let (basis, base) = CompensationBasis.choose(figures, election: terms.options.election)
    outcome.basis = basis
    outcome.base = base
    // R4: punitive damages.
    outcome.punitiveStatus = Punitive.gate(
      intentional: facts.intentional, serious: facts.serious, basis: basis, law: punitiveLaw)
    if outcome.punitiveStatus == .applied, let m = facts.multiplier {
      outcome.multiplier = m
      outcome.punitive = Punitive.amount(base: base, multiplier: m, reading: terms.options.punitive)
    }
    outcome.compensation = base + outcome.punitive
    // R6: mental distress.
    outcome.mentalDistressStatus = MentalDistress.gate(
      claimant: terms.claimant, moralRightInfringed: moralRight, harm: facts.mentalHarm)
    if outcome.mentalDistressStatus == .awarded {
      outcome.mentalDistress = MentalDistress.amount(facts.mentalDistress, cap: facts.mentalDistressCap)
    }
    // R5: expenses.
    outcome.expenses = Expenses.added(
      facts.expenses, basis: basis, statutoryIncludesExpenses: terms.options.statutoryIncludesExpenses)
    outcome.uncappedAward = outcome.compensation + outcome.mentalDistress + outcome.expenses
    finish(&outcome)
    return outcome
  }

  /// The outcome on the contract route (R9, R10).
  @inlinable @inline(__always)
  public func contract(_ facts: Facts) -> Outcome {
    var outcome = emptyOutcome(route: .contract, facts: facts)
    outcome.liability = liability(facts, route: .contract).finding
    guard outcome.liability.isLiable else {
      finish(&outcome)
      return outcome
    }
    let result = ContractDamages.damages(
      provenLoss: facts.lossProven ? facts.actualLoss : nil, liquidated: facts.liquidatedDamages,
      intentional: facts.intentional, capRatio: terms.options.liquidatedCapRatio)
    outcome.basis = result.basis
    outcome.base = result.amount
    outcome.liquidatedAdjustment = result.adjustment
    outcome.compensation = result.amount
    outcome.expenses = terms.options.contractExpenses ? facts.expenses : .zero
    outcome.uncappedAward = outcome.compensation + outcome.expenses
    finish(&outcome)
    return outcome
  }

  @inlinable @inline(__always)
  func emptyOutcome(route: Route, facts: Facts) -> Outcome {
    Outcome(
      route: route, liability: .liable, basis: .none, base: .zero, punitive: .zero, multiplier: 0,
      punitiveStatus: .notLiable, compensation: .zero, mentalDistress: .zero,
      mentalDistressStatus: .notLiable, expenses: .zero, expensesSpent: facts.expenses,
      liquidatedAdjustment: .none, uncappedAward: .zero, award: .zero, capped: false, fee: fee,
      feeShare: .zero, netRecovery: .zero, exemptDefendants: 0)
  }

  /// The claim cap and R10 on a computed outcome. A not-liable outcome keeps every part at 0.
  @inlinable @inline(__always)
  func finish(_ outcome: inout Outcome) {
    let liable = outcome.isLiable
    if !liable {
      outcome.basis = .none
      outcome.uncappedAward = .zero
    }
    outcome.award = outcome.uncappedAward
    if let claim = terms.claim, outcome.uncappedAward > claim {
      outcome.award = claim
      outcome.capped = true
    }
    if let fee, let claim = terms.claim {
      outcome.feeShare = FilingFee.claimantShare(
        fee: fee, claim: claim, award: outcome.award, liable: liable,
        allocation: terms.options.feeAllocation)
    }
    outcome.netRecovery = outcome.award - outcome.feeShare - outcome.expensesSpent
  }
}

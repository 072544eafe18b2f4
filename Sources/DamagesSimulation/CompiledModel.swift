import DamagesLaw
public import GSL
import Foundation

/// An error that stops a simulation.
public enum SimulationError: Error, Equatable, CustomStringConvertible {
  /// The correlation matrix is not positive definite; the facts are the pairs involved.
  case correlationsConflict(facts: [String])
  /// A draw produced NaN, an infinity or a negative amount.
  case invalidSample(fact: String, value: Double, distribution: String)
  /// An award left the rules NaN, infinite or negative (a bug: the rules should exclude it).
  case invalidAward(value: Double)
  /// Ctrl-C.
  case cancelled
  /// GSL failed.
  case gsl(GSLError)

  public var description: String {
    switch self {
    case let .correlationsConflict(facts):
      "correlations: the correlation matrix of \(facts.joined(separator: ", ")) is not positive definite: these rank correlations cannot hold together; weaken one of them"
    case let .invalidSample(fact, value, distribution):
      "facts.\(fact): a draw gave \(value) from \(distribution); amounts must be finite and not negative"
    case let .invalidAward(value): "internal error: an award of \(value) was computed"
    case .cancelled: "cancelled"
    case let .gsl(error): "GSL: \(error)"
    }
  }
}

/// A scenario compiled for the per-run loop: samplers in flat arrays, the copula factored, the
/// assessor built, the defendants' fractions tabulated. Immutable; shared by all threads.
public final class CompiledModel: Sendable {
  let scenario: Scenario
  let assessor: Assessor
  /// Which routes each run computes.
  let computesTort: Bool
  let computesContract: Bool
  /// Which routes' needs decide what a run draws. For repetitive generation, where the
  /// claimant may choose either route, always both, whatever the route chosen: then a run of
  /// `route: tort`, `route: contract` and `route: compare` draws the same numbers for the same
  /// facts, and each side of a comparison is exactly the simulation of that route alone (R9).
  let drawsTort: Bool
  let drawsContract: Bool

  static let factCount = FactKey.allCases.count
  /// Indexed by FactKey ordinal.
  let samplers: [FactSampler?]
  let distributions: [Distribution?]
  let isMoney: [Bool] = FactKey.allCases.map(\.isMoney)
  /// For each fact: its copula group, or -1.
  let groupOf: [Int]
  /// The copula groups, flat, so that a run reads them without copying a group out of the
  /// model: group g's members are `groupMembers[groupStart[g] ..< groupStart[g + 1]]`, its
  /// n × n Cholesky factor row-major from `groupFactor[factorStart[g]]`.
  let groupStart: [Int]
  let groupMembers: [Int]
  let factorStart: [Int]
  let groupFactor: [Double]

  // Probabilities (R7, R1, R4, R6).
  let pWork, pInfringement, pCausation, pFault: Double
  let pDefenses: [Double]
  let pProvenLoss, pProvenGains, pProvenFee: Double
  let pIntentional, pSerious, pSeriousMentalHarm: Double
  let mentalHarmThreshold: Double
  let mentalDistressCap: Yuan?
  let scored: Bool
  /// R4 can open (the infringement lasted to 2021-01-01 or later) and R6 can pass its first
  /// two gates.
  let punitiveText: Bool
  let mentalPossible: Bool

  /// The coordinates of a run's point (``Sampling``): the findings first, in the order a run
  /// draws them, then one per drawn fact (nil: a fixed fact, which needs none).
  let gateCount: Int
  let dimensionOf: [Int?]
  let dimension: Int

  /// R8: fractions of the award per defendant, by compressed exemption pattern.
  let exemptable: [Int]
  let fractionTable: [[Apportionment.Fractions]?]
  let defendantCount: Int

  struct CopulaGroup: Sendable {
    var members: [Int]
    /// Lower-triangular Cholesky factor, row-major n×n.
    var cholesky: [Double]
  }

  /// The findings a portfolio can share (docs/batch.md), in the order a run draws them
  /// (``RunState/resolve(_:)``).
  public enum Finding: Hashable, Sendable {
    case work, infringement, causation, fault
    case defense(Int)
    case provenLoss, provenGains, provenLicenseFee, intentional, serious

    /// The finding's coordinate in a run's point, for a scenario with `defenses` defences.
    public func gate(defenses: Int) -> Int {
      switch self {
      case .work: 0
      case .infringement: 1
      case .causation: 2
      case .fault: 3
      case .defense(let i): 4 + i
      case .provenLoss: 4 + defenses
      case .provenGains: 5 + defenses
      case .provenLicenseFee: 6 + defenses
      case .intentional: 7 + defenses
      case .serious: 8 + defenses
      }
    }
  }

  init(_ scenario: Scenario) throws(SimulationError) {
    self.scenario = scenario
    let terms = scenario.terms
    assessor = Assessor(terms: terms)
    computesTort = terms.route != .contract
    computesContract = terms.route != .tort
    let eitherRoute = terms.act.bindsServiceAgreement
    drawsTort = computesTort || eitherRoute
    drawsContract = computesContract || eitherRoute
    var samplers = [FactSampler?](repeating: nil, count: Self.factCount)
    var distributions = [Distribution?](repeating: nil, count: Self.factCount)
    for (i, key) in FactKey.allCases.enumerated() {
      if let d = scenario.facts[key] {
        do { samplers[i] = try FactSampler(d) } catch { throw .gsl(error) }
        distributions[i] = d
      }
    }
    self.samplers = samplers
    self.distributions = distributions
    let groups: [CopulaGroup]
    (groupOf, groups) = try Self.buildCopula(scenario.correlations)
    groupStart = groups.reduce(into: [0]) { $0.append($0.last! + $1.members.count) }
    groupMembers = groups.flatMap(\.members)
    factorStart = groups.reduce(into: [0]) { $0.append($0.last! + $1.cholesky.count) }
    groupFactor = groups.flatMap(\.cholesky)

    let f = scenario.facts, l = scenario.liability
    pWork = l.work; pInfringement = l.infringement; pCausation = l.causation; pFault = l.fault
    pDefenses = l.defenseSuccess
    // work, infringement, causation, fault, each defence, three proofs, intent, seriousness,
    // serious mental harm: see RunState.resolve
    gateCount = 4 + l.defenseSuccess.count + 6
    var dimensionOf = [Int?](repeating: nil, count: Self.factCount)
    var next = gateCount
    for k in 0..<Self.factCount {
      if let sampler = samplers[k], !sampler.isFixed { dimensionOf[k] = next; next += 1 }
    }
    self.dimensionOf = dimensionOf
    dimension = next
    pProvenLoss = f[.actualLoss] == nil ? 0 : f.provenLoss
    pProvenGains = f[.illegalGains] == nil ? 0 : f.provenGains
    pProvenFee = f[.licenseFee] == nil ? 0 : f.provenLicenseFee
    pIntentional = f.intentional; pSerious = f.serious; pSeriousMentalHarm = f.seriousMentalHarm
    mentalHarmThreshold = f.mentalHarmThreshold
    mentalDistressCap = f.mentalDistressCap.map { Yuan($0) }
    scored = f[.mentalHarmScore] != nil
    punitiveText = terms.applicableLaw.punitive != .unavailable
    mentalPossible = terms.claimant == .naturalPerson && terms.infringesMoralRight

    defendantCount = terms.defendants.count
    var named = Set<Int>()
    for d in terms.defenses where !d.kind.isCaseWide { if let i = d.defendant { named.insert(i) } }
    exemptable = named.sorted()
    precondition(exemptable.count <= 16, "at most 16 defendants may raise exempting defences")
    var table: [[Apportionment.Fractions]?] = []
    for pattern in 0..<(1 << exemptable.count) {
      var mask: UInt64 = 0
      for (j, i) in exemptable.enumerated() where pattern & (1 << j) != 0 { mask |= 1 << UInt64(i) }
      table.append(Apportionment.fractions(for: terms.defendants, exempt: mask))
    }
    fractionTable = table
  }

  /// The compressed index of an exemption mask into ``fractionTable``.
  @inline(__always)
  func patternIndex(_ exempt: UInt64) -> Int {
    if exempt == 0 { return 0 }
    var index = 0
    for (j, i) in exemptable.enumerated() where exempt & (1 << UInt64(i)) != 0 { index |= 1 << j }
    return index
  }

  /// The correlations of `correlations` that cannot hold together (the matrix of a group of
  /// facts is not positive definite), as messages name them; nil if they can.
  public static func conflict(in correlations: [Correlation]) -> [String]? {
    do { _ = try buildCopula(correlations) } catch {
      if case let .correlationsConflict(facts) = error { return facts }
    }
    return nil
  }

  static func buildCopula(_ correlations: [Correlation]) throws(SimulationError) -> ([Int], [CopulaGroup]) {
    var groupOf = [Int](repeating: -1, count: factCount)
    guard !correlations.isEmpty else { return (groupOf, []) }
    func ordinal(_ k: FactKey) -> Int { FactKey.allCases.firstIndex(of: k)! }
    // Connected components of the correlation graph: each is one Gaussian copula.
    var parent = Array(0..<factCount)
    func find(_ x: Int) -> Int { var x = x; while parent[x] != x { x = parent[x] }; return x }
    var involved = Set<Int>()
    for c in correlations {
      let a = ordinal(c.first), b = ordinal(c.second)
      involved.formUnion([a, b])
      parent[find(a)] = find(b)
    }
    var groups: [CopulaGroup] = []
    var rootGroup: [Int: Int] = [:]
    for i in involved.sorted() {
      let root = find(i)
      if rootGroup[root] == nil {
        rootGroup[root] = groups.count
        groups.append(CopulaGroup(members: [], cholesky: []))
      }
      groupOf[i] = rootGroup[root]!
      groups[rootGroup[root]!].members.append(i)
    }
    for g in groups.indices {
      let members = groups[g].members
      let n = members.count
      var matrix = [[Double]](repeating: [Double](repeating: 0, count: n), count: n)
      for i in 0..<n { matrix[i][i] = 1 }
      for c in correlations {
        guard let i = members.firstIndex(of: ordinal(c.first)),
          let j = members.firstIndex(of: ordinal(c.second))
        else { continue }
        // Spearman ρ to the Pearson correlation of the underlying normals.
        let pearson = 2 * Foundation.sin(Double.pi * c.rho / 6)
        matrix[i][j] = pearson
        matrix[j][i] = pearson
      }
      do {
        let l = try LinearAlgebra.cholesky(matrix)
        groups[g].cholesky = l.flatMap { $0 }
      } catch {
        let names = correlations.filter {
          members.contains(ordinal($0.first)) || members.contains(ordinal($0.second))
        }.map { "\($0.first.rawValue)–\($0.second.rawValue) (\($0.rho))" }
        throw .correlationsConflict(facts: names)
      }
    }
    return (groupOf, groups)
  }
}

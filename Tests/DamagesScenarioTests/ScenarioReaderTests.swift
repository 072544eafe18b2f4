import DamagesScenario
import DamagesLaw
import DamagesSimulation
import Foundation
import Testing

/// Parses text that must be valid.
func parsed(_ text: String, sourceLocation: SourceLocation = #_sourceLocation) throws -> Scenario {
  do {
    return try ScenarioReader.parse(text, file: "s.yaml")
  } catch {
    Issue.record("unexpected errors:\n\(error.description)", sourceLocation: sourceLocation)
    throw error
  }
}

/// The rendered diagnostics of text that must be invalid (empty if it parsed).
func diagnostics(_ text: String, file: String = "s.yaml") -> [String] {
  do {
    _ = try ScenarioReader.parse(text, file: file)
    return []
  } catch {
    #expect(error.exitCode == 65)
    return error.diagnostics.map(\.rendered)
  }
}

/// A valid scenario's first three lines: facts and the rest follow from line 4.
let head = """
  version: 1
  title: test
  case: {act: illegal-use, claimant: natural-person, rights: [reproduction]}

  """

@Suite("Scenario reader: valid files")
struct ScenarioReaderTests {
  /// The example of docs/scenario-format.md, verbatim.
  static let specExample = """
    version: 1
    title: "李某 v. 刘某: AI-generated image used without permission"   # quoted: it contains ": "
    source: Beijing Internet Court (2023) 京0491民初11279        # optional: where the facts come from
    case:
      act: illegal-use
      claimant: natural-person
      rights: [attribution, network-dissemination]
      route: tort
      procedure: ordinary            # ordinary | summary
      claim: 5000                    # amount claimed in the complaint (optional)
    facts:                           # each: a number, a boolean, or a distribution
      actual_loss: {dist: lognormal, median: 3000, sigma: 0.8}
      illegal_gains: {dist: lognormal, p10: 500, p90: 8000}
      license_fee: {dist: triangular, min: 500, mode: 1500, max: 4000}
      proven:                        # probability the court accepts each figure; default 1 if the figure is given, 0 if omitted
        actual_loss: 0.2
        illegal_gains: 0.1
        license_fee: 0.3
      statutory_award: {dist: uniform, min: 500, max: 5000}
      intentional: 0.2               # probability, or true / false
      serious: 0.1
      multiplier: {dist: pert, min: 1, mode: 2, max: 5}
      serious_mental_harm: 0.05
      mental_distress: {dist: uniform, min: 1000, max: 10000}
      expenses: {dist: uniform, min: 1000, max: 3000}
    liability:
      work: 0.9
      infringement: 0.95
      fault: 0.9
      defenses:
        - {kind: fair-use, success: 0.05}
    defendants:                      # optional: default one `sole` defendant named "defendant"
      - {name: 刘某, role: infringer, form: sole}
    correlations:                    # optional: Spearman rank correlations between sampled facts
      - [actual_loss, illegal_gains, 0.6]
    options:
      punitive: additive
    simulation:
      runs: 100000
      seed: 20231127
    sweep:                           # optional: parameters to vary, each a list or a range
      facts.multiplier: [1, 2, 3, 4, 5]
      facts.illegal_gains: {from: 1000, to: 1000000, steps: 7, scale: log}
    """

  @Test("The example of docs/scenario-format.md reads to the values it states")
  func specExampleParses() throws {
    let s = try parsed(Self.specExample)
    #expect(s.title == "李某 v. 刘某: AI-generated image used without permission")
    #expect(s.source == "Beijing Internet Court (2023) 京0491民初11279")
    #expect(s.terms.act == .illegalUse)
    #expect(s.terms.claimant == .naturalPerson)
    #expect(s.terms.holder == .owner)
    #expect(s.terms.rights == [.attribution, .networkDissemination])
    #expect(s.terms.route == .tort)
    #expect(s.terms.procedure == .ordinary)
    #expect(s.terms.claim == Yuan(5000))
    #expect(s.terms.infringementDate == nil)
    #expect(s.facts[.actualLoss] == .lognormal(median: 3000, sigma: 0.8))
    #expect(s.facts[.illegalGains] == .lognormal(p10: 500, p90: 8000))
    #expect(s.facts[.licenseFee] == .triangular(min: 500, mode: 1500, max: 4000))
    #expect(s.facts.provenLoss == 0.2)
    #expect(s.facts.provenGains == 0.1)
    #expect(s.facts.provenLicenseFee == 0.3)
    #expect(s.facts[.statutoryAward] == .uniform(min: 500, max: 5000))
    #expect(s.facts.intentional == 0.2)
    #expect(s.facts.serious == 0.1)
    #expect(s.facts[.multiplier] == .pert(min: 1, mode: 2, max: 5, lambda: 4))
    #expect(s.facts.seriousMentalHarm == 0.05)
    #expect(s.facts[.mentalDistress] == .uniform(min: 1000, max: 10000))
    #expect(s.facts[.expenses] == .uniform(min: 1000, max: 3000))
    #expect(s.facts[.licenseFeeMultiple] == nil)
    #expect(s.facts.mentalHarmThreshold == 6)
    #expect(s.facts.mentalDistressCap == nil)
    #expect(s.liability.work == 0.9)
    #expect(s.liability.infringement == 0.95)
    #expect(s.liability.causation == 1)
    #expect(s.liability.fault == 0.9)
    #expect(s.terms.defenses == [Defense(kind: .fairUse)])
    #expect(s.liability.defenseSuccess == [0.05])
    #expect(s.terms.defendants == [Defendant(name: "刘某", role: .infringer, form: .sole)])
    #expect(s.correlations == [Correlation(.actualLoss, .illegalGains, rho: 0.6)])
    #expect(s.terms.options == Options())
    #expect(s.simulation.runs == 100_000)
    #expect(s.simulation.seed == 20_231_127)
    #expect(s.simulation.threads == nil)
    #expect(s.sweep.count == 2)
    #expect(s.sweep[0] == SweepAxis(path: "facts.multiplier", values: [1, 2, 3, 4, 5]))
    #expect(s.sweep[1].path == "facts.illegal_gains")
    let expected = (0..<7).map { 1000 * pow(10, Double($0) / 2) }
    #expect(s.sweep[1].values.count == 7)
    #expect(s.sweep[1].values.first == 1000)
    #expect(s.sweep[1].values.last == 1_000_000)
    for (a, b) in zip(s.sweep[1].values, expected) { #expect(abs(a - b) <= 1e-9 * b) }
  }

  @Test("The same example written as JSON reads the same")
  func jsonIsAccepted() throws {
    let json = """
      {"version": 1, "title": "t",
       "case": {"act": "illegal-use", "claimant": "legal-person", "rights": ["reproduction"]},
       "facts": {"actual_loss": {"dist": "uniform", "min": 1000, "max": 2000}, "expenses": 500},
       "simulation": {"runs": 1000, "seed": 7, "threads": 2}}
      """
    let s = try parsed(json)
    #expect(s.terms.claimant == .legalPerson)
    #expect(s.facts[.actualLoss] == .uniform(min: 1000, max: 2000))
    #expect(s.facts[.expenses] == .fixed(500))
    #expect(s.facts.provenLoss == 1)
    #expect(s.simulation.runs == 1000)
    #expect(s.simulation.seed == 7)
    #expect(s.simulation.threads == 2)
  }

  @Test("simulation.sampling: random (the default), lhs or sobol; anything else is an error")
  func sampling() throws {
    for method in Sampling.allCases {
      let s = try parsed(
        head + "facts: {statutory_award: 500}\nsimulation: {sampling: \(method.rawValue)}\n")
      #expect(s.simulation.sampling == method)
    }
    #expect(try parsed(head + "facts: {statutory_award: 500}\n").simulation.sampling == .random)
    let errors = diagnostics(head + "facts: {statutory_award: 500}\nsimulation: {sampling: latin}\n")
    #expect(errors.count == 1)
    #expect(errors == [
      "s.yaml:5:24: error: simulation.sampling: unknown sampling `latin`; expected one of random, lhs, sobol"
    ])
  }

  @Test("The benchmark scenario (docs/simulation.md, The benchmark model) reads")
  func benchmark() throws {
    let text = """
      version: 1
      title: "Benchmark: the model of docs/simulation.md"
      case:
        act: illegal-use
        claimant: natural-person
        rights: [attribution, network-dissemination]
        route: tort
      facts:
        actual_loss: {dist: lognormal, median: 50000, sigma: 1.0}
        illegal_gains: {dist: lognormal, median: 80000, sigma: 1.2}
        license_fee: {dist: triangular, min: 10000, mode: 30000, max: 90000}
        statutory_award: {dist: uniform, min: 500, max: 50000}
        proven: {actual_loss: 0.5, illegal_gains: 0.4, license_fee: 0.6}
        intentional: 0.3
        serious: 0.5
        multiplier: {dist: pert, min: 1, mode: 2, max: 5, lambda: 4}
        serious_mental_harm: 0.2
        mental_distress: {dist: uniform, min: 1000, max: 50000}
        expenses: {dist: uniform, min: 5000, max: 20000}
      liability: {work: 0.85, infringement: 0.9, fault: 0.8, defenses: [{kind: fair-use, success: 0.1}]}
      defendants:
        - {name: defendant, role: infringer, form: sole}
      correlations:
        - [actual_loss, illegal_gains, 0.5819201041240698]
      options: {punitive: additive, election: larger}
      simulation: {runs: 10000000, seed: 1}
      """
    let s = try parsed(text)
    #expect(s.facts[.illegalGains] == .lognormal(median: 80000, sigma: 1.2))
    #expect(s.correlations[0].rho == 0.5819201041240698)
    #expect(s.simulation.runs == 10_000_000)
    #expect(s.terms.defendants == [Defendant.default])
  }

  @Test("Defaults: proven 1 for a given figure, 0 otherwise; one sole defendant; no sweep")
  func defaults() throws {
    let s = try parsed(
      head + """
        facts:
          actual_loss: 1000
          statutory_award: 500
        """)
    #expect(s.facts.provenLoss == 1)
    #expect(s.facts.provenGains == 0)
    #expect(s.facts.provenLicenseFee == 0)
    #expect(s.facts.intentional == 0)
    #expect(s.terms.defendants == [Defendant.default])
    #expect(s.terms.options == Options())
    #expect(s.simulation == SimulationSettings())
    #expect(s.sweep.isEmpty)
    #expect(s.correlations.isEmpty)
  }

  @Test("R3 statutory_award is not required when a figure is certainly proven")
  func statutoryNotRequiredWhenProven() throws {
    let s = try parsed(head + "facts:\n  license_fee: 3000\n")
    #expect(s.facts[.statutoryAward] == nil)
    #expect(s.facts.provenLicenseFee == 1)
  }

  @Test("R3, R4 the 2010 text: statutory award from 0, no multiplier needed")
  func text2010() throws {
    let s = try parsed(
      """
      version: 1
      title: test
      case: {act: illegal-use, claimant: natural-person, rights: [reproduction], infringement_date: 2020-05-01}
      facts:
        actual_loss: {dist: uniform, min: 0, max: 1000}
        proven: {actual_loss: 0.5}
        statutory_award: 0
        intentional: true
        serious: true
      """)
    #expect(s.terms.infringementDate == CivilDate(year: 2020, month: 5, day: 1))
    #expect(s.facts[.statutoryAward] == .fixed(0))
    #expect(s.facts.intentional == 1)
  }

  @Test("Dates may be quoted or not")
  func quotedDate() throws {
    let s = try parsed(
      """
      version: 1
      title: test
      case: {act: illegal-use, claimant: natural-person, rights: [reproduction], infringement_date: "2021-06-01"}
      facts: {statutory_award: 500}
      """)
    #expect(s.terms.infringementDate == CivilDate(year: 2021, month: 6, day: 1))
  }

  @Test("Numbers plain or with an exponent; booleans true and false")
  func numbers() throws {
    let s = try parsed(
      head + """
        facts:
          statutory_award: 5e6
          expenses: 5.0e+3
          mental_distress: 1.05E1
          intentional: false
          serious: TRUE
        """)
    #expect(s.facts[.statutoryAward] == .fixed(5_000_000))
    #expect(s.facts[.expenses] == .fixed(5000))
    #expect(s.facts[.mentalDistress] == .fixed(10.5))
    #expect(s.facts.intentional == 0)
    #expect(s.facts.serious == 1)
  }

  @Test("Every option, the contract route, a licensee with economic rights only")
  func options() throws {
    let s = try parsed(
      """
      version: 1
      title: contract
      case:
        act: repetitive-generation
        claimant: legal-person
        holder: exclusive-licensee
        rights: [reproduction, adaptation]
        route: compare
        procedure: summary
      facts:
        actual_loss: 20000
        liquidated_damages: 50000
      liability:
        causation: 0.7
        defenses:
          - {kind: consent, success: 0.2}
          - {kind: technology-limit, success: 0.3, defendant: 平台}
      defendants:
        - {name: 平台, role: provider, form: sole}
      options:
        punitive: inclusive
        election: illegal-gains
        liquidated_cap_ratio: 1.5
        contract_expenses: true
        fault_principle: presumed
        statutory_includes_expenses: true
        fee_allocation: loser-pays
      """)
    var options = Options()
    options.punitive = .inclusive
    options.election = .illegalGains
    options.liquidatedCapRatio = 1.5
    options.contractExpenses = true
    options.faultPrinciple = .presumed
    options.statutoryIncludesExpenses = true
    options.feeAllocation = .loserPays
    #expect(s.terms.options == options)
    #expect(s.terms.holder == .exclusiveLicensee)
    #expect(s.terms.route == .compare)
    #expect(s.terms.procedure == .summary)
    #expect(
      s.terms.defenses == [Defense(kind: .consent), Defense(kind: .technologyLimit, defendant: 0)])
    #expect(s.liability.defenseSuccess == [0.2, 0.3])
    #expect(s.liability.causation == 0.7)
  }

  @Test("R8 several defendants: a joint group with a notice-ignored platform; defences name them")
  func defendants() throws {
    let s = try parsed(
      head.replacingOccurrences(of: "illegal-use", with: "generated-output") + """
        facts: {statutory_award: 10000}
        liability:
          defenses:
            - {kind: safe-harbor, success: 0.4, defendant: host}
            - {kind: third-party-fault, success: 0.1, defendant: B}
        defendants:
          - {name: A, role: infringer, form: joint, share: 0.25}
          - {name: B, role: designer, form: knew, share: 0.75}
          - {name: host, role: platform, form: notice-ignored, share: 0.5, expanded_fraction: 0.3}
        """)
    #expect(s.terms.defendants.map(\.name) == ["A", "B", "host"])
    #expect(s.terms.defendants[2].expandedFraction == 0.3)
    #expect(
      s.terms.defenses == [
        Defense(kind: .safeHarbor, defendant: 2), Defense(kind: .thirdPartyFault, defendant: 1),
      ])
  }

  @Test("R8 proportional defendants and a vicarious employer with recourse")
  func proportionalAndVicarious() throws {
    let p = try parsed(
      head + """
        facts: {statutory_award: 10000}
        defendants:
          - {name: A, role: infringer, form: proportional, share: 0.6}
          - {name: B, role: infringer, form: proportional, share: 0.4}
        """)
    #expect(p.terms.defendants.map(\.share) == [0.6, 0.4])
    let v = try parsed(
      head + """
        facts: {statutory_award: 10000}
        defendants: [{name: Co, role: employer, form: vicarious, recourse: true}]
        """)
    #expect(
      v.terms.defendants == [
        Defendant(name: "Co", role: .employer, form: .vicarious, recourse: true)
      ])
  }

  @Test("R6 a mental-harm score with its threshold and a cap")
  func mentalHarmScore() throws {
    let s = try parsed(
      head.replacingOccurrences(of: "[reproduction]", with: "[integrity]") + """
        facts:
          statutory_award: 10000
          mental_harm_score: {dist: triangular, min: 2, mode: 6, max: 9}
          mental_harm_threshold: 5
          mental_distress: 5000
          mental_distress_cap: 3000
        """)
    #expect(s.facts[.mentalHarmScore] == .triangular(min: 2, mode: 6, max: 9))
    #expect(s.facts.mentalHarmThreshold == 5)
    #expect(s.facts.mentalDistressCap == 3000)
  }

  @Test("Aliases within the limits are expanded")
  func aliases() throws {
    let s = try parsed(
      head + """
        facts:
          expenses: &range {dist: uniform, min: 1000, max: 3000}
          mental_distress: *range
          statutory_award: 10000
        """)
    #expect(s.facts[.mentalDistress] == .uniform(min: 1000, max: 3000))
  }
}

@Suite("Scenario reader: distributions (docs/scenario-format.md, Values and distributions)")
struct ScenarioReaderDistributionTests {
  static let cases: [(String, Distribution)] = [
    ("7", .fixed(7)),
    ("{dist: fixed, value: 7}", .fixed(7)),
    ("{dist: uniform, min: 1, max: 3}", .uniform(min: 1, max: 3)),
    ("{dist: uniform, min: 2, max: 2}", .uniform(min: 2, max: 2)),
    ("{dist: triangular, min: 1, mode: 2, max: 4}", .triangular(min: 1, mode: 2, max: 4)),
    ("{dist: pert, min: 1, mode: 2, max: 4}", .pert(min: 1, mode: 2, max: 4, lambda: 4)),
    (
      "{dist: pert, min: 1, mode: 2, max: 4, lambda: 2.5}",
      .pert(min: 1, mode: 2, max: 4, lambda: 2.5)
    ),
    ("{dist: pert, min: 3, mode: 3, max: 3}", .pert(min: 3, mode: 3, max: 3, lambda: 4)),
    ("{dist: normal, mean: 5, sd: 2}", .normal(mean: 5, sd: 2, min: 0, max: .infinity)),
    ("{dist: normal, mean: 5, sd: 2, min: 1, max: 9}", .normal(mean: 5, sd: 2, min: 1, max: 9)),
    ("{dist: lognormal, median: 3000, sigma: 0.8}", .lognormal(median: 3000, sigma: 0.8)),
    ("{dist: lognormal, p10: 500, p90: 8000}", .lognormal(p10: 500, p90: 8000)),
    ("{dist: lognormal, mean: 1000, sd: 500}", .lognormal(mean: 1000, sd: 500)),
    ("{dist: gamma, shape: 2, scale: 1000}", .gamma(shape: 2, scale: 1000)),
    ("{dist: beta, a: 2, b: 3}", .beta(a: 2, b: 3, min: 0, max: 1)),
    ("{dist: beta, a: 2, b: 3, min: 100, max: 200}", .beta(a: 2, b: 3, min: 100, max: 200)),
    (
      "{dist: discrete, values: [3, 1, 2], weights: [0.5, 0.2, 0.3]}",
      .discrete(values: [1, 2, 3], weights: [0.2, 0.3, 0.5])
    ),
    ("{dist: empirical, values: [300, 100, 200]}", .empirical([300, 100, 200])),
  ]

  @Test("Each kind and parameterisation of a money fact", arguments: cases)
  func money(_ text: String, _ expected: Distribution) throws {
    let s = try parsed(head + "facts:\n  statutory_award: 1000\n  expenses: \(text)\n")
    #expect(s.facts[.expenses] == expected)
  }

  @Test("A normal that is not money is unbounded unless told; a beta within [1, 5] is a multiplier")
  func notMoney() throws {
    let s = try parsed(
      head + """
        facts:
          actual_loss: 1000
          intentional: 1
          serious: 1
          multiplier: {dist: beta, a: 2, b: 2, min: 1, max: 5}
          license_fee_multiple: {dist: normal, mean: 2, sd: 1, min: 1, max: 5}
          mental_harm_score: {dist: discrete, values: [0, 10], weights: [1, 0]}
        """)
    #expect(s.facts[.multiplier] == .beta(a: 2, b: 2, min: 1, max: 5))
    #expect(s.facts[.licenseFeeMultiple] == .normal(mean: 2, sd: 1, min: 1, max: 5))
    #expect(s.facts[.mentalHarmScore] == .discrete(values: [0, 10], weights: [1, 0]))
  }
}

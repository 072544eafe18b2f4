public import DamagesLaw
public import DamagesReports
public import DamagesScenario
public import DamagesSimulation
public import XLSX

/// The result of a claim search, with what its reports need.
public struct ClaimOutcome: Sendable {
  public var curve: ClaimCurve
  public var title: String
  public var runs: Int
  public var seed: UInt64
  /// The amount the scenario claims (`case.claim`), marked on the curve.
  public var claimed: Double?

  public func report(format: OutputFormat, lang: Language) -> String {
    ClaimReport.render(
      curve, title: title, runs: runs, seed: seed, claimed: claimed, format: format, lang: lang)
  }

  public func chart(lang: Language) -> String { ClaimReport.chart(curve, lang: lang) }

  /// The Excel workbook (`--format xlsx`).
  public func workbook(lang: Language) -> Workbook {
    ClaimReport.workbook(curve, title: title, runs: runs, seed: seed, claimed: claimed, lang: lang)
  }
}

/// The result of fitting laws to comparable awards.
public struct FitOutcome: Sendable {
  public var values: [Double]
  public var results: [DistributionFit.Result]
}

extension Analyses {
  /// `damages claim`: the claim amount that maximises the expected net recovery. The award is
  /// simulated once without a claim (uncapped), and every candidate claim (`points` of them,
  /// log-spaced, and the scenario's own claim) is evaluated on the same runs. The scenario
  /// must follow one route.
  public static func claim(_ scenario: Scenario, options: AnalysisOptions, points: Int)
    throws(AnalysisError) -> ClaimOutcome
  {
    let terms = scenario.terms
    var uncapped = scenario
    uncapped.terms.claim = nil
    let result = try simulate(uncapped, options: options, keepAwards: true)
    let o = options.simulationOptions(for: uncapped)
    let awards = result.liableAwards ?? []
    let primary = result.primary
    let meanExpenses = primary.award.mean - primary.netRecovery.mean
    var candidates = ClaimCurve.candidates(for: awards, count: points)
    if let claimed = terms.claim?.value { candidates.append(claimed) }
    let curve = ClaimCurve(
      awards: awards, unliableRuns: o.runs - awards.count, meanExpenses: meanExpenses,
      procedure: terms.procedure, allocation: terms.options.feeAllocation,
      candidates: Array(Set(candidates)))
    return ClaimOutcome(
      curve: curve, title: result.title, runs: o.runs, seed: o.seed, claimed: terms.claim?.value)
  }

  /// `damages fit`: the laws fitted to one column of a CSV file of comparable awards.
  public static func fit(contentsOf file: String, column: String) throws(AnalysisError)
    -> FitOutcome
  {
    let values: [Double]
    do { values = try ComparableAwards.read(contentsOf: file, column: column) } catch {
      throw .scenario(error)
    }
    // the reader refuses what the fit cannot take, so a failure here is the engine's
    do { return FitOutcome(values: values, results: try DistributionFit.fit(values)) } catch {
      throw .fit(error)
    }
  }
}

public import DamagesSimulation
import Foundation

/// `damages fit` output: each fitted law with its log-likelihood, AIC and Kolmogorov–Smirnov
/// distance, and the scenario line to paste.
public enum FitReport {
  /// The scenario line for a fitted law, `FACT: {dist: …}`, parameters to 4 significant digits.
  public static func scenarioLine(_ r: DistributionFit.Result, fact: String) -> String {
    switch r.distribution {
    case let .lognormal(mu, sigma):
      return "\(fact): {dist: lognormal, median: \(significant(exp(mu))), sigma: \(significant(sigma))}"
    case let .gamma(shape, scale):
      return "\(fact): {dist: gamma, shape: \(significant(shape)), scale: \(significant(scale))}"
    case let .empirical(values):
      return "\(fact): {dist: empirical, values: [\(values.map(JSON.format).joined(separator: ", "))]}"
    default:
      preconditionFailure("not a fitted law: \(r.distribution)")
    }
  }

  /// The law the AIC prefers among the parametric fits.
  public static func best(_ results: [DistributionFit.Result]) -> DistributionFit.Result? {
    results.filter { $0.aic != nil }.min { $0.aic! < $1.aic! }
  }

  public static func render(
    _ results: [DistributionFit.Result], values: [Double], file: String, column: String,
    fact: String, format: OutputFormat, lang: Language
  ) -> String {
    let best = best(results)
    switch format {
    case .json:
      let fits = results.map { r -> JSON in
        .object([
          ("law", .string(r.law.rawValue)),
          ("log_likelihood", r.logLikelihood.map(JSON.number) ?? .null),
          ("aic", r.aic.map(JSON.number) ?? .null),
          ("ks_distance", .number(r.ksDistance)),
          ("parameters", parameters(r)),
          ("scenario_line", .string(scenarioLine(r, fact: fact))),
        ])
      }
      return JSON.object([
        ("file", .string(file)), ("column", .string(column)),
        ("n", .number(Double(values.count))),
        ("best", best.map { .string($0.law.rawValue) } ?? .null),
        ("fits", .array(fits)),
      ]).rendered() + "\n"
    case .csv:
      let header = [
        lang.label("分布", "law"), lang.label("对数似然", "log_likelihood"), "aic",
        lang.label("KS距离", "ks_distance"), lang.label("场景行", "scenario_line"),
      ]
      let rows = results.map { r in
        [
          r.law.rawValue, r.logLikelihood.map(JSON.format) ?? "", r.aic.map(JSON.format) ?? "",
          JSON.format(r.ksDistance), scenarioLine(r, fact: fact),
        ]
      }
      return CSVTable.render(header: header, rows: rows)
    case .table, .markdown:
      let header = [
        lang.label("分布", "Law"), lang.label("参数", "Parameters"),
        lang.label("对数似然", "Log-likelihood"), "AIC", lang.label("KS 距离", "KS distance"),
      ]
      let rows = results.map { r in
        [
          r.law.rawValue + (r.law == best?.law ? " ◀" : ""), describe(r),
          r.logLikelihood.map { String(format: "%.2f", $0) } ?? "—",
          r.aic.map { String(format: "%.2f", $0) } ?? "—", String(format: "%.4f", r.ksDistance),
        ]
      }
      let caption = lang.label(
        "\(file) 的 \(column) 列：\(values.count) 个值（最大似然拟合）",
        "\(file), column \(column): \(values.count) values (maximum likelihood)")
      var out =
        format == .markdown
        ? TextTable.markdown(header: header, rows: rows, caption: caption)
        : caption + "\n\n" + TextTable.render(header: header, rows: rows)
      out +=
        "\n"
        + lang.label(
          "◀ AIC 最小者。empirical 为样本本身（按原值重抽样）：它没有密度，故无似然与 AIC；其 KS 距离按定义为 0。",
          "◀ lowest AIC. empirical is the values themselves (resampled): a law of atoms has no density, so no likelihood or AIC, and its KS distance is 0 by construction."
        ) + "\n\n"
      out += lang.label("粘贴到场景文件的 facts 下：", "Paste under `facts:` in the scenario:") + "\n"
      if let best { out += "  " + scenarioLine(best, fact: fact) + "\n" }
      for r in results where r.law != best?.law && r.law != .empirical {
        out += "  # " + scenarioLine(r, fact: fact) + "\n"
      }
      if let empirical = results.first(where: { $0.law == .empirical }) {
        out += "  # " + scenarioLine(empirical, fact: fact) + "\n"
      }
      return out
    }
  }

  private static func parameters(_ r: DistributionFit.Result) -> JSON {
    switch r.distribution {
    case let .lognormal(mu, sigma):
      .object([("median", .number(exp(mu))), ("mu", .number(mu)), ("sigma", .number(sigma))])
    case let .gamma(shape, scale): .object([("shape", .number(shape)), ("scale", .number(scale))])
    case let .empirical(values): .object([("values", .array(values.map(JSON.number)))])
    default: .null
    }
  }

  private static func describe(_ r: DistributionFit.Result) -> String {
    switch r.distribution {
    case let .lognormal(mu, sigma):
      "median \(significant(exp(mu))), sigma \(significant(sigma))"
    case let .gamma(shape, scale): "shape \(significant(shape)), scale \(significant(scale))"
    case let .empirical(values): "\(values.count) values"
    default: ""
    }
  }

  /// x to 4 significant digits, written plainly (52345.6 → 52350, 0.91234 → 0.9123).
  static func significant(_ x: Double) -> String {
    guard x != 0, x.isFinite else { return JSON.format(x) }
    let digits = 4 - Int((log10(abs(x))).rounded(.down)) - 1
    if digits <= 0 {
      let p = pow(10, Double(-digits))
      return JSON.format((x / p).rounded() * p)
    }
    return String(format: "%.\(digits)f", x).replacingOccurrences(
      of: "\\.?0+$", with: "", options: .regularExpression)
  }
}

public import DamagesLaw
public import DamagesSimulation
import DamagesScenario
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

  /// Why a scenario would refuse the law as the value of `fact` (under the 2020 text of the
  /// Copyright Law, which applies unless the infringement began before 2021-06-01), in the
  /// reader's own words; nil when the reader accepts it. A multiplier, for instance, must stay
  /// within 1 to 5, so no lognormal or gamma will do for it (docs/scenario-format.md, Input rules, "Supports").
  public static func refusal(
    of r: DistributionFit.Result, for fact: FactKey, under text: CopyrightText = .text2020
  ) -> String? {
    ScenarioTerms.refusal(of: r.distribution, for: fact, under: text)
  }

  /// The law to paste for `fact`: of the laws a scenario accepts for it, the parametric one
  /// with the lowest AIC, else the empirical law; nil when a scenario accepts none of them.
  public static func recommended(_ results: [DistributionFit.Result], for fact: FactKey)
    -> DistributionFit.Result?
  {
    let accepted = results.filter { refusal(of: $0, for: fact) == nil }
    return accepted.filter { $0.aic != nil }.min { $0.aic! < $1.aic! }
      ?? accepted.first { $0.law == .empirical }
  }

  public static func render(
    _ results: [DistributionFit.Result], values: [Double], file: String, column: String,
    fact: FactKey, format: OutputFormat, lang: Language
  ) -> String {
    let name = fact.rawValue
    let best = recommended(results, for: fact)
    let refusals = results.map { refusal(of: $0, for: fact) }
    switch format {
    case .json:
      let fits = zip(results, refusals).map { r, refused -> JSON in
        .object([
          ("law", .string(r.law.rawValue)),
          ("log_likelihood", r.logLikelihood.map(JSON.number) ?? .null),
          ("aic", r.aic.map(JSON.number) ?? .null),
          ("ks_distance", .number(r.ksDistance)),
          ("parameters", parameters(r)),
          ("scenario_line", refused == nil ? .string(scenarioLine(r, fact: name)) : .null),
          ("refused", refused.map(JSON.string) ?? .null),
        ])
      }
      return JSON.object([
        ("file", .string(file)), ("column", .string(column)), ("fact", .string(name)),
        ("n", .number(Double(values.count))),
        ("best", best.map { .string($0.law.rawValue) } ?? .null),
        ("fits", .array(fits)),
      ]).rendered() + "\n"
    case .csv:
      let header = [
        lang.label("分布", "law"), lang.label("对数似然", "log_likelihood"), "aic",
        lang.label("KS距离", "ks_distance"), lang.label("场景行", "scenario_line"),
        lang.label("不接受的原因", "refused"),
      ]
      let rows = zip(results, refusals).map { r, refused in
        [
          r.law.rawValue, r.logLikelihood.map(JSON.format) ?? "", r.aic.map(JSON.format) ?? "",
          JSON.format(r.ksDistance), refused == nil ? scenarioLine(r, fact: name) : "",
          refused ?? "",
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
      let lowestAIC = results.filter { $0.aic != nil }.min { $0.aic! < $1.aic! }
      let marker: String
      switch best?.law {
      case nil: marker = ""
      case lowestAIC?.law: marker = lang.label("◀ AIC 最小者。", "◀ lowest AIC. ")
      case .empirical?:
        marker = lang.label(
          "◀ 建议粘贴者：场景不接受拟合分布作为 \(name)（见下）。",
          "◀ the law to paste: a scenario refuses the fitted laws for \(name) (below). ")
      default:
        marker = lang.label(
          "◀ 建议粘贴者：场景对 \(name) 接受的分布中 AIC 最小者。",
          "◀ the law to paste: the lowest AIC of the laws a scenario accepts for \(name). ")
      }
      out +=
        "\n" + marker
        + lang.label(
          "empirical 为样本本身（按原值重抽样）：它没有密度，故无似然与 AIC；其 KS 距离按定义为 0。",
          "empirical is the values themselves (resampled): a law of atoms has no density, so no likelihood or AIC, and its KS distance is 0 by construction."
        ) + "\n\n"
      if let best {
        out += lang.label("粘贴到场景文件的 facts 下：", "Paste under `facts:` in the scenario:") + "\n"
        out += "  " + scenarioLine(best, fact: name) + "\n"
        if fact == .statutoryAward, let older = refusal(of: best, for: fact, under: .text2010) {
          out +=
            "  # "
            + lang.label(
              "侵权结束于 2021-06-01 之前者不可用：\(older)",
              "not for an infringement that ended before 2021-06-01: \(older)") + "\n"
        }
        let others = zip(results, refusals).filter { r, refused in
          refused == nil && r.law != best.law
        }.map(\.0)
        // the other parametric law, then the empirical one
        for r in others.filter({ $0.law != .empirical }) + others.filter({ $0.law == .empirical }) {
          out += "  # " + scenarioLine(r, fact: name) + "\n"
        }
      } else {
        let bounds = ScenarioTerms.bounds(of: fact, under: .text2020)
        out +=
          lang.label(
            "无可粘贴的分布：以上分布都超出场景对 \(name) 的取值范围\(bounds.map { "（\($0)）" } ?? "")。",
            "Nothing to paste: none of these laws stays within \(bounds.map { "\($0), " } ?? "")the bounds a scenario sets for \(name)."
          ) + "\n"
      }
      let refused = zip(results, refusals).compactMap { r, refused in
        refused.map { (r.law.rawValue, $0) }
      }
      if !refused.isEmpty {
        if best != nil {
          out +=
            "\n"
            + lang.label(
              "未列出：场景不接受以下分布作为 \(name)：", "Not offered: a scenario refuses these laws for \(name):")
            + "\n"
        }
        for (law, reason) in refused { out += "  \(law): \(reason)\n" }
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

import DamagesLaw
import Foundation
import DamagesReports
import DamagesScenario
import Hummingbird

/// The routes of the page's calculators that need no scenario: the acceptance fee (R10), as
/// `damages fees AMOUNT [--summary]` computes and renders it.
enum PageRoutes {
  static func add(to router: Router<BasicRequestContext>) {
    router.get("/api/fees") { request, _ in
      let query = Query(request)
      let (format, lang) = (try query.format, try query.lang)
      let amount = try feeAmount(query.parameters["amount"])
      let procedure: Procedure
      switch query.parameters["procedure"] ?? "ordinary" {
      case "ordinary", "": procedure = .ordinary
      case "summary": procedure = .summary
      case let other: throw WebError.badRequest("procedure must be ordinary or summary, got '\(other)'")
      }
      return Reply.report(
        FeeReport.render(claim: Yuan(amount), procedure: procedure, format: format, lang: lang),
        format: format, excel: query.excel, name: "fees")
    }
  }

  /// The amount claimed, written as a lawyer writes it (300000, 30万, ¥300,000), checked as
  /// `damages fees` checks it.
  static func feeAmount(_ written: String?) throws(WebError) -> Double {
    guard let written, !written.trimmingCharacters(in: .whitespaces).isEmpty else {
      throw .badRequest("amount: give the amount claimed, in yuan")
    }
    let value: Double
    do { value = try WrittenNumber.amount(written) } catch {
      throw .badRequest("amount: \(error.message)")
    }
    guard value.isFinite, value > 0, value <= Limits.largestAmount else {
      throw .badRequest("amount: the amount claimed must be a positive number of yuan, \(Limits.largestAmountText), got \(written)")
    }
    return value
  }
}

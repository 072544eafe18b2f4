import ArgumentParser
import DamagesReports
import DamagesScenario
import DamagesLaw

struct Fees: ParsableCommand {
  static let configuration = CommandConfiguration(
    abstract: "The acceptance fee on an amount claimed (R10), bracket by bracket.",
    discussion: """
      《诉讼费用交纳办法》 Art. 13(1), cumulative by bracket: up to 10,000 yuan 50 yuan; then \
      2.5 %, 2 %, 1.5 %, 1 %, 0.9 %, 0.8 %, 0.7 %, 0.6 % and 0.5 % above 20 million. Summary \
      procedure halves it (Art. 16).

      CSV holds the fields of the JSON, one kind of value per column: a `bracket` row per \
      bracket (from, to, rate, amount, before any halving), then the `fee` row with the fee \
      and the procedure.

      Examples:
        damages fees 300000
        damages fees 300000 --summary --format json
      """)

  /// The amount as typed. Collected with every unrecognised word, so that a negative amount
  /// (`-5`) reaches the check below instead of being taken for an option.
  @Argument(
    parsing: .allUnrecognized,
    help: ArgumentHelp(
      "The amount claimed, in yuan, as a lawyer writes it: 300000, 30万, ¥300,000, 30万元.",
      valueName: "amount"))
  var words: [String] = []

  /// The amount claimed, as written and as read (checked by `validate`).
  var amount: WrittenAmount {
    WrittenAmount(argument: words.first ?? "")
      ?? WrittenAmount(written: words.first ?? "", value: Double(words.first ?? "") ?? .nan)
  }

  @Flag(help: "Summary procedure (简易程序): the fee is halved.")
  var summary = false

  @OptionGroup var output: OutputOptions

  func validate() throws {
    try output.refuseWide("fees")
    guard let text = words.first else { throw ValidationError("Missing expected argument '<amount>'") }
    guard words.count == 1 else {
      throw ValidationError("one amount is expected, got \(words.map { "'\($0)'" }.joined(separator: " "))")
    }
    if WrittenAmount(argument: text) == nil, Double(text) == nil {
      if text.hasPrefix("-") { throw ValidationError("Unknown option '\(text)'") }
      do { _ = try WrittenNumber.amount(text) } catch {
        throw ValidationError("the amount claimed: \(error.message)")
      }
      throw ValidationError("the amount claimed must be a number of yuan, got '\(text)'")
    }
    guard amount.value > 0, amount.value <= Limits.largestAmount else {
      throw ValidationError("the amount claimed must be a positive number of yuan, \(Limits.largestAmountText), got \(amount.written)")
    }
  }

  func run() throws {
    try running {
      try output.checkOutput()
      if output.isWorkbook {
        try output.emit(workbook: FeeReport.workbook(
          claim: Yuan(amount.value), procedure: summary ? .summary : .ordinary, lang: output.lang))
        return
      }
      try output.emit(FeeReport.render(
        claim: Yuan(amount.value), procedure: summary ? .summary : .ordinary,
        format: output.resolvedFormat, lang: output.lang))
    }
  }
}

/// One error found in a scenario file, located in the compiler style so that an editor can
/// jump to it (docs/scenario-format.md, Input rules).
public struct ScenarioDiagnostic: Error, Hashable, Sendable {
  /// The path of the scenario file, as given.
  public var file: String
  /// 1-based line, or nil for an error about the whole file.
  public var line: Int?
  /// 1-based column, counted in Unicode scalars, or nil with `line`.
  public var column: Int?
  /// The full dotted path of the field (`facts.proven.actual_loss`, `defendants[1].share`),
  /// or nil for an error that is not about one field (invalid YAML, a limit).
  public var field: String?
  /// What is wrong: what is allowed and what was got.
  public var message: String
  /// An error, or a warning about a value that is allowed but rarely meant.
  public var severity: Severity

  public enum Severity: String, Hashable, Sendable {
    case error
    case warning
  }

  public init(
    file: String, line: Int? = nil, column: Int? = nil, field: String? = nil,
    message: String, severity: Severity = .error
  ) {
    self.file = file
    self.line = line
    self.column = column
    self.field = field
    self.message = message
    self.severity = severity
  }

  /// `FILE:LINE:COLUMN: error: FIELD: message`; without a position `FILE: error: FIELD: message`;
  /// without a field the `FIELD: ` part is left out.
  public var rendered: String {
    var text = file
    if let line {
      text += ":\(line)"
      if let column { text += ":\(column)" }
    }
    text += ": \(severity.rawValue): "
    if let field { text += field + ": " }
    return text + message
  }
}

/// The errors of one scenario file, with the sysexits code the command line ends with.
public struct ScenarioError: Error, CustomStringConvertible {
  /// The errors, in file order, at most 20.
  public var diagnostics: [ScenarioDiagnostic]
  /// ``dataError`` (65) for an invalid scenario, ``noInput`` (66) for a file that is missing or
  /// cannot be read.
  public var exitCode: Int32

  /// sysexits `EX_DATAERR`: the scenario is invalid.
  public static let dataError: Int32 = 65
  /// sysexits `EX_NOINPUT`: the file is missing or unreadable.
  public static let noInput: Int32 = 66

  public init(diagnostics: [ScenarioDiagnostic], exitCode: Int32 = ScenarioError.dataError) {
    self.diagnostics = diagnostics
    self.exitCode = exitCode
  }

  /// Every diagnostic rendered, one a line.
  public var description: String {
    diagnostics.map(\.rendered).joined(separator: "\n")
  }
}

// MARK: - Internal: what went wrong, rendered in one place

/// A 1-based line and column (Unicode scalars), as libyaml counts them.
struct Position: Hashable, Comparable, Sendable {
  var line: Int
  var column: Int

  static func < (a: Position, b: Position) -> Bool {
    (a.line, a.column) < (b.line, b.column)
  }
}

/// Where a finding points: at the value of a field, at its key, or (for a missing key) at the
/// key of the mapping that should hold it.
enum Anchoring: Sendable {
  case value
  case key
  case missing
}

/// One error before it is located and rendered.
struct Issue: Sendable {
  var field: String?
  var problem: Problem
  var position: Position?
}

/// Every scenario error the reader can report.
///
/// Each message says what is allowed and what was got, citing the rule or article where one
/// applies; all texts are written here.
enum Problem: Hashable, Sendable {
  // The file as a whole.
  case cannotRead(reason: String)
  case tooLarge(bytes: Int)
  case binary
  case notUTF8
  case empty
  case topLevelNotMapping(got: String)
  case tooDeep
  case tooManyAliases
  case tooManyNodes
  case aliasKey
  case invalidYAML(problem: String, context: String?)
  case unsupportedVersion(got: String)

  // Keys.
  case duplicateKey
  case unknownKey(String, suggestion: String?, allowed: [String], note: String?)
  case missingKey(String, note: String?)
  case keyNotText(got: String)
  case notAllowedHere(String, reason: String)

  // Values of the wrong kind.
  case expected(String, got: String, note: String?)
  case unknownValue(noun: String, got: String, allowed: [String], suggestion: String?)
  case listedTwice(String)
  case emptyList(String)
  case badDate(got: String)
  /// A number or date in a written form that is not one of those read (the message from
  /// ``WrittenNumber``), or a warning about an implausible one.
  case written(String)

  // Numbers outside what is allowed.
  case outOfRange(allowed: String, got: Double)
  case distributionOutside(allowed: String, distribution: String)
  case unbounded(allowed: String, distribution: String)
  case negativeAmount(got: Double)
  case negativeDistribution(distribution: String)

  // Distributions.
  case mustExceed(String, bound: Double, got: Double, note: String?)
  case notBelow(other: String, bound: Double, got: Double)
  case modeOutside(min: Double, max: Double, got: Double)
  case normalMass(distribution: String)
  case lognormalParameters(got: [String])
  case parameterisations(kind: String, sets: [[String]], got: [String])
  case noPercentileFit(reason: String)
  case percentilesBelowZero(kind: String, min: Double)
  case weightsLength(values: Int, got: Int)
  case weightsAllZero

  // Consistency.
  case required(String)
  case notTogether(String, other: String, reason: String)
  case provenWithoutFigure(figure: String)
  case correlationSelf
  case correlationNotDistribution(fact: String, given: Bool)
  case correlationTwice(pair: String, first: String)
  case correlationRho(got: Double)
  case correlationsConflict(pairs: [String])
  case licenseeMoralRights([String])
  case routeNotOpen(route: String, act: String)
  case presumedNotOpen(act: String)
  case defense(String)
  case noSuchDefendant(name: String, names: [String])
  case duplicateName(name: String, first: String)
  case shareNotAllowed(form: String, reason: String)
  case groupShares(String)
  case proportionalSum(names: [String], sum: Double)
  case combination(forms: [String])
  case tooManyDefenses(count: Int)

  // Sweeps.
  case notSweepable(path: String, suggestion: String?)
  case gridTooLarge(points: Double)
  case sweptTwice(path: String, first: String)
  case logScale
  case noSuchIndex(path: String, count: Int, of: String)
  indirect case sweepPoint(setting: String?, Problem, field: String?)

  var message: String {
    switch self {
    case .cannotRead(let reason):
      return "cannot read file: \(reason)"
    case .tooLarge(let bytes):
      return
        "the file is \(Format.number(Double(bytes))) bytes; a scenario file may be at most 8 MiB (\(Format.number(Double(Limits.fileBytes))) bytes)"
    case .binary:
      return "binary file (it contains NUL bytes); a scenario is YAML text in UTF-8"
    case .notUTF8:
      return "not UTF-8 text; save the scenario as UTF-8"
    case .empty:
      return "empty file; a scenario is a mapping that starts with `version: 1`"
    case .topLevelNotMapping(let got):
      return "the top level must be a mapping of keys (version, title, case, facts, …), got \(got)"
    case .tooDeep:
      return
        "nests deeper than \(Limits.depth) levels; a scenario nests at most \(Limits.depth) levels"
    case .tooManyAliases:
      return
        "expands more than \(Format.number(Double(Limits.aliases))) YAML aliases; a scenario expands at most \(Format.number(Double(Limits.aliases)))"
    case .tooManyNodes:
      return
        "aliases expand the file to more than \(Format.number(Double(Limits.nodes))) values, more than an 8 MiB file can hold written out"
    case .aliasKey:
      return
        "a mapping key may not be an alias, a list or a mapping in a file that uses aliases (it could expand without bound); keys are text"
    case .invalidYAML(let problem, let context):
      return "invalid YAML: \(problem)" + (context.map { " (\($0))" } ?? "")
    case .unsupportedVersion(let got):
      return "must be 1 (the only scenario format version this tool reads), got \(got)"

    case .duplicateKey:
      return "duplicate key"
    case .unknownKey(let key, let suggestion, let allowed, let note):
      var text = "unknown key `\(key)`"
      if let suggestion {
        text += "; did you mean `\(suggestion)`?"
      } else if !allowed.isEmpty {
        text += "; expected one of \(allowed.joined(separator: ", "))"
      }
      if let note { text += " (\(note))" }
      return text
    case .missingKey(let key, let note):
      return "missing key `\(key)`" + (note.map { ": \($0)" } ?? "")
    case .keyNotText(let got):
      return "keys must be text, got \(got)"
    case .notAllowedHere(let key, let reason):
      return "`\(key)` is not allowed here: \(reason)"

    case .expected(let what, let got, let note):
      return "must be \(what), got \(got)" + (note.map { " (\($0))" } ?? "")
    case .unknownValue(let noun, let got, let allowed, let suggestion):
      var text = "unknown \(noun) \(got); "
      if let suggestion { text += "did you mean `\(suggestion)`? " }
      return text + "expected one of \(allowed.joined(separator: ", "))"
    case .listedTwice(let value):
      return "`\(value)` is listed twice"
    case .emptyList(let what):
      return "must list at least one \(what)"
    case .badDate(let got):
      return "must be a date YYYY-MM-DD, got \(got)"
    case .written(let message):
      return message

    case .outOfRange(let allowed, let got):
      return "must be \(allowed), got \(Format.number(got))"
    case .distributionOutside(let allowed, let distribution):
      return "must lie \(allowed); \(distribution) reaches outside it"
    case .unbounded(let allowed, let distribution):
      return
        "must lie \(allowed); \(distribution) is unbounded: use a bounded distribution (uniform, triangular, pert, beta, discrete, empirical)"
    case .negativeAmount(let got):
      return "must not be negative (an amount in yuan), got \(Format.number(got))"
    case .negativeDistribution(let distribution):
      return "must not reach below 0 (an amount in yuan); \(distribution) does"

    case .mustExceed(let what, let bound, let got, let note):
      return "\(what) must be greater than \(Format.number(bound)), got \(Format.number(got))"
        + (note.map { " (\($0))" } ?? "")
    case .notBelow(let other, let bound, let got):
      return "must not be less than `\(other)` (\(Format.number(bound))), got \(Format.number(got))"
    case .modeOutside(let min, let max, let got):
      return
        "must lie within min to max (\(Format.number(min)) to \(Format.number(max))), got \(Format.number(got))"
    case .normalMass(let distribution):
      return "\(distribution) holds less than 1e-6 of its mass; move min, max or mean"
    case .lognormalParameters(let got):
      let given = got.isEmpty ? "none" : got.joined(separator: ", ")
      return "a lognormal needs exactly one of: median + sigma, p10 + p90, mean + sd; got \(given)"
    case .parameterisations(let kind, let sets, let got):
      let given = got.isEmpty ? "none" : got.joined(separator: ", ")
      let choices = sets.map { $0.joined(separator: " + ") }.joined(separator: " or ")
      return "a \(kind) takes exactly one of: \(choices); got \(given)"
    case .noPercentileFit(let reason):
      return reason
    case .percentilesBelowZero(let kind, let min):
      return
        "the \(kind) with these percentiles reaches below 0 (its min would be \(Format.number(min))); an amount cannot be negative: raise p10 or narrow the range, or use a lognormal"
    case .weightsLength(let values, let got):
      return "must have as many entries as `values` (\(values)), got \(got)"
    case .weightsAllZero:
      return "must not all be zero"

    case .required(let reason):
      return "required: \(reason)"
    case .notTogether(let key, let other, let reason):
      return "`\(key)` cannot be given together with `\(other)`: \(reason)"
    case .provenWithoutFigure(let figure):
      return
        "a `proven` entry for a figure the scenario does not give; add `facts.\(figure)` or remove this entry"
    case .correlationSelf:
      return "a fact cannot be correlated with itself"
    case .correlationNotDistribution(let fact, let given):
      return given
        ? "`facts.\(fact)` is a fixed value, not a distribution; only uncertain facts can be correlated (docs/scenario-format.md, Correlations)"
        : "`facts.\(fact)` is not given; a correlation needs two facts given as distributions (docs/scenario-format.md, Correlations)"
    case .correlationTwice(let pair, let first):
      return "the pair \(pair) is already correlated in \(first)"
    case .correlationRho(let got):
      return "rho must be within (-1, 1), got \(Format.number(got))"
    case .correlationsConflict(let pairs):
      return "the rank correlations \(pairs.joined(separator: ", ")) cannot hold together (the matrix is not positive definite); weaken one of them"
    case .licenseeMoralRights(let rights):
      return
        "an exclusive licensee holds economic rights only (docs/legal-model.md, The case); \(rights.joined(separator: ", ")) \(rights.count == 1 ? "is a moral right" : "are moral rights"): remove \(rights.count == 1 ? "it" : "them") or set `holder: owner`"
    case .routeNotOpen(let route, let act):
      return
        "`\(route)` is open only for repetitive-generation, where a service agreement binds the parties (R9; Civil Code Art. 186), not for \(act)"
    case .presumedNotOpen(let act):
      return
        "`presumed` applies only to repetitive-generation (R7.1: a proposal of the literature, Civil Code Art. 1165 ¶2), not to \(act)"
    case .defense(let reason):
      return reason
    case .noSuchDefendant(let name, let names):
      return
        "no defendant is named `\(name)`; the defendants are \(names.map { "`\($0)`" }.joined(separator: ", "))"
    case .duplicateName(let name, let first):
      return "`\(name)` already names \(first); defendants' names must be unique"
    case .shareNotAllowed(let form, let reason):
      return "not allowed for a `\(form)` defendant: \(reason)"
    case .groupShares(let text):
      return text
    case .proportionalSum(let names, let sum):
      return
        "the shares of the proportional defendants (\(names.joined(separator: ", "))) sum to \(Format.number(sum)); they must not exceed 1 (Civil Code Art. 1172)"
    case .combination(let forms):
      return
        "the forms of the defendants (\(forms.joined(separator: ", "))) are not an allowed combination; allowed: one `sole`, or one `vicarious`, or one group of `joint`, `sufficient` and `knew` defendants, or two or more `proportional`, each with any number of `notice-ignored` platforms (R8)"
    case .tooManyDefenses(let count):
      return "at most \(Limits.defenses) defences, got \(count)"

    case .notSweepable(let path, let suggestion):
      return "`\(path)` is not a number or probability of the scenario that can be swept"
        + (suggestion.map { "; did you mean `\($0)`?" }
          ?? "; sweepable are e.g. facts.multiplier, facts.proven.illegal_gains, liability.work, defendants[0].share, case.claim")
    case .sweptTwice(let path, let first):
      return
        "`\(path)` names the same field as `\(first)`, already swept; a grid has one axis per field: give its values once"
    case .gridTooLarge(let points):
      return
        "the sweep grid has \(Format.number(points)) points; at most \(Format.number(Double(Limits.gridPoints))) (fewer values or steps)"
    case .logScale:
      return "`scale: log` needs `from` and `to` greater than 0"
    case .noSuchIndex(let path, let count, let of):
      return "`\(path)` names no \(of): the scenario has \(count)"
    case .sweepPoint(let setting, let problem, let field):
      let context = [setting.map { "with \($0)" }, field].compactMap { $0 }
      return context.isEmpty
        ? problem.message : context.joined(separator: ", ") + ": " + problem.message
    }
  }
}

/// The limits of docs/scenario-format.md, Input rules, and the largest amount of money.
public enum Limits {
  /// The largest amount a scenario or a command may give, in yuan (10^15, a thousand
  /// trillion): far above any claim, and far enough below a `Double`'s range that no sum of
  /// amounts overflows.
  public static let largestAmount = 1e15
  public static let largestAmountText = "at most 10^15 yuan"

  /// 8 MiB.
  static let fileBytes = 8 * 1024 * 1024
  static let depth = 32
  static let aliases = 10_000
  /// The most values an 8 MiB file can hold written out (`[1,1,1,…]`): aliases may not expand
  /// a file beyond it.
  static let nodes = fileBytes / 2
  static let diagnostics = 20
  static let gridPoints = 10_000
  static let runs = 2...100_000_000_000
  static let defenses = 64
}

/// Numbers in messages: whole numbers with digit groups (`5,000,000`), others as Swift prints
/// them (`0.5`, `1e-07`).
enum Format {
  static func number(_ x: Double) -> String {
    if x.isNaN { return "nan" }
    if x.isInfinite { return x < 0 ? "-∞" : "∞" }
    if x == x.rounded(), abs(x) < 1e18 {
      let digits = String(Int64(abs(x)))
      var grouped = ""
      for (i, c) in digits.enumerated() {
        if i > 0, (digits.count - i) % 3 == 0 { grouped.append(",") }
        grouped.append(c)
      }
      return (x < 0 ? "-" : "") + grouped
    }
    return "\(x)"
  }

  /// `a`, `a or b`, `a, b or c`.
  static func alternatives(_ items: [String]) -> String {
    guard let last = items.last, items.count > 1 else { return items.first ?? "" }
    return items.dropLast().joined(separator: ", ") + " or " + last
  }
}

/// The nearest known word to a misspelt one, if it is near enough to be a likely typo
/// (Levenshtein distance at most 2, or a third of the word).
enum Suggestion {
  static func nearest(to word: String, in candidates: [String]) -> String? {
    let normalised = word.lowercased().replacingOccurrences(of: "-", with: "_")
    var best: (candidate: String, distance: Int)?
    for candidate in candidates {
      let d = distance(normalised, candidate.lowercased().replacingOccurrences(of: "-", with: "_"))
      if d < best?.distance ?? .max { best = (candidate, d) }
    }
    guard let best else { return nil }
    let near =
      best.distance <= Swift.max(2, word.count / 3) && best.distance < Swift.max(word.count, 1)
    return near ? best.candidate : nil
  }

  static func distance(_ a: String, _ b: String) -> Int {
    let a = Array(a.unicodeScalars)
    let b = Array(b.unicodeScalars)
    if a.isEmpty { return b.count }
    if b.isEmpty { return a.count }
    var previous = Array(0...b.count)
    var current = [Int](repeating: 0, count: b.count + 1)
    for i in 1...a.count {
      current[0] = i
      for j in 1...b.count {
        let cost = a[i - 1] == b[j - 1] ? 0 : 1
        current[j] = Swift.min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost)
      }
      swap(&previous, &current)
    }
    return previous[b.count]
  }
}

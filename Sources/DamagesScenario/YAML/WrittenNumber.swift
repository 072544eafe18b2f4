public import DamagesLaw

/// Numbers as Chinese lawyers write them (docs/scenario-format.md, "Numbers as lawyers write
/// them"): `1.2万`, `30万元`, `1.5亿`, `5千`, `12000元`, `¥12000`, `￥12,000`, `RMB 12,000`,
/// `12,000.50`, full-width digits, point, comma and percent sign; `30%` for a probability;
/// `2021年6月1日`, `2021/6/1`, `2021.6.1` for a date.
///
/// Every place a person types a number reads it here: the scenario reader, the command line's
/// `--set`, `--vary` and `fees AMOUNT`, the table of comparable awards of `fit`, a batch's
/// cells. The conversion is decimal: the digits and the power of ten of the unit are handed to
/// the correctly rounded decimal parser in one piece, so `1.2万` is exactly the Double of
/// 12000 and `30%` exactly that of 0.3 (never 1.2 × 10000 in binary).
public enum WrittenNumber {
  /// A written form that is not a number of the kind asked for; `message` says what was
  /// understood and how to write it (`"1.2w" is not an amount; write 12000 or 1.2万`).
  public struct Refusal: Error, Hashable, Sendable {
    public var message: String
    public init(message: String) { self.message = message }
  }

  /// An amount of yuan: a plain number, digit groups, a unit (万, 亿, 千), a currency mark
  /// (`¥`, `￥`, `RMB`, `元`). A percentage is refused.
  public static func amount(_ written: String) throws(Refusal) -> Double {
    let shown = display(written)
    guard let form = Form(written) else {
      throw Refusal(message: explainAmount(written, shown: shown))
    }
    if form.percent {
      throw Refusal(
        message:
          "\"\(shown)\" is a percentage, not an amount; write the amount in yuan, such as 12000 or 1.2万"
      )
    }
    return form.value
  }

  /// A probability: a number (`0.3`) or a percentage (`30%`, `30％`). Whether it lies in
  /// [0, 1] is the caller's rule.
  public static func probability(_ written: String) throws(Refusal) -> Double {
    let shown = display(written)
    guard let form = Form(written), !form.currency, form.unitExponent == 0 else {
      throw Refusal(message: "\"\(shown)\" is not a probability; write 0.3 or 30%")
    }
    return form.value
  }

  /// A plain number in the written forms that carry no unit (digit groups, full-width
  /// digits): a count, a multiplier, a parameter.
  public static func number(_ written: String) throws(Refusal) -> Double {
    let shown = display(written)
    guard let form = Form(written), !form.currency, form.unitExponent == 0, !form.percent else {
      throw Refusal(message: "\"\(shown)\" is not a number; write it with digits, such as 2 or 1.5")
    }
    return form.value
  }

  /// A date: `2021-06-01`, `2021年6月1日`, `2021/6/1`, `2021.6.1` (full-width digits too).
  public static func date(_ written: String) throws(Refusal) -> CivilDate {
    let text = normalised(written)
    let refusal = Refusal(
      message: "\"\(display(written))\" is not a date; write 2021-06-01 or 2021年6月1日")
    let parts: [Substring]
    if text.hasSuffix("日"), text.contains("年"), text.contains("月") {
      parts = text.dropLast().split(
        omittingEmptySubsequences: false, whereSeparator: { $0 == "年" || $0 == "月" })
    } else if let separator = ["-", "/", "."].first(where: { text.contains($0) }) {
      parts = text.split(separator: Character(separator), omittingEmptySubsequences: false)
    } else {
      throw refusal
    }
    guard parts.count == 3, parts[0].count == 4, (1...2).contains(parts[1].count),
      (1...2).contains(parts[2].count),
      parts.allSatisfy({ $0.allSatisfy { $0.isASCII && $0.isNumber } }),
      let y = Int(parts[0]), let m = Int(parts[1]), let d = Int(parts[2])
    else { throw refusal }
    let iso = "\(y)-\(m < 10 ? "0" : "")\(m)-\(d < 10 ? "0" : "")\(d)"
    guard let date = CivilDate(iso) else { throw refusal }
    return date
  }

  /// Whether the text holds a digit (ASCII or full-width): whether it tries to be a number.
  public static func hasDigit(_ text: String) -> Bool {
    text.unicodeScalars.contains { (0x30...0x39).contains($0.value) || (0xFF10...0xFF19).contains($0.value) }
  }

  // MARK: - The grammar

  /// `[currency] [sign] digits [unit] [元] [%]`, read from the normalised text.
  struct Form {
    var negative = false
    var integer = ""
    var fraction = ""
    /// A decimal exponent written in the numeral itself (`5e6`).
    var exponent = 0
    /// 万 4, 亿 8, 千 3, 万亿 12.
    var unitExponent = 0
    var currency = false
    var percent = false

    /// The exact value: the digits and the power of ten parsed as one decimal numeral.
    var value: Double {
      let power = exponent + unitExponent - (percent ? 2 : 0)
      let numeral =
        (negative ? "-" : "") + (integer.isEmpty ? "0" : integer) + "."
        + (fraction.isEmpty ? "0" : fraction) + "e\(power)"
      return Double(numeral) ?? .nan
    }

    init?(_ written: String) {
      var s = Substring(WrittenNumber.normalised(written))
      // Currency marks before the number.
      for mark in ["¥", "RMB", "CNY", "人民币"] where s.hasPrefix(mark) {
        s = s.dropFirst(mark.count)
        currency = true
        while s.first == " " { s = s.dropFirst() }
        break
      }
      if s.first == "-" || s.first == "+" {
        negative = s.first == "-"
        s = s.dropFirst()
      }
      // The numeral: digits grouped by three with commas, or not at all; a point and digits.
      var groups: [Substring] = []
      var current = Substring()
      while let c = s.first, c.isASCII, c.isNumber || c == "," {
        if c == "," {
          groups.append(current)
          current = Substring()
        } else {
          current.append(c)
        }
        s = s.dropFirst()
      }
      groups.append(current)
      if groups.count > 1 {
        guard (1...3).contains(groups[0].count), groups.dropFirst().allSatisfy({ $0.count == 3 })
        else { return nil }
      }
      integer = groups.joined()
      if s.first == "." {
        s = s.dropFirst()
        while let c = s.first, c.isASCII, c.isNumber {
          fraction.append(c)
          s = s.dropFirst()
        }
      }
      guard !integer.isEmpty || !fraction.isEmpty else { return nil }
      // An exponent, as YAML writes numbers (`5e6`), only on an ungrouped numeral.
      if let e = s.first, e == "e" || e == "E", groups.count == 1 {
        var rest = s.dropFirst()
        var sign = 1
        if rest.first == "-" || rest.first == "+" {
          sign = rest.first == "-" ? -1 : 1
          rest = rest.dropFirst()
        }
        let digits = rest.prefix { $0.isASCII && $0.isNumber }
        guard !digits.isEmpty, digits.count <= 4, let n = Int(digits) else { return nil }
        exponent = sign * n
        s = rest.dropFirst(digits.count)
      }
      // A unit, then 元, or a percent sign.
      for (unit, power) in [("万亿", 12), ("万", 4), ("亿", 8), ("千", 3)] where s.hasPrefix(unit) {
        unitExponent = power
        s = s.dropFirst(unit.count)
        break
      }
      if s.hasPrefix("元") {
        currency = true
        s = s.dropFirst()
      } else if s.hasPrefix("%") {
        percent = true
        s = s.dropFirst()
      }
      guard s.isEmpty, !(percent && (currency || unitExponent != 0)) else { return nil }
    }
  }

  /// Full-width digits, point, comma, percent sign, yuan sign and spaces as their ASCII
  /// forms (the yuan sign as `¥`), the comma a YAML flow collection would split on restored,
  /// surrounding spaces dropped.
  static func normalised(_ written: String) -> String {
    var out = String.UnicodeScalarView()
    for u in written.unicodeScalars {
      switch u.value {
      case 0xFF10...0xFF19: out.append(Unicode.Scalar(u.value - 0xFF10 + 0x30)!)
      case 0xFF0E: out.append(".")
      case 0xFF0C, FlowGrouping.comma.value: out.append(",")
      case 0xFF05: out.append("%")
      case 0xFFE5: out.append("¥")
      case 0xFF0B: out.append("+")
      case 0xFF0D: out.append("-")
      case 0x3000: out.append(" ")
      case 0xFF32: out.append("R")
      case 0xFF2D: out.append("M")
      case 0xFF22: out.append("B")
      default: out.append(u)
      }
    }
    return String(out).trimmingSpaces()
  }

  /// The text as the person wrote it (the flow comma restored), for messages.
  static func display(_ written: String) -> String {
    var out = String.UnicodeScalarView()
    for u in written.unicodeScalars { out.append(u == FlowGrouping.comma ? "," : u) }
    return String(out)
  }

  /// What was understood of a refused amount, and how to write it.
  private static func explainAmount(_ written: String, shown: String) -> String {
    let text = normalised(written)
    // `1.2w`, `5k`: the pinyin and English abbreviations of 万 and 千.
    for (letters, unit, power) in [("wW", "万", 4), ("kK", "千", 3)] {
      if let last = text.last, letters.contains(last),
        let form = Form(String(text.dropLast())), !form.percent, form.unitExponent == 0
      {
        var scaled = form
        scaled.unitExponent = power
        let head = String(text.dropLast()).replacingOccurrences(of: "元", with: "")
        return "\"\(shown)\" is not an amount; write \(Narration.number(scaled.value)) or \(head)\(unit)"
      }
    }
    // `5_000`: a programmer's digit separator.
    if text.contains("_"), let plain = Double(text.replacingOccurrences(of: "_", with: "")),
      plain.isFinite
    {
      return "\"\(shown)\" is not an amount; write \(Narration.number(plain)) or \(Narration.yuan(Yuan(plain)))"
    }
    // Digits grouped other than by three.
    let digitsAndCommas = text.filter { $0.isASCII && ($0.isNumber || $0 == "," || $0 == ".") }
    if text.contains(","), digitsAndCommas.count == text.count,
      let plain = Double(text.replacingOccurrences(of: ",", with: "")), plain.isFinite
    {
      return
        "\"\(shown)\" is not an amount: a comma groups digits by three (12,000); write \(Narration.number(plain)) without commas, or \(Narration.yuan(Yuan(plain)))"
    }
    return "\"\(shown)\" is not an amount; write it as 12000, 1.2万 or ¥12,000"
  }
}

extension String {
  fileprivate func trimmingSpaces() -> String {
    var s = Substring(self)
    while let c = s.first, c == " " || c == "\t" { s = s.dropFirst() }
    while let c = s.last, c == " " || c == "\t" { s = s.dropLast() }
    return String(s)
  }
}

/// The digit-group commas of a plain value inside a YAML flow collection.
///
/// YAML splits `{min: 12,000, max: 30,000}` at every comma, so the reader would see `12` and
/// a key `000`. Before Yams reads the text, a comma that sits between a digit and exactly three
/// digits inside a flow collection is replaced by a private-use character of the same width
/// (no position moves); ``WrittenNumber`` reads it as the comma it was. Items of a flow list
/// are separated by a comma and a space (`[1000, 2000]`), as YAML writes them.
enum FlowGrouping {
  static let comma: Unicode.Scalar = "\u{E2C0}"

  static func protect(_ text: String) -> String {
    var bytes = Array(text.utf8)
    let n = bytes.count
    let digit = { (b: UInt8) in b >= UInt8(ascii: "0") && b <= UInt8(ascii: "9") }
    var depth = 0
    var i = 0
    var changed = false
    var replacements: [Int] = []
    while i < n {
      let c = bytes[i]
      switch c {
      case UInt8(ascii: "#") where i == 0 || bytes[i - 1] == UInt8(ascii: " ")
        || bytes[i - 1] == UInt8(ascii: "\n"):
        while i < n, bytes[i] != UInt8(ascii: "\n") { i += 1 }
        continue
      case UInt8(ascii: "\""):
        i += 1
        while i < n, bytes[i] != UInt8(ascii: "\"") {
          i += bytes[i] == UInt8(ascii: "\\") ? 2 : 1
        }
      case UInt8(ascii: "'"):
        // A quote starts a quoted scalar only where a node starts; inside a word it is text.
        if i == 0 || [UInt8(ascii: " "), UInt8(ascii: "["), UInt8(ascii: "{"),
          UInt8(ascii: ","), UInt8(ascii: "\n"), UInt8(ascii: ":")].contains(bytes[i - 1])
        {
          i += 1
          while i < n, bytes[i] != UInt8(ascii: "'") { i += 1 }
        }
      case UInt8(ascii: "["), UInt8(ascii: "{"):
        depth += 1
      case UInt8(ascii: "]"), UInt8(ascii: "}"):
        depth = max(0, depth - 1)
      case UInt8(ascii: ",") where depth > 0:
        if i > 0, digit(bytes[i - 1]), i + 3 < n, digit(bytes[i + 1]), digit(bytes[i + 2]),
          digit(bytes[i + 3]), i + 4 >= n || !digit(bytes[i + 4])
        {
          replacements.append(i)
          changed = true
        }
      default:
        break
      }
      i += 1
    }
    guard changed else { return text }
    let placeholder = Array(String(comma).utf8)
    for at in replacements.reversed() { bytes.replaceSubrange(at...at, with: placeholder) }
    return String(decoding: bytes, as: UTF8.self)
  }
}

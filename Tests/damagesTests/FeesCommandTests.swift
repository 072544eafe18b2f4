import Foundation
import Testing
import _DamagesTestSupport

/// `damages fees AMOUNT [--summary]` (R10): the acceptance fee, bracket by bracket, in each
/// format with the fields of docs/outputs.md, JSON output (`claim`, `procedure`, `fee`, `brackets`: `from`, `to`,
/// `rate`, `amount`).
@Suite("damages fees", .serialized)
struct FeesCommandTests {
  /// 《诉讼费用交纳办法》 Art. 13(1) on 300,000 yuan: 50 + 90,000 × 2.5 % + 100,000 × 2 %
  /// + 100,000 × 1.5 % = 5,800.
  @Test("R10 CSV: a row per bracket, then the fee row with its procedure in a column of its own")
  func csv() throws {
    let r = try DamagesBinary.run(["fees", "300000", "--format", "csv", "--lang", "en"])
    #expect(r.status == 0, "\(r.stderr)")
    #expect(
      r.stdout == [
        "item,from,to,rate,amount,procedure",
        "bracket,0,10000,0,50,",
        "bracket,10000,100000,0.025,2250,",
        "bracket,100000,200000,0.02,2000,",
        "bracket,200000,500000,0.015,1500,",
        "fee,,,,5800,ordinary",
      ].map { $0 + "\r\n" }.joined())
  }

  /// Each column holds one kind of value, the one its JSON field holds: `item` is `bracket`
  /// or `fee`; `from`, `to`, `rate` and `amount` are numbers or empty; `procedure` is a
  /// procedure or empty. The brackets are before halving (Art. 16), as in the JSON.
  @Test("R10 CSV: every column holds one kind of value, and agrees with the JSON",
        arguments: [("300000", false), ("300000", true), ("25000000", false), ("5000", true)])
  func columns(amount: String, summary: Bool) throws {
    let options = ["fees", amount] + (summary ? ["--summary"] : [])
    let csv = try DamagesBinary.run(options + ["--format", "csv", "--lang", "both"])
    #expect(csv.status == 0, "\(csv.stderr)")
    let lines = csv.stdout.split(separator: "\r\n").map { $0.split(separator: ",", omittingEmptySubsequences: false).map(String.init) }
    #expect(lines[0] == ["项目 item", "区间下限（元） from", "区间上限（元） to", "费率 rate", "金额（元） amount", "程序 procedure"])
    let rows = lines.dropFirst()
    for row in rows {
      #expect(row.count == 6, "\(row)")
      #expect(["bracket", "fee"].contains(row[0]), "\(row)")
      for cell in row[1...4] { #expect(cell.isEmpty || Double(cell) != nil, "\(row)") }
      #expect(["", "ordinary", "summary"].contains(row[5]), "\(row)")
    }
    let json = try DamagesBinary.run(options + ["--format", "json"])
    let o = try #require(JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any])
    let brackets = try #require(o["brackets"] as? [[String: Any]])
    let bracketRows = rows.filter { $0[0] == "bracket" }
    #expect(bracketRows.count == brackets.count)
    for (row, b) in zip(bracketRows, brackets) {
      #expect(Double(row[1]) == b["from"] as? Double)
      #expect(Double(row[2]) == b["to"] as? Double)  // nil both for the open top bracket
      #expect(Double(row[3]) == b["rate"] as? Double)
      #expect(Double(row[4]) == b["amount"] as? Double)
      #expect(row[5].isEmpty)
    }
    let fee = try #require(rows.last)
    #expect(fee[0] == "fee" && fee[1...3].allSatisfy(\.isEmpty))
    #expect(Double(fee[4]) == o["fee"] as? Double)
    #expect(fee[5] == o["procedure"] as? String)
    #expect(fee[5] == (summary ? "summary" : "ordinary"))
    let total = bracketRows.reduce(0) { $0 + Double($1[4])! }
    #expect(abs(total - (summary ? 2 : 1) * Double(fee[4])!) < 1e-9)
  }
}

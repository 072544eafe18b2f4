@testable import DamagesAnalyses
import Foundation
import Testing

/// The temporary files a batch keeps its claims' results in (docs/batch.md, Memory and speed):
/// what is written is what is read back, exactly, in row order.
@Suite("Batch claim records")
struct ClaimRecordsTests {
  /// Ids a spreadsheet can hold: commas, quotes, line breaks, Chinese, an empty one, and one
  /// far longer than the files' read buffer.
  static let ids = [
    "a1", "a,b", "say \"hi\"", "line\nbreak\r\nand\tmore", "张三诉某平台", "", "🎨 emoji",
    String(repeating: "长", count: 100_000),
  ]

  static func figures(_ index: Int, id: String) -> ClaimFigures {
    // -0.0, NaN, infinities, subnormals and the largest doubles keep their bits
    let odd: [Double] = [-0.0, .nan, .infinity, -.greatestFiniteMagnitude, .leastNonzeroMagnitude,
                         1e308, 0.1 + 0.2, 123_456.789]
    func v(_ k: Int) -> Double { odd[(index + k) % odd.count] }
    return ClaimFigures(
      index: index, id: id, pLiable: v(0), awardMean: v(1), awardP5: v(2), awardP50: v(3),
      awardP95: v(4), fee: index % 3 == 0 ? nil : v(5), feeShareMean: v(6), netMean: v(7),
      netP5: v(8), bestClaim: index % 2 == 0 ? nil : v(9))
  }

  /// Bit for bit (== would call NaN unequal to itself and -0.0 equal to 0.0).
  static func bits(_ f: ClaimFigures) -> [UInt64?] {
    BatchReport.values(f).map { $0?.bitPattern }
  }

  @Test("figures and errors read back identical, twice, in the order written")
  func roundTrip() throws {
    let records = try ClaimRecords(claimCount: 3000)
    var figures: [ClaimFigures] = []
    var errors: [ClaimErrors] = []
    // enough records to cross many read buffers
    for i in 0..<3000 {
      let id = Self.ids[i % Self.ids.count] + (i % Self.ids.count == 7 ? "" : "-\(i)")
      if i % 5 == 4 {
        let e = ClaimErrors(index: i, id: id, messages: i % 10 == 4 ? [] : ["claims.csv:\(i + 2):B: error: id \(id): x", "第二条,\n\"消息\""])
        errors.append(e)
        records.append(e)
      } else {
        let f = Self.figures(i, id: id)
        figures.append(f)
        records.append(f)
      }
    }
    #expect(records.failure == nil)
    #expect(records.figures.count == figures.count)
    #expect(records.errors.count == errors.count)
    for _ in 0..<2 {
      let back = Array(records.figures)
      #expect(back.count == figures.count)
      #expect(back.map(\.index) == figures.map(\.index))
      #expect(back.map(\.id) == figures.map(\.id))
      #expect(back.map(Self.bits) == figures.map(Self.bits))
      #expect(Array(records.errors) == errors)
    }
  }

  @Test("an empty batch reads back as nothing")
  func empty() throws {
    let records = try ClaimRecords(claimCount: 0)
    #expect(records.figures.isEmpty && records.errors.isEmpty)
    #expect(Array(records.figures).isEmpty)
    #expect(Array(records.errors).isEmpty)
  }

  @Test("parts written in any order read back in row order: row i from segment i mod N")
  func segments() throws {
    let n = 3, count = 20
    let records = try ClaimRecords(claimCount: count)
    for k in [2, 0, 1] {
      records.startSegment(k, of: n)
      for i in stride(from: k, to: count, by: n) {
        if i == 7 || i == 11 {
          records.append(ClaimErrors(index: i, id: "bad\(i)", messages: ["m\(i)"]))
        } else {
          records.append(Self.figures(i, id: "c\(i)"))
        }
      }
    }
    #expect(Array(records.figures).map(\.index) == (0..<count).filter { $0 != 7 && $0 != 11 })
    #expect(Array(records.figures).map(\.id) == (0..<count).filter { $0 != 7 && $0 != 11 }.map { "c\($0)" })
    #expect(Array(records.errors).map(\.index) == [7, 11])
  }

  @Test("records written while earlier ones are read back: the buffered tail is read too")
  func readWhileWriting() throws {
    let records = try ClaimRecords(claimCount: 2)
    records.append(Self.figures(0, id: "x"))
    #expect(Array(records.figures).map(\.id) == ["x"])
    records.append(Self.figures(1, id: "y"))
    #expect(Array(records.figures).map(\.id) == ["x", "y"])
  }
}

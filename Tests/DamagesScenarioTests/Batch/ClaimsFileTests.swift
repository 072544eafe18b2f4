@testable import DamagesScenario
import Foundation
import Testing
import _DamagesTestSupport

/// A CSV claims file read a row at a time (docs/batch.md, Memory and speed) gives the rows the
/// whole-file reader gives: the same row numbers, the same cells.
@Suite("Claims file read a row at a time")
struct ClaimsFileTests {
  /// A temporary file holding `bytes`; removed by the caller.
  func file(_ bytes: [UInt8], name: String = "claims.csv") throws -> URL {
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent("claims-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    let url = folder.appendingPathComponent(name)
    try Data(bytes).write(to: url)
    return url
  }

  /// Every row of a pass.
  func rows(_ file: ClaimsFile) throws(ClaimsSheet.Failure) -> [ClaimsSheet.Row] {
    let pass = try file.rows()
    var rows: [ClaimsSheet.Row] = []
    while let row = try pass.next() { rows.append(row) }
    return rows
  }

  /// Both readers on the same bytes: the same header and rows, or the same error.
  func expectSame(_ bytes: [UInt8], sourceLocation: SourceLocation = #_sourceLocation) throws {
    let url = try file(bytes)
    defer { try? FileManager.default.removeItem(at: url.deletingLastPathComponent()) }
    let whole = Result { () throws(ClaimsSheet.Failure) in try ClaimsSheet.read(path: url.path) }
    let streamed = Result { () throws(ClaimsSheet.Failure) in
      let f = try ClaimsFile.open(path: url.path)
      return (f.header, try rows(f))
    }
    let text = String(decoding: bytes, as: UTF8.self).debugDescription
    switch (whole, streamed) {
    case let (.success(sheet), .success((header, rows))):
      #expect(header == sheet.header, "\(text)", sourceLocation: sourceLocation)
      #expect(rows.map(\.number) == sheet.rows.map(\.number), "\(text)", sourceLocation: sourceLocation)
      #expect(rows.map(\.cells) == sheet.rows.map(\.cells), "\(text)", sourceLocation: sourceLocation)
    case let (.failure(a), .failure(b)):
      #expect(a.message == b.message && a.exitCode == b.exitCode, "\(text)", sourceLocation: sourceLocation)
    default:
      Issue.record("one reader failed, the other did not: \(whole) vs \(streamed) for \(text)", sourceLocation: sourceLocation)
    }
  }

  @Test("quoted line breaks, a byte-order mark, CRLF, CR, tabs, blank and short rows, Chinese", arguments: [
    "id,case.claim,defendants[0].name\na1,1000,\"Line one\nline two\"\na2,2000,\"say \"\"hi\"\", ok\"\n",
    "\u{FEFF}id,case.claim\r\na1,1000\r\n\r\na2,\"2,000\"\r\n",
    "id,case.claim\ra1,1000\ra2,2000",
    "id\tcase.claim\tnote\nb1\t5000\t\"tab\tinside\"\n,\n\t\t\nb2\n",
    "id,被告\n张三,某平台\n李四,\"引号\"\"内\n换行\"\n",
    " id , case.claim \n a1 ,1000\n",
    "id,x\n\"unterminated,1\n2,3\n",
    "id,x\n\"a\"b,c\"\n\"d\",e\n",
    "id,x\n\"a\"\r\nb,\"\"\r\n\"\"\n",
    "id,x\na,1,extra,cells\n",
    "", "\n\n", "\u{FEFF}", ",,\na,b\n",
  ])
  func sameRows(_ text: String) throws {
    try expectSame(Array(text.utf8))
  }

  @Test("not UTF-8: the same error as the whole-file reader")
  func notUTF8() throws {
    try expectSame(Array("id,x\na,".utf8) + [0xC3, 0x28] + Array("\n".utf8))
    try expectSame([0xFF, 0xFE] + Array("i\0d\0".utf8))
  }

  @Test("random sheets of quotes, delimiters and line breaks read the same both ways")
  func randomSheets() throws {
    // seeded: a failure prints its text, and the same seed gives the same sheets
    var random = SplitMix64(seed: 19)
    let pieces = ["a", "张", "\"", "\"\"", ",", "\t", "\n", "\r", "\r\n", " ", "x y", "1.5万"]
    for _ in 0..<300 {
      var text = "id,b,c\n"
      for _ in 0..<Int.random(in: 0...40, using: &random) {
        text += pieces.randomElement(using: &random)!
      }
      try expectSame(Array(text.utf8))
    }
  }

  @Test("a file rewritten after it was opened is reported as changed")
  func changed() throws {
    let url = try file(Array("id\na\n".utf8))
    defer { try? FileManager.default.removeItem(at: url.deletingLastPathComponent()) }
    let f = try ClaimsFile.open(path: url.path)
    #expect(f.isUnchanged)
    try Data("id\na\nb\n".utf8).write(to: url)
    #expect(!f.isUnchanged)
  }

  static let template = """
    version: 1
    title: t
    case:
      act: illegal-use
      claimant: natural-person
      rights: [reproduction]
    facts:
      statutory_award: 1000

    """

  @Test("ids must be unique: a digest shared by different ids is no error, a repeated id is")
  func idDigests() throws {
    let url = try file(Array("id,case.claim\na,1\nb,2\na,3\n,4\nc,5\nb,6\n".utf8))
    defer { try? FileManager.default.removeItem(at: url.deletingLastPathComponent()) }
    let t = url.deletingLastPathComponent().appendingPathComponent("t.yaml")
    try Self.template.write(to: t, atomically: true, encoding: .utf8)
    let template = try BatchTemplate.load(path: t.path)
    let expected = [
      2: "claims.csv:4:A: error: id a: id: \"a\" is already the id of row 2; ids must be unique",
      3: "claims.csv:5:A: error: id (none): id: empty; every row needs an id",
      5: "claims.csv:7:A: error: id b: id: \"b\" is already the id of row 3; ids must be unique",
    ]
    // every id with the same digest: only the ids themselves decide
    for digest in [BatchRows.idDigest, { _ in 0 }, { $0 == "c" ? 1 : 0 }] as [(String) -> UInt64] {
      let rows = try BatchRows(file: ClaimsFile.open(path: url.path), template: template,
                               claimsPath: "claims.csv", idDigest: digest)
      #expect(rows.count == 6)
      #expect(rows.idErrors == expected)
    }
  }
}

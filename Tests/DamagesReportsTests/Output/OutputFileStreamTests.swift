import DamagesReports
import Foundation
import Testing
import _DamagesTestSupport

/// An output written piece by piece (a batch's rows as they are rendered) keeps the guarantees
/// of a whole one (docs/outputs.md): the file appears complete or not at all.
@Suite("Output file written piece by piece")
struct OutputFileStreamTests {
  @Test("the pieces, in order, with the byte-order mark when asked; an existing file replaced; no temporary file left")
  func pieces() throws {
    let root = try DamagesBinary.temporaryFolder()
    defer { try? FileManager.default.removeItem(at: root) }
    let path = root.appendingPathComponent("out.csv").path
    try "old contents, longer than the new ones".write(toFile: path, atomically: true, encoding: .utf8)
    // more than the 1 MiB the writer buffers, so that it writes several times
    let pieces = (0..<30_000).map { "row \($0),值 \($0 * 7)\r\n" }
    try OutputFile.write(to: path, byteOrderMark: true) { out in pieces.forEach(out) }
    let data = try Data(contentsOf: URL(fileURLWithPath: path))
    #expect(Array(data.prefix(3)) == [0xEF, 0xBB, 0xBF])
    #expect(String(decoding: data.dropFirst(3), as: UTF8.self) == pieces.joined())
    #expect(try FileManager.default.contentsOfDirectory(atPath: root.path) == ["out.csv"])
    try OutputFile.write(to: path) { out in out("short\n") }
    #expect(try String(contentsOfFile: path, encoding: .utf8) == "short\n")
  }

  @Test("a folder that does not exist: the failure names the file, and nothing is written")
  func missingFolder() throws {
    let root = try DamagesBinary.temporaryFolder()
    defer { try? FileManager.default.removeItem(at: root) }
    let path = root.appendingPathComponent("nope/out.json").path
    var produced = false
    #expect(throws: OutputFile.Failure.self) {
      try OutputFile.write(to: path) { out in produced = true; out("{}") }
    }
    #expect(!produced)
    #expect(try FileManager.default.contentsOfDirectory(atPath: root.path).isEmpty)
  }
}

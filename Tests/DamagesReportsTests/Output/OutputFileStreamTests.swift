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

  @Test("a file made at a path (a workbook): renamed over the target when made, nothing left when it fails")
  func made() throws {
    let root = try DamagesBinary.temporaryFolder()
    defer { try? FileManager.default.removeItem(at: root) }
    let path = root.appendingPathComponent("book.xlsx").path
    try "old".write(toFile: path, atomically: true, encoding: .utf8)
    var madeAt: String?
    try OutputFile.write(to: path) { temporary in
      madeAt = temporary
      // beside the target, and the target untouched while it is made
      #expect(URL(fileURLWithPath: temporary).deletingLastPathComponent().path == root.path)
      #expect((try? String(contentsOfFile: path, encoding: .utf8)) == "old")
      return (try? "new".write(toFile: temporary, atomically: false, encoding: .utf8)) == nil ? "cannot write" : nil
    }
    #expect(madeAt != nil && madeAt != path)
    #expect(try String(contentsOfFile: path, encoding: .utf8) == "new")
    #expect(try FileManager.default.contentsOfDirectory(atPath: root.path) == ["book.xlsx"])
    // a failure halfway: the old file stays, no temporary file is left, the reason is given
    do {
      try OutputFile.write(to: path) { temporary in
        try? "half".write(toFile: temporary, atomically: false, encoding: .utf8)
        return "disk full"
      }
      Issue.record("a failure was not reported")
    } catch {
      #expect(error.description == "\(path): error: cannot create output file: disk full")
    }
    #expect(try String(contentsOfFile: path, encoding: .utf8) == "new")
    #expect(try FileManager.default.contentsOfDirectory(atPath: root.path) == ["book.xlsx"])
  }

  @Test("a file made at a path, for a FIFO: made aside and copied into it, not put in its place")
  func madeIntoFIFO() throws {
    let root = try DamagesBinary.temporaryFolder()
    defer { try? FileManager.default.removeItem(at: root) }
    let fifo = root.appendingPathComponent("pipe").path
    #expect(mkfifo(fifo, 0o600) == 0)
    // more than one chunk of the copy
    let text = String(repeating: "0123456789abcdef", count: 200_000)
    nonisolated(unsafe) var read = Data()
    let reader = Thread { read = (try? FileHandle(forReadingAtPath: fifo)?.readToEnd()) ?? Data() }
    reader.start()
    try OutputFile.write(to: fifo) { temporary in
      #expect(!temporary.hasPrefix(root.path))
      return (try? text.write(toFile: temporary, atomically: false, encoding: .utf8)) == nil ? "cannot write" : nil
    }
    while !reader.isFinished { Thread.sleep(forTimeInterval: 0.01) }
    #expect(read == Data(text.utf8))
    var info = stat()
    #expect(lstat(fifo, &info) == 0 && info.st_mode & S_IFMT == S_IFIFO)
  }
}

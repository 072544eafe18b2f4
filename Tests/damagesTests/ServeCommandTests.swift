import Foundation
import Testing
import _DamagesTestSupport

/// `damages serve` as a user starts it: the address it prints, a port already taken, help.
@Suite("damages serve command", .serialized)
struct ServeCommandTests {
  /// Starts `damages serve --port 0` and returns the process and the URL it printed.
  func startServer() throws -> (Process, String) {
    let process = Process()
    process.executableURL = DamagesBinary.productsFolder.appendingPathComponent("damages")
    process.arguments = ["serve", "--port", "0"]
    process.currentDirectoryURL = DamagesBinary.packageRoot
    let out = Pipe()
    process.standardOutput = out
    process.standardError = FileHandle.nullDevice
    try process.run()
    var text = ""
    let deadline = Date().addingTimeInterval(30)
    while !text.contains("\n"), Date() < deadline {
      let chunk = out.fileHandleForReading.availableData
      if chunk.isEmpty { break }
      text += String(decoding: chunk, as: UTF8.self)
    }
    let url = try #require(text.split(separator: " ").first { $0.hasPrefix("http://") }, "no URL in \(text)")
    return (process, String(url))
  }

  @Test("prints its loopback address; a second server on the same port exits 69 saying why")
  func portTaken() throws {
    let (server, url) = try startServer()
    defer {
      server.terminate()
      server.waitUntilExit()
    }
    #expect(url.hasPrefix("http://127.0.0.1:"))
    let port = try #require(URL(string: url)?.port)
    let second = try DamagesBinary.run(["serve", "--port", String(port)])
    #expect(second.status == 69)
    #expect(second.stderr.contains("127.0.0.1:\(port)"))
    #expect(second.stderr.contains("already in use"))
    #expect(second.stderr.contains("--port"))
  }

  @Test("--help teaches with examples; bad options exit 64")
  func help() throws {
    let help = try DamagesBinary.run(["serve", "--help"])
    #expect(help.status == 0)
    #expect(help.stdout.contains("damages serve --port 0"))
    #expect(help.stdout.contains("--max-runs"))
    #expect(try DamagesBinary.run(["serve", "--port", "70000"]).status == 64)
    #expect(try DamagesBinary.run(["serve", "--max-runs", "1"]).status == 64)
  }
}

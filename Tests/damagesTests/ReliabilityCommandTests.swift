import Foundation
import Testing
import _DamagesTestSupport

#if canImport(Glibc)
  import Glibc
#endif

/// The command line under signals and failing outputs: Ctrl-C and SIGTERM stop every long
/// command at once and leave nothing; a failed write to standard output is exit 74, a closed
/// standard error stops nothing; `--out` writes through links and into devices and FIFOs.
@Suite("damages under signals and failing outputs", .serialized)
struct ReliabilityCommandTests {
  var binary: URL { DamagesBinary.productsFolder.appendingPathComponent("damages") }

  /// Starts the command (OUT in an argument stands for a fresh folder), signals it after a
  /// second, and returns how it ended and how long it took to end.
  func signalled(_ arguments: [String], signal: Int32) throws
    -> (status: Int32, byExit: Bool, seconds: Double, stderr: String, left: [String])
  {
    let folder = try DamagesBinary.temporaryFolder()
    defer { try? FileManager.default.removeItem(at: folder) }
    let process = Process()
    process.executableURL = binary
    process.arguments = arguments.map { $0.replacingOccurrences(of: "OUT", with: folder.path) }
    process.currentDirectoryURL = DamagesBinary.packageRoot
    let err = Pipe()
    process.standardError = err
    process.standardOutput = FileHandle.nullDevice
    try process.run()
    Thread.sleep(forTimeInterval: 1.0)
    #expect(process.isRunning, "\(arguments) ended before the signal: give it more work")
    let start = Date()
    kill(process.processIdentifier, signal)
    while process.isRunning && Date().timeIntervalSince(start) < 20 { usleep(5_000) }
    let seconds = Date().timeIntervalSince(start)
    if process.isRunning { kill(process.processIdentifier, SIGKILL) }
    process.waitUntilExit()
    let stderr = String(decoding: err.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
    let left = (try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []
    return (process.terminationStatus, process.terminationReason == .exit, seconds, stderr, left)
  }

  static let longCommands: [[String]] = [
    // the default thread count (all cores) and 10^9 runs
    ["simulate", "scenarios/benchmark.yaml", "--runs", "1000000000", "--format", "json", "--out", "OUT/r.json"],
    ["simulate", "scenarios/benchmark.yaml", "--runs", "1000000000", "--threads", "1", "--out", "OUT/r.csv"],
    ["simulate", "scenarios/benchmark.yaml", "--runs", "100000000000", "--out", "OUT/r.json"],
    ["sweep", "scenarios/template-illegal-use.yaml", "--runs", "1000000000", "--out", "OUT/s.csv", "--chart", "OUT/s.svg"],
    ["sensitivity", "scenarios/benchmark.yaml", "--method", "sobol", "--samples", "1000000", "--out", "OUT/x.json"],
    ["claim", "scenarios/benchmark.yaml", "--runs", "1000000000", "--out", "OUT/c.csv"],
    ["run", "scenarios", "--out", "OUT/data"],
  ]

  @Test("Ctrl-C (SIGINT) stops every long command within a second: exit 130, nothing written",
        arguments: longCommands)
  func sigint(arguments: [String]) throws {
    let r = try signalled(arguments, signal: SIGINT)
    #expect(r.byExit && r.status == 130, "\(arguments): \(r.status) \(r.stderr)")
    #expect(r.seconds < 1, "\(arguments) took \(r.seconds) s to stop")
    #expect(r.stderr.hasSuffix("interrupted: no output was written\n"), "\(r.stderr)")
    #expect(r.left.isEmpty, "\(arguments) left \(r.left)")
  }

  @Test("SIGTERM stops them too: exit 143, nothing written", arguments: [longCommands[0], longCommands[3], longCommands[6]])
  func sigterm(arguments: [String]) throws {
    let r = try signalled(arguments, signal: SIGTERM)
    #expect(r.byExit && r.status == 143, "\(arguments): \(r.status) \(r.stderr)")
    #expect(r.seconds < 1, "\(arguments) took \(r.seconds) s to stop")
    #expect(r.stderr.hasSuffix("terminated: no output was written\n"), "\(r.stderr)")
    #expect(r.left.isEmpty, "\(arguments) left \(r.left)")
  }

  /// Runs the command through the shell, for redirections a `Process` cannot make.
  func shell(_ script: String, in folder: URL) throws -> CommandResult {
    try DamagesBinary.runShell(script, binary: binary, in: folder)
  }

  @Test("a failed write to standard output is exit 74 with a message, not a crash")
  func standardOutputFails() throws {
    let folder = try DamagesBinary.temporaryFolder()
    defer { try? FileManager.default.removeItem(at: folder) }
    let scenario = DamagesBinary.packageRoot.appendingPathComponent("scenarios/bic-2023-11279-li-v-liu.yaml").path
    let full = try shell("\"$DAMAGES\" estimate '\(scenario)' --format json >/dev/full", in: folder)
    #expect(full.status == 74, "\(full.stderr)")
    #expect(full.stderr == "error: cannot write to standard output: No space left on device\n")
    let closed = try shell("\"$DAMAGES\" estimate '\(scenario)' --format json >&-", in: folder)
    #expect(closed.status == 74, "\(closed.stderr)")
    #expect(closed.stderr.hasPrefix("error: cannot write to standard output: "), "\(closed.stderr)")
  }

  @Test("a closed or full standard error never stops the output file")
  func standardErrorFails() throws {
    let folder = try DamagesBinary.temporaryFolder()
    defer { try? FileManager.default.removeItem(at: folder) }
    let scenario = DamagesBinary.packageRoot.appendingPathComponent("scenarios/bic-2023-11279-li-v-liu.yaml").path
    for redirect in ["2>&-", "2>/dev/full"] {
      let r = try shell(
        "\"$DAMAGES\" simulate '\(scenario)' --runs 20000 --format json --out r.json \(redirect)", in: folder)
      #expect(r.status == 0, "\(redirect): \(r.stderr)")
      let data = try Data(contentsOf: folder.appendingPathComponent("r.json"))
      let object = try JSONSerialization.jsonObject(with: data) as? [String: Any]
      #expect(object?["runs"] as? Double == 20_000, "\(redirect)")
      #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path) == ["r.json"])
      try FileManager.default.removeItem(at: folder.appendingPathComponent("r.json"))
    }
  }

  func fileType(_ path: String) -> mode_t {
    var info = stat()
    guard lstat(path, &info) == 0 else { return 0 }
    return info.st_mode & S_IFMT
  }

  @Test("--out a FIFO writes into it; the FIFO stays a FIFO")
  func outToFIFO() throws {
    let folder = try DamagesBinary.temporaryFolder()
    defer { try? FileManager.default.removeItem(at: folder) }
    let fifo = folder.appendingPathComponent("pipe.json").path
    #expect(mkfifo(fifo, 0o600) == 0)
    let reader = Process()
    reader.executableURL = URL(fileURLWithPath: "/usr/bin/timeout")
    reader.arguments = ["20", "cat", fifo]
    let out = Pipe()
    reader.standardOutput = out
    try reader.run()
    let r = try DamagesBinary.run(["estimate", "scenarios/bic-2023-11279-li-v-liu.yaml", "--out", fifo])
    let read = String(decoding: out.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
    reader.waitUntilExit()
    #expect(r.status == 0, "\(r.stderr)")
    let expected = try DamagesBinary.run(["estimate", "scenarios/bic-2023-11279-li-v-liu.yaml", "--format", "json"])
    #expect(read == expected.stdout)
    #expect(fileType(fifo) == S_IFIFO)
    #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path) == ["pipe.json"])
  }

  @Test("--out a link to a device writes into the device: /dev/full is exit 73, and stays")
  func outThroughLinkToDevice() throws {
    let folder = try DamagesBinary.temporaryFolder()
    defer { try? FileManager.default.removeItem(at: folder) }
    let link = folder.appendingPathComponent("full.json").path
    #expect(symlink("/dev/full", link) == 0)
    let r = try DamagesBinary.run(["estimate", "scenarios/bic-2023-11279-li-v-liu.yaml", "--out", link])
    #expect(r.status == 73, "\(r.stderr)")
    #expect(r.stderr == "\(link): error: cannot create output file: No space left on device\n")
    #expect(fileType(link) == S_IFLNK)
    #expect(fileType("/dev/full") == S_IFCHR)
    let null = folder.appendingPathComponent("null.json").path
    #expect(symlink("/dev/null", null) == 0)
    let ok = try DamagesBinary.run(["estimate", "scenarios/bic-2023-11279-li-v-liu.yaml", "--out", null])
    #expect(ok.status == 0, "\(ok.stderr)")
    #expect(fileType(null) == S_IFLNK)
  }

  @Test("--out a symbolic link: the file it points to is replaced atomically, the link kept")
  func outThroughLink() throws {
    let folder = try DamagesBinary.temporaryFolder()
    defer { try? FileManager.default.removeItem(at: folder) }
    let fm = FileManager.default
    try fm.createDirectory(at: folder.appendingPathComponent("reports"), withIntermediateDirectories: true)
    try fm.createDirectory(at: folder.appendingPathComponent("data"), withIntermediateDirectories: true)
    let target = folder.appendingPathComponent("data/latest.json")
    try Data("old".utf8).write(to: target)
    let link = folder.appendingPathComponent("reports/estimate.json").path
    #expect(symlink("../data/latest.json", link) == 0)
    let r = try DamagesBinary.run(["estimate", "scenarios/bic-2023-11279-li-v-liu.yaml", "--out", link])
    #expect(r.status == 0, "\(r.stderr)")
    #expect(fileType(link) == S_IFLNK)
    let written = try String(contentsOf: target, encoding: .utf8)
    #expect(written.contains("\"award\""))
    #expect(try fm.contentsOfDirectory(atPath: folder.appendingPathComponent("data").path) == ["latest.json"])
    #expect(try fm.contentsOfDirectory(atPath: folder.appendingPathComponent("reports").path) == ["estimate.json"])
    // a link to a file not yet there: the file is created where the link points
    let dangling = folder.appendingPathComponent("reports/new.json").path
    #expect(symlink("../data/new.json", dangling) == 0)
    #expect(try DamagesBinary.run(["estimate", "scenarios/bic-2023-11279-li-v-liu.yaml", "--out", dangling]).status == 0)
    #expect(fileType(folder.appendingPathComponent("data/new.json").path) == S_IFREG)
    #expect(fileType(dangling) == S_IFLNK)
  }
}

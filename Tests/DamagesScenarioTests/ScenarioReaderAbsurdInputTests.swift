import DamagesScenario
import Foundation
import Testing

/// Scenarios of absurd size are refused early, with a clear message (docs/scenario-format.md, Input rules): not after
/// minutes of work or gigabytes of memory. No test here times anything: each input is so large
/// that a reader doing the work before refusing would exhaust the machine's memory instead of
/// giving the expected message.
@Suite("Scenario reader: absurd sizes are refused early (docs/scenario-format.md, Input rules)")
struct ScenarioReaderAbsurdInputTests {
  static let sweepBase =
    head + """
      facts:
        statutory_award: {dist: uniform, min: 500, max: 5000}
      sweep:

      """

  @Test("A 50 GB file is refused from its size alone, before it is read")
  func fiftyGigabytes() throws {
    let folder = try scratchFolder()
    defer { try? FileManager.default.removeItem(at: folder) }
    let url = folder.appendingPathComponent("huge.yaml")
    // A sparse file of 50,000,000,000 bytes: reading it would need 50 GB of memory.
    #expect(FileManager.default.createFile(atPath: url.path, contents: Data("version: 1\n".utf8)))
    let handle = try FileHandle(forWritingTo: url)
    try handle.truncate(atOffset: 50_000_000_000)
    try handle.close()
    do {
      _ = try ScenarioReader.read(contentsOf: url.path)
      Issue.record("accepted")
    } catch {
      #expect(error.exitCode == 65)
      #expect(
        error.description
          == "\(url.path): error: the file is 50,000,000,000 bytes; a scenario file may be at most 8 MiB (8,388,608 bytes)"
      )
    }
  }

  @Test("A sweep of 10^12 points (three axes of 10,000) is refused before any point is built")
  func trillionPointSweep() {
    let text =
      Self.sweepBase + """
          liability.work: {from: 0.0001, to: 1, steps: 10000}
          liability.fault: {from: 0.0001, to: 1, steps: 10000}
          liability.causation: {from: 0.0001, to: 1, steps: 10000}
        """
    #expect(
      diagnostics(text) == [
        "s.yaml:6:1: error: sweep: the sweep grid has 1,000,000,000,000 points; at most 10,000 (fewer values or steps)"
      ])
  }

  @Test("A single range of 10^12 steps is refused on its `steps`, before its values exist")
  func trillionStepRange() {
    #expect(
      diagnostics(Self.sweepBase + "  liability.work: {from: 0, to: 1, steps: 1000000000000}\n") == [
        "s.yaml:7:43: error: sweep.liability.work.steps: the sweep grid has 1,000,000,000,000 points; at most 10,000 (fewer values or steps)"
      ])
  }

  @Test("runs: 10^12 is refused at once; 10^11 is the most allowed")
  func trillionRuns() {
    #expect(
      diagnostics(head + "facts: {statutory_award: 500}\nsimulation: {runs: 1000000000000}\n") == [
        "s.yaml:5:20: error: simulation.runs: must be an integer from 2 to 100,000,000,000, got 1,000,000,000,000"
      ])
    #expect(
      diagnostics(head + "facts: {statutory_award: 500}\nsimulation: {runs: 100000000000}\n")
        .isEmpty)
  }
}

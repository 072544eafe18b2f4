import GSL
import Testing

@Suite("DiscreteTable: weights for gsl_ran_discrete")
struct DiscreteTableTests {
  @Test("valid weights give a table with one outcome per weight")
  func valid() throws {
    #expect(try DiscreteTable(weights: [1, 2, 3, 4]).count == 4)
    #expect(try DiscreteTable(weights: [0, 5, 0]).count == 3)
    #expect(try DiscreteTable(weights: [7]).count == 1)
  }

  /// GSL rejects a negative weight through its error handler (GSL_EINVAL). It accepts all-zero,
  /// NaN and infinite weights without a word and then draws from a law nobody asked for (all
  /// zeros behave like equal weights), so the Swift layer rejects those too.
  @Test(
    "invalid weights throw GSL_EINVAL instead of aborting or drawing from a wrong law",
    arguments: [
      [1, -1, 2], [-0.5], [0, 0], [0], [.nan, 1], [1, .infinity],
      [.greatestFiniteMagnitude, .greatestFiniteMagnitude],
    ] as [[Double]])
  func invalid(_ weights: [Double]) {
    let error = #expect(throws: GSLError.self) { try DiscreteTable(weights: weights) }
    #expect(error?.code == 4)  // GSL_EINVAL, GSL's own code for a negative weight
    #expect(error?.function == "gsl_ran_discrete_preproc")
  }

  @Test("an outcome of weight zero is never drawn")
  func zeroWeightNeverDrawn() throws {
    let table = try DiscreteTable(weights: [0, 3, 0, 1, 0])
    let source = RandomSource(seed: 11)
    var counts = [Int](repeating: 0, count: 5)
    for _ in 0..<50_000 { counts[source.discrete(table)] += 1 }
    #expect(counts[0] == 0 && counts[2] == 0 && counts[4] == 0)
    #expect(counts[1] + counts[3] == 50_000)
  }
}

internal import CGSL

/// A preprocessed table for drawing indices with given weights in constant time (Walker's
/// alias method). The corresponding GSL function is gsl_ran_discrete_preproc.
public final class DiscreteTable: @unchecked Sendable {
  // Immutable after init; gsl_ran_discrete only reads it.
  let table: OpaquePointer
  /// The number of outcomes.
  public let count: Int

  /// Preprocesses weights: finite, non-negative, not all zero, with a finite sum. Anything
  /// else throws a `GSLError` with GSL_EINVAL, the code GSL itself gives a negative weight; GSL
  /// would accept all-zero, NaN and infinite weights without a word and draw from a law nobody
  /// asked for (all zeros act as equal weights).
  public init(weights: [Double]) throws(GSLError) {
    precondition(!weights.isEmpty)
    GSL.installErrorHandler()
    if let i = weights.firstIndex(where: { !($0 >= 0 && $0.isFinite) }) {
      throw GSLError(
        code: Int32(GSL_EINVAL),
        reason: "weights must be finite and non-negative, got \(weights[i]) at index \(i)",
        function: "gsl_ran_discrete_preproc")
    }
    let total = weights.reduce(0, +)
    guard total > 0 && total.isFinite else {
      throw GSLError(
        code: Int32(GSL_EINVAL), reason: "weights must have a positive finite sum, got \(total)",
        function: "gsl_ran_discrete_preproc")
    }
    var pointer: OpaquePointer? = nil
    try gslValue("gsl_ran_discrete_preproc") {
      weights.withUnsafeBufferPointer { buffer in
        pointer = gsl_ran_discrete_preproc(buffer.count, buffer.baseAddress).map(OpaquePointer.init)
      }
    }
    guard let pointer else {
      throw GSLError(
        code: GSLError.domainErrorCode, reason: "invalid weights",
        function: "gsl_ran_discrete_preproc")
    }
    table = pointer
    count = weights.count
  }

  deinit { gsl_ran_discrete_free(tablePointer) }

  var tablePointer: UnsafeMutablePointer<gsl_ran_discrete_t> { UnsafeMutablePointer(table) }
}

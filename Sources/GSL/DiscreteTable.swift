internal import CGSL

/// A preprocessed table for drawing indices with given weights in constant time (Walker's
/// alias method). The corresponding GSL function is gsl_ran_discrete_preproc.
public final class DiscreteTable: @unchecked Sendable {
  // Immutable after init; gsl_ran_discrete only reads it.
  let table: OpaquePointer
  /// The number of outcomes.
  public let count: Int

  /// Preprocesses non-negative weights, not all zero.
  public init(weights: [Double]) throws(GSLError) {
    precondition(!weights.isEmpty)
    GSL.installErrorHandler()
    var pointer: OpaquePointer? = nil
    try gslValue("gsl_ran_discrete_preproc") {
      weights.withUnsafeBufferPointer { buffer in
        pointer = gsl_ran_discrete_preproc(buffer.count, buffer.baseAddress).map(OpaquePointer.init)
      }
    }
    guard let pointer else {
      throw GSLError(code: GSLError.domainErrorCode, reason: "invalid weights",
                     function: "gsl_ran_discrete_preproc")
    }
    table = pointer
    count = weights.count
  }

  deinit { gsl_ran_discrete_free(tablePointer) }

  var tablePointer: UnsafeMutablePointer<gsl_ran_discrete_t> { UnsafeMutablePointer(table) }
}

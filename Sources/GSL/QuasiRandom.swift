internal import CGSL

/// A quasi-random (low-discrepancy) sequence of points in [0, 1)^d: GSL's Sobol generator,
/// owned and freed by this object.
///
/// Not thread-safe: give each thread its own sequence.
public final class SobolSequence {
  /// The most dimensions GSL's Sobol generator supports.
  public static let maximumDimension = 40

  public let dimension: Int
  private let q: OpaquePointer

  /// A sequence of `dimension` coordinates (1 to ``maximumDimension``). The corresponding GSL
  /// function is gsl_qrng_alloc.
  public init(dimension: Int) throws(GSLError) {
    precondition(dimension >= 1)
    self.dimension = dimension
    let pointer = try gslValue("gsl_qrng_alloc") {
      gsl_qrng_alloc(cgsl_qrng_sobol(), UInt32(dimension))
    }
    guard let pointer else {
      throw GSLError(code: GSLError.domainErrorCode,
                     reason: "Sobol sequences have at most \(Self.maximumDimension) dimensions, got \(dimension)",
                     function: "gsl_qrng_alloc")
    }
    q = OpaquePointer(pointer)
  }

  deinit { gsl_qrng_free(raw) }

  private var raw: UnsafeMutablePointer<gsl_qrng> { UnsafeMutablePointer(q) }

  /// Restarts the sequence at its first point. The corresponding GSL function is
  /// gsl_qrng_init.
  public func restart() { gsl_qrng_init(raw) }

  /// Writes the next point into `values[offset ..< offset + dimension]`. The corresponding
  /// GSL function is gsl_qrng_get.
  public func next(into values: inout [Double], at offset: Int) throws(GSLError) {
    precondition(offset >= 0 && offset + dimension <= values.count)
    try values.withUnsafeMutableBufferPointer { (buffer) throws(GSLError) in
      let base = buffer.baseAddress! + offset
      try gslCall("gsl_qrng_get") { gsl_qrng_get(raw, base) }
    }
  }
}

extension RandomSource {
  /// Puts `values` in a uniformly random order. The corresponding GSL function is
  /// gsl_ran_shuffle.
  public func shuffle(_ values: inout [Int]) {
    values.withUnsafeMutableBufferPointer { buffer in
      guard let base = buffer.baseAddress, buffer.count > 1 else { return }
      gsl_ran_shuffle(rawGenerator, base, buffer.count, MemoryLayout<Int>.stride)
    }
  }
}

internal import CGSL

/// Dense linear algebra on small symmetric matrices.
public enum LinearAlgebra {
  /// The lower-triangular Cholesky factor L of a symmetric positive-definite matrix A = L·Lᵀ,
  /// as rows. Throws a `GSLError` with ``GSLError/domainErrorCode`` when A is not positive
  /// definite or has a non-finite entry. The corresponding GSL function is
  /// gsl_linalg_cholesky_decomp1.
  public static func cholesky(_ matrix: [[Double]]) throws(GSLError) -> [[Double]] {
    let n = matrix.count
    precondition(matrix.allSatisfy { $0.count == n }, "cholesky: matrix must be square")
    guard n > 0 else { return [] }
    // GSL checks only for a non-positive pivot, which NaN is not: it would return NaN factors.
    guard matrix.allSatisfy({ $0.allSatisfy(\.isFinite) }) else {
      throw GSLError(
        code: GSLError.domainErrorCode, reason: "matrix has a non-finite entry",
        function: "gsl_linalg_cholesky_decomp1")
    }
    var storage = matrix.flatMap { $0 }
    try storage.withUnsafeMutableBufferPointer { buffer throws(GSLError) in
      var view = gsl_matrix_view_array(buffer.baseAddress, n, n)
      try gslCall("gsl_linalg_cholesky_decomp1") {
        gsl_linalg_cholesky_decomp1(&view.matrix)
      }
    }
    return (0..<n).map { i in (0..<n).map { j in j <= i ? storage[i * n + j] : 0 } }
  }
}

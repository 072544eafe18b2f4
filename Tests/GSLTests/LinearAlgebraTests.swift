import GSL
import Testing

@Suite("LinearAlgebra: Cholesky factor (docs/scenario-format.md, Correlations, the copula's correlation matrix)")
struct LinearAlgebraTests {
  @Test("a valid 3×3 matrix gives a lower-triangular L with L·Lᵀ = A")
  func validMatrix() throws {
    // Pearson correlations of a three-fact copula.
    let a: [[Double]] = [
      [1.0, 0.6, 0.3],
      [0.6, 1.0, 0.5],
      [0.3, 0.5, 1.0],
    ]
    let l = try LinearAlgebra.cholesky(a)
    #expect(l.count == 3 && l.allSatisfy { $0.count == 3 })
    for i in 0..<3 {
      #expect(l[i][i] > 0, "diagonal \(i) must be positive")
      for j in (i + 1)..<3 { #expect(l[i][j] == 0, "L[\(i)][\(j)] must be zero") }
    }
    for i in 0..<3 {
      for j in 0..<3 {
        let product = (0..<3).reduce(0.0) { $0 + l[i][$1] * l[j][$1] }
        #expect(abs(product - a[i][j]) <= 1e-15, "(L·Lᵀ)[\(i)][\(j)] = \(product), A = \(a[i][j])")
      }
    }
    // The first column is A's first column; the known factor of this matrix.
    #expect(l[0] == [1, 0, 0])
    #expect(abs(l[1][0] - 0.6) <= 1e-15 && abs(l[1][1] - 0.8) <= 1e-15)
  }

  @Test("the empty matrix and the 1×1 matrix")
  func smallMatrices() throws {
    #expect(try LinearAlgebra.cholesky([]) == [])
    #expect(try LinearAlgebra.cholesky([[4]]) == [[2]])
  }

  /// Conflicting correlations: each pair is plausible, the three together are not (the
  /// determinant is negative). The scenario format makes this an input error (docs/scenario-format.md, Correlations), so it must throw, never abort.
  @Test(
    "a matrix that is not positive definite throws GSL_EDOM instead of aborting",
    arguments: [
      [[1.0, 0.9, -0.9], [0.9, 1.0, 0.9], [-0.9, 0.9, 1.0]],
      [[1.0, 1.0], [1.0, 1.0]],  // singular: a correlation of exactly 1
      [[1.0, 2.0], [2.0, 1.0]],
      [[-1.0]],
      [[0.0]],
    ] as [[[Double]]])
  func notPositiveDefinite(_ matrix: [[Double]]) {
    let error = #expect(throws: GSLError.self) { try LinearAlgebra.cholesky(matrix) }
    #expect(error?.code == 1)  // GSL_EDOM
    #expect(error?.code == GSLError.domainErrorCode)
    #expect(error?.function == "gsl_linalg_cholesky_decomp1")
  }

  @Test("a non-finite entry throws GSL_EDOM rather than returning NaN")
  func nonFinite() {
    for bad in [Double.nan, .infinity] {
      let error = #expect(throws: GSLError.self) {
        try LinearAlgebra.cholesky([[1, bad], [bad, 1]])
      }
      #expect(error?.code == GSLError.domainErrorCode)
    }
  }

  @Test("after a failure the next factorisation succeeds (no stale error is carried over)")
  func recovers() throws {
    _ = try? LinearAlgebra.cholesky([[1, 2], [2, 1]])
    #expect(try LinearAlgebra.cholesky([[4, 2], [2, 5]]) == [[2, 0], [1, 2]])
  }
}

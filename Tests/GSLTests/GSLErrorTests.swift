import GSL
import Testing

@Suite("GSLError: GSL's errors become Swift errors, never an abort")
struct GSLErrorTests {
  @Test("the description names the function, GSL's reason and the code")
  func description() {
    let error = #expect(throws: GSLError.self) {
      try LinearAlgebra.cholesky([[1, 2], [2, 1]])
    }
    #expect(
      error?.description
        == "gsl_linalg_cholesky_decomp1: matrix is not positive definite (GSL error 1)")
    #expect(GSLError.domainErrorCode == 1)
  }

  @Test("GSL's own reason text is kept")
  func reasonFromGSL() {
    let error = #expect(throws: GSLError.self) {
      try LinearAlgebra.cholesky([[1, 2], [2, 1]])
    }
    #expect(error?.reason.contains("positive definite") == true)
  }

  @Test("installing the handler again is harmless")
  func installTwice() throws {
    GSL.installErrorHandler()
    GSL.installErrorHandler()
    #expect(throws: GSLError.self) { try LinearAlgebra.cholesky([[-1]]) }
    #expect(try LinearAlgebra.cholesky([[9]]) == [[3]])
  }

  /// The handler records the last error per thread: a failure on one thread must never be
  /// reported by a successful call on another.
  @Test("errors stay on the thread that raised them")
  func threadLocal() async {
    let misreported = await withTaskGroup(of: Int.self) { group in
      for task in 0..<8 {
        group.addTask {
          var wrong = 0
          for i in 0..<2_000 {
            if (i + task) % 2 == 0 {
              if (try? LinearAlgebra.cholesky([[1, 2], [2, 1]])) != nil { wrong += 1 }
            } else {
              if (try? LinearAlgebra.cholesky([[4, 2], [2, 5]])) == nil { wrong += 1 }
              if (try? Probability.betaQuantile(0.5, a: 3, b: 3)) == nil { wrong += 1 }
            }
          }
          return wrong
        }
      }
      return await group.reduce(0, +)
    }
    #expect(misreported == 0)
  }
}

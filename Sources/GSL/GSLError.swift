internal import CGSL
internal import CGSLShims

/// An error reported by the GNU Scientific Library.
///
/// GSL's default error handler aborts the process. This layer replaces it (see
/// ``GSL/installErrorHandler()``) with one that records the error, and every GSL call made
/// through this module turns a non-zero status into a thrown `GSLError`.
public struct GSLError: Error, Equatable, CustomStringConvertible, Sendable {
  /// The GSL status code (`GSL_EDOM`, `GSL_EINVAL`, …).
  public var code: Int32
  /// GSL's own reason text.
  public var reason: String
  /// The GSL function this layer called.
  public var function: String

  public var description: String {
    "\(function): \(reason) (GSL error \(code))"
  }

  /// The status code GSL uses for a matrix that is not positive definite, an argument out of
  /// its domain, and similar.
  public static var domainErrorCode: Int32 { Int32(GSL_EDOM) }
}

/// The GSL namespace: process-wide set-up.
public enum GSL {
  /// Replaces GSL's abort-on-error handler by one that records the last error per thread.
  /// Every entry point of this module calls it; calling it again is free.
  public static func installErrorHandler() {
    cgsl_install_error_handler()
  }
}

/// Runs a GSL call that returns a status and throws if it failed. The one funnel through
/// which every status of this module passes.
@discardableResult
func gslCall(_ function: String, _ body: () -> Int32) throws(GSLError) -> Int32 {
  GSL.installErrorHandler()
  _ = takeRecordedError()  // discard anything stale
  let status = body()
  let recorded = takeRecordedError()
  if status != GSL_SUCCESS {
    throw GSLError(
      code: status, reason: recorded?.reason ?? String(cString: gsl_strerror(status)),
      function: function)
  }
  return status
}

/// Runs a GSL call that returns a value and reports failure only through the error handler
/// (the `gsl_cdf_*` functions, for instance) and throws if the handler was called.
func gslValue<T>(_ function: String, _ body: () -> T) throws(GSLError) -> T {
  GSL.installErrorHandler()
  _ = takeRecordedError()
  let value = body()
  if let recorded = takeRecordedError() {
    throw GSLError(code: recorded.code, reason: recorded.reason, function: function)
  }
  return value
}

private func takeRecordedError() -> (code: Int32, reason: String)? {
  var reason: UnsafePointer<CChar>? = nil
  var file: UnsafePointer<CChar>? = nil
  var line: Int32 = 0
  let code = cgsl_take_error(&reason, &file, &line)
  guard code != 0 else { return nil }
  return (code, reason.map { String(cString: $0) } ?? "unknown GSL error")
}

import DamagesReports
import DamagesScenario
import Hummingbird

/// Every error the API answers with, rendered in one place as JSON:
/// `{"error": KIND, "message": TEXT, "diagnostics": [{"line", "column", "field", "message",
/// "rendered"}]}`, where `diagnostics` carry the scenario reader's findings, so that the page
/// can show each next to the field it concerns.
enum WebError: Error, Sendable {
  /// The scenario is invalid (422): the reader's diagnostics.
  case scenario([ScenarioDiagnostic])
  /// A parameter of the request is wrong (400).
  case badRequest(String)
  /// The body is larger than the server accepts (413).
  case tooLarge(limit: Int)
  /// No such job, scenario or chart (404).
  case notFound(String)
  /// The job has not finished yet (409).
  case notReady(String)
  /// The request names another host than this server's loopback names (403).
  case foreignHost(String)
  /// A page of another site sent the request (403): only this server's own page may start work.
  case crossSite(String)
  /// Too many jobs are waiting or running (429).
  case busy(limit: Int)
  /// The path exists but not with this method (405); `allowed` goes in the `Allow` header.
  case methodNotAllowed(method: String, path: String, allowed: [String])
  /// A bug or a numerical failure (500).
  case `internal`(String)

  var status: HTTPResponse.Status {
    switch self {
    case .scenario: .unprocessableContent
    case .badRequest: .badRequest
    case .tooLarge: .contentTooLarge
    case .notFound: .notFound
    case .notReady: .conflict
    case .foreignHost, .crossSite: .forbidden
    case .busy: .tooManyRequests
    case .methodNotAllowed: .methodNotAllowed
    case .internal: .internalServerError
    }
  }

  var kind: String {
    switch self {
    case .scenario: "invalid-scenario"
    case .badRequest: "bad-request"
    case .tooLarge: "too-large"
    case .notFound: "not-found"
    case .notReady: "not-ready"
    case .foreignHost: "foreign-host"
    case .crossSite: "cross-site"
    case .busy: "busy"
    case .methodNotAllowed: "method-not-allowed"
    case .internal: "internal"
    }
  }

  var message: String {
    switch self {
    case let .scenario(diagnostics):
      diagnostics.count == 1
        ? "the scenario has an error" : "the scenario has \(diagnostics.count) errors"
    case let .badRequest(message): message
    case let .tooLarge(limit):
      "the request body is larger than this server accepts (\(Amount.grouped(Double(limit))) bytes; damages serve --max-body)"
    case let .notFound(message): message
    case let .notReady(message): message
    case let .foreignHost(host):
      "this server answers only to its loopback address, not to '\(host)' (start it with --host to serve another name)"
    case let .crossSite(origin):
      "this server takes work only from its own page (the same scheme, host and port), not from a page of '\(origin)'"
    case let .busy(limit):
      "\(limit) jobs are already waiting or running; try again when one has finished (GET /api/jobs/ID shows their progress)"
    case let .methodNotAllowed(method, path, allowed):
      "\(path) does not take \(method); it takes \(allowed.joined(separator: ", "))"
    case let .internal(message): "internal error: \(message)"
    }
  }

  var json: JSON {
    var pairs: [(String, JSON)] = [("error", .string(kind)), ("message", .string(message))]
    if case let .scenario(diagnostics) = self {
      pairs.append(("diagnostics", .array(diagnostics.map(Self.json))))
    }
    return .object(pairs)
  }

  static func json(_ d: ScenarioDiagnostic) -> JSON {
    .object([
      ("line", d.line.map { .number(Double($0)) } ?? .null),
      ("column", d.column.map { .number(Double($0)) } ?? .null),
      ("field", d.field.map { .string($0) } ?? .null),
      ("message", .string(d.message)),
      ("rendered", .string(d.rendered)),
    ])
  }
}

extension WebError: HTTPResponseError {
  func response(from request: Request, context: some RequestContext) throws -> Response {
    var response = Reply.json(json, status: status)
    if case let .methodNotAllowed(_, _, allowed) = self {
      response.headers[.allow] = allowed.joined(separator: ", ")
    }
    return response
  }
}

/// Responses with a body and its media type.
enum Reply {
  static func text(_ text: String, type: String, status: HTTPResponse.Status = .ok) -> Response {
    Response(
      status: status,
      headers: [.contentType: type, .cacheControl: "no-store"],
      body: .init(byteBuffer: ByteBuffer(string: text)))
  }

  static func json(_ value: JSON, status: HTTPResponse.Status = .ok) -> Response {
    text(value.rendered() + "\n", type: "application/json; charset=utf-8", status: status)
  }

  /// A report in a format of the command line; CSV optionally with the byte-order mark Excel
  /// looks for, offered as a download.
  static func report(_ text: String, format: OutputFormat, excel: Bool, name: String) -> Response {
    switch format {
    case .json:
      return Self.text(text, type: "application/json; charset=utf-8")
    case .csv:
      var response = Self.text(
        (excel ? "\u{FEFF}" : "") + text, type: "text/csv; charset=utf-8")
      response.headers[.contentDisposition] = "attachment; filename=\"\(name).csv\""
      return response
    case .markdown:
      var response = Self.text(text, type: "text/markdown; charset=utf-8")
      response.headers[.contentDisposition] = "attachment; filename=\"\(name).md\""
      return response
    case .table:
      return Self.text(text, type: "text/plain; charset=utf-8")
    }
  }
}

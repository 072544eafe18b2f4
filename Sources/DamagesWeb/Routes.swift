import DamagesReports
import DamagesScenario
import Foundation
import Hummingbird

/// What the routes share: the limits, the bundled scenarios and the background jobs.
final class Workbench: Sendable {
  let limits: ServeLimits
  let scenarios: BundledScenarios
  let board: JobBoard

  init(limits: ServeLimits, scenarios: BundledScenarios) {
    self.limits = limits
    self.scenarios = scenarios
    board = JobBoard(workers: limits.workers, maxPending: limits.maxPendingJobs)
  }

  /// The request's body as scenario text: at most `limits.maxBody` bytes (413 beyond, checked
  /// on the declared length before anything is read), UTF-8.
  func text(of request: Request) async throws(WebError) -> String {
    let limit = limits.maxBody
    if let declared = request.headers[.contentLength].flatMap({ Int($0) }), declared > limit {
      throw .tooLarge(limit: limit)
    }
    var request = request
    let buffer: ByteBuffer
    do { buffer = try await request.collectBody(upTo: limit) } catch let error as any HTTPResponseError
      where error.status == .contentTooLarge
    {
      throw .tooLarge(limit: limit)
    } catch {
      throw .badRequest("the request body could not be read: \(error)")
    }
    guard let text = String(validating: Array(buffer.readableBytesView), as: UTF8.self) else {
      throw .scenario([ScenarioDiagnostic(
        file: Analyses.sourceName, message: "the scenario is not UTF-8 text")])
    }
    return text
  }
}

/// The query parameters the API reads, each checked (400 with a message naming it).
struct Query {
  let parameters: [String: String]

  init(_ request: Request) {
    var p: [String: String] = [:]
    for (key, value) in request.uri.queryParameters { p[String(key)] = String(value) }
    parameters = p
  }

  var format: OutputFormat {
    get throws(WebError) {
      guard let raw = parameters["format"] else { return .json }
      guard let f = OutputFormat(rawValue: raw) else {
        throw .badRequest("format must be table, json, csv or markdown, got '\(raw)'")
      }
      return f
    }
  }

  var lang: Language {
    get throws(WebError) {
      guard let raw = parameters["lang"] else { return .both }
      guard let l = Language(rawValue: raw) else { throw .badRequest("lang must be zh, en or both, got '\(raw)'") }
      return l
    }
  }

  var excel: Bool { parameters["excel"] == "1" || parameters["excel"] == "true" }

  var runs: Int? {
    get throws(WebError) {
      guard let raw = parameters["runs"], !raw.isEmpty else { return nil }
      // digits only, as the command line's --runs takes them: Int("+5") would accept a sign
      guard raw.utf8.allSatisfy({ (0x30...0x39).contains($0) }), let n = Int(raw) else {
        throw .badRequest("runs must be a whole number, got '\(raw)'")
      }
      return n
    }
  }

  var seed: UInt64? {
    get throws(WebError) {
      guard let raw = parameters["seed"], !raw.isEmpty else { return nil }
      guard raw.utf8.allSatisfy({ (0x30...0x39).contains($0) }), let s = UInt64(raw) else { throw .badRequest("seed must be a whole number ≥ 0, got '\(raw)'") }
      return s
    }
  }
}

/// The HTTP API and the page.
///
/// | method and path | answers |
/// |---|---|
/// | `GET /` | the page (HTML, script and style are served by this binary: nothing is fetched) |
/// | `GET /api/info` | the server's limits |
/// | `GET /api/scenarios` | the bundled scenarios: `[{"name", "title"}]` |
/// | `GET /api/scenarios/NAME` | one bundled scenario's YAML |
/// | `POST /api/check` | validates the YAML body: `{"ok": true, "title", "runs", "seed", "sweep"}` |
/// | `POST /api/tree` | the YAML body as a JSON tree (for the form) |
/// | `POST /api/estimate?format=&lang=&excel=` | `damages estimate` on the body, in that format |
/// | `POST /api/simulate`, `/api/sweep`, `/api/sensitivity`, `/api/claim` `?runs=&seed=` | starts the analysis in the background: 202 and its job |
/// | `GET /api/fees?amount=&procedure=&format=&lang=` | `damages fees AMOUNT` (R10) |
/// | `GET /api/jobs/ID` | its state, phase (`queued`, `simulating`, `summarising`, then how it ended) and progress |
/// | `DELETE /api/jobs/ID` | cancels it: a queued job never starts, a simulation or sweep stops at its next block |
/// | `GET /api/jobs/ID/report?format=&lang=&excel=` | its report, as the command line writes it |
/// | `GET /api/jobs/ID/charts/NAME.svg?lang=` | a chart (histogram, s-curve, sweep, tornado) |
///
/// JSON reports are exactly the command line's (`--format json`, the same writers); errors
/// are JSON too (``WebError``), with status 400, 403, 404, 405 (with `Allow`), 409, 413, 422, 429 or 500. A state-changing
/// request from a page of another origin is refused (``SameOriginCheck``).
enum Routes {
  static func router(_ bench: Workbench, host: String) -> Router<BasicRequestContext> {
    let router = Router(context: BasicRequestContext.self)
    router.add(middleware: MethodCheck<BasicRequestContext>())
    if let check = LoopbackHostCheck<BasicRequestContext>(serving: host) { router.add(middleware: check) }
    router.add(middleware: SameOriginCheck<BasicRequestContext>())

    // read from the resource bundle now, so that a missing bundle stops the server at start
    let script = Page.script
    router.get("/") { _, _ in Reply.text(Page.html, type: "text/html; charset=utf-8") }
    router.get("/app.js") { _, _ in Reply.text(script, type: "text/javascript; charset=utf-8") }
    router.get("/app.css") { _, _ in Reply.text(Page.style, type: "text/css; charset=utf-8") }
    router.get("/favicon.ico") { _, _ in Response(status: .noContent) }

    router.get("/api/info") { _, _ in
      Reply.json(.object([
        ("max_runs", .number(Double(bench.limits.maxRuns))),
        ("max_body", .number(Double(bench.limits.maxBody))),
        ("max_sweep_points", .number(Double(bench.limits.maxSweepPoints))),
        ("workers", .number(Double(bench.limits.workers))),
        ("queued", .number(Double(await bench.board.queued()))),
      ]))
    }

    router.get("/api/scenarios") { _, _ in
      Reply.json(.array(bench.scenarios.list().map {
        .object([("name", .string($0.name)), ("title", .string($0.title))])
      }))
    }

    router.get("/api/scenarios/{name}") { _, context in
      // the page asks for encodeURIComponent(name): Chinese names and spaces arrive encoded
      let raw = context.parameters.get("name") ?? ""
      let name = raw.removingPercentEncoding ?? raw
      guard let text = bench.scenarios.text(of: name) else {
        throw WebError.notFound("no bundled scenario named '\(name)'")
      }
      return Reply.text(text, type: "application/yaml; charset=utf-8")
    }

    router.post("/api/check") { request, _ in
      let scenario = try Analyses.scenario(from: try await bench.text(of: request))
      return Reply.json(.object([
        ("ok", .bool(true)), ("title", .string(scenario.title)),
        ("runs", .number(Double(scenario.simulation.runs))),
        ("seed", .number(Double(scenario.simulation.seed))),
        ("sweep", .array(scenario.sweep.map { .string($0.path) })),
      ]))
    }

    router.post("/api/tree") { request, _ in
      let text = try await bench.text(of: request)
      do throws(ScenarioError) {
        return Reply.json(JSON(try ScenarioTree.read(text, file: Analyses.sourceName)))
      } catch { throw WebError.scenario(error.diagnostics) }
    }

    router.post("/api/estimate") { request, _ in
      let query = Query(request)
      let (format, lang) = (try query.format, try query.lang)
      let scenario = try Analyses.scenario(from: try await bench.text(of: request))
      return Reply.report(
        try Analyses.estimate(scenario, format: format, lang: lang), format: format,
        excel: query.excel, name: "estimate")
    }

    for kind in JobKind.allCases {
      router.post("/api/\(kind.rawValue)") { request, _ in
        let query = Query(request)
        let (runs, seed) = (try query.runs, try query.seed)
        let scenario = try Analyses.scenario(from: try await bench.text(of: request))
        let prepared = try Analyses.prepare(kind, scenario: scenario, runs: runs, seed: seed, limits: bench.limits)
        let job = try await bench.board.submit(kind, total: prepared.total, work: prepared.work)
        var response = Reply.json(status(of: job), status: .accepted)
        response.headers[.location] = "/api/jobs/\(job.id)"
        return response
      }
    }

    PageRoutes.add(to: router)

    router.get("/api/jobs/{id}") { _, context in
      Reply.json(status(of: try await job(context, bench)))
    }

    router.delete("/api/jobs/{id}") { _, context in
      let job = try await job(context, bench)
      if !job.snapshot.state.ended { await bench.board.cancel(job) }
      return Reply.json(status(of: job))
    }

    router.get("/api/jobs/{id}/report") { request, context in
      let query = Query(request)
      let (format, lang) = (try query.format, try query.lang)
      let job = try await job(context, bench)
      return Reply.report(
        try outcome(of: job).report(format: format, lang: lang), format: format,
        excel: query.excel, name: job.kind.rawValue)
    }

    router.get("/api/jobs/{id}/charts/{name}") { request, context in
      let lang = try Query(request).lang
      let outcome = try outcome(of: try await job(context, bench))
      // `.svg` only as the name's suffix: `hi.svgstogram` names no chart
      var name = context.parameters.get("name") ?? ""
      if name.hasSuffix(".svg") { name.removeLast(4) }
      guard let svg = outcome.chart(name, lang: lang) else {
        throw WebError.notFound("no chart named '\(name)'; this job has: \(outcome.chartNames.joined(separator: ", "))")
      }
      return Reply.text(svg, type: "image/svg+xml; charset=utf-8")
    }

    return router
  }

  static func job(_ context: BasicRequestContext, _ bench: Workbench) async throws(WebError) -> Job {
    let id = context.parameters.get("id") ?? ""
    guard let job = await bench.board.job(id) else {
      throw .notFound("no job '\(id)' (finished jobs are kept for a while, then forgotten)")
    }
    return job
  }

  static func outcome(of job: Job) throws(WebError) -> JobResult {
    let s = job.snapshot
    switch s.state {
    case .done: return s.outcome!
    case .failed: throw s.failure ?? .internal("the job failed")
    case .cancelled: throw .notReady("job \(job.id) was cancelled; start it again to get its report")
    case .queued, .running: throw .notReady("job \(job.id) is \(s.state.rawValue); poll /api/jobs/\(job.id)")
    }
  }

  /// `{"id", "kind", "state", "phase", "done", "total", "progress", "seconds", "charts", "error"}`.
  static func status(of job: Job) -> JSON {
    let s = job.snapshot
    let (phase, progress) = Self.phase(of: s, kind: job.kind)
    var pairs: [(String, JSON)] = [
      ("id", .string(job.id)), ("kind", .string(job.kind.rawValue)), ("state", .string(s.state.rawValue)),
      ("phase", .string(phase)),
      ("done", .number(Double(s.done))), ("total", .number(Double(s.total))),
      ("progress", .number(progress)),
    ]
    if let seconds = s.seconds { pairs.append(("seconds", .number(seconds))) }
    if let outcome = s.outcome { pairs.append(("charts", .array(outcome.chartNames.map { .string($0) }))) }
    if let failure = s.failure { pairs.append(("error", failure.json)) }
    return .object(pairs)
  }
}

/// Refuses a state-changing request (anything but GET and HEAD) sent by a page of another
/// origin, whatever address the server listens on. A page of another site may send a simple
/// POST (text/plain) without asking first; browsers name the sender in `Origin` (and in
/// `Sec-Fetch-Site`). The request is accepted only when its `Origin`, if it has one, is the
/// server's own: `http://` and the host and port the request was sent to (its `Host`).
/// `Origin: null` (a sandboxed frame, a file, a redirect) is refused; a request without
/// `Origin` (curl, a script) is accepted.
struct SameOriginCheck<Context: RequestContext>: RouterMiddleware {
  func handle(
    _ request: Request, context: Context, next: (Request, Context) async throws -> Response
  ) async throws -> Response {
    if request.method != .get && request.method != .head {
      let site = request.headers.first { $0.name.canonicalName == "sec-fetch-site" }?.value
      if let site, site != "same-origin" && site != "none" {
        throw WebError.crossSite(request.headers[.origin] ?? "another site")
      }
      if let origin = request.headers[.origin], !Self.isOwn(origin: origin, authority: request.head.authority) {
        throw WebError.crossSite(origin)
      }
    }
    return try await next(request, context)
  }

  /// Whether `origin` is `http://` followed by the request's authority (`host[:port]`), port
  /// 80 written or not, letters in any case.
  static func isOwn(origin: String, authority: String?) -> Bool {
    guard let authority, !authority.isEmpty else { return false }
    func normalized(_ a: String) -> String {
      let a = a.lowercased()
      return a.hasSuffix(":80") ? String(a.dropLast(3)) : a
    }
    let o = origin.lowercased()
    guard o.hasPrefix("http://") else { return false }
    return normalized(String(o.dropFirst(7))) == normalized(authority)
  }
}

/// A path the API knows, asked with a method it does not take: 405 with the methods it does
/// take in `Allow` (and the JSON error body), not a bare 404.
struct MethodCheck<Context: RequestContext>: RouterMiddleware {
  /// Each route's path pattern (`*` for one path component) and methods; HEAD goes with GET.
  static var routes: [([String], [String])] { MethodTable.routes }

  /// The methods the path takes; nil for a path no route has.
  static func allowed(path: String) -> [String]? { MethodTable.allowed(path: path) }

  func handle(
    _ request: Request, context: Context, next: (Request, Context) async throws -> Response
  ) async throws -> Response {
    if let allowed = Self.allowed(path: request.uri.path), !allowed.contains(request.method.rawValue) {
      throw WebError.methodNotAllowed(method: request.method.rawValue, path: request.uri.path, allowed: allowed)
    }
    return try await next(request, context)
  }
}

/// The routes' paths and methods, for ``MethodCheck``.
enum MethodTable {
  static let routes: [([String], [String])] = [
    ([""], ["GET", "HEAD"]), (["app.js"], ["GET", "HEAD"]), (["app.css"], ["GET", "HEAD"]),
    (["favicon.ico"], ["GET", "HEAD"]), (["api", "info"], ["GET", "HEAD"]),
    (["api", "scenarios"], ["GET", "HEAD"]), (["api", "scenarios", "*"], ["GET", "HEAD"]),
    (["api", "check"], ["POST"]), (["api", "tree"], ["POST"]), (["api", "estimate"], ["POST"]),
    (["api", "fees"], ["GET", "HEAD"]),
  ] + JobKind.allCases.map { (["api", $0.rawValue], ["POST"]) } + [
    (["api", "jobs", "*"], ["GET", "HEAD", "DELETE"]), (["api", "jobs", "*", "report"], ["GET", "HEAD"]),
    (["api", "jobs", "*", "charts", "*"], ["GET", "HEAD"]),
  ]

  /// The methods the path takes; nil for a path no route has.
  static func allowed(path: String) -> [String]? {
    var components = path.split(separator: "/", omittingEmptySubsequences: false).map(String.init)
    if components.first == "" { components.removeFirst() }
    if components.count > 1 && components.last == "" { components.removeLast() }
    return routes.first { pattern, _ in
      pattern.count == components.count
        && zip(pattern, components).allSatisfy { $0 == "*" ? !$1.isEmpty : $0 == $1 }
    }?.1
  }
}

extension Routes {
  /// The share of a job's progress its counted units make up; the rest is the summary that
  /// follows them and reports no progress of its own. A simulation counts all its work (the
  /// engine's progress covers the percentiles and the bounded-memory mode's second pass,
  /// docs/simulation.md), and a sweep point is counted once its simulation is complete; the
  /// claim curve and the sensitivity analysis leave a tenth for what follows their units.
  static func countedShare(_ kind: JobKind) -> Double {
    switch kind {
    case .simulate, .sweep: 1
    case .claim, .sensitivity: 0.9
    }
  }

  /// What a job is doing and how far it is, for the page's bar: `queued`; `simulating` while
  /// units remain (progress up to ``countedShare(_:)``); `summarising` once every unit is done
  /// but the result is not ready; then the state it ended in, at 1 only when the result is ready.
  static func phase(of s: Job.Snapshot, kind: JobKind) -> (String, Double) {
    let countedShare = countedShare(kind)
    switch s.state {
    case .queued: return ("queued", 0)
    case .done: return ("done", 1)
    case .failed, .cancelled:
      return (s.state.rawValue, s.total > 0 ? countedShare * Double(s.done) / Double(s.total) : 0)
    case .running:
      guard s.total > 0 else { return ("simulating", 0) }
      if s.done >= s.total { return ("summarising", countedShare) }
      return ("simulating", countedShare * Double(s.done) / Double(s.total))
    }
  }
}

/// On a loopback server, refuses requests whose `Host` names anything but a loopback name, so
/// that a web page elsewhere cannot reach the server by pointing its own domain name at
/// 127.0.0.1 (DNS rebinding). A server started with another `--host` is not checked.
struct LoopbackHostCheck<Context: RequestContext>: RouterMiddleware {
  let allowed: Set<String>

  init?(serving host: String) {
    let loopback: Set<String> = ["127.0.0.1", "localhost", "::1"]
    guard loopback.contains(host) || host.hasPrefix("127.") else { return nil }
    allowed = loopback.union([host])
  }

  func handle(
    _ request: Request, context: Context, next: (Request, Context) async throws -> Response
  ) async throws -> Response {
    if let authority = request.head.authority, !allows(authority) {
      throw WebError.foreignHost(Self.hostName(authority))
    }
    return try await next(request, context)
  }

  /// Whether a request's `Host` (`host[:port]`) names this server.
  func allows(_ authority: String) -> Bool {
    allowed.contains(Self.hostName(authority).lowercased())
  }

  /// The host of `host[:port]` or `[v6]:port`.
  static func hostName(_ authority: String) -> String {
    if authority.hasPrefix("["), let end = authority.firstIndex(of: "]") {
      return String(authority[authority.index(after: authority.startIndex)..<end])
    }
    if authority.filter({ $0 == ":" }).count == 1, let colon = authority.firstIndex(of: ":") {
      return String(authority[..<colon])
    }
    return authority
  }
}

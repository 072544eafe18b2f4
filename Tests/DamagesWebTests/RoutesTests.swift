import DamagesReports
import DamagesScenario
import Foundation
import Hummingbird
import HTTPTypes
import HummingbirdTesting
import Testing
import _DamagesTestSupport

@testable import DamagesWeb

@Suite("damages serve: the API and the page")
struct RoutesTests {
  @Test("the page, its script and style are served by the binary")
  func page() async throws {
    try await testApplication().test(.router) { client in
      let html = try await client.get("/")
      #expect(html.status == .ok)
      #expect(html.body.contains("<script src=\"/app.js\">"))
      #expect(!html.body.contains("http://") && !html.body.contains("https://"), "nothing is fetched from elsewhere")
      let script = try await client.get("/app.js")
      #expect(script.status == .ok)
      #expect(script.body.contains("/api/estimate"))
      #expect(!script.body.contains("https://"))
      #expect(try await client.get("/app.css").status == .ok)
    }
  }

  @Test("estimate JSON is byte for byte what `damages estimate --format json` writes")
  func estimateMirrorsTheCommandLine() async throws {
    let scenario = try ScenarioReader.parse(smallScenario, file: Analyses.sourceName)
    for lang in [Language.en, .zh, .both] {
      let expected = try Analyses.estimate(scenario, format: .json, lang: lang)
      try await testApplication().test(.router) { client in
        let r = try await client.post("/api/estimate?lang=\(lang.rawValue)", smallScenario)
        #expect(r.status == .ok)
        #expect(r.body == expected)
      }
    }
  }

  @Test("estimate as CSV with the Excel byte-order mark, and as Markdown")
  func estimateDownloads() async throws {
    try await testApplication().test(.router) { client in
      try await client.execute(uri: "/api/estimate?format=csv&lang=en&excel=1", method: .post,
                               body: ByteBuffer(string: smallScenario)) { r in
        #expect(r.status == .ok)
        #expect(r.headers[.contentType] == "text/csv; charset=utf-8")
        #expect(r.headers[.contentDisposition]?.contains("estimate.csv") == true)
        #expect(Array(r.body.readableBytesView.prefix(3)) == [0xEF, 0xBB, 0xBF])
      }
      let md = try await client.post("/api/estimate?format=markdown&lang=en", smallScenario)
      #expect(md.body.hasPrefix("## Test: image reposted without permission"))
    }
  }

  @Test("malformed YAML: 422 with a located diagnostic, and the server keeps serving")
  func malformedYAML() async throws {
    try await testApplication().test(.router) { client in
      let r = try await client.post("/api/estimate", "version: 1\ntitle: [unclosed\ncase: {act: x")
      #expect(r.status == .unprocessableContent)
      let d = try diagnostics(r.body)
      #expect(d.count >= 1)
      #expect(d[0]["line"] is Double)
      #expect((d[0]["rendered"] as? String)?.hasPrefix("scenario.yaml:") == true)
      #expect(try await client.post("/api/estimate", smallScenario).status == .ok)
    }
  }

  @Test("out-of-range values: 422 naming each field with its line, column and the rule")
  func outOfRange() async throws {
    let bad = smallScenario
      .replacingOccurrences(of: "work: 0.8", with: "work: 1.5")
      .replacingOccurrences(of: "expenses: {dist: uniform, min: 1000, max: 3000}", with: "expenses: 3000\n  multiplier: 7\n  intentional: true\n  serious: true\n  illegal_gains: 1000")
    try await testApplication().test(.router) { client in
      let r = try await client.post("/api/check", bad)
      #expect(r.status == .unprocessableContent)
      let fields = try diagnostics(r.body).compactMap { $0["field"] as? String }
      #expect(fields.contains("liability.work"))
      #expect(fields.contains("facts.multiplier"))
      let multiplier = try #require(try diagnostics(r.body).first { $0["field"] as? String == "facts.multiplier" })
      #expect((multiplier["message"] as? String)?.contains("1 to 5") == true)
      #expect(multiplier["line"] as? Double == 11)
      #expect(try await client.post("/api/check", smallScenario).status == .ok)
    }
  }

  @Test("a body over --max-body: 413 on a real socket, and the connection serves the next request")
  func hugeBody() async throws {
    // On raw sockets, which a test controls byte by byte: the server answers 413 as soon as
    // it has the headers, while the client may still be sending the body. The body is sent
    // once whole and once after a pause, so the answer comes both before and after the body.
    // Bodies declaring 100 MB are sent by the browser test's hostile clients
    // (Tests/e2e/test_hostile.py).
    try await testApplication(maxBody: 4096).test(.live) { client in
      let connection = try RawConnection(port: try #require(client.port))
      let body = smallScenario + "\n# " + String(repeating: "x", count: 6_000) + "\n"
      let head = "POST /api/estimate HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: \(body.utf8.count)\r\n\r\n"
      try connection.send(head + body)
      let whole = try connection.response()
      #expect(whole.status == 413)
      #expect(try object(whole.body)["error"] as? String == "too-large")
      try connection.send(head)
      try await Task.sleep(for: .milliseconds(200))
      try connection.send(body)
      #expect(try connection.response().status == 413)
      try connection.send("GET /api/info HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n")
      #expect(try connection.response().status == 200)
      let another = try RawConnection(port: try #require(client.port))
      try another.send("POST /api/estimate HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: \(smallScenario.utf8.count)\r\n\r\n" + smallScenario)
      #expect(try another.response().status == 200)
    }
  }

  @Test("a run count over --max-runs: 422 on simulation.runs, 400 on the runs parameter")
  func runsOverTheCap() async throws {
    try await testApplication(maxRuns: 10_000).test(.router) { client in
      let fromFile = try await client.post("/api/simulate", smallScenario)
      #expect(fromFile.status == .unprocessableContent)
      #expect(try diagnostics(fromFile.body).first?["field"] as? String == "simulation.runs")
      // the URL is at fault, not the scenario
      let fromQuery = try await client.post("/api/simulate?runs=10001", smallScenario)
      #expect(fromQuery.status == .badRequest)
      #expect(fromQuery.body.contains("runs: 10,001 runs asked; this server allows at most 10,000"), "\(fromQuery.body)")
      #expect(try await client.post("/api/simulate?runs=abc", smallScenario).status == .badRequest)
      #expect(try await client.post("/api/simulate?runs=1", smallScenario).status == .badRequest)
      let within = try await client.runJob("simulate", smallScenario, query: "?runs=10000")
      #expect(within.status["state"] as? String == "done")
    }
  }

  @Test("simulate in the background: the report is what `damages simulate --format json` writes")
  func simulateMirrorsTheCommandLine() async throws {
    let scenario = try ScenarioReader.parse(smallScenario, file: Analyses.sourceName)
    let direct = try Analyses.prepare(.simulate, scenario: scenario, runs: nil, seed: nil,
                                      limits: ServeLimits(workers: 1)).work({ _ in }, { false })
    guard case let .success(outcome) = direct else { Issue.record("\(direct)"); return }
    try await testApplication().test(.router) { client in
      let job = try await client.runJob("simulate", smallScenario)
      #expect(job.status["state"] as? String == "done")
      #expect(job.status["charts"] as? [String] == ["histogram", "s-curve"])
      let report = try await client.get("/api/jobs/\(job.id)/report")
      #expect(report.body == outcome.report(format: .json, lang: .both))
      let csv = try await client.get("/api/jobs/\(job.id)/report?format=csv&lang=en")
      #expect(csv.body.hasPrefix("scenario,route,quantity,statistic,value"))
      let chart = try await client.get("/api/jobs/\(job.id)/charts/histogram.svg?lang=zh")
      #expect(chart.body.contains("<svg") && chart.body.contains("判赔总额"))
      #expect(try await client.get("/api/jobs/\(job.id)/charts/tornado.svg").status == .notFound)
      // a finished job is not cancelled by DELETE; an unknown one is 404
      let kept = try await client.execute(uri: "/api/jobs/\(job.id)", method: .delete) { String(buffer: $0.body) }
      #expect(kept.contains("\"state\": \"done\""), "\(kept)")
      #expect(try await client.execute(uri: "/api/jobs/nothing", method: .delete) { $0.status } == .notFound)
    }
  }

  @Test("sweep and sensitivity run in the background and render as the command line does")
  func sweepAndSensitivity() async throws {
    try await testApplication().test(.router) { client in
      let sweep = try await client.runJob("sweep", smallScenario, query: "?runs=2000")
      #expect(sweep.status["state"] as? String == "done")
      let points = try object(try await client.get("/api/jobs/\(sweep.id)/report").body)["points"] as? [Any]
      #expect(points?.count == 2)
      #expect(try await client.get("/api/jobs/\(sweep.id)/charts/sweep.svg").status == .ok)
      let sensitivity = try await client.runJob("sensitivity", smallScenario, query: "?runs=2000")
      #expect(sensitivity.status["state"] as? String == "done")
      let report = try object(try await client.get("/api/jobs/\(sensitivity.id)/report").body)
      #expect((report["tornado"] as? [Any])?.isEmpty == false)
      let noSweep = smallScenario.components(separatedBy: "sweep:")[0]
      let refused = try await client.post("/api/sweep", noSweep)
      #expect(refused.status == .unprocessableContent)
      #expect(try diagnostics(refused.body).first?["field"] as? String == "sweep")
    }
  }

  @Test("unknown jobs and reports asked too early")
  func jobErrors() async throws {
    try await testApplication().test(.router) { client in
      let job = try await client.get("/api/jobs/nope")
      #expect(job.status == .notFound)
      let report = try await client.get("/api/jobs/nope/report")
      #expect(report.status == .notFound)
      let format = try await client.post("/api/estimate?format=xml", smallScenario)
      #expect(format.status == .badRequest)
    }
  }

  @Test("on loopback, only loopback host names are answered (DNS rebinding)")
  func foreignHost() throws {
    let check = try #require(LoopbackHostCheck<BasicRequestContext>(serving: "127.0.0.1"))
    for host in ["127.0.0.1:8080", "localhost:8080", "LOCALHOST", "[::1]:8080", "127.0.0.1"] {
      #expect(check.allows(host), "\(host)")
    }
    for host in ["attacker.example:8080", "attacker.example", "127.0.0.1.attacker.example:80", "[::2]:8080"] {
      #expect(!check.allows(host), "\(host)")
    }
    #expect(LoopbackHostCheck<BasicRequestContext>(serving: "0.0.0.0") == nil)
  }

  @Test("on loopback, a page of another site cannot start work; this server's own page can")
  func crossSite() async throws {
    try await testApplication().test(.router) { client in
      for headers: HTTPFields in [
        [.origin: "https://evil.example"],
        [HTTPField.Name("Sec-Fetch-Site")!: "cross-site", .contentType: "text/plain;charset=UTF-8"],
      ] {
        let r = try await client.execute(uri: "/api/sweep", method: .post, headers: headers,
                                         body: ByteBuffer(string: smallScenario)) { ($0.status, String(buffer: $0.body)) }
        #expect(r.0 == .forbidden && r.1.contains("cross-site"), "\(headers): \(r.1)")
      }
      let own = try await client.execute(
        uri: "/api/estimate", method: .post,
        headers: [.origin: "http://localhost", HTTPField.Name("Sec-Fetch-Site")!: "same-origin"],
        body: ByteBuffer(string: smallScenario)) { $0.status }
      #expect(own == .ok)
      // reading stays open: a link from elsewhere to the page still works
      let page = try await client.execute(uri: "/", method: .get, headers: [HTTPField.Name("Sec-Fetch-Site")!: "cross-site"]) { $0.status }
      #expect(page == .ok)
    }
  }

  @Test("R9 a sweep of a comparison is refused: it follows one route")
  func sweepOfAComparison() async throws {
    let compare = smallScenario
      .replacingOccurrences(of: "act: illegal-use", with: "act: repetitive-generation")
      .replacingOccurrences(of: "claim: 20000", with: "claim: 20000\n  route: compare")
    try await testApplication().test(.router) { client in
      let r = try await client.post("/api/sweep", compare)
      #expect(r.status == .unprocessableContent, "\(r.body)")
      #expect(try diagnostics(r.body).first?["field"] as? String == "case.route", "\(r.body)")
    }
  }

  @Test("the bundled scenarios are listed with their titles and open by name only")
  func bundled() async throws {
    try await testApplication().test(.router) { client in
      let list = try #require(
        try JSONSerialization.jsonObject(with: Data(try await client.get("/api/scenarios").body.utf8)) as? [[String: String]])
      let names = list.compactMap { $0["name"] }
      #expect(names.contains("bic-2023-11279-li-v-liu.yaml"))
      #expect(list.first { $0["name"] == "bic-2023-11279-li-v-liu.yaml" }?["title"]?.contains("李某某") == true)
      let text = try await client.get("/api/scenarios/bic-2023-11279-li-v-liu.yaml")
      #expect(text.status == .ok && text.body.contains("version: 1"))
      #expect(try await client.get("/api/scenarios/..%2FPackage.swift").status == .notFound)
      // names arrive percent-encoded (encodeURIComponent), Chinese names and spaces included
      #expect(try await client.get("/api/scenarios/bic-2023-11279-li-v-liu%2Eyaml").status == .ok)
      #expect(try await client.get("/api/scenarios/nothing.yaml").status == .notFound)
    }
  }

  @Test("the YAML as a tree for the form: order, numbers, booleans and strings kept")
  func tree() async throws {
    try await testApplication().test(.router) { client in
      let r = try await client.post("/api/tree", "b: 1\na: {x: true, y: '2', z: 2023-03-02}\nc: [1.5, no]\n")
      #expect(r.status == .ok)
      #expect(r.body.replacingOccurrences(of: " ", with: "").replacingOccurrences(of: "\n", with: "")
        == #"{"b":1,"a":{"x":true,"y":"2","z":"2023-03-02"},"c":[1.5,"no"]}"#)
      #expect(try await client.post("/api/tree", "a: [").status == .unprocessableContent)
    }
  }
}

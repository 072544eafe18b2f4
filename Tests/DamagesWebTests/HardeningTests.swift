import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Testing
import _DamagesTestSupport

@testable import DamagesWeb

/// What hostile or careless clients meet: YAML bombs, other sites, wrong methods, odd names.
@Suite("damages serve: hostile and careless requests")
struct HardeningTests {
  /// 433 bytes: a mapping whose key is an alias of nine nested lists of nine (9^10 nodes).
  static let aliasKeyBomb: String = {
    var lines = ["a: &a [x, x, x, x, x, x, x, x, x]"]
    let names = ["a", "b", "c", "d", "e", "f", "g", "h", "i", "j"]
    for k in 1..<names.count {
      let item = "*" + names[k - 1]
      lines.append("\(names[k]): &\(names[k]) [" + Array(repeating: item, count: 9).joined(separator: ", ") + "]")
    }
    lines.append("? *j\n: 1")
    return lines.joined(separator: "\n") + "\n"
  }()

  @Test("an alias key on /api/tree is refused at once, as `damages check` refuses it", .timeLimit(.minutes(1)))
  func aliasKeyBombOnTree() async throws {
    try await testApplication().test(.router) { client in
      let start = Date()
      let r = try await client.post("/api/tree", Self.aliasKeyBomb)
      #expect(r.status == .unprocessableContent, "\(r.body)")
      #expect(r.body.contains("alias"), "\(r.body)")
      #expect(Date().timeIntervalSince(start) < 10, "without the limits it never answers")
      // the same reader's limits on every route that reads YAML
      for path in ["/api/check", "/api/estimate", "/api/simulate"] {
        #expect(try await client.post(path, Self.aliasKeyBomb).status == .unprocessableContent, "\(path)")
      }
      // an ordinary document still becomes a tree
      #expect(try await client.post("/api/tree", "a: 1\n").status == .ok)
      #expect(try await client.post("/api/tree", "# nothing\n").status == .ok)
    }
  }

  func send(_ client: some TestClientProtocol, _ uri: String, origin: String?, site: String? = nil) async throws
    -> HTTPResponse.Status
  {
    var headers: HTTPFields = [:]
    if let origin { headers[.origin] = origin }
    if let site { headers[HTTPField.Name("Sec-Fetch-Site")!] = site }
    return try await client.execute(uri: uri, method: .post, headers: headers,
                                    body: ByteBuffer(string: smallScenario)) { $0.status }
  }

  @Test("whatever --host is, a state-changing request is taken only from the server's own origin",
        arguments: ["127.0.0.1", "0.0.0.0"])
  func sameOrigin(host: String) async throws {
    // the router tests send `Host: localhost`
    try await testApplication(host: host).test(.router) { client in
      for origin in ["http://evil.example", "null", "http://localhost:3000", "https://localhost",
                     "http://localhost.evil.example", "http://127.0.0.1"] {
        let estimate = try await send(client, "/api/estimate", origin: origin)
        let sweep = try await send(client, "/api/sweep", origin: origin)
        #expect(estimate == .forbidden && sweep == .forbidden, "\(host) \(origin)")
      }
      let sameSite = try await send(client, "/api/estimate", origin: "http://localhost", site: "same-site")
      #expect(sameSite == .forbidden)
      let own = try await send(client, "/api/estimate", origin: "http://localhost")
      #expect(own == .ok)
      let ownWithPort = try await send(client, "/api/estimate", origin: "http://LOCALHOST:80")
      #expect(ownWithPort == .ok)
      let none = try await send(client, "/api/estimate", origin: nil)
      #expect(none == .ok, "curl sends no Origin")
    }
    #expect(SameOriginCheck<BasicRequestContext>.isOwn(origin: "http://0.0.0.0:8080", authority: "0.0.0.0:8080"))
    #expect(!SameOriginCheck<BasicRequestContext>.isOwn(origin: "http://evil.example:8080", authority: "0.0.0.0:8080"))
    #expect(!SameOriginCheck<BasicRequestContext>.isOwn(origin: "http://localhost:8080", authority: nil))
  }

  @Test("a wrong method on a route: 405, JSON, with Allow; an unknown path stays 404")
  func methodNotAllowed() async throws {
    try await testApplication().test(.router) { client in
      for (uri, method, allow) in [
        ("/api/estimate", HTTPRequest.Method.get, "POST"), ("/api/estimate", .put, "POST"),
        ("/api/info", .post, "GET, HEAD"), ("/api/jobs/1-x", .post, "GET, HEAD, DELETE"),
        ("/api/scenarios/bic.yaml", .delete, "GET, HEAD"),
      ] {
        try await client.execute(uri: uri, method: method) { r in
          #expect(r.status == .methodNotAllowed, "\(method) \(uri)")
          #expect(r.headers[.allow] == allow, "\(method) \(uri)")
          #expect(r.headers[.contentType]?.hasPrefix("application/json") == true)
          let body = try object(String(buffer: r.body))
          #expect(body["error"] as? String == "method-not-allowed")
        }
      }
      #expect(try await client.get("/api/nothing").status == .notFound)
    }
  }

  @Test("`.svg` is stripped only as a chart name's suffix; runs and seed take digits only")
  func namesAndNumbers() async throws {
    try await testApplication().test(.router) { client in
      let job = try await client.runJob("simulate", smallScenario, query: "?runs=2000")
      #expect(try await client.get("/api/jobs/\(job.id)/charts/histogram.svg").status == .ok)
      #expect(try await client.get("/api/jobs/\(job.id)/charts/histogram").status == .ok)
      #expect(try await client.get("/api/jobs/\(job.id)/charts/hi.svgstogram").status == .notFound)
      #expect(try await client.get("/api/jobs/\(job.id)/charts/histo.svggram.svg").status == .notFound)
      for query in ["runs=+5000", "runs=-5", "runs=5e3", "runs=%205000", "seed=+1"] {
        let r = try await client.post("/api/simulate?\(query)", smallScenario)
        #expect(r.status == .badRequest, "\(query): \(r.body)")
      }
    }
  }

  @Test("the bundled scenarios are read once, and again only when a file changes")
  func scenarioCache() throws {
    let folder = try DamagesBinary.temporaryFolder()
    defer { try? FileManager.default.removeItem(at: folder) }
    let source = DamagesBinary.packageRoot.appendingPathComponent("scenarios")
    for name in ["bic-2023-11279-li-v-liu.yaml", "benchmark.yaml"] {
      try FileManager.default.copyItem(at: source.appendingPathComponent(name), to: folder.appendingPathComponent(name))
    }
    let bundled = BundledScenarios(folder: folder.path)
    #expect(bundled.list().count == 2)
    #expect(bundled.parseCount == 2)
    for _ in 0..<5 {
      _ = bundled.list()
      #expect(bundled.text(of: "benchmark.yaml") != nil)
    }
    #expect(bundled.parseCount == 2, "nothing changed: nothing is read again")
    let file = folder.appendingPathComponent("benchmark.yaml")
    let text = try String(contentsOf: file, encoding: .utf8)
    let retitled = text.replacingOccurrences(of: "title: \"Benchmark:", with: "title: \"Changed:")
    #expect(retitled != text)
    try Data(retitled.utf8).write(to: file, options: .atomic)
    #expect(bundled.text(of: "benchmark.yaml") == retitled)
    #expect(bundled.list().first { $0.name == "benchmark.yaml" }?.title.hasPrefix("Changed:") == true)
    #expect(bundled.parseCount == 3)
    #expect(bundled.text(of: "../benchmark.yaml") == nil)
  }
}

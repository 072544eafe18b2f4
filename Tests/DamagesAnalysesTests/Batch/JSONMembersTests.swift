@testable import DamagesAnalyses
import Foundation
import Testing

/// The piecewise reader of `damages merge`'s part files: the pieces it hands over are the
/// object's members and the streamed arrays' elements, as a whole-file parse sees them.
@Suite("Batch part files read piece by piece")
struct JSONMembersTests {
  /// The object as the pieces rebuild it, or nil when the reader calls it malformed.
  func pieces(_ text: String, streamed: Set<String> = ["claims", "errors"]) throws -> [String: Any]? {
    let url = FileManager.default.temporaryDirectory.appendingPathComponent("members-\(UUID().uuidString).json")
    try text.write(to: url, atomically: true, encoding: .utf8)
    defer { try? FileManager.default.removeItem(at: url) }
    var object: [String: Any] = [:]
    var order: [String] = []
    let ok = try JSONMembers.read(url.path, streamed: streamed) { piece in
      switch piece {
      case .member(let k, let v):
        object[k] = v
        order.append(k)
      case .start(let k):
        object[k] = [Any]()
        order.append(k)
      case .element(let k, let v): object[k] = (object[k] as! [Any]) + [v]
      }
    }
    return ok ? object : nil
  }

  static let tricky = #"""
    {"format":"damages-batch-part","id":"a,b]}{[\"q\"\\","claims":[{"index":0,"id":"x,\"]},{","values":["3ff0000000000000",null]},
      {"index":2,"id":"张三\n","values":[]} ],"errors":[],"nested":{"a":[1,{"b":"]"}]},"n":-1.5e3,"t":true}
    """#

  @Test("members and streamed elements are what a whole-file parse gives, strings with brackets, quotes and escapes included")
  func sameAsWhole() throws {
    for text in [Self.tricky, Self.tricky.replacingOccurrences(of: ",\"", with: " ,\n  \"")] {
      let whole = try #require(JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
      let read = try #require(try pieces(text), "\(text)")
      #expect(NSDictionary(dictionary: read) == NSDictionary(dictionary: whole))
      #expect((read["claims"] as? [Any])?.count == 2)
    }
    // not streamed: the array is one member
    let whole = try #require(try pieces(Self.tricky, streamed: []))
    #expect((whole["claims"] as? [Any])?.count == 2)
  }

  @Test("a truncated, unbalanced or trailing-garbage file is malformed", arguments: [
    #"{"a":1,"claims":[{"index":0}"#, #"{"a":1"#, #"{"a":"x}"#, #"{"a":1}}"#, #"{"a":1} x"#,
    #"[1,2]"#, #"{"claims":[1,]}"#, #"{"a" 1}"#, "",
  ])
  func malformed(_ text: String) throws {
    #expect(try pieces(text) == nil)
  }
}

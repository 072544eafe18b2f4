import DamagesScenario
import Testing

/// The loose tree of a YAML document that the web page's form is filled from.
@Suite("Scenario tree: YAML as a plain tree for the page's form")
struct ScenarioTreeTests {
  /// A compact rendering, so that a tree can be compared as text.
  static func text(_ v: ScenarioTree.Value) -> String {
    switch v {
    case .null: "null"
    case .bool(let b): "\(b)"
    case .number(let x): "\(x)"
    case .string(let s): "'\(s)'"
    case .array(let items): "[" + items.map(text).joined(separator: ",") + "]"
    case .object(let pairs): "{" + pairs.map { "\($0.0):" + text($0.1) }.joined(separator: ",") + "}"
    }
  }

  @Test("mapping order is kept; plain scalars read by the core schema, quoted ones stay text")
  func values() throws {
    let tree = try ScenarioTree.read(
      "b: 1\na: {x: true, y: '2', z: 2023-03-02, w: ~}\nc: [1.5, no]\n", file: "s.yaml")
    #expect(Self.text(tree) == "{b:1.0,a:{x:true,y:'2',z:'2023-03-02',w:null},c:[1.5,'no']}")
    #expect(Self.text(try ScenarioTree.read("", file: "s.yaml")) == "{}")
  }

  @Test("text that is not YAML is an error naming the file, exit 65")
  func notYAML() {
    let error = #expect(throws: ScenarioError.self) { try ScenarioTree.read("a: [", file: "s.yaml") }
    #expect(error?.exitCode == 65)
    #expect(error?.description.hasPrefix("s.yaml: error: not valid YAML: ") == true)
  }
}

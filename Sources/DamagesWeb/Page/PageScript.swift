import Foundation

extension Page {
  /// The page's script (`app.js`, a resource of this module): our own, no library. The
  /// scenario lives in `doc` (a JSON tree of the YAML); the form edits the parts it covers and
  /// rewrites the YAML from `doc`; editing the YAML reloads `doc` (through `/api/tree`) and the
  /// form from it. The YAML is what is sent.
  ///
  /// The resource bundle is built beside the `damages` binary; a copy of the binary that runs
  /// `serve` needs that folder (`DamagesKit_DamagesWeb.resources`) beside it too.
  static let script: String = {
    guard let url = Bundle.module.url(forResource: "app", withExtension: "js"),
      let text = try? String(contentsOf: url, encoding: .utf8)
    else {
      preconditionFailure("app.js is missing from the DamagesWeb resource bundle")
    }
    return text
  }()
}

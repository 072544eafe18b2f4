import DamagesScenario

/// libFuzzer's entry point: one input, as the bytes of a scenario file.
///
/// The text goes through exactly what `damages check` does after reading a file: the UTF-8 and
/// NUL checks, then ``ScenarioReader/parse(_:file:)`` (limits, YAML composition, the decoder,
/// the rules, the sweep). Any outcome is fine, a scenario or a `ScenarioError`; a trap, a
/// sanitizer report or a hang is a bug. Every diagnostic is also rendered, so that the message
/// code runs too.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzScenario(_ start: UnsafePointer<UInt8>, _ count: Int) -> CInt {
  let bytes = Array(UnsafeBufferPointer(start: start, count: count))
  guard !bytes.contains(0), let text = String(validating: bytes, as: UTF8.self) else { return 0 }
  do {
    let scenario = try ScenarioReader.parse(text, file: "fuzz.yaml")
    _ = scenario.title
  } catch {
    for diagnostic in error.diagnostics { _ = diagnostic.rendered }
    _ = error.description
  }
  return 0
}

import Foundation

/// A JSON object read from a file a chunk at a time, its top-level members handed over one by
/// one: the partial result files of a sharded batch are read so by `damages merge`, each claim
/// parsed and dropped before the next (docs/batch.md, Memory and speed), never the whole file.
///
/// Only the object's structure is followed here, byte by byte: strings (to their closing quote,
/// past escapes) and the nesting of brackets. Each member's value, or each element of the
/// arrays named in `streamed`, is then parsed by `JSONSerialization` on its own.
enum JSONMembers {
  enum Piece {
    /// A member `key: value`, the value parsed.
    case member(String, Any)
    /// The array under `key` (a streamed one) begins: its elements follow.
    case start(String)
    /// One element of the array under `key` (a streamed one), parsed.
    case element(String, Any)
  }

  /// Reads the object in `path`, calling `visit` for each piece in file order. False when the
  /// file is not one well-formed JSON object (what was visited before stays visited).
  static func read(
    _ path: String, streamed: Set<String>, _ visit: (Piece) throws(BatchReport.MergeFailure) -> Void
  ) throws(BatchReport.MergeFailure) -> Bool {
    guard let handle = FileHandle(forReadingAtPath: path) else { return false }
    defer { try? handle.close() }
    enum Place { case key, colon, value, afterValue }
    var depth = 0
    var place = Place.key
    var inString = false, escaped = false
    var key: [UInt8] = [], keyName = ""
    var piece: [UInt8] = []
    /// In a streamed array (its elements at depth 2).
    var streaming = false
    var afterComma = false
    var closed = false

    func parsed(_ bytes: [UInt8]) -> Any? {
      try? JSONSerialization.jsonObject(with: Data(bytes), options: .fragmentsAllowed)
    }
    func blank(_ bytes: [UInt8]) -> Bool { bytes.allSatisfy { $0 == 0x20 || $0 == 0x0A || $0 == 0x0D || $0 == 0x09 } }
    func isSpace(_ b: UInt8) -> Bool { b == 0x20 || b == 0x0A || b == 0x0D || b == 0x09 }

    while true {
      let chunk: Data
      do { chunk = try handle.read(upToCount: 1 << 16) ?? Data() } catch { return false }
      if chunk.isEmpty { break }
      for b in chunk {
        if inString {
          if depth == 1 && place == .key { key.append(b) } else { piece.append(b) }
          if escaped {
            escaped = false
          } else if b == 0x5C {  // \
            escaped = true
          } else if b == 0x22 {  // "
            inString = false
            if depth == 1 && place == .key {
              guard let name = parsed(key) as? String else { return false }
              keyName = name
              place = .colon
            }
          }
          continue
        }
        if closed {
          if isSpace(b) { continue }
          return false
        }
        if depth == 0 {
          if isSpace(b) { continue }
          guard b == 0x7B else { return false }  // {
          depth = 1
          place = .key
          continue
        }
        if depth == 1 {
          switch place {
          case .key:
            if isSpace(b) { continue }
            if b == 0x22 {
              key = [b]
              inString = true
            } else if b == 0x7D {  // } of an empty object
              depth = 0
              closed = true
            } else {
              return false
            }
            continue
          case .colon:
            if isSpace(b) { continue }
            guard b == 0x3A else { return false }  // :
            place = .value
            piece = []
            continue
          case .afterValue:
            if isSpace(b) { continue }
            if b == 0x2C {  // ,
              place = .key
            } else if b == 0x7D {
              depth = 0
              closed = true
            } else {
              return false
            }
            continue
          case .value:
            if b == 0x5B && blank(piece) && streamed.contains(keyName) {  // [
              streaming = true
              depth = 2
              piece = []
              try visit(.start(keyName))
              continue
            }
            if b == 0x2C || b == 0x7D {
              guard let value = parsed(piece) else { return false }
              try visit(.member(keyName, value))
              piece = []
              if b == 0x2C {
                place = .key
              } else {
                depth = 0
                closed = true
              }
              continue
            }
          }
        } else if depth == 2 && streaming {
          if b == 0x2C || b == 0x5D {  // , or ]
            // `[]` has no element; `[1,]` and `[,` are not JSON
            if b == 0x5D && blank(piece) {
              if afterComma { return false }
            } else {
              guard let value = parsed(piece) else { return false }
              try visit(.element(keyName, value))
            }
            piece = []
            afterComma = b == 0x2C
            if b == 0x5D {
              streaming = false
              depth = 1
              place = .afterValue
            }
            continue
          }
        }
        // inside a value: copied, its strings and brackets followed
        piece.append(b)
        switch b {
        case 0x22: inString = true
        case 0x7B, 0x5B: depth += 1
        case 0x7D, 0x5D:
          depth -= 1
          if depth < 1 || (streaming && depth < 2) { return false }
        default: break
        }
      }
    }
    return closed && !inString
  }
}

public import Foundation

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// An output file written atomically: to a temporary file in the same folder, renamed over the
/// target only when complete, so that no half-written file is ever left.
public enum OutputFile {
  /// Why an output cannot be written (exit 73).
  public struct Failure: Error, CustomStringConvertible {
    public var path: String
    public var reason: String
    public var description: String { "\(path): error: cannot create output file: \(reason)" }
  }

  /// Checks, before any work, that the file's folder exists and is writable.
  public static func checkWritable(_ path: String) throws(Failure) {
    let url = URL(fileURLWithPath: path)
    let folder = url.deletingLastPathComponent().path
    var isDirectory: ObjCBool = false
    guard FileManager.default.fileExists(atPath: folder, isDirectory: &isDirectory),
      isDirectory.boolValue
    else { throw Failure(path: path, reason: "folder \(folder) does not exist") }
    guard FileManager.default.isWritableFile(atPath: folder) else {
      throw Failure(path: path, reason: "folder \(folder) is not writable")
    }
  }

  /// Writes `data` atomically.
  public static func write(_ data: Data, to path: String) throws(Failure) {
    try checkWritable(path)
    let url = URL(fileURLWithPath: path)
    let temporary = url.deletingLastPathComponent()
      .appendingPathComponent(".\(url.lastPathComponent).\(ProcessInfo.processInfo.processIdentifier).tmp")
    do {
      try data.write(to: temporary)
      // rename(2) replaces the target in one step, whether or not it exists. (Foundation's
      // replaceItemAt is not reliable on Linux: it can fail with "file doesn't exist".)
      if rename(temporary.path, url.path) != 0 {
        let reason = String(cString: strerror(errno))
        try? FileManager.default.removeItem(at: temporary)
        throw Failure(path: path, reason: reason)
      }
    } catch let failure as Failure {
      throw failure
    } catch {
      try? FileManager.default.removeItem(at: temporary)
      throw Failure(path: path, reason: error.localizedDescription)
    }
  }

  public static func write(_ text: String, to path: String, byteOrderMark: Bool = false) throws(Failure) {
    var data = Data()
    if byteOrderMark { data.append(contentsOf: [0xEF, 0xBB, 0xBF]) }
    data.append(contentsOf: Array(text.utf8))
    try write(data, to: path)
  }

  /// Writes a folder of files completely or not at all: everything goes into a sibling
  /// temporary folder first, which then replaces the target in one rename.
  public static func writeFolder(_ files: [(path: String, data: Data)], to folder: String) throws(Failure) {
    let target = URL(fileURLWithPath: folder).standardizedFileURL
    let parent = target.deletingLastPathComponent()
    var isDirectory: ObjCBool = false
    guard FileManager.default.fileExists(atPath: parent.path, isDirectory: &isDirectory), isDirectory.boolValue,
      FileManager.default.isWritableFile(atPath: parent.path)
    else { throw Failure(path: folder, reason: "folder \(parent.path) does not exist or is not writable") }
    let pid = ProcessInfo.processInfo.processIdentifier
    let staging = parent.appendingPathComponent(".\(target.lastPathComponent).partial-\(pid)")
    let old = parent.appendingPathComponent(".\(target.lastPathComponent).old-\(pid)")
    let fm = FileManager.default
    do {
      try? fm.removeItem(at: staging)
      try fm.createDirectory(at: staging, withIntermediateDirectories: true)
      for file in files {
        let url = staging.appendingPathComponent(file.path)
        try fm.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try file.data.write(to: url)
      }
      if fm.fileExists(atPath: target.path) {
        try fm.moveItem(at: target, to: old)
        do { try fm.moveItem(at: staging, to: target) } catch {
          try? fm.moveItem(at: old, to: target)
          throw error
        }
        try? fm.removeItem(at: old)
      } else {
        try fm.moveItem(at: staging, to: target)
      }
    } catch {
      try? fm.removeItem(at: staging)
      throw Failure(path: folder, reason: error.localizedDescription)
    }
  }
}

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

  /// Fails if `path` is one of the command's `inputs` (the same file, however it is named):
  /// writing there would replace the scenario with the report.
  public static func checkNotInput(_ path: String, inputs: [String]) throws(Failure) {
    guard let target = fileIdentity(path) else { return }
    for input in inputs where fileIdentity(input) == target {
      throw Failure(path: path, reason: "it is the input \(input); writing there would replace it, so choose another file")
    }
  }

  /// The device and inode of an existing file, nil if there is none.
  static func fileIdentity(_ path: String) -> [UInt64]? {
    var info = stat()
    guard stat(path, &info) == 0 else { return nil }
    return [UInt64(info.st_dev), UInt64(info.st_ino)]
  }

  /// Whether `folder` is `inner` or holds it, at any depth (symbolic links resolved).
  static func folder(_ folder: String, contains inner: String) -> Bool {
    let outer = URL(fileURLWithPath: folder).resolvingSymlinksInPath().standardizedFileURL.pathComponents
    let path = URL(fileURLWithPath: inner).resolvingSymlinksInPath().standardizedFileURL.pathComponents
    return path.count >= outer.count && Array(path.prefix(outer.count)) == outer
  }

  /// The first line of the data dictionary that ``writeFolder(_:to:input:)`` leaves in every
  /// folder it writes: the sign that a folder may be replaced as a whole.
  public static let folderMark = "# DamagesKit output: data dictionary"

  /// Fails unless `folder` may be replaced as a whole: it does not exist, or it is an empty
  /// folder, or one this tool wrote (its README.md begins with ``folderMark``), and it is not
  /// and does not hold the input folder. Anything else would be lost.
  public static func checkReplaceableFolder(_ folder: String, input: String) throws(Failure) {
    if Self.folder(folder, contains: input) {
      throw Failure(path: folder, reason: "it is or holds the input folder \(input), which replacing it would delete; choose another folder")
    }
    let fm = FileManager.default
    var isDirectory: ObjCBool = false
    guard fm.fileExists(atPath: folder, isDirectory: &isDirectory) else { return }
    guard isDirectory.boolValue else {
      throw Failure(path: folder, reason: "it is a file, not a folder; choose a new folder or one this command wrote")
    }
    let contents = (try? fm.contentsOfDirectory(atPath: folder)) ?? []
    if contents.isEmpty { return }
    let readme = URL(fileURLWithPath: folder).appendingPathComponent("README.md")
    let head = (try? String(contentsOf: readme, encoding: .utf8))?.prefix(folderMark.count)
    guard head.map(String.init) == folderMark else {
      throw Failure(path: folder, reason: "the folder holds files this command did not write (it would replace them all); choose a new folder or one this command wrote")
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
  /// `input`, the folder the files were made from, is never replaced
  /// (``checkReplaceableFolder(_:input:)``).
  public static func writeFolder(_ files: [(path: String, data: Data)], to folder: String, input: String) throws(Failure) {
    try checkReplaceableFolder(folder, input: input)
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

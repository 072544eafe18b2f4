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

  /// Checks, before any work, that the file can be written: its folder exists and is writable,
  /// or, for an existing device or FIFO (written to directly, see ``write(_:to:)``), that it is
  /// writable itself. A symbolic link is judged by what it points to.
  public static func checkWritable(_ path: String) throws(Failure) {
    let target = following(path)
    var info = stat()
    if lstat(target, &info) == 0 {
      switch info.st_mode & S_IFMT {
      case S_IFREG:
        break
      case S_IFDIR:
        throw Failure(path: path, reason: "it is a folder")
      default:
        guard access(target, W_OK) == 0 else {
          throw Failure(path: path, reason: String(cString: strerror(errno)))
        }
        return
      }
    }
    let url = URL(fileURLWithPath: target)
    let folder = url.deletingLastPathComponent().path
    var isDirectory: ObjCBool = false
    guard FileManager.default.fileExists(atPath: folder, isDirectory: &isDirectory),
      isDirectory.boolValue
    else { throw Failure(path: path, reason: "folder \(folder) does not exist") }
    guard FileManager.default.isWritableFile(atPath: folder) else {
      throw Failure(path: path, reason: "folder \(folder) is not writable")
    }
  }

  /// The file a path names once symbolic links are followed (the last one may point to a file
  /// that does not exist yet); the path itself if it is not a link.
  static func following(_ path: String) -> String {
    var current = path
    for _ in 0..<40 {
      var buffer = [CChar](repeating: 0, count: Int(PATH_MAX) + 1)
      let n = readlink(current, &buffer, buffer.count - 1)
      guard n > 0 else { return current }
      let link = String(decoding: buffer[0..<n].map { UInt8(bitPattern: $0) }, as: UTF8.self)
      current = link.hasPrefix("/")
        ? link
        : URL(fileURLWithPath: current).deletingLastPathComponent().appendingPathComponent(link).path
    }
    return current  // a loop: the write reports it
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

  /// Writes `data` atomically: to a temporary file beside the target, renamed over it once
  /// complete. A symbolic link is followed: the file it points to is replaced, the link kept.
  /// An existing device or FIFO (`/dev/null`, a named pipe) is written to directly, never
  /// replaced by a regular file.
  public static func write(_ data: Data, to path: String) throws(Failure) {
    try checkWritable(path)
    let target = following(path)
    var info = stat()
    if lstat(target, &info) == 0 && info.st_mode & S_IFMT != S_IFREG {
      try writeDirectly(data, to: target, named: path)
      return
    }
    let url = URL(fileURLWithPath: target)
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

  /// Writes a file that `make` creates itself at the path it is given (a workbook, which its C
  /// library writes to a path), with the guarantees of ``write(_:to:)``: made at a temporary
  /// path beside the target and renamed over it when complete. For an existing device or FIFO
  /// it is made in the temporary folder and copied to the target a chunk at a time. The file is
  /// never held whole in memory. `make` returns why it failed, if it did.
  public static func write(to path: String, making make: (String) -> String?) throws(Failure) {
    try checkWritable(path)
    let target = following(path)
    var info = stat()
    let direct = lstat(target, &info) == 0 && info.st_mode & S_IFMT != S_IFREG
    let url = URL(fileURLWithPath: target)
    let temporary = direct
      ? FileManager.default.temporaryDirectory
        .appendingPathComponent("damages-\(ProcessInfo.processInfo.processIdentifier)-\(UUID().uuidString)")
      : url.deletingLastPathComponent()
        .appendingPathComponent(".\(url.lastPathComponent).\(ProcessInfo.processInfo.processIdentifier).tmp")
    defer { try? FileManager.default.removeItem(at: temporary) }
    if let reason = make(temporary.path) { throw Failure(path: path, reason: reason) }
    if direct {
      guard let source = FileHandle(forReadingAtPath: temporary.path) else {
        throw Failure(path: path, reason: "cannot read back \(temporary.path)")
      }
      defer { try? source.close() }
      let fd = open(target, O_WRONLY | O_CLOEXEC)
      guard fd >= 0 else { throw Failure(path: path, reason: String(cString: strerror(errno))) }
      defer { close(fd) }
      while true {
        let chunk: Data?
        do { chunk = try source.read(upToCount: 1 << 20) } catch {
          throw Failure(path: path, reason: error.localizedDescription)
        }
        guard let chunk, !chunk.isEmpty else { return }
        if let reason = writeAll(chunk, to: fd) { throw Failure(path: path, reason: reason) }
      }
    }
    // rename(2) replaces the target in one step, whether or not it exists
    if rename(temporary.path, url.path) != 0 {
      throw Failure(path: path, reason: String(cString: strerror(errno)))
    }
  }

  /// Writes all of `data` to the open descriptor `fd` with `write(2)`, retrying on EINTR;
  /// the reason (`strerror`) if it cannot. Foundation's `FileHandle.write(_:)` traps instead.
  public static func writeAll(_ data: Data, to fd: Int32) -> String? {
    data.withUnsafeBytes { (bytes: UnsafeRawBufferPointer) -> String? in
      guard var p = bytes.baseAddress else { return nil }
      var left = bytes.count
      while left > 0 {
        #if canImport(Glibc)
          let n = Glibc.write(fd, p, left)
        #else
          let n = Darwin.write(fd, p, left)
        #endif
        if n < 0 {
          if errno == EINTR { continue }
          return String(cString: strerror(errno))
        }
        p += n
        left -= n
      }
      return nil
    }
  }

  /// Writes all of `data` to an existing file that is not a regular one (a device, a FIFO).
  private static func writeDirectly(_ data: Data, to target: String, named path: String) throws(Failure) {
    let fd = open(target, O_WRONLY | O_CLOEXEC)
    guard fd >= 0 else { throw Failure(path: path, reason: String(cString: strerror(errno))) }
    defer { close(fd) }
    let reason = writeAll(data, to: fd)
    if let reason { throw Failure(path: path, reason: reason) }
  }

  /// Hands the text that `produce` hands over piece by piece to `write` in chunks of about
  /// 1 MiB, the UTF-8 byte-order mark first if asked. The first failure `write` reports is
  /// returned; after it, the rest is produced and dropped.
  public static func buffered(
    byteOrderMark: Bool, _ produce: ((String) -> Void) -> Void, write: (Data) -> String?
  ) -> String? {
    withoutActuallyEscaping(write) { write in
      var failure: String?
      var buffer = Data()
      func flush() {
        if failure == nil && !buffer.isEmpty { failure = write(buffer) }
        buffer.removeAll(keepingCapacity: true)
      }
      if byteOrderMark { buffer.append(contentsOf: [0xEF, 0xBB, 0xBF]) }
      produce { piece in
        buffer.append(contentsOf: piece.utf8)
        if buffer.count >= 1 << 20 { flush() }
      }
      flush()
      return failure
    }
  }

  /// Writes a text that `produce` hands over piece by piece (a batch's rows, as they are
  /// rendered), with the same guarantees as ``write(_:to:)``: into a temporary file beside the
  /// target, renamed over it once complete (a device or FIFO is written to directly). The
  /// whole text is never held in memory.
  public static func write(
    to path: String, byteOrderMark: Bool = false, _ produce: ((String) -> Void) -> Void
  ) throws(Failure) {
    try checkWritable(path)
    let target = following(path)
    var info = stat()
    let direct = lstat(target, &info) == 0 && info.st_mode & S_IFMT != S_IFREG
    let url = URL(fileURLWithPath: target)
    let temporary = url.deletingLastPathComponent()
      .appendingPathComponent(".\(url.lastPathComponent).\(ProcessInfo.processInfo.processIdentifier).tmp")
    let fd = direct
      ? open(target, O_WRONLY | O_CLOEXEC)
      : open(temporary.path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o666)
    guard fd >= 0 else { throw Failure(path: path, reason: String(cString: strerror(errno))) }
    var failure = buffered(byteOrderMark: byteOrderMark, produce) { writeAll($0, to: fd) }
    if close(fd) != 0 && failure == nil { failure = String(cString: strerror(errno)) }
    if direct {
      if let failure { throw Failure(path: path, reason: failure) }
      return
    }
    // rename(2) replaces the target in one step, whether or not it exists
    if failure == nil && rename(temporary.path, url.path) != 0 {
      failure = String(cString: strerror(errno))
    }
    if let failure {
      try? FileManager.default.removeItem(at: temporary)
      throw Failure(path: path, reason: failure)
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

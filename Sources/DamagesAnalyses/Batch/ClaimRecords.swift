import Foundation

/// The per-claim results of a batch, its claims' figures and its bad rows' errors, kept in two
/// anonymous temporary files instead of in memory (docs/batch.md, Memory and speed): each
/// claim's result is written as the claim completes, in row order, and the renderers read the
/// results back as sequences, as many times as they need (the text table reads the figures
/// twice: its column widths first). A batch so holds one claim's result at a time, whatever the
/// number of claims.
///
/// Each file is a series of records, each a byte count (UInt32) and that many bytes; every
/// integer little-endian, every text UTF-8:
///
/// - a claim's figures: its index (Int64); which optional figures it has (UInt8: 1 the fee,
///   2 the best claim); the ten figures of ``BatchReport``'s columns as their bit patterns
///   (UInt64 each, 0 for an absent one), so that every double reads back exactly as it was,
///   -0.0 and all; then the id, the rest of the record.
/// - a bad row's errors: its index (Int64), then its id and each message, each a byte count
///   (UInt32) and the text.
///
/// The files are unlinked as soon as they are opened: nothing is left behind, even when the
/// process is killed. `damages merge` writes each part's results as a segment of its own
/// (part K holds the claims whose index i has i mod N = K) and reads them back in row order
/// by taking claim i from segment i mod N.
public final class ClaimRecords: @unchecked Sendable {
  // Written by one thread at a time (a batch's results are handed over in row order under a
  // lock), read once the writing is over.

  /// Why the temporary files could not be made or written (a missing or full temporary folder).
  public struct Failure: Error, CustomStringConvertible {
    public var description: String
  }

  let figureFile: RecordFile
  let errorFile: RecordFile
  /// The number of claims of the whole batch (the row indexes run from 0 to it).
  let claimCount: Int

  /// Two new anonymous files in the temporary folder (`TMPDIR`, else /tmp).
  public init(claimCount: Int) throws(Failure) {
    self.claimCount = claimCount
    figureFile = try RecordFile()
    errorFile = try RecordFile()
  }

  /// The first failure to write the files, if any (the records after it are lost).
  public var failure: Failure? { figureFile.failure ?? errorFile.failure }

  /// Starts segment K of N: the records of shard K, appended after everything written before
  /// (`damages merge`, a part at a time). A batch's results are one segment, started by its
  /// first record.
  public func startSegment(_ k: Int, of n: Int) {
    figureFile.startSegment(k, of: n)
    errorFile.startSegment(k, of: n)
  }

  public func append(_ f: ClaimFigures) {
    var w = RecordWriter()
    w.int64(Int64(f.index))
    w.byte((f.fee == nil ? 0 : 1) | (f.bestClaim == nil ? 0 : 2))
    for v in BatchReport.values(f) { w.uint64(v?.bitPattern ?? 0) }
    w.bytes.append(contentsOf: f.id.utf8)
    figureFile.append(w.bytes)
  }

  public func append(_ e: ClaimErrors) {
    var w = RecordWriter()
    w.int64(Int64(e.index))
    w.text(e.id)
    for m in e.messages { w.text(m) }
    errorFile.append(w.bytes)
  }

  /// The claims' figures, in row order.
  public var figures: Records<ClaimFigures> {
    Records(file: figureFile.finished(), claimCount: claimCount) { bytes in
      var r = RecordReader(bytes: bytes)
      let index = Int(r.int64())
      let flags = r.byte()
      let v = (0..<10).map { _ in Double(bitPattern: r.uint64()) }
      let id = r.rest()
      return ClaimFigures(
        index: index, id: id, pLiable: v[0], awardMean: v[1], awardP5: v[2], awardP50: v[3],
        awardP95: v[4], fee: flags & 1 == 0 ? nil : v[5], feeShareMean: v[6], netMean: v[7],
        netP5: v[8], bestClaim: flags & 2 == 0 ? nil : v[9])
    }
  }

  /// The bad rows' errors, in row order.
  public var errors: Records<ClaimErrors> {
    Records(file: errorFile.finished(), claimCount: claimCount) { bytes in
      var r = RecordReader(bytes: bytes)
      let index = Int(r.int64())
      let id = r.text()
      var messages: [String] = []
      while !r.atEnd { messages.append(r.text()) }
      return ClaimErrors(index: index, id: id, messages: messages)
    }
  }

  /// A sequence of records read back from one of the files, in row order.
  public struct Records<Element>: Sequence {
    let file: RecordFile
    let claimCount: Int
    let decode: ([UInt8]) -> Element

    public var count: Int { file.count }
    public var isEmpty: Bool { file.count == 0 }

    public func makeIterator() -> Iterator {
      Iterator(readers: file.segments.map { RecordFile.Reader(file: file, segment: $0, segments: file.segments.count) },
               claimCount: claimCount, decode: decode)
    }

    public struct Iterator: IteratorProtocol {
      var readers: [RecordFile.Reader]
      let claimCount: Int
      let decode: ([UInt8]) -> Element
      /// Several segments: the next row index to look for.
      var row = 0

      public mutating func next() -> Element? {
        if readers.isEmpty { return nil }
        if readers.count == 1 { return readers[0].next().map(decode) }
        // segment K holds the rows i with i mod N = K, each in row order
        let n = readers.count
        while row < claimCount {
          let k = row % n
          row += 1
          if readers[k].peekIndex() == row - 1 { return readers[k].next().map(decode) }
        }
        return nil
      }
    }
  }
}

/// One anonymous temporary file of length-prefixed records, written through a buffer.
final class RecordFile: @unchecked Sendable {
  struct Segment {
    var start: UInt64
    var end: UInt64
  }

  private let handle: FileHandle
  private var buffer: [UInt8] = []
  /// The bytes in the file (the buffer's come after them).
  private var written: UInt64 = 0
  private(set) var segments: [Segment] = []
  private(set) var count = 0
  private(set) var failure: ClaimRecords.Failure?

  init() throws(ClaimRecords.Failure) {
    let folder = FileManager.default.temporaryDirectory
    let path = folder.appendingPathComponent(
      "damages-batch-\(ProcessInfo.processInfo.processIdentifier)-\(UUID().uuidString)").path
    guard FileManager.default.createFile(atPath: path, contents: nil, attributes: [.posixPermissions: 0o600]),
          let handle = FileHandle(forUpdatingAtPath: path)
    else {
      throw ClaimRecords.Failure(description: "error: cannot create a temporary file in \(folder.path) for the claims' results (set TMPDIR to a writable folder)")
    }
    // unlinked at once: the open file is all there is, and it goes when the process ends
    try? FileManager.default.removeItem(atPath: path)
    self.handle = handle
  }

  /// The segment appended to.
  private var current = 0

  func startSegment(_ k: Int, of n: Int) {
    let end = written + UInt64(buffer.count)
    while segments.count < n { segments.append(Segment(start: end, end: end)) }
    segments[k] = Segment(start: end, end: end)
    current = k
  }

  func append(_ record: [UInt8]) {
    if segments.isEmpty { startSegment(0, of: 1) }
    for s in stride(from: 0, to: 32, by: 8) { buffer.append(UInt8(truncatingIfNeeded: record.count >> s)) }
    buffer.append(contentsOf: record)
    segments[current].end += UInt64(4 + record.count)
    count += 1
    if buffer.count >= 1 << 16 { flush() }
  }

  private func flush() {
    guard !buffer.isEmpty else { return }
    if failure == nil {
      do {
        try handle.seek(toOffset: written)
        try handle.write(contentsOf: buffer)
      } catch {
        failure = ClaimRecords.Failure(description: "error: cannot write the claims' results to a temporary file in \(FileManager.default.temporaryDirectory.path): \(error.localizedDescription) (set TMPDIR to a folder with more room)")
      }
    }
    written += UInt64(buffer.count)
    buffer.removeAll(keepingCapacity: true)
  }

  /// The file with everything written, ready to be read.
  func finished() -> RecordFile {
    flush()
    return self
  }

  /// Reads one segment's records in order, a chunk of the file at a time.
  struct Reader {
    let file: RecordFile
    var offset: UInt64
    let end: UInt64
    let chunk: Int
    var buffer: [UInt8] = []
    var at = 0

    init(file: RecordFile, segment: Segment, segments: Int) {
      self.file = file
      offset = segment.start
      end = segment.end
      // at most a megabyte of buffers, however many segments are read side by side
      chunk = Swift.max(1 << 12, Swift.min(1 << 16, (1 << 20) / Swift.max(1, segments)))
    }

    /// Makes `n` bytes available from `at` on; false at the segment's end.
    mutating func fill(_ n: Int) -> Bool {
      if buffer.count - at >= n { return true }
      let left = end - offset
      guard left > 0 else { return false }
      let want = Int(Swift.min(left, UInt64(Swift.max(chunk, n - (buffer.count - at)))))
      let data: Data?
      do {
        try file.handle.seek(toOffset: offset)
        data = try file.handle.read(upToCount: want)
      } catch {
        // the file this process has just written cannot be read back: the disk has failed
        fatalError("cannot read back the batch's temporary file: \(error.localizedDescription)")
      }
      guard let data, data.count == want else {
        fatalError("cannot read back the batch's temporary file: it is shorter than was written")
      }
      buffer.removeFirst(at)
      at = 0
      buffer.append(contentsOf: data)
      offset += UInt64(want)
      return buffer.count >= n
    }

    /// The row index of the next record (its first field), without taking it.
    mutating func peekIndex() -> Int? {
      guard fill(12) else { return nil }
      var r = RecordReader(bytes: buffer, at: at + 4)
      return Int(r.int64())
    }

    mutating func next() -> [UInt8]? {
      guard fill(4) else { return nil }
      var r = RecordReader(bytes: buffer, at: at)
      let length = Int(r.uint32())
      guard fill(4 + length) else {
        fatalError("cannot read back the batch's temporary file: a record is cut short")
      }
      let record = Array(buffer[(at + 4)..<(at + 4 + length)])
      at += 4 + length
      return record
    }
  }
}

/// Builds a record (little-endian integers, length-prefixed UTF-8 texts).
struct RecordWriter {
  var bytes: [UInt8] = []

  mutating func byte(_ x: UInt8) { bytes.append(x) }
  mutating func uint32(_ x: UInt32) { for s in stride(from: 0, to: 32, by: 8) { bytes.append(UInt8(truncatingIfNeeded: x >> s)) } }
  mutating func uint64(_ x: UInt64) { for s in stride(from: 0, to: 64, by: 8) { bytes.append(UInt8(truncatingIfNeeded: x >> s)) } }
  mutating func int64(_ x: Int64) { uint64(UInt64(bitPattern: x)) }
  mutating func text(_ s: String) {
    uint32(UInt32(s.utf8.count))
    bytes.append(contentsOf: s.utf8)
  }
}

/// Reads a record that ``RecordWriter`` built (in a file this process wrote: its layout is
/// known, so a short record is a precondition failure, not an input error).
struct RecordReader {
  let bytes: [UInt8]
  var at = 0

  var atEnd: Bool { at >= bytes.count }

  mutating func byte() -> UInt8 {
    defer { at += 1 }
    return bytes[at]
  }
  mutating func uint32() -> UInt32 {
    var x: UInt32 = 0
    for i in 0..<4 { x |= UInt32(bytes[at + i]) << (8 * i) }
    at += 4
    return x
  }
  mutating func uint64() -> UInt64 {
    var x: UInt64 = 0
    for i in 0..<8 { x |= UInt64(bytes[at + i]) << (8 * i) }
    at += 8
    return x
  }
  mutating func int64() -> Int64 { Int64(bitPattern: uint64()) }
  mutating func text() -> String {
    let n = Int(uint32())
    defer { at += n }
    return String(decoding: bytes[at..<(at + n)], as: UTF8.self)
  }
  mutating func rest() -> String {
    defer { at = bytes.count }
    return String(decoding: bytes[at...], as: UTF8.self)
  }
}

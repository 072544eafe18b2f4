import Foundation

#if canImport(Glibc)
  import Glibc
#endif

/// One TCP connection to the test server, written and read byte by byte, so that a test
/// controls when each part of a request is sent (the test client sends a request whole).
final class RawConnection {
  private let fd: Int32

  init(port: Int) throws {
    fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
    guard fd >= 0 else { throw Failure("socket: errno \(errno)") }
    var address = sockaddr_in()
    address.sin_family = sa_family_t(AF_INET)
    address.sin_port = in_port_t(UInt16(port).bigEndian)
    address.sin_addr.s_addr = inet_addr("127.0.0.1")
    var timeout = timeval(tv_sec: 60, tv_usec: 0)
    setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
    let connected = withUnsafePointer(to: &address) {
      $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
        connect(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size))
      }
    }
    guard connected == 0 else { close(fd); throw Failure("connect: errno \(errno)") }
  }

  deinit { close(fd) }

  func send(_ text: String) throws {
    let bytes = Array(text.utf8)
    var sent = 0
    while sent < bytes.count {
      let n = bytes[sent...].withUnsafeBytes { Glibc.send(fd, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL)) }
      guard n > 0 else { throw Failure("send: errno \(errno)") }
      sent += n
    }
  }

  /// One response: its status line and headers, then `Content-Length` bytes of body.
  func response() throws -> (status: Int, body: String) {
    var data = [UInt8]()
    var chunk = [UInt8](repeating: 0, count: 4096)
    func headEnd() -> Int? {
      guard data.count >= 4 else { return nil }
      return (0...(data.count - 4)).first { data[$0..<($0 + 4)].elementsEqual([13, 10, 13, 10]) }
    }
    func read() throws {
      let n = recv(fd, &chunk, chunk.count, 0)
      guard n > 0 else { throw Failure("the connection closed (recv \(n), errno \(errno))") }
      data += chunk[0..<n]
    }
    while headEnd() == nil { try read() }
    let end = headEnd()!
    let head = String(decoding: data[0..<end], as: UTF8.self)
    let lines = head.split(separator: "\r\n")
    guard let status = lines.first?.split(separator: " ").dropFirst().first.flatMap({ Int($0) }) else {
      throw Failure("not an HTTP response: \(head)")
    }
    let length = lines.dropFirst().compactMap { line -> Int? in
      let parts = line.split(separator: ":", maxSplits: 1)
      guard parts.count == 2, parts[0].lowercased() == "content-length" else { return nil }
      return Int(parts[1].trimmingCharacters(in: .whitespaces))
    }.first ?? 0
    while data.count < end + 4 + length { try read() }
    return (status, String(decoding: data[(end + 4)..<(end + 4 + length)], as: UTF8.self))
  }

  struct Failure: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
  }
}

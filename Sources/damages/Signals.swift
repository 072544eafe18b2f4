import DamagesReports
import Foundation
import Synchronization

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// SIGINT and SIGTERM, handled on a thread of their own.
///
/// The signal handler only writes the signal's number into a pipe; a dedicated thread, blocked
/// reading that pipe, does the rest. It must not be a thread of a shared pool: a simulation
/// keeps every core busy on Dispatch's worker threads, and a handler queued there waits until
/// the simulation ends (which is how Ctrl-C used to be ignored on more than one thread).
enum SignalThread {
  private static let started = Mutex(false)

  /// Routes SIGINT and SIGTERM to `handler`, called on the signal thread, once per signal.
  /// Only the first call installs anything.
  static func start(_ handler: @escaping @Sendable (Int32) -> Void) {
    let first = started.withLock { started in
      defer { started = true }
      return !started
    }
    guard first else { return }
    var fds: [Int32] = [-1, -1]
    guard pipe(&fds) == 0 else { return }
    _ = fcntl(fds[0], F_SETFD, FD_CLOEXEC)
    _ = fcntl(fds[1], F_SETFD, FD_CLOEXEC)
    signalPipe = fds[1]
    let reader = fds[0]
    // A parent may have started this process with the signals blocked (blocked signals are
    // inherited), and then they would stay pending for ever: this thread takes them.
    var signals = sigset_t()
    sigemptyset(&signals)
    sigaddset(&signals, SIGINT)
    sigaddset(&signals, SIGTERM)
    let mask = signals
    let thread = Thread {
      var unblocked = mask
      _ = pthread_sigmask(SIG_UNBLOCK, &unblocked, nil)
      var byte: UInt8 = 0
      while true {
        let n = read(reader, &byte, 1)
        if n == 1 { handler(Int32(byte)) } else if n < 0 && errno == EINTR { continue } else { return }
      }
    }
    thread.name = "damages-signals"
    thread.start()
    _ = signal(SIGINT, forwardSignal)
    _ = signal(SIGTERM, forwardSignal)
  }
}

/// The pipe's writing end, set before the handler is installed.
nonisolated(unsafe) private var signalPipe: Int32 = -1

/// The signal handler: one `write(2)`, which is async-signal-safe.
private func forwardSignal(_ number: Int32) {
  var byte = UInt8(truncatingIfNeeded: number)
  let saved = errno
  _ = write(signalPipe, &byte, 1)
  errno = saved
}

/// Ctrl-C (SIGINT) and SIGTERM for the commands that compute and write a report.
///
/// A signal stops the command within moments at any thread count: the signal thread ends the
/// process with 130 (SIGINT) or 143 (SIGTERM) after saying that nothing was written. Nothing
/// was: reports are only written in the output phase (``writingOutput(_:)``), every file
/// atomically, and a signal that arrives once that phase has begun lets the command finish
/// its output instead. The flag (``isSet``) also stops a simulation at its next block.
final class Interrupt: Sendable {
  static let shared = Interrupt()
  /// The signal received, 0 for none.
  private let received = Atomic<Int32>(0)
  /// Whether the output phase has begun; held by whoever ends the process.
  private let phase = Mutex<Bool>(false)

  var isSet: Bool { received.load(ordering: .relaxed) != 0 }

  /// Starts the signal thread (once).
  func install() {
    SignalThread.start { number in
      Interrupt.shared.received.store(number, ordering: .relaxed)
      Interrupt.shared.stop(unlessWriting: true)
    }
  }

  /// Runs `body`, the writing of the command's output: a signal from now on no longer stops
  /// the command. If a signal has already stopped it, this never returns.
  func writingOutput<T, E: Error>(_ body: () throws(E) -> T) throws(E) -> T {
    phase.withLock { $0 = true }
    return try body()
  }

  /// Ends the process for the signal received (from a simulation that noticed it first).
  func exitNow() -> Never {
    stop(unlessWriting: false)
    // the output phase had begun: end as the signal asked all the same
    _exit(128 + Swift.max(received.load(ordering: .relaxed), SIGINT))
  }

  private func stop(unlessWriting: Bool) {
    phase.withLock { writing in
      if writing && unlessWriting { return }
      let number = received.load(ordering: .relaxed)
      let text = number == SIGTERM ? "terminated" : "interrupted"
      _ = StandardStreams.write(Data("\(text): no output was written\n".utf8), to: STDERR_FILENO)
      // the lock is never released: an output phase that starts now waits for the end
      _exit(128 + (number == 0 ? SIGINT : number))
    }
  }
}

/// Standard output and error, written with `write(2)`: a failed write is reported, never a
/// crash (Foundation's `FileHandle.write(_:)` traps on an error).
enum StandardStreams {
  /// Writes all of `data` to `fd`; the reason (`strerror`) if it cannot.
  static func write(_ data: Data, to fd: Int32) -> String? {
    OutputFile.writeAll(data, to: fd)
  }

  /// Gives each closed standard stream a stand-in, before anything opens a file: otherwise the
  /// next file opened (an output file's temporary copy) would take its number, and messages
  /// meant for standard error would go into it. A closed standard error becomes /dev/null
  /// (messages are dropped, the command goes on); a closed standard output becomes /dev/null
  /// opened for reading only, so that writing the report fails (exit 74) instead of vanishing.
  static func reopenClosed() {
    for (fd, flags) in [(STDIN_FILENO, O_RDONLY), (STDOUT_FILENO, O_RDONLY), (STDERR_FILENO, O_WRONLY)] {
      guard fcntl(fd, F_GETFD) == -1 && errno == EBADF else { continue }
      let opened = open("/dev/null", flags)
      if opened >= 0 && opened != fd {
        _ = dup2(opened, fd)
        _ = close(opened)
      }
    }
  }
}

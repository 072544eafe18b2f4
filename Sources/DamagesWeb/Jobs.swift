import Foundation
import Synchronization

/// A counting semaphore for async code: at most `limit` holders at a time, the others wait in
/// arrival order. Simulations take a slot each, so that no more run at once than there are
/// cores and the rest queue instead of slowing every run down.
actor Slots {
  private var free: Int
  private var waiting: [(id: String, continuation: CheckedContinuation<Bool, Never>)] = []

  init(_ limit: Int) {
    precondition(limit >= 1, "a semaphore needs at least one slot")
    free = limit
  }

  /// Waits for a slot: true once it is held, false if `id` was withdrawn first
  /// (``withdraw(_:)``) or `withdrawn` says so before it starts waiting.
  func acquire(_ id: String, unless withdrawn: @Sendable () -> Bool) async -> Bool {
    if withdrawn() { return false }
    if free > 0 {
      free -= 1
      return true
    }
    return await withCheckedContinuation { waiting.append((id, $0)) }
  }

  /// Takes `id` out of the queue at once, if it waits there: its `acquire` returns false.
  func withdraw(_ id: String) {
    guard let i = waiting.firstIndex(where: { $0.id == id }) else { return }
    waiting.remove(at: i).continuation.resume(returning: false)
  }

  /// Hands the slot to the longest waiter, or frees it.
  func release() {
    if waiting.isEmpty {
      free += 1
    } else {
      waiting.removeFirst().continuation.resume(returning: true)
    }
  }

  /// How many are waiting for a slot.
  var queued: Int { waiting.count }
}

/// One analysis that runs in the background (simulate, sweep, sensitivity): its state, its
/// progress and, once done, what it produced. Shared between the worker thread that runs it
/// and the requests that poll it.
final class Job: Sendable {
  enum State: String, Sendable {
    case queued, running, done, failed, cancelled

    /// Whether the job has ended (it will not change again).
    var ended: Bool { self == .done || self == .failed || self == .cancelled }
  }

  struct Snapshot: Sendable {
    var state: State
    var done: Int
    var total: Int
    var outcome: JobResult?
    var failure: WebError?
    var seconds: Double?
  }

  let id: String
  let kind: JobKind
  private let status: Mutex<Snapshot>
  private let cancelRequested = Atomic<Bool>(false)

  /// Asks the job to stop: a queued job never starts, a running simulation stops at its next
  /// block (a sensitivity analysis runs to its end, and its result is dropped).
  func cancel() {
    cancelRequested.store(true, ordering: .relaxed)
    status.withLock { if $0.state == .queued { $0.state = .cancelled } }
  }

  var isCancelRequested: Bool { cancelRequested.load(ordering: .relaxed) }

  init(id: String, kind: JobKind, total: Int) {
    self.id = id
    self.kind = kind
    status = Mutex(Snapshot(state: .queued, done: 0, total: total))
  }

  var snapshot: Snapshot { status.withLock { $0 } }

  func start() { status.withLock { $0.state = .running } }

  func progress(_ done: Int) {
    status.withLock { $0.done = Swift.max($0.done, Swift.min(done, $0.total)) }
  }

  func finish(_ result: Result<JobResult, WebError>, seconds: Double) {
    let cancelled = isCancelRequested
    status.withLock { s in
      s.seconds = seconds
      if cancelled {
        s.state = .cancelled
        return
      }
      switch result {
      case let .success(outcome):
        s.state = .done
        s.done = s.total
        s.outcome = outcome
      case let .failure(error):
        s.state = .failed
        s.failure = error
      }
    }
  }
}

/// The background analyses of one server: submitted, run at most `workers` at a time on their
/// own threads (never on the request handlers' threads), kept for polling until
/// `capacity` newer jobs have finished.
actor JobBoard {
  private let slots: Slots
  private var jobs: [String: Job] = [:]
  private var order: [String] = []
  private let capacity: Int
  private var counter = 0

  private let maxPending: Int

  init(workers: Int, capacity: Int = 64, maxPending: Int = 16) {
    slots = Slots(workers)
    self.capacity = capacity
    self.maxPending = maxPending
  }

  /// Starts `work` in the background and returns its job at once. `work` receives a progress
  /// callback (units done, out of `total`). Refused (``WebError/busy(limit:)``) when
  /// `maxPending` jobs are already waiting or running: the queue holds each job's scenario,
  /// so it must not grow without end.
  func submit(
    _ kind: JobKind, total: Int,
    work: @escaping @Sendable (
      _ progress: @escaping @Sendable (Int) -> Void, _ isCancelled: @escaping @Sendable () -> Bool
    ) -> Result<JobResult, WebError>
  ) throws(WebError) -> Job {
    let pending = jobs.values.count { !$0.snapshot.state.ended }
    guard pending < maxPending else { throw .busy(limit: maxPending) }
    counter += 1
    let id = String(counter, radix: 10) + "-" + String(UInt32.random(in: 0...UInt32.max), radix: 36)
    let job = Job(id: id, kind: kind, total: total)
    jobs[id] = job
    order.append(id)
    evict()
    let slots = self.slots
    Task.detached {
      // a job cancelled while queued leaves the queue at once, with its scenario
      guard await slots.acquire(id, unless: { job.isCancelRequested }) else {
        job.finish(.failure(.internal("cancelled")), seconds: 0)
        return
      }
      if job.isCancelRequested {
        job.finish(.failure(.internal("cancelled")), seconds: 0)
        await slots.release()
        return
      }
      job.start()
      let start = Date()
      let result = await Self.onOwnThread { work({ job.progress($0) }, { job.isCancelRequested }) }
      job.finish(result, seconds: Date().timeIntervalSince(start))
      await slots.release()
    }
    return job
  }

  func job(_ id: String) -> Job? { jobs[id] }

  /// Cancels a job: a queued one leaves the queue at once (so the cap counts only what is
  /// really waiting or running), a running one stops at its next block.
  func cancel(_ job: Job) async {
    job.cancel()
    await slots.withdraw(job.id)
  }

  /// Jobs waiting for a worker.
  func queued() async -> Int { await slots.queued }

  /// Forgets the oldest finished jobs beyond the capacity (running ones are kept).
  private func evict() {
    var excess = order.count - capacity
    guard excess > 0 else { return }
    order.removeAll { id in
      guard excess > 0, let job = jobs[id] else { return false }
      guard job.snapshot.state.ended else { return false }
      jobs[id] = nil
      excess -= 1
      return true
    }
  }

  /// Runs CPU-bound work on a thread of its own, so that it never holds a thread of Swift's
  /// cooperative pool (which serves the HTTP requests).
  private static func onOwnThread<T: Sendable>(_ body: @escaping @Sendable () -> T) async -> T {
    await withCheckedContinuation { continuation in
      let thread = Thread { continuation.resume(returning: body()) }
      thread.name = "damages-job"
      thread.start()
    }
  }
}

import Foundation
import Synchronization
import Testing

@testable import DamagesWeb

/// How many tasks are inside at once, and the most there ever were.
final class Occupancy: Sendable {
  private let state = Mutex((now: 0, most: 0))
  func enter() { state.withLock { $0.now += 1; $0.most = max($0.most, $0.now) } }
  func leave() { state.withLock { $0.now -= 1 } }
  var most: Int { state.withLock { $0.most } }
}

/// A flag one task waits on and another sets.
final class Gate: Sendable {
  private let flag = Atomic<Bool>(false)
  func open() { flag.store(true, ordering: .releasing) }
  var isOpen: Bool { flag.load(ordering: .acquiring) }
}

@Suite("damages serve: the job queue")
struct JobsTests {
  @Test("no more than the slots run at once; the others wait and all finish")
  func slotsBoundConcurrency() async throws {
    let slots = Slots(2)
    let running = Occupancy()
    await withTaskGroup(of: Void.self) { group in
      for _ in 0..<8 {
        group.addTask {
          #expect(await slots.acquire("t", unless: { false }))
          running.enter()
          try? await Task.sleep(for: .milliseconds(20))
          running.leave()
          await slots.release()
        }
      }
    }
    #expect(running.most == 2)
    #expect(await slots.queued == 0)
  }

  @Test("a job goes from queued to done, with its progress, off the caller's thread")
  func jobLifecycle() async throws {
    let board = JobBoard(workers: 1)
    let gate = Gate()
    let job = try await board.submit(.simulate, total: 10) { progress, _ in
      while !gate.isOpen { usleep(1000) }
      progress(5)
      return .failure(.internal("stop here"))
    }
    #expect(job.snapshot.state == .queued || job.snapshot.state == .running)
    gate.open()
    for _ in 0..<2000 where job.snapshot.state != .failed { try await Task.sleep(for: .milliseconds(5)) }
    #expect(job.snapshot.state == .failed)
    #expect(job.snapshot.done == 5)
    #expect(await board.job(job.id) === job)
  }

  @Test("jobs waiting or running are capped: beyond, busy (429) until one ends")
  func queueCap() async throws {
    let board = JobBoard(workers: 1, maxPending: 2)
    let gate = Gate()
    var held: [Job] = []
    for _ in 0..<2 {
      held.append(try await board.submit(.sweep, total: 1) { _, _ in
        while !gate.isOpen { usleep(1000) }
        return .failure(.internal("released"))
      })
    }
    await #expect(throws: WebError.self) {
      _ = try await board.submit(.sweep, total: 1) { _, _ in .failure(.internal("never")) }
    }
    #expect(WebError.busy(limit: 2).status == .tooManyRequests)
    gate.open()
    for job in held {
      for _ in 0..<2000 where job.snapshot.state != .failed { try await Task.sleep(for: .milliseconds(5)) }
    }
    _ = try await board.submit(.sweep, total: 1) { _, _ in .failure(.internal("room again")) }
  }

  @Test("a job can be cancelled: a queued one never starts, a running one sees the request")
  func cancel() async throws {
    let board = JobBoard(workers: 1)
    let running = try await board.submit(.simulate, total: 1) { _, isCancelled in
      while !isCancelled() { usleep(1000) }
      return .failure(.internal("stopped"))
    }
    let started = Gate()
    let queued = try await board.submit(.simulate, total: 1) { _, _ in
      started.open()
      return .failure(.internal("should not run"))
    }
    queued.cancel()
    #expect(queued.snapshot.state == .cancelled)
    running.cancel()
    for _ in 0..<2000 where running.snapshot.state != .cancelled { try await Task.sleep(for: .milliseconds(5)) }
    #expect(running.snapshot.state == .cancelled)
    try await Task.sleep(for: .milliseconds(50))
    #expect(!started.isOpen, "a cancelled queued job never runs")
  }

  @Test("finished jobs beyond the capacity are forgotten, oldest first")
  func eviction() async throws {
    let board = JobBoard(workers: 2, capacity: 3)
    var jobs: [Job] = []
    for _ in 0..<5 {
      let job = try await board.submit(.sensitivity, total: 1) { _, _ in .failure(.internal("done")) }
      for _ in 0..<2000 where job.snapshot.state != .failed { try await Task.sleep(for: .milliseconds(5)) }
      jobs.append(job)
    }
    #expect(await board.job(jobs[0].id) == nil)
    #expect(await board.job(jobs[4].id) != nil)
  }

  @Test("a job cancelled while queued leaves the queue at once: the cap counts what is held")
  func cancelledJobsLeaveTheQueue() async throws {
    let board = JobBoard(workers: 1, maxPending: 3)
    let gate = Gate()
    let running = try await board.submit(.sweep, total: 1) { _, _ in
      while !gate.isOpen { usleep(1000) }
      return .failure(.internal("released"))
    }
    // many rounds of submit and cancel, as a client could send them: none stays queued
    for _ in 0..<200 {
      let job = try await board.submit(.sweep, total: 1) { _, _ in .failure(.internal("never")) }
      for _ in 0..<200 where await board.queued() == 0 { try await Task.sleep(for: .milliseconds(1)) }
      await board.cancel(job)
      #expect(job.snapshot.state == .cancelled)
    }
    #expect(await board.queued() == 0, "cancelled jobs still wait for a worker")
    // the cap still takes two more real jobs
    _ = try await board.submit(.sweep, total: 1) { _, _ in .failure(.internal("a")) }
    _ = try await board.submit(.sweep, total: 1) { _, _ in .failure(.internal("b")) }
    gate.open()
    for _ in 0..<2000 where running.snapshot.state != .failed { try await Task.sleep(for: .milliseconds(5)) }
  }
}

@testable import damages
import Testing

/// The line after a simulation's table, in each language.
@Suite("simulate: the footer line")
struct RunFooterTests {
  let footer = RunFooter(
    seconds: 2, runs: 30_000_000, threads: 1, precision: nil, resultRuns: 30_000_000, passes: 1,
    interpolated: 0)

  @Test("Time, speed and threads, in English and in Chinese (speed in 万 runs a second)")
  func plain() {
    #expect(footer.text(.en) == "2.00 s, 15.0 million runs/s on 1 thread")
    #expect(footer.text(.zh) == "用时 2.00 秒，每秒模拟 1500 万次，1 个线程")
    #expect(footer.text(.both) == footer.text(.en) + "\n" + footer.text(.zh))
    var slow = footer
    slow.runs = 9_000
    slow.threads = 2
    #expect(slow.text(.en) == "2.00 s, 0.0 million runs/s on 2 threads")
    #expect(slow.text(.zh) == "用时 2.00 秒，每秒模拟 4500 次，2 个线程")
  }

  @Test("The bounded-memory mode says whether its percentiles are exact")
  func bounded() {
    var f = footer
    f.passes = 2
    #expect(f.text(.en).hasSuffix("; bounded memory: 2 passes, percentiles exact"))
    #expect(f.text(.zh).hasSuffix("；有限内存：两遍计算，百分位数精确"))
    f.interpolated = 1
    #expect(f.text(.en).hasSuffix("; bounded memory: 2 passes, 1 percentile within 2^-11 of exact"))
    f.interpolated = 3
    #expect(f.text(.en).hasSuffix("; bounded memory: 2 passes, 3 percentiles within 2^-11 of exact"))
    #expect(f.text(.zh).hasSuffix("；有限内存：两遍计算，3 个百分位数与精确值相差不超过 2^-11"))
  }
}

@testable import damages
@testable import DamagesSimulation
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

  @Test("A precision target: what was reached, after how many runs, digits grouped")
  func precision() {
    var f = footer
    f.precision = PrecisionReport(
      target: PrecisionTarget(relativeHalfWidth: 0.005, on: .mean), relativeHalfWidth: 0.00443,
      reached: true, stages: [16_384, 1_220_608, 1_830_912])
    f.resultRuns = 1_830_912
    #expect(f.text(.en).hasSuffix(
      "; precision of the award's mean: ±0.443% reached after 1,830,912 runs (stages 16,384; 1,220,608; 1,830,912)"))
    #expect(f.text(.zh).hasSuffix("；判赔总额均值的精度 ±0.443%，已达到，共模拟 1,830,912 次（各阶段 16,384、1,220,608、1,830,912 次）"))
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

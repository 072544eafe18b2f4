import GSL
import Testing

/// The first `count` uniforms of a stream, as bit patterns.
private func stream(_ source: RandomSource, _ count: Int = 16) -> [UInt64] {
  (0..<count).map { _ in source.uniform().bitPattern }
}

@Suite("RandomSource: seeded GSL generators (docs/simulation.md: reproducible, seeded from seed and block)")
struct RandomSourceTests {
  static let algorithms: [RandomSource.Algorithm] = [.taus2, .mt19937]

  @Test("the same seed gives the same stream", arguments: algorithms)
  func sameSeed(_ algorithm: RandomSource.Algorithm) {
    for (a, b) in [(0, 0), (1, 0), (20_231_127, 3), (UInt64.max, UInt64.max)] as [(UInt64, UInt64)]
    {
      let x = RandomSource(algorithm: algorithm, seed: a, b)
      let y = RandomSource(algorithm: algorithm, seed: a, b)
      #expect(stream(x, 1_000) == stream(y, 1_000), "seed (\(a), \(b))")
      // Every draw method advances both sources alike.
      #expect(x.standardNormal().bitPattern == y.standardNormal().bitPattern)
      #expect(x.gamma(shape: 2, scale: 3) == y.gamma(shape: 2, scale: 3))
      #expect(x.beta(2, 5) == y.beta(2, 5))
      #expect(stream(x) == stream(y))
    }
  }

  @Test("the default algorithm is taus2 and the default block is 0")
  func defaults() {
    #expect(stream(RandomSource(seed: 42)) == stream(RandomSource(algorithm: .taus2, seed: 42, 0)))
  }

  /// Blocks of one simulation are seeded (seed, 0), (seed, 1), …; several simulations use
  /// seeds 1, 2, 3, …. No two of these may share a stream, nor may words that differ only in
  /// high bits.
  @Test("different (seed, block) pairs give different streams", arguments: algorithms)
  func differentSeeds(_ algorithm: RandomSource.Algorithm) {
    var seen: [[UInt64]: (UInt64, UInt64)] = [:]
    var pairs: [(UInt64, UInt64)] = []
    for a in 0..<48 as Range<UInt64> { for b in 0..<48 as Range<UInt64> { pairs.append((a, b)) } }
    for shift in [31, 32, 33, 48, 63] as [UInt64] {
      pairs += [(1 << shift, 0), (1 &+ (1 << shift), 0), (0, 1 << shift), (1, 1 << shift)]
    }
    pairs += [(.max, 0), (0, .max), (.max, .max), (.max - 1, .max)]
    for (a, b) in pairs {
      let key = stream(RandomSource(algorithm: algorithm, seed: a, b), 4)
      if let earlier = seen[key] {
        Issue.record("seeds (\(a), \(b)) and (\(earlier.0), \(earlier.1)) give the same stream")
      }
      seen[key] = (a, b)
    }
  }

  @Test("the streams of neighbouring blocks are not correlated")
  func neighbouringBlocks() {
    // Pearson correlation of 100,000 paired uniforms: sd 1/√n ≈ 0.0032; tolerance 5 sd.
    let n = 100_000
    for (x, y) in [((1, 0), (1, 1)), ((1, 0), (2, 0)), ((7, 15), (7, 16))]
      as [((UInt64, UInt64), (UInt64, UInt64))]
    {
      let s = RandomSource(seed: x.0, x.1)
      let t = RandomSource(seed: y.0, y.1)
      var sxy = 0.0
      var sx = 0.0
      var sy = 0.0
      var sxx = 0.0
      var syy = 0.0
      for _ in 0..<n {
        let u = s.uniform()
        let v = t.uniform()
        sx += u
        sy += v
        sxy += u * v
        sxx += u * u
        syy += v * v
      }
      let nn = Double(n)
      let r = (sxy - sx * sy / nn) / ((sxx - sx * sx / nn) * (syy - sy * sy / nn)).squareRoot()
      #expect(abs(r) <= 5 / nn.squareRoot(), "blocks \(x) and \(y): r = \(r)")
    }
  }

  @Test("reseed gives the stream init gives", arguments: algorithms)
  func reseed(_ algorithm: RandomSource.Algorithm) {
    let source = RandomSource(algorithm: algorithm, seed: 99, 99)
    _ = stream(source, 37)
    for (a, b) in [(1, 0), (1, 1), (0, 0), (123_456_789, 42), (UInt64.max, 7)] as [(UInt64, UInt64)]
    {
      source.reseed(a, b)
      #expect(
        stream(source, 100) == stream(RandomSource(algorithm: algorithm, seed: a, b), 100),
        "seed (\(a), \(b))")
    }
    source.reseed(5)
    #expect(stream(source) == stream(RandomSource(algorithm: algorithm, seed: 5)))
  }

  @Test(
    "uniform lies in [0, 1), uniformPositive in (0, 1), both with mean 1/2",
    arguments: algorithms)
  func uniformRanges(_ algorithm: RandomSource.Algorithm) {
    let source = RandomSource(algorithm: algorithm, seed: 2024)
    let n = 200_000
    var sum = 0.0
    var sumPositive = 0.0
    for _ in 0..<n {
      let u = source.uniform()
      #expect(u >= 0 && u < 1)
      sum += u
      let v = source.uniformPositive()
      #expect(v > 0 && v < 1)
      sumPositive += v
    }
    // The mean of n uniforms has sd 1/√(12n); tolerance 5 sd.
    let tolerance = 5 / (12 * Double(n)).squareRoot()
    #expect(abs(sum / Double(n) - 0.5) <= tolerance)
    #expect(abs(sumPositive / Double(n) - 0.5) <= tolerance)
  }

  @Test("uniformInt, bernoulli and flat stay in range", arguments: algorithms)
  func otherRanges(_ algorithm: RandomSource.Algorithm) {
    let source = RandomSource(algorithm: algorithm, seed: 3)
    var hits = [Int](repeating: 0, count: 7)
    for _ in 0..<70_000 {
      hits[source.uniformInt(below: 7)] += 1
      #expect(source.uniformInt(below: 1) == 0)
      #expect(!source.bernoulli(0))
      #expect(source.bernoulli(1))
      let x = source.flat(-2, 3)
      #expect(x >= -2 && x < 3)
    }
    // Each count is Binomial(70,000, 1/7): sd ≈ 92; tolerance 5 sd.
    #expect(hits.allSatisfy { abs($0 - 10_000) <= 463 }, "\(hits)")
  }

  @Test("fillUniform gives exactly the numbers of successive uniform() calls", arguments: algorithms)
  func fillMatchesUniform(_ algorithm: RandomSource.Algorithm) {
    // taus2: 1,000 by one chain; 1,024 by four chains started ahead by jumps; 2,048 by eight
    // where the processor has AVX2 (else four), 3,077 by eight, four and one, 10,247 by all
    for (a, b) in [(1, 0), (20_231_127, 5), (UInt64.max, 3)] as [(UInt64, UInt64)] {
      for count in [1_000, 1_024, 2_048, 3 * 1_024 + 5, 5 * 2_048 + 7] {
        let x = RandomSource(algorithm: algorithm, seed: a, b)
        let y = RandomSource(algorithm: algorithm, seed: a, b)
        var buffer = [Double](repeating: -1, count: count)
        x.fillUniform(&buffer)
        #expect(buffer.map(\.bitPattern) == stream(y, count), "seed (\(a), \(b)), \(count) numbers")
        // and the stream continues where the buffer stopped, either way
        var tail = [Double](repeating: -1, count: 3)
        x.fillUniform(&tail)
        #expect(tail.map(\.bitPattern) == stream(y, 3))
        #expect(stream(x) == stream(y))
      }
    }
  }
}

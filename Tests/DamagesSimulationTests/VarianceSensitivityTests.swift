import DamagesSimulation
import DamagesScenario
import Foundation
import GSL
import Testing

/// Sobol indices (Saltelli 2010 first order, Jansen total) on functions whose indices are
/// known in closed form. The seeds are fixed, so the results are the same on every run; the
/// intervals are 99 % bootstrap percentile intervals, so that a correct estimator misses one of
/// the several true values only rarely, whatever the seed.
@Suite("Sensitivity: Sobol indices")
struct VarianceSensitivityTests {
  @Test("An additive function Σ aᵢ Xᵢ of uniforms: Sᵢ = Sᵀᵢ = aᵢ² / Σ aⱼ²")
  func additive() throws {
    let a = [1.0, 2, 3, 0.5]
    let sumSquares = a.reduce(0) { $0 + $1 * $1 }
    let result = try VarianceSensitivity.indices(
      dimensions: 4, samples: 10_000, seed: 7, bootstrap: 200, confidence: 0.99
    ) { x in zip(a, x).reduce(0) { $0 + $1.0 * $1.1 } }
    #expect(result.evaluations == 10_000 * 6)
    for (i, index) in result.indices.enumerated() {
      let exact = a[i] * a[i] / sumSquares
      #expect(index.firstInterval.contains(exact), "S\(i): \(index.first) \(index.firstInterval), exact \(exact)")
      #expect(index.totalInterval.contains(exact), "ST\(i): \(index.total) \(index.totalInterval), exact \(exact)")
      // Intervals narrow enough to mean something.
      #expect(index.firstInterval.upperBound - index.firstInterval.lowerBound < 0.05)
      #expect(index.totalInterval.upperBound - index.totalInterval.lowerBound < 0.05)
    }
    // Var(Σ aᵢ Xᵢ) = Σ aᵢ² / 12.
    #expect(abs(result.variance - sumSquares / 12) < 0.02 * sumSquares / 12)
  }

  /// Ishigami and Homma (1990): f = sin x₁ + 7 sin² x₂ + 0.1 x₃⁴ sin x₁, xᵢ uniform on
  /// (−π, π). With a = 7, b = 0.1: V₁ = (1 + bπ⁴/5)²/2, V₂ = a²/8, V₃ = 0, V₁₃ = 8b²π⁸/225,
  /// V = V₁ + V₂ + V₁₃. x₃ acts only through its interaction with x₁: S₃ = 0 but Sᵀ₃ > 0.
  @Test("The Ishigami function: first order and total differ where inputs interact")
  func ishigami() throws {
    let a = 7.0, b = 0.1, pi = Double.pi
    let v1 = 0.5 * pow(1 + b * pow(pi, 4) / 5, 2)
    let v2 = a * a / 8
    let v13 = 8 * b * b * pow(pi, 8) / 225
    let v = v1 + v2 + v13
    let first = [v1 / v, v2 / v, 0]
    let total = [(v1 + v13) / v, v2 / v, v13 / v]
    let result = try VarianceSensitivity.indices(
      dimensions: 3, samples: 10_000, seed: 11, bootstrap: 200, confidence: 0.99
    ) { u in
      let x = u.map { -pi + 2 * pi * $0 }
      return sin(x[0]) + a * sin(x[1]) * sin(x[1]) + b * pow(x[2], 4) * sin(x[0])
    }
    for i in 0..<3 {
      let index = result.indices[i]
      #expect(index.firstInterval.contains(first[i]), "S\(i + 1): \(index.first) \(index.firstInterval), exact \(first[i])")
      #expect(index.totalInterval.contains(total[i]), "ST\(i + 1): \(index.total) \(index.totalInterval), exact \(total[i])")
    }
    #expect(result.indices[2].totalInterval.lowerBound > 0.15)  // the interaction is seen
  }

  @Test("A bundled scenario: one index per uncertain input, in [0, 1] up to noise, sorted")
  func scenarioSmoke() throws {
    let scenario = try ScenarioReader.read(contentsOf: "scenarios/template-illegal-use.yaml")
    let (analysis, rows) = try Sensitivity.sobol(scenario, samples: 2_000, seed: 1, bootstrap: 100)
    #expect(rows.count == Sensitivity.inputs(of: scenario).count)
    #expect(rows.count >= 3)
    #expect(analysis.variance > 0)
    for r in rows {
      #expect(r.index.total >= -0.05 && r.index.total <= 1.1, "\(r.path): \(r.index.total)")
      #expect(r.index.first <= r.index.total + 0.1, "\(r.path)")
    }
    #expect(zip(rows, rows.dropFirst()).allSatisfy { $0.index.total >= $1.index.total })
    // Same seed, same indices.
    let again = try Sensitivity.sobol(scenario, samples: 2_000, seed: 1, bootstrap: 100)
    #expect(again.rows.map(\.index.total) == rows.map(\.index.total))
  }
}

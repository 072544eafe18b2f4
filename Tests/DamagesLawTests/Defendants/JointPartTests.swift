import DamagesLaw
import Testing
import _DamagesTestSupport

/// R8, joint liability for a part: a `joint` defendant with `part` p answers jointly and
/// severally for p × award (a court's "对其中X元承担连带责任").
@Suite("R8 Joint liability for a part")
struct JointPartTests {
  typealias F = Apportionment.Fractions

  static func joint(_ name: String, share: Double?, part: Double = 1) -> Defendant {
    Defendant(name: name, role: .infringer, form: .joint, share: share, part: part)
  }

  static func expectClose(_ got: [F], _ expected: [F]) {
    #expect(got.count == expected.count)
    for (g, e) in zip(got, expected) {
      #expect(isClose(g.exposure, e.exposure, tolerance: 1e-12), "exposure \(g.exposure) vs \(e.exposure)")
      #expect(isClose(g.share, e.share, tolerance: 1e-12), "share \(g.share) vs \(e.share)")
    }
  }

  // Civil Code Arts. 1168, 178 ¶2; the private-server pattern: the organiser pays the whole award,
  // two co-operators are jointly liable for part of it (about 106万 of 152万, 0.7). On an award of
  // 1,520,000: the organiser is exposed to 1,520,000, each co-operator to 0.7 × 1,520,000 =
  // 1,064,000; shares 0.5, 0.25, 0.25 give final amounts 760,000, 380,000, 380,000.
  @Test("R8 a joint defendant with part 0.7 is exposed to 0.7 × the award and bears its share")
  func partExposure() throws {
    let defendants = [
      Self.joint("赖某", share: 0.5), Self.joint("卢某", share: 0.25, part: 0.7),
      Self.joint("吴某", share: 0.25, part: 0.7),
    ]
    let f = try #require(Apportionment.fractions(for: defendants, exempt: 0))
    Self.expectClose(f, [F(exposure: 1, share: 0.5), F(exposure: 0.7, share: 0.25), F(exposure: 0.7, share: 0.25)])
    let award = 1_520_000.0
    #expect(isClose(award * f[1].exposure, 1_064_000))
    #expect(isClose(award * f[0].share, 760_000))
    #expect(isClose(award * f[1].share, 380_000))
  }

  // After an exemption the remaining fractions are rescaled to sum to 1, but a final share is
  // capped at the exposure: with 甲 (part 1, share 0.8) exempt, 乙 (part 0.2, share 0.2) would
  // bear 0.2 / 0.2 = 1 of the award; it answers for 0.2 only, and the other 0.8 is not recovered.
  @Test("R8 after an exemption a final share is capped at the part")
  func capAfterExemption() throws {
    let defendants = [Self.joint("甲", share: 0.8), Self.joint("乙", share: 0.2, part: 0.2)]
    let f = try #require(Apportionment.fractions(for: defendants, exempt: 0b01))
    Self.expectClose(f, [F(exposure: 0, share: 0), F(exposure: 0.2, share: 0.2)])
    // with nobody exempt, nothing is capped: 0.8 + 0.2 = 1
    let all = try #require(Apportionment.fractions(for: defendants, exempt: 0))
    Self.expectClose(all, [F(exposure: 1, share: 0.8), F(exposure: 0.2, share: 0.2)])
  }
}

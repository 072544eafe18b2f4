import DamagesLaw
import Testing
import _DamagesTestSupport

@Suite("R1–R3 Basis of compensation")
struct BasisTests {
  // Copyright Law Art. 54 ¶1 (2020): 侵犯著作权或者与著作权有关的权利的，侵权人应当按照权利人因此受到的
  // 实际损失或者侵权人的违法所得给予赔偿；权利人的实际损失或者侵权人的违法所得难以计算的，可以参照该权利使用费
  // 给予赔偿。 docs/legal-model.md (R1): when both are proven the claimant elects; `larger` by default, a tie gives
  // actual loss. Rows: loss, gains, election, basis, base.
  typealias ElectionRow = (
    loss: Double, gains: Double, election: Election, basis: Basis, base: Double
  )
  static let elections: [ElectionRow] = [
    (10_000, 20_000, .larger, .illegalGains, 20_000),
    (30_000, 20_000, .larger, .actualLoss, 30_000),
    (20_000, 20_000, .larger, .actualLoss, 20_000),  // tie → actual loss
    (10_000, 20_000, .actualLoss, .actualLoss, 10_000),
    (30_000, 20_000, .actualLoss, .actualLoss, 30_000),
    (30_000, 20_000, .illegalGains, .illegalGains, 20_000),
    (10_000, 20_000, .illegalGains, .illegalGains, 20_000),
  ]

  @Test("R1 both loss and gains proven: the claimant's election decides", arguments: elections)
  func election(loss: Double, gains: Double, election: Election, basis: Basis, base: Double) {
    let figures = ProvenFigures(
      actualLoss: Yuan(loss), illegalGains: Yuan(gains), licenseFee: 99_999, statutoryAward: 88_888)
    let chosen = CompensationBasis.choose(figures, election: election)
    #expect(chosen.basis == basis)
    #expect(chosen.base == Yuan(base))
  }

  // docs/scenario-format.md, Every key: with `actual-loss` (or `illegal-gains`) that figure is the basis when proven, and
  // the other one when only it is proven.
  @Test(
    "R1 only one of loss and gains proven: that one, whatever the election",
    arguments: Election.allCases)
  func onlyOneProven(election: Election) {
    let lossOnly = CompensationBasis.choose(
      ProvenFigures(actualLoss: 7_000, licenseFee: 50_000), election: election)
    #expect(lossOnly.basis == .actualLoss)
    #expect(lossOnly.base == 7_000)
    let gainsOnly = CompensationBasis.choose(
      ProvenFigures(illegalGains: 3_000, statutoryAward: 500_000), election: election)
    #expect(gainsOnly.basis == .illegalGains)
    #expect(gainsOnly.base == 3_000)
  }

  // Art. 54 ¶1: 参照该权利使用费 only when loss and gains are hard to calculate.
  @Test("R2 the license fee is the basis only when neither loss nor gains is proven")
  func licenseFeeOnlyWithoutLossOrGains() {
    let withLoss = CompensationBasis.choose(
      ProvenFigures(actualLoss: 1_000, licenseFee: 40_000, licenseFeeMultiple: 3), election: .larger
    )
    #expect(withLoss.basis == .actualLoss)
    let withGains = CompensationBasis.choose(
      ProvenFigures(illegalGains: 1_000, licenseFee: 40_000), election: .larger)
    #expect(withGains.basis == .illegalGains)
    let alone = CompensationBasis.choose(
      ProvenFigures(licenseFee: 40_000, licenseFeeMultiple: 3, statutoryAward: 1_000_000),
      election: .larger)
    #expect(alone.basis == .licenseFee)
    #expect(alone.base == 120_000)
  }

  // Art. 54 ¶2: 权利人的实际损失、侵权人的违法所得、权利使用费难以计算的，由人民法院根据侵权行为的情节，
  // 判决给予五百元以上五百万元以下的赔偿。
  @Test("R3 statutory damages only when none of loss, gains, license fee is proven")
  func statutoryOnlyWhenNothingProven() {
    let nothing = CompensationBasis.choose(ProvenFigures(statutoryAward: 30_000), election: .larger)
    #expect(nothing.basis == .statutory)
    #expect(nothing.base == 30_000)
    for figures in [
      ProvenFigures(actualLoss: 100, statutoryAward: 30_000),
      ProvenFigures(illegalGains: 100, statutoryAward: 30_000),
      ProvenFigures(licenseFee: 100, statutoryAward: 30_000),
    ] {
      let chosen = CompensationBasis.choose(figures, election: .larger)
      #expect(chosen.basis != .statutory)
      #expect(chosen.base == 100)
    }
  }

  @Test("R1 R2 R3 nothing proven and no statutory award: no basis")
  func nothingAtAll() {
    let chosen = CompensationBasis.choose(ProvenFigures(), election: .larger)
    #expect(chosen.basis == .none)
    #expect(chosen.base == .zero)
  }

  @Test("R1 R2 a figure the court does not accept is not a basis")
  func unprovenFiguresAreIgnored() {
    var facts = Facts.proven(statutoryAward: 20_000)
    facts.actualLoss = 90_000
    facts.illegalGains = 80_000
    facts.licenseFee = 70_000
    let figures = facts.provenFigures
    #expect(figures.actualLoss == nil)
    #expect(figures.illegalGains == nil)
    #expect(figures.licenseFee == nil)
    #expect(figures.statutoryAward == 20_000)
    let outcome = Assessor(terms: .plain()).tort(facts)
    #expect(outcome.basis == .statutory)
    #expect(outcome.base == 20_000)
    facts.gainsProven = true
    #expect(Assessor(terms: .plain()).tort(facts).basis == .illegalGains)
  }

  @Test("R1 the election option reaches the assessment")
  func electionThroughAssessor() {
    let facts = Facts.proven(actualLoss: 10_000, illegalGains: 20_000)
    let larger = Assessor(terms: .plain()).tort(facts)
    #expect(larger.basis == .illegalGains)
    #expect(larger.award == 20_000)
    let loss = Assessor(terms: .plain().with { $0.options.election = .actualLoss }).tort(facts)
    #expect(loss.basis == .actualLoss)
    #expect(loss.award == 10_000)
  }
}

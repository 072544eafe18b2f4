import DamagesLaw
import Testing
import _DamagesTestSupport

@Suite("R11 Other remedies")
struct RemediesTests {
  // Civil Code Art. 179 (停止侵害, 消除影响, 赔礼道歉); Copyright Law Art. 52 and Art. 56 (诉前禁令).
  // Rows: rights infringed, liable, remedies.
  typealias Row = (rights: [Right], liable: Bool, remedies: [Remedy])
  static let rows: [Row] = [
    ([.reproduction], true, [.cessation, .injunction]),
    ([.networkDissemination, .adaptation], true, [.cessation, .injunction]),
    ([.attribution], true, [.cessation, .eliminationOfEffects, .apology, .injunction]),
    (
      [.reproduction, .integrity], true, [.cessation, .eliminationOfEffects, .apology, .injunction]
    ),
    ([.attribution, .reproduction], false, []),
    ([.reproduction], false, []),
  ]

  @Test(
    "R11 cessation when liable; apology and elimination of effects only for a moral right",
    arguments: rows)
  func remedies(rights: [Right], liable: Bool, remedies: [Remedy]) {
    #expect(Remedy.available(for: .plain(rights: rights), liable: liable) == remedies)
  }

  @Test(
    "R11 for an AI act cessation means measures on the model side, not deleting training data",
    arguments: [Act.repetitiveGeneration, .generatedOutput])
  func modelSideCessation(act: Act) {
    let text = Remedy.cessation.english(for: act)
    #expect(text.contains("model side"))
    #expect(text.contains("not deletion of training data"))
    #expect(Remedy.cessation.english(for: .illegalUse) == "cessation of the infringement")
  }

  // The Chinese step says what the English one says: in (2024) 粤0192民初113 the court ordered
  // keyword filtering and rejected the claim to delete training data.
  @Test(
    "R11 the Chinese cessation says the same: model-side measures, not deleting training data",
    arguments: [Act.repetitiveGeneration, .generatedOutput])
  func modelSideCessationChinese(act: Act) {
    #expect(
      Remedy.cessation.chinese(for: act)
        == "停止侵害（在模型端采取措施，如过滤提示词或输出、下架侵权模型，而非删除训练数据）")
    #expect(Remedy.cessation.chinese(for: .illegalUse) == "停止侵害")
    #expect(Remedy.apology.chinese(for: act) == "赔礼道歉")
  }

  @Test("R11 each remedy cites its source")
  func sources() {
    #expect(Remedy.injunction.source.contains("Art. 56"))
    for remedy in [Remedy.cessation, .eliminationOfEffects, .apology] {
      #expect(remedy.source.contains("Civil Code Art. 179"))
    }
  }
}

@Suite("R11 Other remedies: the step of an explanation")
struct RemedyStepTests {
  @Test("R11 no step without remedies; with them, one step listing each, citing Art. 179 and Art. 56")
  func step() throws {
    #expect(Remedy.step(for: [], act: .illegalUse) == nil)
    let step = try #require(Remedy.step(for: [.cessation, .apology], act: .illegalUse))
    #expect(step.rule == "R11")
    #expect(step.source == LegalSource.civilCode179 + "; " + LegalSource.copyrightArt56)
    #expect(step.chinese == "其他责任方式：" + Remedy.cessation.chinese + "、" + Remedy.apology.chinese + "。")
    #expect(step.amount == nil)
  }
}

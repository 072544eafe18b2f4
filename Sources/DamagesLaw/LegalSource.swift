/// The legal sources the rules cite, kept in one place so that an article number changes in
/// one line (the punitive-damages Interpretation 法释〔2021〕4号 may have a 2026 successor,
/// 法释〔2026〕7号, not yet confirmed).
public enum LegalSource {
  public static let copyrightArt54Para1 = "Copyright Law Art. 54 ¶1 (著作权法第五十四条第一款)"
  public static let copyrightArt54Para2 = "Copyright Law Art. 54 ¶2 (著作权法第五十四条第二款)"
  public static let copyrightArt54Para3 = "Copyright Law Art. 54 ¶3 (著作权法第五十四条第三款)"
  public static let copyright2010Art49Para2 = "Copyright Law (2010) Art. 49 ¶2 (2010年著作权法第四十九条第二款)"
  public static let copyrightArt3 = "Copyright Law Art. 3 (著作权法第三条)"
  public static let copyrightArt24 = "Copyright Law Art. 24 (著作权法第二十四条)"
  public static let copyrightArt56 = "Copyright Law Art. 56 (著作权法第五十六条)"
  public static let copyrightArt52 = "Copyright Law Art. 52 (著作权法第五十二条)"
  public static let punitiveInterpretation =
    "法释〔2021〕4号 Arts. 1–6 (SPC Interpretation on punitive damages in IP civil cases)"
  public static let punitiveInterpretationArt5Para1 = "法释〔2021〕4号 Art. 5 ¶1"
  public static let punitiveInterpretationArt5Para2 = "法释〔2021〕4号 Art. 5 ¶2"
  public static let beijingGuideline2022 =
    "Beijing High People's Court 2022 Guidelines on punitive damages §3.1; 法释〔2021〕4号 Art. 5"
  public static let literalArt54 = "Copyright Law Art. 54 ¶1, literal reading; (2019)苏民终1316号"
  public static let temporalEffectArt1Para3 =
    "法释〔2020〕15号 Art. 1 ¶3 (SPC Provisions on the temporal effect of the Civil Code)"
  public static let civilCode1185 = "Civil Code Art. 1185 (民法典第一千一百八十五条)"
  public static let civilCode1165Para1 = "Civil Code Art. 1165 ¶1 (民法典第一千一百六十五条第一款)"
  public static let civilCode1175 = "Civil Code Art. 1175 (民法典第一千一百七十五条)"
  public static let civilCode1183 =
    "Civil Code Art. 1183 ¶1; 法释〔2001〕7号 as amended by 法释〔2020〕17号"
  public static let civilCode1195 = "Civil Code Art. 1195 (民法典第一千一百九十五条)"
  public static let civilCode1195Para2 = "Civil Code Art. 1195 ¶2 (民法典第一千一百九十五条第二款)"
  public static let civilCode1197 = "Civil Code Art. 1197 (民法典第一千一百九十七条)"
  public static let civilCode1168 = "Civil Code Arts. 1168, 1169 ¶1, 178"
  public static let civilCode1171 = "Civil Code Art. 1171 (民法典第一千一百七十一条)"
  public static let civilCode1172 = "Civil Code Art. 1172 (民法典第一千一百七十二条)"
  public static let civilCode1191 = "Civil Code Art. 1191 ¶1 (民法典第一千一百九十一条第一款)"
  public static let civilCode179 = "Civil Code Art. 179 (民法典第一百七十九条)"
  public static let civilCode577 = "Civil Code Art. 577 (民法典第五百七十七条)"
  public static let civilCode584 = "Civil Code Art. 584 (民法典第五百八十四条)"
  public static let civilCode585 = "Civil Code Art. 585 (民法典第五百八十五条)"
  public static let civilCode186 = "Civil Code Art. 186 (民法典第一百八十六条)"
  public static let contractInterpretationArt65 = "法释〔2023〕13号 Art. 65 (SPC Interpretation on the general part of contracts)"
  public static let feeMeasuresArt13 = "《诉讼费用交纳办法》 Art. 13(1), (3)"
  public static let feeMeasuresArt16 = "《诉讼费用交纳办法》 Art. 16"
  public static let feeMeasuresArt29 = "《诉讼费用交纳办法》 Art. 29"
  public static let civilProcedureArt13 = "Civil Procedure Law Art. 13 ¶2; Art. 211(11) (民事诉讼法)"
  public static let presumedFaultProposal =
    "Yang & Huang (2025) §二 — a proposal of the literature, not statute (Civil Code Art. 1165 ¶2)"
}

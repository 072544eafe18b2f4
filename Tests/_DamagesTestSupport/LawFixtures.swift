public import DamagesLaw

extension CaseTerms {
  /// A plain tort case: a natural person's economic right used without permission, one sole
  /// defendant, no claim, every option at its default.
  public static func plain(
    act: Act = .illegalUse, claimant: Claimant = .naturalPerson, rights: [Right] = [.reproduction]
  ) -> CaseTerms {
    CaseTerms(act: act, claimant: claimant, rights: rights)
  }

  /// The same case with some terms changed.
  public func with(_ change: (inout CaseTerms) -> Void) -> CaseTerms {
    var copy = self
    change(&copy)
    return copy
  }
}

extension Facts {
  /// Facts with the given figures given and accepted by the court (nil: not given), every
  /// element of liability present and no defence succeeding.
  public static func proven(
    actualLoss: Yuan? = nil, illegalGains: Yuan? = nil, licenseFee: Yuan? = nil,
    statutoryAward: Yuan? = nil
  ) -> Facts {
    var facts = Facts()
    facts.actualLoss = actualLoss
    facts.lossProven = actualLoss != nil
    facts.illegalGains = illegalGains
    facts.gainsProven = illegalGains != nil
    facts.licenseFee = licenseFee
    facts.licenseFeeProven = licenseFee != nil
    facts.statutoryAward = statutoryAward
    return facts
  }

  /// The same facts with some changed.
  public func with(_ change: (inout Facts) -> Void) -> Facts {
    var copy = self
    change(&copy)
    return copy
  }

  /// The same facts with the gate of R4 open (intentional, serious) and the given multiplier.
  public func punitive(multiplier: Double) -> Facts {
    with {
      $0.intentional = true
      $0.serious = true
      $0.multiplier = multiplier
    }
  }
}

extension Outcome {
  /// The money parts of the outcome, named as in the JSON of `estimate`, with the multiplier.
  public var reportedParts: [(name: String, value: Double)] {
    [
      ("base", base.value), ("punitive", punitive.value), ("multiplier", multiplier),
      ("compensation", compensation.value), ("mental_distress", mentalDistress.value),
      ("expenses", expenses.value), ("award", award.value),
    ]
  }
}

/// Whether two amounts agree within a relative tolerance (absolute below 1 yuan).
public func isClose(_ a: Double, _ b: Double, tolerance: Double = 1e-9) -> Bool {
  abs(a - b) <= tolerance * Swift.max(1, abs(a), abs(b))
}

/// Whether two amounts agree within a relative tolerance (absolute below 1 yuan).
public func isClose(_ a: Yuan, _ b: Yuan, tolerance: Double = 1e-9) -> Bool {
  isClose(a.value, b.value, tolerance: tolerance)
}

/// R3 per work: statutory damages fixed work by work (so much per photograph or image, e.g.
/// 700 yuan × 52 photos), as courts do when many works are infringed. The statutory award is the
/// number of works times one per-work amount: one court sets one rate for the works of a case,
/// so a simulation draws the per-work amount once per run, not once per work. Each per-work
/// amount lies within R3's range (``Statutory/range(under:)``), which the scenario reader
/// checks; the product may exceed it, as the range bounds the award for one work.
///
/// Legal source: Copyright Law Art. 54 ¶2 (2020); Art. 49 ¶2 (2010) (R3).
public enum StatutoryPerWork {
  /// The statutory award: works × the per-work amount.
  @inlinable
  public static func award(perWork: Yuan, works: Int) -> Yuan {
    perWork * Double(works)
  }
}

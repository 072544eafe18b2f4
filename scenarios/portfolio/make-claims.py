#!/usr/bin/env python3
"""Writes claims.csv: 200 SYNTHETIC illustrators against one AI image platform.

No row is a real person or case. Each claimant has a number of works the platform's outputs
reproduced (it scales the claimant's statutory range and license fees), an amount claimed, and
evidence of license fees of varying strength:
  price-list  a public price list only            (proven 0.25)
  invoices    invoices for comparable commissions  (proven 0.55)
  contracts   signed license contracts             (proven 0.8)
  none        nothing documented                   (the template's range, proven 0.05)
Run again to regenerate the same file (fixed seed).
"""
import csv
import random

rng = random.Random(20250630)
rows = []
for i in range(1, 201):
    works = max(1, min(60, int(rng.lognormvariate(1.4, 0.9))))
    evidence = rng.choices(["price-list", "invoices", "contracts", "none"], [4, 3, 1, 2])[0]
    per_work = rng.choice([800, 1200, 1500, 2000, 3000, 5000])
    p10 = per_work * works
    p90 = int(p10 * rng.choice([2.5, 3, 4]))
    proven = {"price-list": 0.25, "invoices": 0.55, "contracts": 0.8, "none": 0.05}[evidence]
    claim = int(round(max(p90, 8000 * works) * rng.choice([0.8, 1, 1.5]), -3))
    rows.append({
        "id": f"ILL-{i:03d}",
        "facts.statutory_award.min": min(1000 * works, 4_000_000),
        "facts.statutory_award.mode": min(4000 * works, 4_500_000),
        "facts.statutory_award.max": min(15000 * works, 5_000_000),
        "case.claim": claim,
        "facts.license_fee.p10": p10,
        "facts.license_fee.p90": p90,
        "facts.proven.license_fee": proven,
        "evidence": evidence,
    })
with open("claims.csv", "w", newline="", encoding="utf-8") as f:
    w = csv.writer(f, lineterminator="\n")
    cols = ["id", "case.claim", "facts.statutory_award.min", "facts.statutory_award.mode",
            "facts.statutory_award.max", "facts.license_fee.p10", "facts.license_fee.p90",
            "facts.proven.license_fee"]
    w.writerow(cols)
    for r in rows:
        w.writerow([r[c] for c in cols])

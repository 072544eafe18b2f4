#!/usr/bin/env python3
"""The benchmark model (docs/simulation.md, The benchmark model, scenarios/benchmark.yaml) written directly in numpy.

An independent reference for `damages simulate scenarios/benchmark.yaml`: the same model, coded
the way a practised numpy user would write it for this one scenario (no scenario reader, no
general rule engine), so that it is both a check on the toolkit's results and a yardstick for
its speed.

- Vectorised: every draw is a whole array; no Python loop over runs.
- Draws only what is needed: liability for every run; the basis, the figures, mental distress
  and expenses only for the liable runs; the punitive gate only where the basis is not
  statutory; the multiplier only where punitive damages apply.
- Bounded memory: runs are processed in chunks (10^6 by default). Only the positive awards
  (those of the liable runs) are kept for the percentiles: an unliable run's award is 0.
- Reproducible: chunk i draws from its own PCG64 generator seeded from (seed, i), so the output
  depends on seed, runs and chunk size only, not on the thread count.

Usage:

    python3 bench/reference/numpy_model.py --runs N --seed S [--json] [--threads T] [--chunk C]

Prints runs per second, the award's mean, sd, standard error, P50 and P95, and p_liable.
Percentiles: linear interpolation with h = (N - 1) p (docs/simulation.md, Percentiles, numpy's default); the
standard deviation divides by N - 1.
"""

import argparse
import json
import math
import sys
import time
from concurrent.futures import ThreadPoolExecutor

import numpy as np

# --- The model (docs/simulation.md, The benchmark model) -------------------------------------------------------------

# 7. Liability: work x infringement x fault x (1 - fair-use success). The elements and the
#    defence are independent events, so one Bernoulli with the product decides each run.
P_LIABLE = 0.85 * 0.9 * 0.8 * (1.0 - 0.1)

# 1. Loss and gains: lognormal, Gaussian copula. The file gives the Spearman correlation; the
#    normals' Pearson correlation is 2 sin(pi rho_s / 6) (docs/scenario-format.md, Correlations), here 0.6. With lognormal
#    marginals the copula is exactly a pair of correlated normals, exponentiated.
MU_LOSS, SIGMA_LOSS = math.log(50_000.0), 1.0
MU_GAINS, SIGMA_GAINS = math.log(80_000.0), 1.2
SPEARMAN = 6.0 / math.pi * math.asin(0.3)
RHO = 2.0 * math.sin(math.pi * SPEARMAN / 6.0)

# 2. Proof: loss 0.5, gains 0.4 (independent); the license fee 0.6 matters only when neither is
#    proven. The five bases as one categorical draw per liable run:
#    both proven (larger one, R1) | loss only | gains only | license fee (R2) | statutory (R3).
P_LOSS, P_GAINS, P_FEE = 0.5, 0.4, 0.6
BASIS_PROBABILITIES = np.array([
    P_LOSS * P_GAINS,
    P_LOSS * (1 - P_GAINS),
    (1 - P_LOSS) * P_GAINS,
    (1 - P_LOSS) * (1 - P_GAINS) * P_FEE,
    (1 - P_LOSS) * (1 - P_GAINS) * (1 - P_FEE),
])
BASIS_CUMULATIVE = np.cumsum(BASIS_PROBABILITIES)[:-1]
BOTH, LOSS, GAINS, FEE, STATUTORY = range(5)

# 3. License fee triangular(10,000, 30,000, 90,000), multiple 1; statutory uniform(500, 50,000).
FEE_MIN, FEE_MODE, FEE_MAX = 10_000.0, 30_000.0, 90_000.0
STAT_MIN, STAT_MAX = 500.0, 50_000.0

# 4. Punitive (R4, additive): intentional 0.3 and serious 0.5, only on a non-statutory basis;
#    compensation = base + base x multiplier, multiplier PERT(1, 2, 5) with lambda 4, that is
#    1 + 4 Beta(1 + 4 (2-1)/4, 1 + 4 (5-2)/4) = 1 + 4 Beta(2, 4).
P_PUNITIVE = 0.3 * 0.5
PERT_MIN, PERT_MODE, PERT_MAX, PERT_LAMBDA = 1.0, 2.0, 5.0, 4.0
PERT_A = 1.0 + PERT_LAMBDA * (PERT_MODE - PERT_MIN) / (PERT_MAX - PERT_MIN)
PERT_B = 1.0 + PERT_LAMBDA * (PERT_MAX - PERT_MODE) / (PERT_MAX - PERT_MIN)

# 5. Mental distress (R6): natural person, a moral right infringed; serious harm 0.2;
#    amount uniform(1,000, 50,000).
P_MENTAL = 0.2
MENTAL_MIN, MENTAL_MAX = 1_000.0, 50_000.0

# 6. Expenses (R5) uniform(5,000, 20,000), added whenever liable (no statutory lump).
EXPENSES_MIN, EXPENSES_MAX = 5_000.0, 20_000.0


def chunk_awards(seed, index, n):
    """The awards of the liable runs among n runs of chunk `index` (all positive).

    Returns (awards, punitive_count). The runs not liable have award 0 and are only counted.
    """
    rng = np.random.Generator(np.random.PCG64(np.random.SeedSequence([seed, index])))

    # R7: liability, for every run.
    k = int(np.count_nonzero(rng.random(n) < P_LIABLE))

    # R1 to R3: the basis of each liable run and its base.
    basis = np.searchsorted(BASIS_CUMULATIVE, rng.random(k), side="right")
    award = np.empty(k)

    both = basis == BOTH
    m = int(np.count_nonzero(both))
    z_loss = rng.standard_normal(m)
    z_gains = RHO * z_loss + math.sqrt(1.0 - RHO * RHO) * rng.standard_normal(m)
    # max(L, G) = exp(max(ln L, ln G)): one exp instead of two.
    award[both] = np.exp(np.maximum(MU_LOSS + SIGMA_LOSS * z_loss,
                                    MU_GAINS + SIGMA_GAINS * z_gains))

    loss = basis == LOSS
    award[loss] = rng.lognormal(MU_LOSS, SIGMA_LOSS, int(np.count_nonzero(loss)))
    gains = basis == GAINS
    award[gains] = rng.lognormal(MU_GAINS, SIGMA_GAINS, int(np.count_nonzero(gains)))
    fee = basis == FEE
    award[fee] = rng.triangular(FEE_MIN, FEE_MODE, FEE_MAX, int(np.count_nonzero(fee)))
    statutory = basis == STATUTORY
    award[statutory] = rng.uniform(STAT_MIN, STAT_MAX, int(np.count_nonzero(statutory)))

    # R4: punitive damages, gate drawn only on a non-statutory basis, multiplier only where open.
    open_ = np.flatnonzero(~statutory)
    punished = open_[rng.random(open_.size) < P_PUNITIVE]
    multiplier = PERT_MIN + (PERT_MAX - PERT_MIN) * rng.beta(PERT_A, PERT_B, punished.size)
    award[punished] *= 1.0 + multiplier

    # R6: mental distress, amount only where the harm is serious.
    distressed = np.flatnonzero(rng.random(k) < P_MENTAL)
    award[distressed] += rng.uniform(MENTAL_MIN, MENTAL_MAX, distressed.size)

    # R5: expenses.
    award += rng.uniform(EXPENSES_MIN, EXPENSES_MAX, k)
    return award, punished.size


def quantile_with_zeros(sorted_positive, zeros, p):
    """P-quantile (h = (N - 1) p, linear interpolation) of `zeros` zeros followed by
    `sorted_positive`, without building the full array."""
    n = zeros + sorted_positive.size
    h = (n - 1) * p
    lo = math.floor(h)
    hi = min(lo + 1, n - 1)

    def at(j):
        return 0.0 if j < zeros else float(sorted_positive[j - zeros])

    return at(lo) + (h - lo) * (at(hi) - at(lo))


def simulate(runs, seed, chunk, threads):
    sizes = [min(chunk, runs - start) for start in range(0, runs, chunk)]
    with ThreadPoolExecutor(max_workers=threads) as pool:
        results = list(pool.map(lambda a: chunk_awards(seed, *a), enumerate(sizes)))
    positive = np.concatenate([a for a, _ in results])
    punished = sum(c for _, c in results)

    zeros = runs - positive.size
    total = positive.sum()
    mean = total / runs
    # Sum of squared deviations: the positive runs, plus `zeros` runs at distance mean.
    ss = np.sum((positive - mean) ** 2) + zeros * mean * mean
    sd = math.sqrt(ss / (runs - 1))
    positive.sort()
    return {
        "runs": runs,
        "seed": seed,
        "mean": mean,
        "sd": sd,
        "se_mean": sd / math.sqrt(runs),
        "p50": quantile_with_zeros(positive, zeros, 0.50),
        "p95": quantile_with_zeros(positive, zeros, 0.95),
        "p_liable": positive.size / runs,
        "p_punitive": punished / runs,
    }


def main():
    parser = argparse.ArgumentParser(
        description="The benchmark model (docs/simulation.md) in numpy: a reference for the "
        "toolkit's results and speed.")
    parser.add_argument("--runs", type=int, default=10_000_000, help="number of runs (>= 2)")
    parser.add_argument("--seed", type=int, default=1, help="seed (>= 0)")
    parser.add_argument("--json", action="store_true", help="print one JSON object")
    parser.add_argument("--threads", type=int, default=1,
                        help="chunks simulated in parallel (numpy releases the GIL in its "
                        "kernels); results do not depend on it (default 1)")
    parser.add_argument("--chunk", type=int, default=1_000_000,
                        help="runs per chunk (default 10^6); results depend on it")
    args = parser.parse_args()
    if args.runs < 2 or args.seed < 0 or args.threads < 1 or args.chunk < 1:
        parser.error("--runs must be >= 2, --seed >= 0, --threads and --chunk >= 1")

    start = time.perf_counter()
    result = simulate(args.runs, args.seed, args.chunk, args.threads)
    seconds = time.perf_counter() - start
    result["seconds"] = seconds
    result["runs_per_second"] = args.runs / seconds
    result["threads"] = args.threads
    result["chunk"] = args.chunk
    result["numpy"] = np.__version__
    import resource
    result["peak_rss_mib"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024.0

    if args.json:
        print(json.dumps(result))
        return
    print(f"runs        {result['runs']:,} (seed {args.seed}, chunks of {args.chunk:,}, "
          f"{args.threads} thread{'s' if args.threads > 1 else ''}, numpy {np.__version__})")
    print(f"time        {seconds:.3f} s, {result['runs_per_second']:,.0f} runs/s")
    print(f"mean        {result['mean']:,.2f}  (se {result['se_mean']:,.2f})")
    print(f"sd          {result['sd']:,.2f}")
    print(f"P50         {result['p50']:,.2f}")
    print(f"P95         {result['p95']:,.2f}")
    print(f"p_liable    {result['p_liable']:.6f}")
    print(f"p_punitive  {result['p_punitive']:.6f}")


if __name__ == "__main__":
    sys.exit(main())

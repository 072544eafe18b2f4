#!/usr/bin/env python3
"""Closed form of the benchmark model's award (docs/simulation.md, The benchmark model, scenarios/benchmark.yaml).

Prints the exact mean of the award, its second moment and standard deviation, and the
standard error a Monte Carlo mean of N runs should have. The derivation is written up step by
step in closed_form.md next to this file; the names below follow it.

Only the standard library is needed: Phi(x) = erfc(-x / sqrt 2) / 2.

    python3 bench/reference/closed_form.py [--runs N] [--json]
"""

import argparse
import json
import math


def Phi(x):
    """Standard normal CDF."""
    return 0.5 * math.erfc(-x / math.sqrt(2.0))


# --- The model (docs/simulation.md, The benchmark model) -------------------------------------------------------------

# 1. Correlated lognormal loss L and gains G: ln L = mu1 + s1 Z1, ln G = mu2 + s2 Z2.
MU1, S1 = math.log(50_000.0), 1.0
MU2, S2 = math.log(80_000.0), 1.2
SPEARMAN = 6.0 / math.pi * math.asin(0.3)          # what the scenario file holds
RHO = 2.0 * math.sin(math.pi * SPEARMAN / 6.0)     # Pearson of the normals (docs/scenario-format.md, Correlations): 0.6

# 2. Proof probabilities.
P_LOSS, P_GAINS, P_FEE = 0.5, 0.4, 0.6
# 3. License fee triangular(10,000, 30,000, 90,000); statutory award uniform(500, 50,000).
FEE_A, FEE_C, FEE_B = 10_000.0, 30_000.0, 90_000.0
STAT_A, STAT_B = 500.0, 50_000.0
# 4. Punitive: intentional x serious, multiplier PERT(1, 2, 5) with lambda 4 = 1 + 4 Beta(2, 4).
P_INTENTIONAL, P_SERIOUS = 0.3, 0.5
PERT_MIN, PERT_MODE, PERT_MAX, PERT_LAMBDA = 1.0, 2.0, 5.0, 4.0
# 5. Mental distress: natural person, moral right infringed; serious harm 0.2;
#    amount uniform(1,000, 50,000).
P_MENTAL = 0.2
MD_A, MD_B = 1_000.0, 50_000.0
# 6. Expenses uniform(5,000, 20,000).
EX_A, EX_B = 5_000.0, 20_000.0
# 7. Liability: work x infringement x fault x (1 - fair-use success).
P_LIABLE = 0.85 * 0.9 * 0.8 * (1.0 - 0.1)


# --- Moments of the pieces ------------------------------------------------------------------

def lognormal_moment(mu, s, k):
    """E[X^k] for ln X ~ N(mu, s^2)."""
    return math.exp(k * mu + k * k * s * s / 2.0)


def expected_max_lognormals(a1, t1, a2, t2, rho):
    """E[max(X, Y)] for ln X = a1 + t1 Z1, ln Y = a2 + t2 Z2, corr(Z1, Z2) = rho.

    E[X 1{X >= Y}] = E[X] Phi((a1 - a2 + t1^2 - rho t1 t2) / t) and symmetrically for Y, with
    t^2 = t1^2 + t2^2 - 2 rho t1 t2 (Margrabe's exchange-option formula; closed_form.md step 3).
    """
    t = math.sqrt(t1 * t1 + t2 * t2 - 2.0 * rho * t1 * t2)
    ex = math.exp(a1 + t1 * t1 / 2.0)
    ey = math.exp(a2 + t2 * t2 / 2.0)
    return (ex * Phi((a1 - a2 + t1 * t1 - rho * t1 * t2) / t)
            + ey * Phi((a2 - a1 + t2 * t2 - rho * t1 * t2) / t))


def uniform_moments(a, b):
    return (a + b) / 2.0, (a * a + a * b + b * b) / 3.0


def triangular_moments(a, c, b):
    return (a + b + c) / 3.0, (a * a + b * b + c * c + a * b + a * c + b * c) / 6.0


def pert_moments(a, c, b, lam):
    alpha = 1.0 + lam * (c - a) / (b - a)
    beta = 1.0 + lam * (b - c) / (b - a)
    m = alpha / (alpha + beta)
    v = alpha * beta / ((alpha + beta) ** 2 * (alpha + beta + 1.0))
    mean = a + (b - a) * m
    return mean, mean * mean + (b - a) ** 2 * v


def closed_form():
    """Every intermediate quantity of the derivation, as a dict."""
    r = {}
    # Step 1: liability.
    r["p_liable"] = P_LIABLE
    # Step 2: the basis, given liability.
    q_both = P_LOSS * P_GAINS
    q_loss = P_LOSS * (1 - P_GAINS)
    q_gains = (1 - P_LOSS) * P_GAINS
    q_none = (1 - P_LOSS) * (1 - P_GAINS)
    q_fee = q_none * P_FEE
    q_stat = q_none * (1 - P_FEE)
    r.update(q_both=q_both, q_loss=q_loss, q_gains=q_gains, q_fee=q_fee, q_stat=q_stat)
    # Step 3: the figures.
    r["E_L"] = lognormal_moment(MU1, S1, 1)
    r["E_G"] = lognormal_moment(MU2, S2, 1)
    r["E_L2"] = lognormal_moment(MU1, S1, 2)
    r["E_G2"] = lognormal_moment(MU2, S2, 2)
    r["rho"] = RHO
    r["E_max"] = expected_max_lognormals(MU1, S1, MU2, S2, RHO)
    # max(L, G)^2 = max(L^2, G^2): the same formula with doubled log-parameters.
    r["E_max2"] = expected_max_lognormals(2 * MU1, 2 * S1, 2 * MU2, 2 * S2, RHO)
    r["E_T"], r["E_T2"] = triangular_moments(FEE_A, FEE_C, FEE_B)
    r["E_U"], r["E_U2"] = uniform_moments(STAT_A, STAT_B)
    # Step 4: punitive factor 1 + J M on a non-statutory basis.
    p_pun = P_INTENTIONAL * P_SERIOUS
    r["p_punitive_gate"] = p_pun
    r["E_M"], r["E_M2"] = pert_moments(PERT_MIN, PERT_MODE, PERT_MAX, PERT_LAMBDA)
    r["E_factor"] = 1 + p_pun * r["E_M"]
    r["E_factor2"] = 1 + 2 * p_pun * r["E_M"] + p_pun * r["E_M2"]
    # Non-statutory base: B 1{basis is R1 or R2}.
    r["E_Bn"] = q_both * r["E_max"] + q_loss * r["E_L"] + q_gains * r["E_G"] + q_fee * r["E_T"]
    r["E_Bn2"] = q_both * r["E_max2"] + q_loss * r["E_L2"] + q_gains * r["E_G2"] + q_fee * r["E_T2"]
    r["E_C"] = r["E_Bn"] * r["E_factor"] + q_stat * r["E_U"]
    r["E_C2"] = r["E_Bn2"] * r["E_factor2"] + q_stat * r["E_U2"]
    # Step 5: mental distress D = H V.
    e_v, e_v2 = uniform_moments(MD_A, MD_B)
    r["E_D"], r["E_D2"] = P_MENTAL * e_v, P_MENTAL * e_v2
    # Step 6: expenses X.
    r["E_X"], r["E_X2"] = uniform_moments(EX_A, EX_B)
    # Step 7: the award given liability, A = C + D + X (independent parts), then unconditionally.
    r["E_A"] = r["E_C"] + r["E_D"] + r["E_X"]
    r["E_A2"] = (r["E_C2"] + r["E_D2"] + r["E_X2"]
                 + 2 * (r["E_C"] * r["E_D"] + r["E_C"] * r["E_X"] + r["E_D"] * r["E_X"]))
    r["mean_award"] = P_LIABLE * r["E_A"]
    r["second_moment_award"] = P_LIABLE * r["E_A2"]
    r["sd_award"] = math.sqrt(r["second_moment_award"] - r["mean_award"] ** 2)
    r["p_punitive"] = P_LIABLE * (1 - q_stat) * p_pun
    return r


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=10_000_000,
                        help="run count for the standard error of a Monte Carlo mean")
    parser.add_argument("--json", action="store_true", help="print every quantity as JSON")
    args = parser.parse_args()
    r = closed_form()
    r["runs"] = args.runs
    r["se_mean"] = r["sd_award"] / math.sqrt(args.runs)
    if args.json:
        print(json.dumps(r, indent=1))
        return
    print(f"mean award       {r['mean_award']!r}")
    print(f"E[award^2]       {r['second_moment_award']!r}")
    print(f"sd award         {r['sd_award']!r}")
    print(f"p_liable         {r['p_liable']!r}")
    print(f"p_punitive       {r['p_punitive']!r}")
    print(f"se of the mean   {r['se_mean']!r}  (N = {args.runs})")


if __name__ == "__main__":
    main()

// The benchmark model (docs/simulation.md, The benchmark model, scenarios/benchmark.yaml) as a hand-written C loop on
// GSL: the yardstick the issue names next to numpy. Written for speed the way a C programmer
// who knows GSL would write this one model:
//
// - one taus2 generator per block of 2^16 runs, seeded from (seed, block), blocks shared out
//   to the threads, so the results do not depend on the thread count;
// - each run draws only what it needs, in the order of the rules: the liability elements one
//   by one with short-circuit (work, infringement, fault, then the fair-use defence); then,
//   for a liable run, what is proven, only the figures proven (the two correlated lognormals
//   as two ziggurat normals), the license fee or the statutory award, the punitive gate only
//   on a proven basis, the PERT multiplier only where punitive damages apply, mental distress
//   and expenses;
// - only the awards of the liable runs are kept (the rest are 0); mean and sd in one pass;
//   P50 and P95 by GSL's selection (gsl_stats_select), with the zeros counted, not stored.
//
// It reports the award only, like the numpy reference.
#include "c_reference.h"

#include <gsl/gsl_math.h>
#include <gsl/gsl_randist.h>
#include <gsl/gsl_rng.h>
#include <gsl/gsl_statistics_double.h>
#include <math.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdlib.h>
#include <string.h>

enum { BLOCK = 1 << 16 };

static const double P_WORK = 0.85, P_INFRINGEMENT = 0.9, P_FAULT = 0.8, P_FAIR_USE = 0.1;
static const double P_LOSS = 0.5, P_GAINS = 0.4, P_FEE = 0.6;
static const double P_INTENTIONAL = 0.3, P_SERIOUS = 0.5, P_MENTAL = 0.2;

typedef struct {
  int64_t runs, blocks;
  uint64_t seed;
  double *awards;     // block b's positive awards start at b * BLOCK
  int64_t *kept;      // how many block b kept
  int64_t *punished;  // runs of block b with punitive damages
  double mu_loss, s_loss, mu_gains, s_gains, rho, rho_c;
  atomic_llong next;
} job;

static uint64_t splitmix(uint64_t x) {
  x += 0x9E3779B97F4A7C15ull;
  x = (x ^ (x >> 30)) * 0xBF58476D1CE4E5B9ull;
  x = (x ^ (x >> 27)) * 0x94D049BB133111EBull;
  return x ^ (x >> 31);
}

static double triangular(double u, double a, double c, double b) {
  double f = (c - a) / (b - a);
  return u < f ? a + sqrt(u * (b - a) * (c - a)) : b - sqrt((1 - u) * (b - a) * (b - c));
}

static void *worker(void *arg) {
  job *j = arg;
  gsl_rng *r = gsl_rng_alloc(gsl_rng_taus2);
  if (!r) return (void *)1;
  for (;;) {
    int64_t b = atomic_fetch_add(&j->next, 1);
    if (b >= j->blocks) break;
    gsl_rng_set(r, splitmix(j->seed ^ splitmix((uint64_t)b)));
    int64_t n = j->runs - b * BLOCK < BLOCK ? j->runs - b * BLOCK : BLOCK;
    double *out = j->awards + b * BLOCK;
    int64_t k = 0, punished = 0;
    for (int64_t i = 0; i < n; i++) {
      // R7: the elements, then the defence.
      if (!(gsl_rng_uniform(r) < P_WORK)) continue;
      if (!(gsl_rng_uniform(r) < P_INFRINGEMENT)) continue;
      if (!(gsl_rng_uniform(r) < P_FAULT)) continue;
      if (gsl_rng_uniform(r) < P_FAIR_USE) continue;
      // R1 to R3: the basis and its base.
      int loss = gsl_rng_uniform(r) < P_LOSS, gains = gsl_rng_uniform(r) < P_GAINS;
      double base;
      int proven = 1;
      if (loss && gains) {
        double z0 = gsl_ran_gaussian_ziggurat(r, 1.0), z1 = gsl_ran_gaussian_ziggurat(r, 1.0);
        double a = j->mu_loss + j->s_loss * z0;
        double g = j->mu_gains + j->s_gains * (j->rho * z0 + j->rho_c * z1);
        base = exp(a > g ? a : g);
      } else if (loss) {
        base = exp(j->mu_loss + j->s_loss * gsl_ran_gaussian_ziggurat(r, 1.0));
      } else if (gains) {
        base = exp(j->mu_gains + j->s_gains * gsl_ran_gaussian_ziggurat(r, 1.0));
      } else if (gsl_rng_uniform(r) < P_FEE) {
        base = triangular(gsl_rng_uniform(r), 10000.0, 30000.0, 90000.0);
      } else {
        base = gsl_ran_flat(r, 500.0, 50000.0);
        proven = 0;
      }
      // R4: additive punitive damages on a proven basis; PERT(1, 2, 5) = 1 + 4 Beta(2, 4).
      double award = base;
      if (proven && gsl_rng_uniform(r) < P_INTENTIONAL && gsl_rng_uniform(r) < P_SERIOUS) {
        award += base * (1.0 + 4.0 * gsl_ran_beta(r, 2.0, 4.0));
        punished++;
      }
      // R6 and R5.
      if (gsl_rng_uniform(r) < P_MENTAL) award += gsl_ran_flat(r, 1000.0, 50000.0);
      award += gsl_ran_flat(r, 5000.0, 20000.0);
      out[k++] = award;
    }
    j->kept[b] = k;
    j->punished[b] = punished;
  }
  gsl_rng_free(r);
  return NULL;
}

// The value of rank `rank` (0-based) among `zeros` zeros followed by the `n` positive values.
static double at(double *positive, size_t n, int64_t zeros, int64_t rank) {
  return rank < zeros ? 0.0 : gsl_stats_select(positive, 1, n, (size_t)(rank - zeros));
}

static double quantile(double *positive, size_t n, int64_t zeros, double p) {
  int64_t total = zeros + (int64_t)n;
  double h = (double)(total - 1) * p;
  int64_t lo = (int64_t)floor(h), hi = lo + 1 < total ? lo + 1 : total - 1;
  double a = at(positive, n, zeros, lo), b = at(positive, n, zeros, hi);
  return a + (h - (double)lo) * (b - a);
}

int c_reference_simulate(int64_t runs, uint64_t seed, int threads, c_reference_result *out) {
  job j = {.runs = runs, .blocks = (runs + BLOCK - 1) / BLOCK, .seed = seed};
  j.awards = malloc((size_t)runs * sizeof(double));
  j.kept = calloc((size_t)j.blocks, sizeof(int64_t));
  j.punished = calloc((size_t)j.blocks, sizeof(int64_t));
  j.mu_loss = log(50000.0); j.s_loss = 1.0;
  j.mu_gains = log(80000.0); j.s_gains = 1.2;
  j.rho = 2.0 * sin(M_PI * (6.0 / M_PI * asin(0.3)) / 6.0);
  j.rho_c = sqrt(1.0 - j.rho * j.rho);
  atomic_init(&j.next, 0);
  int status = -1;
  pthread_t *ids = calloc((size_t)threads, sizeof(pthread_t));
  if (!j.awards || !j.kept || !j.punished || !ids) goto done;
  int started = 0, failed = 0;
  for (; started < threads; started++)
    if (pthread_create(&ids[started], NULL, worker, &j) != 0) { failed = 1; break; }
  for (int t = 0; t < started; t++) {
    void *result;
    pthread_join(ids[t], &result);
    if (result) failed = 1;
  }
  if (failed) goto done;

  // Gather the kept awards in block order; mean and sd over all runs (zeros included).
  int64_t n = 0, punished = 0;
  for (int64_t b = 0; b < j.blocks; b++) {
    memmove(j.awards + n, j.awards + b * BLOCK, (size_t)j.kept[b] * sizeof(double));
    n += j.kept[b];
    punished += j.punished[b];
  }
  double sum = 0;
  for (int64_t i = 0; i < n; i++) sum += j.awards[i];
  double mean = sum / (double)runs, ss = 0;
  for (int64_t i = 0; i < n; i++) ss += (j.awards[i] - mean) * (j.awards[i] - mean);
  ss += (double)(runs - n) * mean * mean;
  out->mean = mean;
  out->sd = sqrt(ss / (double)(runs - 1));
  out->p50 = quantile(j.awards, (size_t)n, runs - n, 0.50);
  out->p95 = quantile(j.awards, (size_t)n, runs - n, 0.95);
  out->p_liable = (double)n / (double)runs;
  out->p_punitive = (double)punished / (double)runs;
  status = 0;
done:
  free(j.awards); free(j.kept); free(j.punished); free(ids);
  return status;
}

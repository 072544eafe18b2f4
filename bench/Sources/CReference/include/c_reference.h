#ifndef C_REFERENCE_H
#define C_REFERENCE_H

#include <stdint.h>

/// What one simulation of the benchmark model reports.
typedef struct {
  double mean, sd, p50, p95, p_liable, p_punitive;
} c_reference_result;

/// The benchmark model (docs/simulation.md, The benchmark model) as a hand-written C loop on GSL: `runs` runs, seed
/// `seed`, on `threads` threads. Returns 0, or -1 if memory or a thread could not be had.
int c_reference_simulate(int64_t runs, uint64_t seed, int threads, c_reference_result *out);

#endif

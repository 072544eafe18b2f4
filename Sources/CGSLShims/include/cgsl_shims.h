#ifndef CGSL_SHIMS_H
#define CGSL_SHIMS_H

/// Replaces GSL's default error handler (which aborts the process) by one that records the
/// error of the calling thread. Idempotent and thread-safe.
void cgsl_install_error_handler(void);

/// The last GSL error recorded on this thread: its status code (0 if none), and its reason,
/// file and line. Reading it clears it.
int cgsl_take_error(const char **reason, const char **file, int *line);

#include <stddef.h>
#include <stdint.h>
#include <gsl/gsl_rng.h>

/// Seeds a taus2 generator from two 64-bit words (its full 88-bit state), instead of the
/// 32-bit seed of gsl_rng_set, so that the streams of different blocks cannot collide in
/// practice. Returns 0 on success, -1 if `r` is not a taus2 generator.
int cgsl_taus2_seed(gsl_rng *r, uint64_t a, uint64_t b);

/// Fills out[0..<n] with the next n numbers of gsl_rng_uniform(r), in order: for taus2 by its
/// recurrence in a tight loop (the same numbers, without a call per number), otherwise by
/// calling gsl_rng_uniform.
void cgsl_uniform_fill(gsl_rng *r, double *out, size_t n);

#endif

#include "cgsl_shims.h"
#include <gsl/gsl_errno.h>
#include <pthread.h>

static _Thread_local int cgsl_last_status = 0;
static _Thread_local const char *cgsl_last_reason = 0;
static _Thread_local const char *cgsl_last_file = 0;
static _Thread_local int cgsl_last_line = 0;

static void cgsl_record_error(const char *reason, const char *file, int line, int gsl_errno) {
  cgsl_last_status = gsl_errno;
  cgsl_last_reason = reason; /* GSL passes string literals: safe to keep */
  cgsl_last_file = file;
  cgsl_last_line = line;
}

static pthread_once_t cgsl_once = PTHREAD_ONCE_INIT;
static void cgsl_install_once(void) { gsl_set_error_handler(&cgsl_record_error); }

void cgsl_install_error_handler(void) { pthread_once(&cgsl_once, cgsl_install_once); }

int cgsl_take_error(const char **reason, const char **file, int *line) {
  int status = cgsl_last_status;
  if (reason) *reason = cgsl_last_reason;
  if (file) *file = cgsl_last_file;
  if (line) *line = cgsl_last_line;
  cgsl_last_status = 0;
  cgsl_last_reason = 0;
  cgsl_last_file = 0;
  cgsl_last_line = 0;
  return status;
}

typedef struct { unsigned long int s1, s2, s3; } cgsl_taus_state_t;

int cgsl_taus2_seed(gsl_rng *r, uint64_t a, uint64_t b) {
  if (r->type != gsl_rng_taus2) return -1;
  cgsl_taus_state_t *state = (cgsl_taus_state_t *)r->state;
  /* taus2 needs s1 > 1, s2 > 7, s3 > 15 (L'Ecuyer 1996); 32 bits each. */
  unsigned long s1 = (unsigned long)(a & 0xffffffffUL);
  unsigned long s2 = (unsigned long)((a >> 32) & 0xffffffffUL);
  unsigned long s3 = (unsigned long)(b & 0xffffffffUL);
  if (s1 < 2) s1 += 2;
  if (s2 < 8) s2 += 8;
  if (s3 < 16) s3 += 16;
  state->s1 = s1;
  state->s2 = s2;
  state->s3 = s3;
  /* warm up, as gsl_rng_set does for taus2 */
  for (int i = 0; i < 6; i++) gsl_rng_get(r);
  return 0;
}

void cgsl_uniform_fill(gsl_rng *r, double *out, size_t n) {
  if (r->type != gsl_rng_taus2) {
    for (size_t i = 0; i < n; i++) out[i] = gsl_rng_uniform(r);
    return;
  }
  /* GSL's taus_get and taus_get_double (taus.c), state kept in registers. */
  cgsl_taus_state_t *state = (cgsl_taus_state_t *)r->state;
  unsigned long s1 = state->s1, s2 = state->s2, s3 = state->s3;
#define CGSL_MASK 0xffffffffUL
#define CGSL_TAUSWORTHE(s, a, b, c, d) \
  (((s & c) << d) & CGSL_MASK) ^ ((((s << a) & CGSL_MASK) ^ s) >> b)
  for (size_t i = 0; i < n; i++) {
    s1 = CGSL_TAUSWORTHE(s1, 13, 19, 4294967294UL, 12);
    s2 = CGSL_TAUSWORTHE(s2, 2, 25, 4294967288UL, 4);
    s3 = CGSL_TAUSWORTHE(s3, 3, 11, 4294967280UL, 17);
    out[i] = (s1 ^ s2 ^ s3) / 4294967296.0;
  }
#undef CGSL_TAUSWORTHE
#undef CGSL_MASK
  state->s1 = s1;
  state->s2 = s2;
  state->s3 = s3;
}

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

/* taus2's three Tausworthe components (GSL's taus.c): each step is linear over GF(2) in the
   32-bit state, so k steps are a 32 x 32 bit matrix, and a buffer can be filled by four
   independent chains, each started k steps after the previous one: the same numbers in the
   same order as one chain, but four times as much work in flight per cycle. */
#define CGSL_MASK 0xffffffffUL
#define CGSL_TAUSWORTHE(s, a, b, c, d) \
  (((s & c) << d) & CGSL_MASK) ^ ((((s << a) & CGSL_MASK) ^ s) >> b)

static uint32_t cgsl_taus_step(int component, uint32_t x) {
  unsigned long s = x;
  switch (component) {
  case 0: return (uint32_t)CGSL_TAUSWORTHE(s, 13, 19, 4294967294UL, 12);
  case 1: return (uint32_t)CGSL_TAUSWORTHE(s, 2, 25, 4294967288UL, 4);
  default: return (uint32_t)CGSL_TAUSWORTHE(s, 3, 11, 4294967280UL, 17);
  }
}

/* A linear map of 32-bit words: column i is the image of bit i. */
typedef struct { uint32_t column[32]; } cgsl_bitmatrix;

static uint32_t cgsl_apply(const cgsl_bitmatrix *m, uint32_t x) {
  uint32_t y = 0;
  for (int i = 0; i < 32; i++) y ^= m->column[i] & (0u - ((x >> i) & 1u));
  return y;
}

enum { CGSL_LANE_STEPS = 256 };

/* Per component: the map of CGSL_LANE_STEPS steps. */
static cgsl_bitmatrix cgsl_jump[3];
static int cgsl_has_avx2 = 0;
static pthread_once_t cgsl_jump_once = PTHREAD_ONCE_INIT;
static void cgsl_jump_init(void) {
  for (int c = 0; c < 3; c++) {
    cgsl_bitmatrix m;
    for (int i = 0; i < 32; i++) m.column[i] = cgsl_taus_step(c, 1u << i);
    for (int k = 1; k < CGSL_LANE_STEPS; k *= 2) { /* m = m^2, CGSL_LANE_STEPS a power of 2 */
      cgsl_bitmatrix square;
      for (int i = 0; i < 32; i++) square.column[i] = cgsl_apply(&m, m.column[i]);
      m = square;
    }
    cgsl_jump[c] = m;
  }
  __builtin_cpu_init();
  cgsl_has_avx2 = __builtin_cpu_supports("avx2");
}

/* The fills below write out[i ...] chunk by chunk, LANES chains side by side (one vector lane
   each, clang's vector extensions): lane j starts j * CGSL_LANE_STEPS steps ahead and fills
   out[i + j * CGSL_LANE_STEPS ...]; the last lane ends where one chain would end, a chunk on.
   Each returns the index after the last chunk filled and leaves the chain's state in s1, s2,
   s3. */

/* The start of each of `lanes` chains: chain j is j * CGSL_LANE_STEPS steps after (s1, s2, s3). */
static void cgsl_lane_starts(uint32_t *a, uint32_t *b, uint32_t *c, int lanes, unsigned long s1,
                             unsigned long s2, unsigned long s3) {
  a[0] = (uint32_t)s1; b[0] = (uint32_t)s2; c[0] = (uint32_t)s3;
  for (int j = 1; j < lanes; j++) {
    a[j] = cgsl_apply(&cgsl_jump[0], a[j - 1]);
    b[j] = cgsl_apply(&cgsl_jump[1], b[j - 1]);
    c[j] = cgsl_apply(&cgsl_jump[2], c[j - 1]);
  }
}

/* One taus2 step of every lane of the vectors x, y, z (GSL's taus.c, lane by lane). */
#define CGSL_TAUS_STEP(x, y, z)                                  \
  do {                                                           \
    x = ((x & 4294967294u) << 12) ^ (((x << 13) ^ x) >> 19);     \
    y = ((y & 4294967288u) << 4) ^ (((y << 2) ^ y) >> 25);       \
    z = ((z & 4294967280u) << 17) ^ (((z << 3) ^ z) >> 11);      \
  } while (0)

/* Four chains in 128-bit vectors, any x86-64 or ARM processor. Dividing by 2^32 and
   multiplying by 2^-32 give the same double, exactly. */
static size_t cgsl_fill_lanes4(double *out, size_t n, size_t i, unsigned long *s1,
                               unsigned long *s2, unsigned long *s3) {
  typedef uint32_t vu __attribute__((vector_size(16)));
  typedef double vd __attribute__((vector_size(32)));
  enum { LANES = 4 };
  for (; i + LANES * CGSL_LANE_STEPS <= n; i += LANES * CGSL_LANE_STEPS) {
    uint32_t a[LANES], b[LANES], c[LANES];
    cgsl_lane_starts(a, b, c, LANES, *s1, *s2, *s3);
    vu x, y, z;
    __builtin_memcpy(&x, a, sizeof x); __builtin_memcpy(&y, b, sizeof y); __builtin_memcpy(&z, c, sizeof z);
    double *o = out + i;
    for (int k = 0; k < CGSL_LANE_STEPS; k++) {
      CGSL_TAUS_STEP(x, y, z);
      vd u = __builtin_convertvector(x ^ y ^ z, vd) * (1.0 / 4294967296.0);
      for (int j = 0; j < LANES; j++) o[j * CGSL_LANE_STEPS + k] = u[j];
    }
    *s1 = x[LANES - 1]; *s2 = y[LANES - 1]; *s3 = z[LANES - 1];
  }
  return i;
}

#if defined(__x86_64__)
/* Eight chains in 256-bit vectors where the processor has AVX2: the same numbers (only how many
   chains run at once differs), four steps at a time, so that each chain's four numbers are
   stored together. A 32-bit word w becomes (w - 2^31 as a signed integer) + 2^31, exactly w,
   then w x 2^-32, exactly GSL's w / 2^32: the conversions the vector units have. The 8 x 4
   numbers of four steps are transposed, as two 4 x 4 blocks, into one vector per chain. */
__attribute__((target("avx2"))) static size_t cgsl_fill_lanes8(double *out, size_t n, size_t i,
                                                               unsigned long *s1, unsigned long *s2,
                                                               unsigned long *s3) {
  typedef uint32_t vu __attribute__((vector_size(32)));
  typedef int32_t vi4 __attribute__((vector_size(16)));
  typedef double vd4 __attribute__((vector_size(32)));
  enum { LANES = 8 };
  for (; i + LANES * CGSL_LANE_STEPS <= n; i += LANES * CGSL_LANE_STEPS) {
    uint32_t a[LANES], b[LANES], c[LANES];
    cgsl_lane_starts(a, b, c, LANES, *s1, *s2, *s3);
    vu x, y, z;
    __builtin_memcpy(&x, a, sizeof x); __builtin_memcpy(&y, b, sizeof y); __builtin_memcpy(&z, c, sizeof z);
    double *o = out + i;
    for (int k = 0; k < CGSL_LANE_STEPS; k += 4) {
      vd4 lo[4], hi[4]; /* step t: chains 0-3, chains 4-7 */
      for (int t = 0; t < 4; t++) {
        CGSL_TAUS_STEP(x, y, z);
        vu w = (x ^ y ^ z) ^ 0x80000000u;
        vi4 low = (vi4)__builtin_shufflevector(w, w, 0, 1, 2, 3);
        vi4 high = (vi4)__builtin_shufflevector(w, w, 4, 5, 6, 7);
        lo[t] = (__builtin_convertvector(low, vd4) + 2147483648.0) * (1.0 / 4294967296.0);
        hi[t] = (__builtin_convertvector(high, vd4) + 2147483648.0) * (1.0 / 4294967296.0);
      }
      for (int half = 0; half < 2; half++) {
        vd4 *r = half ? hi : lo;
        vd4 t0 = __builtin_shufflevector(r[0], r[1], 0, 4, 2, 6);
        vd4 t1 = __builtin_shufflevector(r[0], r[1], 1, 5, 3, 7);
        vd4 t2 = __builtin_shufflevector(r[2], r[3], 0, 4, 2, 6);
        vd4 t3 = __builtin_shufflevector(r[2], r[3], 1, 5, 3, 7);
        vd4 chain[4] = {__builtin_shufflevector(t0, t2, 0, 1, 4, 5),
                        __builtin_shufflevector(t1, t3, 0, 1, 4, 5),
                        __builtin_shufflevector(t0, t2, 2, 3, 6, 7),
                        __builtin_shufflevector(t1, t3, 2, 3, 6, 7)};
        for (int j = 0; j < 4; j++) {
          __builtin_memcpy(o + (4 * half + j) * CGSL_LANE_STEPS + k, &chain[j], sizeof(vd4));
        }
      }
    }
    *s1 = x[LANES - 1]; *s2 = y[LANES - 1]; *s3 = z[LANES - 1];
  }
  return i;
}
#endif

void cgsl_uniform_fill(gsl_rng *r, double *out, size_t n) {
  if (r->type != gsl_rng_taus2) {
    for (size_t i = 0; i < n; i++) out[i] = gsl_rng_uniform(r);
    return;
  }
  cgsl_taus_state_t *state = (cgsl_taus_state_t *)r->state;
  unsigned long s1 = state->s1, s2 = state->s2, s3 = state->s3;
  size_t i = 0;
  if (n >= 4 * CGSL_LANE_STEPS) {
    pthread_once(&cgsl_jump_once, cgsl_jump_init);
#if defined(__x86_64__)
    if (cgsl_has_avx2) i = cgsl_fill_lanes8(out, n, i, &s1, &s2, &s3);
#endif
    i = cgsl_fill_lanes4(out, n, i, &s1, &s2, &s3);
  }
  /* the rest, one chain: GSL's taus_get and taus_get_double, state kept in registers */
  for (; i < n; i++) {
    s1 = CGSL_TAUSWORTHE(s1, 13, 19, 4294967294UL, 12);
    s2 = CGSL_TAUSWORTHE(s2, 2, 25, 4294967288UL, 4);
    s3 = CGSL_TAUSWORTHE(s3, 3, 11, 4294967280UL, 17);
    out[i] = (s1 ^ s2 ^ s3) / 4294967296.0;
  }
  state->s1 = s1;
  state->s2 = s2;
  state->s3 = s3;
}
#undef CGSL_TAUSWORTHE
#undef CGSL_TAUS_STEP
#undef CGSL_MASK

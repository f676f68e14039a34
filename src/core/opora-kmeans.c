/* SPDX-License-Identifier: GPL-3.0-or-later */
/* k-means (k-means++ seeding, Lloyd, restarts) and the exact mean silhouette of several clusterings at once. */

#include <glib/gi18n-lib.h>
#include <math.h>
#include <string.h>

#include "opora-error.h"
#include "opora-kmeans.h"

#if defined (__x86_64__) && defined (__GNUC__)
# include <immintrin.h>
# define HAVE_AVX2_KERNELS 1
#endif

/* GCC's vector extensions: four doubles (an AVX register) or two (SSE2).
 * Only 8-byte aligned, so that a cast pointer loads from any double. */
typedef double v4d __attribute__ ((vector_size (32), aligned (8)));
typedef gint64 v4i __attribute__ ((vector_size (32), aligned (8)));
typedef double v2d __attribute__ ((vector_size (16), aligned (8)));
typedef gint64 v2i __attribute__ ((vector_size (16), aligned (8)));

#define V4(p)        (*(v4d *) (p))
#define CONST_V4(p)  (*(const v4d *) (p))
#define V2(p)        (*(v2d *) (p))
#define CONST_V2(p)  (*(const v2d *) (p))

#define MAX_ITERATIONS  300

/* Test and benchmark knobs, see opora_kmeans_set_limits(). */
static guint max_threads_limit;
static gboolean portable_only;

/**
 * opora_kmeans_set_limits:
 * @max_threads: use at most this many threads; 0 for one per processor
 * @portable: use the baseline x86-64 kernels even where AVX2 is available
 *
 * For tests and benchmarks only: neither changes a single bit of any
 * result, and test-kmeans checks that. Not thread-safe; call it before
 * any k-means work starts.
 */
void
opora_kmeans_set_limits (guint    max_threads,
                         gboolean portable)
{
  max_threads_limit = max_threads;
  portable_only = portable;
}

static guint
n_threads_for (guint units)
{
  guint n = max_threads_limit ? max_threads_limit : g_get_num_processors ();

  return CLAMP (n, 1, MAX (units, 1));
}

static gboolean
use_avx2 (void)
{
#ifdef HAVE_AVX2_KERNELS
  return !portable_only && __builtin_cpu_supports ("avx2");
#else
  return FALSE;
#endif
}

/* Runs @func (@data) on @n_threads threads, this one included, and waits. */
static void
run_on_threads (GThreadFunc func,
                gpointer    data,
                guint       n_threads)
{
  g_autoptr(GPtrArray) threads = g_ptr_array_new ();

  for (guint t = 1; t < n_threads; t++)
    g_ptr_array_add (threads, g_thread_new ("opora-kmeans", func, data));
  func (data);
  for (guint t = 0; t < threads->len; t++)
    g_thread_join (threads->pdata[t]);
}

/* ---- Data layout ---- */

/* Columns of the transposed copy: @n rounded up to 8, plus 8 more, so that
 * kernels may read whole vectors past the last point: 16 points from a
 * multiple of 16, or 8 from anywhere. */
static gsize
stride_for (guint n)
{
  return ((gsize) n + 7) / 8 * 8 + 8;
}

/* A dim × stride copy of @x (n × dim, row-major) with the points in the
 * order @order (all of them in input order when %NULL); the padding is 0. */
static double *
transpose (const double *x,
           guint         n,
           guint         dim,
           const guint  *order,
           gsize         stride)
{
  double *xt = g_new0 (double, dim * stride);

  for (guint i = 0; i < n; i++)
    {
      const double *row = x + (gsize) (order ? order[i] : i) * dim;
      for (guint f = 0; f < dim; f++)
        xt[f * stride + i] = row[f];
    }
  return xt;
}

static gboolean
all_finite (const double *x,
            gsize         count)
{
  for (gsize i = 0; i < count; i++)
    if (!isfinite (x[i]))
      return FALSE;
  return TRUE;
}

static gboolean
check_values (const double  *x,
              guint          n,
              guint          dim,
              GError       **error)
{
  if (dim == 0)
    {
      g_set_error (error, OPORA_ERROR, OPORA_ERROR_INVALID,
                   _("No features are chosen: choose at least one indicator to group the schools by."));
      return FALSE;
    }
  if (!all_finite (x, (gsize) n * dim))
    {
      g_set_error (error, OPORA_ERROR, OPORA_ERROR_INVALID,
                   _("Some values are missing or not numbers: fill them in or leave those schools out."));
      return FALSE;
    }
  return TRUE;
}

/* ---- Kernels ----
 *
 * Each kernel exists twice: with 4-double AVX registers, and with 2-double
 * registers for any other CPU (SSE2 is in every x86-64). Both do the same
 * operations in the same order on every lane, with no fused multiply-add,
 * so they give the same bits; test-kmeans checks that. */

#define SELECT(m, a, b, itype)  ((__typeof__ (a)) (((m) & (itype) (a)) | (~(m) & (itype) (b))))

/* The nearest of the @m (1 or 2) centroids from number @c for the 16
 * points from @p: Σ (x − c)² in feature order, and strictly less than the
 * best so far to win, so that the first of equals keeps a point. */
#ifdef HAVE_AVX2_KERNELS
static inline __attribute__ ((always_inline, target ("avx2"))) void
nearest_step_avx2 (const double *xt,
                   gsize         stride,
                   guint         dim,
                   const double *centroids,
                   guint         c,
                   guint         m,
                   guint         p,
                   v4d           best[4],
                   v4i           label[4])
{
  v4d s[2][4] = { { { 0 } } };

  for (guint f = 0; f < dim; f++)
    {
#pragma GCC unroll 4
      for (guint v = 0; v < 4; v++)
        {
          v4d x = CONST_V4 (xt + f * stride + p + 4 * v);
#pragma GCC unroll 2
          for (guint h = 0; h < m; h++)
            {
              v4d t = x - centroids[(gsize) (c + h) * dim + f];
              s[h][v] += t * t;
            }
        }
    }
#pragma GCC unroll 2
  for (guint h = 0; h < m; h++)
#pragma GCC unroll 4
    for (guint v = 0; v < 4; v++)
      {
        v4i closer = (v4i) (s[h][v] < best[v]);
        best[v] = SELECT (closer, s[h][v], best[v], v4i);
        label[v] = (label[v] & ~closer) | ((gint64) (c + h) & closer);
      }
}

__attribute__ ((target ("avx2"))) static void
nearest_avx2 (const double *xt,
              gsize         stride,
              guint         dim,
              const double *centroids,
              guint         k,
              guint         end,
              guint        *labels,
              double       *dist)
{
  for (guint p = 0; p < end; p += 16)
    {
      v4d best[4];
      v4i label[4];
      guint c = 0;

#pragma GCC unroll 4
      for (guint v = 0; v < 4; v++)
        {
          best[v] = (v4d) { INFINITY, INFINITY, INFINITY, INFINITY };
          label[v] = (v4i) { 0 };
        }
      for (; c + 2 <= k; c += 2)
        nearest_step_avx2 (xt, stride, dim, centroids, c, 2, p, best, label);
      if (c < k)
        nearest_step_avx2 (xt, stride, dim, centroids, c, 1, p, best, label);
      for (guint l = 0; l < 16; l++)
        {
          labels[p + l] = label[l / 4][l % 4];
          dist[p + l] = best[l / 4][l % 4];
        }
    }
}
#endif

static inline __attribute__ ((always_inline)) void
nearest_step_baseline (const double *xt,
                       gsize         stride,
                       guint         dim,
                       const double *centroids,
                       guint         c,
                       guint         m,
                       guint         p,
                       v2d           best[4],
                       v2i           label[4])
{
  v2d s[2][4] = { { { 0 } } };

  for (guint f = 0; f < dim; f++)
    {
#pragma GCC unroll 4
      for (guint v = 0; v < 4; v++)
        {
          v2d x = CONST_V2 (xt + f * stride + p + 2 * v);
#pragma GCC unroll 2
          for (guint h = 0; h < m; h++)
            {
              v2d t = x - centroids[(gsize) (c + h) * dim + f];
              s[h][v] += t * t;
            }
        }
    }
#pragma GCC unroll 2
  for (guint h = 0; h < m; h++)
#pragma GCC unroll 4
    for (guint v = 0; v < 4; v++)
      {
        v2i closer = (v2i) (s[h][v] < best[v]);
        best[v] = SELECT (closer, s[h][v], best[v], v2i);
        label[v] = (label[v] & ~closer) | ((gint64) (c + h) & closer);
      }
}

/* The same for 8 points at a time. */
static void
nearest_baseline (const double *xt,
                  gsize         stride,
                  guint         dim,
                  const double *centroids,
                  guint         k,
                  guint         end,
                  guint        *labels,
                  double       *dist)
{
  for (guint p = 0; p < end; p += 8)
    {
      v2d best[4];
      v2i label[4];
      guint c = 0;

#pragma GCC unroll 4
      for (guint v = 0; v < 4; v++)
        {
          best[v] = (v2d) { INFINITY, INFINITY };
          label[v] = (v2i) { 0 };
        }
      for (; c + 2 <= k; c += 2)
        nearest_step_baseline (xt, stride, dim, centroids, c, 2, p, best, label);
      if (c < k)
        nearest_step_baseline (xt, stride, dim, centroids, c, 1, p, best, label);
      for (guint l = 0; l < 8; l++)
        {
          labels[p + l] = label[l / 2][l % 2];
          dist[p + l] = best[l / 2][l % 2];
        }
    }
}

/* The nearest centroid of every point and the squared distance to it;
 * @labels and @dist hold stride_for (n) values. */
static void
nearest (const double *xt,
         guint         n,
         guint         dim,
         const double *centroids,
         guint         k,
         guint        *labels,
         double       *dist)
{
  gsize stride = stride_for (n);
  guint end = (n + 15) / 16 * 16;

#ifdef HAVE_AVX2_KERNELS
  if (use_avx2 ())
    {
      nearest_avx2 (xt, stride, dim, centroids, k, end, labels, dist);
      return;
    }
#endif
  nearest_baseline (xt, stride, dim, centroids, k, end, labels, dist);
}

/* One tile of the silhouette's distance matrix: rows [i_start, i_end) by
 * columns [j_start, j_end) of the transposed points. */
typedef struct {
  const double *xt;
  gsize         stride;
  guint         dim;
  guint         i_start, i_end;
  guint         j_start, j_end;
  double       *xi;        /* 4 × dim scratch */
  double       *row_sums;  /* out: Σ over the columns, per row */
  double       *col_sums;  /* out: Σ over the rows, per column (8 spare); NULL to skip */
} Tile;

/* The rows' features for the four rows from @i0, feature by feature. */
static void
load_rows (const Tile *t,
           guint       i0)
{
  for (guint f = 0; f < t->dim; f++)
    for (guint r = 0; r < 4; r++)
      t->xi[f * 4 + r] = t->xt[f * t->stride + i0 + r];
}

/* Tile sums in a fixed order. A row's sum runs over the columns 8 at a
 * time; lane l (0…3) adds d (j + l) + d (j + 4 + l) at each step, and the
 * lanes end as (l0 + l1) + (l2 + l3). A column's sum runs over the rows 4
 * at a time, adding (d0 + d1) and then (d2 + d3). Rows and columns past the
 * tile's end count as 0. */
#ifdef HAVE_AVX2_KERNELS
static inline __attribute__ ((always_inline, target ("avx2"))) void
tile_step_avx2 (const Tile *t,
                guint       rows,
                guint       j,
                v4d         racc[4])
{
  v4d d[4][2] = { { { 0 } } };

  for (guint f = 0; f < t->dim; f++)
    {
      const double *column = t->xt + f * t->stride + j;
      v4d a = CONST_V4 (column), b = CONST_V4 (column + 4);

#pragma GCC unroll 4
      for (guint r = 0; r < 4; r++)
        {
          v4d ta = a - t->xi[f * 4 + r], tb = b - t->xi[f * 4 + r];
          d[r][0] += ta * ta;
          d[r][1] += tb * tb;
        }
    }
#pragma GCC unroll 4
  for (guint r = 0; r < 4; r++)
    {
      d[r][0] = (v4d) _mm256_sqrt_pd ((__m256d) d[r][0]);
      d[r][1] = (v4d) _mm256_sqrt_pd ((__m256d) d[r][1]);
    }
  if (j + 8 > t->j_end || rows < 4)
    {
      gint64 left = t->j_end - j;
      v4i keep_a = (v4i) ((v4i) { 0, 1, 2, 3 } < left), keep_b = (v4i) ((v4i) { 4, 5, 6, 7 } < left);

#pragma GCC unroll 4
      for (guint r = 0; r < 4; r++)
        {
          v4i row = (v4i) { 0 } - (gint64) (r < rows);
          d[r][0] = (v4d) ((v4i) d[r][0] & keep_a & row);
          d[r][1] = (v4d) ((v4i) d[r][1] & keep_b & row);
        }
    }
#pragma GCC unroll 4
  for (guint r = 0; r < 4; r++)
    racc[r] += d[r][0] + d[r][1];
  if (t->col_sums != NULL)
    {
      double *c = t->col_sums + (j - t->j_start);
      V4 (c) += d[0][0] + d[1][0];
      V4 (c) += d[2][0] + d[3][0];
      V4 (c + 4) += d[0][1] + d[1][1];
      V4 (c + 4) += d[2][1] + d[3][1];
    }
}

__attribute__ ((target ("avx2"))) static void
tile_avx2 (const Tile *t)
{
  for (guint i0 = t->i_start; i0 < t->i_end; i0 += 4)
    {
      guint rows = MIN (4, t->i_end - i0);
      v4d racc[4] = { { 0 } };

      load_rows (t, i0);
      for (guint j = t->j_start; j < t->j_end; j += 8)
        tile_step_avx2 (t, rows, j, racc);
      for (guint r = 0; r < rows; r++)
        t->row_sums[i0 - t->i_start + r] = (racc[r][0] + racc[r][1]) + (racc[r][2] + racc[r][3]);
    }
}
#endif

static inline __attribute__ ((always_inline)) v2d
sqrt2 (v2d v)
{
#ifdef HAVE_AVX2_KERNELS
  return (v2d) _mm_sqrt_pd ((__m128d) v);
#else
  return (v2d) { sqrt (v[0]), sqrt (v[1]) };
#endif
}

/* Rows @r0 and @r0 + 1 against 8 columns, two lanes at a time:
 * d[r][q] holds the columns j + 2q and j + 2q + 1. */
static inline __attribute__ ((always_inline)) void
tile_step_baseline (const Tile *t,
                    guint       r0,
                    guint       rows,
                    guint       j,
                    v2d         racc[2][2])
{
  v2d d[2][4] = { { { 0 } } };

  for (guint f = 0; f < t->dim; f++)
    {
      const double *column = t->xt + f * t->stride + j;

#pragma GCC unroll 4
      for (guint q = 0; q < 4; q++)
        {
          v2d x = CONST_V2 (column + 2 * q);
          v2d ta = x - t->xi[f * 4 + r0], tb = x - t->xi[f * 4 + r0 + 1];
          d[0][q] += ta * ta;
          d[1][q] += tb * tb;
        }
    }
#pragma GCC unroll 4
  for (guint q = 0; q < 4; q++)
    {
      d[0][q] = sqrt2 (d[0][q]);
      d[1][q] = sqrt2 (d[1][q]);
    }
  if (j + 8 > t->j_end || r0 + 2 > rows)
    {
      gint64 left = t->j_end - j;
      v2i second = (v2i) { 0 } - (gint64) (r0 + 1 < rows);

#pragma GCC unroll 4
      for (guint q = 0; q < 4; q++)
        {
          v2i keep = (v2i) ((v2i) { 2 * q, 2 * q + 1 } < left);
          d[0][q] = (v2d) ((v2i) d[0][q] & keep);
          d[1][q] = (v2d) ((v2i) d[1][q] & keep & second);
        }
    }
  racc[0][0] += d[0][0] + d[0][2];
  racc[0][1] += d[0][1] + d[0][3];
  racc[1][0] += d[1][0] + d[1][2];
  racc[1][1] += d[1][1] + d[1][3];
  if (t->col_sums != NULL)
    {
      double *c = t->col_sums + (j - t->j_start);
#pragma GCC unroll 4
      for (guint q = 0; q < 4; q++)
        V2 (c + 2 * q) += d[0][q] + d[1][q];
    }
}

static void
tile_baseline (const Tile *t)
{
  for (guint i0 = t->i_start; i0 < t->i_end; i0 += 4)
    {
      guint rows = MIN (4, t->i_end - i0);

      load_rows (t, i0);
      for (guint r0 = 0; r0 < rows; r0 += 2)
        {
          v2d racc[2][2] = { { { 0 } } };

          for (guint j = t->j_start; j < t->j_end; j += 8)
            tile_step_baseline (t, r0, rows, j, racc);
          for (guint r = r0; r < MIN (r0 + 2, rows); r++)
            t->row_sums[i0 - t->i_start + r] = (racc[r - r0][0][0] + racc[r - r0][0][1]) +
                                               (racc[r - r0][1][0] + racc[r - r0][1][1]);
        }
    }
}

/* Fills t->row_sums and, unless NULL, t->col_sums. */
static void
tile_sums (const Tile *t)
{
  if (t->col_sums != NULL)
    memset (t->col_sums, 0, ((t->j_end - t->j_start + 7) / 8 * 8) * sizeof (double));
#ifdef HAVE_AVX2_KERNELS
  if (use_avx2 ())
    {
      tile_avx2 (t);
      return;
    }
#endif
  tile_baseline (t);
}

/* ---- k-means ---- */

/* splitmix64 (Steele, Lea and Flood 2014): a small generator of our own, so
 * that a seed gives the same clustering on every machine and GLib version. */
typedef struct {
  guint64 state;
} Rng;

static guint64
rng_next (Rng *rng)
{
  guint64 z = (rng->state += G_GUINT64_CONSTANT (0x9E3779B97F4A7C15));

  z = (z ^ (z >> 30)) * G_GUINT64_CONSTANT (0xBF58476D1CE4E5B9);
  z = (z ^ (z >> 27)) * G_GUINT64_CONSTANT (0x94D049BB133111EB);
  return z ^ (z >> 31);
}

/* Uniform in [0, 1). */
static double
rng_double (Rng *rng)
{
  return (rng_next (rng) >> 11) * 0x1.0p-53;
}

/* Restart @restart's own stream: its first numbers do not depend on the others'. */
static Rng
rng_for_restart (guint64 seed,
                 guint   restart)
{
  Rng mix = { seed ^ ((guint64) restart * G_GUINT64_CONSTANT (0xD1B54A32D192ED03)) };
  Rng rng = { rng_next (&mix) };

  return rng;
}

/* A 128-bit fixed-point number: cluster sums in it are exact, so a point
 * can leave one sum and join another without any rounding left behind,
 * and a centroid does not depend on the order its members were added. */
__extension__ typedef __int128 Fixed;

/* The points, in the forms that every fit of them shares, and one fit's settings. */
typedef struct {
  const double *x;       /* n × dim, as given */
  double       *xt;      /* the transposed copy */
  Fixed        *fixed;   /* n × dim: x × 2^scale, truncated */
  int           scale;
  guint         n;
  guint         dim;
  guint         k;
  guint64       seed;
  guint         restarts;
  gint          next_restart;  /* atomic */
  gint          next_worker;   /* atomic */
  struct Best  *bests;         /* each worker's best */
} Problem;

/* A fit and the restart that made it. */
typedef struct Best {
  OporaKmeansFit *fit;
  guint           restart;
} Best;

/* One restart's working arrays. */
typedef struct {
  guint  *labels;      /* stride_for (n) */
  guint  *previous;    /* the labels of the iteration before */
  double *dist;        /* squared distance to the own centroid */
  double *scratch;     /* k-means++: a candidate's distances, then the minimum */
  double *kept;        /* k-means++: the same for the best candidate so far */
  double *cumulative;  /* k-means++: running sums of the weights */
  double *centroids;   /* k × dim */
  Fixed  *sums;        /* k × dim, of the points in fixed point */
  guint  *counts;
} Run;

static void
run_init (Run           *run,
          const Problem *p)
{
  gsize stride = stride_for (p->n);

  run->labels = g_new0 (guint, stride);
  run->previous = g_new0 (guint, stride);
  run->dist = g_new0 (double, stride);
  run->scratch = g_new0 (double, stride);
  run->kept = g_new0 (double, stride);
  run->cumulative = g_new0 (double, p->n);
  run->centroids = g_new0 (double, (gsize) p->k * p->dim);
  run->sums = g_new0 (Fixed, (gsize) p->k * p->dim);
  run->counts = g_new0 (guint, p->k);
}

static void
run_clear (Run *run)
{
  g_free (run->labels);
  g_free (run->previous);
  g_free (run->dist);
  g_free (run->scratch);
  g_free (run->kept);
  g_free (run->cumulative);
  g_free (run->centroids);
  g_free (run->sums);
  g_free (run->counts);
}

/* The first point whose running weight passes @r, for D² sampling; never
 * a point of weight 0 unless all are (then the last point, as
 * scikit-learn's searchsorted-and-clip does). */
static guint
pick_weighted (const double *cumulative,
               guint         n,
               double        r)
{
  guint lo = 0, hi = n;

  while (lo < hi)
    {
      guint mid = lo + (hi - lo) / 2;
      if (cumulative[mid] > r)
        hi = mid;
      else
        lo = mid + 1;
    }
  return MIN (lo, n - 1);
}

/* Squared distances of every point to point @q, into @out. */
static void
distances_to_point (const Problem *p,
                    guint          q,
                    guint         *labels,
                    double        *out)
{
  nearest (p->xt, p->n, p->dim, p->x + (gsize) q * p->dim, 1, labels, out);
}

/* Σ min (closest, candidate); the candidate's array becomes that minimum. */
static double
potential_with (const double *closest,
                double       *candidate,
                guint         n)
{
  double sum = 0;

  for (guint i = 0; i < n; i++)
    {
      candidate[i] = MIN (closest[i], candidate[i]);
      sum += candidate[i];
    }
  return sum;
}

/* k-means++ (Arthur and Vassilvitskii 2007) in scikit-learn's greedy form:
 * each new centroid is the best of 2 + ⌊ln k⌋ points drawn with probability
 * proportional to the squared distance to the nearest centroid so far. */
static void
seed_centroids (const Problem *p,
                Run           *run,
                Rng           *rng)
{
  guint n_trials = 2 + (guint) log (p->k);
  double potential = 0;
  guint first = (guint) (rng_double (rng) * p->n);

  memcpy (run->centroids, p->x + (gsize) first * p->dim, p->dim * sizeof (double));
  distances_to_point (p, first, run->labels, run->dist);
  for (guint i = 0; i < p->n; i++)
    run->cumulative[i] = (potential += run->dist[i]);

  for (guint c = 1; c < p->k; c++)
    {
      double best_potential = INFINITY;
      guint best = 0;

      for (guint t = 0; t < n_trials; t++)
        {
          guint candidate = pick_weighted (run->cumulative, p->n, rng_double (rng) * potential);
          double with;

          distances_to_point (p, candidate, run->labels, run->scratch);
          with = potential_with (run->dist, run->scratch, p->n);
          if (with < best_potential)
            {
              double *swap = run->kept;

              best_potential = with;
              best = candidate;
              run->kept = run->scratch;
              run->scratch = swap;
            }
        }
      memcpy (run->dist, run->kept, p->n * sizeof (double));
      memcpy (run->centroids + (gsize) c * p->dim, p->x + (gsize) best * p->dim, p->dim * sizeof (double));
      potential = 0;
      for (guint i = 0; i < p->n; i++)
        run->cumulative[i] = (potential += run->dist[i]);
    }
}

/* Moves point @i from cluster @from (G_MAXUINT: none) to cluster @to. */
static void
move_point (const Problem *p,
            Run           *run,
            guint          i,
            guint          from,
            guint          to)
{
  const Fixed *point = p->fixed + (gsize) i * p->dim;
  Fixed *sum = run->sums + (gsize) to * p->dim;

  if (from != G_MAXUINT)
    {
      Fixed *old = run->sums + (gsize) from * p->dim;
      for (guint f = 0; f < p->dim; f++)
        old[f] -= point[f];
      run->counts[from]--;
    }
  for (guint f = 0; f < p->dim; f++)
    sum[f] += point[f];
  run->counts[to]++;
}

/* An empty cluster takes the point farthest from its centroid (the first on
 * a tie) among clusters that can spare one, as scikit-learn does. */
static void
fill_empty_clusters (const Problem *p,
                     Run           *run)
{
  for (guint c = 0; c < p->k; c++)
    {
      guint far = G_MAXUINT;

      if (run->counts[c] > 0)
        continue;
      for (guint i = 0; i < p->n; i++)
        if (run->counts[run->labels[i]] > 1 && (far == G_MAXUINT || run->dist[i] > run->dist[far]))
          far = i;
      g_assert (far != G_MAXUINT);  /* k ≤ n, so some cluster has two points */
      move_point (p, run, far, run->labels[far], c);
      run->labels[far] = c;
      run->dist[far] = 0;
    }
}

/* Brings the sums up to the new labels: all points on the first
 * iteration, then only those that changed cluster. */
static void
update_sums (const Problem *p,
             Run           *run,
             gboolean       first)
{
  if (first)
    {
      memset (run->sums, 0, (gsize) p->k * p->dim * sizeof (Fixed));
      memset (run->counts, 0, p->k * sizeof (guint));
    }
  for (guint i = 0; i < p->n; i++)
    if (first || run->labels[i] != run->previous[i])
      move_point (p, run, i, first ? G_MAXUINT : run->previous[i], run->labels[i]);
}

static void
update_centroids (const Problem *p,
                  Run           *run)
{
  double unit = ldexp (1, -p->scale);

  for (guint c = 0; c < p->k; c++)
    for (guint f = 0; f < p->dim; f++)
      run->centroids[(gsize) c * p->dim + f] = (double) run->sums[(gsize) c * p->dim + f] * unit / run->counts[c];
}

/* Lloyd's iterations until no label changes (or MAX_ITERATIONS); the
 * centroids end as the means of the final labels. Returns the iterations. */
static guint
lloyd (const Problem *p,
       Run           *run)
{
  for (guint it = 0; it < MAX_ITERATIONS; it++)
    {
      guint *swap = run->previous;

      run->previous = run->labels;
      run->labels = swap;
      nearest (p->xt, p->n, p->dim, run->centroids, p->k, run->labels, run->dist);
      /* Compared after refilling empty clusters: points that tie between
       * equal centroids would otherwise leave and refill one for ever. */
      update_sums (p, run, it == 0);
      fill_empty_clusters (p, run);
      if (it > 0 && memcmp (run->labels, run->previous, p->n * sizeof (guint)) == 0)
        return it + 1;
      update_centroids (p, run);
    }
  return MAX_ITERATIONS;
}

/* Σ ‖x − c‖² over the points, in input order. */
static double
inertia_of (const Problem *p,
            const guint   *labels,
            const double  *centroids)
{
  double sum = 0;

  for (guint i = 0; i < p->n; i++)
    {
      const double *point = p->x + (gsize) i * p->dim;
      const double *centroid = centroids + (gsize) labels[i] * p->dim;
      double d = 0;
      for (guint f = 0; f < p->dim; f++)
        d += (point[f] - centroid[f]) * (point[f] - centroid[f]);
      sum += d;
    }
  return sum;
}

static OporaKmeansFit *
fit_new (const Problem *p,
         const Run     *run,
         guint          iterations)
{
  OporaKmeansFit *fit = g_new0 (OporaKmeansFit, 1);

  fit->k = p->k;
  fit->n = p->n;
  fit->dim = p->dim;
  fit->labels = g_memdup2 (run->labels, p->n * sizeof (guint));
  fit->centroids = g_memdup2 (run->centroids, (gsize) p->k * p->dim * sizeof (double));
  fit->inertia = inertia_of (p, fit->labels, fit->centroids);
  fit->iterations = iterations;
  return fit;
}

/* Keeps @fit of @restart in @best if it beats it: a lower inertia, or the
 * same from an earlier restart, so the winner does not depend on which
 * thread ran which restart. */
static void
keep_best (Best           *best,
           OporaKmeansFit *fit,
           guint           restart)
{
  if (best->fit == NULL || fit->inertia < best->fit->inertia ||
      (fit->inertia == best->fit->inertia && restart < best->restart))
    {
      opora_kmeans_fit_free (best->fit);
      *best = (Best) { fit, restart };
    }
  else
    opora_kmeans_fit_free (fit);
}

static gpointer
restart_worker (gpointer data)
{
  Problem *p = data;
  Best best = { NULL, 0 };
  Run run;
  guint restart;

  run_init (&run, p);
  while ((restart = g_atomic_int_add (&p->next_restart, 1)) < p->restarts)
    {
      Rng rng = rng_for_restart (p->seed, restart);
      guint iterations;

      seed_centroids (p, &run, &rng);
      iterations = lloyd (p, &run);
      keep_best (&best, fit_new (p, &run, iterations), restart);
    }
  run_clear (&run);
  p->bests[g_atomic_int_add (&p->next_worker, 1)] = best;
  return NULL;
}

/* trunc (@v) for |v| < 2^126, straight from the bits of the double
 * (libgcc's generic conversion is ten times slower). */
static Fixed
fixed_from_double (double v)
{
  guint64 bits, mantissa;
  int exponent, shift;
  Fixed t;

  memcpy (&bits, &v, sizeof bits);
  exponent = (bits >> 52) & 0x7ff;
  mantissa = (bits & ((G_GUINT64_CONSTANT (1) << 52) - 1)) | ((guint64) (exponent != 0) << 52);
  shift = MAX (exponent, 1) - 1075;  /* |v| = mantissa × 2^shift */
  if (shift >= 0)
    t = (Fixed) mantissa << shift;
  else
    t = shift > -64 ? mantissa >> -shift : 0;
  return bits >> 63 ? -t : t;
}

/* @x in fixed point, x × 2^scale, with the largest scale at which a sum
 * of all n points still fits: |x| < 2^e for every value, n < 2^bits, and
 * scale = 120 − bits − e. */
static Fixed *
to_fixed (const double *x,
          guint         n,
          guint         dim,
          int          *scale)
{
  Fixed *fixed = g_new (Fixed, (gsize) n * dim);
  double largest = 0, factor;
  int e, bits;

  for (gsize i = 0; i < (gsize) n * dim; i++)
    largest = MAX (largest, fabs (x[i]));
  frexp (largest, &e);
  frexp ((double) n, &bits);
  *scale = CLAMP (120 - bits - e, -1000, 1000);
  factor = ldexp (1, *scale);
  for (gsize i = 0; i < (gsize) n * dim; i++)
    fixed[i] = fixed_from_double (x[i] * factor);
  return fixed;
}

/* Cluster 0 is the cluster of point 0, the next new one met in input order is 1, … */
static void
renumber (OporaKmeansFit *fit)
{
  g_autofree guint *map = g_new (guint, fit->k);
  g_autofree double *centroids = g_memdup2 (fit->centroids, (gsize) fit->k * fit->dim * sizeof (double));
  guint next = 0;

  for (guint c = 0; c < fit->k; c++)
    map[c] = G_MAXUINT;
  for (guint i = 0; i < fit->n; i++)
    {
      if (map[fit->labels[i]] == G_MAXUINT)
        map[fit->labels[i]] = next++;
      fit->labels[i] = map[fit->labels[i]];
    }
  g_assert (next == fit->k);  /* Lloyd leaves no cluster empty */
  for (guint c = 0; c < fit->k; c++)
    memcpy (fit->centroids + (gsize) map[c] * fit->dim, centroids + (gsize) c * fit->dim,
            fit->dim * sizeof (double));
}

static gboolean
check_k (guint    k,
         guint    n,
         GError **error)
{
  if (n == 0)
    {
      g_set_error (error, OPORA_ERROR, OPORA_ERROR_INVALID,
                   _("There are no schools to group: check the filters and the missing values."));
      return FALSE;
    }
  if (k == 0 || k > n)
    {
      g_set_error (error, OPORA_ERROR, OPORA_ERROR_INVALID,
                   g_dngettext (GETTEXT_PACKAGE,
                                "Choose from 1 to %u cluster: there are that many schools.",
                                "Choose from 1 to %u clusters: there are that many schools.", n),
                   n);
      return FALSE;
    }
  return TRUE;
}

static void
problem_init (Problem      *p,
              const double *x,
              guint         n,
              guint         dim)
{
  *p = (Problem) { .x = x, .n = n, .dim = dim };
  p->xt = transpose (x, n, dim, NULL, stride_for (n));
  p->fixed = to_fixed (x, n, dim, &p->scale);
}

static void
problem_clear (Problem *p)
{
  g_clear_pointer (&p->xt, g_free);
  g_clear_pointer (&p->fixed, g_free);
}

/* The best of @restarts fits, on as many threads as there are processors. */
static OporaKmeansFit *
fit_problem (Problem *p,
             guint    k,
             guint64  seed,
             guint    restarts)
{
  guint n_threads = n_threads_for (restarts);
  g_autofree Best *bests = g_new0 (Best, n_threads);
  Best best = { NULL, 0 };

  p->k = k;
  p->seed = seed;
  p->restarts = restarts;
  p->next_restart = 0;
  p->next_worker = 0;
  p->bests = bests;
  run_on_threads (restart_worker, p, n_threads);
  for (guint t = 0; t < n_threads; t++)
    if (bests[t].fit != NULL)
      keep_best (&best, bests[t].fit, bests[t].restart);
  renumber (best.fit);
  return best.fit;
}

/**
 * opora_kmeans_fit:
 * @x: @n points of @dim features, row-major, standardized
 * @n: the number of points
 * @dim: the number of features
 * @k: the number of clusters, 1…@n
 * @seed: the seed of the k-means++ draws; the same seed gives the same bits
 * @restarts: how many k-means++ starts to try, at least 1
 * @error: return location for an error
 *
 * Clusters @x with k-means: each restart seeds with k-means++ and runs
 * Lloyd's iterations until no label changes (at most 300); the restart of
 * the lowest inertia wins, the earliest on a tie. A cluster left empty
 * takes the point farthest from its centroid. Centroids are the means of
 * their members, summed exactly. Restarts run on all processors; the
 * result does not depend on how many there are, nor on the CPU's vector
 * width.
 *
 * For example, the points 0, 1, 2, 10, 11, 12 on a line with k = 2 give
 * labels 0 0 0 1 1 1, centroids 1 and 11 and inertia 4.
 *
 * Returns: (transfer full) (nullable): the fit, or %NULL with @error set
 *   (%OPORA_ERROR_INVALID) when @k is 0 or above @n, @dim is 0 or a value
 *   is NaN or infinite
 */
OporaKmeansFit *
opora_kmeans_fit (const double  *x,
                  guint          n,
                  guint          dim,
                  guint          k,
                  guint64        seed,
                  guint          restarts,
                  GError       **error)
{
  Problem p;
  OporaKmeansFit *fit;

  g_return_val_if_fail (x != NULL || (gsize) n * dim == 0, NULL);
  g_return_val_if_fail (restarts >= 1, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (!check_k (k, n, error) || !check_values (x, n, dim, error))
    return NULL;
  problem_init (&p, x, n, dim);
  fit = fit_problem (&p, k, seed, restarts);
  problem_clear (&p);
  return fit;
}

void
opora_kmeans_fit_free (OporaKmeansFit *fit)
{
  if (fit == NULL)
    return;
  g_free (fit->labels);
  g_free (fit->centroids);
  g_free (fit);
}

/* ---- The exact silhouette ----
 *
 * s(i) needs, for every point i and every cluster, the sum of the distances
 * from i to the cluster's members: all n² distances, each needed by every
 * labeling. The points are sorted by the tuple of their labels in all the
 * labelings of a pass, so that every tuple is a contiguous segment:
 *
 *   position  0 1 2 3 4 5 6 7 8
 *   k = 2     0 0 0 0 0 1 1 1 1
 *   k = 3     0 0 1 1 1 1 2 2 2
 *   segment   0 0 1 1 1 2 3 3 3
 *
 * Segments are cut into blocks of at most BLOCK_SIZE points. A tile of
 * two blocks gives each row the sum of its distances to the column block
 * (one segment, so one cluster per labeling) and, by symmetry, each column
 * its sum to the row block: each distance is computed once. The sums go
 * into a table of n rows by the clusters of all labelings.
 *
 * Tiles are scheduled in rounds, as in a round-robin tournament: round 0
 * is every block with itself, and in each later round every block meets
 * one other. Threads take tiles in that order, and a tile waits until its
 * two blocks are done with the rounds before. So a block's rows of the
 * table are written by one tile at a time, with no lock, in the order of
 * the rounds whatever the number of threads; and a thread that the system
 * pauses holds up only the tiles that need its blocks, not a whole round.
 * A labeling whose tuples with the others would make too many short
 * segments waits for a later pass. */

#define BLOCK_SIZE         256  /* points in a block of the distance matrix */
#define MAX_PASS_CLUSTERS  256  /* clusters of all labelings of a pass: the table's width */
#define PLAIN_ROWS         64   /* rows a thread takes at a time when there is no table */

typedef struct {
  guint start;    /* positions in sorted order */
  guint end;
  guint segment;
} Block;

typedef struct {
  const double        *x;
  guint                n;
  guint                dim;
  const guint *const  *labels;
  const guint         *ks;
  double              *out;          /* n_labelings × n: s(i), in input order */
  GCancellable        *cancellable;

  /* This pass: the labelings first … first + count − 1. */
  guint                first;
  guint                count;
  guint               *order;        /* sorted position → point */
  double              *xt;           /* the points in that order, transposed */
  gsize                stride;
  guint                n_segments;
  guint               *seg_slot;     /* n_segments × count: the column of the segment's cluster in each labeling */
  guint               *size_at;      /* count + 1: where each labeling's clusters start in a row of the table */
  guint               *sizes;        /* the clusters' sizes, in that layout */
  guint                total_k;
  Block               *blocks;
  guint                n_blocks;
  double              *table;        /* n × total_k, by sorted position */

  /* The schedule; the fields below are atomic. */
  gint                 next_task;    /* tasks are taken in order, round by round */
  gint                *progress;     /* per block: the rounds whose tiles with it are done */
  gint                 stop;         /* set when cancelled */
} Pass;

/* s(i) from the sums of i's distances to each cluster: a is the mean
 * distance to the other members of its own, b the least mean distance to
 * the members of another; 0 for a point alone in its cluster. */
static double
silhouette_of (const double *sums,
               const guint  *sizes,
               guint         k,
               guint         own)
{
  double a, b = INFINITY;

  if (sizes[own] < 2)
    return 0;
  a = sums[own] / (sizes[own] - 1);
  for (guint c = 0; c < k; c++)
    if (c != own && sizes[c] > 0)
      b = MIN (b, sums[c] / sizes[c]);
  return MAX (a, b) > 0 ? (b - a) / MAX (a, b) : 0;
}

/* Task @task of the schedule: round 0 is block @task with itself; in each
 * later round, by the circle method, block m − 1 stays while the others
 * turn, so every pair meets exactly once (m is the number of blocks made
 * even). A pair with that dummy block is the other block alone, which has
 * no tile in that round. Returns the round. */
static guint
task_blocks (const Pass *pass,
             guint       task,
             guint      *a,
             guint      *b)
{
  guint m = pass->n_blocks + (pass->n_blocks & 1);
  guint r, t;

  if (task < pass->n_blocks)
    {
      *a = *b = task;
      return 0;
    }
  r = (task - pass->n_blocks) / (m / 2);
  t = (task - pass->n_blocks) % (m / 2);
  *a = t == 0 ? m - 1 : (r + t) % (m - 1);
  *b = t == 0 ? r : (r + (m - 1) - t) % (m - 1);
  if (*a == pass->n_blocks)
    *a = *b;
  if (*b == pass->n_blocks)
    *b = *a;
  return r + 1;
}

static guint
n_tasks (const Pass *pass)
{
  guint m = pass->n_blocks + (pass->n_blocks & 1);

  return pass->n_blocks + (m - 1) * (m / 2);
}

/* Adds sums[0 … count − 1] to the table rows from @start, in the columns of @segment's clusters. */
static void
add_to_table (Pass         *pass,
              guint         start,
              guint         count,
              const double *sums,
              guint         segment)
{
  const guint *slots = pass->seg_slot + segment * pass->count;

  for (guint i = 0; i < count; i++)
    {
      double *row = pass->table + (gsize) (start + i) * pass->total_k;
      for (guint g = 0; g < pass->count; g++)
        row[slots[g]] += sums[i];
    }
}

/* The tile of blocks @a and @b: a block with itself in round 0, a pair
 * later. The smaller block gives the rows, since rows are padded to 4 and
 * columns to 8. */
static void
run_tile (Pass   *pass,
          guint   round,
          guint   a,
          guint   b,
          Tile   *tile,
          double *col_sums)
{
  guint size_a = pass->blocks[a].end - pass->blocks[a].start;
  guint size_b = pass->blocks[b].end - pass->blocks[b].start;
  gboolean a_rows = size_a < size_b || (size_a == size_b && a <= b);
  const Block *rows = &pass->blocks[a_rows ? a : b];
  const Block *cols = &pass->blocks[a_rows ? b : a];

  tile->i_start = rows->start;
  tile->i_end = rows->end;
  tile->j_start = cols->start;
  tile->j_end = cols->end;
  tile->col_sums = round == 0 ? NULL : col_sums;
  tile_sums (tile);
  add_to_table (pass, rows->start, rows->end - rows->start, tile->row_sums, cols->segment);
  if (round > 0)
    add_to_table (pass, cols->start, cols->end - cols->start, tile->col_sums, rows->segment);
}

/* Waits until blocks @a and @b are done with the rounds before @round;
 * those tiles were taken earlier, so someone is at them. FALSE when the
 * pass stops. */
static gboolean
wait_for_blocks (Pass  *pass,
                 guint  a,
                 guint  b,
                 guint  round)
{
  while (!g_atomic_int_get (&pass->stop))
    {
      if ((guint) g_atomic_int_get (&pass->progress[a]) >= round &&
          (guint) g_atomic_int_get (&pass->progress[b]) >= round)
        return TRUE;
      g_thread_yield ();
    }
  return FALSE;
}

static gpointer
pass_worker (gpointer data)
{
  Pass *pass = data;
  g_autofree double *xi = g_new (double, 4 * pass->dim);
  g_autofree double *row_sums = g_new (double, BLOCK_SIZE);
  g_autofree double *col_sums = g_new (double, BLOCK_SIZE + 8);
  Tile tile = { .xt = pass->xt, .stride = pass->stride, .dim = pass->dim, .xi = xi, .row_sums = row_sums };
  guint task;

  while ((task = (guint) g_atomic_int_add (&pass->next_task, 1)) < n_tasks (pass))
    {
      guint a, b, round = task_blocks (pass, task, &a, &b);

      if (g_cancellable_is_cancelled (pass->cancellable))
        g_atomic_int_set (&pass->stop, TRUE);
      if (!wait_for_blocks (pass, a, b, round))
        break;
      if (round == 0 || a != b)
        run_tile (pass, round, a, b, &tile, col_sums);
      g_atomic_int_set (&pass->progress[a], round + 1);
      g_atomic_int_set (&pass->progress[b], round + 1);
    }
  return NULL;
}

/* Orders points by their labels in the pass's labelings, then by number. */
static gint
compare_tuples (gconstpointer a,
                gconstpointer b,
                gpointer      data)
{
  const Pass *pass = data;
  guint i = *(const guint *) a, j = *(const guint *) b;

  for (guint g = 0; g < pass->count; g++)
    {
      const guint *labels = pass->labels[pass->first + g];
      if (labels[i] != labels[j])
        return labels[i] < labels[j] ? -1 : 1;
    }
  return i < j ? -1 : (i > j);
}

static gboolean
same_tuple (const Pass *pass,
            guint       i,
            guint       j)
{
  for (guint g = 0; g < pass->count; g++)
    if (pass->labels[pass->first + g][i] != pass->labels[pass->first + g][j])
      return FALSE;
  return TRUE;
}

/* Sorts pass->order by the tuples of pass->count labelings; returns how many segments there are. */
static guint
sort_points (Pass *pass)
{
  guint n_segments = 1;

  for (guint i = 0; i < pass->n; i++)
    pass->order[i] = i;
  g_qsort_with_data (pass->order, pass->n, sizeof (guint), compare_tuples, pass);
  for (guint i = 1; i < pass->n; i++)
    n_segments += !same_tuple (pass, pass->order[i - 1], pass->order[i]);
  return n_segments;
}

/* Takes labelings into the pass from pass->first while the table stays
 * narrow and the segments long enough (64 points on average) to keep the
 * vector loops busy; the first one is always taken. */
static void
choose_labelings (Pass  *pass,
                  guint  n_labelings)
{
  guint limit = MAX (64, pass->n / 64);
  guint total_k = pass->ks[pass->first];

  pass->count = 1;
  pass->n_segments = sort_points (pass);
  while (pass->first + pass->count < n_labelings &&
         total_k + pass->ks[pass->first + pass->count] <= MAX_PASS_CLUSTERS)
    {
      guint n_segments;

      pass->count++;
      n_segments = sort_points (pass);
      if (n_segments > limit)
        {
          pass->count--;
          pass->n_segments = sort_points (pass);
          break;
        }
      pass->n_segments = n_segments;
      total_k += pass->ks[pass->first + pass->count - 1];
    }
}

/* The clusters' sizes and where each labeling's clusters start in a table row. */
static void
count_sizes (Pass *pass)
{
  pass->size_at = g_new (guint, pass->count + 1);
  pass->total_k = 0;
  for (guint g = 0; g < pass->count; g++)
    {
      pass->size_at[g] = pass->total_k;
      pass->total_k += pass->ks[pass->first + g];
    }
  pass->size_at[pass->count] = pass->total_k;
  pass->sizes = g_new0 (guint, pass->total_k);
  for (guint g = 0; g < pass->count; g++)
    for (guint i = 0; i < pass->n; i++)
      pass->sizes[pass->size_at[g] + pass->labels[pass->first + g][i]]++;
}

/* Cuts segment @s, positions [@start, @end), into blocks of equal size. */
static void
add_blocks (GArray *blocks,
            guint   s,
            guint   start,
            guint   end)
{
  guint pieces = (end - start + BLOCK_SIZE - 1) / BLOCK_SIZE;

  for (guint q = 0; q < pieces; q++)
    {
      Block block = { start + (guint) ((guint64) (end - start) * q / pieces),
                      start + (guint) ((guint64) (end - start) * (q + 1) / pieces), s };
      g_array_append_val (blocks, block);
    }
}

/* The segments' table columns and the blocks, from the sorted order. */
static void
build_blocks (Pass *pass)
{
  g_autoptr(GArray) blocks = g_array_new (FALSE, FALSE, sizeof (Block));
  guint s = 0, start = 0;

  pass->seg_slot = g_new (guint, (gsize) pass->n_segments * pass->count);
  for (guint i = 1; i <= pass->n; i++)
    if (i == pass->n || !same_tuple (pass, pass->order[i - 1], pass->order[i]))
      {
        for (guint g = 0; g < pass->count; g++)
          pass->seg_slot[s * pass->count + g] =
            pass->size_at[g] + pass->labels[pass->first + g][pass->order[start]];
        add_blocks (blocks, s++, start, i);
        start = i;
      }
  g_assert (s == pass->n_segments);
  pass->n_blocks = blocks->len;
  pass->blocks = (Block *) g_array_free (g_steal_pointer (&blocks), FALSE);
}

/* s(i) of every point in each labeling of the pass, from the table. */
static void
finish_pass (Pass *pass)
{
  for (guint b = 0; b < pass->n_blocks; b++)
    for (guint i = pass->blocks[b].start; i < pass->blocks[b].end; i++)
      for (guint g = 0; g < pass->count; g++)
        {
          guint at = pass->size_at[g];
          guint own = pass->seg_slot[pass->blocks[b].segment * pass->count + g] - at;

          pass->out[(gsize) (pass->first + g) * pass->n + pass->order[i]] =
            silhouette_of (pass->table + (gsize) i * pass->total_k + at, pass->sizes + at,
                           pass->ks[pass->first + g], own);
        }
}

static void
pass_clear (Pass *pass)
{
  g_clear_pointer (&pass->xt, g_free);
  g_clear_pointer (&pass->seg_slot, g_free);
  g_clear_pointer (&pass->size_at, g_free);
  g_clear_pointer (&pass->sizes, g_free);
  g_clear_pointer (&pass->blocks, g_free);
  g_clear_pointer (&pass->table, g_free);
  g_clear_pointer (&pass->progress, g_free);
}

/* s(i) for the labelings from pass->first on, as many as one pass takes. */
static void
run_pass (Pass  *pass,
          guint  n_labelings)
{
  choose_labelings (pass, n_labelings);
  count_sizes (pass);
  build_blocks (pass);
  pass->stride = stride_for (pass->n);
  pass->xt = transpose (pass->x, pass->n, pass->dim, pass->order, pass->stride);
  pass->table = g_new0 (double, (gsize) pass->n * pass->total_k);
  pass->progress = g_new0 (gint, pass->n_blocks);
  pass->next_task = 0;
  pass->stop = FALSE;
  run_on_threads (pass_worker, pass, n_threads_for ((pass->n_blocks + 1) / 2));
  if (!pass->stop)
    finish_pass (pass);
  pass_clear (pass);
}

/* A labeling of more than MAX_PASS_CLUSTERS clusters goes without the
 * table: each row sums its distances to every point on its own. Slow, but
 * such labelings are not what the sweep makes. */
static gpointer
plain_worker (gpointer data)
{
  Pass *pass = data;
  const guint *labels = pass->labels[pass->first];
  guint k = pass->ks[pass->first], dim = pass->dim;
  guint n_blocks = (pass->n + PLAIN_ROWS - 1) / PLAIN_ROWS;
  g_autofree double *sums = g_new (double, k);
  guint block;

  while ((block = (guint) g_atomic_int_add (&pass->next_task, 1)) < n_blocks &&
         !g_cancellable_is_cancelled (pass->cancellable))
    for (guint i = block * PLAIN_ROWS; i < MIN (pass->n, (block + 1) * PLAIN_ROWS); i++)
      {
        const double *xi = pass->x + (gsize) i * dim;

        memset (sums, 0, k * sizeof (double));
        for (guint j = 0; j < pass->n; j++)
          {
            const double *xj = pass->x + (gsize) j * dim;
            double d = 0;
            for (guint f = 0; f < dim; f++)
              d += (xj[f] - xi[f]) * (xj[f] - xi[f]);
            sums[labels[j]] += sqrt (d);
          }
        pass->out[(gsize) pass->first * pass->n + i] = silhouette_of (sums, pass->sizes, k, labels[i]);
      }
  return NULL;
}

static void
run_plain_pass (Pass *pass)
{
  pass->count = 1;
  count_sizes (pass);
  pass->next_task = 0;
  run_on_threads (plain_worker, pass, n_threads_for ((pass->n + PLAIN_ROWS - 1) / PLAIN_ROWS));
  pass_clear (pass);
}

static gboolean
labels_in_range (const guint *labels,
                 guint        n,
                 guint        k)
{
  for (guint i = 0; i < n; i++)
    if (labels[i] >= k)
      return FALSE;
  return TRUE;
}

static guint
count_clusters (const guint *labels,
                guint        n,
                guint        k)
{
  g_autofree gboolean *seen = g_new0 (gboolean, k);
  guint count = 0;

  for (guint i = 0; i < n; i++)
    if (!seen[labels[i]])
      {
        seen[labels[i]] = TRUE;
        count++;
      }
  return count;
}

/**
 * opora_silhouette_many:
 * @x: @n points of @dim features, row-major
 * @n: the number of points
 * @dim: the number of features
 * @n_labelings: how many clusterings of the points to score
 * @labels: (array length=n_labelings): for each, @n labels in 0…ks[l] − 1
 * @ks: (array length=n_labelings): the number of clusters of each
 * @means: (out caller-allocates) (array length=n_labelings): each mean silhouette
 * @per_point: (out caller-allocates) (nullable): n_labelings × @n values of s(i), in input order
 * @cancellable: (nullable): checked between tiles of the distance matrix
 * @error: return location for an error
 *
 * Computes the exact mean silhouette of each labeling with Euclidean
 * distances, as scikit-learn's silhouette_score does: for a point i,
 * a(i) is the mean distance to the other members of its cluster, b(i) the
 * least mean distance to the members of another cluster, and
 * s(i) = (b − a) / max (a, b), or 0 when i is alone in its cluster.
 * All labelings share one pass over the n² distances where they can. The
 * work is spread over all processors; the result does not depend on how
 * many there are.
 *
 * For example, the points 0, 1 and 4 on a line labelled 0 0 1 give
 * s = (4 − 1) / 4, (3 − 1) / 3 and 0 (alone), and the mean 17/36 = 0.4722…
 *
 * Returns: %TRUE, or %FALSE with @error set: %G_IO_ERROR_CANCELLED, or
 *   %OPORA_ERROR_INVALID when @dim is 0, a value is NaN or infinite, or a
 *   labeling has fewer than two clusters with points in them
 */
gboolean
opora_silhouette_many (const double        *x,
                       guint                n,
                       guint                dim,
                       guint                n_labelings,
                       const guint *const  *labels,
                       const guint         *ks,
                       double              *means,
                       double              *per_point,
                       GCancellable        *cancellable,
                       GError             **error)
{
  g_autofree double *own_out = NULL;
  g_autofree guint *order = NULL;
  Pass pass = { .x = x, .n = n, .dim = dim, .labels = labels, .ks = ks, .cancellable = cancellable };

  g_return_val_if_fail (x != NULL || (gsize) n * dim == 0, FALSE);
  g_return_val_if_fail (n_labelings == 0 || (labels != NULL && ks != NULL && means != NULL), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);
  for (guint l = 0; l < n_labelings; l++)
    g_return_val_if_fail (labels_in_range (labels[l], n, ks[l]), FALSE);

  if (!check_values (x, n, dim, error))
    return FALSE;
  for (guint l = 0; l < n_labelings; l++)
    if (count_clusters (labels[l], n, ks[l]) < 2)
      {
        g_set_error (error, OPORA_ERROR, OPORA_ERROR_INVALID,
                     _("The silhouette needs at least two clusters with schools in them."));
        return FALSE;
      }

  pass.out = per_point ? per_point : (own_out = g_new (double, (gsize) n_labelings * n));
  pass.order = order = g_new (guint, MAX (n, 1));
  for (pass.first = 0; pass.first < n_labelings && !g_cancellable_is_cancelled (cancellable);
       pass.first += pass.count)
    {
      if (ks[pass.first] > MAX_PASS_CLUSTERS)
        run_plain_pass (&pass);
      else
        run_pass (&pass, n_labelings);
    }
  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    return FALSE;
  for (guint l = 0; l < n_labelings; l++)
    {
      double sum = 0;
      for (guint i = 0; i < n; i++)
        sum += pass.out[(gsize) l * n + i];
      means[l] = sum / n;
    }
  return TRUE;
}

/* ---- The sweep over k ---- */

void
opora_kmeans_sweep_row_free (OporaKmeansSweepRow *row)
{
  if (row == NULL)
    return;
  opora_kmeans_fit_free (row->fit);
  g_free (row);
}

/**
 * opora_kmeans_sweep:
 * @x: @n points of @dim features, row-major, standardized
 * @n: the number of points
 * @dim: the number of features
 * @k_min: the first k, at least 2
 * @k_max: the last k, at least @k_min and at most @n
 * @seed: as for opora_kmeans_fit()
 * @restarts: as for opora_kmeans_fit()
 * @cancellable: (nullable): checked between the fits and during the silhouettes
 * @error: return location for an error
 *
 * Fits k-means for each k from @k_min to @k_max (the same fits as
 * opora_kmeans_fit() gives) and scores them all with the exact silhouette
 * in one opora_silhouette_many() call.
 *
 * Returns: (transfer container) (element-type OporaKmeansSweepRow) (nullable):
 *   one row per k in order, or %NULL with @error set as by those two
 */
GPtrArray *
opora_kmeans_sweep (const double  *x,
                    guint          n,
                    guint          dim,
                    guint          k_min,
                    guint          k_max,
                    guint64        seed,
                    guint          restarts,
                    GCancellable  *cancellable,
                    GError       **error)
{
  g_autoptr(GPtrArray) rows = NULL;
  g_autofree const guint **labels = NULL;
  g_autofree guint *ks = NULL;
  g_autofree double *means = NULL;
  Problem p;
  guint count;

  g_return_val_if_fail (x != NULL || (gsize) n * dim == 0, NULL);
  g_return_val_if_fail (k_min <= k_max, NULL);
  g_return_val_if_fail (restarts >= 1, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (k_min < 2)
    {
      g_set_error (error, OPORA_ERROR, OPORA_ERROR_INVALID,
                   _("The silhouette compares clusters: start the range of clusters at 2 or more."));
      return NULL;
    }
  if (!check_k (k_max, n, error) || !check_values (x, n, dim, error))
    return NULL;
  count = k_max - k_min + 1;
  rows = g_ptr_array_new_full (count, (GDestroyNotify) opora_kmeans_sweep_row_free);
  labels = g_new (const guint *, count);
  ks = g_new (guint, count);
  means = g_new (double, count);
  problem_init (&p, x, n, dim);
  for (guint k = k_min; k <= k_max && !g_cancellable_is_cancelled (cancellable); k++)
    {
      OporaKmeansSweepRow *row = g_new0 (OporaKmeansSweepRow, 1);

      row->k = ks[k - k_min] = k;
      row->fit = fit_problem (&p, k, seed, restarts);
      labels[k - k_min] = row->fit->labels;
      g_ptr_array_add (rows, row);
    }
  problem_clear (&p);
  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    return NULL;
  if (!opora_silhouette_many (x, n, dim, count, labels, ks, means, NULL, cancellable, error))
    return NULL;
  for (guint i = 0; i < count; i++)
    ((OporaKmeansSweepRow *) rows->pdata[i])->silhouette = means[i];
  return g_steal_pointer (&rows);
}

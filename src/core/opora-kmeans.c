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

/* The kernels work on four doubles at a time with GCC's vector extensions:
 * one AVX register, or two SSE2 registers on the baseline x86-64. Every
 * operation is lane by lane and there is no fused multiply-add, so both
 * builds of a kernel give the same bits (test-kmeans checks it). The types
 * are only 8-byte aligned, so a cast pointer loads from any double. */
typedef double v4d __attribute__ ((vector_size (32), aligned (8)));
typedef gint64 v4i __attribute__ ((vector_size (32), aligned (8)));

#define V4(p)            (*(v4d *) (p))
#define CONST_V4(p)      (*(const v4d *) (p))
#define SELECT(m, a, b)  ((v4d) (((v4i) (a) & (m)) | ((v4i) (b) & ~(m))))

#define MAX_ITERATIONS   300
#define ROW_BLOCK        64   /* silhouette rows handed to a thread at a time */

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
 * a kernel may load a whole vector past the last point. */
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

/* ---- The nearest-centroid kernel ---- */

/* For the points [@p0, @p1) of @xt (p1 − p0 a multiple of 8), the number of
 * the nearest of the @k centroids (the first on a tie) and the squared
 * distance to it. Distances are Σ (x − c)² in feature order. */
static inline __attribute__ ((always_inline)) void
nearest_body (const double *xt,
              gsize         stride,
              guint         dim,
              const double *centroids,
              guint         k,
              guint         p0,
              guint         p1,
              guint        *labels,
              double       *dist)
{
  for (guint p = p0; p < p1; p += 8)
    {
      v4d best0 = { INFINITY, INFINITY, INFINITY, INFINITY }, best1 = best0;
      v4i label0 = { 0 }, label1 = { 0 };

      for (guint c = 0; c < k; c++)
        {
          const double *centroid = centroids + (gsize) c * dim;
          v4d s0 = { 0 }, s1 = { 0 };
          v4i m0, m1;

          for (guint f = 0; f < dim; f++)
            {
              const double *column = xt + f * stride + p;
              v4d t0 = CONST_V4 (column) - centroid[f];
              v4d t1 = CONST_V4 (column + 4) - centroid[f];
              s0 += t0 * t0;
              s1 += t1 * t1;
            }
          m0 = (v4i) (s0 < best0);
          m1 = (v4i) (s1 < best1);
          best0 = SELECT (m0, s0, best0);
          best1 = SELECT (m1, s1, best1);
          label0 = (label0 & ~m0) | ((gint64) c & m0);
          label1 = (label1 & ~m1) | ((gint64) c & m1);
        }
      for (guint l = 0; l < 4; l++)
        {
          labels[p + l] = label0[l];
          labels[p + 4 + l] = label1[l];
          dist[p + l] = best0[l];
          dist[p + 4 + l] = best1[l];
        }
    }
}

#ifdef HAVE_AVX2_KERNELS
__attribute__ ((target ("avx2"))) static void
nearest_avx2 (const double *xt, gsize stride, guint dim, const double *centroids, guint k,
              guint p0, guint p1, guint *labels, double *dist)
{
  nearest_body (xt, stride, dim, centroids, k, p0, p1, labels, dist);
}
#endif

static void
nearest_baseline (const double *xt, gsize stride, guint dim, const double *centroids, guint k,
                  guint p0, guint p1, guint *labels, double *dist)
{
  nearest_body (xt, stride, dim, centroids, k, p0, p1, labels, dist);
}

/* The nearest centroid of every point; @labels and @dist hold stride_for (n). */
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
  guint end = (n + 7) / 8 * 8;

#ifdef HAVE_AVX2_KERNELS
  if (use_avx2 ())
    {
      nearest_avx2 (xt, stride, dim, centroids, k, 0, end, labels, dist);
      return;
    }
#endif
  nearest_baseline (xt, stride, dim, centroids, k, 0, end, labels, dist);
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

typedef struct {
  const double *x;       /* n × dim, as given */
  const double *xt;      /* the transposed copy */
  guint         n;
  guint         dim;
  guint         k;
  guint64       seed;
  guint         restarts;
  gint          next_restart;  /* atomic */
  GMutex        lock;
  OporaKmeansFit *best;  /* under lock; lowest inertia, then lowest restart */
  guint         best_restart;
} Problem;

/* One restart's working arrays. */
typedef struct {
  guint  *labels;      /* stride_for (n) */
  guint  *previous;
  double *dist;        /* squared distance to the own centroid */
  double *scratch;     /* k-means++: a candidate's distances, then the minimum */
  double *kept;        /* k-means++: the same for the best candidate so far */
  double *cumulative;  /* k-means++: running sums of the weights */
  double *centroids;   /* k × dim */
  double *sums;
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
  run->sums = g_new0 (double, (gsize) p->k * p->dim);
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
      run->counts[run->labels[far]]--;
      run->counts[c] = 1;
      run->labels[far] = c;
      run->dist[far] = 0;
    }
}

/* Centroids as the means of the labels' clusters, summed in input order. */
static void
update_centroids (const Problem *p,
                  Run           *run)
{
  guint dim = p->dim;

  memset (run->counts, 0, p->k * sizeof (guint));
  for (guint i = 0; i < p->n; i++)
    run->counts[run->labels[i]]++;
  fill_empty_clusters (p, run);

  memset (run->sums, 0, (gsize) p->k * dim * sizeof (double));
  for (guint i = 0; i < p->n; i++)
    {
      const double *point = p->x + (gsize) i * dim;
      double *sum = run->sums + (gsize) run->labels[i] * dim;
      for (guint f = 0; f < dim; f++)
        sum[f] += point[f];
    }
  for (guint c = 0; c < p->k; c++)
    for (guint f = 0; f < dim; f++)
      run->centroids[(gsize) c * dim + f] = run->sums[(gsize) c * dim + f] / run->counts[c];
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

/* Keeps @fit if it beats the best so far: lower inertia, or the same
 * inertia from an earlier restart, so the winner is the same whichever
 * thread finished first. */
static void
offer_fit (Problem        *p,
           OporaKmeansFit *fit,
           guint           restart)
{
  g_mutex_lock (&p->lock);
  if (p->best == NULL || fit->inertia < p->best->inertia ||
      (fit->inertia == p->best->inertia && restart < p->best_restart))
    {
      g_clear_pointer (&p->best, opora_kmeans_fit_free);
      p->best = g_steal_pointer (&fit);
      p->best_restart = restart;
    }
  g_mutex_unlock (&p->lock);
  g_clear_pointer (&fit, opora_kmeans_fit_free);
}

static gpointer
restart_worker (gpointer data)
{
  Problem *p = data;
  Run run;
  guint restart;

  run_init (&run, p);
  while ((restart = g_atomic_int_add (&p->next_restart, 1)) < p->restarts)
    {
      Rng rng = rng_for_restart (p->seed, restart);
      guint iterations;

      seed_centroids (p, &run, &rng);
      iterations = lloyd (p, &run);
      offer_fit (p, fit_new (p, &run, iterations), restart);
    }
  run_clear (&run);
  return NULL;
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
 * the lowest inertia wins, the earliest on a tie. Restarts run on all
 * processors; the result does not depend on how many there are.
 *
 * For example, the points 0, 1, 2, 10, 11, 12 on a line with k = 2 give
 * labels 0 0 0 1 1 1, centroids 1 and 11 and inertia 4.
 *
 * Returns: (transfer full) (nullable): the fit, or %NULL with @error set
 *   (%OPORA_ERROR_INVALID) when k is 0 or above @n, @dim is 0 or a value
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
  g_autofree double *xt = NULL;
  Problem p = { .x = x, .n = n, .dim = dim, .k = k, .seed = seed, .restarts = restarts };

  g_return_val_if_fail (x != NULL || (gsize) n * dim == 0, NULL);
  g_return_val_if_fail (restarts >= 1, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (k == 0 || k > n)
    {
      g_set_error (error, OPORA_ERROR, OPORA_ERROR_INVALID,
                   g_dngettext (GETTEXT_PACKAGE,
                                "Choose from 1 to %u cluster: there are that many schools.",
                                "Choose from 1 to %u clusters: there are that many schools.", n),
                   n);
      return NULL;
    }
  if (!check_values (x, n, dim, error))
    return NULL;

  p.xt = xt = transpose (x, n, dim, NULL, stride_for (n));
  g_mutex_init (&p.lock);
  run_on_threads (restart_worker, &p, n_threads_for (restarts));
  g_mutex_clear (&p.lock);
  renumber (p.best);
  return p.best;
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
 * from i to the cluster's members: n² distances, each used once per
 * labeling. The points are sorted by the tuple of their labels in all the
 * labelings of a pass, so every tuple is a contiguous segment:
 *
 *   position  0 1 2 3 4 5 6 7 8
 *   k = 2     0 0 0 0 0 1 1 1 1
 *   k = 3     0 0 1 1 1 1 2 2 2
 *   segment   0 0 1 1 1 2 3 3 3
 *
 * A row's distances are summed over each segment by vector loads alone;
 * a cluster's sum is then the sum of its segments' sums. Each row is
 * summed by one thread in a fixed order, so the thread count changes no
 * bit. Labelings that would cut the points into too many small segments
 * are left to another pass. */

typedef void (*SqrtFunc) (v4d *v);

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
  guint               *seg_start;    /* n_segments + 1 positions */
  guint               *seg_of;       /* position → segment */
  guint               *seg_label;    /* n_segments × count: the segment's cluster in each labeling */
  guint               *size_at;      /* count + 1: where each labeling's cluster sizes start */
  guint               *sizes;
  guint                max_k;
  gint                 next_block;   /* atomic */
} Pass;

#ifdef HAVE_AVX2_KERNELS
static inline __attribute__ ((always_inline, target ("avx2"))) void
sqrt_avx2 (v4d *v)
{
  *v = (v4d) _mm256_sqrt_pd ((__m256d) *v);
}

static inline __attribute__ ((always_inline)) void
sqrt_sse2 (v4d *v)
{
  __m128d lo = _mm_sqrt_pd ((__m128d) { (*v)[0], (*v)[1] });
  __m128d hi = _mm_sqrt_pd ((__m128d) { (*v)[2], (*v)[3] });

  *v = (v4d) { lo[0], lo[1], hi[0], hi[1] };
}
#else
static inline void
sqrt_plain (v4d *v)
{
  for (guint l = 0; l < 4; l++)
    (*v)[l] = sqrt ((*v)[l]);
}
#endif

/* One step of the distance sums: the rows' features are xf[0…3]. */
#define ROW_STEP(d, column_vector, row) \
  do { v4d t_ = (column_vector) - xf[row]; d += t_ * t_; } while (0)

/* Adds the distances from the four rows at @xi (feature-major: xi[f × 4 + r])
 * to the points [@j, @j + 8) to @acc, lane by lane. Written out row by row
 * so that all sixteen sums stay in registers. */
static inline __attribute__ ((always_inline)) void
add_distances_8 (const double *xt,
                 gsize         stride,
                 guint         dim,
                 const double *xi,
                 guint         j,
                 v4d           acc[4],
                 SqrtFunc      vsqrt)
{
  v4d d0a = { 0 }, d0b = { 0 }, d1a = { 0 }, d1b = { 0 };
  v4d d2a = { 0 }, d2b = { 0 }, d3a = { 0 }, d3b = { 0 };

  for (guint f = 0; f < dim; f++)
    {
      const double *column = xt + f * stride + j;
      const double *xf = xi + f * 4;
      v4d a = CONST_V4 (column), b = CONST_V4 (column + 4);

      ROW_STEP (d0a, a, 0); ROW_STEP (d0b, b, 0);
      ROW_STEP (d1a, a, 1); ROW_STEP (d1b, b, 1);
      ROW_STEP (d2a, a, 2); ROW_STEP (d2b, b, 2);
      ROW_STEP (d3a, a, 3); ROW_STEP (d3b, b, 3);
    }
  vsqrt (&d0a); vsqrt (&d0b); vsqrt (&d1a); vsqrt (&d1b);
  vsqrt (&d2a); vsqrt (&d2b); vsqrt (&d3a); vsqrt (&d3b);
  acc[0] += d0a + d0b;
  acc[1] += d1a + d1b;
  acc[2] += d2a + d2b;
  acc[3] += d3a + d3b;
}

/* The same for the points [@j, @j + 4), with the lanes not in @keep left out. */
static inline __attribute__ ((always_inline)) void
add_distances_4 (const double *xt,
                 gsize         stride,
                 guint         dim,
                 const double *xi,
                 guint         j,
                 v4i           keep,
                 v4d           acc[4],
                 SqrtFunc      vsqrt)
{
  v4d d0 = { 0 }, d1 = { 0 }, d2 = { 0 }, d3 = { 0 };

  for (guint f = 0; f < dim; f++)
    {
      const double *xf = xi + f * 4;
      v4d a = CONST_V4 (xt + f * stride + j);

      ROW_STEP (d0, a, 0);
      ROW_STEP (d1, a, 1);
      ROW_STEP (d2, a, 2);
      ROW_STEP (d3, a, 3);
    }
  vsqrt (&d0); vsqrt (&d1); vsqrt (&d2); vsqrt (&d3);
  acc[0] += (v4d) ((v4i) d0 & keep);
  acc[1] += (v4d) ((v4i) d1 & keep);
  acc[2] += (v4d) ((v4i) d2 & keep);
  acc[3] += (v4d) ((v4i) d3 & keep);
}

/* For the four rows from position @i0, the sum of the distances to each
 * segment: sums[r × n_segments + s]. A segment's tail is a whole vector
 * with the lanes past its end masked off. */
static inline __attribute__ ((always_inline)) void
segment_sums_body (const Pass *pass,
                   guint       i0,
                   double     *xi,
                   double     *sums,
                   SqrtFunc    vsqrt)
{
  const double *xt = pass->xt;
  gsize stride = pass->stride;
  guint dim = pass->dim;

  for (guint f = 0; f < dim; f++)
    for (guint r = 0; r < 4; r++)
      xi[f * 4 + r] = xt[f * stride + i0 + r];

  for (guint s = 0; s < pass->n_segments; s++)
    {
      guint j = pass->seg_start[s], end = pass->seg_start[s + 1];
      v4d acc[4] = { { 0 } };

      for (; j + 8 <= end; j += 8)
        add_distances_8 (xt, stride, dim, xi, j, acc, vsqrt);
      for (; j < end; j += 4)
        {
          v4i lanes = { 0, 1, 2, 3 };
          add_distances_4 (xt, stride, dim, xi, j, (v4i) (lanes < (gint64) (end - j)), acc, vsqrt);
        }
      for (guint r = 0; r < 4; r++)
        sums[r * pass->n_segments + s] = (acc[r][0] + acc[r][1]) + (acc[r][2] + acc[r][3]);
    }
}

#ifdef HAVE_AVX2_KERNELS
__attribute__ ((target ("avx2"))) static void
segment_sums_avx2 (const Pass *pass, guint i0, double *xi, double *sums)
{
  segment_sums_body (pass, i0, xi, sums, sqrt_avx2);
}

static void
segment_sums_baseline (const Pass *pass, guint i0, double *xi, double *sums)
{
  segment_sums_body (pass, i0, xi, sums, sqrt_sse2);
}
#else
static void
segment_sums_baseline (const Pass *pass, guint i0, double *xi, double *sums)
{
  segment_sums_body (pass, i0, xi, sums, sqrt_plain);
}
#endif

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

/* s(i) of the four rows from @i0 in each labeling of the pass. */
static void
finish_rows (const Pass   *pass,
             guint         i0,
             const double *sums,
             double       *cluster_sums)
{
  for (guint i = i0; i < MIN (i0 + 4, pass->n); i++)
    {
      const double *row = sums + (i - i0) * pass->n_segments;

      for (guint g = 0; g < pass->count; g++)
        {
          guint k = pass->ks[pass->first + g];
          const guint *sizes = pass->sizes + pass->size_at[g];
          guint own = pass->seg_label[pass->seg_of[i] * pass->count + g];

          memset (cluster_sums, 0, k * sizeof (double));
          for (guint s = 0; s < pass->n_segments; s++)
            cluster_sums[pass->seg_label[s * pass->count + g]] += row[s];
          pass->out[(gsize) (pass->first + g) * pass->n + pass->order[i]] =
            silhouette_of (cluster_sums, sizes, k, own);
        }
    }
}

static gpointer
silhouette_worker (gpointer data)
{
  Pass *pass = data;
  guint n_blocks = (pass->n + ROW_BLOCK - 1) / ROW_BLOCK;
  g_autofree double *xi = g_new (double, 4 * pass->dim);
  g_autofree double *sums = g_new (double, 4 * (gsize) pass->n_segments);
  g_autofree double *cluster_sums = g_new (double, pass->max_k);
  gboolean avx2 = use_avx2 ();
  guint block;

  while ((block = (guint) g_atomic_int_add (&pass->next_block, 1)) < n_blocks)
    {
      if (g_cancellable_is_cancelled (pass->cancellable))
        break;
      for (guint i0 = block * ROW_BLOCK; i0 < MIN (pass->n, (block + 1) * ROW_BLOCK); i0 += 4)
        {
#ifdef HAVE_AVX2_KERNELS
          if (avx2)
            segment_sums_avx2 (pass, i0, xi, sums);
          else
#endif
            segment_sums_baseline (pass, i0, xi, sums);
          finish_rows (pass, i0, sums, cluster_sums);
        }
    }
  (void) avx2;
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

/* Takes labelings into the pass from pass->first while the segments stay
 * long enough (64 points on average) to keep the vector loops busy; one
 * labeling is always taken. */
static void
choose_labelings (Pass  *pass,
                  guint  n_labelings)
{
  guint limit = MAX (64, pass->n / 64);

  pass->count = 1;
  pass->n_segments = sort_points (pass);
  while (pass->first + pass->count < n_labelings)
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
    }
}

static void
build_segments (Pass *pass)
{
  guint s = 0;

  pass->seg_start = g_new (guint, pass->n_segments + 1);
  pass->seg_of = g_new (guint, pass->n);
  pass->seg_label = g_new (guint, (gsize) pass->n_segments * pass->count);
  for (guint i = 0; i < pass->n; i++)
    {
      if (i == 0 || !same_tuple (pass, pass->order[i - 1], pass->order[i]))
        {
          pass->seg_start[s] = i;
          for (guint g = 0; g < pass->count; g++)
            pass->seg_label[s * pass->count + g] = pass->labels[pass->first + g][pass->order[i]];
          s++;
        }
      pass->seg_of[i] = s - 1;
    }
  g_assert (s == pass->n_segments);
  pass->seg_start[s] = pass->n;
}

static void
count_sizes (Pass *pass)
{
  guint total = 0;

  pass->size_at = g_new (guint, pass->count + 1);
  pass->max_k = 0;
  for (guint g = 0; g < pass->count; g++)
    {
      pass->size_at[g] = total;
      total += pass->ks[pass->first + g];
      pass->max_k = MAX (pass->max_k, pass->ks[pass->first + g]);
    }
  pass->size_at[pass->count] = total;
  pass->sizes = g_new0 (guint, total);
  for (guint g = 0; g < pass->count; g++)
    for (guint i = 0; i < pass->n; i++)
      pass->sizes[pass->size_at[g] + pass->labels[pass->first + g][i]]++;
}

static void
pass_clear (Pass *pass)
{
  g_clear_pointer (&pass->xt, g_free);
  g_clear_pointer (&pass->seg_start, g_free);
  g_clear_pointer (&pass->seg_of, g_free);
  g_clear_pointer (&pass->seg_label, g_free);
  g_clear_pointer (&pass->size_at, g_free);
  g_clear_pointer (&pass->sizes, g_free);
}

/* s(i) for every point in the labelings from pass->first on, as many as one pass takes. */
static void
run_pass (Pass  *pass,
          guint  n_labelings)
{
  choose_labelings (pass, n_labelings);
  build_segments (pass);
  count_sizes (pass);
  pass->stride = stride_for (pass->n);
  pass->xt = transpose (pass->x, pass->n, pass->dim, pass->order, pass->stride);
  pass->next_block = 0;
  run_on_threads (silhouette_worker, pass, n_threads_for ((pass->n + ROW_BLOCK - 1) / ROW_BLOCK));
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
 * @cancellable: (nullable): checked between blocks of 64 points
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
  for (pass.first = 0; pass.first < n_labelings; pass.first += pass.count)
    {
      run_pass (&pass, n_labelings);
      if (g_cancellable_set_error_if_cancelled (cancellable, error))
        return FALSE;
    }
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
  guint count;

  g_return_val_if_fail (k_min <= k_max, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (k_min < 2)
    {
      g_set_error (error, OPORA_ERROR, OPORA_ERROR_INVALID,
                   _("The silhouette compares clusters: start the range of clusters at 2 or more."));
      return NULL;
    }
  count = k_max - k_min + 1;
  rows = g_ptr_array_new_full (count, (GDestroyNotify) opora_kmeans_sweep_row_free);
  labels = g_new (const guint *, count);
  ks = g_new (guint, count);
  means = g_new (double, count);
  for (guint k = k_min; k <= k_max; k++)
    {
      OporaKmeansSweepRow *row = g_new0 (OporaKmeansSweepRow, 1);

      g_ptr_array_add (rows, row);
      row->k = ks[k - k_min] = k;
      if (g_cancellable_set_error_if_cancelled (cancellable, error) ||
          !(row->fit = opora_kmeans_fit (x, n, dim, k, seed, restarts, error)))
        return NULL;
      labels[k - k_min] = row->fit->labels;
    }
  if (!opora_silhouette_many (x, n, dim, count, labels, ks, means, NULL, cancellable, error))
    return NULL;
  for (guint i = 0; i < count; i++)
    ((OporaKmeansSweepRow *) rows->pdata[i])->silhouette = means[i];
  return g_steal_pointer (&rows);
}

/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Tests of k-means and the exact silhouette: worked examples, scikit-learn's results, same bits on any thread count. */

#include <json-glib/json-glib.h>
#include <math.h>
#include <string.h>

#include "opora-error.h"
#include "opora-kmeans.h"

/* ---- Helpers ---- */

/* A deterministic cloud of @n points in @n_blobs normal blobs of dim
 * features: blob b sits at 3 on feature b mod dim (at −2 on the others
 * once b ≥ dim), point i is in blob i mod n_blobs. */
static double *
make_blobs (guint n,
            guint dim,
            guint n_blobs)
{
  double *x = g_new (double, (gsize) n * dim);
  guint64 state = 12345;

  for (gsize i = 0; i < (gsize) n * dim; i++)
    {
      guint blob = (i / dim) % n_blobs, f = i % dim;
      double u[2];

      /* splitmix64 for two uniforms in (0, 1), then Box–Muller. */
      for (guint h = 0; h < 2; h++)
        {
          guint64 z = (state += G_GUINT64_CONSTANT (0x9E3779B97F4A7C15));
          z = (z ^ (z >> 30)) * G_GUINT64_CONSTANT (0xBF58476D1CE4E5B9);
          z = (z ^ (z >> 27)) * G_GUINT64_CONSTANT (0x94D049BB133111EB);
          u[h] = ((z ^ (z >> 31)) >> 11) * 0x1.0p-53 + 0x1.0p-54;
        }
      x[i] = (f == blob % dim ? 3.0 : blob >= dim ? -2.0 : 0.0) +
             sqrt (-2 * log (u[0])) * cos (2 * G_PI * u[1]);
    }
  return x;
}

/* s(i) straight from the definition, one point at a time. */
static double
brute_silhouette (const double *x,
                  guint         n,
                  guint         dim,
                  const guint  *labels,
                  guint         k,
                  double       *per_point)
{
  g_autofree double *sums = g_new (double, k);
  g_autofree guint *sizes = g_new0 (guint, k);
  double total = 0;

  for (guint i = 0; i < n; i++)
    sizes[labels[i]]++;
  for (guint i = 0; i < n; i++)
    {
      double a, b = INFINITY, s = 0;

      memset (sums, 0, k * sizeof (double));
      for (guint j = 0; j < n; j++)
        {
          double d = 0;
          for (guint f = 0; f < dim; f++)
            d += (x[i * dim + f] - x[j * dim + f]) * (x[i * dim + f] - x[j * dim + f]);
          sums[labels[j]] += sqrt (d);
        }
      if (sizes[labels[i]] > 1)
        {
          a = sums[labels[i]] / (sizes[labels[i]] - 1);
          for (guint c = 0; c < k; c++)
            if (c != labels[i] && sizes[c] > 0)
              b = MIN (b, sums[c] / sizes[c]);
          s = MAX (a, b) > 0 ? (b - a) / MAX (a, b) : 0;
        }
      per_point[i] = s;
      total += s;
    }
  return total / n;
}

static double
silhouette_one (const double *x,
                guint         n,
                guint         dim,
                const guint  *labels,
                guint         k,
                double       *per_point)
{
  g_autoptr(GError) error = NULL;
  const guint *all[] = { labels };
  double mean = NAN;

  g_assert_true (opora_silhouette_many (x, n, dim, 1, all, &k, &mean, per_point, NULL, &error));
  g_assert_no_error (error);
  return mean;
}

static void
assert_relative (double value,
                 double expected,
                 double tolerance)
{
  if (fabs (value - expected) > tolerance * MAX (fabs (expected), 1e-300))
    g_error ("%.17g differs from %.17g by more than %g relative", value, expected, tolerance);
}

static void
assert_same_fit (const OporaKmeansFit *a,
                 const OporaKmeansFit *b)
{
  g_assert_cmpuint (a->k, ==, b->k);
  g_assert_cmpuint (a->iterations, ==, b->iterations);
  g_assert_cmpmem (a->labels, a->n * sizeof (guint), b->labels, b->n * sizeof (guint));
  g_assert_cmpmem (a->centroids, a->k * a->dim * sizeof (double), b->centroids, b->k * b->dim * sizeof (double));
  g_assert_cmpmem (&a->inertia, sizeof (double), &b->inertia, sizeof (double));
}

/* ---- Worked examples ---- */

/* Six points on a line, two clusters: {0, 1, 2} around 1 and {10, 11, 12}
 * around 11; inertia 1 + 0 + 1 + 1 + 0 + 1 = 4. Cluster 0 is point 0's,
 * whatever the order of the input. */
static void
test_line (void)
{
  const struct {
    double x[6];
    guint  labels[6];
    double centroids[2];
  } cases[] = {
    { { 0, 1, 2, 10, 11, 12 }, { 0, 0, 0, 1, 1, 1 }, { 1, 11 } },
    { { 11, 0, 12, 1, 10, 2 }, { 0, 1, 0, 1, 0, 1 }, { 11, 1 } },
  };

  for (guint c = 0; c < G_N_ELEMENTS (cases); c++)
    for (guint restarts = 1; restarts <= 3; restarts += 2)
      {
        g_autoptr(GError) error = NULL;
        g_autoptr(OporaKmeansFit) fit = opora_kmeans_fit (cases[c].x, 6, 1, 2, 7, restarts, &error);

        g_assert_no_error (error);
        g_assert_cmpuint (fit->k, ==, 2);
        g_assert_cmpuint (fit->n, ==, 6);
        g_assert_cmpuint (fit->dim, ==, 1);
        g_assert_cmpmem (fit->labels, sizeof cases[c].labels, cases[c].labels, sizeof cases[c].labels);
        g_assert_cmpfloat (fit->centroids[0], ==, cases[c].centroids[0]);
        g_assert_cmpfloat (fit->centroids[1], ==, cases[c].centroids[1]);
        g_assert_cmpfloat (fit->inertia, ==, 4);
        g_assert_cmpuint (fit->iterations, >=, 2);
      }
}

/* k = 1: the centroid is the mean; k = n: every point alone, inertia 0. */
static void
test_extreme_k (void)
{
  /* Two features: (0, 0) (2, 0) (4, 6); mean (2, 2); inertia 8 + 4 + 20 = 32. */
  const double x[] = { 0, 0, 2, 0, 4, 6 };
  const guint alone[] = { 0, 1, 2 };
  g_autoptr(OporaKmeansFit) one = opora_kmeans_fit (x, 3, 2, 1, 0, 1, NULL);
  g_autoptr(OporaKmeansFit) each = opora_kmeans_fit (x, 3, 2, 3, 0, 1, NULL);

  g_assert_cmpfloat (one->centroids[0], ==, 2);
  g_assert_cmpfloat (one->centroids[1], ==, 2);
  g_assert_cmpfloat (one->inertia, ==, 32);
  g_assert_cmpmem (each->labels, sizeof alone, alone, sizeof alone);
  g_assert_cmpmem (each->centroids, sizeof x, x, sizeof x);
  g_assert_cmpfloat (each->inertia, ==, 0);
}

/* Four equal points in two clusters: every point ties, so one cluster
 * would stay empty; it takes a point (the first of the farthest, all at
 * distance 0), and the fit converges instead of moving it back and forth. */
static void
test_equal_points (void)
{
  const double x[] = { 5, 5, 5, 5 };
  const guint labels[] = { 0, 1, 1, 1 };
  g_autoptr(OporaKmeansFit) fit = opora_kmeans_fit (x, 4, 1, 2, 0, 2, NULL);

  g_assert_cmpmem (fit->labels, sizeof labels, labels, sizeof labels);
  g_assert_cmpfloat (fit->centroids[0], ==, 5);
  g_assert_cmpfloat (fit->centroids[1], ==, 5);
  g_assert_cmpfloat (fit->inertia, ==, 0);
  g_assert_cmpuint (fit->iterations, <, 10);
}

/* Points 0, 1 and 4 on a line, labelled 0 0 1:
 *   s(0) = (b − a) / max (a, b) = (4 − 1) / 4 = 3/4
 *   s(1) = (3 − 1) / 3 = 2/3
 *   s(2) = 0, alone in its cluster
 * mean (3/4 + 2/3 + 0) / 3 = 17/36.
 * And in the plane, (0, 0) (3, 4) | (6, 8) (6, 0): a(0) = 5, b(0) = (10 + 6) / 2 = 8,
 * s(0) = 3/8; a(1) = 5, b(1) = (5 + 5) / 2 = 5, s(1) = 0;
 * a(2) = 8, b(2) = (10 + 5) / 2 = 7.5, s(2) = −0.5 / 8;
 * a(3) = 8, b(3) = (6 + 5) / 2 = 5.5, s(3) = −2.5 / 8; mean 0. */
static void
test_silhouette_by_hand (void)
{
  const double line[] = { 0, 1, 4 };
  const guint line_labels[] = { 0, 0, 1 };
  const double plane[] = { 0, 0, 3, 4, 6, 8, 6, 0 };
  const guint plane_labels[] = { 0, 0, 1, 1 };
  const double plane_s[] = { 3.0 / 8, 0, -0.5 / 8, -2.5 / 8 };
  double s[4];

  g_assert_cmpfloat (silhouette_one (line, 3, 1, line_labels, 2, s), ==, (0.75 + 2.0 / 3) / 3);
  g_assert_cmpfloat (s[0], ==, 0.75);
  g_assert_cmpfloat (s[1], ==, 2.0 / 3);
  g_assert_cmpfloat (s[2], ==, 0);

  g_assert_cmpfloat_with_epsilon (silhouette_one (plane, 4, 2, plane_labels, 2, s), 0, 1e-15);
  for (guint i = 0; i < 4; i++)
    g_assert_cmpfloat_with_epsilon (s[i], plane_s[i], 1e-15);
}

/* ---- Against scikit-learn ---- */

typedef struct {
  guint   n;
  guint   dim;
  double *x;
  JsonObject *reference;
  JsonParser *parser;
} Fixture;

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autofree char *csv_path = g_test_build_filename (G_TEST_DIST, "fixtures", "kmeans", "points.csv", NULL);
  g_autofree char *json_path = g_test_build_filename (G_TEST_DIST, "fixtures", "kmeans", "reference.json", NULL);
  g_autofree char *text = NULL;
  g_auto(GStrv) lines = NULL;
  g_autoptr(GError) error = NULL;
  gsize count = 0;

  g_assert_true (g_file_get_contents (csv_path, &text, NULL, &error));
  g_assert_no_error (error);
  f->parser = json_parser_new ();
  g_assert_true (json_parser_load_from_file (f->parser, json_path, &error));
  g_assert_no_error (error);
  f->reference = json_node_get_object (json_parser_get_root (f->parser));
  f->n = json_object_get_int_member (f->reference, "n");
  f->dim = json_object_get_int_member (f->reference, "dim");
  f->x = g_new (double, f->n * f->dim);

  lines = g_strsplit (text, "\n", -1);
  for (guint r = 0; lines[r] != NULL && *lines[r] != '\0'; r++)
    {
      g_auto(GStrv) cells = g_strsplit (lines[r], ",", -1);

      g_assert_cmpuint (g_strv_length (cells), ==, f->dim);
      for (guint c = 0; c < f->dim; c++)
        f->x[count++] = g_ascii_strtod (cells[c], NULL);
    }
  g_assert_cmpuint (count, ==, f->n * f->dim);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  g_free (f->x);
  g_object_unref (f->parser);
}

static guint *
labels_of (JsonObject *object,
           guint       n)
{
  JsonArray *array = json_object_get_array_member (object, "labels");
  guint *labels = g_new (guint, n);

  g_assert_cmpuint (json_array_get_length (array), ==, n);
  for (guint i = 0; i < n; i++)
    labels[i] = json_array_get_int_element (array, i);
  return labels;
}

/* Same labels (the reference is numbered in order of first appearance,
 * as ours are), inertia within 1e-9, and the silhouette of scikit-learn's
 * labels within 1e-9 of its own. */
static void
test_reference_fits (Fixture       *f,
                     gconstpointer  data)
{
  JsonArray *fits = json_object_get_array_member (f->reference, "fits");

  for (guint r = 0; r < json_array_get_length (fits); r++)
    {
      JsonObject *ref = json_array_get_object_element (fits, r);
      guint k = json_object_get_int_member (ref, "k");
      g_autofree guint *labels = labels_of (ref, f->n);
      g_autoptr(GError) error = NULL;
      g_autoptr(OporaKmeansFit) fit = opora_kmeans_fit (f->x, f->n, f->dim, k, 0, 50, &error);

      g_test_message ("k = %u: inertia %.17g, %u iterations", k, fit->inertia, fit->iterations);
      g_assert_no_error (error);
      g_assert_cmpmem (fit->labels, f->n * sizeof (guint), labels, f->n * sizeof (guint));
      assert_relative (fit->inertia, json_object_get_double_member (ref, "inertia"), 1e-9);
      assert_relative (silhouette_one (f->x, f->n, f->dim, labels, k, NULL),
                       json_object_get_double_member (ref, "silhouette"), 1e-9);
    }
}

/* Labelings no k-means would make, one with a point alone. */
static void
test_reference_fixed (Fixture       *f,
                      gconstpointer  data)
{
  JsonArray *fixed = json_object_get_array_member (f->reference, "fixed");

  for (guint r = 0; r < json_array_get_length (fixed); r++)
    {
      JsonObject *ref = json_array_get_object_element (fixed, r);
      guint k = json_object_get_int_member (ref, "k");
      g_autofree guint *labels = labels_of (ref, f->n);
      g_autofree double *ours = g_new (double, f->n);
      g_autofree double *brute = g_new (double, f->n);

      assert_relative (silhouette_one (f->x, f->n, f->dim, labels, k, ours),
                       json_object_get_double_member (ref, "silhouette"), 1e-9);
      assert_relative (brute_silhouette (f->x, f->n, f->dim, labels, k, brute),
                       json_object_get_double_member (ref, "silhouette"), 1e-9);
      for (guint i = 0; i < f->n; i++)
        g_assert_cmpfloat_with_epsilon (ours[i], brute[i], 1e-12);
    }
}

/* The sweep is the fits plus one silhouette call for all of them. */
static void
test_reference_sweep (Fixture       *f,
                      gconstpointer  data)
{
  JsonArray *fits = json_object_get_array_member (f->reference, "fits");
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) rows = opora_kmeans_sweep (f->x, f->n, f->dim, 2, 6, 0, 50, NULL, &error);

  g_assert_no_error (error);
  g_assert_cmpuint (rows->len, ==, 5);
  for (guint r = 0; r < rows->len; r++)
    {
      OporaKmeansSweepRow *row = rows->pdata[r];
      JsonObject *ref = json_array_get_object_element (fits, r);
      g_autoptr(OporaKmeansFit) alone = opora_kmeans_fit (f->x, f->n, f->dim, row->k, 0, 50, NULL);

      g_assert_cmpuint (row->k, ==, json_object_get_int_member (ref, "k"));
      assert_same_fit (row->fit, alone);
      assert_relative (row->silhouette, json_object_get_double_member (ref, "silhouette"), 1e-9);
    }
}

/* ---- Same bits ---- */

static void
test_same_seed_same_bits (void)
{
  g_autofree double *x = make_blobs (1001, 3, 4);

  for (guint k = 2; k <= 6; k++)
    {
      g_autoptr(OporaKmeansFit) a = opora_kmeans_fit (x, 1001, 3, k, 99, 4, NULL);
      g_autoptr(OporaKmeansFit) b = opora_kmeans_fit (x, 1001, 3, k, 99, 4, NULL);
      g_autoptr(OporaKmeansFit) first = opora_kmeans_fit (x, 1001, 3, k, 99, 1, NULL);

      assert_same_fit (a, b);
      /* The first restart is the same as a fit of one, and the best can only be better. */
      g_assert_cmpfloat (a->inertia, <=, first->inertia);
    }
}

/* Several labelings at once, in passes of tiles: matches the definition
 * point by point, on any number of threads and with either kernel. */
static void
test_many_threads_same_bits (void)
{
  const guint n = 2003, dim = 5;
  g_autofree double *x = make_blobs (n, dim, 5);
  g_autofree double *brute = g_new (double, n);
  g_autoptr(GPtrArray) fits = g_ptr_array_new_with_free_func ((GDestroyNotify) opora_kmeans_fit_free);
  const guint *labels[7];
  guint ks[7];
  double means[4][7];
  g_autofree double *per_point = g_new (double, 4 * 7 * n);  /* s(i) of each run */
  const struct {
    guint    threads;
    gboolean portable;
  } runs[] = { { 0, FALSE }, { 1, FALSE }, { 2, FALSE }, { 3, TRUE } };

  for (guint k = 2; k <= 8; k++)
    {
      OporaKmeansFit *fit = opora_kmeans_fit (x, n, dim, k, 5, 3, NULL);

      g_ptr_array_add (fits, fit);
      labels[k - 2] = fit->labels;
      ks[k - 2] = k;
    }
  for (guint r = 0; r < G_N_ELEMENTS (runs); r++)
    {
      g_autoptr(GError) error = NULL;
      double *run = per_point + r * 7 * n;

      opora_kmeans_set_limits (runs[r].threads, runs[r].portable);
      g_assert_true (opora_silhouette_many (x, n, dim, 7, labels, ks, means[r], run, NULL, &error));
      g_assert_no_error (error);
      g_assert_cmpmem (means[r], sizeof means[r], means[0], sizeof means[0]);
      g_assert_cmpmem (run, 7 * n * sizeof (double), per_point, 7 * n * sizeof (double));

      /* The fits too, restarts spread over the threads. */
      {
        g_autoptr(OporaKmeansFit) fit = opora_kmeans_fit (x, n, dim, 5, 5, 3, NULL);
        assert_same_fit (fit, fits->pdata[3]);
      }
    }
  opora_kmeans_set_limits (0, FALSE);

  for (guint l = 0; l < 7; l++)
    {
      assert_relative (means[0][l], brute_silhouette (x, n, dim, labels[l], ks[l], brute), 1e-12);
      for (guint i = 0; i < n; i++)
        g_assert_cmpfloat_with_epsilon (per_point[l * n + i], brute[i], 1e-12);
    }
}

/* Labelings of many clusters go through other passes (one without the
 * table, for more than 256 clusters); each still matches the definition. */
static void
test_many_clusters (void)
{
  const guint n = 700, dim = 2;
  g_autofree double *x = make_blobs (n, dim, 3);
  g_autofree guint *coarse = g_new (guint, n);
  g_autofree guint *fine = g_new (guint, n);
  g_autofree guint *middle = g_new (guint, n);
  const guint *labels[] = { coarse, fine, middle };
  const guint ks[] = { 3, 300, 40 };
  g_autofree double *per_point = g_new (double, 3 * n);
  g_autofree double *brute = g_new (double, n);
  double means[3];

  for (guint i = 0; i < n; i++)
    {
      coarse[i] = i % 3;
      fine[i] = (i * 7) % 300;
      middle[i] = (i / 3) % 40;
    }
  for (guint portable = 0; portable < 2; portable++)
    {
      opora_kmeans_set_limits (0, portable);
      g_assert_true (opora_silhouette_many (x, n, dim, 3, labels, ks, means, per_point, NULL, NULL));
      for (guint l = 0; l < 3; l++)
        {
          assert_relative (means[l], brute_silhouette (x, n, dim, labels[l], ks[l], brute), 1e-12);
          for (guint i = 0; i < n; i++)
            g_assert_cmpfloat_with_epsilon (per_point[l * n + i], brute[i], 1e-12);
        }
    }
  opora_kmeans_set_limits (0, FALSE);
}

/* ---- Errors ---- */

static void
test_errors (void)
{
  const double x[] = { 0, 1, NAN, 3 };
  const double fine[] = { 0, 1, 2, 3 };
  const guint one_cluster[] = { 1, 1, 1, 1 };
  const guint *labels[] = { one_cluster };
  const guint k = 2;
  double mean;
  const struct {
    const double *x;
    guint         n;
    guint         dim;
    guint         k;
  } fits[] = {
    { fine, 4, 1, 5 },   /* more clusters than points */
    { fine, 4, 1, 0 },
    { fine, 0, 1, 1 },   /* no points */
    { fine, 4, 0, 2 },   /* no features */
    { x, 4, 1, 2 },      /* NaN */
  };

  for (guint c = 0; c < G_N_ELEMENTS (fits); c++)
    {
      g_autoptr(GError) error = NULL;

      g_assert_null (opora_kmeans_fit (fits[c].x, fits[c].n, fits[c].dim, fits[c].k, 0, 1, &error));
      g_assert_error (error, OPORA_ERROR, OPORA_ERROR_INVALID);
    }
  {
    g_autoptr(GError) error = NULL;
    g_assert_false (opora_silhouette_many (fine, 4, 1, 1, labels, &k, &mean, NULL, NULL, &error));
    g_assert_error (error, OPORA_ERROR, OPORA_ERROR_INVALID);
  }
  {
    g_autoptr(GError) error = NULL;
    g_assert_null (opora_kmeans_sweep (fine, 4, 1, 1, 3, 0, 1, NULL, &error));
    g_assert_error (error, OPORA_ERROR, OPORA_ERROR_INVALID);
  }
  {
    g_autoptr(GError) error = NULL;
    g_assert_null (opora_kmeans_sweep (x, 4, 1, 2, 3, 0, 1, NULL, &error));
    g_assert_error (error, OPORA_ERROR, OPORA_ERROR_INVALID);
  }
}

static void
test_cancelled (void)
{
  g_autofree double *x = make_blobs (500, 2, 3);
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GError) error = NULL;

  g_cancellable_cancel (cancellable);
  g_assert_null (opora_kmeans_sweep (x, 500, 2, 2, 4, 0, 1, cancellable, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/core/kmeans/line", test_line);
  g_test_add_func ("/core/kmeans/extreme-k", test_extreme_k);
  g_test_add_func ("/core/kmeans/equal-points", test_equal_points);
  g_test_add_func ("/core/kmeans/silhouette-by-hand", test_silhouette_by_hand);
  g_test_add ("/core/kmeans/reference-fits", Fixture, NULL, fixture_set_up, test_reference_fits, fixture_tear_down);
  g_test_add ("/core/kmeans/reference-fixed", Fixture, NULL, fixture_set_up, test_reference_fixed, fixture_tear_down);
  g_test_add ("/core/kmeans/reference-sweep", Fixture, NULL, fixture_set_up, test_reference_sweep, fixture_tear_down);
  g_test_add_func ("/core/kmeans/same-seed-same-bits", test_same_seed_same_bits);
  g_test_add_func ("/core/kmeans/many-threads-same-bits", test_many_threads_same_bits);
  g_test_add_func ("/core/kmeans/many-clusters", test_many_clusters);
  g_test_add_func ("/core/kmeans/errors", test_errors);
  g_test_add_func ("/core/kmeans/cancelled", test_cancelled);

  return g_test_run ();
}

/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Tests of keeping cluster numbers and names between runs: permuted and perturbed fixtures. */

#include <math.h>

#include "opora-cluster-match.h"

/* A k-means analysis of schools 1…n with the given clusters and centroids (2 features). */
static OporaAnalysis *
fake_run (gint64        id,
          const int    *clusters,
          guint         n,
          const double *centroids,
          guint         k)
{
  OporaAnalysis *a = g_new0 (OporaAnalysis, 1);

  a->id = id;
  a->params = g_new0 (OporaAnalysisParams, 1);
  a->params->model = OPORA_MODEL_KMEANS;
  a->n_clusters = k;
  a->members = g_array_new (FALSE, TRUE, sizeof (OporaMember));
  for (guint i = 0; i < n; i++)
    {
      OporaMember m = { .school_id = i + 1, .cluster = clusters[i] };
      g_array_append_val (a->members, m);
    }
  a->profile_keys = g_strsplit ("a,b", ",", -1);
  a->profiles = g_memdup2 (centroids, k * 2 * sizeof (double));
  a->clusters = opora_analysis_new_clusters (k);
  return a;
}

static OporaClusterInfo *
info (OporaAnalysis *a,
      int            cluster)
{
  return &g_array_index (a->clusters, OporaClusterInfo, cluster - 1);
}

/* Last year: clusters 1 (0, 0), 2 (4, 0), 3 (0, 4), named, the third pinned.
 * This year's k-means numbered them differently: its 1 is near old 3, its 2
 * near old 1, its 3 far from old 2 (shift 1.0 > 0.5): they are renumbered
 * 3, 1, 2; the name of old 1 carries over (unchanged), old 2's does not
 * (changed), old 3's does (pinned). */
static void
test_permuted (void)
{
  const int before[] = { 1, 1, 2, 2, 3, 3 };
  const double old_centroids[] = { 0, 0, 4, 0, 0, 4 };
  const int after[] = { 2, 2, 3, 3, 1, 1 };
  const double new_centroids[] = { 0.1, 4, 0, 0.2, 4, 1 };
  g_autoptr(OporaAnalysis) previous = fake_run (7, before, 6, old_centroids, 3);
  g_autoptr(OporaAnalysis) a = fake_run (0, after, 6, new_centroids, 3);

  info (previous, 1)->name = g_strdup ("городские");
  info (previous, 2)->name = g_strdup ("пригородные");
  info (previous, 3)->name = g_strdup ("сельские малокомплектные");
  info (previous, 3)->pinned = TRUE;
  opora_cluster_match (a, previous);

  g_assert_cmpint (a->previous_run_id, ==, 7);
  for (guint i = 0; i < 6; i++)
    g_assert_cmpint (g_array_index (a->members, OporaMember, i).cluster, ==, before[i]);
  g_assert_cmpfloat (a->profiles[0], ==, 0);
  g_assert_cmpfloat (a->profiles[1], ==, 0.2);
  g_assert_cmpfloat (a->profiles[4], ==, 0.1);

  g_assert_cmpint (info (a, 1)->previous, ==, 1);
  g_assert_cmpfloat_with_epsilon (info (a, 1)->shift, 0.2, 1e-12);
  g_assert_cmpfloat (info (a, 1)->kept, ==, 1);
  g_assert_false (info (a, 1)->changed);
  g_assert_cmpstr (info (a, 1)->name, ==, "городские");
  g_assert_cmpfloat_with_epsilon (info (a, 2)->shift, 1, 1e-12);
  g_assert_true (info (a, 2)->changed);
  g_assert_null (info (a, 2)->name);
  g_assert_cmpfloat_with_epsilon (info (a, 3)->shift, 0.1, 1e-12);
  g_assert_cmpstr (info (a, 3)->name, ==, "сельские малокомплектные");
  g_assert_true (info (a, 3)->pinned);
}

/* Membership: old cluster 1 had schools 1–4; three of them stay: kept ¾ < 0.7? No: 0.75 ≥ 0.7.
 * Old cluster 2 had 5–8; only two stay: kept ½, changed. */
static void
test_kept_share (void)
{
  const int before[] = { 1, 1, 1, 1, 2, 2, 2, 2 };
  const int after[] = { 1, 1, 1, 2, 2, 2, 1, 1 };
  const double centroids[] = { 0, 0, 3, 3 };
  g_autoptr(OporaAnalysis) previous = fake_run (1, before, 8, centroids, 2);
  g_autoptr(OporaAnalysis) a = fake_run (0, after, 8, centroids, 2);

  opora_cluster_match (a, previous);
  g_assert_cmpfloat (info (a, 1)->kept, ==, 0.75);
  g_assert_false (info (a, 1)->changed);
  g_assert_cmpfloat (info (a, 2)->kept, ==, 0.5);
  g_assert_true (info (a, 2)->changed);
}

/* More clusters than before: the new one nearest to nothing takes number 3;
 * fewer: the matched ones keep their order and close up. */
static void
test_other_k (void)
{
  const int two[] = { 1, 2, 2 };
  const double two_centroids[] = { 0, 0, 5, 5 };
  const int three[] = { 3, 1, 2 };
  const double three_centroids[] = { 5, 5, 9, 9, 0, 0 };
  g_autoptr(OporaAnalysis) previous = fake_run (1, two, 3, two_centroids, 2);
  g_autoptr(OporaAnalysis) more = fake_run (0, three, 3, three_centroids, 3);
  g_autoptr(OporaAnalysis) old3 = fake_run (2, three, 3, three_centroids, 3);
  g_autoptr(OporaAnalysis) fewer = fake_run (0, two, 3, two_centroids, 2);

  opora_cluster_match (more, previous);
  /* new 3 (0, 0) → 1; new 1 (5, 5) → 2; new 2 (9, 9) → 3, unmatched. */
  g_assert_cmpint (g_array_index (more->members, OporaMember, 0).cluster, ==, 1);
  g_assert_cmpint (g_array_index (more->members, OporaMember, 1).cluster, ==, 2);
  g_assert_cmpint (g_array_index (more->members, OporaMember, 2).cluster, ==, 3);
  g_assert_cmpint (info (more, 3)->previous, ==, 0);
  g_assert_true (isnan (info (more, 3)->shift));

  opora_cluster_match (fewer, old3);
  /* new 1 (0, 0) matches old 3, new 2 (5, 5) old 1: by old number, 1 then 3. */
  g_assert_cmpint (g_array_index (fewer->members, OporaMember, 0).cluster, ==, 2);
  g_assert_cmpint (info (fewer, 1)->previous, ==, 1);
  g_assert_cmpint (info (fewer, 2)->previous, ==, 3);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/cluster-match/permuted", test_permuted);
  g_test_add_func ("/cluster-match/kept-share", test_kept_share);
  g_test_add_func ("/cluster-match/other-k", test_other_k);
  return g_test_run ();
}

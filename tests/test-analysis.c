/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Tests of a whole analysis: quadrants worked by hand, ranks, pairs, k-means on the demo, runs, transitions. */

#include <math.h>
#include <string.h>

#include "opora-analysis-store.h"
#include "opora-demo.h"
#include "opora-error.h"
#include "opora-regression.h"
#include "opora-year-matrix.h"
#include "test-util.h"

typedef struct {
  OporaDb *db;
  gint64   s[6];  /* s[1]…s[5] */
} Fixture;

/* Five schools in 2026. Context: the share of low-income families, higher is
 * worse: 0, 20, 30, 40, 50 — mean 28, population SD √296 = 17.2046…, signed
 * z = 28/SD, 8/SD, −2/SD, −12/SD, −22/SD. Results: ЕГЭ Russian 80, 60, 70,
 * 50, 75 — mean 67, SD √116 = 10.7703…, z = 13/SD, −7/SD, 3/SD, −17/SD, 8/SD.
 * Median thresholds: context −2/SD (school 3), results 3/SD (school 3); a
 * value on the threshold counts as above. Quadrants: 1 → 4, 2 → 3, 3 → 4,
 * 4 → 1, 5 → 2. School 5 is on Rosobrnadzor's list. */
static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  const double low_income[] = { 0, 0, 20, 30, 40, 50 };
  const double ege[] = { 0, 80, 60, 70, 50, 75 };

  f->db = test_workspace_new ("analysis.opora");
  for (int i = 1; i <= 5; i++)
    {
      g_autofree char *code = g_strdup_printf ("%02d", i);
      f->s[i] = test_add_school (f->db, code, "Город");
      test_put_value (f->db, f->s[i], "sp_low_income_share", 2026, low_income[i]);
      test_put_value (f->db, f->s[i], "ege_rus_avg", 2026, ege[i]);
    }
  test_put_value (f->db, f->s[5], "vpr_nonobjective", 2026, 1);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  opora_db_free (f->db);
}

static OporaAnalysisParams *
quadrant_params (Fixture *f)
{
  g_autoptr(GError) error = NULL;
  OporaAnalysisParams *params = opora_analysis_params_new (f->db, 2026, OPORA_MODEL_QUADRANT, &error);

  g_assert_no_error (error);
  g_assert_true (opora_analysis_params_set_keys (params->context, "sp_low_income_share", &error));
  g_assert_true (opora_analysis_params_set_keys (params->results, "ege_rus_avg", &error));
  g_assert_no_error (error);
  return params;
}

static const OporaMember *
member (OporaAnalysis *a,
        gint64         school_id)
{
  const OporaMember *m = opora_analysis_find_member (a, school_id);
  g_assert_nonnull (m);
  return m;
}

static const OporaPair *
pair_of (OporaAnalysis *a,
         gint64         supported_id)
{
  for (guint i = 0; i < a->pairs->len; i++)
    if (((OporaPair *) a->pairs->pdata[i])->supported_id == supported_id)
      return a->pairs->pdata[i];
  g_assert_not_reached ();
}

static void
test_quadrants (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(OporaAnalysisParams) params = quadrant_params (f);
  g_autoptr(GError) error = NULL;
  g_autoptr(OporaAnalysis) a = opora_analysis_run (f->db, params, NULL, &error);
  double sd_context = sqrt (296), sd_results = sqrt (116);
  const int quadrant[] = { 0, 4, 3, 4, 1, 2 };

  g_assert_no_error (error);
  g_assert_cmpuint (a->members->len, ==, 5);
  g_assert_cmpfloat_with_epsilon (a->context_threshold, -2 / sd_context, 1e-12);
  g_assert_cmpfloat_with_epsilon (a->results_threshold, 3 / sd_results, 1e-12);
  g_assert_cmpfloat_with_epsilon (member (a, f->s[1])->context_index, 28 / sd_context, 1e-12);
  g_assert_cmpfloat_with_epsilon (member (a, f->s[4])->results_index, -17 / sd_results, 1e-12);
  for (int i = 1; i <= 5; i++)
    g_assert_cmpint (member (a, f->s[i])->cluster, ==, quadrant[i]);

  /* Context percentiles: school 5 lowest, (0 + ½)/5 = 10 %, then 30, 50, 70, 90. */
  g_assert_cmpfloat (member (a, f->s[5])->context_percentile, ==, 10);
  g_assert_cmpfloat (member (a, f->s[1])->context_percentile, ==, 90);

  /* Quadrant 4 holds schools 1 (80) and 3 (70). Low-result quadrants are problem schools. */
  g_assert_cmpuint (member (a, f->s[1])->rank, ==, 1);
  g_assert_cmpuint (member (a, f->s[3])->rank, ==, 2);
  g_assert_cmpuint (member (a, f->s[3])->cluster_size, ==, 2);
  g_assert_cmpuint (member (a, f->s[2])->flags & OPORA_MEMBER_PROBLEM, !=, 0);
  g_assert_cmpuint (member (a, f->s[4])->flags & OPORA_MEMBER_PROBLEM, !=, 0);
  g_assert_cmpuint (member (a, f->s[1])->flags & OPORA_MEMBER_BASE, !=, 0);
  g_assert_cmpuint (member (a, f->s[5])->flags & OPORA_MEMBER_BASE, !=, 0);
  g_assert_cmpuint (member (a, f->s[5])->flags & OPORA_MEMBER_NONOBJECTIVE, !=, 0);

  /* Pairs: 4 (quadrant 1) ← 5 (quadrant 2), the only one; 2 (quadrant 3) ←
   * 3 (quadrant 4), context distance 10/SD against 20/SD for school 1. */
  g_assert_cmpuint (a->pairs->len, ==, 2);
  g_assert_cmpint (pair_of (a, f->s[4])->base_id, ==, f->s[5]);
  g_assert_cmpfloat_with_epsilon (pair_of (a, f->s[4])->distance, 10 / sd_context, 1e-12);
  g_assert_cmpfloat_with_epsilon (pair_of (a, f->s[4])->gap, 25 / sd_results, 1e-12);
  g_assert_cmpint (pair_of (a, f->s[2])->base_id, ==, f->s[3]);
  g_assert_cmpfloat_with_epsilon (pair_of (a, f->s[2])->distance, 10 / sd_context, 1e-12);
  g_assert_nonnull (pair_of (a, f->s[2])->reason);
}

/* Thresholds at the mean (0 for both) or at set values move the schools. */
static void
test_thresholds (Fixture       *f,
                 gconstpointer  data)
{
  g_autoptr(OporaAnalysisParams) params = quadrant_params (f);
  g_autoptr(GError) error = NULL;
  g_autoptr(OporaAnalysis) mean = NULL;
  g_autoptr(OporaAnalysis) value = NULL;

  params->threshold = OPORA_THRESHOLD_MEAN;
  mean = opora_analysis_run (f->db, params, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpfloat_with_epsilon (mean->context_threshold, 0, 1e-12);
  /* School 3: context −2/SD < 0 is now difficult, results 3/SD ≥ 0 high. */
  g_assert_cmpint (member (mean, f->s[3])->cluster, ==, 2);

  params->threshold = OPORA_THRESHOLD_VALUE;
  params->context_threshold = 2;
  params->results_threshold = -2;
  value = opora_analysis_run (f->db, params, NULL, &error);
  g_assert_no_error (error);
  for (int i = 1; i <= 5; i++)
    g_assert_cmpint (member (value, f->s[i])->cluster, ==, 2);
  g_assert_cmpuint (value->pairs->len, ==, 0);
}

/* The objectivity principle: school 5's ВПР share is left out of the column's
 * z-scores and of its index, which then rests on ЕГЭ alone. ВПР «2» shares of
 * schools 1–4: 10, 20, 30, 40 (higher is worse), mean 25, SD √125. */
static void
test_objectivity (Fixture       *f,
                  gconstpointer  data)
{
  g_autoptr(OporaAnalysisParams) params = quadrant_params (f);
  g_autoptr(GError) error = NULL;
  g_autoptr(OporaAnalysis) a = NULL;
  const double vpr[] = { 0, 10, 20, 30, 40, 90 };

  for (int i = 1; i <= 5; i++)
    test_put_value (f->db, f->s[i], "vpr_math5_m2", 2026, vpr[i]);
  g_assert_true (opora_analysis_params_set_keys (params->results, "ege_rus_avg,vpr_math5_m2", &error));
  a = opora_analysis_run (f->db, params, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpfloat_with_epsilon (member (a, f->s[5])->results_index, 8 / sqrt (116), 1e-12);
  g_assert_cmpfloat_with_epsilon (member (a, f->s[1])->results_index,
                                  (13 / sqrt (116) + 15 / sqrt (125)) / 2, 1e-12);
  g_assert_cmpuint (member (a, f->s[5])->flags & OPORA_MEMBER_NONOBJECTIVE, !=, 0);
  g_assert_cmpuint (member (a, f->s[1])->flags & OPORA_MEMBER_NONOBJECTIVE, ==, 0);
}

/* School 4's ЕГЭ average rests on 5 examinees: left out of its index (which
 * then has nothing) and marked, unless small figures are included. School 1's
 * rests on exactly 10: kept. */
static void
test_small_numbers (Fixture       *f,
                    gconstpointer  data)
{
  g_autoptr(OporaAnalysisParams) params = quadrant_params (f);
  g_autoptr(GError) error = NULL;
  g_autoptr(OporaAnalysis) a = NULL;
  g_autoptr(OporaAnalysis) b = NULL;

  test_put_value (f->db, f->s[4], "ege_rus_n", 2026, 5);
  test_put_value (f->db, f->s[1], "ege_rus_n", 2026, 10);
  a = opora_analysis_run (f->db, params, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (member (a, f->s[4])->flags & (OPORA_MEMBER_SMALL | OPORA_MEMBER_LEFT_OUT), ==,
                    OPORA_MEMBER_SMALL | OPORA_MEMBER_LEFT_OUT);
  g_assert_true (isnan (member (a, f->s[4])->results_index));
  g_assert_cmpuint (member (a, f->s[1])->flags & OPORA_MEMBER_SMALL, ==, 0);

  params->include_small = TRUE;
  b = opora_analysis_run (f->db, params, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpint (member (b, f->s[4])->cluster, ==, 1);
  g_assert_cmpuint (member (b, f->s[4])->flags & OPORA_MEMBER_SMALL, !=, 0);
  g_assert_cmpfloat_with_epsilon (member (b, f->s[4])->results_index, -17 / sqrt (116), 1e-12);
}

/* The regression model on the five schools: the same fit as opora_regression_fit
 * of the results z-scores on the context z-scores (one year: the earlier years
 * have no data), groups by the verdict on each residual, stored and read back. */
static void
test_regression_model (Fixture       *f,
                       gconstpointer  data)
{
  g_autoptr(OporaAnalysisParams) params = quadrant_params (f);
  g_autoptr(GError) error = NULL;
  g_autoptr(OporaAnalysis) a = NULL;
  g_autoptr(OporaAnalysis) loaded = NULL;
  g_autoptr(OporaRegression) fit = NULL;
  const double y[] = { 13 / sqrt (116), -7 / sqrt (116), 3 / sqrt (116), -17 / sqrt (116), 8 / sqrt (116) };
  const double x[] = { 28 / sqrt (296), 8 / sqrt (296), -2 / sqrt (296), -12 / sqrt (296), -22 / sqrt (296) };

  params->model = OPORA_MODEL_REGRESSION;
  a = opora_analysis_run (f->db, params, NULL, &error);
  g_assert_no_error (error);
  fit = opora_regression_fit (y, x, 5, 1, &error);
  g_assert_no_error (error);
  g_assert_nonnull (a->regression);
  g_assert_cmpuint (a->regression->n_coefficients, ==, 2);
  g_assert_cmpuint (a->regression->n_years, ==, 1);
  g_assert_cmpstr (a->regression->keys[1], ==, "sp_low_income_share");
  g_assert_cmpfloat_with_epsilon (a->regression->coefficients[1], fit->coefficients[1], 1e-12);
  g_assert_cmpfloat_with_epsilon (a->regression->std_errors[1], fit->std_errors[1], 1e-12);
  g_assert_cmpfloat_with_epsilon (a->regression->r_squared, fit->r_squared, 1e-12);
  g_assert_cmpuint (a->n_clusters, ==, 3);
  for (int i = 1; i <= 5; i++)
    {
      const OporaMember *m = member (a, f->s[i]);
      int verdict = opora_regression_verdict (fit, i - 1, OPORA_REGRESSION_Z);

      g_assert_cmpfloat_with_epsilon (m->residual, fit->residuals[i - 1], 1e-12);
      g_assert_cmpfloat_with_epsilon (m->residual_se, fit->residual_se[i - 1], 1e-12);
      g_assert_cmpint (m->cluster, ==, verdict < 0 ? 1 : verdict > 0 ? 3 : 2);
      g_assert_cmpint ((m->flags & OPORA_MEMBER_PROBLEM) != 0, ==, m->cluster == 1);
    }
  g_assert_true (opora_analysis_save (f->db, a, &error));
  loaded = opora_analysis_load (f->db, a->id, &error);
  g_assert_no_error (error);
  g_assert_cmpfloat (loaded->regression->coefficients[1], ==, a->regression->coefficients[1]);
  g_assert_cmpfloat (member (loaded, f->s[3])->residual, ==, member (a, f->s[3])->residual);
  g_assert_cmpstr (opora_analysis_cluster_name (loaded, 2), ==, "As the context predicts");
}

/* School 4 rests on 5 examinees this year but 5 + 8 + 7 = 20 over three
 * years: it takes the mean of its three ЕГЭ averages, (50 + 60 + 62) / 3,
 * and is marked; without pooling it is left out. The context stays this year's. */
static void
test_pooling (Fixture       *f,
              gconstpointer  data)
{
  g_autoptr(OporaAnalysisParams) params = quadrant_params (f);
  g_autoptr(GError) error = NULL;
  g_autoptr(OporaAnalysis) a = NULL;
  g_autoptr(OporaAnalysis) b = NULL;
  double mean = (50 + 60 + 62) / 3.0;
  double ege[] = { 80, 60, 70, mean, 75 };
  double sum = 0, squares = 0, sd;

  test_put_value (f->db, f->s[4], "ege_rus_n", 2026, 5);
  test_put_value (f->db, f->s[4], "ege_rus_avg", 2025, 60);
  test_put_value (f->db, f->s[4], "ege_rus_n", 2025, 8);
  test_put_value (f->db, f->s[4], "ege_rus_avg", 2024, 62);
  test_put_value (f->db, f->s[4], "ege_rus_n", 2024, 7);
  g_assert_true (params->pool_small);
  a = opora_analysis_run (f->db, params, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (member (a, f->s[4])->flags & (OPORA_MEMBER_POOLED | OPORA_MEMBER_SMALL | OPORA_MEMBER_LEFT_OUT), ==,
                    OPORA_MEMBER_POOLED);
  for (int i = 0; i < 5; i++)
    sum += ege[i];
  for (int i = 0; i < 5; i++)
    squares += (ege[i] - sum / 5) * (ege[i] - sum / 5);
  sd = sqrt (squares / 5);
  g_assert_cmpfloat_with_epsilon (member (a, f->s[4])->results_index, (mean - sum / 5) / sd, 1e-12);
  g_assert_cmpfloat_with_epsilon (member (a, f->s[4])->context_index, -12 / sqrt (296), 1e-12);

  params->pool_small = FALSE;
  b = opora_analysis_run (f->db, params, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (member (b, f->s[4])->flags & OPORA_MEMBER_LEFT_OUT, !=, 0);
}

/* The basis of two years: means of values, sums of counts, the largest flag. */
static void
test_basis_years (Fixture       *f,
                  gconstpointer  data)
{
  const char *keys[] = { "ege_rus_avg", "ege_rus_n", "vpr_nonobjective", NULL };
  const OporaCombine combine[] = { OPORA_COMBINE_MEAN, OPORA_COMBINE_SUM, OPORA_COMBINE_MAX };
  g_autoptr(GError) error = NULL;
  g_autoptr(OporaYearMatrix) m = NULL;
  g_autoptr(OporaAnalysisParams) params = quadrant_params (f);
  g_autofree char *basis = NULL;

  test_put_value (f->db, f->s[1], "ege_rus_avg", 2025, 60);
  test_put_value (f->db, f->s[1], "ege_rus_n", 2025, 7);
  test_put_value (f->db, f->s[1], "ege_rus_n", 2026, 8);
  test_put_value (f->db, f->s[2], "vpr_nonobjective", 2025, 1);
  test_put_value (f->db, f->s[2], "vpr_nonobjective", 2026, 0);
  m = opora_year_matrix_load_years (f->db, 2026, 2, keys, combine, &error);
  g_assert_no_error (error);
  g_assert_cmpint (m->year, ==, 2026);
  g_assert_cmpfloat (opora_year_matrix_get (m, 0, 0), ==, 70);
  g_assert_cmpfloat (opora_year_matrix_get (m, 0, 1), ==, 15);
  g_assert_cmpfloat (opora_year_matrix_get (m, 1, 0), ==, 60);
  g_assert_true (isnan (opora_year_matrix_get (m, 1, 1)));
  g_assert_cmpfloat (opora_year_matrix_get (m, 1, 2), ==, 1);

  params->basis_years = 2;
  basis = opora_analysis_basis_text (params);
  g_assert_cmpstr (basis, ==, "the mean of 2025–2026");
}

/* A school without the results indicator is left out and listed as such. */
static void
test_left_out (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr(OporaAnalysisParams) params = quadrant_params (f);
  g_autoptr(GError) error = NULL;
  g_autoptr(OporaAnalysis) a = NULL;
  gint64 extra = test_add_school (f->db, "06", "Город");

  test_put_value (f->db, extra, "sp_low_income_share", 2026, 10);
  a = opora_analysis_run (f->db, params, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (a->members->len, ==, 6);
  g_assert_cmpint (member (a, extra)->cluster, ==, 0);
  g_assert_cmpuint (member (a, extra)->flags & OPORA_MEMBER_LEFT_OUT, !=, 0);
  g_assert_true (isnan (member (a, extra)->results_index));
}

static void
assert_same_analysis (OporaAnalysis *a,
                      OporaAnalysis *b)
{
  g_assert_cmpuint (a->members->len, ==, b->members->len);
  g_assert_cmpuint (a->n_clusters, ==, b->n_clusters);
  for (guint i = 0; i < a->members->len; i++)
    {
      OporaMember *x = &g_array_index (a->members, OporaMember, i);
      OporaMember *y = &g_array_index (b->members, OporaMember, i);
      g_assert_cmpint (x->school_id, ==, y->school_id);
      g_assert_cmpint (x->cluster, ==, y->cluster);
      g_assert_cmpuint (x->rank, ==, y->rank);
      g_assert_cmpuint (x->flags, ==, y->flags);
      g_assert_true (x->results_index == y->results_index || (isnan (x->results_index) && isnan (y->results_index)));
    }
  g_assert_cmpuint (a->pairs->len, ==, b->pairs->len);
  for (guint i = 0; i < a->pairs->len; i++)
    {
      OporaPair *x = a->pairs->pdata[i], *y = b->pairs->pdata[i];
      g_assert_cmpint (x->supported_id, ==, y->supported_id);
      g_assert_cmpint (x->base_id, ==, y->base_id);
      g_assert_cmpstr (x->reason, ==, y->reason);
    }
}

static void
test_store (Fixture       *f,
            gconstpointer  data)
{
  g_autoptr(OporaAnalysisParams) params = quadrant_params (f);
  g_autoptr(GError) error = NULL;
  g_autoptr(OporaAnalysis) a = opora_analysis_run (f->db, params, NULL, &error);
  g_autoptr(OporaAnalysis) loaded = NULL;
  g_autoptr(GPtrArray) runs = NULL;
  const OporaPair *p2, *p4;

  g_assert_no_error (error);
  params->max_per_base = 1;
  g_clear_pointer (&a, opora_analysis_free);
  a = opora_analysis_run (f->db, params, NULL, &error);
  g_assert_true (opora_analysis_save (f->db, a, &error));
  g_assert_no_error (error);
  g_assert_cmpint (a->id, >, 0);
  g_assert_cmpint (opora_analysis_latest (f->db, 2026, NULL), ==, a->id);
  g_assert_cmpint (opora_analysis_latest (f->db, 2025, NULL), ==, 0);

  loaded = opora_analysis_load (f->db, a->id, &error);
  g_assert_no_error (error);
  assert_same_analysis (a, loaded);
  g_assert_cmpfloat (loaded->context_threshold, ==, a->context_threshold);
  /* The run keeps the rules that were on, with their versions. */
  g_assert_nonnull (strstr (loaded->rules, "{\"name\":\"federal-risk\",\"version\":1}"));
  g_assert_cmpstr (loaded->rules, ==, a->rules);
  g_assert_cmpuint (loaded->params->max_per_base, ==, 1);
  g_assert_cmpstr (loaded->params->context->len == 1 ? ((OporaAnalysisFeature *) loaded->params->context->pdata[0])->key : NULL,
                   ==, "sp_low_income_share");

  /* Decisions: accept 4 ← 5; give school 2 school 1 instead of 3. */
  p2 = pair_of (loaded, f->s[2]);
  p4 = pair_of (loaded, f->s[4]);
  g_assert_true (opora_pair_decide (f->db, p4->id, OPORA_PAIR_ACCEPTED, 0, &error));
  g_assert_true (opora_pair_decide (f->db, p2->id, OPORA_PAIR_ACCEPTED, f->s[1], &error));
  g_assert_no_error (error);
  /* School 1 now supports one school, the limit: it cannot take school 4 too. */
  g_assert_false (opora_pair_decide (f->db, p4->id, OPORA_PAIR_ACCEPTED, f->s[1], &error));
  g_assert_error (error, OPORA_ERROR, OPORA_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_false (opora_pair_decide (f->db, p4->id, OPORA_PAIR_ACCEPTED, f->s[4], &error));
  g_assert_error (error, OPORA_ERROR, OPORA_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_false (opora_pair_decide (f->db, 999, OPORA_PAIR_REJECTED, 0, &error));
  g_assert_error (error, OPORA_ERROR, OPORA_ERROR_NOT_FOUND);
  g_clear_error (&error);

  g_clear_pointer (&loaded, opora_analysis_free);
  loaded = opora_analysis_load (f->db, a->id, &error);
  g_assert_cmpint (pair_of (loaded, f->s[2])->base_id, ==, f->s[1]);
  g_assert_cmpint (pair_of (loaded, f->s[2])->status, ==, OPORA_PAIR_ACCEPTED);
  g_assert_cmpint (pair_of (loaded, f->s[4])->status, ==, OPORA_PAIR_ACCEPTED);

  runs = opora_analysis_list (f->db, &error);
  g_assert_cmpuint (runs->len, ==, 1);
  g_assert_cmpuint (((OporaRunInfo *) runs->pdata[0])->n_accepted, ==, 2);
  g_assert_cmpuint (((OporaRunInfo *) runs->pdata[0])->n_problem, ==, 2);

  g_assert_true (opora_analysis_delete (f->db, a->id, &error));
  g_assert_cmpint (test_query_int (f->db, "SELECT count(*) FROM school_pair"), ==, 0);
  g_assert_cmpint (test_query_int (f->db, "SELECT count(*) FROM cluster_member"), ==, 0);
}

static OporaAnalysis *
fake_analysis (const int *clusters,
               guint      n)
{
  OporaAnalysis *a = g_new0 (OporaAnalysis, 1);

  a->params = g_new0 (OporaAnalysisParams, 1);
  a->params->model = OPORA_MODEL_QUADRANT;
  a->n_clusters = 4;
  a->members = g_array_new (FALSE, TRUE, sizeof (OporaMember));
  for (guint i = 0; i < n; i++)
    {
      OporaMember m = { .school_id = i + 1, .cluster = clusters[i] };
      g_array_append_val (a->members, m);
    }
  return a;
}

/* Schools 1…5 from quadrants 2, 4, 3, 1, 2 to 1, 3, 4, 1, not placed. */
static void
test_transitions (void)
{
  const int before[] = { 2, 4, 3, 1, 2 };
  const int after[] = { 1, 3, 4, 1, 0 };
  g_autoptr(OporaAnalysis) from = fake_analysis (before, 5);
  g_autoptr(OporaAnalysis) to = fake_analysis (after, 5);
  g_autoptr(OporaTransitions) t = opora_transitions_compute (from, to);

  g_assert_cmpuint (t->counts[2 * 5 + 1], ==, 1);
  g_assert_cmpuint (t->counts[4 * 5 + 3], ==, 1);
  g_assert_cmpuint (t->counts[3 * 5 + 4], ==, 1);
  g_assert_cmpuint (t->counts[1 * 5 + 1], ==, 1);
  g_assert_cmpuint (t->counts[2 * 5 + 0], ==, 1);
  g_assert_cmpuint (t->falling_out->len, ==, 2);
  g_assert_cmpint (g_array_index (t->falling_out, gint64, 0), ==, 1);
  g_assert_cmpint (g_array_index (t->falling_out, gint64, 1), ==, 2);
  g_assert_cmpuint (t->entering->len, ==, 1);
  g_assert_cmpint (g_array_index (t->entering, gint64, 0), ==, 3);
}

/* k-means on the demo: k chosen by the silhouette, the same every time,
 * a quarter of each cluster flagged, stored and read back the same. */
static void
test_kmeans_demo (void)
{
  g_autoptr(OporaDb) db = test_workspace_new ("kmeans.opora");
  g_autoptr(GError) error = NULL;
  g_autoptr(OporaAnalysisParams) params = NULL;
  g_autoptr(OporaAnalysis) a = NULL;
  g_autoptr(OporaAnalysis) b = NULL;
  g_autoptr(OporaAnalysis) loaded = NULL;
  double best = -2;

  g_assert_true (opora_demo_fill (db, OPORA_DEMO_DEFAULT_SEED, &error));
  params = opora_analysis_params_new (db, 2026, OPORA_MODEL_KMEANS, &error);
  g_assert_no_error (error);
  a = opora_analysis_run (db, params, NULL, &error);
  g_assert_no_error (error);
  b = opora_analysis_run (db, params, NULL, &error);
  assert_same_analysis (a, b);
  g_assert_true (memcmp (&a->silhouette, &b->silhouette, sizeof (double)) == 0);

  g_assert_cmpuint (a->sweep->len, ==, 7);
  /* The context indicators are k-means features too: both roles get the values. */
  for (guint i = 0; i < a->members->len; i++)
    g_assert_false (isnan (g_array_index (a->members, OporaMember, i).context_index));
  for (guint i = 0; i < a->sweep->len; i++)
    best = MAX (best, g_array_index (a->sweep, OporaSweepPoint, i).silhouette);
  g_assert_cmpfloat (a->silhouette, ==, best);
  g_assert_cmpuint (a->n_clusters, >=, 2);
  g_assert_cmpuint (g_strv_length (a->profile_keys), ==, params->features->len);

  for (guint k = 1; k <= a->n_clusters; k++)
    {
      guint size = 0, problem = 0;
      for (guint i = 0; i < a->members->len; i++)
        {
          OporaMember *m = &g_array_index (a->members, OporaMember, i);
          if (m->cluster == (int) k && m->rank > 0)
            {
              size++;
              problem += (m->flags & OPORA_MEMBER_PROBLEM) != 0;
            }
        }
      g_assert_cmpuint (problem, ==, size >= 2 ? (guint) ceil (size * 0.25 - 1e-9) : 0);
    }

  g_assert_true (opora_analysis_save (db, a, &error));
  loaded = opora_analysis_load (db, a->id, &error);
  g_assert_no_error (error);
  assert_same_analysis (a, loaded);
  g_assert_cmpuint (loaded->sweep->len, ==, 7);
  g_assert_cmpfloat (loaded->silhouette, ==, a->silhouette);

  /* A k asked for is used, and more clusters than schools is refused. */
  params->k = 3;
  g_clear_pointer (&b, opora_analysis_free);
  b = opora_analysis_run (db, params, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (b->n_clusters, ==, 3);
  params->k = 500;
  g_clear_pointer (&b, opora_analysis_free);
  b = opora_analysis_run (db, params, NULL, &error);
  g_assert_null (b);
  g_assert_error (error, OPORA_ERROR, OPORA_ERROR_INVALID);
}

/* A stored run is followed: a new run of the same year with another seed
 * (other labels) gets the stored run's numbers and names back. */
static void
test_stable_clusters (void)
{
  g_autoptr(OporaDb) db = test_workspace_new ("stable.opora");
  g_autoptr(GError) error = NULL;
  g_autoptr(OporaAnalysisParams) params = NULL;
  g_autoptr(OporaAnalysis) first = NULL;
  g_autoptr(OporaAnalysis) second = NULL;
  g_autoptr(OporaAnalysis) loaded = NULL;

  g_assert_true (opora_demo_fill (db, OPORA_DEMO_DEFAULT_SEED, &error));
  params = opora_analysis_params_new (db, 2026, OPORA_MODEL_KMEANS, &error);
  params->k = 4;
  first = opora_analysis_run (db, params, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpint (first->previous_run_id, ==, 0);
  g_assert_true (opora_analysis_save (db, first, &error));
  g_assert_true (opora_analysis_name_cluster (db, first->id, 2, "  сельские малокомплектные ", TRUE, &error));
  g_assert_false (opora_analysis_name_cluster (db, first->id, 9, "нет такого", FALSE, &error));
  g_assert_error (error, OPORA_ERROR, OPORA_ERROR_NOT_FOUND);
  g_clear_error (&error);

  params->seed = 99;
  params->restarts = 1;
  second = opora_analysis_run (db, params, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpint (second->previous_run_id, ==, first->id);
  g_assert_cmpstr (opora_analysis_cluster_name (second, 2), ==, "сельские малокомплектные");
  for (guint k = 1; k <= 4; k++)
    g_assert_cmpint (g_array_index (second->clusters, OporaClusterInfo, k - 1).previous, ==, k);
  /* Where the two runs agree on the grouping, they agree on the numbers. */
  {
    guint same = 0;
    for (guint i = 0; i < second->members->len; i++)
      same += g_array_index (second->members, OporaMember, i).cluster ==
              g_array_index (first->members, OporaMember, i).cluster;
    g_assert_cmpuint (same, >=, second->members->len * 3 / 4);
  }
  g_assert_true (opora_analysis_save (db, second, &error));
  loaded = opora_analysis_load (db, second->id, &error);
  g_assert_no_error (error);
  g_assert_cmpint (loaded->previous_run_id, ==, first->id);
  g_assert_cmpstr (opora_analysis_cluster_name (loaded, 2), ==, "сельские малокомплектные");
  g_assert_true (g_array_index (loaded->clusters, OporaClusterInfo, 1).pinned);
}

static void
test_params_json (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(OporaAnalysisParams) p = opora_analysis_params_from_json ("{\"model\":\"nope\"}", &error);

  g_assert_null (p);
  g_assert_error (error, OPORA_ERROR, OPORA_ERROR_FORMAT);
  g_clear_error (&error);
  p = opora_analysis_params_from_json ("[", &error);
  g_assert_error (error, OPORA_ERROR, OPORA_ERROR_FORMAT);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);
  g_test_add ("/analysis/quadrants", Fixture, NULL, fixture_set_up, test_quadrants, fixture_tear_down);
  g_test_add ("/analysis/thresholds", Fixture, NULL, fixture_set_up, test_thresholds, fixture_tear_down);
  g_test_add ("/analysis/objectivity", Fixture, NULL, fixture_set_up, test_objectivity, fixture_tear_down);
  g_test_add ("/analysis/small-numbers", Fixture, NULL, fixture_set_up, test_small_numbers, fixture_tear_down);
  g_test_add ("/analysis/regression", Fixture, NULL, fixture_set_up, test_regression_model, fixture_tear_down);
  g_test_add ("/analysis/pooling", Fixture, NULL, fixture_set_up, test_pooling, fixture_tear_down);
  g_test_add ("/analysis/basis-years", Fixture, NULL, fixture_set_up, test_basis_years, fixture_tear_down);
  g_test_add ("/analysis/left-out", Fixture, NULL, fixture_set_up, test_left_out, fixture_tear_down);
  g_test_add ("/analysis/store", Fixture, NULL, fixture_set_up, test_store, fixture_tear_down);
  g_test_add_func ("/analysis/transitions", test_transitions);
  g_test_add_func ("/analysis/kmeans-demo", test_kmeans_demo);
  g_test_add_func ("/analysis/stable-clusters", test_stable_clusters);
  g_test_add_func ("/analysis/params-json", test_params_json);
  return g_test_run ();
}

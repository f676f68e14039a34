/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Tests of analysis parameters: defaults from the catalogue and the year's data, key lists, JSON. */

#include "opora-analysis.h"
#include "opora-error.h"
#include "test-util.h"

static gboolean
has_key (GPtrArray  *features,
         const char *key)
{
  for (guint i = 0; i < features->len; i++)
    if (g_str_equal (((OporaAnalysisFeature *) features->pdata[i])->key, key))
      return TRUE;
  return FALSE;
}

/* With values in the year, only the indicators that have some: context ones
 * with a direction for the context index, every context one for k-means,
 * result shares/scores with a direction for the results index. */
static void
test_defaults (void)
{
  g_autoptr(OporaDb) db = test_workspace_new ("defaults.opora");
  g_autoptr(GError) error = NULL;
  g_autoptr(OporaAnalysisParams) p = NULL;
  g_autoptr(OporaAnalysisParams) empty = NULL;
  gint64 a = test_add_school (db, "01", NULL);

  test_put_value (db, a, "sp_low_income_share", 2026, 20);
  test_put_value (db, a, "students_total", 2026, 300);
  test_put_value (db, a, "ege_rus_avg", 2026, 70);
  test_put_value (db, a, "ege_rus_n", 2026, 20);
  test_put_value (db, a, "vpr_nonobjective", 2026, 0);

  p = opora_analysis_params_new (db, 2026, OPORA_MODEL_KMEANS, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (p->context->len, ==, 1);
  g_assert_true (has_key (p->context, "sp_low_income_share"));
  g_assert_cmpuint (p->features->len, ==, 2);
  g_assert_true (has_key (p->features, "students_total"));
  g_assert_cmpuint (p->results->len, ==, 1);
  g_assert_true (has_key (p->results, "ege_rus_avg"));
  g_assert_cmpuint (p->k, ==, 0);
  g_assert_cmpuint (p->k_min, ==, 2);
  g_assert_cmpuint (p->k_max, ==, 8);
  g_assert_cmpfloat (p->problem_share, ==, 0.25);
  g_assert_cmpuint (p->max_per_base, ==, 3);
  g_assert_cmpuint (p->min_participants, ==, 10);
  g_assert_true (p->pool_small);

  /* A year without values: the whole catalogue's groups. */
  empty = opora_analysis_params_new (db, 2020, OPORA_MODEL_QUADRANT, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (empty->context->len, ==, 7);
  g_assert_false (has_key (empty->context, "students_total"));
  g_assert_true (has_key (empty->results, "vpr_math5_m2"));
  g_assert_false (has_key (empty->results, "vpr_math5_n"));
  g_assert_false (has_key (empty->results, "vpr_nonobjective"));
}

static void
test_set_keys (void)
{
  g_autoptr(GPtrArray) features = g_ptr_array_new ();
  g_autoptr(OporaAnalysisParams) p = opora_analysis_params_from_json (
    "{\"model\":\"quadrant\",\"threshold\":\"median\",\"missing\":\"impute\",\"context\":[],\"results\":[],\"features\":[]}", NULL);
  g_autoptr(GError) error = NULL;

  g_assert_nonnull (p);
  g_assert_true (opora_analysis_params_set_keys (p->context, " sp_low_income_share:2 , ege_rus_avg ,", &error));
  g_assert_no_error (error);
  g_assert_cmpuint (p->context->len, ==, 2);
  g_assert_cmpstr (((OporaAnalysisFeature *) p->context->pdata[0])->key, ==, "sp_low_income_share");
  g_assert_cmpfloat (((OporaAnalysisFeature *) p->context->pdata[0])->weight, ==, 2);
  g_assert_cmpfloat (((OporaAnalysisFeature *) p->context->pdata[1])->weight, ==, 1);

  g_assert_false (opora_analysis_params_set_keys (p->results, "ege_rus_avg:-1", &error));
  g_assert_error (error, OPORA_ERROR, OPORA_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_false (opora_analysis_params_set_keys (p->results, "ege_rus_avg:much", &error));
  g_assert_error (error, OPORA_ERROR, OPORA_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_false (opora_analysis_params_set_keys (p->results, " , ", &error));
  g_assert_error (error, OPORA_ERROR, OPORA_ERROR_INVALID);
}

/* Everything written comes back; a seed past 2^53 survives as text. */
static void
test_json_round_trip (void)
{
  g_autoptr(OporaDb) db = test_workspace_new ("json.opora");
  g_autoptr(GError) error = NULL;
  g_autoptr(OporaAnalysisParams) p = opora_analysis_params_new (db, 2026, OPORA_MODEL_REGRESSION, &error);
  g_autoptr(OporaAnalysisParams) q = NULL;
  g_autofree char *json = NULL;
  g_autofree char *again = NULL;

  p->k = 5;
  p->seed = G_GUINT64_CONSTANT (18446744073709551557);
  p->restarts = 3;
  p->missing = OPORA_MISSING_LEAVE_OUT;
  p->threshold = OPORA_THRESHOLD_VALUE;
  p->context_threshold = -0.25;
  p->results_threshold = 0.5;
  p->problem_share = 0.2;
  p->max_per_base = 2;
  p->min_gap = 0.75;
  p->min_participants = 15;
  p->include_small = TRUE;
  p->basis_years = 3;
  p->pool_small = FALSE;
  g_assert_true (opora_analysis_params_set_keys (p->context, "sp_low_income_share:2", &error));
  json = opora_analysis_params_to_json (p);
  q = opora_analysis_params_from_json (json, &error);
  g_assert_no_error (error);
  again = opora_analysis_params_to_json (q);
  g_assert_cmpstr (json, ==, again);
  g_assert_cmpint (q->model, ==, OPORA_MODEL_REGRESSION);
  g_assert_true (q->seed == G_GUINT64_CONSTANT (18446744073709551557));
  g_assert_cmpfloat (((OporaAnalysisFeature *) q->context->pdata[0])->weight, ==, 2);
  g_assert_false (q->pool_small);
  g_assert_true (q->include_small);
}

static void
test_names (void)
{
  OporaModel model;
  OporaPairStatus status;

  for (int m = OPORA_MODEL_QUADRANT; m <= OPORA_MODEL_REGRESSION; m++)
    {
      g_assert_true (opora_model_from_string (opora_model_to_string (m), &model));
      g_assert_cmpint (model, ==, m);
      g_assert_nonnull (opora_model_label (m));
    }
  g_assert_false (opora_model_from_string ("dbscan", &model));
  for (int s = OPORA_PAIR_PROPOSED; s <= OPORA_PAIR_REJECTED; s++)
    {
      g_assert_true (opora_pair_status_from_string (opora_pair_status_to_string (s), &status));
      g_assert_cmpint (status, ==, s);
    }
  g_assert_cmpstr (opora_quadrant_name (1), ==, "Difficult contingent, low results");
  g_assert_cmpstr (opora_quadrant_name (4), ==, "Favourable contingent, high results");
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);
  g_test_add_func ("/analysis-params/defaults", test_defaults);
  g_test_add_func ("/analysis-params/set-keys", test_set_keys);
  g_test_add_func ("/analysis-params/json-round-trip", test_json_round_trip);
  g_test_add_func ("/analysis-params/names", test_names);
  return g_test_run ();
}

/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Tests of rules as data: the threshold rule on hand-made schools with its edge cases, the
 * monitoring, cluster and residual rules against the analyses they stand on, and editing. */

#include "opora-analysis-store.h"
#include "opora-demo.h"
#include "opora-error.h"
#include "opora-monitoring.h"
#include "opora-rule.h"
#include "test-util.h"

typedef struct {
  OporaDb *db;
  gint64   a, b, c, d;
} Fixture;

/* Shares of «2» (participants in brackets):
 *   A 2026: ОГЭ maths 30 (10) — exactly the threshold and exactly enough examinees — and
 *           ОГЭ Russian 35 (20); 2025: ОГЭ maths 31 (12): two procedures, and one two years running.
 *   B 2026: ОГЭ maths 29.9, ОГЭ Russian 40; 2025: ОГЭ Russian 50: one procedure, running.
 *   C 2026: ОГЭ maths 45 on 9 examinees (too few), ОГЭ Russian 33 (30), ВПР maths 5 30 (25);
 *      2025: ВПР maths 5 40 (25): two procedures without the small one, and one running.
 *   D 2026: ОГЭ maths 50, ОГЭ Russian 50; no 2025 at all: two procedures, none running. */
static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  f->db = test_workspace_new ("rules.opora");
  f->a = test_add_school (f->db, "01", "Город");
  f->b = test_add_school (f->db, "02", "Город");
  f->c = test_add_school (f->db, "03", "Город");
  f->d = test_add_school (f->db, "04", "Город");

  test_put_value (f->db, f->a, "oge_math_m2_share", 2026, 30);
  test_put_value (f->db, f->a, "oge_math_n", 2026, 10);
  test_put_value (f->db, f->a, "oge_rus_m2_share", 2026, 35);
  test_put_value (f->db, f->a, "oge_rus_n", 2026, 20);
  test_put_value (f->db, f->a, "oge_math_m2_share", 2025, 31);
  test_put_value (f->db, f->a, "oge_math_n", 2025, 12);

  test_put_value (f->db, f->b, "oge_math_m2_share", 2026, 29.9);
  test_put_value (f->db, f->b, "oge_rus_m2_share", 2026, 40);
  test_put_value (f->db, f->b, "oge_rus_m2_share", 2025, 50);

  test_put_value (f->db, f->c, "oge_math_m2_share", 2026, 45);
  test_put_value (f->db, f->c, "oge_math_n", 2026, 9);
  test_put_value (f->db, f->c, "oge_rus_m2_share", 2026, 33);
  test_put_value (f->db, f->c, "oge_rus_n", 2026, 30);
  test_put_value (f->db, f->c, "vpr_math5_m2", 2026, 30);
  test_put_value (f->db, f->c, "vpr_math5_n", 2026, 25);
  test_put_value (f->db, f->c, "vpr_math5_m2", 2025, 40);
  test_put_value (f->db, f->c, "vpr_math5_n", 2025, 25);

  test_put_value (f->db, f->d, "oge_math_m2_share", 2026, 50);
  test_put_value (f->db, f->d, "oge_rus_m2_share", 2026, 50);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  opora_db_free (f->db);
}

/* The schools flagged, as a string of their codes' last digits, e.g. "13". */
static char *
flagged (GPtrArray *flags,
         Fixture   *f)
{
  GString *text = g_string_new (NULL);
  const gint64 ids[] = { f->a, f->b, f->c, f->d };

  for (guint i = 0; i < flags->len; i++)
    for (guint k = 0; k < 4; k++)
      if (((OporaFlag *) flags->pdata[i])->school_id == ids[k])
        g_string_append_printf (text, "%u", k + 1);
  return g_string_free (text, FALSE);
}

static void
test_federal_risk (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) flags = opora_rule_evaluate (f->db, 2026, "federal-risk", &error);
  g_autofree char *which = NULL;

  g_assert_no_error (error);
  which = flagged (flags, f);
  g_assert_cmpstr (which, ==, "13");
  g_assert_cmpstr (((OporaFlag *) flags->pdata[0])->rule, ==, "federal-risk");
  g_assert_cmpint (((OporaFlag *) flags->pdata[0])->version, ==, 1);
  g_assert_nonnull (strstr (((OporaFlag *) flags->pdata[0])->evidence, "30.0 %"));
  g_assert_nonnull (strstr (((OporaFlag *) flags->pdata[0])->evidence, "2 years running"));
  /* C's 45 % rests on 9 examinees: not in the evidence. */
  g_assert_null (strstr (((OporaFlag *) flags->pdata[1])->evidence, "45.0"));
}

/* Either condition: B (running only) and D (two procedures, no earlier year) too;
 * counting small figures puts C's 45 % in its evidence. */
static void
test_either_and_small (Fixture       *f,
                       gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) flags = NULL;
  g_autofree char *which = NULL;

  g_assert_true (opora_rule_save (f->db, "either", "Любое из двух условий",
                                  "{\"kind\":\"threshold\",\"indicators\":[\"oge_*_m2_share\",\"vpr_*_m2\"],"
                                  "\"op\":\">=\",\"value\":30,\"min_procedures\":2,\"same_years\":2,"
                                  "\"need_both\":false,\"include_small\":true}", -1, &error));
  g_assert_no_error (error);
  flags = opora_rule_evaluate (f->db, 2026, "either", &error);
  g_assert_no_error (error);
  which = flagged (flags, f);
  g_assert_cmpstr (which, ==, "1234");
  g_assert_nonnull (strstr (((OporaFlag *) flags->pdata[2])->evidence, "45.0 %"));
}

static void
test_editing (Fixture       *f,
              gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) rules = NULL;
  g_autoptr(GPtrArray) all = NULL;
  OporaRule *federal;

  g_assert_false (opora_rule_save (f->db, "broken", NULL, "{\"kind\":\"guess\"}", -1, &error));
  g_assert_error (error, OPORA_ERROR, OPORA_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_false (opora_rule_save (f->db, "broken", NULL, "[1,2", -1, &error));
  g_assert_error (error, OPORA_ERROR, OPORA_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_false (opora_rule_save (f->db, "missing", "x", NULL, 1, &error));
  g_assert_error (error, OPORA_ERROR, OPORA_ERROR_NOT_FOUND);
  g_clear_error (&error);

  /* A new title is a new version; switching off is not. */
  g_assert_true (opora_rule_save (f->db, "federal-risk", "Критерий риска", NULL, -1, &error));
  g_assert_true (opora_rule_save (f->db, "federal-risk", NULL, NULL, 0, &error));
  g_assert_no_error (error);
  rules = opora_rule_list (f->db, &error);
  g_assert_cmpuint (rules->len, ==, 4);
  federal = rules->pdata[0];
  g_assert_cmpstr (federal->title, ==, "Критерий риска");
  g_assert_cmpint (federal->version, ==, 2);
  g_assert_false (federal->enabled);
  g_assert_true (federal->builtin);

  /* Off rules do not run when all rules run; unknown names are an error. */
  g_assert_true (opora_rule_save (f->db, "negative-dynamics", NULL, NULL, 0, &error));
  g_assert_true (opora_rule_save (f->db, "bottom-of-cluster", NULL, NULL, 0, &error));
  g_assert_true (opora_rule_save (f->db, "below-expectation", NULL, NULL, 0, &error));
  all = opora_rule_evaluate (f->db, 2026, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (all->len, ==, 0);
  g_assert_null (opora_rule_evaluate (f->db, 2026, "nope", &error));
  g_assert_error (error, OPORA_ERROR, OPORA_ERROR_NOT_FOUND);
}

static gboolean
flags_school (GPtrArray *flags,
              gint64     school_id)
{
  for (guint i = 0; i < flags->len; i++)
    if (((OporaFlag *) flags->pdata[i])->school_id == school_id)
      return TRUE;
  return FALSE;
}

/* On the demo: the monitoring rule flags the summary table, the cluster
 * rule the problem schools of the stored k-means run, the residual rule the
 * schools clearly below expectation. */
static void
test_other_kinds (void)
{
  g_autoptr(OporaDb) db = test_workspace_new ("rules-demo.opora");
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) rows = NULL;
  g_autoptr(GArray) summary = NULL;
  g_autoptr(OporaAnalysisParams) params = NULL;
  g_autoptr(OporaAnalysis) kmeans = NULL;
  g_autoptr(OporaAnalysis) regression = NULL;
  g_autoptr(GPtrArray) monitoring = NULL;
  g_autoptr(GPtrArray) cluster = NULL;
  g_autoptr(GPtrArray) residual = NULL;
  guint n_problem = 0, n_below = 0;

  g_assert_true (opora_demo_fill (db, OPORA_DEMO_DEFAULT_SEED, &error));
  rows = opora_monitoring_compute (db, 2026, &error);
  summary = opora_monitoring_summary (rows);
  monitoring = opora_rule_evaluate (db, 2026, "negative-dynamics", &error);
  g_assert_no_error (error);
  g_assert_cmpuint (monitoring->len, ==, summary->len);
  for (guint i = 0; i < summary->len; i++)
    g_assert_true (flags_school (monitoring, g_array_index (summary, OporaMonitoringRow, i).school_id));

  params = opora_analysis_params_new (db, 2026, OPORA_MODEL_KMEANS, &error);
  params->k = 3;
  kmeans = opora_analysis_run (db, params, NULL, &error);
  g_assert_true (opora_analysis_save (db, kmeans, &error));
  cluster = opora_rule_evaluate (db, 2026, "bottom-of-cluster", &error);
  g_assert_no_error (error);
  for (guint i = 0; i < kmeans->members->len; i++)
    {
      OporaMember *m = &g_array_index (kmeans->members, OporaMember, i);
      gboolean problem = (m->flags & OPORA_MEMBER_PROBLEM) != 0;
      n_problem += problem;
      g_assert_cmpint (flags_school (cluster, m->school_id), ==, problem);
    }
  g_assert_cmpuint (cluster->len, ==, n_problem);
  g_assert_nonnull (strstr (((OporaFlag *) cluster->pdata[0])->evidence, "analysis 1"));

  params->model = OPORA_MODEL_REGRESSION;
  regression = opora_analysis_run (db, params, NULL, &error);
  residual = opora_rule_evaluate (db, 2026, "below-expectation", &error);
  g_assert_no_error (error);
  for (guint i = 0; i < regression->members->len; i++)
    {
      OporaMember *m = &g_array_index (regression->members, OporaMember, i);
      gboolean below = m->cluster == OPORA_REGRESSION_BELOW;
      n_below += below;
      g_assert_cmpint (flags_school (residual, m->school_id), ==, below);
    }
  g_assert_cmpuint (residual->len, ==, n_below);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);
  g_test_add ("/rule/federal-risk", Fixture, NULL, fixture_set_up, test_federal_risk, fixture_tear_down);
  g_test_add ("/rule/either-and-small", Fixture, NULL, fixture_set_up, test_either_and_small, fixture_tear_down);
  g_test_add ("/rule/editing", Fixture, NULL, fixture_set_up, test_editing, fixture_tear_down);
  g_test_add_func ("/rule/other-kinds", test_other_kinds);
  return g_test_run ();
}

/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The rubric engine: the seeds' presets, totals and levels, points rubrics, refusals, edits. */

#include <math.h>

#include "opora-error.h"
#include "opora-evaluation.h"
#include "test-util.h"

#define MENTOR_RUBRIC 1
#define TUTOR_RUBRIC 2
#define CLUSTER_RUBRIC 3

/* An evaluation of @person on @rubric with the scores of its criteria in order. */
static OporaEvaluation *
scored (OporaRubric  *rubric,
        gint64        person_id,
        int           year,
        const double *values,
        guint         n)
{
  OporaEvaluation *e = opora_evaluation_new (rubric->id, person_id, year);

  for (guint i = 0; i < n; i++)
    opora_evaluation_set_score (e, ((OporaCriterion *) rubric->criteria->pdata[i])->id, values[i], NULL, NULL);
  return e;
}

static void
test_presets (void)
{
  g_autoptr(OporaDb) db = test_workspace_new ("presets.opora");
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) rubrics = opora_rubric_list (db, FALSE, &error);
  OporaRubric *mentor, *tutor, *cluster;

  g_assert_no_error (error);
  g_assert_cmpuint (rubrics->len, ==, 3);
  mentor = rubrics->pdata[0], tutor = rubrics->pdata[1], cluster = rubrics->pdata[2];
  g_assert_cmpstr (mentor->preset, ==, "mentor-centre");
  g_assert_true (mentor->has_role && mentor->role == OPORA_ROLE_MENTOR);
  g_assert_cmpstr (mentor->body, ==, "Муниципальный наставнический центр");
  g_assert_cmpuint (mentor->criteria->len, ==, 6);
  g_assert_cmpstr (((OporaCriterion *) mentor->criteria->pdata[0])->title, ==, "Документационное обеспечение");
  g_assert_cmpuint (((OporaCriterion *) mentor->criteria->pdata[5])->options->len, ==, 3);
  g_assert_cmpfloat (opora_rubric_max_total (mentor), ==, 12);
  g_assert_cmpuint (mentor->levels->len, ==, 3);

  g_assert_true (tutor->has_role && tutor->role == OPORA_ROLE_TUTOR);
  g_assert_cmpstr (((OporaCriterion *) tutor->criteria->pdata[1])->title, ==, "Качество кадрового состава тьюторского корпуса");
  g_assert_cmpfloat (opora_rubric_max_total (tutor), ==, 12);

  g_assert_false (cluster->has_role);
  g_assert_cmpuint (cluster->criteria->len, ==, 13);
  g_assert_cmpuint (cluster->levels->len, ==, 0);
  g_assert_cmpfloat (opora_rubric_max_total (cluster), ==, -1);  /* counts have no bound */

  g_autoptr(OporaRubric) found = opora_rubric_for_role (db, OPORA_ROLE_TUTOR, &error);
  g_assert_no_error (error);
  g_assert_cmpint (found->id, ==, TUTOR_RUBRIC);
}

/* Seed 003: 0–5 unsatisfactory, 6–10 satisfactory, 11–12 optimal. */
static void
test_levels (void)
{
  g_autoptr(OporaDb) db = test_workspace_new ("levels.opora");
  g_autoptr(OporaRubric) r = opora_rubric_get (db, MENTOR_RUBRIC, NULL);
  static const struct { double total; const char *level; int index; } cases[] = {
    { 0, "неудовлетворительный", 0 }, { 5, "неудовлетворительный", 0 },
    { 6, "удовлетворительный", 1 }, { 10, "удовлетворительный", 1 },
    { 11, "оптимальный", 2 }, { 12, "оптимальный", 2 },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_assert_cmpint (opora_rubric_level_index (r, cases[i].total), ==, cases[i].index);
      g_assert_cmpstr (opora_rubric_level_name (r, cases[i].total), ==, cases[i].level);
    }
}

static gint64
add_person (OporaDb    *db,
            OporaRole   role,
            const char *name)
{
  g_autoptr(OporaPerson) p = opora_person_new (role, name);
  g_autoptr(GError) error = NULL;
  gint64 id = opora_person_add (db, p, &error);

  g_assert_no_error (error);
  return id;
}

/* Totals computed from the scores: 2+1+1+1+0+0 = 5 (edge of unsatisfactory), one more point is 6. */
static void
test_totals (void)
{
  g_autoptr(OporaDb) db = test_workspace_new ("totals.opora");
  g_autoptr(OporaRubric) r = opora_rubric_get (db, MENTOR_RUBRIC, NULL);
  g_autoptr(GError) error = NULL;
  gint64 person = add_person (db, OPORA_ROLE_MENTOR, "Иванова Анна Петровна");
  const double five[] = { 2, 1, 1, 1, 0, 0 };
  const double six[] = { 2, 1, 1, 1, 1, 0 };
  const double ten[] = { 2, 2, 2, 2, 1, 1 };
  const double eleven[] = { 2, 2, 2, 2, 2, 1 };
  g_autoptr(OporaEvaluation) e5 = scored (r, person, 2025, five, 6);
  g_autoptr(OporaEvaluation) e6 = scored (r, person, 2026, six, 6);
  g_autoptr(OporaEvaluation) e10 = scored (r, person, 2026, ten, 6);
  g_autoptr(OporaEvaluation) e11 = scored (r, person, 2026, eleven, 6);
  g_autoptr(GPtrArray) list = NULL;
  OporaEvaluation *read;

  g_assert_true (opora_evaluation_compute (e10, r, &error));
  g_assert_cmpfloat (e10->total, ==, 10);
  g_assert_cmpstr (e10->level_name, ==, "удовлетворительный");
  g_assert_true (opora_evaluation_compute (e11, r, &error));
  g_assert_cmpfloat (e11->total, ==, 11);
  g_assert_cmpstr (e11->level_name, ==, "оптимальный");

  g_free (e5->evaluator), e5->evaluator = g_strdup ("Методист ИМЦ");
  opora_evaluation_set_score (e5, ((OporaCriterion *) r->criteria->pdata[0])->id, 2, "Положение утверждено", "Приказ № 12");
  g_assert_cmpint (opora_evaluation_save (db, e5, &error), >, 0);
  g_assert_no_error (error);
  g_assert_cmpint (opora_evaluation_save (db, e6, &error), >, 0);
  g_assert_no_error (error);

  list = opora_evaluation_list (db, person, 0, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (list->len, ==, 2);
  read = list->pdata[0];
  g_assert_cmpint (read->year, ==, 2025);
  g_assert_cmpfloat (read->total, ==, 5);
  g_assert_cmpstr (read->level_name, ==, "неудовлетворительный");
  g_assert_cmpint (read->level, ==, 0);
  g_assert_true (read->complete);
  g_assert_cmpfloat (read->max_total, ==, 12);
  g_assert_cmpstr (read->person_name, ==, "Иванова Анна Петровна");
  g_assert_cmpstr (read->evaluator, ==, "Методист ИМЦ");
  g_assert_cmpstr (g_array_index (read->scores, OporaScore, 0).comment, ==, "Положение утверждено");
  g_assert_cmpstr (g_array_index (read->scores, OporaScore, 0).evidence, ==, "Приказ № 12");
  read = list->pdata[1];
  g_assert_cmpfloat (read->total, ==, 6);
  g_assert_cmpstr (read->level_name, ==, "удовлетворительный");

  /* The same person, rubric and year twice is refused: edit the first. */
  g_assert_cmpint (opora_evaluation_save (db, e10, &error), ==, 0);
  g_assert_error (error, OPORA_ERROR, OPORA_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "2025/26"));
  g_clear_error (&error);
  g_assert_cmpint (test_query_int (db, "SELECT count(*) FROM evaluation"), ==, 2);
}

/* Scores off the scale are refused with the scale in the message; nothing is written. */
static void
test_refusals (void)
{
  g_autoptr(OporaDb) db = test_workspace_new ("refusals.opora");
  g_autoptr(OporaRubric) mentor = opora_rubric_get (db, MENTOR_RUBRIC, NULL);
  g_autoptr(OporaRubric) cluster = opora_rubric_get (db, CLUSTER_RUBRIC, NULL);
  g_autoptr(GError) error = NULL;
  gint64 person = add_person (db, OPORA_ROLE_MENTOR, "Петров Олег Иванович");
  gint64 tutor = add_person (db, OPORA_ROLE_TUTOR, "Сидорова Мария Олеговна");
  const double three[] = { 3 };
  const double half[] = { 1.5 };
  const double negative[] = { -2 };
  g_autoptr(OporaEvaluation) e3 = scored (mentor, person, 2026, three, 1);
  g_autoptr(OporaEvaluation) e_half = scored (mentor, person, 2026, half, 1);
  g_autoptr(OporaEvaluation) e_neg = scored (cluster, 0, 2026, negative, 1);
  g_autoptr(OporaEvaluation) e_role = scored (mentor, tutor, 2026, NULL, 0);
  g_autoptr(OporaEvaluation) e_product = opora_evaluation_new (CLUSTER_RUBRIC, 0, 2026);

  g_assert_cmpint (opora_evaluation_save (db, e3, &error), ==, 0);
  g_assert_error (error, OPORA_ERROR, OPORA_ERROR_INVALID);
  g_assert_cmpstr (error->message, ==, "“Документационное обеспечение” is scored 0, 1 or 2; 3 is not on its scale.");
  g_clear_error (&error);
  g_assert_cmpint (opora_evaluation_save (db, e_half, &error), ==, 0);
  g_assert_error (error, OPORA_ERROR, OPORA_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "1,5 is not on its scale"));
  g_clear_error (&error);
  g_assert_cmpint (opora_evaluation_save (db, e_neg, &error), ==, 0);
  g_assert_error (error, OPORA_ERROR, OPORA_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "-2 is not a count"));
  g_clear_error (&error);
  g_assert_cmpint (opora_evaluation_save (db, e_role, &error), ==, 0);
  g_assert_error (error, OPORA_ERROR, OPORA_ERROR_INVALID);
  g_clear_error (&error);
  /* The innovation product is 0, 2, 4 or 6: 5 is refused. */
  opora_evaluation_set_score (e_product, ((OporaCriterion *) cluster->criteria->pdata[12])->id, 5, NULL, NULL);
  g_assert_cmpint (opora_evaluation_save (db, e_product, &error), ==, 0);
  g_assert_error (error, OPORA_ERROR, OPORA_ERROR_INVALID);
  g_assert_cmpstr (error->message, ==, "“Инновационный продукт” is scored 0, 2, 4 or 6; 5 is not on its scale.");
  g_clear_error (&error);
  g_free (e_product->date), e_product->date = g_strdup ("2026-13-01");
  opora_evaluation_set_score (e_product, ((OporaCriterion *) cluster->criteria->pdata[12])->id, 4, NULL, NULL);
  g_assert_cmpint (opora_evaluation_save (db, e_product, &error), ==, 0);
  g_assert_error (error, OPORA_ERROR, OPORA_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_cmpint (test_query_int (db, "SELECT count(*) FROM evaluation"), ==, 0);
  g_assert_cmpint (test_query_int (db, "SELECT count(*) FROM evaluation_score"), ==, 0);
}

/* Seed 004's points, summed: 4 participants ×1, 1 grant ×3, publications 2×1 + 1×3 + 0×5,
 * 2 schools ×2, 10 teachers ×1, 3 interns ×3, 1 partner ×3, 2 projects ×3, membership kept 2,
 * plan 3, product with guidelines 4:  4+3+2+3+0+4+10+9+3+6+2+3+4 = 53. */
static void
test_points (void)
{
  g_autoptr(OporaDb) db = test_workspace_new ("points.opora");
  g_autoptr(OporaRubric) r = opora_rubric_get (db, CLUSTER_RUBRIC, NULL);
  g_autoptr(GError) error = NULL;
  const double values[] = { 4, 1, 2, 1, 0, 2, 10, 3, 1, 2, 2, 3, 4 };
  g_autoptr(OporaEvaluation) e = scored (r, 0, 2026, values, G_N_ELEMENTS (values));
  g_autoptr(OporaEvaluation) read = NULL;
  gint64 id;

  g_free (e->evaluator), e->evaluator = g_strdup ("Совет кластера");
  id = opora_evaluation_save (db, e, &error);
  g_assert_no_error (error);
  read = opora_evaluation_get (db, id, &error);
  g_assert_no_error (error);
  g_assert_cmpfloat (read->total, ==, 53);
  g_assert_cmpint (read->level, ==, -1);
  g_assert_null (read->level_name);
  g_assert_cmpfloat (read->max_total, ==, -1);
  g_assert_cmpint (read->person_id, ==, 0);
  g_assert_cmpstr (read->person_name, ==, "Методический кластер");
  g_assert_cmpfloat (g_array_index (read->scores, OporaScore, 7).points, ==, 9);
  g_assert_cmpfloat (g_array_index (read->scores, OporaScore, 12).points, ==, 4);

  /* A partial evaluation is stored and says so. */
  opora_evaluation_set_score (read, g_array_index (read->scores, OporaScore, 0).criterion_id, NAN, NULL, NULL);
  g_assert_cmpint (opora_evaluation_save (db, read, &error), ==, id);
  g_assert_no_error (error);
  g_assert_false (read->complete);
  g_assert_cmpfloat (read->total, ==, 49);
  g_clear_pointer (&read, opora_evaluation_free);
  g_assert_null (opora_evaluation_find (db, CLUSTER_RUBRIC, 0, 2025, &error));
  g_assert_no_error (error);
  read = opora_evaluation_find (db, CLUSTER_RUBRIC, 0, 2026, &error);
  g_assert_nonnull (read);
  g_assert_cmpfloat (read->total, ==, 49);
}

/* Editing: texts and levels of an evaluated rubric may change, its points may not; a copy may. */
static void
test_edit (void)
{
  g_autoptr(OporaDb) db = test_workspace_new ("edit.opora");
  g_autoptr(OporaRubric) r = opora_rubric_get (db, MENTOR_RUBRIC, NULL);
  g_autoptr(OporaRubric) copy = NULL;
  g_autoptr(GError) error = NULL;
  gint64 person = add_person (db, OPORA_ROLE_MENTOR, "Кузнецова Елена Викторовна");
  const double nine[] = { 2, 2, 2, 1, 1, 1 };
  g_autoptr(OporaEvaluation) e = scored (r, person, 2026, nine, 6);
  g_autoptr(OporaEvaluation) again = NULL;
  OporaCriterion *first;
  gint64 copy_id;

  g_assert_cmpint (opora_evaluation_save (db, e, &error), >, 0);
  first = r->criteria->pdata[0];
  g_free (first->title), first->title = g_strdup ("Документационное обеспечение центра");
  g_array_index (r->levels, OporaRubricLevel, 1).min_total = 9;
  g_assert_cmpint (opora_rubric_save (db, r, &error), ==, MENTOR_RUBRIC);
  g_assert_no_error (error);
  again = opora_evaluation_find (db, MENTOR_RUBRIC, person, 2026, &error);
  g_assert_cmpfloat (again->total, ==, 9);
  g_assert_cmpstr (again->level_name, ==, "удовлетворительный");  /* the threshold moved to 9 */

  opora_criterion_add_option (first, 3, "образцовый уровень");
  g_assert_cmpint (opora_rubric_save (db, r, &error), ==, 0);
  g_assert_error (error, OPORA_ERROR, OPORA_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "Duplicate the rubric"));
  g_clear_error (&error);

  copy_id = opora_rubric_duplicate (db, MENTOR_RUBRIC, NULL, &error);
  g_assert_no_error (error);
  copy = opora_rubric_get (db, copy_id, &error);
  g_assert_cmpstr (copy->name, ==, "Эффективность наставника (copy)");
  g_assert_cmpuint (copy->criteria->len, ==, 6);
  g_assert_cmpint (((OporaCriterion *) copy->criteria->pdata[0])->id, !=, first->id);
  opora_criterion_add_option (copy->criteria->pdata[0], 3, "образцовый уровень");
  g_ptr_array_remove_index (copy->criteria, 5);
  g_assert_cmpint (opora_rubric_save (db, copy, &error), ==, copy_id);
  g_assert_no_error (error);
  g_clear_pointer (&copy, opora_rubric_free);
  copy = opora_rubric_get (db, copy_id, &error);
  g_assert_cmpuint (copy->criteria->len, ==, 5);
  g_assert_cmpfloat (opora_rubric_max_total (copy), ==, 11);

  /* Rubrics that cannot be scored are refused. */
  g_ptr_array_set_size (copy->criteria, 0);
  g_assert_cmpint (opora_rubric_save (db, copy, &error), ==, 0);
  g_assert_error (error, OPORA_ERROR, OPORA_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_true (opora_rubric_set_archived (db, copy_id, TRUE, &error));
  g_assert_cmpint (test_query_int (db, "SELECT count(*) FROM rubric WHERE archived = 0"), ==, 3);
}

static void
test_json (void)
{
  g_autoptr(OporaDb) db = test_workspace_new ("json.opora");
  g_autoptr(OporaRubric) r = opora_rubric_get (db, CLUSTER_RUBRIC, NULL);
  g_autoptr(JsonNode) node = opora_rubric_to_json (r);
  g_autofree char *text = json_to_string (node, FALSE);
  g_autoptr(JsonNode) parsed = json_from_string (text, NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(OporaRubric) back = opora_rubric_from_json (parsed, &error);
  g_autoptr(JsonNode) bad = json_from_string ("{\"name\":\"x\",\"criteria\":[{\"title\":\"a\",\"kind\":\"count\"}]}", NULL);
  g_autoptr(OporaRubric) refused = NULL;

  g_assert_no_error (error);
  g_assert_cmpstr (back->name, ==, r->name);
  g_assert_cmpuint (back->criteria->len, ==, 13);
  g_assert_cmpfloat (((OporaCriterion *) back->criteria->pdata[4])->points_per_unit, ==, 5);
  g_assert_cmpuint (((OporaCriterion *) back->criteria->pdata[12])->options->len, ==, 4);
  refused = opora_rubric_from_json (bad, &error);
  g_assert_null (refused);
  g_assert_error (error, OPORA_ERROR, OPORA_ERROR_FORMAT);
}

int
main (int argc, char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);
  g_test_add_func ("/rubric/presets", test_presets);
  g_test_add_func ("/rubric/levels", test_levels);
  g_test_add_func ("/rubric/totals", test_totals);
  g_test_add_func ("/rubric/refusals", test_refusals);
  g_test_add_func ("/rubric/points", test_points);
  g_test_add_func ("/rubric/edit", test_edit);
  g_test_add_func ("/rubric/json", test_json);
  return g_test_run ();
}

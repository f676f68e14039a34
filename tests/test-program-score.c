/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Tests of the monitoring of methodical help: hand-made programs scored criterion by criterion. */

#include "opora-program-score.h"

typedef struct {
  OporaTargetGroup   target;
  OporaDirection     direction;
  const char        *end;
  OporaMeasureStatus status;
  const char        *done;
  int                participants;
  gboolean           cyclic;
} Row;

static GPtrArray *
measures_of (const Row *rows,
             guint      n)
{
  GPtrArray *list = g_ptr_array_new_with_free_func ((GDestroyNotify) opora_measure_free);

  for (guint i = 0; i < n; i++)
    {
      OporaMeasure *m = g_new0 (OporaMeasure, 1);
      m->title = g_strdup_printf ("M%u", i + 1);
      m->start = g_strdup ("2025-09-01");
      m->end = g_strdup (rows[i].end);
      m->target = rows[i].target;
      m->direction = rows[i].direction;
      m->status = rows[i].status;
      m->done_date = g_strdup (rows[i].done);
      m->n_participants = rows[i].participants;
      m->cyclic = rows[i].cyclic;
      m->position = i + 1;
      g_ptr_array_add (list, m);
    }
  return list;
}

#define TODAY "2026-01-15"

/* A full road map, done on time: 2 on every criterion, green. */
static const Row full[] = {
  { OPORA_TARGET_MANAGEMENT, OPORA_DIRECTION_MANAGEMENT, "2025-09-30", OPORA_MEASURE_DONE, "2025-09-25", 5, FALSE },
  { OPORA_TARGET_ASSOCIATION, OPORA_DIRECTION_METHODICAL, "2025-10-31", OPORA_MEASURE_DONE, "2025-10-31", 6, TRUE },
  { OPORA_TARGET_TEACHERS, OPORA_DIRECTION_METHODICAL, "2025-11-30", OPORA_MEASURE_DONE, "2025-11-20", 12, TRUE },
  { OPORA_TARGET_TEACHERS, OPORA_DIRECTION_NETWORK, "2026-03-31", OPORA_MEASURE_IN_PROGRESS, NULL, 8, FALSE },
  { OPORA_TARGET_PUPILS, OPORA_DIRECTION_PUPILS, "2026-05-31", OPORA_MEASURE_PLANNED, NULL, 40, FALSE },
  { OPORA_TARGET_PARENTS, OPORA_DIRECTION_NONE, "2025-12-31", OPORA_MEASURE_CANCELLED, NULL, 99, TRUE },
};

/* A thin one: two measures for teachers, one late, one done late; no base school. */
static const Row thin[] = {
  { OPORA_TARGET_TEACHERS, OPORA_DIRECTION_NONE, "2025-10-31", OPORA_MEASURE_PLANNED, NULL, 0, FALSE },
  { OPORA_TARGET_TEACHERS, OPORA_DIRECTION_METHODICAL, "2025-11-30", OPORA_MEASURE_DONE, "2025-12-10", 3, TRUE },
};

/* Between: four measures, half of the due ones done, a base school but no network measure. */
static const Row middle[] = {
  { OPORA_TARGET_MANAGEMENT, OPORA_DIRECTION_MANAGEMENT, "2025-09-30", OPORA_MEASURE_DONE, "2025-09-30", 4, TRUE },
  { OPORA_TARGET_ASSOCIATION, OPORA_DIRECTION_METHODICAL, "2025-10-31", OPORA_MEASURE_PLANNED, NULL, 6, TRUE },
  { OPORA_TARGET_TEACHERS, OPORA_DIRECTION_METHODICAL, "2026-02-28", OPORA_MEASURE_PLANNED, NULL, 10, FALSE },
  { OPORA_TARGET_PUPILS, OPORA_DIRECTION_PUPILS, "2026-04-30", OPORA_MEASURE_PLANNED, NULL, 0, FALSE },
};

static void
check (const Row  *rows,
       guint       n,
       gint64      base_id,
       const int   expected[OPORA_N_CRITERIA][3],
       int         total,
       OporaLight  light,
       OporaProgramScore *out)
{
  g_autoptr(GPtrArray) measures = measures_of (rows, n);
  OporaProgram p = { .id = 1, .school_id = 10, .base_school_id = base_id };

  opora_program_score (&p, measures, TODAY, out);
  for (guint c = 0; c < OPORA_N_CRITERIA; c++)
    {
      if (out->criteria[c].score != expected[c][0] || out->criteria[c].value != expected[c][1] ||
          out->criteria[c].of != expected[c][2])
        g_error ("%s: got %d (%d of %d), expected %d (%d of %d)", opora_criterion_key (c),
                 out->criteria[c].score, out->criteria[c].value, out->criteria[c].of,
                 expected[c][0], expected[c][1], expected[c][2]);
    }
  g_assert_cmpint (out->total, ==, total);
  g_assert_cmpint (out->light, ==, light);
}

static void
test_full (void)
{
  static const int expected[OPORA_N_CRITERIA][3] = {
    { 2, 5, 0 }, { 2, 2, 0 }, { 2, 2, 0 }, { 2, 3, 3 }, { 2, 71, 0 }, { 2, 1, 0 }, { 2, 3, 3 }, { 2, 3, 3 },
  };
  OporaProgramScore s;

  check (full, G_N_ELEMENTS (full), 20, expected, 16, OPORA_LIGHT_GREEN, &s);
  g_assert_cmpstr (opora_light_label (s.light), ==, "on track");
}

static void
test_thin (void)
{
  static const int expected[OPORA_N_CRITERIA][3] = {
    { 1, 2, 0 }, { 1, 1, 0 }, { 1, 1, 0 }, { 1, 1, 3 }, { 1, 3, 0 }, { 0, 0, 0 }, { 1, 1, 2 }, { 0, 0, 1 },
  };
  OporaProgramScore s;

  check (thin, G_N_ELEMENTS (thin), 0, expected, 6, OPORA_LIGHT_RED, &s);
  g_assert_cmpstr (opora_light_label (s.light), ==, "at risk");
}

static void
test_middle (void)
{
  static const int expected[OPORA_N_CRITERIA][3] = {
    { 1, 4, 0 }, { 2, 2, 0 }, { 2, 2, 0 }, { 2, 3, 3 }, { 2, 20, 0 }, { 1, 0, 0 }, { 1, 1, 2 }, { 2, 1, 1 },
  };
  OporaProgramScore s;

  check (middle, G_N_ELEMENTS (middle), 20, expected, 13, OPORA_LIGHT_GREEN, &s);
}

/* No measures at all: no road map, red whatever else. */
static void
test_empty (void)
{
  static const int expected[OPORA_N_CRITERIA][3] = {
    { 0, 0, 0 }, { 0, 0, 0 }, { 0, 0, 0 }, { 0, 0, 3 }, { 0, 0, 0 }, { 1, 0, 0 }, { 2, 0, 0 }, { 2, 0, 0 },
  };
  OporaProgramScore s;

  check (NULL, 0, 20, expected, 5, OPORA_LIGHT_RED, &s);
}

/* Rolled up per base school and for the municipality. */
static void
test_rollup (void)
{
  g_autoptr(GArray) scores = g_array_new (FALSE, TRUE, sizeof (OporaProgramScore));
  g_autoptr(GArray) by_base = NULL;
  OporaScoreRollup all;
  OporaProgramScore s;
  OporaScoreRollup *r;

  s = (OporaProgramScore) { .program_id = 1, .base_school_id = 20, .total = 16, .light = OPORA_LIGHT_GREEN };
  g_array_append_val (scores, s);
  s = (OporaProgramScore) { .program_id = 2, .base_school_id = 0, .total = 6, .light = OPORA_LIGHT_RED };
  g_array_append_val (scores, s);
  s = (OporaProgramScore) { .program_id = 3, .base_school_id = 20, .total = 11, .light = OPORA_LIGHT_YELLOW };
  g_array_append_val (scores, s);
  s = (OporaProgramScore) { .program_id = 4, .base_school_id = 30, .total = 13, .light = OPORA_LIGHT_GREEN };
  g_array_append_val (scores, s);

  by_base = opora_program_score_by_base (scores);
  g_assert_cmpuint (by_base->len, ==, 3);
  r = &g_array_index (by_base, OporaScoreRollup, 0);
  g_assert_cmpint (r->base_school_id, ==, 0);
  g_assert_cmpuint (r->n_programs, ==, 1);
  g_assert_cmpuint (r->n_lights[OPORA_LIGHT_RED], ==, 1);
  r = &g_array_index (by_base, OporaScoreRollup, 1);
  g_assert_cmpint (r->base_school_id, ==, 20);
  g_assert_cmpuint (r->n_programs, ==, 2);
  g_assert_cmpuint (r->n_lights[OPORA_LIGHT_GREEN], ==, 1);
  g_assert_cmpuint (r->n_lights[OPORA_LIGHT_YELLOW], ==, 1);
  g_assert_cmpfloat (r->mean_total, ==, 13.5);
  r = &g_array_index (by_base, OporaScoreRollup, 2);
  g_assert_cmpint (r->base_school_id, ==, 30);
  g_assert_cmpfloat (r->mean_total, ==, 13);

  opora_program_score_total (scores, &all);
  g_assert_cmpuint (all.n_programs, ==, 4);
  g_assert_cmpuint (all.n_lights[OPORA_LIGHT_GREEN], ==, 2);
  g_assert_cmpuint (all.n_lights[OPORA_LIGHT_YELLOW], ==, 1);
  g_assert_cmpuint (all.n_lights[OPORA_LIGHT_RED], ==, 1);
  g_assert_cmpfloat (all.mean_total, ==, 11.5);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/program-score/full", test_full);
  g_test_add_func ("/program-score/thin", test_thin);
  g_test_add_func ("/program-score/middle", test_middle);
  g_test_add_func ("/program-score/empty", test_empty);
  g_test_add_func ("/program-score/rollup", test_rollup);
  return g_test_run ();
}

/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The dashboard of a year: the key figures from the analyses and programs, and the programs behind. */

#include "config.h"

#include "opora-dashboard.h"

#include "opora-analysis-store.h"
#include "opora-dashboard-private.h"
#include "opora-error.h"
#include "opora-program.h"

#include <glib/gi18n-lib.h>
#include <math.h>
#include <stdio.h>
#include <string.h>

/* ---- Id lists ---- */

static int
compare_ids (gconstpointer a,
             gconstpointer b)
{
  gint64 x = *(const gint64 *) a, y = *(const gint64 *) b;

  return x < y ? -1 : x > y;
}

GArray *
opora_dashboard_ids_new (void)
{
  return g_array_new (FALSE, FALSE, sizeof (gint64));
}

void
opora_dashboard_ids_sort (GArray *ids)
{
  g_array_sort (ids, compare_ids);
}

/* The set's keys (gint64 *) as a sorted list. */
GArray *
opora_dashboard_ids_from_set (GHashTable *set)
{
  GArray *ids = opora_dashboard_ids_new ();
  GHashTableIter iter;
  gpointer key;

  g_hash_table_iter_init (&iter, set);
  while (g_hash_table_iter_next (&iter, &key, NULL))
    g_array_append_val (ids, *(gint64 *) key);
  opora_dashboard_ids_sort (ids);
  return ids;
}

static GHashTable *
id_set_new (void)
{
  return g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
}

static void
id_set_add (GHashTable *set,
            gint64      id)
{
  g_hash_table_add (set, g_memdup2 (&id, sizeof id));
}

/* ---- Freeing ---- */

static void
level_free (OporaDashboardLevel *level)
{
  g_free (level->name);
  g_clear_pointer (&level->person_ids, g_array_unref);
  g_free (level);
}

static void
rank_free (OporaDashboardRank *rank)
{
  g_free (rank->name);
  g_free (rank->level_name);
  g_clear_pointer (&rank->history, g_array_unref);
  g_free (rank);
}

void
opora_dashboard_outcome_free (OporaDashboardOutcome *outcome)
{
  if (outcome == NULL)
    return;
  g_free (outcome->name);
  g_clear_pointer (&outcome->supported_ids, g_array_unref);
  g_clear_pointer (&outcome->other_ids, g_array_unref);
  g_free (outcome);
}

static void
behind_free (OporaDashboardBehind *behind)
{
  g_free (behind->school_code);
  g_free (behind->school_name);
  g_free (behind);
}

void
opora_dashboard_free (OporaDashboard *dashboard)
{
  if (dashboard == NULL)
    return;
  for (guint i = 0; i < OPORA_N_FIGURES; i++)
    {
      g_clear_pointer (&dashboard->figures[i].ids, g_array_unref);
      g_clear_pointer (&dashboard->figures[i].previous_ids, g_array_unref);
    }
  g_clear_pointer (&dashboard->levels, g_ptr_array_unref);
  g_clear_pointer (&dashboard->ranking, g_ptr_array_unref);
  g_clear_pointer (&dashboard->outcome, g_ptr_array_unref);
  g_clear_pointer (&dashboard->behind, g_ptr_array_unref);
  g_free (dashboard->today);
  g_free (dashboard);
}

static OporaDashboard *
dashboard_new (int         year,
               const char *today)
{
  OporaDashboard *d = g_new0 (OporaDashboard, 1);

  d->year = year;
  d->today = g_strdup (today);
  for (guint i = 0; i < OPORA_N_FIGURES; i++)
    {
      OporaFigure *f = &d->figures[i];

      f->kind = i;
      f->value = f->previous = f->change = NAN;
      f->decrease_is_good = i == OPORA_FIGURE_PROBLEM;
      f->id_kind = i == OPORA_FIGURE_ON_TIME ? OPORA_FIGURE_IDS_MEASURES : OPORA_FIGURE_IDS_SCHOOLS;
      f->ids = opora_dashboard_ids_new ();
      f->previous_ids = opora_dashboard_ids_new ();
    }
  d->levels = g_ptr_array_new_with_free_func ((GDestroyNotify) level_free);
  d->ranking = g_ptr_array_new_with_free_func ((GDestroyNotify) rank_free);
  d->outcome = g_ptr_array_new_with_free_func ((GDestroyNotify) opora_dashboard_outcome_free);
  d->behind = g_ptr_array_new_with_free_func ((GDestroyNotify) behind_free);
  return d;
}

/* ---- Labels ---- */

/**
 * opora_figure_label:
 * @kind: a key figure
 *
 * Returns: its name as the dashboard shows it
 */
const char *
opora_figure_label (OporaFigureKind kind)
{
  switch (kind)
    {
    case OPORA_FIGURE_ANALYSED: return _("Schools analysed");
    case OPORA_FIGURE_PROBLEM: return _("Schools with low results");
    case OPORA_FIGURE_LEFT_PROBLEM: return _("Schools that left the low-results list");
    case OPORA_FIGURE_PROGRAMS: return _("Schools with a support program");
    case OPORA_FIGURE_ON_TIME: return _("Measures done on time");
    case OPORA_N_FIGURES:
    default: g_return_val_if_reached (NULL);
    }
}

/**
 * opora_figure_to_string:
 * @kind: a key figure
 *
 * Returns: its key in JSON: "analysed", "problem", "left_problem", "programs", "on_time"
 */
const char *
opora_figure_to_string (OporaFigureKind kind)
{
  static const char *keys[] = { "analysed", "problem", "left_problem", "programs", "on_time" };

  g_return_val_if_fail (kind < OPORA_N_FIGURES, NULL);
  return keys[kind];
}

/**
 * opora_figure_is_good:
 * @figure: a key figure
 *
 * Returns: whether its change goes the good way: fewer problem schools,
 *   more of everything else; %FALSE without a change or with none
 */
gboolean
opora_figure_is_good (const OporaFigure *figure)
{
  g_return_val_if_fail (figure != NULL, FALSE);
  if (!isfinite (figure->change) || figure->change == 0)
    return FALSE;
  return (figure->change < 0) == figure->decrease_is_good;
}

/**
 * opora_dashboard_overall:
 * @dashboard: a dashboard
 *
 * Returns: (nullable): the outcome over every cluster, or %NULL when there
 *   was nothing to compare
 */
const OporaDashboardOutcome *
opora_dashboard_overall (const OporaDashboard *dashboard)
{
  g_return_val_if_fail (dashboard != NULL, NULL);
  if (dashboard->outcome->len == 0)
    return NULL;
  return dashboard->outcome->pdata[dashboard->outcome->len - 1];
}

/* ---- Figures from the analyses ---- */

static gboolean
load_latest (OporaDb         *db,
             int              year,
             OporaAnalysis  **analysis,
             GError         **error)
{
  gint64 id = opora_analysis_latest (db, year, error);

  *analysis = NULL;
  if (id < 0)
    return FALSE;
  if (id == 0)
    return TRUE;
  *analysis = opora_analysis_load (db, id, error);
  return *analysis != NULL;
}

static gboolean
member_has (const OporaMember *m,
            guint              flag)
{
  return m != NULL && (m->flags & flag) != 0;
}

/* Schools analysed and problem schools of @run into @ids; the count, NaN without a run. */
static double
count_members (const OporaAnalysis *run,
               guint                flag,
               GArray              *ids)
{
  if (run == NULL)
    return NAN;
  for (guint i = 0; i < run->members->len; i++)
    {
      const OporaMember *m = &g_array_index (run->members, OporaMember, i);

      if (member_has (m, OPORA_MEMBER_LEFT_OUT) || (flag != 0 && !member_has (m, flag)))
        continue;
      g_array_append_val (ids, m->school_id);
    }
  opora_dashboard_ids_sort (ids);
  return ids->len;
}

/* Problem in @from, analysed and no longer problem in @to. */
static double
count_left (const OporaAnalysis *from,
            const OporaAnalysis *to,
            GArray              *ids)
{
  if (from == NULL || to == NULL)
    return NAN;
  for (guint i = 0; i < from->members->len; i++)
    {
      const OporaMember *m = &g_array_index (from->members, OporaMember, i);
      const OporaMember *now = opora_analysis_find_member (to, m->school_id);

      if (member_has (m, OPORA_MEMBER_PROBLEM) && now != NULL && !member_has (now, OPORA_MEMBER_LEFT_OUT) &&
          !member_has (now, OPORA_MEMBER_PROBLEM))
        g_array_append_val (ids, m->school_id);
    }
  opora_dashboard_ids_sort (ids);
  return ids->len;
}

static void
figure_finish (OporaFigure *f)
{
  f->change = isfinite (f->value) && isfinite (f->previous) ? f->value - f->previous : NAN;
}

/* ---- Figures from the programs ---- */

/* The due measures of a school year ending in @year, judged on @today:
 * end date from 1 September of year − 1 to 31 August of year, before today,
 * not cancelled. On time: done, with a done date on or before the end. */
typedef struct {
  char   first[11], last[11];
  GArray *due;        /* measure ids */
  guint   on_time;
} OnTime;

static void
on_time_add (OnTime             *t,
             const OporaMeasure *m,
             const char         *today)
{
  if (m->status == OPORA_MEASURE_CANCELLED || strcmp (m->end, t->first) < 0 || strcmp (m->end, t->last) > 0 ||
      strcmp (m->end, today) >= 0)
    return;
  g_array_append_val (t->due, m->id);
  if (m->status == OPORA_MEASURE_DONE && m->done_date != NULL && strcmp (m->done_date, m->end) <= 0)
    t->on_time++;
}

static OporaDashboardBehind *
behind_new (const OporaProgram *p,
            guint               n_overdue)
{
  OporaDashboardBehind *b = g_new0 (OporaDashboardBehind, 1);

  b->program_id = p->id;
  b->school_id = p->school_id;
  b->school_code = g_strdup (p->school_code);
  b->school_name = g_strdup (p->school_name);
  b->n_measures = p->n_measures;
  b->n_overdue = n_overdue;
  return b;
}

static int
compare_behind (gconstpointer a,
                gconstpointer b)
{
  const OporaDashboardBehind *x = *(OporaDashboardBehind * const *) a, *y = *(OporaDashboardBehind * const *) b;

  if (x->n_overdue != y->n_overdue)
    return x->n_overdue > y->n_overdue ? -1 : 1;
  return strcmp (x->school_code, y->school_code);
}

/* The programs covering @year that are not suspended: their schools into
 * @schools, the on-time count into @t and, with @behind, those with
 * overdue measures. A suspended program is on hold by decision, so it
 * neither supports its school nor falls behind. */
static gboolean
scan_programs (OporaDb     *db,
               int          year,
               const char  *today,
               GHashTable  *schools,
               OnTime      *t,
               GPtrArray   *behind,
               GError     **error)
{
  g_autoptr(GPtrArray) programs = opora_program_list (db, year, error);

  if (programs == NULL)
    return FALSE;
  g_snprintf (t->first, sizeof t->first, "%04d-09-01", year - 1);
  g_snprintf (t->last, sizeof t->last, "%04d-08-31", year);
  for (guint i = 0; i < programs->len; i++)
    {
      const OporaProgram *p = programs->pdata[i];
      g_autoptr(GPtrArray) measures = NULL;
      guint n_overdue;

      if (p->status == OPORA_PROGRAM_SUSPENDED)
        continue;
      if (!(measures = opora_program_measures (db, p->id, error)))
        return FALSE;
      id_set_add (schools, p->school_id);
      for (guint j = 0; j < measures->len; j++)
        on_time_add (t, measures->pdata[j], today);
      n_overdue = opora_program_count_overdue (measures, today);
      if (behind != NULL && n_overdue > 0)
        g_ptr_array_add (behind, behind_new (p, n_overdue));
    }
  return TRUE;
}

static void
set_program_figures (OporaDashboard *d,
                     GHashTable     *schools,
                     OnTime         *t,
                     gboolean        previous)
{
  OporaFigure *programs = &d->figures[OPORA_FIGURE_PROGRAMS];
  OporaFigure *on_time = &d->figures[OPORA_FIGURE_ON_TIME];
  double share = t->due->len > 0 ? 100.0 * t->on_time / t->due->len : NAN;

  opora_dashboard_ids_sort (t->due);
  if (previous)
    {
      g_array_unref (programs->previous_ids);
      programs->previous_ids = opora_dashboard_ids_from_set (schools);
      programs->previous = programs->previous_ids->len;
      g_array_unref (on_time->previous_ids);
      on_time->previous_ids = g_array_ref (t->due);
      on_time->previous = share;
      return;
    }
  g_array_unref (programs->ids);
  programs->ids = opora_dashboard_ids_from_set (schools);
  programs->value = programs->ids->len;
  g_array_unref (on_time->ids);
  on_time->ids = g_array_ref (t->due);
  on_time->value = share;
  on_time->numerator = t->on_time;
  on_time->denominator = t->due->len;
}

static gboolean
add_program_figures (OporaDashboard  *d,
                     OporaDb         *db,
                     GHashTable      *supported,
                     GError         **error)
{
  g_autoptr(GHashTable) before = id_set_new ();
  g_autoptr(GArray) due = opora_dashboard_ids_new ();
  g_autoptr(GArray) due_before = opora_dashboard_ids_new ();
  OnTime now = { .due = due }, then = { .due = due_before };

  if (!scan_programs (db, d->year, d->today, supported, &now, d->behind, error) ||
      !scan_programs (db, d->year - 1, d->today, before, &then, NULL, error))
    return FALSE;
  set_program_figures (d, supported, &now, FALSE);
  set_program_figures (d, before, &then, TRUE);
  g_ptr_array_sort (d->behind, compare_behind);
  return TRUE;
}

static void
add_run_figures (OporaDashboard      *d,
                 const OporaAnalysis *now,
                 const OporaAnalysis *before,
                 const OporaAnalysis *before2)
{
  OporaFigure *f = d->figures;

  f[OPORA_FIGURE_ANALYSED].value = count_members (now, 0, f[OPORA_FIGURE_ANALYSED].ids);
  f[OPORA_FIGURE_ANALYSED].previous = count_members (before, 0, f[OPORA_FIGURE_ANALYSED].previous_ids);
  f[OPORA_FIGURE_PROBLEM].value = count_members (now, OPORA_MEMBER_PROBLEM, f[OPORA_FIGURE_PROBLEM].ids);
  f[OPORA_FIGURE_PROBLEM].previous = count_members (before, OPORA_MEMBER_PROBLEM, f[OPORA_FIGURE_PROBLEM].previous_ids);
  f[OPORA_FIGURE_LEFT_PROBLEM].value = count_left (before, now, f[OPORA_FIGURE_LEFT_PROBLEM].ids);
  f[OPORA_FIGURE_LEFT_PROBLEM].previous = count_left (before2, before, f[OPORA_FIGURE_LEFT_PROBLEM].previous_ids);
}

/* The supported schools also take those of the pairs accepted in the year
 * before's run: a base school works with them this year. */
static void
add_accepted_pairs (GHashTable          *supported,
                    const OporaAnalysis *before)
{
  if (before == NULL)
    return;
  for (guint i = 0; i < before->pairs->len; i++)
    {
      const OporaPair *pair = before->pairs->pdata[i];

      if (pair->status == OPORA_PAIR_ACCEPTED)
        id_set_add (supported, pair->supported_id);
    }
}

static gboolean
check_date (const char  *today,
            GError     **error)
{
  int y, m, d;
  char tail;

  if (today != NULL && strlen (today) == 10 && sscanf (today, "%4d-%2d-%2d%c", &y, &m, &d, &tail) == 3 &&
      g_date_valid_dmy (d, m, y))
    return TRUE;
  g_set_error (error, OPORA_ERROR, OPORA_ERROR_INVALID,
               _("“%s” is not a date. Write it as YYYY-MM-DD, e.g. 2026-11-29."), today ? today : "");
  return FALSE;
}

/**
 * opora_dashboard_compute_on:
 * @db: a workspace
 * @year: the school year by its exams: 2026 = 2025/26
 * @today: YYYY-MM-DD: measures are due and overdue by this date
 *
 * Computes the dashboard of @year beside @year − 1 from the latest
 * analysis run of each year, the programs covering each, and the
 * evaluations of mentors and tutors. A figure without its data (no run
 * that year, no measure due yet) is NaN, not 0.
 *
 * Schools with a program count programs covering the year that are not
 * suspended. The outcome's supported schools are those and the supported
 * schools of the pairs accepted in the year before's latest run.
 *
 * Returns: (transfer full) (nullable): the dashboard, or %NULL with @error
 *   set when the workspace cannot be read
 */
OporaDashboard *
opora_dashboard_compute_on (OporaDb     *db,
                            int          year,
                            const char  *today,
                            GError     **error)
{
  g_autoptr(OporaDashboard) d = NULL;
  g_autoptr(OporaAnalysis) now = NULL;
  g_autoptr(OporaAnalysis) before = NULL;
  g_autoptr(OporaAnalysis) before2 = NULL;
  g_autoptr(GHashTable) supported = id_set_new ();

  g_return_val_if_fail (db != NULL, NULL);
  if (year < 1992 || year > 2100)
    {
      g_set_error (error, OPORA_ERROR, OPORA_ERROR_INVALID,
                   _("%d is not a school year Opora keeps; choose one from 1992 to 2100."), year);
      return NULL;
    }
  if (!check_date (today, error))
    return NULL;
  d = dashboard_new (year, today);
  if (!load_latest (db, year, &now, error) || !load_latest (db, year - 1, &before, error) ||
      !load_latest (db, year - 2, &before2, error))
    return NULL;
  d->run_id = now != NULL ? now->id : 0;
  d->previous_run_id = before != NULL ? before->id : 0;
  add_run_figures (d, now, before, before2);
  if (!add_program_figures (d, db, supported, error) || !opora_dashboard_add_people (d, db, error))
    return NULL;
  for (guint i = 0; i < OPORA_N_FIGURES; i++)
    figure_finish (&d->figures[i]);
  add_accepted_pairs (supported, before);
  opora_dashboard_add_outcome (d, before, now, supported);
  return g_steal_pointer (&d);
}

/**
 * opora_dashboard_compute:
 * @db: a workspace
 * @year: the school year by its exams: 2026 = 2025/26
 *
 * opora_dashboard_compute_on() judged by today's local date.
 *
 * Returns: (transfer full) (nullable): the dashboard, or %NULL with @error set
 */
OporaDashboard *
opora_dashboard_compute (OporaDb  *db,
                         int       year,
                         GError  **error)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autofree char *today = g_date_time_format (now, "%Y-%m-%d");

  return opora_dashboard_compute_on (db, year, today, error);
}

/**
 * opora_dashboard_default_year:
 * @db: a workspace
 *
 * Returns: the latest year with an analysis run; 0 when there is none;
 *   −1 with @error set when the workspace cannot be read
 */
int
opora_dashboard_default_year (OporaDb  *db,
                              GError  **error)
{
  g_autoptr(sqlite3_stmt) stmt = opora_db_prepare (db, "SELECT ifnull (max (year), 0) FROM analysis_run", error);

  if (stmt == NULL)
    return -1;
  if (sqlite3_step (stmt) != SQLITE_ROW)
    {
      opora_error_set_from_sqlite (error, opora_db_get_handle (db), _("Reading the analyses"));
      return -1;
    }
  return sqlite3_column_int (stmt, 0);
}

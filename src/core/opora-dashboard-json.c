/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The dashboard as JSON, for opora-cli dashboard --json: numbers as computed, none as null. */

#include "config.h"
#include "opora-json.h"

#include "opora-dashboard.h"

#include <math.h>

static void
add_ids (JsonBuilder  *b,
         const char   *name,
         const GArray *ids)
{
  json_builder_set_member_name (b, name);
  json_builder_begin_array (b);
  for (guint i = 0; i < ids->len; i++)
    json_builder_add_int_value (b, g_array_index (ids, gint64, i));
  json_builder_end_array (b);
}

static void
add_figures (JsonBuilder          *b,
             const OporaDashboard *d)
{
  json_builder_set_member_name (b, "figures");
  json_builder_begin_object (b);
  for (guint i = 0; i < OPORA_N_FIGURES; i++)
    {
      const OporaFigure *f = &d->figures[i];

      json_builder_set_member_name (b, opora_figure_to_string (f->kind));
      json_builder_begin_object (b);
      opora_json_add_string (b, "label", opora_figure_label (f->kind));
      opora_json_add_double (b, "value", f->value);
      opora_json_add_double (b, "previous", f->previous);
      opora_json_add_double (b, "change", f->change);
      json_builder_set_member_name (b, "decrease_is_good");
      json_builder_add_boolean_value (b, f->decrease_is_good);
      opora_json_add_string (b, "ids_of", f->id_kind == OPORA_FIGURE_IDS_SCHOOLS ? "schools" : "measures");
      add_ids (b, "ids", f->ids);
      add_ids (b, "previous_ids", f->previous_ids);
      if (f->kind == OPORA_FIGURE_ON_TIME)
        {
          opora_json_add_int (b, "on_time", f->numerator);
          opora_json_add_int (b, "due", f->denominator);
        }
      json_builder_end_object (b);
    }
  json_builder_end_object (b);
}

static void
add_levels (JsonBuilder          *b,
            const OporaDashboard *d)
{
  json_builder_set_member_name (b, "levels");
  json_builder_begin_array (b);
  for (guint i = 0; i < d->levels->len; i++)
    {
      const OporaDashboardLevel *l = d->levels->pdata[i];

      json_builder_begin_object (b);
      opora_json_add_string (b, "name", l->name);
      opora_json_add_int (b, "level", l->level);
      opora_json_add_int (b, "count", l->count);
      opora_json_add_int (b, "previous", l->previous);
      add_ids (b, "persons", l->person_ids);
      json_builder_end_object (b);
    }
  json_builder_end_array (b);
}

static void
add_rank (JsonBuilder              *b,
          const OporaDashboardRank *r)
{
  json_builder_begin_object (b);
  opora_json_add_int (b, "person", r->person_id);
  opora_json_add_string (b, "name", r->name);
  opora_json_add_string (b, "role", opora_role_to_string (r->role));
  opora_json_add_int (b, "rubric", r->rubric_id);
  opora_json_add_double (b, "total", r->total);
  opora_json_add_double (b, "max_total", r->max_total >= 0 ? r->max_total : NAN);
  opora_json_add_int (b, "level", r->level);
  opora_json_add_string (b, "level_name", r->level_name);
  opora_json_add_int (b, "n_levels", r->n_levels);
  json_builder_set_member_name (b, "history");
  json_builder_begin_array (b);
  for (guint i = 0; i < r->history->len; i++)
    {
      const OporaDashboardPoint *p = &g_array_index (r->history, OporaDashboardPoint, i);

      json_builder_begin_object (b);
      opora_json_add_int (b, "year", p->year);
      opora_json_add_double (b, "total", p->total);
      json_builder_end_object (b);
    }
  json_builder_end_array (b);
  json_builder_end_object (b);
}

static void
add_outcome (JsonBuilder                 *b,
             const OporaDashboardOutcome *o)
{
  json_builder_begin_object (b);
  opora_json_add_int (b, "cluster", o->cluster);
  opora_json_add_string (b, "name", o->name);
  opora_json_add_int (b, "n_supported", o->n_supported);
  opora_json_add_double (b, "mean_supported", o->mean_supported);
  opora_json_add_int (b, "n_other", o->n_other);
  opora_json_add_double (b, "mean_other", o->mean_other);
  opora_json_add_double (b, "difference", o->difference);
  add_ids (b, "supported", o->supported_ids);
  add_ids (b, "other", o->other_ids);
  json_builder_end_object (b);
}

static void
add_behind (JsonBuilder                *b,
            const OporaDashboardBehind *p)
{
  json_builder_begin_object (b);
  opora_json_add_int (b, "program", p->program_id);
  opora_json_add_int (b, "school_id", p->school_id);
  opora_json_add_string (b, "school", p->school_code);
  opora_json_add_string (b, "school_name", p->school_name);
  opora_json_add_int (b, "measures", p->n_measures);
  opora_json_add_int (b, "overdue", p->n_overdue);
  json_builder_end_object (b);
}

/**
 * opora_dashboard_to_json:
 * @dashboard: a dashboard
 *
 * An object with "year", "today", "run", "previous_run", "figures" (by
 * key: value, previous, change, ids …), "levels", "ranking",
 * "incomplete", "outcome" and "behind"; a figure without data is null.
 *
 * Returns: (transfer full): the JSON tree
 */
JsonNode *
opora_dashboard_to_json (const OporaDashboard *d)
{
  g_autoptr(JsonBuilder) b = json_builder_new ();

  g_return_val_if_fail (d != NULL, NULL);
  json_builder_begin_object (b);
  opora_json_add_int (b, "year", d->year);
  opora_json_add_string (b, "today", d->today);
  opora_json_add_int (b, "run", d->run_id);
  opora_json_add_int (b, "previous_run", d->previous_run_id);
  add_figures (b, d);
  add_levels (b, d);
  json_builder_set_member_name (b, "ranking");
  json_builder_begin_array (b);
  for (guint i = 0; i < d->ranking->len; i++)
    add_rank (b, d->ranking->pdata[i]);
  json_builder_end_array (b);
  opora_json_add_int (b, "incomplete", d->n_incomplete);
  json_builder_set_member_name (b, "outcome");
  json_builder_begin_array (b);
  for (guint i = 0; i < d->outcome->len; i++)
    add_outcome (b, d->outcome->pdata[i]);
  json_builder_end_array (b);
  json_builder_set_member_name (b, "behind");
  json_builder_begin_array (b);
  for (guint i = 0; i < d->behind->len; i++)
    add_behind (b, d->behind->pdata[i]);
  json_builder_end_array (b);
  json_builder_end_object (b);
  return json_builder_get_root (b);
}

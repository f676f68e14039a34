/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Program templates: the shipped measure lists of the seeds (data files) and the user's own. */

#include <gio/gio.h>
#include <glib/gi18n-lib.h>
#include <json-glib/json-glib.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "opora-error.h"
#include "opora-program-template.h"

/* data/templates/NAME.json, compiled into the core's resources. */
#define TEMPLATES_PATH "/ru/opora/Opora/core/templates"

static void
template_measure_free (OporaTemplateMeasure *m)
{
  g_free (m->stage);
  g_free (m->title);
  g_free (m->report_form);
  g_free (m->responsible);
  g_free (m->participants);
  g_free (m);
}

void
opora_program_template_free (OporaProgramTemplate *tmpl)
{
  if (tmpl == NULL)
    return;
  g_free (tmpl->name);
  g_free (tmpl->title);
  g_free (tmpl->source);
  g_free (tmpl->goal);
  g_clear_pointer (&tmpl->measures, g_ptr_array_unref);
  g_free (tmpl);
}

static char *
member_string (JsonObject *o,
               const char *name)
{
  JsonNode *node = json_object_get_member (o, name);

  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    return g_strdup ("");
  if (json_node_get_value_type (node) != G_TYPE_STRING)
    return NULL;
  return g_strdup (json_node_get_string (node));
}

/* A month offset 0…35 (three school years at most); −1 when it is not one. */
static int
member_month (JsonObject *o,
              const char *name)
{
  JsonNode *node = json_object_get_member (o, name);
  gint64 v;

  if (node == NULL || json_node_get_value_type (node) != G_TYPE_INT64)
    return -1;
  v = json_node_get_int (node);
  return v >= 0 && v <= 35 ? (int) v : -1;
}

static gboolean
parse_strings (JsonObject            *o,
               OporaTemplateMeasure  *m,
               GError               **error)
{
  struct { const char *name; char **slot; } strings[] = {
    { "stage", &m->stage }, { "title", &m->title }, { "report", &m->report_form },
    { "responsible", &m->responsible }, { "participants", &m->participants },
  };

  for (guint i = 0; i < G_N_ELEMENTS (strings); i++)
    if (!(*strings[i].slot = member_string (o, strings[i].name)))
      {
        g_set_error (error, OPORA_ERROR, OPORA_ERROR_FORMAT, _("“%s” must be text."), strings[i].name);
        return FALSE;
      }
  if (*g_strstrip (m->title) == '\0')
    {
      g_set_error_literal (error, OPORA_ERROR, OPORA_ERROR_FORMAT, _("the measure has no title."));
      return FALSE;
    }
  return TRUE;
}

static gboolean
parse_keys (JsonObject            *o,
            OporaTemplateMeasure  *m,
            GError               **error)
{
  const char *target = json_object_get_string_member_with_default (o, "target", "teachers");
  const char *direction = json_object_get_string_member_with_default (o, "direction", "");

  if (!opora_target_from_string (target, &m->target))
    {
      g_set_error (error, OPORA_ERROR, OPORA_ERROR_FORMAT,
                   _("“%s” is not a target group (management, association, teachers, pupils, parents)."), target);
      return FALSE;
    }
  if (!opora_direction_from_string (direction, &m->direction))
    {
      g_set_error (error, OPORA_ERROR, OPORA_ERROR_FORMAT,
                   _("“%s” is not a direction (pupils, network, methodical, resource, management, teachers)."),
                   direction);
      return FALSE;
    }
  m->start_month = member_month (o, "start");
  m->end_month = member_month (o, "end");
  if (m->start_month < 0 || m->end_month < m->start_month)
    {
      g_set_error_literal (error, OPORA_ERROR, OPORA_ERROR_FORMAT,
                           _("“start” and “end” must be months from 0 (August) to 35, the end not before the start."));
      return FALSE;
    }
  m->cyclic = json_object_get_boolean_member_with_default (o, "cyclic", FALSE);
  return TRUE;
}

static OporaTemplateMeasure *
parse_measure (JsonNode  *node,
               GError   **error)
{
  OporaTemplateMeasure *m = g_new0 (OporaTemplateMeasure, 1);
  JsonObject *o = JSON_NODE_HOLDS_OBJECT (node) ? json_node_get_object (node) : NULL;

  if (o == NULL)
    g_set_error_literal (error, OPORA_ERROR, OPORA_ERROR_FORMAT, _("a measure must be an object."));
  if (o == NULL || !parse_strings (o, m, error) || !parse_keys (o, m, error))
    {
      template_measure_free (m);
      return NULL;
    }
  return m;
}

static gboolean
parse_header (JsonObject            *o,
              OporaProgramTemplate  *tmpl,
              GError               **error)
{
  if (!(tmpl->name = member_string (o, "name")) || *tmpl->name == '\0' ||
      !(tmpl->title = member_string (o, "title")) || *tmpl->title == '\0')
    {
      g_set_error_literal (error, OPORA_ERROR, OPORA_ERROR_FORMAT, _("“name” and “title” must be non-empty text."));
      return FALSE;
    }
  if (!(tmpl->source = member_string (o, "source")) || !(tmpl->goal = member_string (o, "goal")))
    {
      g_set_error_literal (error, OPORA_ERROR, OPORA_ERROR_FORMAT, _("“source” and “goal” must be text."));
      return FALSE;
    }
  return TRUE;
}

static OporaProgramTemplate *
parse_root (JsonNode  *root,
            GError   **error)
{
  g_autoptr(OporaProgramTemplate) tmpl = g_new0 (OporaProgramTemplate, 1);
  JsonObject *o = JSON_NODE_HOLDS_OBJECT (root) ? json_node_get_object (root) : NULL;
  JsonNode *list = o != NULL ? json_object_get_member (o, "measures") : NULL;
  JsonArray *array;

  if (o == NULL)
    {
      g_set_error_literal (error, OPORA_ERROR, OPORA_ERROR_FORMAT, _("the file must hold one JSON object."));
      return NULL;
    }
  if (!parse_header (o, tmpl, error))
    return NULL;
  if (list == NULL || !JSON_NODE_HOLDS_ARRAY (list))
    {
      g_set_error_literal (error, OPORA_ERROR, OPORA_ERROR_FORMAT, _("“measures” must be a list."));
      return NULL;
    }
  array = json_node_get_array (list);
  tmpl->measures = g_ptr_array_new_with_free_func ((GDestroyNotify) template_measure_free);
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      OporaTemplateMeasure *m = parse_measure (json_array_get_element (array, i), error);
      if (m == NULL)
        {
          g_prefix_error (error, _("measure %u: "), i + 1);
          return NULL;
        }
      g_ptr_array_add (tmpl->measures, m);
    }
  return g_steal_pointer (&tmpl);
}

/**
 * opora_program_template_parse:
 * @json: the template as JSON (the format of data/templates/NAME.json)
 * @length: its length, or −1 when NUL-terminated
 * @file_name: where it came from, for messages
 *
 * Returns: (transfer full) (nullable): the template, or %NULL with @error
 *   set to a message naming @file_name and what is wrong in it
 */
OporaProgramTemplate *
opora_program_template_parse (const char  *json,
                              gssize       length,
                              const char  *file_name,
                              GError     **error)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) local = NULL;
  OporaProgramTemplate *tmpl = NULL;

  g_return_val_if_fail (json != NULL && file_name != NULL, NULL);
  if (json_parser_load_from_data (parser, json, length, &local))
    tmpl = parse_root (json_parser_get_root (parser), &local);
  if (tmpl == NULL)
    g_set_error (error, OPORA_ERROR, OPORA_ERROR_FORMAT,
                 _("The template “%s” cannot be used: %s Correct the file or remove it."), file_name, local->message);
  return tmpl;
}

/**
 * opora_program_template_load_file:
 * @path: a template file
 *
 * Returns: (transfer full) (nullable): the template, or %NULL with @error set
 */
OporaProgramTemplate *
opora_program_template_load_file (const char  *path,
                                  GError     **error)
{
  g_autofree char *contents = NULL;
  g_autofree char *base = g_path_get_basename (path);
  g_autoptr(GError) local = NULL;
  gsize length = 0;

  if (!g_file_get_contents (path, &contents, &length, &local))
    {
      g_set_error (error, OPORA_ERROR, OPORA_ERROR_IO, _("The template “%s” cannot be read: %s"), base, local->message);
      return NULL;
    }
  return opora_program_template_parse (contents, length, base, error);
}

static int
compare_names (const void *a,
               const void *b)
{
  return strcmp (*(char * const *) a, *(char * const *) b);
}

static gboolean
add_builtin (GPtrArray  *list,
             GError    **error)
{
  g_auto(GStrv) names = g_resources_enumerate_children (TEMPLATES_PATH, 0, NULL);

  if (names != NULL)
    qsort (names, g_strv_length (names), sizeof (char *), compare_names);
  for (guint i = 0; names != NULL && names[i] != NULL; i++)
    {
      g_autofree char *path = g_build_path ("/", TEMPLATES_PATH, names[i], NULL);
      g_autoptr(GBytes) bytes = g_resources_lookup_data (path, 0, NULL);
      OporaProgramTemplate *tmpl;
      gsize size = 0;
      const char *data = bytes != NULL ? g_bytes_get_data (bytes, &size) : NULL;

      if (data == NULL || !(tmpl = opora_program_template_parse (data, size, names[i], error)))
        return FALSE;
      tmpl->builtin = TRUE;
      g_ptr_array_add (list, tmpl);
    }
  return TRUE;
}

static gboolean
add_saved (OporaDb    *db,
           GPtrArray  *list,
           GError    **error)
{
  g_autoptr(sqlite3_stmt) stmt = opora_db_prepare (db,
    "SELECT name, definition FROM program_template ORDER BY name", error);
  int rc;

  if (stmt == NULL)
    return FALSE;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      OporaProgramTemplate *tmpl = opora_program_template_parse ((const char *) sqlite3_column_text (stmt, 1), -1,
                                                                 (const char *) sqlite3_column_text (stmt, 0), error);
      if (tmpl == NULL)
        return FALSE;
      g_ptr_array_add (list, tmpl);
    }
  if (rc != SQLITE_DONE)
    return opora_error_set_from_sqlite (error, opora_db_get_handle (db), _("Reading the templates"));
  return TRUE;
}

/**
 * opora_program_template_list:
 * @db: a workspace
 *
 * Returns: (transfer full) (element-type OporaProgramTemplate) (nullable):
 *   the shipped templates by file name, then the user's by name, or %NULL
 *   with @error set when one of them is damaged
 */
GPtrArray *
opora_program_template_list (OporaDb  *db,
                             GError  **error)
{
  g_autoptr(GPtrArray) list = g_ptr_array_new_with_free_func ((GDestroyNotify) opora_program_template_free);

  if (!add_builtin (list, error) || !add_saved (db, list, error))
    return NULL;
  return g_steal_pointer (&list);
}

/**
 * opora_program_template_find:
 * @db: a workspace
 * @name: a template's name
 *
 * Returns: (transfer full) (nullable): the template, or %NULL with @error set
 */
OporaProgramTemplate *
opora_program_template_find (OporaDb     *db,
                             const char  *name,
                             GError     **error)
{
  g_autoptr(GPtrArray) list = opora_program_template_list (db, error);

  if (list == NULL)
    return NULL;
  for (guint i = 0; i < list->len; i++)
    {
      OporaProgramTemplate *tmpl = list->pdata[i];
      if (g_str_equal (tmpl->name, name))
        return g_steal_pointer (&list->pdata[i]);
    }
  g_set_error (error, OPORA_ERROR, OPORA_ERROR_NOT_FOUND,
               _("There is no template “%s”. Run “opora-cli templates” for the list."), name);
  return NULL;
}

/**
 * opora_program_template_dates:
 * @year: the school year (of the exams: 2026 = 2025/26, August 2025 to July 2026)
 * @start_month: months from August of the school year
 * @end_month: the same, not before @start_month
 * @start: (out): the first day of the start month
 * @end: (out): the last day of the end month
 *
 * Year 2026: months 0…1 → 2025-08-01…2025-09-30; 6…6 → 2026-02-01…2026-02-28;
 * 11…11 → 2026-07-01…2026-07-31.
 */
void
opora_program_template_dates (int    year,
                              int    start_month,
                              int    end_month,
                              char **start,
                              char **end)
{
  int s = 7 + start_month, e = 7 + end_month;  /* months since January of year − 1 */
  int end_year = year - 1 + e / 12, end_mon = e % 12 + 1;

  g_return_if_fail (start_month >= 0 && end_month >= start_month);
  *start = g_strdup_printf ("%04d-%02d-01", year - 1 + s / 12, s % 12 + 1);
  *end = g_strdup_printf ("%04d-%02d-%02d", end_year, end_mon, g_date_get_days_in_month (end_mon, end_year));
}

/**
 * opora_program_template_instantiate:
 * @tmpl: a template
 * @year: the school year
 *
 * Returns: (transfer full) (element-type OporaMeasure): the template's
 *   measures with dates in @year, planned, positions from 1
 */
GPtrArray *
opora_program_template_instantiate (const OporaProgramTemplate *tmpl,
                                    int                         year)
{
  GPtrArray *list = g_ptr_array_new_with_free_func ((GDestroyNotify) opora_measure_free);

  for (guint i = 0; i < tmpl->measures->len; i++)
    {
      const OporaTemplateMeasure *t = tmpl->measures->pdata[i];
      OporaMeasure *m = g_new0 (OporaMeasure, 1);

      m->stage = g_strdup (t->stage);
      m->direction = t->direction;
      m->title = g_strdup (t->title);
      opora_program_template_dates (year, t->start_month, t->end_month, &m->start, &m->end);
      m->responsible = g_strdup (t->responsible);
      m->participants = g_strdup (t->participants);
      m->target = t->target;
      m->report_form = g_strdup (t->report_form);
      m->note = g_strdup ("");
      m->position = i + 1;
      m->cyclic = t->cyclic;
      g_ptr_array_add (list, m);
    }
  return list;
}

static void
add_string (JsonBuilder *b,
            const char  *name,
            const char  *value)
{
  json_builder_set_member_name (b, name);
  json_builder_add_string_value (b, value != NULL ? value : "");
}

static void
add_measure (JsonBuilder                *b,
             const OporaTemplateMeasure *m)
{
  json_builder_begin_object (b);
  add_string (b, "stage", m->stage);
  if (m->direction != OPORA_DIRECTION_NONE)
    add_string (b, "direction", opora_direction_to_string (m->direction));
  add_string (b, "title", m->title);
  json_builder_set_member_name (b, "start");
  json_builder_add_int_value (b, m->start_month);
  json_builder_set_member_name (b, "end");
  json_builder_add_int_value (b, m->end_month);
  add_string (b, "target", opora_target_to_string (m->target));
  add_string (b, "report", m->report_form);
  add_string (b, "responsible", m->responsible);
  add_string (b, "participants", m->participants);
  json_builder_set_member_name (b, "cyclic");
  json_builder_add_boolean_value (b, m->cyclic);
  json_builder_end_object (b);
}

/**
 * opora_program_template_to_json:
 *
 * Returns: (transfer full): @tmpl in the format of data/templates/NAME.json
 */
char *
opora_program_template_to_json (const OporaProgramTemplate *tmpl)
{
  g_autoptr(JsonBuilder) b = json_builder_new ();
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  g_autoptr(JsonNode) root = NULL;

  json_builder_begin_object (b);
  add_string (b, "name", tmpl->name);
  add_string (b, "title", tmpl->title);
  add_string (b, "source", tmpl->source);
  add_string (b, "goal", tmpl->goal);
  json_builder_set_member_name (b, "measures");
  json_builder_begin_array (b);
  for (guint i = 0; i < tmpl->measures->len; i++)
    add_measure (b, tmpl->measures->pdata[i]);
  json_builder_end_array (b);
  json_builder_end_object (b);
  root = json_builder_get_root (b);
  json_generator_set_root (generator, root);
  json_generator_set_pretty (generator, TRUE);
  return json_generator_to_data (generator, NULL);
}

/* Months from August of @year − 1 to @date's month, clamped to 0…35. */
static int
month_offset (const char *date,
              int         year)
{
  int y = 0, m = 0;

  if (sscanf (date, "%d-%d", &y, &m) != 2)
    return 0;
  return CLAMP ((y * 12 + m - 1) - ((year - 1) * 12 + 7), 0, 35);
}

static OporaProgramTemplate *
template_from_program (const OporaProgram *p,
                       GPtrArray          *measures,
                       const char         *name,
                       const char         *title)
{
  OporaProgramTemplate *tmpl = g_new0 (OporaProgramTemplate, 1);

  tmpl->name = g_strstrip (g_strdup (name));
  tmpl->title = g_strdup (title != NULL && *title != '\0' ? title : name);
  tmpl->source = g_strdup_printf (_("Program of %s, %d"), p->school_code, p->first_year);
  tmpl->goal = g_strdup (p->goal);
  tmpl->measures = g_ptr_array_new_with_free_func ((GDestroyNotify) template_measure_free);
  for (guint i = 0; i < measures->len; i++)
    {
      const OporaMeasure *m = measures->pdata[i];
      OporaTemplateMeasure *t = g_new0 (OporaTemplateMeasure, 1);

      if (m->status == OPORA_MEASURE_CANCELLED)
        {
          g_free (t);
          continue;
        }
      t->stage = g_strdup (m->stage);
      t->direction = m->direction;
      t->title = g_strdup (m->title);
      t->start_month = month_offset (m->start, p->first_year);
      t->end_month = MAX (t->start_month, month_offset (m->end, p->first_year));
      t->target = m->target;
      t->report_form = g_strdup (m->report_form);
      t->responsible = g_strdup (m->responsible);
      t->participants = g_strdup (m->participants);
      t->cyclic = m->cyclic;
      g_ptr_array_add (tmpl->measures, t);
    }
  return tmpl;
}

static gboolean
name_is_free (OporaDb     *db,
              const char  *name,
              GError     **error)
{
  g_autoptr(OporaProgramTemplate) existing = opora_program_template_find (db, name, NULL);

  if (*name == '\0')
    {
      g_set_error_literal (error, OPORA_ERROR, OPORA_ERROR_INVALID, _("A template needs a name."));
      return FALSE;
    }
  if (existing != NULL)
    {
      g_set_error (error, OPORA_ERROR, OPORA_ERROR_INVALID,
                   _("There is already a template “%s”. Choose another name."), name);
      return FALSE;
    }
  return TRUE;
}

/**
 * opora_program_template_save:
 * @db: a workspace opened read-write
 * @program_id: a program
 * @name: the new template's name, unused so far
 * @title: (nullable): its title; %NULL to use @name
 *
 * Saves the program's measures (without the cancelled ones) as a template:
 * their dates become months from August of the program's first school year.
 *
 * Returns: %FALSE with @error set when the name is taken or empty
 */
gboolean
opora_program_template_save (OporaDb     *db,
                             gint64       program_id,
                             const char  *name,
                             const char  *title,
                             GError     **error)
{
  g_autoptr(OporaProgram) p = opora_program_get (db, program_id, error);
  g_autoptr(GPtrArray) measures = NULL;
  g_autoptr(OporaProgramTemplate) tmpl = NULL;
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  g_autofree char *created = g_date_time_format_iso8601 (now);
  g_autofree char *json = NULL;
  g_autofree char *clean = g_strstrip (g_strdup (name ? name : ""));

  if (p == NULL || !(measures = opora_program_measures (db, program_id, error)) || !name_is_free (db, clean, error))
    return FALSE;
  tmpl = template_from_program (p, measures, clean, title);
  json = opora_program_template_to_json (tmpl);
  if (!(stmt = opora_db_prepare (db,
          "INSERT INTO program_template (name, title, source, definition, created) VALUES (?, ?, ?, ?, ?)", error)))
    return FALSE;
  sqlite3_bind_text (stmt, 1, tmpl->name, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, tmpl->title, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 3, tmpl->source, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 4, json, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 5, created, -1, SQLITE_STATIC);
  return opora_db_step_done (db, stmt, error);
}

/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Rubrics as JSON: for `opora-cli rubric show|save` and for sharing a rubric between workspaces. */

#include <glib/gi18n-lib.h>

#include "opora-error.h"
#include "opora-rubric.h"

/**
 * opora_rubric_to_json:
 *
 * {"id":1,"name":…,"role":"mentor"|null,"body":…,"preset":…,"source":…,"archived":false,
 *  "max_total":12,"criteria":[{"id":…,"group":…,"title":…,"kind":"choice"|"count","unit":…,
 *  "points_per_unit":…,"options":[{"points":0,"description":…},…]},…],
 *  "levels":[{"min_total":0,"name":…},…]}
 *
 * Returns: (transfer full): the rubric as a JSON object
 */
JsonNode *
opora_rubric_to_json (const OporaRubric *r)
{
  g_autoptr(JsonBuilder) b = json_builder_new ();

  json_builder_begin_object (b);
  json_builder_set_member_name (b, "id");
  json_builder_add_int_value (b, r->id);
  json_builder_set_member_name (b, "name");
  json_builder_add_string_value (b, r->name);
  json_builder_set_member_name (b, "role");
  if (r->has_role)
    json_builder_add_string_value (b, opora_role_to_string (r->role));
  else
    json_builder_add_null_value (b);
  json_builder_set_member_name (b, "body");
  json_builder_add_string_value (b, r->body);
  json_builder_set_member_name (b, "preset");
  json_builder_add_string_value (b, r->preset);
  json_builder_set_member_name (b, "source");
  json_builder_add_string_value (b, r->source);
  json_builder_set_member_name (b, "archived");
  json_builder_add_boolean_value (b, r->archived);
  json_builder_set_member_name (b, "max_total");
  if (opora_rubric_max_total (r) >= 0)
    json_builder_add_double_value (b, opora_rubric_max_total (r));
  else
    json_builder_add_null_value (b);
  json_builder_set_member_name (b, "criteria");
  json_builder_begin_array (b);
  for (guint i = 0; i < r->criteria->len; i++)
    {
      const OporaCriterion *c = r->criteria->pdata[i];

      json_builder_begin_object (b);
      json_builder_set_member_name (b, "id");
      json_builder_add_int_value (b, c->id);
      json_builder_set_member_name (b, "group");
      json_builder_add_string_value (b, c->group);
      json_builder_set_member_name (b, "title");
      json_builder_add_string_value (b, c->title);
      json_builder_set_member_name (b, "kind");
      json_builder_add_string_value (b, c->kind == OPORA_CRITERION_COUNT ? "count" : "choice");
      if (c->kind == OPORA_CRITERION_COUNT)
        {
          json_builder_set_member_name (b, "unit");
          json_builder_add_string_value (b, c->unit);
          json_builder_set_member_name (b, "points_per_unit");
          json_builder_add_double_value (b, c->points_per_unit);
        }
      else
        {
          json_builder_set_member_name (b, "options");
          json_builder_begin_array (b);
          for (guint k = 0; k < c->options->len; k++)
            {
              const OporaRubricOption *o = &g_array_index (c->options, OporaRubricOption, k);

              json_builder_begin_object (b);
              json_builder_set_member_name (b, "points");
              json_builder_add_double_value (b, o->points);
              json_builder_set_member_name (b, "description");
              json_builder_add_string_value (b, o->description);
              json_builder_end_object (b);
            }
          json_builder_end_array (b);
        }
      json_builder_end_object (b);
    }
  json_builder_end_array (b);
  json_builder_set_member_name (b, "levels");
  json_builder_begin_array (b);
  for (guint i = 0; i < r->levels->len; i++)
    {
      const OporaRubricLevel *l = &g_array_index (r->levels, OporaRubricLevel, i);

      json_builder_begin_object (b);
      json_builder_set_member_name (b, "min_total");
      json_builder_add_double_value (b, l->min_total);
      json_builder_set_member_name (b, "name");
      json_builder_add_string_value (b, l->name);
      json_builder_end_object (b);
    }
  json_builder_end_array (b);
  json_builder_end_object (b);
  return json_builder_get_root (b);
}

static gboolean
bad_json (GError     **error,
          const char  *what)
{
  g_set_error (error, OPORA_ERROR, OPORA_ERROR_FORMAT,
               _("This is not a rubric as Opora writes it: %s."), what);
  return FALSE;
}

static const char *
member_string (JsonObject *o,
               const char *name)
{
  JsonNode *n = json_object_get_member (o, name);

  return n != NULL && JSON_NODE_HOLDS_VALUE (n) && json_node_get_value_type (n) == G_TYPE_STRING
         ? json_node_get_string (n) : NULL;
}

static gboolean
member_number (JsonObject *o,
               const char *name,
               double     *value)
{
  JsonNode *n = json_object_get_member (o, name);

  if (n == NULL || !JSON_NODE_HOLDS_VALUE (n) ||
      (json_node_get_value_type (n) != G_TYPE_DOUBLE && json_node_get_value_type (n) != G_TYPE_INT64))
    return FALSE;
  *value = json_node_get_double (n);
  return TRUE;
}

static JsonArray *
member_array (JsonObject *o,
              const char *name)
{
  JsonNode *n = json_object_get_member (o, name);

  return n != NULL && JSON_NODE_HOLDS_ARRAY (n) ? json_node_get_array (n) : NULL;
}

static OporaCriterion *
criterion_from_json (JsonNode  *node,
                     GError   **error)
{
  JsonObject *o = JSON_NODE_HOLDS_OBJECT (node) ? json_node_get_object (node) : NULL;
  const char *kind = o != NULL ? member_string (o, "kind") : NULL;
  const char *title = o != NULL ? member_string (o, "title") : NULL;
  g_autoptr(OporaCriterion) c = NULL;
  JsonArray *options;
  double number;

  if (kind == NULL || title == NULL || (!g_str_equal (kind, "choice") && !g_str_equal (kind, "count")))
    return bad_json (error, _("a criterion needs a title and a kind, “choice” or “count”")), NULL;
  c = opora_criterion_new (g_str_equal (kind, "count") ? OPORA_CRITERION_COUNT : OPORA_CRITERION_CHOICE, title);
  if (member_number (o, "id", &number))
    c->id = (gint64) number;
  if (member_string (o, "group") != NULL)
    g_free (c->group), c->group = g_strdup (member_string (o, "group"));
  if (member_string (o, "unit") != NULL)
    g_free (c->unit), c->unit = g_strdup (member_string (o, "unit"));
  if (c->kind == OPORA_CRITERION_COUNT && !member_number (o, "points_per_unit", &c->points_per_unit))
    return bad_json (error, _("a counted criterion needs “points_per_unit”")), NULL;
  if ((options = member_array (o, "options")) != NULL)
    for (guint k = 0; k < json_array_get_length (options); k++)
      {
        JsonNode *on = json_array_get_element (options, k);
        JsonObject *oo = JSON_NODE_HOLDS_OBJECT (on) ? json_node_get_object (on) : NULL;

        if (oo == NULL || !member_number (oo, "points", &number))
          return bad_json (error, _("each option needs “points”")), NULL;
        opora_criterion_add_option (c, number, member_string (oo, "description"));
      }
  return g_steal_pointer (&c);
}

/**
 * opora_rubric_from_json:
 * @node: a rubric as opora_rubric_to_json() writes it
 *
 * Returns: (transfer full): the rubric (validated), or %NULL with @error set
 */
OporaRubric *
opora_rubric_from_json (JsonNode  *node,
                        GError   **error)
{
  JsonObject *o = node != NULL && JSON_NODE_HOLDS_OBJECT (node) ? json_node_get_object (node) : NULL;
  const char *name = o != NULL ? member_string (o, "name") : NULL;
  const char *role = o != NULL ? member_string (o, "role") : NULL;
  g_autoptr(OporaRubric) r = NULL;
  JsonArray *criteria, *levels;
  double number;

  if (name == NULL)
    return bad_json (error, _("it has no “name”")), NULL;
  r = opora_rubric_new (name);
  if (member_number (o, "id", &number))
    r->id = (gint64) number;
  if (role != NULL && !(r->has_role = opora_role_from_string (role, &r->role)))
    return bad_json (error, _("“role” must be “mentor”, “tutor” or null")), NULL;
  if (member_string (o, "body") != NULL)
    g_free (r->body), r->body = g_strdup (member_string (o, "body"));
  r->preset = g_strdup (member_string (o, "preset"));
  if (member_string (o, "source") != NULL)
    g_free (r->source), r->source = g_strdup (member_string (o, "source"));
  if (json_object_has_member (o, "archived"))
    r->archived = json_object_get_boolean_member (o, "archived");
  if ((criteria = member_array (o, "criteria")) == NULL)
    return bad_json (error, _("it has no “criteria”")), NULL;
  for (guint i = 0; i < json_array_get_length (criteria); i++)
    {
      OporaCriterion *c = criterion_from_json (json_array_get_element (criteria, i), error);

      if (c == NULL)
        return NULL;
      c->position = (int) i + 1;
      g_ptr_array_add (r->criteria, c);
    }
  if ((levels = member_array (o, "levels")) != NULL)
    for (guint i = 0; i < json_array_get_length (levels); i++)
      {
        JsonNode *ln = json_array_get_element (levels, i);
        JsonObject *lo = JSON_NODE_HOLDS_OBJECT (ln) ? json_node_get_object (ln) : NULL;

        if (lo == NULL || !member_number (lo, "min_total", &number) || member_string (lo, "name") == NULL)
          return bad_json (error, _("each level needs “min_total” and “name”")), NULL;
        opora_rubric_add_level (r, number, member_string (lo, "name"));
      }
  if (!opora_rubric_validate (r, error))
    return NULL;
  return g_steal_pointer (&r);
}

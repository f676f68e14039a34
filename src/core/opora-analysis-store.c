/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Stored analyses ("runs"): saving, listing, loading, and deciding on the proposed pairs. */

#include <glib/gi18n-lib.h>
#include <json-glib/json-glib.h>
#include <math.h>

#include "opora-analysis-store.h"
#include "opora-db.h"
#include "opora-error.h"

void
opora_run_info_free (OporaRunInfo *info)
{
  if (info == NULL)
    return;
  g_free (info->created);
  g_free (info);
}

static void
bind_double (sqlite3_stmt *stmt,
             int           column,
             double        value)
{
  if (isnan (value))
    sqlite3_bind_null (stmt, column);
  else
    sqlite3_bind_double (stmt, column, value);
}

static double
column_double (sqlite3_stmt *stmt,
               int           column)
{
  return sqlite3_column_type (stmt, column) == SQLITE_NULL ? NAN : sqlite3_column_double (stmt, column);
}

static char *
node_to_text (JsonNode *node)
{
  g_autoptr(JsonGenerator) generator = json_generator_new ();

  json_generator_set_root (generator, node);
  return json_generator_to_data (generator, NULL);
}

static char *
sweep_to_json (GArray *sweep)
{
  g_autoptr(JsonBuilder) b = json_builder_new ();
  g_autoptr(JsonNode) root = NULL;

  json_builder_begin_array (b);
  for (guint i = 0; i < sweep->len; i++)
    {
      OporaSweepPoint *p = &g_array_index (sweep, OporaSweepPoint, i);
      json_builder_begin_object (b);
      json_builder_set_member_name (b, "k");
      json_builder_add_int_value (b, p->k);
      json_builder_set_member_name (b, "silhouette");
      json_builder_add_double_value (b, p->silhouette);
      json_builder_set_member_name (b, "inertia");
      json_builder_add_double_value (b, p->inertia);
      json_builder_end_object (b);
    }
  json_builder_end_array (b);
  root = json_builder_get_root (b);
  return node_to_text (root);
}

/* NaN (an empty quadrant) is stored as null. */
static char *
profiles_to_json (const OporaAnalysis *a)
{
  g_autoptr(JsonBuilder) b = json_builder_new ();
  g_autoptr(JsonNode) root = NULL;
  guint d = a->profile_keys != NULL ? g_strv_length (a->profile_keys) : 0;

  json_builder_begin_object (b);
  json_builder_set_member_name (b, "keys");
  json_builder_begin_array (b);
  for (guint c = 0; c < d; c++)
    json_builder_add_string_value (b, a->profile_keys[c]);
  json_builder_end_array (b);
  json_builder_set_member_name (b, "means");
  json_builder_begin_array (b);
  for (guint k = 0; k < a->n_clusters && d > 0; k++)
    {
      json_builder_begin_array (b);
      for (guint c = 0; c < d; c++)
        {
          double v = a->profiles[k * d + c];
          if (isnan (v))
            json_builder_add_null_value (b);
          else
            json_builder_add_double_value (b, v);
        }
      json_builder_end_array (b);
    }
  json_builder_end_array (b);
  json_builder_end_object (b);
  root = json_builder_get_root (b);
  return node_to_text (root);
}

static void
add_number_array (JsonBuilder  *b,
                  const char   *name,
                  const double *values,
                  guint         n)
{
  json_builder_set_member_name (b, name);
  json_builder_begin_array (b);
  for (guint i = 0; i < n; i++)
    json_builder_add_double_value (b, values[i]);
  json_builder_end_array (b);
}

static char *
regression_to_json (const OporaRegressionSummary *r)
{
  g_autoptr(JsonBuilder) b = json_builder_new ();
  g_autoptr(JsonNode) root = NULL;

  json_builder_begin_object (b);
  json_builder_set_member_name (b, "keys");
  json_builder_begin_array (b);
  for (guint i = 0; i < r->n_coefficients; i++)
    json_builder_add_string_value (b, r->keys[i]);
  json_builder_end_array (b);
  add_number_array (b, "coefficients", r->coefficients, r->n_coefficients);
  add_number_array (b, "std_errors", r->std_errors, r->n_coefficients);
  json_builder_set_member_name (b, "r_squared");
  json_builder_add_double_value (b, r->r_squared);
  json_builder_set_member_name (b, "adj_r_squared");
  json_builder_add_double_value (b, r->adj_r_squared);
  json_builder_set_member_name (b, "n");
  json_builder_add_int_value (b, r->n);
  json_builder_set_member_name (b, "n_years");
  json_builder_add_int_value (b, r->n_years);
  json_builder_end_object (b);
  root = json_builder_get_root (b);
  return node_to_text (root);
}

static OporaRegressionSummary *
regression_from_json (JsonNode *root)
{
  JsonObject *o = JSON_NODE_HOLDS_OBJECT (root) ? json_node_get_object (root) : NULL;
  JsonArray *keys, *coefficients, *errors;
  OporaRegressionSummary *r;
  guint n;

  if (o == NULL || !json_object_has_member (o, "keys") || !json_object_has_member (o, "coefficients") ||
      !json_object_has_member (o, "std_errors"))
    return NULL;
  keys = json_object_get_array_member (o, "keys");
  coefficients = json_object_get_array_member (o, "coefficients");
  errors = json_object_get_array_member (o, "std_errors");
  if (keys == NULL || coefficients == NULL || errors == NULL)
    return NULL;
  n = MIN (json_array_get_length (keys), MIN (json_array_get_length (coefficients), json_array_get_length (errors)));
  r = g_new0 (OporaRegressionSummary, 1);
  r->n_coefficients = n;
  r->keys = g_new0 (char *, n + 1);
  r->coefficients = g_new (double, MAX (n, 1));
  r->std_errors = g_new (double, MAX (n, 1));
  for (guint i = 0; i < n; i++)
    {
      r->keys[i] = g_strdup (json_array_get_string_element (keys, i));
      r->coefficients[i] = json_array_get_double_element (coefficients, i);
      r->std_errors[i] = json_array_get_double_element (errors, i);
    }
  r->r_squared = json_object_get_double_member_with_default (o, "r_squared", NAN);
  r->adj_r_squared = json_object_get_double_member_with_default (o, "adj_r_squared", NAN);
  r->n = json_object_get_int_member_with_default (o, "n", 0);
  r->n_years = json_object_get_int_member_with_default (o, "n_years", 1);
  return r;
}

/* The rules the run was stored with, as the database wrote them. */
static gboolean
read_rules (OporaDb        *db,
            OporaAnalysis  *a,
            GError        **error)
{
  g_autoptr(sqlite3_stmt) stmt = opora_db_prepare (db, "SELECT rules FROM analysis_run WHERE id = ?", error);

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, a->id);
  if (sqlite3_step (stmt) != SQLITE_ROW)
    return opora_error_set_from_sqlite (error, opora_db_get_handle (db), _("Reading an analysis"));
  g_free (a->rules);
  a->rules = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
  return TRUE;
}

static gboolean
save_run (OporaDb        *db,
          OporaAnalysis  *a,
          GError        **error)
{
  g_autoptr(sqlite3_stmt) stmt = opora_db_prepare (db,
    "INSERT INTO analysis_run (created, year, model, params, n_clusters, context_threshold,"
    " results_threshold, silhouette, sweep, profiles, previous_run_id, regression, rules)"
    " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?,"
    "  (SELECT json_group_array (json_object ('name', name, 'version', version))"
    "   FROM (SELECT name, version FROM rule WHERE enabled ORDER BY position, id)))", error);
  g_autofree char *params = opora_analysis_params_to_json (a->params);
  g_autofree char *sweep = sweep_to_json (a->sweep);
  g_autofree char *profiles = profiles_to_json (a);
  g_autofree char *regression = a->regression != NULL ? regression_to_json (a->regression) : NULL;

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, a->created, -1, SQLITE_STATIC);
  sqlite3_bind_int (stmt, 2, a->params->year);
  sqlite3_bind_text (stmt, 3, opora_model_to_string (a->params->model), -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 4, params, -1, SQLITE_STATIC);
  sqlite3_bind_int (stmt, 5, a->n_clusters);
  bind_double (stmt, 6, a->context_threshold);
  bind_double (stmt, 7, a->results_threshold);
  bind_double (stmt, 8, a->silhouette);
  sqlite3_bind_text (stmt, 9, sweep, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 10, profiles, -1, SQLITE_STATIC);
  if (a->previous_run_id > 0)
    sqlite3_bind_int64 (stmt, 11, a->previous_run_id);
  sqlite3_bind_text (stmt, 12, regression, -1, SQLITE_STATIC);
  if (!opora_db_step_done (db, stmt, error))
    return FALSE;
  a->id = sqlite3_last_insert_rowid (opora_db_get_handle (db));
  return read_rules (db, a, error);
}

static gboolean
save_members (OporaDb        *db,
              OporaAnalysis  *a,
              GError        **error)
{
  g_autoptr(sqlite3_stmt) stmt = opora_db_prepare (db,
    "INSERT INTO cluster_member (run_id, school_id, cluster, rank, cluster_size, context_index,"
    " results_index, context_percentile, results_percentile, flags, predicted, residual, residual_se)"
    " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", error);

  if (stmt == NULL)
    return FALSE;
  for (guint i = 0; i < a->members->len; i++)
    {
      OporaMember *m = &g_array_index (a->members, OporaMember, i);

      sqlite3_reset (stmt);
      sqlite3_bind_int64 (stmt, 1, a->id);
      sqlite3_bind_int64 (stmt, 2, m->school_id);
      sqlite3_bind_int (stmt, 3, m->cluster);
      sqlite3_bind_int (stmt, 4, m->rank);
      sqlite3_bind_int (stmt, 5, m->cluster_size);
      bind_double (stmt, 6, m->context_index);
      bind_double (stmt, 7, m->results_index);
      bind_double (stmt, 8, m->context_percentile);
      bind_double (stmt, 9, m->results_percentile);
      sqlite3_bind_int (stmt, 10, m->flags);
      bind_double (stmt, 11, m->predicted);
      bind_double (stmt, 12, m->residual);
      bind_double (stmt, 13, m->residual_se);
      if (!opora_db_step_done (db, stmt, error))
        return FALSE;
    }
  return TRUE;
}

static gboolean
save_pairs (OporaDb        *db,
            OporaAnalysis  *a,
            GError        **error)
{
  g_autoptr(sqlite3_stmt) stmt = opora_db_prepare (db,
    "INSERT INTO school_pair (run_id, year, supported_id, base_id, status, distance, gap, reason)"
    " VALUES (?, ?, ?, ?, ?, ?, ?, ?)", error);

  if (stmt == NULL)
    return FALSE;
  for (guint i = 0; i < a->pairs->len; i++)
    {
      OporaPair *p = a->pairs->pdata[i];

      sqlite3_reset (stmt);
      sqlite3_bind_int64 (stmt, 1, a->id);
      sqlite3_bind_int (stmt, 2, a->params->year);
      sqlite3_bind_int64 (stmt, 3, p->supported_id);
      if (p->base_id > 0)
        sqlite3_bind_int64 (stmt, 4, p->base_id);
      else
        sqlite3_bind_null (stmt, 4);
      sqlite3_bind_text (stmt, 5, opora_pair_status_to_string (p->status), -1, SQLITE_STATIC);
      bind_double (stmt, 6, p->distance);
      bind_double (stmt, 7, p->gap);
      sqlite3_bind_text (stmt, 8, p->reason, -1, SQLITE_STATIC);
      if (!opora_db_step_done (db, stmt, error))
        return FALSE;
      p->id = sqlite3_last_insert_rowid (opora_db_get_handle (db));
    }
  return TRUE;
}

static gboolean
save_clusters (OporaDb        *db,
               OporaAnalysis  *a,
               GError        **error)
{
  g_autoptr(sqlite3_stmt) stmt = opora_db_prepare (db,
    "INSERT INTO cluster_info (run_id, cluster, name, pinned, previous_cluster, centroid_shift, kept_share, changed)"
    " VALUES (?, ?, ?, ?, ?, ?, ?, ?)", error);

  if (stmt == NULL)
    return FALSE;
  for (guint i = 0; a->clusters != NULL && i < a->clusters->len; i++)
    {
      OporaClusterInfo *info = &g_array_index (a->clusters, OporaClusterInfo, i);

      sqlite3_reset (stmt);
      sqlite3_bind_int64 (stmt, 1, a->id);
      sqlite3_bind_int (stmt, 2, info->cluster);
      sqlite3_bind_text (stmt, 3, info->name, -1, SQLITE_STATIC);
      sqlite3_bind_int (stmt, 4, info->pinned);
      if (info->previous > 0)
        sqlite3_bind_int (stmt, 5, info->previous);
      else
        sqlite3_bind_null (stmt, 5);
      bind_double (stmt, 6, info->shift);
      bind_double (stmt, 7, info->kept);
      sqlite3_bind_int (stmt, 8, info->changed);
      if (!opora_db_step_done (db, stmt, error))
        return FALSE;
    }
  return TRUE;
}

/**
 * opora_analysis_save:
 * @db: a workspace
 * @analysis: an analysis not stored yet
 *
 * Stores the run, its members and its pairs in one transaction and sets
 * their ids.
 *
 * Returns: %FALSE with @error set on failure; nothing is then stored
 */
gboolean
opora_analysis_save (OporaDb        *db,
                     OporaAnalysis  *analysis,
                     GError        **error)
{
  g_autoptr(OporaTransaction) tx = NULL;

  g_return_val_if_fail (analysis->id == 0, FALSE);
  if (!(tx = opora_db_begin (db, error)) || !save_run (db, analysis, error) ||
      !save_members (db, analysis, error) || !save_pairs (db, analysis, error) ||
      !save_clusters (db, analysis, error) ||
      !opora_transaction_commit (tx, error))
    {
      analysis->id = 0;
      return FALSE;
    }
  return TRUE;
}

static void
sweep_from_json (JsonNode *root,
                 GArray   *sweep)
{
  JsonArray *array = JSON_NODE_HOLDS_ARRAY (root) ? json_node_get_array (root) : NULL;

  for (guint i = 0; array != NULL && i < json_array_get_length (array); i++)
    {
      JsonObject *o = json_array_get_object_element (array, i);
      OporaSweepPoint p;

      if (o == NULL)
        continue;
      p.k = json_object_get_int_member_with_default (o, "k", 0);
      p.silhouette = json_object_get_double_member_with_default (o, "silhouette", NAN);
      p.inertia = json_object_get_double_member_with_default (o, "inertia", NAN);
      g_array_append_val (sweep, p);
    }
}

static void
profiles_from_json (JsonNode      *root,
                    OporaAnalysis *a)
{
  JsonObject *o = JSON_NODE_HOLDS_OBJECT (root) ? json_node_get_object (root) : NULL;
  JsonArray *keys = o != NULL && json_object_has_member (o, "keys") ? json_object_get_array_member (o, "keys") : NULL;
  JsonArray *means = o != NULL && json_object_has_member (o, "means") ? json_object_get_array_member (o, "means") : NULL;
  guint d = keys != NULL ? json_array_get_length (keys) : 0;

  a->profile_keys = g_new0 (char *, d + 1);
  for (guint c = 0; c < d; c++)
    a->profile_keys[c] = g_strdup (json_array_get_string_element (keys, c));
  a->profiles = g_new (double, MAX (1, a->n_clusters * d));
  for (guint k = 0; k < a->n_clusters; k++)
    {
      JsonArray *row = means != NULL && k < json_array_get_length (means) ? json_array_get_array_element (means, k) : NULL;
      for (guint c = 0; c < d; c++)
        {
          JsonNode *v = row != NULL && c < json_array_get_length (row) ? json_array_get_element (row, c) : NULL;
          a->profiles[k * d + c] = v != NULL && !JSON_NODE_HOLDS_NULL (v) ? json_node_get_double (v) : NAN;
        }
    }
}

static JsonNode *
parse (const char *text)
{
  g_autoptr(JsonParser) parser = json_parser_new ();

  if (text == NULL || !json_parser_load_from_data (parser, text, -1, NULL))
    return json_node_new (JSON_NODE_NULL);
  return json_node_copy (json_parser_get_root (parser));
}

static gboolean
load_run (OporaDb        *db,
          OporaAnalysis  *a,
          GError        **error)
{
  g_autoptr(sqlite3_stmt) stmt = opora_db_prepare (db,
    "SELECT created, params, n_clusters, context_threshold, results_threshold, silhouette, sweep, profiles,"
    " coalesce (previous_run_id, 0), regression, rules FROM analysis_run WHERE id = ?", error);
  g_autoptr(JsonNode) sweep = NULL;
  g_autoptr(JsonNode) profiles = NULL;
  int rc;

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, a->id);
  if ((rc = sqlite3_step (stmt)) != SQLITE_ROW)
    {
      if (rc != SQLITE_DONE)
        return opora_error_set_from_sqlite (error, opora_db_get_handle (db), _("Reading an analysis"));
      g_set_error (error, OPORA_ERROR, OPORA_ERROR_NOT_FOUND,
                   _("There is no analysis number %lld in this workspace."), (long long) a->id);
      return FALSE;
    }
  a->created = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
  if (!(a->params = opora_analysis_params_from_json ((const char *) sqlite3_column_text (stmt, 1), error)))
    return FALSE;
  a->n_clusters = sqlite3_column_int (stmt, 2);
  a->context_threshold = column_double (stmt, 3);
  a->results_threshold = column_double (stmt, 4);
  a->silhouette = column_double (stmt, 5);
  sweep = parse ((const char *) sqlite3_column_text (stmt, 6));
  profiles = parse ((const char *) sqlite3_column_text (stmt, 7));
  sweep_from_json (sweep, a->sweep);
  profiles_from_json (profiles, a);
  a->previous_run_id = sqlite3_column_int64 (stmt, 8);
  a->rules = g_strdup ((const char *) sqlite3_column_text (stmt, 10));
  if (sqlite3_column_type (stmt, 9) != SQLITE_NULL)
    {
      g_autoptr(JsonNode) regression = parse ((const char *) sqlite3_column_text (stmt, 9));
      a->regression = regression_from_json (regression);
    }
  a->clusters = opora_analysis_new_clusters (a->n_clusters);
  return TRUE;
}

typedef void (*RowFunc) (sqlite3_stmt  *stmt,
                         OporaAnalysis *a);

/* Runs @sql with the run's id as ?1 and hands each row to @func. */
static gboolean
read_rows (OporaDb        *db,
           OporaAnalysis  *a,
           const char     *sql,
           RowFunc         func,
           GError        **error)
{
  g_autoptr(sqlite3_stmt) stmt = opora_db_prepare (db, sql, error);
  int rc;

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, a->id);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    func (stmt, a);
  if (rc != SQLITE_DONE)
    return opora_error_set_from_sqlite (error, opora_db_get_handle (db), _("Reading an analysis"));
  return TRUE;
}

static void
add_member (sqlite3_stmt  *stmt,
            OporaAnalysis *a)
{
  OporaMember m = {
    .school_id = sqlite3_column_int64 (stmt, 0),
    .cluster = sqlite3_column_int (stmt, 1),
    .rank = sqlite3_column_int (stmt, 2),
    .cluster_size = sqlite3_column_int (stmt, 3),
    .context_index = column_double (stmt, 4),
    .results_index = column_double (stmt, 5),
    .context_percentile = column_double (stmt, 6),
    .results_percentile = column_double (stmt, 7),
    .flags = sqlite3_column_int (stmt, 8),
    .predicted = column_double (stmt, 9),
    .residual = column_double (stmt, 10),
    .residual_se = column_double (stmt, 11),
  };
  g_array_append_val (a->members, m);
}

static void
add_pair (sqlite3_stmt  *stmt,
          OporaAnalysis *a)
{
  OporaPair *p = g_new0 (OporaPair, 1);

  p->id = sqlite3_column_int64 (stmt, 0);
  p->supported_id = sqlite3_column_int64 (stmt, 1);
  p->base_id = sqlite3_column_int64 (stmt, 2);
  opora_pair_status_from_string ((const char *) sqlite3_column_text (stmt, 3), &p->status);
  p->distance = column_double (stmt, 4);
  p->gap = column_double (stmt, 5);
  p->reason = g_strdup ((const char *) sqlite3_column_text (stmt, 6));
  g_ptr_array_add (a->pairs, p);
}

static void
add_cluster_info (sqlite3_stmt  *stmt,
                  OporaAnalysis *a)
{
  int cluster = sqlite3_column_int (stmt, 0);
  OporaClusterInfo *info;

  if (cluster < 1 || (guint) cluster > a->clusters->len)
    return;
  info = &g_array_index (a->clusters, OporaClusterInfo, cluster - 1);
  g_free (info->name);
  info->name = g_strdup ((const char *) sqlite3_column_text (stmt, 1));
  info->pinned = sqlite3_column_int (stmt, 2);
  info->previous = sqlite3_column_int (stmt, 3);
  info->shift = column_double (stmt, 4);
  info->kept = column_double (stmt, 5);
  info->changed = sqlite3_column_int (stmt, 6);
}

/**
 * opora_analysis_load:
 * @db: a workspace
 * @run_id: a stored run
 *
 * Returns: (transfer full) (nullable): the analysis as it was stored, with
 *   the pairs' current decisions, or %NULL with @error set
 */
OporaAnalysis *
opora_analysis_load (OporaDb  *db,
                     gint64    run_id,
                     GError  **error)
{
  g_autoptr(OporaAnalysis) a = g_new0 (OporaAnalysis, 1);

  a->id = run_id;
  a->members = g_array_new (FALSE, TRUE, sizeof (OporaMember));
  a->pairs = g_ptr_array_new_with_free_func ((GDestroyNotify) opora_pair_free);
  a->sweep = g_array_new (FALSE, FALSE, sizeof (OporaSweepPoint));
  if (!load_run (db, a, error) ||
      !read_rows (db, a,
                  "SELECT school_id, cluster, rank, cluster_size, context_index, results_index, context_percentile,"
                  " results_percentile, flags, predicted, residual, residual_se"
                  " FROM cluster_member WHERE run_id = ?1 ORDER BY school_id", add_member, error) ||
      !read_rows (db, a,
                  "SELECT id, supported_id, coalesce (base_id, 0), status, distance, gap, reason"
                  " FROM school_pair WHERE run_id = ?1 ORDER BY supported_id", add_pair, error) ||
      !read_rows (db, a,
                  "SELECT cluster, name, pinned, coalesce (previous_cluster, 0), centroid_shift, kept_share, changed"
                  " FROM cluster_info WHERE run_id = ?1", add_cluster_info, error))
    return NULL;
  return g_steal_pointer (&a);
}

/**
 * opora_analysis_list:
 * @db: a workspace
 *
 * Returns: (transfer full) (element-type OporaRunInfo) (nullable): the
 *   stored runs, newest first, or %NULL with @error set
 */
GPtrArray *
opora_analysis_list (OporaDb  *db,
                     GError  **error)
{
  g_autoptr(sqlite3_stmt) stmt = opora_db_prepare (db,
    "SELECT r.id, r.created, r.year, r.model, r.n_clusters, r.silhouette,"
    " (SELECT count(*) FROM cluster_member m WHERE m.run_id = r.id AND m.flags & 1),"
    " (SELECT count(*) FROM school_pair p WHERE p.run_id = r.id AND p.status = 'accepted')"
    " FROM analysis_run r ORDER BY r.id DESC", error);
  g_autoptr(GPtrArray) runs = g_ptr_array_new_with_free_func ((GDestroyNotify) opora_run_info_free);
  int rc;

  if (stmt == NULL)
    return NULL;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      OporaRunInfo *info = g_new0 (OporaRunInfo, 1);

      info->id = sqlite3_column_int64 (stmt, 0);
      info->created = g_strdup ((const char *) sqlite3_column_text (stmt, 1));
      info->year = sqlite3_column_int (stmt, 2);
      opora_model_from_string ((const char *) sqlite3_column_text (stmt, 3), &info->model);
      info->n_clusters = sqlite3_column_int (stmt, 4);
      info->silhouette = column_double (stmt, 5);
      info->n_problem = sqlite3_column_int (stmt, 6);
      info->n_accepted = sqlite3_column_int (stmt, 7);
      g_ptr_array_add (runs, info);
    }
  if (rc != SQLITE_DONE)
    {
      opora_error_set_from_sqlite (error, opora_db_get_handle (db), _("Reading the analyses"));
      return NULL;
    }
  return g_steal_pointer (&runs);
}

/**
 * opora_analysis_latest:
 * @db: a workspace
 * @year: a year, or 0 for any
 *
 * Returns: the newest stored run of @year, 0 when there is none, or −1
 *   with @error set
 */
gint64
opora_analysis_latest (OporaDb  *db,
                       int       year,
                       GError  **error)
{
  g_autoptr(sqlite3_stmt) stmt = opora_db_prepare (db,
    "SELECT max (id) FROM analysis_run WHERE ?1 = 0 OR year = ?1", error);

  if (stmt == NULL)
    return -1;
  sqlite3_bind_int (stmt, 1, year);
  if (sqlite3_step (stmt) != SQLITE_ROW)
    {
      opora_error_set_from_sqlite (error, opora_db_get_handle (db), _("Reading the analyses"));
      return -1;
    }
  return sqlite3_column_int64 (stmt, 0);
}

/**
 * opora_analysis_delete:
 * @db: a workspace
 * @run_id: a stored run
 *
 * Removes the run with its members and pairs.
 *
 * Returns: %FALSE with @error set on failure or when there is no such run
 */
gboolean
opora_analysis_delete (OporaDb  *db,
                       gint64    run_id,
                       GError  **error)
{
  g_autoptr(sqlite3_stmt) stmt = opora_db_prepare (db, "DELETE FROM analysis_run WHERE id = ?", error);

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, run_id);
  if (!opora_db_step_done (db, stmt, error))
    return FALSE;
  if (sqlite3_changes (opora_db_get_handle (db)) == 0)
    {
      g_set_error (error, OPORA_ERROR, OPORA_ERROR_NOT_FOUND,
                   _("There is no analysis number %lld in this workspace."), (long long) run_id);
      return FALSE;
    }
  return TRUE;
}

/* How many schools @base_id already supports in the run, other than in @pair_id. */
static gint64
base_load (OporaDb  *db,
           gint64    pair_id,
           gint64    base_id,
           guint    *max_per_base,
           GError  **error)
{
  g_autoptr(sqlite3_stmt) stmt = opora_db_prepare (db,
    "SELECT (SELECT count(*) FROM school_pair o WHERE o.run_id = p.run_id AND o.base_id = ?2"
    "        AND o.id <> p.id AND o.status <> 'rejected'),"
    "       r.params, p.supported_id"
    " FROM school_pair p JOIN analysis_run r ON r.id = p.run_id WHERE p.id = ?1", error);
  g_autoptr(OporaAnalysisParams) params = NULL;
  int rc;

  if (stmt == NULL)
    return -1;
  sqlite3_bind_int64 (stmt, 1, pair_id);
  sqlite3_bind_int64 (stmt, 2, base_id);
  if ((rc = sqlite3_step (stmt)) != SQLITE_ROW)
    {
      if (rc != SQLITE_DONE)
        opora_error_set_from_sqlite (error, opora_db_get_handle (db), _("Reading a pair"));
      else
        g_set_error (error, OPORA_ERROR, OPORA_ERROR_NOT_FOUND,
                     _("There is no pair number %lld in this workspace."), (long long) pair_id);
      return -1;
    }
  if (sqlite3_column_int64 (stmt, 2) == base_id)
    {
      g_set_error_literal (error, OPORA_ERROR, OPORA_ERROR_INVALID,
                           _("A school cannot be its own base school."));
      return -1;
    }
  if (!(params = opora_analysis_params_from_json ((const char *) sqlite3_column_text (stmt, 1), error)))
    return -1;
  *max_per_base = params->max_per_base;
  return sqlite3_column_int64 (stmt, 0);
}

/**
 * opora_pair_decide:
 * @db: a workspace
 * @pair_id: a stored pair
 * @status: accepted, rejected or proposed again
 * @base_id: another base school chosen by hand, or 0 to keep the proposed one
 *
 * Records the user's decision on a pair. A base school chosen by hand must
 * exist, differ from the supported school and not exceed the run's limit
 * of supported schools per base school.
 *
 * Returns: %FALSE with @error set when the decision breaks a rule
 */
gboolean
opora_pair_decide (OporaDb          *db,
                   gint64            pair_id,
                   OporaPairStatus   status,
                   gint64            base_id,
                   GError          **error)
{
  g_autoptr(OporaTransaction) tx = opora_db_begin (db, error);
  g_autoptr(sqlite3_stmt) stmt = NULL;

  if (tx == NULL)
    return FALSE;
  if (base_id > 0)
    {
      guint max_per_base = 0;
      gint64 load = base_load (db, pair_id, base_id, &max_per_base, error);

      if (load < 0)
        return FALSE;
      if (load >= max_per_base)
        {
          g_set_error (error, OPORA_ERROR, OPORA_ERROR_INVALID,
                       g_dngettext (GETTEXT_PACKAGE,
                                    "That base school already supports %u school, the most this analysis allows.",
                                    "That base school already supports %u schools, the most this analysis allows.",
                                    max_per_base),
                       max_per_base);
          return FALSE;
        }
      stmt = opora_db_prepare (db,
        "UPDATE school_pair SET status = ?2, base_id = ?3, distance = NULL, gap = NULL, reason = ?4 WHERE id = ?1",
        error);
    }
  else
    stmt = opora_db_prepare (db, "UPDATE school_pair SET status = ?2 WHERE id = ?1", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, pair_id);
  sqlite3_bind_text (stmt, 2, opora_pair_status_to_string (status), -1, SQLITE_STATIC);
  if (base_id > 0)
    {
      sqlite3_bind_int64 (stmt, 3, base_id);
      sqlite3_bind_text (stmt, 4, _("Base school chosen by hand."), -1, SQLITE_TRANSIENT);
    }
  if (!opora_db_step_done (db, stmt, error))
    return FALSE;
  if (sqlite3_changes (opora_db_get_handle (db)) == 0)
    {
      g_set_error (error, OPORA_ERROR, OPORA_ERROR_NOT_FOUND,
                   _("There is no pair number %lld in this workspace."), (long long) pair_id);
      return FALSE;
    }
  return opora_transaction_commit (tx, error);
}

/**
 * opora_analysis_name_cluster:
 * @db: a workspace
 * @run_id: a stored run
 * @cluster: a cluster of it
 * @name: (nullable): the name, e.g. «сельские малокомплектные»; %NULL or
 *   empty to remove it
 * @pinned: keep the name in later runs even when the cluster changes
 *
 * Names a cluster of a stored run. Later runs that match this cluster carry
 * the name over (see opora_cluster_match()).
 *
 * Returns: %FALSE with @error set when there is no such cluster
 */
gboolean
opora_analysis_name_cluster (OporaDb     *db,
                             gint64       run_id,
                             int          cluster,
                             const char  *name,
                             gboolean     pinned,
                             GError     **error)
{
  g_autoptr(sqlite3_stmt) stmt = opora_db_prepare (db,
    "INSERT INTO cluster_info (run_id, cluster, name, pinned)"
    " SELECT id, ?2, ?3, ?4 FROM analysis_run WHERE id = ?1 AND ?2 BETWEEN 1 AND n_clusters"
    " ON CONFLICT (run_id, cluster) DO UPDATE SET name = excluded.name, pinned = excluded.pinned", error);
  g_autofree char *clean = name != NULL ? g_strstrip (g_strdup (name)) : NULL;

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, run_id);
  sqlite3_bind_int (stmt, 2, cluster);
  sqlite3_bind_text (stmt, 3, clean != NULL && *clean != '\0' ? clean : NULL, -1, SQLITE_STATIC);
  sqlite3_bind_int (stmt, 4, pinned ? 1 : 0);
  if (!opora_db_step_done (db, stmt, error))
    return FALSE;
  if (sqlite3_changes (opora_db_get_handle (db)) == 0)
    {
      g_set_error (error, OPORA_ERROR, OPORA_ERROR_NOT_FOUND,
                   _("Analysis %lld has no cluster %d."), (long long) run_id, cluster);
      return FALSE;
    }
  return TRUE;
}

/**
 * opora_analysis_for_year:
 * @db: a workspace
 * @year: a year
 * @model: a model
 *
 * The newest stored analysis of @model for @year, or, when none is stored,
 * a fresh one with the default parameters (its id is then 0).
 *
 * Returns: (transfer full) (nullable): the analysis, or %NULL with @error set
 */
OporaAnalysis *
opora_analysis_for_year (OporaDb     *db,
                         int          year,
                         OporaModel   model,
                         GError     **error)
{
  g_autoptr(GPtrArray) runs = opora_analysis_list (db, error);
  g_autoptr(OporaAnalysisParams) params = NULL;

  if (runs == NULL)
    return NULL;
  for (guint i = 0; i < runs->len; i++)
    {
      OporaRunInfo *info = runs->pdata[i];
      if (info->year == year && info->model == model)
        return opora_analysis_load (db, info->id, error);
    }
  if (!(params = opora_analysis_params_new (db, year, model, error)))
    return NULL;
  return opora_analysis_run (db, params, NULL, error);
}

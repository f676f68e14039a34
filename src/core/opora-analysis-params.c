/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The parameters of a cluster analysis: defaults from the catalogue, copies, JSON for stored runs. */

#include <glib/gi18n-lib.h>
#include <json-glib/json-glib.h>
#include <math.h>

#include "opora-analysis.h"
#include "opora-error.h"
#include "opora-indicator.h"
#include "opora-interval.h"
#include "opora-year-matrix.h"

static const char *model_names[] = { "quadrant", "kmeans", "regression" };
static const char *threshold_names[] = { "median", "mean", "value" };
static const char *missing_names[] = { "impute", "leave-out" };
static const char *pair_status_names[] = { "proposed", "accepted", "rejected" };

static gboolean
name_index (const char  *text,
            const char **names,
            guint        n,
            int         *index)
{
  for (guint i = 0; i < n; i++)
    if (g_strcmp0 (text, names[i]) == 0)
      {
        *index = i;
        return TRUE;
      }
  return FALSE;
}

const char *
opora_model_to_string (OporaModel model)
{
  g_return_val_if_fail ((guint) model < G_N_ELEMENTS (model_names), NULL);
  return model_names[model];
}

gboolean
opora_model_from_string (const char *text,
                         OporaModel *model)
{
  int i;
  if (!name_index (text, model_names, G_N_ELEMENTS (model_names), &i))
    return FALSE;
  *model = i;
  return TRUE;
}

const char *
opora_pair_status_to_string (OporaPairStatus status)
{
  g_return_val_if_fail ((guint) status < G_N_ELEMENTS (pair_status_names), NULL);
  return pair_status_names[status];
}

gboolean
opora_pair_status_from_string (const char      *text,
                               OporaPairStatus *status)
{
  int i;
  if (!name_index (text, pair_status_names, G_N_ELEMENTS (pair_status_names), &i))
    return FALSE;
  *status = i;
  return TRUE;
}

/**
 * opora_model_label:
 * @model: a cluster model
 *
 * Returns: the model's name for people: quadrants, k-means, regression
 */
const char *
opora_model_label (OporaModel model)
{
  switch (model)
    {
    case OPORA_MODEL_QUADRANT: return _("quadrants");
    case OPORA_MODEL_KMEANS: return _("k-means");
    case OPORA_MODEL_REGRESSION: return _("context-adjusted results");
    default: g_return_val_if_reached (NULL);
    }
}

/**
 * opora_quadrant_name:
 * @quadrant: 1…4
 *
 * Returns: the quadrant's name as seed 001 gives it
 */
const char *
opora_quadrant_name (int quadrant)
{
  switch (quadrant)
    {
    case 1: return _("Difficult contingent, low results");
    case 2: return _("Difficult contingent, high results");
    case 3: return _("Favourable contingent, low results");
    case 4: return _("Favourable contingent, high results");
    default: g_return_val_if_reached (NULL);
    }
}

static void
feature_free (OporaAnalysisFeature *feature)
{
  g_free (feature->key);
  g_free (feature);
}

static GPtrArray *
feature_list_new (void)
{
  return g_ptr_array_new_with_free_func ((GDestroyNotify) feature_free);
}

static void
feature_add (GPtrArray  *list,
             const char *key,
             double      weight)
{
  OporaAnalysisFeature *feature = g_new (OporaAnalysisFeature, 1);

  feature->key = g_strdup (key);
  feature->weight = weight;
  g_ptr_array_add (list, feature);
}

static GPtrArray *
feature_list_copy (GPtrArray *list)
{
  GPtrArray *copy = feature_list_new ();

  for (guint i = 0; i < list->len; i++)
    {
      OporaAnalysisFeature *f = list->pdata[i];
      feature_add (copy, f->key, f->weight);
    }
  return copy;
}

void
opora_analysis_params_free (OporaAnalysisParams *params)
{
  if (params == NULL)
    return;
  g_clear_pointer (&params->context, g_ptr_array_unref);
  g_clear_pointer (&params->results, g_ptr_array_unref);
  g_clear_pointer (&params->features, g_ptr_array_unref);
  g_free (params);
}

OporaAnalysisParams *
opora_analysis_params_copy (const OporaAnalysisParams *params)
{
  OporaAnalysisParams *copy = g_memdup2 (params, sizeof *params);

  copy->context = feature_list_copy (params->context);
  copy->results = feature_list_copy (params->results);
  copy->features = feature_list_copy (params->features);
  return copy;
}

static OporaAnalysisParams *
params_new_empty (void)
{
  OporaAnalysisParams *params = g_new0 (OporaAnalysisParams, 1);

  params->context = feature_list_new ();
  params->results = feature_list_new ();
  params->features = feature_list_new ();
  params->k_min = 2;
  params->k_max = 8;
  params->seed = 2024;
  params->restarts = 10;
  params->missing = OPORA_MISSING_IMPUTE;
  params->threshold = OPORA_THRESHOLD_MEDIAN;
  params->problem_share = 0.25;
  params->base_share = 0.25;
  params->max_per_base = 3;
  params->min_gap = 0.5;
  params->min_participants = OPORA_DEFAULT_MIN_PARTICIPANTS;
  params->include_small = FALSE;
  params->basis_years = 1;
  params->pool_small = TRUE;
  return params;
}

/**
 * opora_analysis_params_new:
 * @db: a workspace
 * @year: the year to analyse
 * @model: the cluster model
 *
 * The default parameters, from the catalogue groups and the indicators
 * that have values in @year (all of them when none has): the context index
 * from the context indicators that have a direction; the results index
 * from the result indicators that have one and are shares, scores or
 * marks; k-means over every context indicator (the size of the school
 * included), k chosen by the silhouette over 2…8; equal weights;
 * thresholds at the median; the bottom and top quarters; three supported
 * schools per base school at most.
 *
 * Returns: (transfer full) (nullable): the parameters, or %NULL with @error set
 */
OporaAnalysisParams *
opora_analysis_params_new (OporaDb    *db,
                           int         year,
                           OporaModel  model,
                           GError    **error)
{
  g_autoptr(GPtrArray) indicators = opora_indicator_list (db, error);
  g_autoptr(OporaAnalysisParams) params = NULL;
  g_autoptr(GPtrArray) keys = g_ptr_array_new ();
  g_autofree gboolean *present = NULL;
  gboolean any = FALSE;

  if (indicators == NULL)
    return NULL;
  for (guint i = 0; i < indicators->len; i++)
    g_ptr_array_add (keys, ((OporaIndicator *) indicators->pdata[i])->key);
  g_ptr_array_add (keys, NULL);
  if (!(present = opora_year_matrix_find_present (db, year, (const char * const *) keys->pdata, error)))
    return NULL;
  for (guint i = 0; i < indicators->len; i++)
    any |= present[i];

  params = params_new_empty ();
  params->year = year;
  params->model = model;
  for (guint i = 0; i < indicators->len; i++)
    {
      OporaIndicator *ind = indicators->pdata[i];

      if (any && !present[i])
        continue;
      if (ind->group == OPORA_GROUP_CONTEXT)
        {
          feature_add (params->features, ind->key, 1);
          if (ind->direction != 0)
            feature_add (params->context, ind->key, 1);
        }
      else if (ind->group == OPORA_GROUP_RESULT && ind->direction != 0 &&
               ind->unit != OPORA_UNIT_COUNT && ind->unit != OPORA_UNIT_FLAG)
        feature_add (params->results, ind->key, 1);
    }
  return g_steal_pointer (&params);
}

/**
 * opora_analysis_params_set_keys:
 * @features: (element-type OporaAnalysisFeature): a list to replace
 * @comma_separated: "key,key:weight,…"; a weight after a colon, 1 without
 *
 * Returns: %FALSE with @error set when the text is malformed
 */
gboolean
opora_analysis_params_set_keys (GPtrArray   *features,
                                const char  *comma_separated,
                                GError     **error)
{
  g_auto(GStrv) parts = g_strsplit (comma_separated, ",", -1);

  g_ptr_array_set_size (features, 0);
  for (guint i = 0; parts[i] != NULL; i++)
    {
      g_auto(GStrv) key_weight = g_strsplit (g_strstrip (parts[i]), ":", 2);
      double weight = 1;
      char *end = NULL;

      if (key_weight[0] == NULL || *key_weight[0] == '\0')
        continue;
      if (key_weight[1] != NULL)
        {
          weight = g_ascii_strtod (key_weight[1], &end);
          if (end == key_weight[1] || *end != '\0' || !(weight >= 0))
            {
              g_set_error (error, OPORA_ERROR, OPORA_ERROR_INVALID,
                           _("The weight of “%s” must be a number of 0 or more, not “%s”."),
                           key_weight[0], key_weight[1]);
              return FALSE;
            }
        }
      feature_add (features, key_weight[0], weight);
    }
  if (features->len == 0)
    {
      g_set_error_literal (error, OPORA_ERROR, OPORA_ERROR_INVALID, _("Name at least one indicator."));
      return FALSE;
    }
  return TRUE;
}

static void
add_features (JsonBuilder *b,
              const char  *name,
              GPtrArray   *list)
{
  json_builder_set_member_name (b, name);
  json_builder_begin_array (b);
  for (guint i = 0; i < list->len; i++)
    {
      OporaAnalysisFeature *f = list->pdata[i];
      json_builder_begin_object (b);
      json_builder_set_member_name (b, "key");
      json_builder_add_string_value (b, f->key);
      json_builder_set_member_name (b, "weight");
      json_builder_add_double_value (b, f->weight);
      json_builder_end_object (b);
    }
  json_builder_end_array (b);
}

#define MEMBER_INT(b, name, value) \
  (json_builder_set_member_name (b, name), json_builder_add_int_value (b, value))
#define MEMBER_DOUBLE(b, name, value) \
  (json_builder_set_member_name (b, name), json_builder_add_double_value (b, value))
#define MEMBER_STRING(b, name, value) \
  (json_builder_set_member_name (b, name), json_builder_add_string_value (b, value))

/**
 * opora_analysis_params_to_json:
 * @params: parameters
 *
 * Returns: (transfer full): the parameters as a JSON object, as runs store them
 */
char *
opora_analysis_params_to_json (const OporaAnalysisParams *params)
{
  g_autoptr(JsonBuilder) b = json_builder_new ();
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  g_autoptr(JsonNode) root = NULL;
  char seed[32];

  json_builder_begin_object (b);
  MEMBER_INT (b, "year", params->year);
  MEMBER_STRING (b, "model", model_names[params->model]);
  add_features (b, "context", params->context);
  add_features (b, "results", params->results);
  add_features (b, "features", params->features);
  MEMBER_INT (b, "k", params->k);
  MEMBER_INT (b, "k_min", params->k_min);
  MEMBER_INT (b, "k_max", params->k_max);
  g_snprintf (seed, sizeof seed, "%" G_GUINT64_FORMAT, params->seed);
  MEMBER_STRING (b, "seed", seed);
  MEMBER_INT (b, "restarts", params->restarts);
  MEMBER_STRING (b, "missing", missing_names[params->missing]);
  MEMBER_STRING (b, "threshold", threshold_names[params->threshold]);
  MEMBER_DOUBLE (b, "context_threshold", params->context_threshold);
  MEMBER_DOUBLE (b, "results_threshold", params->results_threshold);
  MEMBER_DOUBLE (b, "problem_share", params->problem_share);
  MEMBER_DOUBLE (b, "base_share", params->base_share);
  MEMBER_INT (b, "max_per_base", params->max_per_base);
  MEMBER_DOUBLE (b, "min_gap", params->min_gap);
  MEMBER_INT (b, "min_participants", params->min_participants);
  json_builder_set_member_name (b, "include_small");
  json_builder_add_boolean_value (b, params->include_small);
  MEMBER_INT (b, "basis_years", params->basis_years);
  json_builder_set_member_name (b, "pool_small");
  json_builder_add_boolean_value (b, params->pool_small);
  json_builder_end_object (b);
  root = json_builder_get_root (b);
  json_generator_set_root (generator, root);
  return json_generator_to_data (generator, NULL);
}

static gboolean
read_features (JsonObject  *object,
               const char  *name,
               GPtrArray   *list)
{
  JsonArray *array = json_object_has_member (object, name) ? json_object_get_array_member (object, name) : NULL;

  if (array == NULL)
    return FALSE;
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonObject *f = json_array_get_object_element (array, i);
      const char *key = f != NULL ? json_object_get_string_member_with_default (f, "key", NULL) : NULL;
      if (key == NULL)
        return FALSE;
      feature_add (list, key, json_object_get_double_member_with_default (f, "weight", 1));
    }
  return TRUE;
}

/**
 * opora_analysis_params_from_json:
 * @json: what opora_analysis_params_to_json() wrote
 *
 * Returns: (transfer full) (nullable): the parameters, or %NULL with @error set
 */
OporaAnalysisParams *
opora_analysis_params_from_json (const char  *json,
                                 GError     **error)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(OporaAnalysisParams) params = params_new_empty ();
  JsonObject *o;
  int model, threshold, missing;

  if (!json_parser_load_from_data (parser, json, -1, NULL) ||
      !JSON_NODE_HOLDS_OBJECT (json_parser_get_root (parser)))
    goto damaged;
  o = json_node_get_object (json_parser_get_root (parser));
  if (!name_index (json_object_get_string_member_with_default (o, "model", ""), model_names,
                   G_N_ELEMENTS (model_names), &model) ||
      !name_index (json_object_get_string_member_with_default (o, "threshold", ""), threshold_names,
                   G_N_ELEMENTS (threshold_names), &threshold) ||
      !name_index (json_object_get_string_member_with_default (o, "missing", ""), missing_names,
                   G_N_ELEMENTS (missing_names), &missing) ||
      !read_features (o, "context", params->context) ||
      !read_features (o, "results", params->results) ||
      !read_features (o, "features", params->features))
    goto damaged;
  params->model = model;
  params->threshold = threshold;
  params->missing = missing;
  params->year = json_object_get_int_member_with_default (o, "year", 0);
  params->k = json_object_get_int_member_with_default (o, "k", 0);
  params->k_min = json_object_get_int_member_with_default (o, "k_min", 2);
  params->k_max = json_object_get_int_member_with_default (o, "k_max", 8);
  params->seed = g_ascii_strtoull (json_object_get_string_member_with_default (o, "seed", "0"), NULL, 10);
  params->restarts = json_object_get_int_member_with_default (o, "restarts", 10);
  params->context_threshold = json_object_get_double_member_with_default (o, "context_threshold", 0);
  params->results_threshold = json_object_get_double_member_with_default (o, "results_threshold", 0);
  params->problem_share = json_object_get_double_member_with_default (o, "problem_share", 0.25);
  params->base_share = json_object_get_double_member_with_default (o, "base_share", 0.25);
  params->max_per_base = json_object_get_int_member_with_default (o, "max_per_base", 3);
  params->min_gap = json_object_get_double_member_with_default (o, "min_gap", 0.5);
  params->min_participants = json_object_get_int_member_with_default (o, "min_participants",
                                                                      OPORA_DEFAULT_MIN_PARTICIPANTS);
  params->include_small = json_object_get_boolean_member_with_default (o, "include_small", FALSE);
  params->basis_years = CLAMP (json_object_get_int_member_with_default (o, "basis_years", 1), 1, 3);
  params->pool_small = json_object_get_boolean_member_with_default (o, "pool_small", FALSE);
  return g_steal_pointer (&params);

damaged:
  g_set_error_literal (error, OPORA_ERROR, OPORA_ERROR_FORMAT,
                       _("The parameters of a stored analysis are damaged."));
  return NULL;
}

/**
 * opora_analysis_basis_text:
 * @params: parameters
 *
 * Returns: (transfer full): what the figures are, for subtitles and exports:
 *   «2026», «2026 (малые школы: среднее за 2024–2026)» or «среднее за 2025–2026»
 */
char *
opora_analysis_basis_text (const OporaAnalysisParams *params)
{
  if (params->basis_years <= 1 && params->pool_small)
    return g_strdup_printf (_("%d (small schools: the mean of %d–%d)"), params->year, params->year - 2, params->year);
  if (params->basis_years <= 1)
    return g_strdup_printf ("%d", params->year);
  return g_strdup_printf (_("the mean of %d–%d"), params->year - (int) params->basis_years + 1, params->year);
}

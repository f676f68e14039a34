/* SPDX-License-Identifier: GPL-3.0-or-later */
/* opora-cli analysis commands: analyze, run, runs, pair, transitions, monitoring. */

#include <glib/gi18n.h>
#include <math.h>

#include "opora-analysis-store.h"
#include "opora-cli.h"
#include "opora-error.h"
#include "opora-json.h"
#include "opora-model-compare.h"
#include "opora-monitoring.h"
#include "opora-rule.h"
#include "opora-school.h"

/* The options shared by analyze and transitions. */
static int opt_year, opt_from_year, opt_to_year, opt_k;
static char *opt_model, *opt_context, *opt_results, *opt_features, *opt_threshold, *opt_missing;
static double opt_problem_share = -1, opt_max_per_base = -1, opt_min_gap = NAN;
static gint64 opt_seed = -1;
static gboolean opt_no_save, opt_include_small, opt_no_pool;
static int opt_min_participants = -1, opt_basis;
static gint64 opt_from_run, opt_to_run;

static const char *
code_of (GHashTable *schools,
         gint64      id)
{
  OporaSchool *s = g_hash_table_lookup (schools, &id);
  return s != NULL ? s->code : "";
}

static const char *
name_of (GHashTable *schools,
         gint64      id)
{
  OporaSchool *s = g_hash_table_lookup (schools, &id);
  return s != NULL ? s->name : "";
}

/* Builds the parameters from the defaults and the options; prints why not. */
static OporaAnalysisParams *
params_from_options (OporaDb    *db,
                     const char *command,
                     int         year)
{
  g_autoptr(OporaAnalysisParams) params = NULL;
  g_autoptr(GError) error = NULL;
  OporaModel model = OPORA_MODEL_QUADRANT;

  if (opt_model != NULL && !opora_model_from_string (opt_model, &model))
    {
      g_printerr (_("opora-cli %s: the model is “quadrant”, “kmeans” or “regression”, not “%s”.\n"), command, opt_model);
      return NULL;
    }
  if (!(params = opora_analysis_params_new (db, year, model, &error)))
    goto fail;
  if ((opt_context && !opora_analysis_params_set_keys (params->context, opt_context, &error)) ||
      (opt_results && !opora_analysis_params_set_keys (params->results, opt_results, &error)) ||
      (opt_features && !opora_analysis_params_set_keys (params->features, opt_features, &error)))
    goto fail;
  if (opt_k < 0 || opt_k > 50)
    {
      g_printerr (_("opora-cli %s: -k is between 1 and 50 (0 chooses by the silhouette).\n"), command);
      return NULL;
    }
  params->k = opt_k;
  if (opt_seed >= 0)
    params->seed = opt_seed;
  if (opt_missing != NULL)
    {
      if (g_str_equal (opt_missing, "impute"))
        params->missing = OPORA_MISSING_IMPUTE;
      else if (g_str_equal (opt_missing, "leave-out"))
        params->missing = OPORA_MISSING_LEAVE_OUT;
      else
        {
          g_printerr (_("opora-cli %s: --missing is “impute” or “leave-out”.\n"), command);
          return NULL;
        }
    }
  if (opt_threshold != NULL)
    {
      g_auto(GStrv) parts = g_strsplit (opt_threshold, ":", 2);
      char *end_c = NULL, *end_r = NULL;

      if (g_str_equal (opt_threshold, "median"))
        params->threshold = OPORA_THRESHOLD_MEDIAN;
      else if (g_str_equal (opt_threshold, "mean"))
        params->threshold = OPORA_THRESHOLD_MEAN;
      else if (parts[1] != NULL &&
               (params->context_threshold = g_ascii_strtod (parts[0], &end_c), end_c != parts[0] && *end_c == '\0') &&
               (params->results_threshold = g_ascii_strtod (parts[1], &end_r), end_r != parts[1] && *end_r == '\0'))
        params->threshold = OPORA_THRESHOLD_VALUE;
      else
        {
          g_printerr (_("opora-cli %s: --threshold is “median”, “mean” or two numbers “CONTEXT:RESULTS”.\n"), command);
          return NULL;
        }
    }
  if (opt_problem_share >= 0)
    {
      if (opt_problem_share > 100)
        {
          g_printerr (_("opora-cli %s: --problem-share is a percentage, 0 to 100.\n"), command);
          return NULL;
        }
      params->problem_share = params->base_share = opt_problem_share / 100;
    }
  if (opt_max_per_base >= 0)
    params->max_per_base = (guint) opt_max_per_base;
  if (!isnan (opt_min_gap))
    params->min_gap = opt_min_gap;
  if (opt_min_participants >= 0)
    params->min_participants = opt_min_participants;
  params->include_small = opt_include_small;
  params->pool_small = !opt_no_pool;
  if (opt_basis != 0)
    {
      if (opt_basis < 1 || opt_basis > 3)
        {
          g_printerr (_("opora-cli %s: --basis is 1, 2 or 3 years.\n"), command);
          return NULL;
        }
      params->basis_years = opt_basis;
    }
  return g_steal_pointer (&params);

fail:
  g_printerr ("opora-cli %s: %s\n", command, error->message);
  return NULL;
}

static JsonNode *
analysis_json (const OporaAnalysis *a,
               GHashTable          *schools)
{
  g_autoptr(JsonBuilder) b = json_builder_new ();
  guint d = a->profile_keys != NULL ? g_strv_length (a->profile_keys) : 0;

  json_builder_begin_object (b);
  opora_json_add_int (b, "run", a->id);
  opora_json_add_int (b, "year", a->params->year);
  opora_json_add_string (b, "model", opora_model_to_string (a->params->model));
  opora_json_add_int (b, "n_clusters", a->n_clusters);
  opora_json_add_double (b, "silhouette", a->silhouette);
  opora_json_add_double (b, "context_threshold", a->context_threshold);
  opora_json_add_double (b, "results_threshold", a->results_threshold);
  opora_json_add_int (b, "previous_run", a->previous_run_id);
  if (a->rules != NULL)
    {
      json_builder_set_member_name (b, "rules");
      json_builder_add_value (b, json_from_string (a->rules, NULL));
    }
  if (a->regression != NULL)
    {
      json_builder_set_member_name (b, "regression");
      json_builder_begin_object (b);
      for (guint i = 0; i < a->regression->n_coefficients; i++)
        {
          json_builder_set_member_name (b, a->regression->keys[i]);
          json_builder_begin_object (b);
          opora_json_add_double (b, "coefficient", a->regression->coefficients[i]);
          opora_json_add_double (b, "std_error", a->regression->std_errors[i]);
          json_builder_end_object (b);
        }
      opora_json_add_double (b, "r_squared", a->regression->r_squared);
      opora_json_add_double (b, "adj_r_squared", a->regression->adj_r_squared);
      opora_json_add_int (b, "n", a->regression->n);
      opora_json_add_int (b, "n_years", a->regression->n_years);
      json_builder_end_object (b);
    }
  json_builder_set_member_name (b, "clusters");
  json_builder_begin_array (b);
  for (guint k = 0; a->clusters != NULL && k < a->clusters->len; k++)
    {
      const OporaClusterInfo *info = &g_array_index (a->clusters, OporaClusterInfo, k);
      const char *name = opora_analysis_cluster_name (a, info->cluster);

      json_builder_begin_object (b);
      opora_json_add_int (b, "cluster", info->cluster);
      json_builder_set_member_name (b, "name");
      if (name != NULL)
        json_builder_add_string_value (b, name);
      else
        json_builder_add_null_value (b);
      opora_json_add_boolean (b, "pinned", info->pinned);
      opora_json_add_int (b, "previous", info->previous);
      opora_json_add_double (b, "shift", info->shift);
      opora_json_add_double (b, "kept", info->kept);
      opora_json_add_boolean (b, "changed", info->changed);
      json_builder_end_object (b);
    }
  json_builder_end_array (b);
  json_builder_set_member_name (b, "sweep");
  json_builder_begin_array (b);
  for (guint i = 0; i < a->sweep->len; i++)
    {
      OporaSweepPoint *p = &g_array_index (a->sweep, OporaSweepPoint, i);
      json_builder_begin_object (b);
      opora_json_add_int (b, "k", p->k);
      opora_json_add_double (b, "silhouette", p->silhouette);
      opora_json_add_double (b, "inertia", p->inertia);
      json_builder_end_object (b);
    }
  json_builder_end_array (b);
  json_builder_set_member_name (b, "profiles");
  json_builder_begin_array (b);
  for (guint k = 0; k < a->n_clusters; k++)
    {
      json_builder_begin_object (b);
      opora_json_add_int (b, "cluster", k + 1);
      for (guint c = 0; c < d; c++)
        opora_json_add_double (b, a->profile_keys[c], a->profiles[k * d + c]);
      json_builder_end_object (b);
    }
  json_builder_end_array (b);
  json_builder_set_member_name (b, "members");
  json_builder_begin_array (b);
  for (guint i = 0; i < a->members->len; i++)
    {
      const OporaMember *m = &g_array_index (a->members, OporaMember, i);
      json_builder_begin_object (b);
      opora_json_add_string (b, "code", code_of (schools, m->school_id));
      opora_json_add_string (b, "name", name_of (schools, m->school_id));
      opora_json_add_int (b, "cluster", m->cluster);
      opora_json_add_int (b, "rank", m->rank);
      opora_json_add_int (b, "cluster_size", m->cluster_size);
      opora_json_add_double (b, "context_index", m->context_index);
      opora_json_add_double (b, "results_index", m->results_index);
      opora_json_add_double (b, "context_percentile", m->context_percentile);
      opora_json_add_double (b, "results_percentile", m->results_percentile);
      opora_json_add_boolean (b, "problem", m->flags & OPORA_MEMBER_PROBLEM);
      opora_json_add_boolean (b, "base", m->flags & OPORA_MEMBER_BASE);
      opora_json_add_boolean (b, "imputed", m->flags & OPORA_MEMBER_IMPUTED);
      opora_json_add_boolean (b, "left_out", m->flags & OPORA_MEMBER_LEFT_OUT);
      opora_json_add_boolean (b, "nonobjective", m->flags & OPORA_MEMBER_NONOBJECTIVE);
      opora_json_add_boolean (b, "small_numbers", m->flags & OPORA_MEMBER_SMALL);
      if (a->regression != NULL)
        {
          opora_json_add_double (b, "predicted", m->predicted);
          opora_json_add_double (b, "residual", m->residual);
          opora_json_add_double (b, "residual_se", m->residual_se);
        }
      json_builder_end_object (b);
    }
  json_builder_end_array (b);
  json_builder_set_member_name (b, "pairs");
  json_builder_begin_array (b);
  for (guint i = 0; i < a->pairs->len; i++)
    {
      const OporaPair *p = a->pairs->pdata[i];
      json_builder_begin_object (b);
      opora_json_add_int (b, "id", p->id);
      opora_json_add_string (b, "supported", code_of (schools, p->supported_id));
      json_builder_set_member_name (b, "base");
      if (p->base_id > 0)
        json_builder_add_string_value (b, code_of (schools, p->base_id));
      else
        json_builder_add_null_value (b);
      opora_json_add_string (b, "status", opora_pair_status_to_string (p->status));
      opora_json_add_double (b, "distance", p->distance);
      opora_json_add_double (b, "gap", p->gap);
      opora_json_add_string (b, "reason", p->reason);
      json_builder_end_object (b);
    }
  json_builder_end_array (b);
  json_builder_end_object (b);
  return json_builder_get_root (b);
}

static char *
number_text (double value)
{
  return isnan (value) ? g_strdup ("—") : g_strdup_printf ("%.2f", value);
}

static char *
flags_text (guint flags)
{
  GString *text = g_string_new (NULL);

  if (flags & OPORA_MEMBER_PROBLEM)
    g_string_append_printf (text, "%s ", _("problem"));
  if (flags & OPORA_MEMBER_BASE)
    g_string_append_printf (text, "%s ", _("base"));
  if (flags & OPORA_MEMBER_IMPUTED)
    g_string_append_printf (text, "%s ", _("imputed"));
  if (flags & OPORA_MEMBER_LEFT_OUT)
    g_string_append_printf (text, "%s ", _("left-out"));
  if (flags & OPORA_MEMBER_NONOBJECTIVE)
    g_string_append_printf (text, "%s ", _("non-objective-VPR"));
  if (flags & OPORA_MEMBER_SMALL)
    g_string_append_printf (text, "%s ", _("few-participants"));
  if (flags & OPORA_MEMBER_POOLED)
    g_string_append_printf (text, "%s ", _("3-year-mean"));
  if (text->len > 0)
    g_string_truncate (text, text->len - 1);
  return g_string_free (text, FALSE);
}

static void
print_regression (const OporaRegressionSummary *r)
{
  g_print (_("Results index against the context z-scores: R² = %.3f (adjusted %.3f), %u schools; "
             "residuals averaged over %u years.\n"), r->r_squared, r->adj_r_squared, r->n, r->n_years);
  for (guint i = 0; i < r->n_coefficients; i++)
    g_print ("  %-28s %+.4f  (± %.4f)\n", i == 0 ? _("intercept") : r->keys[i], r->coefficients[i], r->std_errors[i]);
}

static void
print_clusters (const OporaAnalysis *a)
{
  for (guint k = 0; a->clusters != NULL && k < a->clusters->len; k++)
    {
      const OporaClusterInfo *info = &g_array_index (a->clusters, OporaClusterInfo, k);
      const char *name = opora_analysis_cluster_name (a, info->cluster);
      guint size = 0;

      for (guint i = 0; i < a->members->len; i++)
        size += g_array_index (a->members, OporaMember, i).cluster == info->cluster;
      g_print ("  %d  %s%s\t", info->cluster, name != NULL ? name : "—", info->pinned ? _(" (pinned)") : "");
      g_print (g_dngettext (GETTEXT_PACKAGE, "%u school", "%u schools", size), size);
      if (info->previous > 0)
        {
          g_autofree char *shift = isnan (info->shift) ? g_strdup ("—") : g_strdup_printf ("%.2f", info->shift);
          g_print ("\t");
          g_print (_("was %d: centroid moved %s, %.0f %% of its schools kept%s"), info->previous, shift,
                   100 * info->kept, info->changed ? _(" — changed") : "");
        }
      g_print ("\n");
    }
}

static void
print_analysis (const OporaAnalysis *a,
                GHashTable          *schools)
{
  guint placed = 0, problem = 0;

  for (guint i = 0; i < a->members->len; i++)
    {
      const OporaMember *m = &g_array_index (a->members, OporaMember, i);
      placed += m->cluster > 0;
      problem += (m->flags & OPORA_MEMBER_PROBLEM) != 0;
    }
  if (a->id > 0)
    g_print (_("Analysis %lld: "), (long long) a->id);
  g_print (_("%d, %s; %u schools placed in %u clusters, %u left out; %u problem schools.\n"),
           a->params->year, opora_model_label (a->params->model),
           placed, a->n_clusters, a->members->len - placed, problem);
  {
    g_autofree char *basis = opora_analysis_basis_text (a->params);
    g_print (_("Basis: %s; results on fewer than %u participants %s.\n"), basis, a->params->min_participants,
             a->params->include_small ? _("are used all the same") : _("are left out"));
  }
  if (a->params->model == OPORA_MODEL_QUADRANT)
    g_print (_("Thresholds: context index %.2f, results index %.2f.\n"), a->context_threshold, a->results_threshold);
  if (a->previous_run_id > 0)
    g_print (_("Clusters matched to those of analysis %lld.\n"), (long long) a->previous_run_id);
  print_clusters (a);
  if (a->regression != NULL)
    print_regression (a->regression);
  if (a->params->model == OPORA_MODEL_KMEANS)
    {
      g_print (_("Silhouette of k = %u: %.3f. The sweep:\n"), a->n_clusters, a->silhouette);
      for (guint i = 0; i < a->sweep->len; i++)
        {
          OporaSweepPoint *p = &g_array_index (a->sweep, OporaSweepPoint, i);
          g_print ("  k = %u\t%.4f%s\n", p->k, p->silhouette, p->k == a->n_clusters ? "  ←" : "");
        }
    }
  g_print ("\n%s\n", _("code\tschool\tcluster\trank\tcontext\tresults\tflags\tproposed base school"));
  for (guint i = 0; i < a->members->len; i++)
    {
      const OporaMember *m = &g_array_index (a->members, OporaMember, i);
      const OporaPair *p = opora_analysis_find_pair (a, m->school_id);
      g_autofree char *context = number_text (m->context_index);
      g_autofree char *results = number_text (m->results_index);
      g_autofree char *flags = flags_text (m->flags);
      g_autofree char *rank = m->rank > 0 ? g_strdup_printf ("%u/%u", m->rank, m->cluster_size) : g_strdup ("—");
      g_autofree char *base = p == NULL ? g_strdup ("")
                            : p->base_id > 0 && p->id > 0
                            ? g_strdup_printf ("%s (%s, %s %lld)", code_of (schools, p->base_id),
                                               opora_pair_status_to_string (p->status), _("pair"), (long long) p->id)
                            : p->base_id > 0 ? g_strdup (code_of (schools, p->base_id))
                            : g_strdup (_("none qualifies"));

      g_print ("%s\t%s\t%d\t%s\t%s\t%s\t%s\t%s\n", code_of (schools, m->school_id), name_of (schools, m->school_id),
               m->cluster, rank, context, results, flags, base);
    }
}

static CliStatus
show_analysis (CliGlobals    *globals,
               OporaDb       *db,
               OporaAnalysis *a)
{
  g_autoptr(GHashTable) schools = NULL;
  GError *error = NULL;

  if (!(schools = opora_school_table (db, &error)))
    return cli_fail (error);
  if (globals->json)
    {
      g_autoptr(JsonNode) node = analysis_json (a, schools);
      cli_print_json (node);
    }
  else
    print_analysis (a, schools);
  return CLI_OK;
}

#define ANALYSIS_OPTIONS \
  { "model", 'm', 0, G_OPTION_ARG_STRING, &opt_model, N_("quadrant (default), kmeans or regression"), N_("MODEL") }, \
  { "k", 'k', 0, G_OPTION_ARG_INT, &opt_k, N_("Number of k-means clusters (default: the best silhouette of 2…8)"), N_("N") }, \
  { "context", 0, 0, G_OPTION_ARG_STRING, &opt_context, N_("Indicators of the context index, with optional weights"), N_("KEY[:W],…") }, \
  { "results", 0, 0, G_OPTION_ARG_STRING, &opt_results, N_("Indicators of the results index, with optional weights"), N_("KEY[:W],…") }, \
  { "features", 0, 0, G_OPTION_ARG_STRING, &opt_features, N_("k-means features (default: the context indicators)"), N_("KEY,…") }, \
  { "threshold", 0, 0, G_OPTION_ARG_STRING, &opt_threshold, N_("Quadrant thresholds: median, mean or CONTEXT:RESULTS"), N_("T") }, \
  { "missing", 0, 0, G_OPTION_ARG_STRING, &opt_missing, N_("Missing k-means features: impute (the median) or leave-out"), N_("HOW") }, \
  { "problem-share", 0, 0, G_OPTION_ARG_DOUBLE, &opt_problem_share, N_("Bottom and top percent of a cluster flagged (default 25)"), N_("PCT") }, \
  { "max-per-base", 0, 0, G_OPTION_ARG_DOUBLE, &opt_max_per_base, N_("Supported schools per base school (default 3)"), N_("N") }, \
  { "min-gap", 0, 0, G_OPTION_ARG_DOUBLE, &opt_min_gap, N_("Least results-index gap of a base school (default 0.5)"), N_("Z") }, \
  { "seed", 0, 0, G_OPTION_ARG_INT64, &opt_seed, N_("Seed of k-means++ (the same seed gives the same clusters)"), N_("N") }, \
  { "min-participants", 0, 0, G_OPTION_ARG_INT, &opt_min_participants, N_("Results on fewer participants are unreliable (default 10)"), N_("N") }, \
  { "include-small", 0, 0, G_OPTION_ARG_NONE, &opt_include_small, N_("Use unreliable results all the same"), NULL }, \
  { "no-pool", 0, 0, G_OPTION_ARG_NONE, &opt_no_pool, N_("Do not take three years' mean for schools with too few participants"), NULL }, \
  { "basis", 0, 0, G_OPTION_ARG_INT, &opt_basis, N_("1: this year only (default); 2 or 3: the mean of the last years"), N_("YEARS") }

static CliStatus
run_analyze (CliGlobals *globals,
             int         argc,
             char      **argv)
{
  GOptionEntry entries[] = {
    { "year", 'y', 0, G_OPTION_ARG_INT, &opt_year, N_("The year to analyse (required)"), N_("YEAR") },
    ANALYSIS_OPTIONS,
    { "no-save", 0, 0, G_OPTION_ARG_NONE, &opt_no_save, N_("Print without storing the run"), NULL },
    { NULL }
  };
  g_autoptr(OporaDb) db = NULL;
  g_autoptr(OporaAnalysisParams) params = NULL;
  g_autoptr(OporaAnalysis) analysis = NULL;
  GError *error = NULL;
  CliStatus status;

  if ((status = cli_parse_options (globals, "analyze", NULL, entries, &argc, &argv)))
    return status;
  if (argc > 1 || opt_year == 0)
    {
      g_printerr (_("opora-cli analyze: name the year, e.g. “opora-cli analyze --year 2026 --model kmeans”.\n"));
      return CLI_USAGE;
    }
  if (!(db = cli_open_db (globals, opt_no_save ? OPORA_DB_READ_ONLY | OPORA_DB_MUST_EXIST : OPORA_DB_MUST_EXIST)))
    return CLI_INPUT;
  if (!(params = params_from_options (db, "analyze", opt_year)))
    return CLI_USAGE;
  if (!(analysis = opora_analysis_run (db, params, NULL, &error)) ||
      (!opt_no_save && !opora_analysis_save (db, analysis, &error)))
    return cli_fail (error);
  return show_analysis (globals, db, analysis);
}

static CliStatus
run_run (CliGlobals *globals,
         int         argc,
         char      **argv)
{
  g_autoptr(OporaDb) db = NULL;
  g_autoptr(OporaAnalysis) analysis = NULL;
  GError *error = NULL;
  CliStatus status;
  gint64 id;

  if ((status = cli_parse_options (globals, "run", "N", NULL, &argc, &argv)))
    return status;
  if (argc != 2 || (id = g_ascii_strtoll (argv[1], NULL, 10)) <= 0)
    {
      g_printerr (_("opora-cli run: name the analysis by its number (see “opora-cli runs”).\n"));
      return CLI_USAGE;
    }
  if (!(db = cli_open_db (globals, OPORA_DB_MUST_EXIST | OPORA_DB_READ_ONLY)))
    return CLI_INPUT;
  if (!(analysis = opora_analysis_load (db, id, &error)))
    return cli_fail (error);
  return show_analysis (globals, db, analysis);
}

static CliStatus
run_runs (CliGlobals *globals,
          int         argc,
          char      **argv)
{
  g_autoptr(OporaDb) db = NULL;
  g_autoptr(GPtrArray) runs = NULL;
  g_autoptr(JsonBuilder) b = json_builder_new ();
  GError *error = NULL;
  CliStatus status;

  if ((status = cli_parse_options (globals, "runs", NULL, NULL, &argc, &argv)))
    return status;
  if (!(db = cli_open_db (globals, OPORA_DB_MUST_EXIST | OPORA_DB_READ_ONLY)))
    return CLI_INPUT;
  if (!(runs = opora_analysis_list (db, &error)))
    return cli_fail (error);
  json_builder_begin_array (b);
  for (guint i = 0; i < runs->len; i++)
    {
      OporaRunInfo *r = runs->pdata[i];

      if (!globals->json)
        {
          g_print ("%lld\t%s\t%d\t%s\t", (long long) r->id, r->created, r->year, opora_model_to_string (r->model));
          g_print (_("%u clusters\t%u problem schools\t%u accepted pairs\n"), r->n_clusters, r->n_problem, r->n_accepted);
          continue;
        }
      json_builder_begin_object (b);
      opora_json_add_int (b, "run", r->id);
      opora_json_add_string (b, "created", r->created);
      opora_json_add_int (b, "year", r->year);
      opora_json_add_string (b, "model", opora_model_to_string (r->model));
      opora_json_add_int (b, "n_clusters", r->n_clusters);
      opora_json_add_double (b, "silhouette", r->silhouette);
      opora_json_add_int (b, "n_problem", r->n_problem);
      opora_json_add_int (b, "n_accepted", r->n_accepted);
      json_builder_end_object (b);
    }
  json_builder_end_array (b);
  if (globals->json)
    {
      g_autoptr(JsonNode) node = json_builder_get_root (b);
      cli_print_json (node);
    }
  else if (runs->len == 0)
    g_print (_("No analyses yet: run “opora-cli analyze --year YEAR”.\n"));
  return CLI_OK;
}

static CliStatus
run_pair (CliGlobals *globals,
          int         argc,
          char      **argv)
{
  static char *base_code;
  const GOptionEntry entries[] = {
    { "base", 0, 0, G_OPTION_ARG_STRING, &base_code, N_("Another base school, by its code"), N_("CODE") },
    { NULL }
  };
  g_autoptr(OporaDb) db = NULL;
  GError *error = NULL;
  OporaPairStatus decision;
  CliStatus status;
  gint64 id, base_id = 0;

  if ((status = cli_parse_options (globals, "pair", "N accept|reject|proposed", (GOptionEntry *) entries, &argc, &argv)))
    return status;
  if (argc != 3 || (id = g_ascii_strtoll (argv[1], NULL, 10)) <= 0 ||
      !(g_str_equal (argv[2], "accept") || g_str_equal (argv[2], "reject") || g_str_equal (argv[2], "proposed")))
    {
      g_printerr (_("opora-cli pair: say which pair and what, e.g. “opora-cli pair 12 accept [--base CODE]”.\n"));
      return CLI_USAGE;
    }
  decision = g_str_equal (argv[2], "accept") ? OPORA_PAIR_ACCEPTED
           : g_str_equal (argv[2], "reject") ? OPORA_PAIR_REJECTED : OPORA_PAIR_PROPOSED;
  if (!(db = cli_open_db (globals, OPORA_DB_MUST_EXIST)))
    return CLI_INPUT;
  if (base_code != NULL && !(base_id = opora_school_find_code (db, base_code, &error)))
    return cli_fail (error);
  if (!opora_pair_decide (db, id, decision, base_id, &error))
    return cli_fail (error);
  g_print (_("Pair %lld: %s.\n"), (long long) id, opora_pair_status_to_string (decision));
  return CLI_OK;
}

static void
print_school_list (const char *title,
                   GArray     *ids,
                   GHashTable *schools)
{
  g_print ("%s: %u\n", title, ids->len);
  for (guint i = 0; i < ids->len; i++)
    {
      gint64 id = g_array_index (ids, gint64, i);
      g_print ("  %s\t%s\n", code_of (schools, id), name_of (schools, id));
    }
}

static CliStatus
run_transitions (CliGlobals *globals,
                 int         argc,
                 char      **argv)
{
  GOptionEntry entries[] = {
    { "from", 0, 0, G_OPTION_ARG_INT, &opt_from_year, N_("The earlier year"), N_("YEAR") },
    { "to", 0, 0, G_OPTION_ARG_INT, &opt_to_year, N_("The later year"), N_("YEAR") },
    { "from-run", 0, 0, G_OPTION_ARG_INT64, &opt_from_run, N_("The earlier stored analysis, instead of --from"), N_("N") },
    { "to-run", 0, 0, G_OPTION_ARG_INT64, &opt_to_run, N_("The later stored analysis, instead of --to"), N_("N") },
    ANALYSIS_OPTIONS,
    { NULL }
  };
  g_autoptr(OporaDb) db = NULL;
  g_autoptr(OporaAnalysisParams) from_params = NULL;
  g_autoptr(OporaAnalysisParams) to_params = NULL;
  g_autoptr(OporaAnalysis) from = NULL;
  g_autoptr(OporaAnalysis) to = NULL;
  g_autoptr(OporaTransitions) moves = NULL;
  g_autoptr(GHashTable) schools = NULL;
  GError *error = NULL;
  CliStatus status;
  guint side;

  if ((status = cli_parse_options (globals, "transitions", NULL, entries, &argc, &argv)))
    return status;
  if (argc > 1 || (opt_from_run > 0) != (opt_to_run > 0) ||
      (opt_from_run == 0 && (opt_from_year == 0 || opt_to_year == 0)))
    {
      g_printerr (_("opora-cli transitions: name both years, e.g. “--from 2025 --to 2026”, or two stored analyses, “--from-run 3 --to-run 5”.\n"));
      return CLI_USAGE;
    }
  if (!(db = cli_open_db (globals, OPORA_DB_MUST_EXIST | OPORA_DB_READ_ONLY)))
    return CLI_INPUT;
  if (opt_from_run > 0)
    {
      if (!(from = opora_analysis_load (db, opt_from_run, &error)) ||
          !(to = opora_analysis_load (db, opt_to_run, &error)))
        return cli_fail (error);
      if (from->params->model != to->params->model || from->n_clusters != to->n_clusters)
        {
          g_printerr (_("opora-cli transitions: the two analyses must have the same model and number of clusters.\n"));
          return CLI_INPUT;
        }
      opt_from_year = from->params->year;
      opt_to_year = to->params->year;
    }
  else
    {
      if (!(from_params = params_from_options (db, "transitions", opt_from_year)) ||
          !(to_params = params_from_options (db, "transitions", opt_to_year)))
        return CLI_USAGE;
      if (to_params->model == OPORA_MODEL_KMEANS && to_params->k == 0)
        {
          g_printerr (_("opora-cli transitions: with k-means, fix the number of clusters with -k.\n"));
          return CLI_USAGE;
        }
      if (!(from = opora_analysis_run (db, from_params, NULL, &error)) ||
          !(to = opora_analysis_run (db, to_params, NULL, &error)))
        return cli_fail (error);
    }
  if (!(schools = opora_school_table (db, &error)))
    return cli_fail (error);
  moves = opora_transitions_compute (from, to);
  side = moves->n_clusters + 1;

  if (globals->json)
    {
      g_autoptr(JsonBuilder) b = json_builder_new ();
      g_autoptr(JsonNode) node = NULL;

      json_builder_begin_object (b);
      opora_json_add_int (b, "from", opt_from_year);
      opora_json_add_int (b, "to", opt_to_year);
      json_builder_set_member_name (b, "counts");
      json_builder_begin_array (b);
      for (guint r = 0; r < side; r++)
        {
          json_builder_begin_array (b);
          for (guint c = 0; c < side; c++)
            json_builder_add_int_value (b, moves->counts[r * side + c]);
          json_builder_end_array (b);
        }
      json_builder_end_array (b);
      for (int l = 0; l < 2; l++)
        {
          GArray *ids = l == 0 ? moves->falling_out : moves->entering;
          json_builder_set_member_name (b, l == 0 ? "falling_out" : "entering");
          json_builder_begin_array (b);
          for (guint i = 0; i < ids->len; i++)
            json_builder_add_string_value (b, code_of (schools, g_array_index (ids, gint64, i)));
          json_builder_end_array (b);
        }
      json_builder_end_object (b);
      node = json_builder_get_root (b);
      cli_print_json (node);
      return CLI_OK;
    }
  g_print (_("Moves from %d (rows) to %d (columns); 0 = not placed.\n"), opt_from_year, opt_to_year);
  for (guint c = 0; c < side; c++)
    g_print ("\t%u", c);
  g_print ("\n");
  for (guint r = 0; r < side; r++)
    {
      g_print ("%u", r);
      for (guint c = 0; c < side; c++)
        g_print ("\t%u", moves->counts[r * side + c]);
      g_print ("\n");
    }
  if (to->params->model == OPORA_MODEL_QUADRANT)
    {
      print_school_list (_("Falling out (2 → 1, 4 → 3)"), moves->falling_out, schools);
      print_school_list (_("Entering (3 → 4)"), moves->entering, schools);
    }
  return CLI_OK;
}

static JsonNode *
monitoring_json (GArray     *rows,
                 GHashTable *schools)
{
  g_autoptr(JsonBuilder) b = json_builder_new ();
  static const char *ege_keys[] = { "ege_rus", "ege_mathp" };
  static const char *vpr_keys[] = { "vpr_rus5", "vpr_rus6", "vpr_math5", "vpr_math6" };

  json_builder_begin_array (b);
  for (guint i = 0; i < rows->len; i++)
    {
      OporaMonitoringRow *r = &g_array_index (rows, OporaMonitoringRow, i);

      json_builder_begin_object (b);
      opora_json_add_string (b, "code", code_of (schools, r->school_id));
      opora_json_add_string (b, "name", name_of (schools, r->school_id));
      opora_json_add_boolean (b, "negative1", r->negative1);
      opora_json_add_boolean (b, "negative2", r->negative2);
      opora_json_add_boolean (b, "nonobjective", r->nonobjective);
      for (int e = 0; e < OPORA_N_EGE_SUBJECTS; e++)
        {
          json_builder_set_member_name (b, ege_keys[e]);
          json_builder_begin_object (b);
          opora_json_add_double (b, "ratio_previous", r->ege[e].ratio[0]);
          opora_json_add_double (b, "ratio", r->ege[e].ratio[1]);
          opora_json_add_double (b, "dynamics", r->ege[e].dynamics);
          json_builder_end_object (b);
        }
      for (int w = 0; w < OPORA_N_VPR_WORKS; w++)
        {
          json_builder_set_member_name (b, vpr_keys[w]);
          json_builder_begin_object (b);
          opora_json_add_double (b, "delta2", r->vpr[w].delta2);
          opora_json_add_double (b, "delta45", r->vpr[w].delta45);
          json_builder_end_object (b);
        }
      json_builder_end_object (b);
    }
  json_builder_end_array (b);
  return json_builder_get_root (b);
}

static CliStatus
run_monitoring (CliGlobals *globals,
                int         argc,
                char      **argv)
{
  static gboolean all;
  GOptionEntry entries[] = {
    { "year", 'y', 0, G_OPTION_ARG_INT, &opt_year, N_("The year t; dynamics are against t − 1 (required)"), N_("YEAR") },
    { "all", 'a', 0, G_OPTION_ARG_NONE, &all, N_("Every school, not only the summary table"), NULL },
    { NULL }
  };
  g_autoptr(OporaDb) db = NULL;
  g_autoptr(GArray) rows = NULL;
  g_autoptr(GArray) summary = NULL;
  g_autoptr(GHashTable) schools = NULL;
  GError *error = NULL;
  CliStatus status;
  GArray *shown;

  if ((status = cli_parse_options (globals, "monitoring", NULL, entries, &argc, &argv)))
    return status;
  if (argc > 1 || opt_year == 0)
    {
      g_printerr (_("opora-cli monitoring: name the year, e.g. “opora-cli monitoring --year 2026”.\n"));
      return CLI_USAGE;
    }
  if (!(db = cli_open_db (globals, OPORA_DB_MUST_EXIST | OPORA_DB_READ_ONLY)))
    return CLI_INPUT;
  if (!(rows = opora_monitoring_compute (db, opt_year, &error)) || !(schools = opora_school_table (db, &error)))
    return cli_fail (error);
  summary = opora_monitoring_summary (rows);
  shown = all ? rows : summary;
  if (globals->json)
    {
      g_autoptr(JsonNode) node = monitoring_json (shown, schools);
      cli_print_json (node);
      return CLI_OK;
    }
  g_print (_("Monitoring %d against %d: %u of %u schools with negative dynamics.\n"),
           opt_year, opt_year - 1, summary->len, rows->len);
  g_print ("%s\n", _("code\tschool\tЕГЭ Russian d\tЕГЭ profile maths d\tВПР: works with negative dynamics\tnote"));
  for (guint i = 0; i < shown->len; i++)
    {
      OporaMonitoringRow *r = &g_array_index (shown, OporaMonitoringRow, i);
      g_autoptr(GString) works = g_string_new (NULL);
      g_autofree char *rus = isnan (r->ege[0].dynamics) ? g_strdup ("—") : g_strdup_printf ("%+.3f", r->ege[0].dynamics);
      g_autofree char *math = isnan (r->ege[1].dynamics) ? g_strdup ("—") : g_strdup_printf ("%+.3f", r->ege[1].dynamics);

      for (int w = 0; w < OPORA_N_VPR_WORKS; w++)
        if (r->vpr[w].sign == -1)
          g_string_append_printf (works, "%s%s", works->len ? "; " : "", opora_vpr_work_label (w));
      g_autoptr(GString) note = g_string_new (r->nonobjective ? _("ВПР left out (non-objective)") : "");

      if (r->small)
        g_string_append_printf (note, "%s%s", note->len ? "; " : "", _("too few participants for some figures"));
      g_print ("%s\t%s\t%s\t%s\t%s\t%s\n", code_of (schools, r->school_id), name_of (schools, r->school_id),
               rus, math, works->str, note->str);
    }
  return CLI_OK;
}

static CliStatus
run_cluster (CliGlobals *globals,
             int         argc,
             char      **argv)
{
  static char *name;
  static gboolean pin;
  const GOptionEntry entries[] = {
    { "name", 0, 0, G_OPTION_ARG_STRING, &name, N_("The cluster's name, e.g. “сельские малокомплектные”"), N_("NAME") },
    { "pin", 0, 0, G_OPTION_ARG_NONE, &pin, N_("Keep the name in later runs even when the cluster changes"), NULL },
    { NULL }
  };
  g_autoptr(OporaDb) db = NULL;
  GError *error = NULL;
  CliStatus status;
  gint64 run_id;
  gint64 cluster;

  if ((status = cli_parse_options (globals, "cluster", "RUN CLUSTER", (GOptionEntry *) entries, &argc, &argv)))
    return status;
  if (argc != 3 || (run_id = g_ascii_strtoll (argv[1], NULL, 10)) <= 0 ||
      (cluster = g_ascii_strtoll (argv[2], NULL, 10)) <= 0 || name == NULL)
    {
      g_printerr (_("opora-cli cluster: say which analysis, cluster and name, e.g. “opora-cli cluster 3 2 --name …”.\n"));
      return CLI_USAGE;
    }
  if (!(db = cli_open_db (globals, OPORA_DB_MUST_EXIST)))
    return CLI_INPUT;
  if (!opora_analysis_name_cluster (db, run_id, (int) cluster, name, pin, &error))
    return cli_fail (error);
  g_print (_("Cluster %d of analysis %lld is now “%s”.\n"), (int) cluster, (long long) run_id, name);
  return CLI_OK;
}

static CliStatus
run_rules (CliGlobals *globals,
           int         argc,
           char      **argv)
{
  g_autoptr(OporaDb) db = NULL;
  g_autoptr(GPtrArray) rules = NULL;
  g_autoptr(JsonBuilder) b = json_builder_new ();
  GError *error = NULL;
  CliStatus status;

  if ((status = cli_parse_options (globals, "rules", NULL, NULL, &argc, &argv)))
    return status;
  if (!(db = cli_open_db (globals, OPORA_DB_MUST_EXIST | OPORA_DB_READ_ONLY)))
    return CLI_INPUT;
  if (!(rules = opora_rule_list (db, &error)))
    return cli_fail (error);
  json_builder_begin_array (b);
  for (guint i = 0; i < rules->len; i++)
    {
      OporaRule *r = rules->pdata[i];

      if (!globals->json)
        {
          g_print ("%s\t%s\t", r->name, r->enabled ? _("on") : _("off"));
          g_print (_("version %d"), r->version);
          g_print ("\t%s\n\t%s\n", r->title, r->definition);
          continue;
        }
      json_builder_begin_object (b);
      opora_json_add_string (b, "name", r->name);
      opora_json_add_string (b, "title", r->title);
      opora_json_add_int (b, "version", r->version);
      opora_json_add_boolean (b, "enabled", r->enabled);
      opora_json_add_boolean (b, "builtin", r->builtin);
      json_builder_set_member_name (b, "definition");
      json_builder_add_value (b, json_from_string (r->definition, NULL));
      json_builder_end_object (b);
    }
  json_builder_end_array (b);
  if (globals->json)
    {
      g_autoptr(JsonNode) node = json_builder_get_root (b);
      cli_print_json (node);
    }
  return CLI_OK;
}

static CliStatus
run_rule (CliGlobals *globals,
          int         argc,
          char      **argv)
{
  static char *title, *definition;
  static gboolean enable, disable;
  const GOptionEntry entries[] = {
    { "title", 0, 0, G_OPTION_ARG_STRING, &title, N_("The rule’s title"), N_("TEXT") },
    { "definition", 0, 0, G_OPTION_ARG_STRING, &definition, N_("The rule’s definition in JSON (see “opora-cli rules”)"), N_("JSON") },
    { "enable", 0, 0, G_OPTION_ARG_NONE, &enable, N_("Use the rule"), NULL },
    { "disable", 0, 0, G_OPTION_ARG_NONE, &disable, N_("Keep the rule but do not use it"), NULL },
    { NULL }
  };
  g_autoptr(OporaDb) db = NULL;
  GError *error = NULL;
  CliStatus status;

  if ((status = cli_parse_options (globals, "rule", "NAME", (GOptionEntry *) entries, &argc, &argv)))
    return status;
  if (argc != 2 || (enable && disable) || !(title || definition || enable || disable))
    {
      g_printerr (_("opora-cli rule: name a rule and what to change, e.g. “opora-cli rule federal-risk --definition '{…}'”.\n"));
      return CLI_USAGE;
    }
  if (!(db = cli_open_db (globals, OPORA_DB_MUST_EXIST)))
    return CLI_INPUT;
  if (!opora_rule_save (db, argv[1], title, definition, enable ? 1 : disable ? 0 : -1, &error))
    return cli_fail (error);
  g_print (_("Rule “%s” saved.\n"), argv[1]);
  return CLI_OK;
}

static CliStatus
run_flags (CliGlobals *globals,
           int         argc,
           char      **argv)
{
  static char *rule;
  GOptionEntry entries[] = {
    { "year", 'y', 0, G_OPTION_ARG_INT, &opt_year, N_("The year to flag (required)"), N_("YEAR") },
    { "rule", 'r', 0, G_OPTION_ARG_STRING, &rule, N_("Only this rule (default: every rule that is on)"), N_("NAME") },
    { NULL }
  };
  g_autoptr(OporaDb) db = NULL;
  g_autoptr(GPtrArray) flags = NULL;
  g_autoptr(GHashTable) schools = NULL;
  g_autoptr(JsonBuilder) b = json_builder_new ();
  GError *error = NULL;
  CliStatus status;
  gint64 last = 0;
  guint n_schools = 0;

  if ((status = cli_parse_options (globals, "flags", NULL, entries, &argc, &argv)))
    return status;
  if (argc > 1 || opt_year == 0)
    {
      g_printerr (_("opora-cli flags: name the year, e.g. “opora-cli flags --year 2026”.\n"));
      return CLI_USAGE;
    }
  if (!(db = cli_open_db (globals, OPORA_DB_MUST_EXIST | OPORA_DB_READ_ONLY)))
    return CLI_INPUT;
  if (!(flags = opora_rule_evaluate (db, opt_year, rule, &error)) || !(schools = opora_school_table (db, &error)))
    return cli_fail (error);
  json_builder_begin_array (b);
  for (guint i = 0; i < flags->len; i++)
    {
      OporaFlag *f = flags->pdata[i];

      n_schools += f->school_id != last;
      if (!globals->json)
        {
          if (f->school_id != last)
            g_print ("%s\t%s\n", code_of (schools, f->school_id), name_of (schools, f->school_id));
          g_print ("\t%s (v%d): %s\n", f->rule, f->version, f->evidence);
        }
      else
        {
          json_builder_begin_object (b);
          opora_json_add_string (b, "code", code_of (schools, f->school_id));
          opora_json_add_string (b, "name", name_of (schools, f->school_id));
          opora_json_add_string (b, "rule", f->rule);
          opora_json_add_int (b, "version", f->version);
          opora_json_add_string (b, "evidence", f->evidence);
          json_builder_end_object (b);
        }
      last = f->school_id;
    }
  json_builder_end_array (b);
  if (globals->json)
    {
      g_autoptr(JsonNode) node = json_builder_get_root (b);
      cli_print_json (node);
    }
  else
    g_print (g_dngettext (GETTEXT_PACKAGE, "%u school flagged in %d.\n", "%u schools flagged in %d.\n", n_schools),
             n_schools, opt_year);
  return CLI_OK;
}

static CliStatus
run_compare (CliGlobals *globals,
             int         argc,
             char      **argv)
{
  GOptionEntry entries[] = {
    { "year", 'y', 0, G_OPTION_ARG_INT, &opt_year, N_("The year (required)"), N_("YEAR") },
    { NULL }
  };
  g_autoptr(OporaDb) db = NULL;
  g_autoptr(OporaModelComparison) c = NULL;
  g_autoptr(GHashTable) schools = NULL;
  GError *error = NULL;
  CliStatus status;

  if ((status = cli_parse_options (globals, "compare", NULL, entries, &argc, &argv)))
    return status;
  if (argc > 1 || opt_year == 0)
    {
      g_printerr (_("opora-cli compare: name the year, e.g. “opora-cli compare --year 2026”.\n"));
      return CLI_USAGE;
    }
  if (!(db = cli_open_db (globals, OPORA_DB_MUST_EXIST | OPORA_DB_READ_ONLY)))
    return CLI_INPUT;
  if (!(c = opora_models_compare (db, opt_year, &error)) || !(schools = opora_school_table (db, &error)))
    return cli_fail (error);

  if (globals->json)
    {
      g_autoptr(JsonBuilder) b = json_builder_new ();
      g_autoptr(JsonNode) node = NULL;

      json_builder_begin_object (b);
      json_builder_set_member_name (b, "models");
      json_builder_begin_array (b);
      for (guint m = 0; m < OPORA_N_MODELS; m++)
        {
          json_builder_begin_object (b);
          opora_json_add_string (b, "model", opora_model_to_string (m));
          opora_json_add_int (b, "run", c->analyses[m]->id);
          opora_json_add_int (b, "flagged", c->flagged[m]);
          for (guint o = 0; o < OPORA_N_MODELS; o++)
            if (o != m)
              {
                g_autofree char *key = g_strdup_printf ("both_%s", opora_model_to_string (o));
                opora_json_add_int (b, key, c->both[m][o]);
              }
          json_builder_end_object (b);
        }
      json_builder_end_array (b);
      json_builder_set_member_name (b, "schools");
      json_builder_begin_array (b);
      for (guint i = 0; i < c->schools->len; i++)
        {
          OporaModelFlags *f = &g_array_index (c->schools, OporaModelFlags, i);
          json_builder_begin_object (b);
          opora_json_add_string (b, "code", code_of (schools, f->school_id));
          for (guint m = 0; m < OPORA_N_MODELS; m++)
            opora_json_add_boolean (b, opora_model_to_string (m), f->models & (1u << m));
          json_builder_end_object (b);
        }
      json_builder_end_array (b);
      json_builder_end_object (b);
      node = json_builder_get_root (b);
      cli_print_json (node);
      return CLI_OK;
    }
  g_print (_("Problem schools of %d by model, and how far the models agree:\n"), opt_year);
  for (guint m = 0; m < OPORA_N_MODELS; m++)
    {
      g_autofree char *source = c->analyses[m]->id > 0 ? g_strdup_printf (_("analysis %lld"), (long long) c->analyses[m]->id)
                                                       : g_strdup (_("default settings, not stored"));
      g_print ("  %-36s %3u  (%s)\n", opora_model_label (m), c->flagged[m], source);
    }
  for (guint a = 0; a < OPORA_N_MODELS; a++)
    for (guint b = a + 1; b < OPORA_N_MODELS; b++)
      g_print (_("  %s and %s: %u in common (Jaccard %.2f)\n"), opora_model_label (a), opora_model_label (b),
               c->both[a][b], opora_model_comparison_jaccard (c, a, b));
  g_print ("\n%s\n", _("code\tschool\tquadrants\tk-means\tregression"));
  for (guint i = 0; i < c->schools->len; i++)
    {
      OporaModelFlags *f = &g_array_index (c->schools, OporaModelFlags, i);
      g_print ("%s\t%s", code_of (schools, f->school_id), name_of (schools, f->school_id));
      for (guint m = 0; m < OPORA_N_MODELS; m++)
        g_print ("\t%s", f->models & (1u << m) ? _("problem") : "—");
      g_print ("\n");
    }
  return CLI_OK;
}

const CliCommand cli_analysis_commands[] = {
  { "analyze",     N_("Place the schools of a year in clusters and propose base schools"), run_analyze },
  { "runs",        N_("List the stored analyses"),                                        run_runs },
  { "run",         N_("Show a stored analysis"),                                          run_run },
  { "pair",        N_("Accept, reject or change a proposed pair"),                       run_pair },
  { "cluster",     N_("Name a cluster of a stored analysis"),                             run_cluster },
  { "transitions", N_("Moves between clusters from one year to another"),                run_transitions },
  { "monitoring",  N_("Monitoring indicators 1 and 2 and their summary table"),          run_monitoring },
  { "compare",     N_("Which problem schools each model finds, and where they disagree"), run_compare },
  { "rules",       N_("List the rules that flag schools"),                                run_rules },
  { "rule",        N_("Add, change, switch on or off a rule"),                            run_rule },
  { "flags",       N_("The schools the rules flag in a year, with the figures"),          run_flags },
  { NULL }
};

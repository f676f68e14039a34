/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Rules that flag schools, kept as data in the workspace, and the flags they raise. */

#include <glib/gi18n-lib.h>
#include <json-glib/json-glib.h>
#include <math.h>
#include <string.h>

#include "opora-analysis-store.h"
#include "opora-db.h"
#include "opora-error.h"
#include "opora-indicator.h"
#include "opora-interval.h"
#include "opora-monitoring.h"
#include "opora-regression.h"
#include "opora-rule.h"
#include "opora-year-matrix.h"

typedef enum { OP_GE, OP_GT, OP_LE, OP_LT } Op;
static const char *op_names[] = { ">=", ">", "<=", "<" };
static const char *kind_names[] = { "threshold", "monitoring", "cluster", "residual" };

typedef struct {
  OporaRuleKind kind;
  GStrv         indicators;
  Op            op;
  double        value;
  guint         min_procedures;
  guint         same_years;
  gboolean      need_both;
  guint         min_participants;
  gboolean      include_small;
  gboolean      indicator1, indicator2;
  OporaModel    model;
  double        share;
  double        z;
} Definition;

static void
definition_clear (Definition *d)
{
  g_clear_pointer (&d->indicators, g_strfreev);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Definition, definition_clear)

void
opora_rule_free (OporaRule *rule)
{
  if (rule == NULL)
    return;
  g_free (rule->name);
  g_free (rule->title);
  g_free (rule->definition);
  g_free (rule);
}

void
opora_flag_free (OporaFlag *flag)
{
  if (flag == NULL)
    return;
  g_free (flag->rule);
  g_free (flag->evidence);
  g_free (flag);
}

static gboolean
bad_definition (GError     **error,
                const char  *what)
{
  g_set_error (error, OPORA_ERROR, OPORA_ERROR_INVALID, _("The rule’s definition is not valid: %s."), what);
  return FALSE;
}

static gboolean
parse_definition (const char  *json,
                  Definition  *d,
                  GError     **error)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  const char *kind, *op;
  JsonObject *o;
  guint i;

  if (json == NULL || !json_parser_load_from_data (parser, json, -1, NULL) ||
      !JSON_NODE_HOLDS_OBJECT (json_parser_get_root (parser)))
    return bad_definition (error, _("it is not a JSON object"));
  o = json_node_get_object (json_parser_get_root (parser));
  kind = json_object_get_string_member_with_default (o, "kind", "");
  for (i = 0; i < G_N_ELEMENTS (kind_names) && !g_str_equal (kind, kind_names[i]); i++)
    ;
  if (i == G_N_ELEMENTS (kind_names))
    return bad_definition (error, _("“kind” is threshold, monitoring, cluster or residual"));
  d->kind = i;
  d->min_participants = json_object_get_int_member_with_default (o, "min_participants", OPORA_DEFAULT_MIN_PARTICIPANTS);
  d->include_small = json_object_get_boolean_member_with_default (o, "include_small", FALSE);

  switch (d->kind)
    {
    case OPORA_RULE_THRESHOLD:
      {
        JsonArray *keys = json_object_has_member (o, "indicators") ? json_object_get_array_member (o, "indicators") : NULL;
        guint n = keys != NULL ? json_array_get_length (keys) : 0;

        if (n == 0)
          return bad_definition (error, _("a threshold rule needs “indicators”"));
        d->indicators = g_new0 (char *, n + 1);
        for (guint k = 0; k < n; k++)
          d->indicators[k] = g_strdup (json_array_get_string_element (keys, k));
        op = json_object_get_string_member_with_default (o, "op", ">=");
        for (i = 0; i < G_N_ELEMENTS (op_names) && !g_str_equal (op, op_names[i]); i++)
          ;
        if (i == G_N_ELEMENTS (op_names))
          return bad_definition (error, _("“op” is >=, >, <= or <"));
        d->op = i;
        if (!json_object_has_member (o, "value"))
          return bad_definition (error, _("a threshold rule needs a “value”"));
        d->value = json_object_get_double_member (o, "value");
        d->min_procedures = json_object_get_int_member_with_default (o, "min_procedures", 1);
        d->same_years = json_object_get_int_member_with_default (o, "same_years", 0);
        d->need_both = json_object_get_boolean_member_with_default (o, "need_both", FALSE);
        if (d->same_years > 5)
          return bad_definition (error, _("“same_years” is at most 5"));
        break;
      }
    case OPORA_RULE_MONITORING:
      d->indicator1 = json_object_get_boolean_member_with_default (o, "indicator1", TRUE);
      d->indicator2 = json_object_get_boolean_member_with_default (o, "indicator2", TRUE);
      break;
    case OPORA_RULE_CLUSTER:
      if (!opora_model_from_string (json_object_get_string_member_with_default (o, "model", "kmeans"), &d->model) ||
          d->model == OPORA_MODEL_REGRESSION)
        return bad_definition (error, _("“model” is kmeans or quadrant"));
      d->share = json_object_get_double_member_with_default (o, "share", 0.25);
      if (!(d->share > 0 && d->share < 1))
        return bad_definition (error, _("“share” is between 0 and 1"));
      break;
    case OPORA_RULE_RESIDUAL:
      d->z = json_object_get_double_member_with_default (o, "z", OPORA_Z_95);
      if (!(d->z >= 0))
        return bad_definition (error, _("“z” is 0 or more"));
      break;
    }
  return TRUE;
}

/**
 * opora_rule_check:
 * @definition: a rule's JSON definition
 *
 * Returns: %FALSE with @error set (saying what is wrong) when the
 *   definition cannot be used
 */
gboolean
opora_rule_check (const char  *definition,
                  GError     **error)
{
  g_auto(Definition) d = { 0 };
  return parse_definition (definition, &d, error);
}

/**
 * opora_rule_list:
 * @db: a workspace
 *
 * Returns: (transfer full) (element-type OporaRule) (nullable): the rules
 *   in their order, or %NULL with @error set
 */
GPtrArray *
opora_rule_list (OporaDb  *db,
                 GError  **error)
{
  g_autoptr(sqlite3_stmt) stmt = opora_db_prepare (db,
    "SELECT id, name, title, definition, version, builtin, enabled FROM rule ORDER BY position, id", error);
  g_autoptr(GPtrArray) rules = g_ptr_array_new_with_free_func ((GDestroyNotify) opora_rule_free);
  int rc;

  if (stmt == NULL)
    return NULL;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      OporaRule *r = g_new0 (OporaRule, 1);

      r->id = sqlite3_column_int64 (stmt, 0);
      r->name = g_strdup ((const char *) sqlite3_column_text (stmt, 1));
      r->title = g_strdup ((const char *) sqlite3_column_text (stmt, 2));
      r->definition = g_strdup ((const char *) sqlite3_column_text (stmt, 3));
      r->version = sqlite3_column_int (stmt, 4);
      r->builtin = sqlite3_column_int (stmt, 5);
      r->enabled = sqlite3_column_int (stmt, 6);
      g_ptr_array_add (rules, r);
    }
  if (rc != SQLITE_DONE)
    {
      opora_error_set_from_sqlite (error, opora_db_get_handle (db), _("Reading the rules"));
      return NULL;
    }
  return g_steal_pointer (&rules);
}

/**
 * opora_rule_save:
 * @db: a workspace
 * @name: the rule's name; a new rule when no rule has it
 * @title: (nullable): its title; %NULL keeps the old one (a new rule takes @name)
 * @definition: (nullable): its JSON definition; %NULL keeps the old one
 * @enabled: 1 or 0, or −1 to keep it (a new rule is enabled)
 *
 * Adds or edits a rule. An edit that changes the title or the definition
 * raises the rule's version, so flags name the version they came from.
 *
 * Returns: %FALSE with @error set when the definition is not valid
 */
gboolean
opora_rule_save (OporaDb     *db,
                 const char  *name,
                 const char  *title,
                 const char  *definition,
                 int          enabled,
                 GError     **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autofree char *trimmed = name != NULL ? g_strstrip (g_strdup (name)) : NULL;

  if (trimmed == NULL || *trimmed == '\0')
    {
      g_set_error_literal (error, OPORA_ERROR, OPORA_ERROR_INVALID, _("A rule needs a name."));
      return FALSE;
    }
  if (definition != NULL && !opora_rule_check (definition, error))
    return FALSE;
  if (definition != NULL)
    stmt = opora_db_prepare (db,
      "INSERT INTO rule (name, title, definition, enabled, position)"
      " SELECT ?1, coalesce (?2, ?1), ?3, coalesce (?4, 1), coalesce (max (position), 0) + 1 FROM rule WHERE true"
      " ON CONFLICT (name) DO UPDATE SET"
      "  version = version + (coalesce (?2, title) IS NOT title OR ?3 IS NOT definition),"
      "  title = coalesce (?2, title), definition = ?3, enabled = coalesce (?4, enabled)", error);
  else
    stmt = opora_db_prepare (db,
      "UPDATE rule SET version = version + (coalesce (?2, title) IS NOT title),"
      " title = coalesce (?2, title), enabled = coalesce (?4, enabled) WHERE name = ?1 AND ?3 IS NULL", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, name, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, title, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 3, definition, -1, SQLITE_STATIC);
  if (enabled >= 0)
    sqlite3_bind_int (stmt, 4, enabled ? 1 : 0);
  if (!opora_db_step_done (db, stmt, error))
    return FALSE;
  if (sqlite3_changes (opora_db_get_handle (db)) == 0)
    {
      g_set_error (error, OPORA_ERROR, OPORA_ERROR_NOT_FOUND,
                   _("There is no rule “%s”; give a definition to add it."), name);
      return FALSE;
    }
  return TRUE;
}

static gboolean
meets (Op     op,
       double x,
       double value)
{
  switch (op)
    {
    case OP_GE: return x >= value;
    case OP_GT: return x > value;
    case OP_LE: return x <= value;
    case OP_LT: return x < value;
    default: g_return_val_if_reached (FALSE);
    }
}

static void
add_flag (GPtrArray       *flags,
          gint64           school_id,
          const OporaRule *rule,
          char            *evidence)
{
  OporaFlag *flag = g_new0 (OporaFlag, 1);

  flag->school_id = school_id;
  flag->rule = g_strdup (rule->name);
  flag->version = rule->version;
  flag->evidence = evidence;
  g_ptr_array_add (flags, flag);
}

/* The catalogue indicators whose keys match the rule's patterns, in catalogue order. */
static GPtrArray *
expand_indicators (GPtrArray  *catalogue,
                   GStrv       patterns)
{
  GPtrArray *chosen = g_ptr_array_new ();

  for (guint i = 0; i < catalogue->len; i++)
    {
      OporaIndicator *ind = catalogue->pdata[i];
      for (guint p = 0; patterns[p] != NULL; p++)
        if (g_pattern_match_simple (patterns[p], ind->key))
          {
            g_ptr_array_add (chosen, ind);
            break;
          }
    }
  return chosen;
}

/* A threshold rule: in year Y at least min_procedures indicators meet the
 * condition, and/or one indicator meets it in same_years years running.
 * Figures on too few participants do not count unless included. */
static gboolean
evaluate_threshold (OporaDb          *db,
                    int               year,
                    const OporaRule  *rule,
                    const Definition *d,
                    GPtrArray        *flags,
                    GError          **error)
{
  g_autoptr(GPtrArray) catalogue = opora_indicator_list (db, error);
  g_autoptr(GPtrArray) chosen = NULL;
  g_autoptr(GPtrArray) keys = g_ptr_array_new ();
  g_autoptr(GPtrArray) matrices = g_ptr_array_new_with_free_func ((GDestroyNotify) opora_year_matrix_free);
  g_autofree int *participants = NULL;
  guint n_years = MAX (d->same_years, 1), n_ind;

  if (catalogue == NULL)
    return FALSE;
  chosen = expand_indicators (catalogue, d->indicators);
  n_ind = chosen->len;
  if (n_ind == 0)
    {
      g_set_error (error, OPORA_ERROR, OPORA_ERROR_INVALID,
                   _("The rule “%s” names no indicator of this workspace."), rule->title);
      return FALSE;
    }
  participants = g_new (int, n_ind);
  for (guint i = 0; i < n_ind; i++)
    g_ptr_array_add (keys, ((OporaIndicator *) chosen->pdata[i])->key);
  for (guint i = 0; i < n_ind; i++)
    {
      OporaIndicator *ind = chosen->pdata[i];
      participants[i] = -1;
      if (ind->participants_key != NULL && opora_indicator_lookup (catalogue, ind->participants_key))
        {
          participants[i] = keys->len;
          g_ptr_array_add (keys, ind->participants_key);
        }
    }
  g_ptr_array_add (keys, NULL);
  for (guint y = 0; y < n_years; y++)
    {
      OporaYearMatrix *m = opora_year_matrix_load (db, year - (int) y, (const char * const *) keys->pdata, error);
      if (m == NULL)
        return FALSE;
      g_ptr_array_add (matrices, m);
    }

  for (guint row = 0; row < ((OporaYearMatrix *) matrices->pdata[0])->n_schools; row++)
    {
      g_autoptr(GString) evidence = g_string_new (NULL);
      guint met_now = 0;
      gboolean running = FALSE;

      for (guint i = 0; i < n_ind; i++)
        {
          guint years_met = 0;

          for (guint y = 0; y < n_years; y++)
            {
              OporaYearMatrix *m = matrices->pdata[y];
              double x = opora_year_matrix_get (m, row, i);
              double n = participants[i] >= 0 ? opora_year_matrix_get (m, row, participants[i]) : NAN;

              if (isnan (x) || !meets (d->op, x, d->value) ||
                  (!d->include_small && opora_is_small_number (n, d->min_participants)))
                break;
              years_met++;
              if (y == 0)
                {
                  g_autofree char *value = opora_indicator_format_value (chosen->pdata[i], x);
                  met_now++;
                  g_string_append_printf (evidence, "%s%s %s", evidence->len ? "; " : "",
                                          opora_indicator_get_name (chosen->pdata[i]), value);
                }
            }
          if (d->same_years > 0 && years_met >= d->same_years)
            {
              running = TRUE;
              g_string_append_printf (evidence, g_dngettext (GETTEXT_PACKAGE, " (%u year running)",
                                                             " (%u years running)", d->same_years),
                                      d->same_years);
            }
        }
      if (d->same_years == 0 ? met_now >= d->min_procedures
          : d->need_both ? met_now >= d->min_procedures && running
                         : met_now >= d->min_procedures || running)
        add_flag (flags, ((OporaYearMatrix *) matrices->pdata[0])->school_ids[row], rule,
                  g_string_free (g_steal_pointer (&evidence), FALSE));
    }
  return TRUE;
}

/* Negative numbers as people print them: "−0,059", not "-0,059". */
static void
typographic_minus (GString *text)
{
  for (gsize i = 0; i + 1 < text->len; i++)
    if (text->str[i] == '-' && g_ascii_isdigit (text->str[i + 1]))
      {
        g_string_erase (text, i, 1);
        g_string_insert (text, i, "\u2212");
        i += strlen ("\u2212") - 1;
      }
}

static gboolean
evaluate_monitoring (OporaDb          *db,
                     int               year,
                     const OporaRule  *rule,
                     const Definition *d,
                     GPtrArray        *flags,
                     GError          **error)
{
  const OporaMonitoringOptions options = { d->min_participants, d->include_small };
  g_autoptr(GArray) rows = opora_monitoring_compute_with (db, year, &options, error);

  if (rows == NULL)
    return FALSE;
  for (guint i = 0; i < rows->len; i++)
    {
      OporaMonitoringRow *r = &g_array_index (rows, OporaMonitoringRow, i);
      GString *evidence;

      if (!((d->indicator1 && r->negative1) || (d->indicator2 && r->negative2)))
        continue;
      evidence = g_string_new (NULL);
      for (int s = 0; d->indicator1 && s < OPORA_N_EGE_SUBJECTS; s++)
        if (r->ege[s].sign == -1 && (!r->ege[s].small || d->include_small))
          g_string_append_printf (evidence, _("%sindicator 1, %s: d = %.3f"), evidence->len ? "; " : "",
                                  opora_ege_subject_label (s), r->ege[s].dynamics);
      for (int w = 0; d->indicator2 && w < OPORA_N_VPR_WORKS; w++)
        if (r->vpr[w].sign == -1 && (!r->vpr[w].small || d->include_small))
          g_string_append_printf (evidence, _("%sindicator 2, %s: «2» %+.1f p.p., «4»+«5» %+.1f p.p."),
                                  evidence->len ? "; " : "", opora_vpr_work_label (w),
                                  r->vpr[w].delta2, r->vpr[w].delta45);
      typographic_minus (evidence);
      add_flag (flags, r->school_id, rule, g_string_free (evidence, FALSE));
    }
  return TRUE;
}

static char *
analysis_name (const OporaAnalysis *a)
{
  return a->id > 0 ? g_strdup_printf (_("analysis %lld"), (long long) a->id)
                   : g_strdup (_("an analysis with the default settings, not stored"));
}

static gboolean
evaluate_cluster (OporaDb          *db,
                  int               year,
                  const OporaRule  *rule,
                  const Definition *d,
                  GPtrArray        *flags,
                  GError          **error)
{
  g_autoptr(OporaAnalysis) a = opora_analysis_for_year (db, year, d->model, error);
  g_autofree char *source = NULL;

  if (a == NULL)
    return FALSE;
  source = analysis_name (a);
  for (guint i = 0; i < a->members->len; i++)
    {
      OporaMember *m = &g_array_index (a->members, OporaMember, i);
      guint bottom = m->cluster_size >= 2 ? (guint) ceil (d->share * m->cluster_size - 1e-9) : 0;

      if (m->rank > 0 && m->rank > m->cluster_size - bottom)
        add_flag (flags, m->school_id, rule,
                  g_strdup_printf (_("cluster %d, place %u of %u (%s)"), m->cluster, m->rank, m->cluster_size, source));
    }
  return TRUE;
}

static gboolean
evaluate_residual (OporaDb          *db,
                   int               year,
                   const OporaRule  *rule,
                   const Definition *d,
                   GPtrArray        *flags,
                   GError          **error)
{
  g_autoptr(OporaAnalysis) a = opora_analysis_for_year (db, year, OPORA_MODEL_REGRESSION, error);
  g_autofree char *source = NULL;

  if (a == NULL)
    return FALSE;
  source = analysis_name (a);
  for (guint i = 0; i < a->members->len; i++)
    {
      OporaMember *m = &g_array_index (a->members, OporaMember, i);

      if (opora_regression_verdict_for (m->residual, m->residual_se, d->z) < 0)
        add_flag (flags, m->school_id, rule,
                  g_strdup_printf (_("results index %.2f below what the context predicts (standard error %.2f; %s)"),
                                   -m->residual, m->residual_se, source));
    }
  return TRUE;
}

static int
compare_flags (gconstpointer a,
               gconstpointer b)
{
  const OporaFlag *x = *(OporaFlag * const *) a, *y = *(OporaFlag * const *) b;
  return (x->school_id > y->school_id) - (x->school_id < y->school_id);
}

/**
 * opora_rule_evaluate:
 * @db: a workspace
 * @year: the year to flag
 * @rule_name: (nullable): one rule, or %NULL for every enabled rule
 *
 * Applies the rules to the year's figures. Cluster and residual rules use
 * the newest stored analysis of the year (of that model), or one with the
 * default settings when none is stored; the evidence says which.
 *
 * Returns: (transfer full) (element-type OporaFlag) (nullable): the flags by
 *   school, in rule order within a school, or %NULL with @error set
 */
GPtrArray *
opora_rule_evaluate (OporaDb     *db,
                     int          year,
                     const char  *rule_name,
                     GError     **error)
{
  g_autoptr(GPtrArray) rules = opora_rule_list (db, error);
  g_autoptr(GPtrArray) flags = g_ptr_array_new_with_free_func ((GDestroyNotify) opora_flag_free);
  gboolean found = FALSE;

  if (rules == NULL)
    return NULL;
  for (guint i = 0; i < rules->len; i++)
    {
      OporaRule *rule = rules->pdata[i];
      g_auto(Definition) d = { 0 };
      gboolean ok;

      if (rule_name != NULL ? !g_str_equal (rule->name, rule_name) : !rule->enabled)
        continue;
      found = TRUE;
      if (!parse_definition (rule->definition, &d, error))
        return NULL;
      switch (d.kind)
        {
        case OPORA_RULE_THRESHOLD: ok = evaluate_threshold (db, year, rule, &d, flags, error); break;
        case OPORA_RULE_MONITORING: ok = evaluate_monitoring (db, year, rule, &d, flags, error); break;
        case OPORA_RULE_CLUSTER: ok = evaluate_cluster (db, year, rule, &d, flags, error); break;
        case OPORA_RULE_RESIDUAL: ok = evaluate_residual (db, year, rule, &d, flags, error); break;
        default: g_return_val_if_reached (NULL);
        }
      if (!ok)
        return NULL;
    }
  if (rule_name != NULL && !found)
    {
      g_set_error (error, OPORA_ERROR, OPORA_ERROR_NOT_FOUND, _("There is no rule “%s”."), rule_name);
      return NULL;
    }
  /* Stable: each school's flags stay in rule order. */
  g_ptr_array_sort (flags, compare_flags);
  return g_steal_pointer (&flags);
}

/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The Clusters section's tables (schools, profiles, the choice of k) and the decisions on pairs. */

#include <glib/gi18n.h>
#include <math.h>

#include "opora-clusters-page-private.h"
#include "opora-indicator.h"
#include "opora-list-incremental.h"

/* The entries of the filter drop-down before one per cluster. */
enum {
  FILTER_ALL,
  FILTER_PROBLEM,
  FILTER_BASE,
  FILTER_LEFT_OUT,
  FILTER_FIRST_CLUSTER
};

enum {
  SWEEP_K,
  SWEEP_SILHOUETTE,
  SWEEP_INERTIA,
  SWEEP_CHOSEN,
  N_SWEEP_CELLS
};

static const OporaCellKind member_kinds[N_MEMBER_CELLS] = {
  [MEMBER_CODE] = OPORA_CELL_TEXT,
  [MEMBER_NAME] = OPORA_CELL_TEXT,
  [MEMBER_CLUSTER] = OPORA_CELL_TEXT,
  [MEMBER_RANK] = OPORA_CELL_NUMBER,
  [MEMBER_CONTEXT] = OPORA_CELL_NUMBER,
  [MEMBER_RESULTS] = OPORA_CELL_NUMBER,
  [MEMBER_CONTEXT_PERCENTILE] = OPORA_CELL_NUMBER,
  [MEMBER_RESULTS_PERCENTILE] = OPORA_CELL_NUMBER,
  [MEMBER_FLAGS] = OPORA_CELL_TEXT,
  [MEMBER_BASE] = OPORA_CELL_TEXT,
  [MEMBER_PAIR] = OPORA_CELL_TEXT,
};

static const OporaCellKind sweep_kinds[N_SWEEP_CELLS] = {
  OPORA_CELL_NUMBER, OPORA_CELL_NUMBER, OPORA_CELL_NUMBER, OPORA_CELL_TEXT,
};

static gboolean
is_quadrants (OporaClustersPage *self)
{
  return self->analysis != NULL && self->analysis->params->model == OPORA_MODEL_QUADRANT;
}

/* ---- The school table ---- */

static gboolean
filter_member (gpointer item,
               gpointer user_data)
{
  OporaClustersPage *self = user_data;
  OporaTableRow *row = item;
  guint choice = gtk_drop_down_get_selected (self->filter_dropdown);
  guint flags = opora_table_row_get_flags (row);

  if (!opora_table_row_matches (row, self->search_folded))
    return FALSE;
  switch (choice)
    {
    case GTK_INVALID_LIST_POSITION:
    case FILTER_ALL: return TRUE;
    case FILTER_PROBLEM: return (flags & OPORA_MEMBER_PROBLEM) != 0;
    case FILTER_BASE: return (flags & OPORA_MEMBER_BASE) != 0;
    case FILTER_LEFT_OUT: return (flags & OPORA_MEMBER_LEFT_OUT) != 0;
    default: return opora_table_row_get_group (row) == (int) (choice - FILTER_FIRST_CLUSTER + 1);
    }
}

static void
update_count (OporaClustersPage *self)
{
  guint shown = g_list_model_get_n_items (G_LIST_MODEL (self->member_filter_model));
  guint total = g_list_model_get_n_items (G_LIST_MODEL (self->members));
  g_autofree char *text = NULL;

  if (shown == total)
    text = g_strdup_printf (ngettext ("%u school", "%u schools", total), total);
  else
    text = g_strdup_printf (ngettext ("%u of %u school", "%u of %u schools", total), shown, total);
  gtk_label_set_text (self->member_count_label, text);
}

static void
search_changed_cb (GtkSearchEntry    *entry,
                   OporaClustersPage *self)
{
  const char *text = gtk_editable_get_text (GTK_EDITABLE (entry));

  g_clear_pointer (&self->search_folded, g_free);
  if (*text != '\0')
    self->search_folded = g_utf8_casefold (text, -1);
  gtk_filter_changed (GTK_FILTER (self->member_filter), GTK_FILTER_CHANGE_DIFFERENT);
  opora_clusters_page_chart_search (self);
}

static void
stop_search_cb (GtkSearchEntry    *entry,
                OporaClustersPage *self)
{
  gtk_editable_set_text (GTK_EDITABLE (entry), "");
}

static void
filter_selected_cb (GtkDropDown       *dropdown,
                    GParamSpec        *pspec,
                    OporaClustersPage *self)
{
  gtk_filter_changed (GTK_FILTER (self->member_filter), GTK_FILTER_CHANGE_DIFFERENT);
}

static void
members_changed_cb (GListModel        *model,
                    guint              position,
                    guint              removed,
                    guint              added,
                    OporaClustersPage *self)
{
  update_count (self);
}

char *
opora_clusters_page_flags_text (guint flags)
{
  g_autoptr(GPtrArray) words = g_ptr_array_new ();

  if (flags & OPORA_MEMBER_PROBLEM)
    /* Translators: a mark of a school in the cluster table. */
    g_ptr_array_add (words, (gpointer) _("problem"));
  if (flags & OPORA_MEMBER_BASE)
    /* Translators: a mark of a school in the cluster table. */
    g_ptr_array_add (words, (gpointer) _("base candidate"));
  if (flags & OPORA_MEMBER_LEFT_OUT)
    /* Translators: a mark: the school was not clustered for missing figures. */
    g_ptr_array_add (words, (gpointer) _("no data"));
  if (flags & OPORA_MEMBER_IMPUTED)
    /* Translators: a mark: a missing figure of the school took the median. */
    g_ptr_array_add (words, (gpointer) _("gaps filled with the median"));
  if (flags & OPORA_MEMBER_SMALL)
    /* Translators: a mark: some result of the school rests on too few participants. */
    g_ptr_array_add (words, (gpointer) _("few participants"));
  if (flags & OPORA_MEMBER_POOLED)
    /* Translators: a mark: few participants this year, so the mean of three years is used. */
    g_ptr_array_add (words, (gpointer) _("mean of three years"));
  if (flags & OPORA_MEMBER_NONOBJECTIVE)
    /* Translators: a mark: the school's ВПР figures were left out as non-objective. */
    g_ptr_array_add (words, (gpointer) _("VPR left out"));
  g_ptr_array_add (words, NULL);
  return g_strjoinv (", ", (char **) words->pdata);
}

static const char *
status_text (OporaPairStatus status)
{
  switch (status)
    {
    /* Translators: the decision on a proposed pair of schools. */
    case OPORA_PAIR_ACCEPTED: return _("accepted");
    /* Translators: the decision on a proposed pair of schools. */
    case OPORA_PAIR_REJECTED: return _("rejected");
    /* Translators: a pair of schools not decided on yet. */
    default: return _("proposed");
    }
}

static void
show_pair_cells (OporaClustersPage *self,
                 OporaTableRow     *row)
{
  gint64 id = opora_table_row_get_id (row);
  const OporaPair *pair = self->pairs != NULL ? g_hash_table_lookup (self->pairs, &id) : NULL;
  g_autofree char *base = NULL;

  if (pair == NULL)
    return;
  base = pair->base_id > 0 ? opora_clusters_page_school_text (self, pair->base_id) : g_strdup (_("none qualifies"));
  opora_table_row_set_text (row, MEMBER_BASE, base);
  opora_table_row_set_mood (row, MEMBER_BASE, pair->base_id > 0 ? OPORA_CELL_PLAIN : OPORA_CELL_DIM);
  opora_table_row_set_tooltip (row, MEMBER_BASE, pair->reason);
  opora_table_row_set_number (row, MEMBER_PAIR, pair->status, status_text (pair->status));
  opora_table_row_set_mood (row, MEMBER_PAIR, pair->status == OPORA_PAIR_REJECTED ? OPORA_CELL_DIM : OPORA_CELL_PLAIN);
}

/* Short quadrant names for the table; the full ones (or the names the
 * user gave) are in the tooltips. */
static const char *
quadrant_short_name (int quadrant)
{
  switch (quadrant)
    {
    /* Translators: a short quadrant name: difficult contingent, low results. */
    case 1: return _("difficult, low");
    /* Translators: a short quadrant name: difficult contingent, high results. */
    case 2: return _("difficult, high");
    /* Translators: a short quadrant name: favourable contingent, low results. */
    case 3: return _("favourable, low");
    /* Translators: a short quadrant name: favourable contingent, high results. */
    default: return _("favourable, high");
    }
}

/* The name the user gave @cluster, or NULL. */
static const char *
given_name (OporaClustersPage *self,
            int                cluster)
{
  GArray *clusters = self->analysis->clusters;

  if (clusters == NULL || cluster < 1 || (guint) cluster > clusters->len)
    return NULL;
  return g_array_index (clusters, OporaClusterInfo, cluster - 1).name;
}

static void
set_cluster (OporaClustersPage *self,
             OporaTableRow     *row,
             int                cluster)
{
  const char *name = cluster > 0 ? opora_analysis_cluster_name (self->analysis, cluster) : NULL;
  g_autofree char *text = NULL;

  if (cluster <= 0)
    text = g_strdup ("—");
  else if (name != NULL && (!is_quadrants (self) || given_name (self, cluster) != NULL))
    text = g_strdup_printf ("%d · %s", cluster, name);
  else if (is_quadrants (self))
    text = g_strdup_printf ("%d · %s", cluster, quadrant_short_name (cluster));
  else
    text = g_strdup_printf ("%d", cluster);
  opora_table_row_set_number (row, MEMBER_CLUSTER, cluster > 0 ? cluster : NAN, text);
  opora_table_row_set_tooltip (row, MEMBER_CLUSTER, name);
}

static void
set_number (OporaTableRow *row,
            guint          cell,
            double         value,
            int            digits)
{
  g_autofree char *text = opora_format_number (value, digits, FALSE);

  opora_table_row_set_number (row, cell, value, text);
}

/* Context-adjusted results: what the context predicts, in the tooltip. */
static void
set_expectation (OporaTableRow     *row,
                 const OporaMember *m)
{
  g_autofree char *predicted = NULL;
  g_autofree char *residual = NULL;
  g_autofree char *se = NULL;
  g_autofree char *tooltip = NULL;

  if (isnan (m->predicted))
    return;
  predicted = opora_format_number (m->predicted, 2, FALSE);
  residual = opora_format_number (m->residual, 2, TRUE);
  se = opora_format_number (m->residual_se, 2, FALSE);
  /* Translators: the tooltip of a results index in the context-adjusted model. */
  tooltip = g_strdup_printf (_("The context predicts %s; actual minus predicted %s ± %s"), predicted, residual, se);
  opora_table_row_set_tooltip (row, MEMBER_RESULTS, tooltip);
}

/* A result on too few participants: a star after the results index, and why. */
static void
mark_small (OporaClustersPage *self,
            OporaTableRow     *row)
{
  const char *tooltip = opora_table_row_get_tooltip (row, MEMBER_RESULTS);
  guint n = self->analysis->params->min_participants;
  g_autofree char *text = g_strconcat (opora_table_row_get_text (row, MEMBER_RESULTS), " *", NULL);
  /* Translators: the tooltip of a results index marked with a star. */
  g_autofree char *why = g_strdup_printf (ngettext ("* Some result of this school rests on fewer than %u participant.",
                                                    "* Some result of this school rests on fewer than %u participants.", n),
                                          n);
  g_autofree char *both = tooltip != NULL ? g_strdup_printf ("%s\n%s", tooltip, why) : NULL;

  opora_table_row_set_number (row, MEMBER_RESULTS, opora_table_row_get_value (row, MEMBER_RESULTS), text);
  opora_table_row_set_tooltip (row, MEMBER_RESULTS, both != NULL ? both : why);
}

static OporaTableRow *
member_row_new (OporaClustersPage *self,
                const OporaMember *m)
{
  OporaTableRow *row = opora_table_row_new (m->school_id, N_MEMBER_CELLS);
  const char *code, *name;
  g_autofree char *rank = m->rank > 0 ? g_strdup_printf ("%u / %u", m->rank, m->cluster_size) : g_strdup ("—");
  g_autofree char *flags = opora_clusters_page_flags_text (m->flags);
  g_autofree char *search = NULL;

  if (opora_clusters_page_lookup_school (self, m->school_id, &code, &name))
    {
      opora_table_row_set_text (row, MEMBER_CODE, code);
      opora_table_row_set_text (row, MEMBER_NAME, name);
      search = g_strdup_printf ("%s %s", code, name);
    }
  opora_table_row_set_search_text (row, search);
  set_cluster (self, row, m->cluster);
  opora_table_row_set_number (row, MEMBER_RANK, m->rank > 0 ? m->rank : NAN, rank);
  set_number (row, MEMBER_CONTEXT, m->context_index, 2);
  set_number (row, MEMBER_RESULTS, m->results_index, 2);
  set_expectation (row, m);
  if (m->flags & OPORA_MEMBER_SMALL)
    mark_small (self, row);
  set_number (row, MEMBER_CONTEXT_PERCENTILE, m->context_percentile, 0);
  set_number (row, MEMBER_RESULTS_PERCENTILE, m->results_percentile, 0);
  opora_table_row_set_text (row, MEMBER_FLAGS, flags);
  opora_table_row_set_flags (row, m->flags);
  opora_table_row_set_group (row, m->cluster);
  show_pair_cells (self, row);
  return row;
}

/* Names need room; bare k-means numbers do not. */
static gboolean
has_cluster_names (OporaClustersPage *self)
{
  for (guint k = 1; self->analysis != NULL && k <= self->analysis->n_clusters; k++)
    if (opora_analysis_cluster_name (self->analysis, k) != NULL)
      return TRUE;
  return FALSE;
}

static gpointer
make_member_row (guint    index,
                 gpointer user_data)
{
  OporaClustersPage *self = user_data;

  return member_row_new (self, &g_array_index (self->analysis->members, OporaMember, index));
}

static void
members_filled_cb (gboolean done,
                   gpointer user_data)
{
  OporaClustersPage *self = user_data;

  if (done)
    g_clear_pointer (&self->member_filler, opora_list_filler_free);
}

/* The rows are made and put in a batch at a time: 40,000 take the window 0.15 s. */
static void
fill_members (OporaClustersPage *self)
{
  g_clear_pointer (&self->member_filler, opora_list_filler_free);
  g_list_store_remove_all (self->members);
  gtk_column_view_column_set_fixed_width (self->cluster_column, has_cluster_names (self) ? 215 : 90);
  opora_list_incremental_update (self->member_filter_model, self->member_sort,
                                 self->analysis != NULL ? self->analysis->members->len : 0);
  if (self->analysis != NULL)
    self->member_filler = opora_list_filler_new_made (self->members, self->analysis->members->len,
                                                      make_member_row, members_filled_cb, self);
}

/* "Quadrant 3", "Cluster 2", or the cluster's name after its number. */
static char *
cluster_title (OporaClustersPage *self,
               guint              k)
{
  const char *name = opora_analysis_cluster_name (self->analysis, k);

  if (is_quadrants (self) && given_name (self, k) == NULL)
    return g_strdup_printf (_("Quadrant %u"), k);
  if (name != NULL)
    return g_strdup_printf ("%u · %s", k, name);
  return g_strdup_printf (_("Cluster %u"), k);
}

static void
fill_filter_list (OporaClustersPage *self)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  g_auto(GStrv) items = NULL;
  guint n_old = g_list_model_get_n_items (G_LIST_MODEL (self->filter_list));

  g_strv_builder_add (builder, _("All schools"));
  g_strv_builder_add (builder, _("Problem schools"));
  g_strv_builder_add (builder, _("Base candidates"));
  g_strv_builder_add (builder, _("Left out"));
  for (guint k = 1; self->analysis != NULL && k <= self->analysis->n_clusters; k++)
    {
      g_autofree char *text = cluster_title (self, k);
      g_strv_builder_add (builder, text);
    }
  items = g_strv_builder_end (builder);
  gtk_string_list_splice (self->filter_list, 0, n_old, (const char * const *) items);
  gtk_drop_down_set_selected (self->filter_dropdown, FILTER_ALL);
}

/* ---- Profiles and the choice of k ---- */

static const char *
profile_name (OporaClustersPage *self,
              const char        *key)
{
  OporaIndicator *ind = self->indicators != NULL ? opora_indicator_lookup (self->indicators, key) : NULL;

  if (ind != NULL)
    return opora_indicator_get_name (ind);
  if (g_str_equal (key, "context_index"))
    return _("Context index");
  if (g_str_equal (key, "results_index"))
    return _("Results index");
  if (g_str_equal (key, "residual"))
    return _("Results index above or below what the context predicts");
  return key;
}

static void
remove_columns (GtkColumnView *view)
{
  GListModel *columns = gtk_column_view_get_columns (view);

  while (g_list_model_get_n_items (columns) > 0)
    {
      g_autoptr(GtkColumnViewColumn) column = g_list_model_get_item (columns, 0);
      gtk_column_view_remove_column (view, column);
    }
}

static void
add_profile_columns (OporaClustersPage *self)
{
  g_autoptr(GtkColumnViewColumn) name = opora_table_column_new (_("Indicator"), 0, OPORA_CELL_TEXT);

  remove_columns (self->profile_view);
  if (self->analysis == NULL)
    return;
  gtk_column_view_column_set_fixed_width (name, 360);
  gtk_column_view_column_set_expand (name, TRUE);
  gtk_column_view_append_column (self->profile_view, name);
  for (guint k = 1; k <= self->analysis->n_clusters; k++)
    {
      g_autofree char *title = cluster_title (self, k);
      g_autoptr(GtkColumnViewColumn) column = opora_table_column_new (title, k, OPORA_CELL_NUMBER);

      gtk_column_view_append_column (self->profile_view, column);
    }
}

static void
fill_profiles (OporaClustersPage *self)
{
  const OporaAnalysis *a = self->analysis;
  guint d = a != NULL && a->profile_keys != NULL ? g_strv_length (a->profile_keys) : 0;
  g_autoptr(GPtrArray) rows = g_ptr_array_new_with_free_func (g_object_unref);

  /* The old rows have fewer cells than new columns may show. */
  g_list_store_remove_all (self->profile_rows);
  add_profile_columns (self);
  for (guint c = 0; c < d; c++)
    {
      OporaTableRow *row = opora_table_row_new (c, a->n_clusters + 1);

      opora_table_row_set_text (row, 0, profile_name (self, a->profile_keys[c]));
      for (guint k = 0; k < a->n_clusters; k++)
        {
          double z = a->profiles[k * d + c];
          g_autofree char *text = opora_format_number (z, 2, TRUE);
          opora_table_row_set_number (row, k + 1, z, text);
        }
      g_ptr_array_add (rows, row);
    }
  g_list_store_splice (self->profile_rows, 0, 0, rows->pdata, rows->len);
  opora_cluster_names_set_analysis (self->cluster_names, self->db, self->analysis);
}

/* A cluster was named: every table and the filter show the new name. */
static void
cluster_renamed_cb (OporaClusterNames *names,
                    int                cluster,
                    OporaClustersPage *self)
{
  GListModel *columns = gtk_column_view_get_columns (self->profile_view);
  g_autoptr(GtkColumnViewColumn) column = g_list_model_get_item (columns, cluster);
  g_autofree char *title = cluster_title (self, cluster);
  guint filter = gtk_drop_down_get_selected (self->filter_dropdown);

  for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (self->members)); i++)
    {
      g_autoptr(OporaTableRow) row = g_list_model_get_item (G_LIST_MODEL (self->members), i);

      if (opora_table_row_get_group (row) != cluster)
        continue;
      set_cluster (self, row, cluster);
      opora_table_row_changed (row);
    }
  gtk_column_view_column_set_fixed_width (self->cluster_column, has_cluster_names (self) ? 215 : 90);
  if (column != NULL)
    gtk_column_view_column_set_title (column, title);
  fill_filter_list (self);
  gtk_drop_down_set_selected (self->filter_dropdown, filter);
  opora_clusters_page_update_chart (self);
}

static void
fill_sweep (OporaClustersPage *self)
{
  const OporaAnalysis *a = self->analysis;
  g_autoptr(GPtrArray) rows = g_ptr_array_new_with_free_func (g_object_unref);

  for (guint i = 0; a != NULL && i < a->sweep->len; i++)
    {
      const OporaSweepPoint *p = &g_array_index (a->sweep, OporaSweepPoint, i);
      OporaTableRow *row = opora_table_row_new (p->k, N_SWEEP_CELLS);
      g_autofree char *k = g_strdup_printf ("%u", p->k);
      g_autofree char *silhouette = opora_format_number (p->silhouette, 3, FALSE);
      g_autofree char *inertia = opora_format_number (p->inertia, 1, FALSE);

      opora_table_row_set_number (row, SWEEP_K, p->k, k);
      opora_table_row_set_number (row, SWEEP_SILHOUETTE, p->silhouette, silhouette);
      opora_table_row_set_number (row, SWEEP_INERTIA, p->inertia, inertia);
      if (p->k == a->n_clusters)
        /* Translators: marks the chosen k in the table of the silhouettes. */
        opora_table_row_set_text (row, SWEEP_CHOSEN, _("✓ chosen"));
      g_ptr_array_add (rows, row);
    }
  g_list_store_splice (self->sweep_rows, 0, g_list_model_get_n_items (G_LIST_MODEL (self->sweep_rows)),
                       rows->pdata, rows->len);
  if (a != NULL)
    opora_sweep_chart_set_sweep (self->sweep_chart, a->sweep, a->n_clusters);
}

/**
 * opora_clusters_page_show_members:
 *
 * Fills the tables from the analysis shown (empty without one).
 */
void
opora_clusters_page_show_members (OporaClustersPage *self)
{
  gtk_editable_set_text (GTK_EDITABLE (self->member_search), "");
  fill_filter_list (self);
  fill_members (self);
  fill_profiles (self);
  fill_sweep (self);
  gtk_selection_model_unselect_all (GTK_SELECTION_MODEL (self->member_selection));
  update_count (self);
}

/* ---- Pairs ---- */

static OporaTableRow *
selected_row (OporaClustersPage *self)
{
  return gtk_single_selection_get_selected_item (self->member_selection);
}

static OporaPair *
selected_pair (OporaClustersPage *self)
{
  OporaTableRow *row = selected_row (self);
  gint64 id;

  if (row == NULL || self->pairs == NULL)
    return NULL;
  id = opora_table_row_get_id (row);
  return g_hash_table_lookup (self->pairs, &id);
}

/* Why the pairs of the analysis shown cannot be decided on, or NULL. */
static const char *
why_undecidable (OporaClustersPage *self)
{
  if (self->db == NULL || opora_db_is_read_only (self->db))
    return _("The workspace is read-only: pairs cannot be decided on.");
  if (self->analysis == NULL || self->analysis->id == 0)
    return _("This analysis is not saved: pairs cannot be decided on.");
  return NULL;
}

/* How many schools @base_id supports in the analysis shown, other than @except. */
static guint
base_load (OporaClustersPage *self,
           gint64             base_id,
           const OporaPair   *except)
{
  guint n = 0;

  for (guint i = 0; i < self->analysis->pairs->len; i++)
    {
      const OporaPair *p = self->analysis->pairs->pdata[i];
      n += p != except && p->base_id == base_id && p->status != OPORA_PAIR_REJECTED;
    }
  return n;
}

typedef struct {
  const OporaMember *member;
  double             distance;
} Candidate;

static int
compare_candidates (gconstpointer a,
                    gconstpointer b)
{
  const Candidate *x = a, *y = b;

  return (x->distance > y->distance) - (x->distance < y->distance);
}

/* Whether @m may support @supported as the analysis pairs them: for
 * quadrants from the high-result quadrant of the same contingent (1 → 2,
 * 3 → 4), for k-means from the same cluster, for context-adjusted results
 * any school beating the odds; and only with higher results. */
static gboolean
may_support (OporaClustersPage *self,
             const OporaMember *supported,
             const OporaMember *m)
{
  gboolean group;

  switch (self->analysis->params->model)
    {
    case OPORA_MODEL_QUADRANT: group = m->cluster == supported->cluster + 1; break;
    case OPORA_MODEL_REGRESSION: group = TRUE; break;
    default: group = m->cluster == supported->cluster; break;
    }
  return group && (m->flags & OPORA_MEMBER_BASE) && m->school_id != supported->school_id &&
         m->results_index > supported->results_index;
}

/* The base candidates of a problem school, the nearest by the context index first. */
static GArray *
base_candidates (OporaClustersPage *self,
                 const OporaMember *supported,
                 gint64             current_base)
{
  GArray *candidates = g_array_new (FALSE, FALSE, sizeof (Candidate));

  for (guint i = 0; i < self->analysis->members->len; i++)
    {
      const OporaMember *m = &g_array_index (self->analysis->members, OporaMember, i);
      Candidate c = { m, fabs (m->context_index - supported->context_index) };

      if (m->school_id != current_base && may_support (self, supported, m))
        g_array_append_val (candidates, c);
    }
  g_array_sort (candidates, compare_candidates);
  return candidates;
}

static GtkWidget *
candidate_row_new (OporaClustersPage *self,
                   const OporaPair   *pair,
                   const OporaMember *supported,
                   const Candidate   *c)
{
  GtkWidget *row = gtk_list_box_row_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 2);
  g_autofree char *name = opora_clusters_page_school_text (self, c->member->school_id);
  g_autofree char *context = opora_format_number (c->member->context_index, 2, FALSE);
  g_autofree char *distance = opora_format_number (c->distance, 2, FALSE);
  g_autofree char *gap = opora_format_number (c->member->results_index - supported->results_index, 2, FALSE);
  guint load = base_load (self, c->member->school_id, pair);
  /* Translators: under a candidate base school: how near its context is, how much higher its results, how many schools it supports already. */
  g_autofree char *details = g_strdup_printf (_("context index %s (differs by %s), results index higher by %s; supports %u of %u"),
                                              context, distance, gap, load, self->analysis->params->max_per_base);
  GtkWidget *title = gtk_label_new (name);
  GtkWidget *subtitle = gtk_label_new (details);

  gtk_label_set_xalign (GTK_LABEL (title), 0);
  gtk_label_set_xalign (GTK_LABEL (subtitle), 0);
  gtk_widget_add_css_class (subtitle, "dim-label");
  gtk_widget_add_css_class (subtitle, "caption");
  gtk_box_append (GTK_BOX (box), title);
  gtk_box_append (GTK_BOX (box), subtitle);
  gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row), box);
  gtk_actionable_set_action_name (GTK_ACTIONABLE (row), "clusters.choose-base");
  gtk_actionable_set_action_target_value (GTK_ACTIONABLE (row), g_variant_new_int64 (c->member->school_id));
  return row;
}

static void
fill_base_list (OporaClustersPage *self,
                const OporaPair   *pair)
{
  const OporaMember *supported = pair != NULL ? opora_analysis_find_member (self->analysis, pair->supported_id) : NULL;
  g_autoptr(GArray) candidates = NULL;
  GtkListBoxRow *old;

  while ((old = gtk_list_box_get_row_at_index (self->base_list, 0)) != NULL)
    gtk_list_box_remove (self->base_list, GTK_WIDGET (old));
  if (supported == NULL)
    return;
  candidates = base_candidates (self, supported, pair->base_id);
  for (guint i = 0; i < candidates->len; i++)
    gtk_list_box_append (self->base_list, candidate_row_new (self, pair, supported, &g_array_index (candidates, Candidate, i)));
  if (candidates->len == 0)
    gtk_label_set_text (self->base_list_label, _("No other candidate base school of a similar contingent."));
  else
    gtk_label_set_text (self->base_list_label,
                        _("Candidate base schools of a similar contingent, the nearest in context first:"));
}

static char *
pair_text (OporaClustersPage *self,
           const OporaPair   *pair)
{
  g_autofree char *supported = opora_clusters_page_school_text (self, pair->supported_id);
  g_autofree char *base = NULL;

  if (pair->base_id == 0)
    /* Translators: the pair bar of a problem school without a proposed base school. */
    return g_strdup_printf (_("%s: no base school proposed"), supported);
  base = opora_clusters_page_school_text (self, pair->base_id);
  /* Translators: the pair bar: supported school → base school (decision). */
  return g_strdup_printf (_("%s → base school %s (%s)"), supported, base, status_text (pair->status));
}

/**
 * opora_clusters_page_update_pair:
 *
 * Shows the pair of the selected school, if it has one, and what may be
 * done with it.
 */
void
opora_clusters_page_update_pair (OporaClustersPage *self)
{
  OporaPair *pair = self->cancellable == NULL ? selected_pair (self) : NULL;
  const char *why = why_undecidable (self);
  gboolean can = pair != NULL && why == NULL;
  g_autofree char *text = pair != NULL ? pair_text (self, pair) : NULL;
  g_autofree char *reason = NULL;

  gtk_action_bar_set_revealed (self->pair_bar, pair != NULL);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "clusters.accept-pair",
                                 can && pair->base_id > 0 && pair->status != OPORA_PAIR_ACCEPTED);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "clusters.reject-pair", can && pair->status != OPORA_PAIR_REJECTED);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "clusters.choose-base", can);
  gtk_widget_set_sensitive (GTK_WIDGET (self->choose_base_button), can);
  if (pair == NULL)
    return;
  reason = why != NULL ? g_strdup_printf ("%s %s", pair->reason != NULL ? pair->reason : "", why)
                       : g_strdup (pair->reason);
  gtk_label_set_text (self->pair_label, text);
  gtk_label_set_text (self->pair_reason_label, reason != NULL ? reason : "");
  fill_base_list (self, pair);
}

static void
member_selected_cb (GtkSingleSelection *selection,
                    GParamSpec         *pspec,
                    OporaClustersPage  *self)
{
  OporaTableRow *row = selected_row (self);

  opora_clusters_page_update_pair (self);
  opora_clusters_page_chart_select (self, row != NULL ? opora_table_row_get_id (row) : 0);
}

/* Records a decision on the selected school's pair and shows it; a
 * refusal (the base school is full, say) is shown in a toast. */
static void
decide (OporaClustersPage *self,
        OporaPairStatus    status,
        gint64             base_id)
{
  OporaPair *pair = selected_pair (self);
  OporaTableRow *row = selected_row (self);
  g_autoptr(GError) error = NULL;

  if (pair == NULL || why_undecidable (self) != NULL)
    return;
  if (!opora_pair_decide (self->db, pair->id, status, base_id, &error))
    {
      opora_clusters_page_toast (self, error->message);
      return;
    }
  pair->status = status;
  if (base_id > 0)
    {
      pair->base_id = base_id;
      pair->distance = pair->gap = NAN;
      g_free (pair->reason);
      pair->reason = g_strdup (_("Base school chosen by hand."));
    }
  show_pair_cells (self, row);
  opora_table_row_changed (row);
  opora_clusters_page_update_pair (self);
  opora_clusters_page_update_chart (self);
  opora_clusters_page_toast (self, status == OPORA_PAIR_ACCEPTED ? _("Pair accepted") : _("Pair rejected"));
}

static void
accept_pair_cb (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  decide (OPORA_CLUSTERS_PAGE (widget), OPORA_PAIR_ACCEPTED, 0);
}

static void
reject_pair_cb (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  decide (OPORA_CLUSTERS_PAGE (widget), OPORA_PAIR_REJECTED, 0);
}

static void
choose_base_cb (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  OporaClustersPage *self = OPORA_CLUSTERS_PAGE (widget);

  gtk_menu_button_popdown (self->choose_base_button);
  decide (self, OPORA_PAIR_ACCEPTED, g_variant_get_int64 (parameter));
}

/* ---- Set-up ---- */

static void
setup_columns (GtkColumnView       *view,
               const OporaCellKind *kinds,
               guint                n)
{
  GListModel *columns = gtk_column_view_get_columns (view);

  g_assert (g_list_model_get_n_items (columns) == n);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(GtkColumnViewColumn) column = g_list_model_get_item (columns, i);
      opora_table_column_setup (column, i, kinds[i]);
    }
}

void
opora_clusters_page_members_init (OporaClustersPage *self)
{
  gtk_custom_filter_set_filter_func (self->member_filter, filter_member, self, NULL);
  setup_columns (self->member_view, member_kinds, N_MEMBER_CELLS);
  setup_columns (self->sweep_view, sweep_kinds, N_SWEEP_CELLS);
  gtk_sort_list_model_set_sorter (self->member_sort, gtk_column_view_get_sorter (self->member_view));
  gtk_sort_list_model_set_sorter (self->profile_sort, gtk_column_view_get_sorter (self->profile_view));
  gtk_sort_list_model_set_sorter (self->sweep_sort, gtk_column_view_get_sorter (self->sweep_view));
  fill_filter_list (self);
  update_count (self);
}

void
opora_clusters_page_members_class_init (GtkWidgetClass *widget_class)
{
  g_type_ensure (OPORA_TYPE_CLUSTER_NAMES);
  gtk_widget_class_bind_template_child (widget_class, OporaClustersPage, member_search);
  gtk_widget_class_bind_template_child (widget_class, OporaClustersPage, filter_dropdown);
  gtk_widget_class_bind_template_child (widget_class, OporaClustersPage, filter_list);
  gtk_widget_class_bind_template_child (widget_class, OporaClustersPage, member_count_label);
  gtk_widget_class_bind_template_child (widget_class, OporaClustersPage, member_view);
  gtk_widget_class_bind_template_child (widget_class, OporaClustersPage, cluster_column);
  gtk_widget_class_bind_template_child (widget_class, OporaClustersPage, member_selection);
  gtk_widget_class_bind_template_child (widget_class, OporaClustersPage, member_sort);
  gtk_widget_class_bind_template_child (widget_class, OporaClustersPage, member_filter_model);
  gtk_widget_class_bind_template_child (widget_class, OporaClustersPage, member_filter);
  gtk_widget_class_bind_template_child (widget_class, OporaClustersPage, members);
  gtk_widget_class_bind_template_child (widget_class, OporaClustersPage, pair_bar);
  gtk_widget_class_bind_template_child (widget_class, OporaClustersPage, pair_label);
  gtk_widget_class_bind_template_child (widget_class, OporaClustersPage, pair_reason_label);
  gtk_widget_class_bind_template_child (widget_class, OporaClustersPage, choose_base_button);
  gtk_widget_class_bind_template_child (widget_class, OporaClustersPage, base_list_label);
  gtk_widget_class_bind_template_child (widget_class, OporaClustersPage, base_list);
  gtk_widget_class_bind_template_child (widget_class, OporaClustersPage, profile_view);
  gtk_widget_class_bind_template_child (widget_class, OporaClustersPage, profile_sort);
  gtk_widget_class_bind_template_child (widget_class, OporaClustersPage, profile_rows);
  gtk_widget_class_bind_template_child (widget_class, OporaClustersPage, cluster_names);
  gtk_widget_class_bind_template_child (widget_class, OporaClustersPage, sweep_view);
  gtk_widget_class_bind_template_child (widget_class, OporaClustersPage, sweep_sort);
  gtk_widget_class_bind_template_child (widget_class, OporaClustersPage, sweep_rows);
  gtk_widget_class_bind_template_callback (widget_class, search_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, stop_search_cb);
  gtk_widget_class_bind_template_callback (widget_class, filter_selected_cb);
  gtk_widget_class_bind_template_callback (widget_class, members_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, member_selected_cb);
  gtk_widget_class_bind_template_callback (widget_class, cluster_renamed_cb);

  gtk_widget_class_install_action (widget_class, "clusters.accept-pair", NULL, accept_pair_cb);
  gtk_widget_class_install_action (widget_class, "clusters.reject-pair", NULL, reject_pair_cb);
  gtk_widget_class_install_action (widget_class, "clusters.choose-base", "x", choose_base_cb);
}

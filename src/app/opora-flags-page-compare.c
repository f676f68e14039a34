/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Where the models disagree: each model's problem schools, the pairs they share, and per school which flag it. */

#include <glib/gi18n.h>
#include <math.h>

#include "opora-flags-page-private.h"

/* A row per model: its problem schools, those it shares with each model, where it comes from. */
enum {
  MODEL_NAME,
  MODEL_COUNT,
  MODEL_BOTH,                              /* OPORA_N_MODELS cells, by OporaModel */
  MODEL_SOURCE = MODEL_BOTH + OPORA_N_MODELS,
  N_MODEL_CELLS
};

enum {
  COMPARE_CODE,
  COMPARE_NAME,
  COMPARE_QUADRANT,
  COMPARE_KMEANS,
  COMPARE_REGRESSION,
  COMPARE_AGREEMENT,
  COMPARE_RULES,
  N_COMPARE_CELLS
};

/* A row's flag: not every model counts the school as a problem school. */
#define ROW_DISAGREE 1

static const OporaCellKind model_kinds[N_MODEL_CELLS] = {
  OPORA_CELL_TEXT, OPORA_CELL_NUMBER, OPORA_CELL_NUMBER, OPORA_CELL_NUMBER, OPORA_CELL_NUMBER, OPORA_CELL_TEXT,
};
static const OporaCellKind compare_kinds[N_COMPARE_CELLS] = {
  OPORA_CELL_TEXT, OPORA_CELL_TEXT, OPORA_CELL_TEXT, OPORA_CELL_TEXT, OPORA_CELL_TEXT,
  OPORA_CELL_TEXT, OPORA_CELL_TEXT,
};

/* The models' names at the head of a row, as the Clusters section names them. */
static const char *
model_title (OporaModel model)
{
  switch (model)
    {
    case OPORA_MODEL_QUADRANT: return _("Quadrants");
    case OPORA_MODEL_KMEANS: return _("k-means");
    default: return _("Context-adjusted results");
    }
}

/**
 * opora_flags_page_models_text:
 * @models: bit m set for each model m (OporaModel) that flags a school
 *
 * Returns: (transfer full): "quadrants, k-means", or "none"
 */
char *
opora_flags_page_models_text (guint models)
{
  g_autoptr(GPtrArray) words = g_ptr_array_new ();

  for (OporaModel m = 0; m < OPORA_N_MODELS; m++)
    if (models & (1u << m))
      g_ptr_array_add (words, (gpointer) opora_model_label (m));
  if (words->len == 0)
    /* Translators: no cluster model counts the school as a problem school. */
    return g_strdup (_("none"));
  g_ptr_array_add (words, NULL);
  return g_strjoinv (", ", (char **) words->pdata);
}

/* ---- Models and pairs ---- */

static char *
source_text (const OporaAnalysis *a)
{
  if (a->id == 0)
    /* Translators: a model's figures come from an analysis with the default settings, not stored. */
    return g_strdup (_("default settings"));
  /* Translators: a model's figures come from this stored analysis. */
  return g_strdup_printf (_("analysis № %lld"), (long long) a->id);
}

/* "8 · 0.42": the problem schools two models share and their Jaccard index. */
static void
set_both (OporaTableRow              *row,
          const OporaModelComparison *c,
          OporaModel                  a,
          OporaModel                  b)
{
  double jaccard = opora_model_comparison_jaccard (c, a, b);
  g_autofree char *index = opora_format_number (jaccard, 2, FALSE);
  g_autofree char *text = g_strdup_printf ("%u · %s", c->both[a][b], index);
  /* Translators: the tooltip of the problem schools two models share. */
  g_autofree char *tooltip = g_strdup_printf (ngettext ("%u problem school in common with %s; Jaccard index %s",
                                                        "%u problem schools in common with %s; Jaccard index %s",
                                                        c->both[a][b]),
                                              c->both[a][b], opora_model_label (b), index);

  if (a == b)
    {
      opora_table_row_set_text (row, MODEL_BOTH + b, "—");
      opora_table_row_set_mood (row, MODEL_BOTH + b, OPORA_CELL_DIM);
      return;
    }
  opora_table_row_set_number (row, MODEL_BOTH + b, jaccard, text);
  opora_table_row_set_tooltip (row, MODEL_BOTH + b, tooltip);
}

static void
fill_models (OporaFlagsPage             *self,
             const OporaModelComparison *c)
{
  g_autoptr(GPtrArray) rows = g_ptr_array_new_with_free_func (g_object_unref);

  for (OporaModel m = 0; c != NULL && m < OPORA_N_MODELS; m++)
    {
      OporaTableRow *row = opora_table_row_new (m, N_MODEL_CELLS);
      g_autofree char *count = g_strdup_printf ("%u", c->flagged[m]);
      g_autofree char *source = source_text (c->analyses[m]);

      opora_table_row_set_text (row, MODEL_NAME, model_title (m));
      opora_table_row_set_number (row, MODEL_COUNT, c->flagged[m], count);
      for (OporaModel other = 0; other < OPORA_N_MODELS; other++)
        set_both (row, c, m, other);
      opora_table_row_set_text (row, MODEL_SOURCE, source);
      if (c->analyses[m]->id == 0)
        {
          opora_table_row_set_mood (row, MODEL_SOURCE, OPORA_CELL_DIM);
          opora_table_row_set_tooltip (row, MODEL_SOURCE, _("No analysis of this model is stored for the year: its figures come from the default settings."));
        }
      g_ptr_array_add (rows, row);
    }
  g_list_store_splice (self->model_rows, 0, g_list_model_get_n_items (G_LIST_MODEL (self->model_rows)),
                       rows->pdata, rows->len);
}

static void
show_texts (OporaFlagsPage             *self,
            const OporaModelComparison *c)
{
  g_autofree char *intro = g_strdup_printf (_("The problem schools of %d by each model: quadrants of context and results, k-means clusters of similar schools, and results against what the context predicts. Methods differ, and so do the schools they find; the Jaccard index is the share of the schools either of two models finds that both find."),
                                            c->year);
  g_autoptr(GString) defaults = g_string_new (NULL);

  for (OporaModel m = 0; m < OPORA_N_MODELS; m++)
    if (c->analyses[m]->id == 0)
      g_string_append_printf (defaults, "%s%s", defaults->len > 0 ? ", " : "", opora_model_label (m));
  gtk_label_set_text (self->compare_label, intro);
  gtk_widget_set_visible (GTK_WIDGET (self->default_label), defaults->len > 0);
  if (defaults->len > 0)
    {
      /* Translators: %d is a year, %s the models without a stored analysis ("quadrants, k-means"). */
      g_autofree char *text = g_strdup_printf (_("No analysis of %d is stored for: %s. Their figures come from the default settings; run them in the Clusters section to use your own."),
                                               c->year, defaults->str);
      gtk_label_set_text (self->default_label, text);
    }
}

/* ---- Schools ---- */

/* The position of the first flag of @school_id in @flags (sorted by school), or where it would be. */
static guint
first_flag_of (GPtrArray *flags,
               gint64     school_id)
{
  guint low = 0, high = flags->len;

  while (low < high)
    {
      guint middle = low + (high - low) / 2;

      if (((const OporaFlag *) flags->pdata[middle])->school_id < school_id)
        low = middle + 1;
      else
        high = middle;
    }
  return low;
}

/* The titles of the rules that flag @school_id, in the rules' order. A search,
 * not a walk: a nation has thousands of flags and of schools to compare. */
static char *
rules_text (OporaFlagsPage *self,
            GPtrArray      *flags,
            gint64          school_id)
{
  g_autoptr(GString) text = g_string_new (NULL);

  for (guint i = flags != NULL ? first_flag_of (flags, school_id) : 0;
       flags != NULL && i < flags->len && ((const OporaFlag *) flags->pdata[i])->school_id == school_id;
       i++)
    {
      const OporaFlag *flag = flags->pdata[i];
      const OporaRule *rule;

      rule = opora_flags_page_rule (self, flag->rule, NULL);
      g_string_append_printf (text, "%s%s", text->len > 0 ? "; " : "", rule != NULL ? rule->title : flag->rule);
    }
  return g_string_free (g_steal_pointer (&text), FALSE);
}

static guint
count_models (guint models)
{
  guint n = 0;

  for (OporaModel m = 0; m < OPORA_N_MODELS; m++)
    n += (models & (1u << m)) != 0;
  return n;
}

static char *
agreement_text (guint models)
{
  guint n = count_models (models);
  g_autofree char *which = NULL;

  if (n == OPORA_N_MODELS)
    /* Translators: every model counts the school as a problem school. */
    return g_strdup (_("all three"));
  which = opora_flags_page_models_text (models);
  if (n == 1)
    /* Translators: a single model counts the school as a problem school: "only k-means". */
    return g_strdup_printf (_("only %s"), which);
  /* Translators: how many of the three models count the school as a problem school. */
  return g_strdup_printf (_("%u of 3"), n);
}

static void
set_verdict (OporaTableRow *row,
             guint          cell,
             gboolean       problem)
{
  /* Translators: a model counts the school as a problem school. */
  opora_table_row_set_number (row, cell, problem, problem ? _("problem") : "—");
  opora_table_row_set_mood (row, cell, problem ? OPORA_CELL_PLAIN : OPORA_CELL_DIM);
}

static OporaTableRow *
compare_row_new (OporaFlagsPage        *self,
                 const OporaModelFlags *f,
                 GPtrArray             *flags)
{
  OporaTableRow *row = opora_table_row_new (f->school_id, N_COMPARE_CELLS);
  g_autofree char *agreement = agreement_text (f->models);
  g_autofree char *rules = rules_text (self, flags, f->school_id);
  guint n = count_models (f->models);

  opora_flags_page_set_school (self, row, COMPARE_CODE, f->school_id);
  set_verdict (row, COMPARE_QUADRANT, f->models & (1u << OPORA_MODEL_QUADRANT));
  set_verdict (row, COMPARE_KMEANS, f->models & (1u << OPORA_MODEL_KMEANS));
  set_verdict (row, COMPARE_REGRESSION, f->models & (1u << OPORA_MODEL_REGRESSION));
  opora_table_row_set_number (row, COMPARE_AGREEMENT, n, agreement);
  /* Translators: no rule flags the school. */
  opora_table_row_set_text (row, COMPARE_RULES, *rules != '\0' ? rules : _("none"));
  opora_table_row_set_mood (row, COMPARE_RULES, *rules != '\0' ? OPORA_CELL_PLAIN : OPORA_CELL_DIM);
  opora_table_row_set_flags (row, n < OPORA_N_MODELS ? ROW_DISAGREE : 0);
  return row;
}

static gboolean
filter_school (gpointer item,
               gpointer user_data)
{
  OporaFlagsPage *self = user_data;

  return !gtk_switch_get_active (self->disagree_switch) || (opora_table_row_get_flags (item) & ROW_DISAGREE);
}

static void
disagree_switched_cb (GtkSwitch      *sw,
                      GParamSpec     *pspec,
                      OporaFlagsPage *self)
{
  gtk_filter_changed (GTK_FILTER (self->compare_filter), GTK_FILTER_CHANGE_DIFFERENT);
}

/**
 * opora_flags_page_show_comparison:
 * @self: the page
 * @comparison: (nullable): the models' problem schools, or %NULL for none
 * @problem: (nullable): why there is no comparison
 * @flags: (nullable) (element-type OporaFlag): the rules' flags sorted by school, to name them per school
 *
 * Fills the view of the models compared.
 */
void
opora_flags_page_show_comparison (OporaFlagsPage             *self,
                                  const OporaModelComparison *comparison,
                                  const char                 *problem,
                                  GPtrArray                  *flags)
{
  g_autoptr(GPtrArray) rows = g_ptr_array_new_with_free_func (g_object_unref);

  fill_models (self, comparison);
  for (guint i = 0; comparison != NULL && i < comparison->schools->len; i++)
    g_ptr_array_add (rows, compare_row_new (self, &g_array_index (comparison->schools, OporaModelFlags, i), flags));
  g_list_store_splice (self->compare_rows, 0, g_list_model_get_n_items (G_LIST_MODEL (self->compare_rows)),
                       rows->pdata, rows->len);
  adw_status_page_set_description (self->no_compare_page, problem);
  gtk_stack_set_visible_child_name (self->compare_stack, comparison != NULL ? "table" : "none");
  if (comparison != NULL)
    show_texts (self, comparison);
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
opora_flags_page_compare_init (OporaFlagsPage *self)
{
  setup_columns (self->model_view, model_kinds, N_MODEL_CELLS);
  setup_columns (self->compare_view, compare_kinds, N_COMPARE_CELLS);
  gtk_custom_filter_set_filter_func (self->compare_filter, filter_school, self, NULL);
  gtk_sort_list_model_set_sorter (self->compare_sort, gtk_column_view_get_sorter (self->compare_view));
}

void
opora_flags_page_compare_class_init (GtkWidgetClass *widget_class)
{
  gtk_widget_class_bind_template_child (widget_class, OporaFlagsPage, compare_stack);
  gtk_widget_class_bind_template_child (widget_class, OporaFlagsPage, no_compare_page);
  gtk_widget_class_bind_template_child (widget_class, OporaFlagsPage, compare_label);
  gtk_widget_class_bind_template_child (widget_class, OporaFlagsPage, model_rows);
  gtk_widget_class_bind_template_child (widget_class, OporaFlagsPage, model_view);
  gtk_widget_class_bind_template_child (widget_class, OporaFlagsPage, default_label);
  gtk_widget_class_bind_template_child (widget_class, OporaFlagsPage, disagree_switch);
  gtk_widget_class_bind_template_child (widget_class, OporaFlagsPage, compare_view);
  gtk_widget_class_bind_template_child (widget_class, OporaFlagsPage, compare_sort);
  gtk_widget_class_bind_template_child (widget_class, OporaFlagsPage, compare_filter);
  gtk_widget_class_bind_template_child (widget_class, OporaFlagsPage, compare_rows);
  gtk_widget_class_bind_template_callback (widget_class, disagree_switched_cb);
}

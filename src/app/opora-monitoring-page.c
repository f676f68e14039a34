/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The monitoring summary: each school's ЕГЭ ratios and their dynamics, its ВПР changes, sortable and searchable. */

#include <glib/gi18n.h>
#include <math.h>

#include "opora-analysis-export.h"
#include "opora-excel-chooser.h"
#include "opora-interval.h"
#include "opora-list-filler.h"
#include "opora-list-incremental.h"
#include "opora-monitoring-page.h"
#include "opora-monitoring.h"
#include "opora-paced-selection.h"
#include "opora-school-names.h"
#include "opora-table-row.h"
#include "opora-task.h"
#include "opora-toast.h"
#include "opora-values.h"

/* The cells of a row, in the order of the columns of the template. */
enum {
  CELL_CODE,
  CELL_NAME,
  CELL_RUS_BEFORE,
  CELL_RUS_NOW,
  CELL_RUS_DYNAMICS,
  CELL_MATH_BEFORE,
  CELL_MATH_NOW,
  CELL_MATH_DYNAMICS,
  CELL_NEGATIVE,
  CELL_VPR,
  CELL_NOTE,
  N_CELLS
};

/* A row's flag: the school is in the summary table. */
#define ROW_NEGATIVE 1

static const OporaCellKind cell_kinds[N_CELLS] = {
  OPORA_CELL_TEXT, OPORA_CELL_TEXT,
  OPORA_CELL_NUMBER, OPORA_CELL_NUMBER, OPORA_CELL_NUMBER,
  OPORA_CELL_NUMBER, OPORA_CELL_NUMBER, OPORA_CELL_NUMBER,
  OPORA_CELL_TEXT, OPORA_CELL_TEXT, OPORA_CELL_TEXT,
};

struct _OporaMonitoringPage
{
  AdwBin                parent_instance;

  /* Template widgets */
  GtkWidget            *toolbar;
  GtkDropDown          *year_dropdown;
  GtkStringList        *year_list;
  GtkSearchEntry       *monitoring_search;
  GtkSwitch            *all_switch;
  GtkLabel             *monitoring_count_label;
  GtkStack             *monitoring_stack;
  AdwStatusPage        *no_data_page;
  AdwStatusPage        *no_negative_page;
  GtkLabel             *summary_label;
  GtkLabel             *legend_label;
  GtkColumnView        *monitoring_view;
  GtkColumnViewColumn  *rus_before_column;
  GtkColumnViewColumn  *rus_now_column;
  GtkColumnViewColumn  *math_before_column;
  GtkColumnViewColumn  *math_now_column;
  GtkSortListModel     *sort_model;
  GtkFilterListModel   *filter_model;
  GtkCustomFilter      *filter;
  GListStore           *rows;
  GtkSpinner           *computing_spinner;

  /* Owned */
  GCancellable         *computing;     /* the year being computed on a thread */
  OporaListFiller      *filler;        /* its rows, going into the list */
  GArray               *years;         /* int: the years with a year before, newest first */
  OporaSchoolNames     *schools;
  GtkFileChooserNative *chooser;
  char                 *search_folded; /* NULL when the search is empty */
  guint                 n_negative;
  gboolean              updating;      /* the year list is being filled */

  /* Borrowed: the window owns the workspace and sets a new one before freeing this */
  OporaDb              *db;
};

G_DEFINE_FINAL_TYPE (OporaMonitoringPage, opora_monitoring_page, ADW_TYPE_BIN)

/**
 * opora_monitoring_page_get_year:
 *
 * Returns: the year shown, 0 when there is none
 */
int
opora_monitoring_page_get_year (OporaMonitoringPage *self)
{
  guint i;

  g_return_val_if_fail (OPORA_IS_MONITORING_PAGE (self), 0);

  i = gtk_drop_down_get_selected (self->year_dropdown);
  return self->years != NULL && i < self->years->len ? g_array_index (self->years, int, i) : 0;
}

/* ---- Rows ---- */

/* "24 examinees", with a star when too few to count. */
static char *
examinees_text (double n)
{
  g_autofree char *count = NULL;

  if (isnan (n))
    return g_strdup (_("The number of examinees is not known."));
  /* Translators: the number of a school's ЕГЭ examinees, under a figure. */
  count = g_strdup_printf (ngettext ("%d examinee", "%d examinees", (gulong) n), (int) n);
  if (!opora_is_small_number (n, OPORA_DEFAULT_MIN_PARTICIPANTS))
    return g_steal_pointer (&count);
  /* Translators: "* 6 examinees: too few for the figure to count". */
  return g_strdup_printf (_("* %s: too few for the figure to count"), count);
}

/* What a row's tooltips are made of when they are shown: a fifth of its
 * OporaMonitoringRow, as a nation's table keeps 40,000 of them. */
typedef struct {
  double school[2];        /* as OporaEgeDynamics */
  double municipal[2];
  double participants[2];
} EgeFigures;

typedef struct {
  double share2[2];        /* as OporaVprDynamics */
  double participants[2];
} VprFigures;

typedef struct {
  EgeFigures ege[OPORA_N_EGE_SUBJECTS];
  VprFigures vpr[OPORA_N_VPR_WORKS];
  gboolean   nonobjective;
  int        year;
} Tooltips;

static Tooltips *
tooltips_new (const OporaMonitoringRow *r,
              int                       year)
{
  Tooltips *t = g_new (Tooltips, 1);

  for (guint s = 0; s < OPORA_N_EGE_SUBJECTS; s++)
    for (guint y = 0; y < 2; y++)
      {
        t->ege[s].school[y] = r->ege[s].school[y];
        t->ege[s].municipal[y] = r->ege[s].municipal[y];
        t->ege[s].participants[y] = r->ege[s].participants[y];
      }
  for (guint w = 0; w < OPORA_N_VPR_WORKS; w++)
    for (guint y = 0; y < 2; y++)
      {
        t->vpr[w].share2[y] = r->vpr[w].share2[y];
        t->vpr[w].participants[y] = r->vpr[w].participants[y];
      }
  t->nonobjective = r->nonobjective;
  t->year = year;
  return t;
}

static char *
ratio_tooltip (const EgeFigures *d,
               int               y)
{
  g_autofree char *school = opora_format_number (d->school[y], 1, FALSE);
  g_autofree char *municipal = opora_format_number (d->municipal[y], 1, FALSE);
  g_autofree char *examinees = examinees_text (d->participants[y]);
  /* Translators: the tooltip of a ЕГЭ ratio: the school's average score and the municipality's. */
  g_autofree char *scores = g_strdup_printf (_("The school’s average score %s, the municipality’s %s"), school, municipal);

  return g_strdup_printf ("%s\n%s", scores, examinees);
}

static void
set_ratio (OporaTableRow          *row,
           guint                   cell,
           const OporaEgeDynamics *d,
           int                     y)
{
  g_autofree char *number = opora_format_number (d->ratio[y], 3, FALSE);
  gboolean small = opora_is_small_number (d->participants[y], OPORA_DEFAULT_MIN_PARTICIPANTS);
  g_autofree char *text = g_strconcat (number, small ? " *" : "", NULL);

  opora_table_row_set_number (row, cell, d->ratio[y], text);
  if (small)
    opora_table_row_set_mood (row, cell, OPORA_CELL_DIM);
}

/* "«2» 12.5 % in 2026 (95 % interval 5.1–27.0 %, 24 participants)". */
static void
append_share2 (GString *text,
               double   share,
               double   n,
               int      year)
{
  g_autofree char *value = opora_format_number (share, 1, FALSE);
  g_autofree char *low_text = NULL;
  g_autofree char *high_text = NULL;
  double low, high;

  if (isnan (share))
    {
      /* Translators: a ВПР work without a share of «2» in a year. */
      g_string_append_printf (text, _("no «2» share in %d"), year);
      return;
    }
  if (!opora_wilson_interval (share, n, OPORA_Z_95, &low, &high))
    {
      /* Translators: the share of mark «2» of a ВПР work in a year; %% is a per cent sign. */
      g_string_append_printf (text, _("«2» %s %% in %d (participants not known)"), value, year);
      return;
    }
  low_text = opora_format_number (low, 1, FALSE);
  high_text = opora_format_number (high, 1, FALSE);
  /* Translators: the share of mark «2» of a ВПР work with its 95 % Wilson interval; %% is a per cent sign. */
  g_string_append_printf (text, ngettext ("«2» %s %% in %d (95 %% interval %s–%s %%, %d participant)",
                                          "«2» %s %% in %d (95 %% interval %s–%s %%, %d participants)", (gulong) n),
                          value, year, low_text, high_text, (int) n);
  if (opora_is_small_number (n, OPORA_DEFAULT_MIN_PARTICIPANTS))
    g_string_append (text, " *");
}

/* Every ВПР work with figures: the share of «2» of both years and how sure it is. */
static char *
vpr_tooltip (const Tooltips *t)
{
  g_autoptr(GString) text = g_string_new (NULL);
  int year = t->year;

  if (t->nonobjective)
    return g_strdup (_("VPR left out (non-objective results)"));
  for (OporaVprWork w = 0; w < OPORA_N_VPR_WORKS; w++)
    {
      const VprFigures *d = &t->vpr[w];

      if (isnan (d->share2[0]) && isnan (d->share2[1]))
        continue;
      g_string_append_printf (text, "%s%s: ", text->len > 0 ? "\n" : "", opora_vpr_work_label (w));
      append_share2 (text, d->share2[1], d->participants[1], year);
      g_string_append (text, "; ");
      append_share2 (text, d->share2[0], d->participants[0], year - 1);
    }
  return text->len > 0 ? g_string_free (g_steal_pointer (&text), FALSE) : NULL;
}

/* −0.059 → "−0.059 ▼", marked negative: the sign and the arrow say it, not
 * only the colour. A figure on too few participants gets a star and counts
 * for nothing. */
static void
set_dynamics (OporaTableRow          *row,
              guint                   cell,
              const OporaEgeDynamics *d)
{
  g_autofree char *number = opora_format_number (d->dynamics, 3, TRUE);
  g_autofree char *text = NULL;

  const char *arrow = d->sign == -1 ? " ▼" : d->sign == +1 ? " ▲" : "";

  text = g_strconcat (number, arrow, d->small ? " *" : "", NULL);
  opora_table_row_set_number (row, cell, d->dynamics, text);
  if (d->small)
    opora_table_row_set_mood (row, cell, OPORA_CELL_DIM);
  else
    opora_table_row_set_mood (row, cell, d->sign == -1 ? OPORA_CELL_NEGATIVE
                                       : d->sign == +1 ? OPORA_CELL_POSITIVE : OPORA_CELL_PLAIN);
}

/* "Mathematics, grade 5: «2» +35 pp" for each work with negative dynamics. */
static guint
vpr_text (const OporaMonitoringRow *r,
          GString                  *text)
{
  guint n = 0;

  for (OporaVprWork w = 0; w < OPORA_N_VPR_WORKS; w++)
    {
      const OporaVprDynamics *d = &r->vpr[w];

      if (d->sign != -1 || d->small)
        continue;
      g_string_append_printf (text, "%s%s:", n++ > 0 ? "; " : "", opora_vpr_work_label (w));
      if (d->delta2 > OPORA_MONITORING_VPR_REFERENCE)
        {
          g_autofree char *delta = opora_format_number (d->delta2, 0, TRUE);
          /* Translators: a rise of the share of mark «2» in percentage points (п. п.). */
          g_string_append_printf (text, _(" «2» %s pp"), delta);
        }
      if (d->delta45 < -OPORA_MONITORING_VPR_REFERENCE)
        {
          g_autofree char *delta = opora_format_number (d->delta45, 0, TRUE);
          /* Translators: a fall of the share of marks «4» and «5» in percentage points (п. п.). */
          g_string_append_printf (text, _(" «4»+«5» %s pp"), delta);
        }
    }
  return n;
}

static void
note_text (const OporaMonitoringRow *r,
           GString                  *text)
{
  if (r->nonobjective)
    g_string_append (text, _("VPR left out (non-objective results)"));
  if (r->small)
    {
      if (text->len > 0)
        g_string_append (text, "; ");
      g_string_append_printf (text, ngettext ("* figures on fewer than %u participant do not count",
                                              "* figures on fewer than %u participants do not count",
                                              OPORA_DEFAULT_MIN_PARTICIPANTS),
                              OPORA_DEFAULT_MIN_PARTICIPANTS);
    }
}

static const char *
negative_text (const OporaMonitoringRow *r)
{
  if (r->negative1 && r->negative2)
    return "1, 2";
  return r->negative1 ? "1" : r->negative2 ? "2" : "";
}

static char *
row_tooltip (OporaTableRow *row,
             guint          cell,
             gconstpointer  data)
{
  const Tooltips *t = data;
  g_autofree char *vpr_figures = NULL;

  switch (cell)
    {
    case CELL_RUS_BEFORE:
    case CELL_RUS_NOW:
      return ratio_tooltip (&t->ege[OPORA_EGE_RUS], cell == CELL_RUS_NOW);

    case CELL_MATH_BEFORE:
    case CELL_MATH_NOW:
      return ratio_tooltip (&t->ege[OPORA_EGE_MATHP], cell == CELL_MATH_NOW);

    case CELL_VPR:
      vpr_figures = vpr_tooltip (t);
      if (vpr_figures != NULL && *opora_table_row_get_text (row, CELL_VPR) != '\0')
        return g_strdup_printf ("%s\n\n%s", opora_table_row_get_text (row, CELL_VPR), vpr_figures);
      return g_steal_pointer (&vpr_figures);

    default:
      return NULL;
    }
}

static OporaTableRow *
row_new (OporaSchoolNames         *schools,
         const OporaMonitoringRow *r,
         int                       year)
{
  OporaTableRow *row = opora_table_row_new (r->school_id, N_CELLS);
  const char *code, *name;
  g_autoptr(GString) vpr = g_string_new (NULL);
  g_autoptr(GString) note = g_string_new (NULL);
  guint n_vpr = vpr_text (r, vpr);
  g_autofree char *search = NULL;

  if (opora_school_names_lookup (schools, r->school_id, &code, &name))
    {
      opora_table_row_set_text (row, CELL_CODE, code);
      opora_table_row_set_text (row, CELL_NAME, name);
      search = g_strdup_printf ("%s %s", code, name);
    }
  opora_table_row_set_search_text (row, search);
  set_ratio (row, CELL_RUS_BEFORE, &r->ege[OPORA_EGE_RUS], 0);
  set_ratio (row, CELL_RUS_NOW, &r->ege[OPORA_EGE_RUS], 1);
  set_dynamics (row, CELL_RUS_DYNAMICS, &r->ege[OPORA_EGE_RUS]);
  set_ratio (row, CELL_MATH_BEFORE, &r->ege[OPORA_EGE_MATHP], 0);
  set_ratio (row, CELL_MATH_NOW, &r->ege[OPORA_EGE_MATHP], 1);
  set_dynamics (row, CELL_MATH_DYNAMICS, &r->ege[OPORA_EGE_MATHP]);
  opora_table_row_set_number (row, CELL_NEGATIVE, r->negative1 + 2 * r->negative2, negative_text (r));
  opora_table_row_set_number (row, CELL_VPR, n_vpr > 0 ? n_vpr : NAN, vpr->str);
  opora_table_row_set_mood (row, CELL_VPR, n_vpr > 0 ? OPORA_CELL_NEGATIVE : OPORA_CELL_PLAIN);
  opora_table_row_set_tooltip_func (row, row_tooltip, tooltips_new (r, year), g_free);
  note_text (r, note);
  opora_table_row_set_text (row, CELL_NOTE, note->str);
  opora_table_row_set_flags (row, r->negative1 || r->negative2 ? ROW_NEGATIVE : 0);
  return row;
}

/* ---- What is shown ---- */

static gboolean
filter_row (gpointer item,
            gpointer user_data)
{
  OporaMonitoringPage *self = user_data;

  if (!gtk_switch_get_active (self->all_switch) && !(opora_table_row_get_flags (item) & ROW_NEGATIVE))
    return FALSE;
  return opora_table_row_matches (item, self->search_folded);
}

static void
update_count (OporaMonitoringPage *self)
{
  guint shown = g_list_model_get_n_items (G_LIST_MODEL (self->filter_model));
  guint total = gtk_switch_get_active (self->all_switch) ? g_list_model_get_n_items (G_LIST_MODEL (self->rows))
                                                         : self->n_negative;
  g_autofree char *text = NULL;

  if (shown == total)
    text = g_strdup_printf (ngettext ("%u school", "%u schools", total), total);
  else
    text = g_strdup_printf (ngettext ("%u of %u school", "%u of %u schools", total), shown, total);
  gtk_label_set_text (self->monitoring_count_label, text);
}

static void
update_stack (OporaMonitoringPage *self)
{
  const char *name = "table";

  if (self->years == NULL || self->years->len == 0)
    name = "no-years";
  else if (g_list_model_get_n_items (G_LIST_MODEL (self->rows)) == 0)
    name = "no-data";
  else if (self->n_negative == 0 && !gtk_switch_get_active (self->all_switch))
    name = "no-negative";
  gtk_stack_set_visible_child_name (self->monitoring_stack, name);
  gtk_widget_set_sensitive (self->toolbar, self->years != NULL && self->years->len > 0);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "monitoring.export",
                                 g_list_model_get_n_items (G_LIST_MODEL (self->rows)) > 0);
}

static void
set_titles (OporaMonitoringPage *self,
            int                  year)
{
  g_autofree char *rus_before = g_strdup_printf (_("USE Russian %d"), year - 1);
  g_autofree char *rus_now = g_strdup_printf (_("USE Russian %d"), year);
  g_autofree char *math_before = g_strdup_printf (_("USE maths %d"), year - 1);
  g_autofree char *math_now = g_strdup_printf (_("USE maths %d"), year);

  gtk_column_view_column_set_title (self->rus_before_column, rus_before);
  gtk_column_view_column_set_title (self->rus_now_column, rus_now);
  gtk_column_view_column_set_title (self->math_before_column, math_before);
  gtk_column_view_column_set_title (self->math_now_column, math_now);
}

static void
show_texts (OporaMonitoringPage *self,
            int                  year,
            guint                n_rows,
            guint                n_negative1,
            guint                n_negative2)
{
  g_autofree char *summary = g_strdup_printf (ngettext ("Negative dynamics in %d against %d: %u of %u school; indicator 1 (USE): %u, indicator 2 (VPR): %u.",
                                                        "Negative dynamics in %d against %d: %u of %u schools; indicator 1 (USE): %u, indicator 2 (VPR): %u.",
                                                        n_rows),
                                              year, year - 1, self->n_negative, n_rows, n_negative1, n_negative2);
  g_autofree char *legend = g_strdup_printf (_("Indicator 1: r is the school’s average USE score divided by the municipality’s, the dynamics r(%d) − r(%d); below 0 it is negative (▼). Indicator 2, VPR of grades 5 and 6: the share of «2» rising or that of «4» and «5» falling by more than 30 percentage points."),
                                             year, year - 1);
  g_autofree char *no_data = g_strdup_printf (_("No school has USE or VPR results for both %d and %d. Import them to see the dynamics."),
                                              year - 1, year);
  g_autofree char *no_negative = g_strdup_printf (ngettext ("None of the %u school shows negative dynamics in %d against %d.",
                                                           "None of the %u schools shows negative dynamics in %d against %d.",
                                                           n_rows),
                                                 n_rows, year, year - 1);

  gtk_label_set_text (self->summary_label, summary);
  gtk_label_set_text (self->legend_label, legend);
  adw_status_page_set_description (self->no_data_page, no_data);
  adw_status_page_set_description (self->no_negative_page, no_negative);
  set_titles (self, year);
}

/* The years t whose year t − 1 has values too, newest first. */
static GArray *
monitoring_years (OporaDb  *db,
                  GError  **error)
{
  g_autoptr(GArray) all = opora_values_years (db, error);
  GArray *years;

  if (all == NULL)
    return NULL;
  years = g_array_new (FALSE, FALSE, sizeof (int));
  for (guint i = all->len; i-- > 1;)
    if (g_array_index (all, int, i - 1) == g_array_index (all, int, i) - 1)
      g_array_append_val (years, g_array_index (all, int, i));
  return years;
}

/* A year's monitoring as the table shows it: built on the thread that computed it,
 * with the workspace's years and schools when the thread read them too. */
typedef struct {
  int               year;         /* 0: no year has a year before */
  GPtrArray        *rows;         /* OporaTableRow */
  guint             n_negative;
  guint             n_negative1;
  guint             n_negative2;
  GArray           *years;        /* nullable: int, newest first */
  OporaSchoolNames *schools;      /* nullable */
} Computed;

static void
computed_free (Computed *c)
{
  if (c == NULL)
    return;
  g_ptr_array_unref (c->rows);
  g_clear_pointer (&c->years, g_array_unref);
  g_clear_pointer (&c->schools, opora_school_names_unref);
  g_free (c);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Computed, computed_free)

static Computed *
build_rows (GArray           *computed,
            OporaSchoolNames *schools,
            int               year)
{
  Computed *c = g_new0 (Computed, 1);

  c->year = year;
  c->rows = g_ptr_array_new_with_free_func (g_object_unref);
  for (guint i = 0; computed != NULL && i < computed->len; i++)
    {
      const OporaMonitoringRow *r = &g_array_index (computed, OporaMonitoringRow, i);

      g_ptr_array_add (c->rows, row_new (schools, r, year));
      c->n_negative += r->negative1 || r->negative2;
      c->n_negative1 += r->negative1;
      c->n_negative2 += r->negative2;
    }
  return c;
}

static void
filled_cb (gboolean done,
           gpointer user_data)
{
  OporaMonitoringPage *self = user_data;

  if (done)
    {
      g_clear_pointer (&self->filler, opora_list_filler_free);
      gtk_spinner_stop (self->computing_spinner);
    }
  update_count (self);
  update_stack (self);
}

/* Shows a year's rows (NULL: none); they go into the list a batch at a time. */
static void
show_rows (OporaMonitoringPage *self,
           int                  year,
           Computed            *c)
{
  guint n = c != NULL ? c->rows->len : 0;

  g_clear_pointer (&self->filler, opora_list_filler_free);
  self->n_negative = c != NULL ? c->n_negative : 0;
  show_texts (self, year, n, c != NULL ? c->n_negative1 : 0, c != NULL ? c->n_negative2 : 0);
  g_list_store_remove_all (self->rows);
  opora_list_incremental_update (self->filter_model, self->sort_model, n);
  self->filler = opora_list_filler_new (self->rows, c != NULL ? g_ptr_array_ref (c->rows) : g_ptr_array_new (),
                                        filled_cb, self);
}

typedef struct {
  char             *path;
  int               year;
  OporaSchoolNames *schools;  /* a reference, or NULL to read the workspace's years and schools first */
} Compute;

static void
compute_free (Compute *c)
{
  g_free (c->path);
  g_clear_pointer (&c->schools, opora_school_names_unref);
  g_free (c);
}

/* The rows of @c's year; without schools, first the workspace's years and
 * schools, and then the newest year's rows. */
static Computed *
compute (OporaDb  *db,
         Compute  *c,
         GError  **error)
{
  g_autoptr(GArray) years = NULL;
  g_autoptr(OporaSchoolNames) schools = NULL;
  g_autoptr(GArray) figures = NULL;
  int year = c->year;
  Computed *computed;

  if (c->schools == NULL)
    {
      if (!(years = monitoring_years (db, error)) || !(schools = opora_school_names_read (db, error)))
        return NULL;
      year = years->len > 0 ? g_array_index (years, int, 0) : 0;
    }
  if (year != 0 && !(figures = opora_monitoring_compute (db, year, error)))
    return NULL;
  computed = build_rows (figures, schools != NULL ? schools : c->schools, year);
  computed->years = g_steal_pointer (&years);
  computed->schools = g_steal_pointer (&schools);
  return computed;
}

/* On a thread, through a read-only connection of its own (WAL lets it read beside the
 * window's): the year's figures and the table's rows of them. */
static void
compute_thread (GTask        *task,
                gpointer      source,
                gpointer      data,
                GCancellable *cancellable)
{
  Compute *c = data;
  g_autoptr(GError) error = NULL;
  g_autoptr(OporaDb) db = opora_db_open (c->path, OPORA_DB_MUST_EXIST | OPORA_DB_READ_ONLY, &error);
  Computed *computed = db != NULL ? compute (db, c, &error) : NULL;

  if (computed != NULL)
    g_task_return_pointer (task, computed, (GDestroyNotify) computed_free);
  else
    g_task_return_error (task, g_steal_pointer (&error));
}

static void
fill_year_list (OporaMonitoringPage *self)
{
  self->updating = TRUE;
  gtk_string_list_splice (self->year_list, 0, g_list_model_get_n_items (G_LIST_MODEL (self->year_list)), NULL);
  for (guint i = 0; self->years != NULL && i < self->years->len; i++)
    {
      int year = g_array_index (self->years, int, i);
      /* Translators: a year of the monitoring against the year before, e.g. "2026 against 2025". */
      g_autofree char *text = g_strdup_printf (_("%d against %d"), year, year - 1);
      gtk_string_list_append (self->year_list, text);
    }
  gtk_drop_down_set_selected (self->year_dropdown, 0);
  self->updating = FALSE;
}

/* Takes the years and schools @c read, if it read them. */
static void
take_workspace (OporaMonitoringPage *self,
                Computed            *c)
{
  if (c == NULL || c->schools == NULL)
    return;
  g_clear_pointer (&self->years, g_array_unref);
  g_clear_pointer (&self->schools, opora_school_names_unref);
  self->years = g_steal_pointer (&c->years);
  self->schools = g_steal_pointer (&c->schools);
  fill_year_list (self);
}

static void
computed_cb (GObject      *source,
             GAsyncResult *result,
             gpointer      user_data)
{
  g_autoptr(OporaMonitoringPage) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(Computed) rows = g_task_propagate_pointer (G_TASK (result), &error);
  Compute *c = g_task_get_task_data (G_TASK (result));

  if (g_task_get_cancellable (G_TASK (result)) != self->computing || self->db == NULL)
    return;
  g_clear_object (&self->computing);
  /* A workspace a second connection cannot open (read-only, say) is computed on this one. */
  if (rows == NULL)
    {
      g_clear_error (&error);
      rows = compute (self->db, c, &error);
    }
  take_workspace (self, rows);
  if (self->schools == NULL)
    self->schools = opora_school_names_new_empty ();
  show_rows (self, rows != NULL ? rows->year : c->year, rows);
  if (rows == NULL && error != NULL)
    opora_toast_show (GTK_WIDGET (self), error->message);
}

static void
stop_computing (OporaMonitoringPage *self)
{
  g_cancellable_cancel (self->computing);
  g_clear_object (&self->computing);
  g_clear_pointer (&self->filler, opora_list_filler_free);
}

/* Computes the monitoring of @year (the newest, while the page has not read the
 * workspace's schools yet) on a thread and shows it when done; the table says it
 * is computing meanwhile. */
static void
start_computing (OporaMonitoringPage *self,
                 int                  year)
{
  g_autoptr(GTask) task = NULL;
  Compute *c = g_new0 (Compute, 1);

  c->path = g_strdup (opora_db_get_path (self->db));
  c->year = year;
  c->schools = self->schools != NULL ? opora_school_names_ref (self->schools) : NULL;
  self->computing = g_cancellable_new ();
  gtk_stack_set_visible_child_name (self->monitoring_stack, "computing");
  gtk_spinner_start (self->computing_spinner);
  task = g_task_new (NULL, self->computing, computed_cb, g_object_ref (self));
  g_task_set_task_data (task, c, (GDestroyNotify) compute_free);
  opora_task_run_in_thread (task, compute_thread);
}

static void
show_year (OporaMonitoringPage *self,
           int                  year)
{
  stop_computing (self);
  if (year == 0 || self->db == NULL)
    show_rows (self, year, NULL);
  else
    start_computing (self, year);
}

/**
 * opora_monitoring_page_is_computing:
 *
 * Returns: whether a year's monitoring is still being computed or put into the list
 */
gboolean
opora_monitoring_page_is_computing (OporaMonitoringPage *self)
{
  g_return_val_if_fail (OPORA_IS_MONITORING_PAGE (self), FALSE);
  return self->computing != NULL || self->filler != NULL;
}

static void
year_selected_cb (GtkDropDown         *dropdown,
                  GParamSpec          *pspec,
                  OporaMonitoringPage *self)
{
  if (self->updating || self->db == NULL)
    return;
  show_year (self, opora_monitoring_page_get_year (self));
}

static void
refilter (OporaMonitoringPage *self)
{
  gtk_filter_changed (GTK_FILTER (self->filter), GTK_FILTER_CHANGE_DIFFERENT);
  update_count (self);
  update_stack (self);
}

static void
all_switched_cb (GtkSwitch           *all_switch,
                 GParamSpec          *pspec,
                 OporaMonitoringPage *self)
{
  refilter (self);
}

static void
show_all_clicked_cb (GtkButton           *button,
                     OporaMonitoringPage *self)
{
  gtk_switch_set_active (self->all_switch, TRUE);
}

static void
search_changed_cb (GtkSearchEntry      *entry,
                   OporaMonitoringPage *self)
{
  const char *text = gtk_editable_get_text (GTK_EDITABLE (entry));

  g_clear_pointer (&self->search_folded, g_free);
  if (*text != '\0')
    self->search_folded = g_utf8_casefold (text, -1);
  refilter (self);
}

static void
stop_search_cb (GtkSearchEntry      *entry,
                OporaMonitoringPage *self)
{
  gtk_editable_set_text (GTK_EDITABLE (entry), "");
}

static void
items_changed_cb (GListModel          *model,
                  guint                position,
                  guint                removed,
                  guint                added,
                  OporaMonitoringPage *self)
{
  update_count (self);
}

/* ---- Export ---- */

/**
 * opora_monitoring_page_export:
 * @self: the page
 * @path: the .xlsx file to write
 *
 * Writes the monitoring of the year shown as a workbook.
 *
 * Returns: %FALSE with @error set on failure
 */
gboolean
opora_monitoring_page_export (OporaMonitoringPage  *self,
                              const char           *path,
                              GError              **error)
{
  g_return_val_if_fail (OPORA_IS_MONITORING_PAGE (self), FALSE);
  g_return_val_if_fail (self->db != NULL, FALSE);

  return opora_export_monitoring (self->db, opora_monitoring_page_get_year (self), path, error);
}

static void
export_response_cb (GtkNativeDialog     *chooser,
                    int                  response,
                    OporaMonitoringPage *self)
{
  g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));
  g_autofree char *path = file != NULL ? g_file_get_path (file) : NULL;
  g_autoptr(GError) error = NULL;

  g_clear_object (&self->chooser);
  if (response != GTK_RESPONSE_ACCEPT || path == NULL || self->db == NULL)
    return;
  if (opora_monitoring_page_export (self, path, &error))
    {
      g_autofree char *name = g_filename_display_basename (path);
      g_autofree char *text = g_strdup_printf (_("Saved “%s”"), name);
      opora_toast_show (GTK_WIDGET (self), text);
    }
  else
    opora_toast_show (GTK_WIDGET (self), error->message);
}

static void
export_cb (GtkWidget  *widget,
           const char *action_name,
           GVariant   *parameter)
{
  OporaMonitoringPage *self = OPORA_MONITORING_PAGE (widget);
  g_autofree char *name = NULL;

  if (self->db == NULL)
    return;
  /* Translators: the suggested file name of the monitoring export; keep the extension. */
  name = g_strdup_printf (_("Monitoring %d.xlsx"), opora_monitoring_page_get_year (self));
  opora_excel_chooser_show (&self->chooser, widget, _("Export the Monitoring"), name,
                            G_CALLBACK (export_response_cb), self);
}

/* ---- The workspace ---- */

/**
 * opora_monitoring_page_set_db:
 * @self: the page
 * @db: (nullable): the workspace to show; the caller keeps it alive while it is shown
 *
 * Reads the years and schools of @db and computes the monitoring of its newest
 * year that has a year before, on a thread; the table says it is computing
 * until its rows are in (opora_monitoring_page_is_computing()). A failure
 * shows in a toast and leaves the table empty.
 *
 * Returns: %TRUE
 */
gboolean
opora_monitoring_page_set_db (OporaMonitoringPage  *self,
                              OporaDb              *db,
                              GError              **error)
{
  g_return_val_if_fail (OPORA_IS_MONITORING_PAGE (self), FALSE);

  stop_computing (self);
  self->db = db;
  g_clear_pointer (&self->years, g_array_unref);
  g_clear_pointer (&self->schools, opora_school_names_unref);
  fill_year_list (self);
  if (db != NULL)
    start_computing (self, 0);
  else
    show_rows (self, 0, NULL);
  return TRUE;
}

static void
opora_monitoring_page_dispose (GObject *object)
{
  OporaMonitoringPage *self = (OporaMonitoringPage *) object;

  if (self->chooser != NULL)
    gtk_native_dialog_destroy (GTK_NATIVE_DIALOG (self->chooser));
  g_clear_object (&self->chooser);
  stop_computing (self);
  self->db = NULL;
  if (self->filter_model != NULL)
    g_signal_handlers_disconnect_by_data (self->filter_model, self);
  if (self->filter != NULL)
    gtk_custom_filter_set_filter_func (self->filter, NULL, NULL, NULL);

  G_OBJECT_CLASS (opora_monitoring_page_parent_class)->dispose (object);
}

static void
opora_monitoring_page_finalize (GObject *object)
{
  OporaMonitoringPage *self = (OporaMonitoringPage *) object;

  g_clear_pointer (&self->years, g_array_unref);
  g_clear_pointer (&self->schools, opora_school_names_unref);
  g_clear_pointer (&self->search_folded, g_free);

  G_OBJECT_CLASS (opora_monitoring_page_parent_class)->finalize (object);
}

static void
opora_monitoring_page_class_init (OporaMonitoringPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = opora_monitoring_page_dispose;
  object_class->finalize = opora_monitoring_page_finalize;

  g_type_ensure (OPORA_TYPE_PACED_SELECTION);
  g_type_ensure (OPORA_TYPE_TABLE_ROW);
  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_BASE "/ui/opora-monitoring-page.ui");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_GROUP);
  gtk_widget_class_bind_template_child (widget_class, OporaMonitoringPage, toolbar);
  gtk_widget_class_bind_template_child (widget_class, OporaMonitoringPage, year_dropdown);
  gtk_widget_class_bind_template_child (widget_class, OporaMonitoringPage, year_list);
  gtk_widget_class_bind_template_child (widget_class, OporaMonitoringPage, monitoring_search);
  gtk_widget_class_bind_template_child (widget_class, OporaMonitoringPage, all_switch);
  gtk_widget_class_bind_template_child (widget_class, OporaMonitoringPage, monitoring_count_label);
  gtk_widget_class_bind_template_child (widget_class, OporaMonitoringPage, monitoring_stack);
  gtk_widget_class_bind_template_child (widget_class, OporaMonitoringPage, computing_spinner);
  gtk_widget_class_bind_template_child (widget_class, OporaMonitoringPage, no_data_page);
  gtk_widget_class_bind_template_child (widget_class, OporaMonitoringPage, no_negative_page);
  gtk_widget_class_bind_template_child (widget_class, OporaMonitoringPage, summary_label);
  gtk_widget_class_bind_template_child (widget_class, OporaMonitoringPage, legend_label);
  gtk_widget_class_bind_template_child (widget_class, OporaMonitoringPage, monitoring_view);
  gtk_widget_class_bind_template_child (widget_class, OporaMonitoringPage, rus_before_column);
  gtk_widget_class_bind_template_child (widget_class, OporaMonitoringPage, rus_now_column);
  gtk_widget_class_bind_template_child (widget_class, OporaMonitoringPage, math_before_column);
  gtk_widget_class_bind_template_child (widget_class, OporaMonitoringPage, math_now_column);
  gtk_widget_class_bind_template_child (widget_class, OporaMonitoringPage, sort_model);
  gtk_widget_class_bind_template_child (widget_class, OporaMonitoringPage, filter_model);
  gtk_widget_class_bind_template_child (widget_class, OporaMonitoringPage, filter);
  gtk_widget_class_bind_template_child (widget_class, OporaMonitoringPage, rows);
  gtk_widget_class_bind_template_callback (widget_class, year_selected_cb);
  gtk_widget_class_bind_template_callback (widget_class, all_switched_cb);
  gtk_widget_class_bind_template_callback (widget_class, show_all_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, search_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, stop_search_cb);
  gtk_widget_class_bind_template_callback (widget_class, items_changed_cb);

  gtk_widget_class_install_action (widget_class, "monitoring.export", NULL, export_cb);
}

static void
opora_monitoring_page_init (OporaMonitoringPage *self)
{
  GListModel *columns;

  gtk_widget_init_template (GTK_WIDGET (self));

  columns = gtk_column_view_get_columns (self->monitoring_view);
  g_assert (g_list_model_get_n_items (columns) == N_CELLS);
  for (guint i = 0; i < N_CELLS; i++)
    {
      g_autoptr(GtkColumnViewColumn) column = g_list_model_get_item (columns, i);
      opora_table_column_setup (column, i, cell_kinds[i]);
    }
  gtk_custom_filter_set_filter_func (self->filter, filter_row, self, NULL);
  gtk_sort_list_model_set_sorter (self->sort_model, gtk_column_view_get_sorter (self->monitoring_view));
  update_count (self);
  update_stack (self);
}

/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The monitoring summary, an analysis's cluster list and the rules' flags as formatted .xlsx workbooks. */

#include <glib/gi18n-lib.h>
#include <math.h>
#include <xlsxwriter.h>

#include "opora-analysis-export.h"
#include "opora-error.h"
#include "opora-export.h"
#include "opora-indicator.h"
#include "opora-interval.h"
#include "opora-monitoring.h"
#include "opora-rule.h"
#include "opora-school.h"

/* A workbook being written, with its formats. Number formats are written
 * as Excel stores them; Excel and LibreOffice show them with the reader's
 * decimal comma. */
typedef struct {
  lxw_workbook  *book;
  lxw_format    *header;
  lxw_format    *text;
  lxw_format    *index;      /* 0.00 */
  lxw_format    *ratio;      /* 0.000 */
  lxw_format    *share;      /* 0.0 */
  lxw_format    *integer;
  GHashTable    *schools;    /* id → OporaSchool */
} Book;

typedef struct {
  const char *title;
  double      width;
} Column;

static void
book_clear (Book *b)
{
  g_clear_pointer (&b->schools, g_hash_table_unref);
}

static gboolean
book_open (Book        *b,
           OporaDb     *db,
           const char  *path,
           GError     **error)
{
  if (!(b->schools = opora_school_table (db, error)))
    return FALSE;
  if (!(b->book = workbook_new (path)))
    {
      g_autofree char *base = g_path_get_basename (path);
      g_set_error (error, OPORA_ERROR, OPORA_ERROR_IO, _("Cannot write “%s”. Choose another folder."), base);
      return FALSE;
    }
  b->header = workbook_add_format (b->book);
  format_set_bold (b->header);
  format_set_text_wrap (b->header);
  format_set_align (b->header, LXW_ALIGN_VERTICAL_TOP);
  format_set_bg_color (b->header, 0xE8EEF4);
  format_set_bottom (b->header, LXW_BORDER_THIN);
  b->text = workbook_add_format (b->book);
  format_set_text_wrap (b->text);
  format_set_align (b->text, LXW_ALIGN_VERTICAL_TOP);
  b->index = workbook_add_format (b->book);
  format_set_num_format (b->index, "0.00");
  b->ratio = workbook_add_format (b->book);
  format_set_num_format (b->ratio, "0.000");
  b->share = workbook_add_format (b->book);
  format_set_num_format (b->share, "0.0");
  b->integer = workbook_add_format (b->book);
  format_set_num_format (b->integer, "0");
  return TRUE;
}

static gboolean
book_close (Book        *b,
            const char  *path,
            GError     **error)
{
  gboolean ok = opora_export_close (g_steal_pointer (&b->book), path, TRUE, error);

  book_clear (b);
  return ok;
}

/* A sheet with a title row, a header row under it, frozen below the header
 * and right of the school's name; returns the first data row. */
static lxw_worksheet *
add_sheet (Book         *b,
           const char   *name,
           const char   *title,
           const Column *columns,
           guint         n_columns,
           guint         frozen_columns)
{
  lxw_worksheet *sheet = workbook_add_worksheet (b->book, name);
  lxw_format *bold = workbook_add_format (b->book);

  format_set_bold (bold);
  format_set_font_size (bold, 13);
  worksheet_write_string (sheet, 0, 0, title, bold);
  for (guint c = 0; c < n_columns; c++)
    {
      worksheet_write_string (sheet, 1, c, _(columns[c].title), b->header);
      worksheet_set_column (sheet, c, c, columns[c].width, NULL);
    }
  worksheet_set_row (sheet, 1, 45, NULL);
  worksheet_freeze_panes (sheet, 2, frozen_columns);
  worksheet_autofilter (sheet, 1, 0, 1, n_columns - 1);
  return sheet;
}

static void
write_number (lxw_worksheet *sheet,
              guint          row,
              guint          column,
              double         value,
              lxw_format    *format)
{
  if (!isnan (value) && isfinite (value))
    worksheet_write_number (sheet, row, column, value, format);
}

static guint
write_school (Book          *b,
              lxw_worksheet *sheet,
              guint          row,
              guint          column,
              gint64         school_id)
{
  OporaSchool *s = g_hash_table_lookup (b->schools, &school_id);

  if (s == NULL)
    return column + 3;
  worksheet_write_string (sheet, row, column, s->code, NULL);
  worksheet_write_string (sheet, row, column + 1, s->name, NULL);
  if (s->municipality != NULL)
    worksheet_write_string (sheet, row, column + 2, s->municipality, NULL);
  return column + 3;
}

/* "18,0 % (11,2–27,6)": a share with its Wilson interval, or just the share
 * when the number of participants is unknown. */
static char *
interval_text (double share,
               double n)
{
  double low, high;

  if (isnan (share))
    return NULL;
  if (!opora_wilson_interval (share, n, OPORA_Z_95, &low, &high))
    return g_strdup_printf ("%.1f %%", share);
  return g_strdup_printf ("%.1f %% (%.1f–%.1f)", share, low, high);
}

static const char *
small_text (const OporaMonitoringRow *r)
{
  gboolean ege = r->ege[0].small || r->ege[1].small;
  gboolean vpr = FALSE;

  for (int w = 0; w < OPORA_N_VPR_WORKS; w++)
    vpr |= r->vpr[w].small;
  return ege && vpr ? _("ЕГЭ and ВПР") : ege ? _("ЕГЭ") : vpr ? _("ВПР") : "";
}

/**
 * opora_export_monitoring:
 * @db: a workspace
 * @year: the year t of the monitoring
 * @path: the .xlsx file to write
 *
 * Writes the summary table (the schools with negative dynamics on indicator
 * 1 or 2, with the figures that put them there) and, on a second sheet,
 * every school's figures.
 *
 * Returns: %FALSE with @error set on failure
 */
gboolean
opora_export_monitoring (OporaDb     *db,
                         int          year,
                         const char  *path,
                         GError     **error)
{
  static const Column columns[] = {
    { N_("School code"), 10 }, { N_("School"), 40 }, { N_("Municipality"), 20 },
    { N_("Indicator 1: negative"), 12 }, { N_("Indicator 2: negative"), 12 }, { N_("ВПР left out (non-objective)"), 14 },
    { N_("ЕГЭ Russian: ratio, previous year"), 13 }, { N_("ЕГЭ Russian: ratio, this year"), 13 },
    { N_("ЕГЭ Russian: dynamics"), 13 },
    { N_("ЕГЭ profile mathematics: ratio, previous year"), 13 }, { N_("ЕГЭ profile mathematics: ratio, this year"), 13 },
    { N_("ЕГЭ profile mathematics: dynamics"), 13 },
    { N_("ВПР Russian 5: change of «2», p.p."), 12 }, { N_("ВПР Russian 5: change of «4»+«5», p.p."), 12 },
    { N_("ВПР Russian 6: change of «2», p.p."), 12 }, { N_("ВПР Russian 6: change of «4»+«5», p.p."), 12 },
    { N_("ВПР mathematics 5: change of «2», p.p."), 12 }, { N_("ВПР mathematics 5: change of «4»+«5», p.p."), 12 },
    { N_("ВПР mathematics 6: change of «2», p.p."), 12 }, { N_("ВПР mathematics 6: change of «4»+«5», p.p."), 12 },
    { N_("Too few participants (figures not used for the flags)"), 18 },
    { N_("ВПР Russian 5: share of «2» this year with its interval at 95 %"), 18 },
    { N_("ВПР Russian 6: share of «2» this year with its interval at 95 %"), 18 },
    { N_("ВПР mathematics 5: share of «2» this year with its interval at 95 %"), 18 },
    { N_("ВПР mathematics 6: share of «2» this year with its interval at 95 %"), 18 },
  };
  g_autoptr(GArray) rows = opora_monitoring_compute (db, year, error);
  g_autoptr(GArray) summary = NULL;
  Book b = { 0 };

  if (rows == NULL || !book_open (&b, db, path, error))
    return FALSE;
  summary = opora_monitoring_summary (rows);
  for (int s = 0; s < 2; s++)
    {
      GArray *list = s == 0 ? summary : rows;
      g_autofree char *title = s == 0
        ? g_strdup_printf (_("Summary table of monitoring, %d: schools with negative dynamics"), year)
        : g_strdup_printf (_("Monitoring indicators 1 and 2, %d, all schools"), year);
      lxw_worksheet *sheet = add_sheet (&b, s == 0 ? _("Summary") : _("All schools"), title,
                                        columns, G_N_ELEMENTS (columns), 2);

      for (guint i = 0; i < list->len; i++)
        {
          OporaMonitoringRow *r = &g_array_index (list, OporaMonitoringRow, i);
          guint row = i + 2, c = write_school (&b, sheet, row, 0, r->school_id);

          worksheet_write_string (sheet, row, c++, r->negative1 ? _("yes") : "", NULL);
          worksheet_write_string (sheet, row, c++, r->negative2 ? _("yes") : "", NULL);
          worksheet_write_string (sheet, row, c++, r->nonobjective ? _("yes") : "", NULL);
          for (int e = 0; e < OPORA_N_EGE_SUBJECTS; e++)
            {
              write_number (sheet, row, c++, r->ege[e].ratio[0], b.ratio);
              write_number (sheet, row, c++, r->ege[e].ratio[1], b.ratio);
              write_number (sheet, row, c++, r->ege[e].dynamics, b.ratio);
            }
          for (int w = 0; w < OPORA_N_VPR_WORKS; w++)
            {
              write_number (sheet, row, c++, r->vpr[w].delta2, b.share);
              write_number (sheet, row, c++, r->vpr[w].delta45, b.share);
            }
          worksheet_write_string (sheet, row, c++, small_text (r), b.text);
          for (int w = 0; w < OPORA_N_VPR_WORKS; w++)
            {
              g_autofree char *interval = interval_text (r->vpr[w].share2[1], r->vpr[w].participants[1]);
              if (interval != NULL)
                worksheet_write_string (sheet, row, c, interval, NULL);
              c++;
            }
        }
    }
  return book_close (&b, path, error);
}

static char *
flags_text (guint flags)
{
  g_autoptr(GPtrArray) parts = g_ptr_array_new ();

  if (flags & OPORA_MEMBER_PROBLEM)
    g_ptr_array_add (parts, (gpointer) _("problem school"));
  if (flags & OPORA_MEMBER_BASE)
    g_ptr_array_add (parts, (gpointer) _("candidate base school"));
  if (flags & OPORA_MEMBER_IMPUTED)
    g_ptr_array_add (parts, (gpointer) _("median imputed"));
  if (flags & OPORA_MEMBER_LEFT_OUT)
    g_ptr_array_add (parts, (gpointer) _("left out: missing data"));
  if (flags & OPORA_MEMBER_NONOBJECTIVE)
    g_ptr_array_add (parts, (gpointer) _("ВПР left out"));
  if (flags & OPORA_MEMBER_SMALL)
    g_ptr_array_add (parts, (gpointer) _("too few participants"));
  if (flags & OPORA_MEMBER_POOLED)
    g_ptr_array_add (parts, (gpointer) _("mean of three years (few participants)"));
  g_ptr_array_add (parts, NULL);
  return g_strjoinv ("; ", (char **) parts->pdata);
}

static const char *
status_text (OporaPairStatus status)
{
  switch (status)
    {
    case OPORA_PAIR_ACCEPTED: return _("accepted");
    case OPORA_PAIR_REJECTED: return _("rejected");
    default: return _("proposed");
    }
}

static void
write_members (Book                *b,
               const OporaAnalysis *a)
{
  static const Column columns[] = {
    { N_("School code"), 10 }, { N_("School"), 40 }, { N_("Municipality"), 20 },
    { N_("Cluster"), 9 }, { N_("Cluster name"), 30 }, { N_("Rank in cluster"), 9 }, { N_("Schools in cluster"), 9 },
    { N_("Context index"), 10 }, { N_("Results index"), 10 },
    { N_("Context percentile"), 11 }, { N_("Results percentile"), 11 },
    { N_("Flags"), 28 }, { N_("Proposed base school"), 36 }, { N_("Pair"), 12 }, { N_("Reason"), 60 },
    /* The regression model only. */
    { N_("Expected results index"), 11 }, { N_("Residual, mean of the years"), 11 }, { N_("Residual standard error"), 11 },
  };
  guint n_columns = G_N_ELEMENTS (columns) - (a->regression != NULL ? 0 : 3);
  g_autofree char *basis = opora_analysis_basis_text (a->params);
  g_autofree char *title = g_strdup_printf (_("Clusters of %s (%s), analysis %lld"),
                                            basis,
                                            opora_model_label (a->params->model),
                                            (long long) a->id);
  lxw_worksheet *sheet = add_sheet (b, _("Clusters"), title, columns, n_columns, 2);

  for (guint i = 0; i < a->members->len; i++)
    {
      const OporaMember *m = &g_array_index (a->members, OporaMember, i);
      const OporaPair *pair = opora_analysis_find_pair (a, m->school_id);
      g_autofree char *flags = flags_text (m->flags);
      guint row = i + 2, c = write_school (b, sheet, row, 0, m->school_id);

      if (m->cluster > 0)
        {
          worksheet_write_number (sheet, row, c, m->cluster, b->integer);
          const char *name = opora_analysis_cluster_name (a, m->cluster);
          if (name != NULL)
            worksheet_write_string (sheet, row, c + 1, name, NULL);
        }
      c += 2;
      if (m->rank > 0)
        {
          worksheet_write_number (sheet, row, c, m->rank, b->integer);
          worksheet_write_number (sheet, row, c + 1, m->cluster_size, b->integer);
        }
      c += 2;
      write_number (sheet, row, c++, m->context_index, b->index);
      write_number (sheet, row, c++, m->results_index, b->index);
      write_number (sheet, row, c++, m->context_percentile, b->share);
      write_number (sheet, row, c++, m->results_percentile, b->share);
      worksheet_write_string (sheet, row, c++, flags, NULL);
      if (pair != NULL)
        {
          OporaSchool *base = pair->base_id > 0 ? g_hash_table_lookup (b->schools, &pair->base_id) : NULL;
          g_autofree char *base_text = base != NULL ? g_strdup_printf ("%s %s", base->code, base->name) : NULL;

          if (base_text != NULL)
            worksheet_write_string (sheet, row, c, base_text, NULL);
          worksheet_write_string (sheet, row, c + 1, status_text (pair->status), NULL);
          worksheet_write_string (sheet, row, c + 2, pair->reason, b->text);
        }
      c += 3;
      if (a->regression != NULL)
        {
          write_number (sheet, row, c++, m->predicted, b->index);
          write_number (sheet, row, c++, m->residual, b->index);
          write_number (sheet, row, c++, m->residual_se, b->index);
        }
    }
}

static void
write_profiles (Book                *b,
                const OporaAnalysis *a,
                GPtrArray           *indicators)
{
  guint d = a->profile_keys != NULL ? g_strv_length (a->profile_keys) : 0;
  g_autofree Column *columns = g_new0 (Column, d + 1);
  g_autoptr(GPtrArray) titles = g_ptr_array_new_with_free_func (g_free);
  lxw_worksheet *sheet;

  columns[0] = (Column) { N_("Cluster"), 12 };
  for (guint c = 0; c < d; c++)
    {
      OporaIndicator *ind = opora_indicator_lookup (indicators, a->profile_keys[c]);
      const char *name = ind != NULL ? opora_indicator_get_name (ind)
                       : g_str_equal (a->profile_keys[c], "context_index") ? _("Context index")
                       : g_str_equal (a->profile_keys[c], "results_index") ? _("Results index")
                       : a->profile_keys[c];
      g_ptr_array_add (titles, g_strdup (name));
      columns[c + 1] = (Column) { titles->pdata[c], 18 };
    }
  sheet = add_sheet (b, _("Profiles"), _("Cluster profiles: the mean z-score of each feature"), columns, d + 1, 1);
  for (guint k = 0; k < a->n_clusters; k++)
    {
      worksheet_write_number (sheet, k + 2, 0, k + 1, b->integer);
      for (guint c = 0; c < d; c++)
        write_number (sheet, k + 2, c + 1, a->profiles[k * d + c], b->index);
    }
}

static void
write_sweep (Book                *b,
             const OporaAnalysis *a)
{
  static const Column columns[] = {
    { N_("Clusters, k"), 12 }, { N_("Silhouette"), 12 }, { N_("Inertia"), 14 },
  };
  lxw_worksheet *sheet = add_sheet (b, _("Choosing k"), _("Choosing k: the exact silhouette of each k"),
                                    columns, G_N_ELEMENTS (columns), 1);

  for (guint i = 0; i < a->sweep->len; i++)
    {
      OporaSweepPoint *p = &g_array_index (a->sweep, OporaSweepPoint, i);
      worksheet_write_number (sheet, i + 2, 0, p->k, b->integer);
      write_number (sheet, i + 2, 1, p->silhouette, b->ratio);
      write_number (sheet, i + 2, 2, p->inertia, b->index);
    }
}

static void
write_regression (Book                         *b,
                  const OporaRegressionSummary *r,
                  GPtrArray                    *indicators)
{
  static const Column columns[] = {
    { N_("Term"), 44 }, { N_("Coefficient"), 14 }, { N_("Standard error"), 14 },
  };
  g_autofree char *title = g_strdup_printf (_("Results index against the context z-scores: R² = %.3f, %u schools"),
                                            r->r_squared, r->n);
  lxw_worksheet *sheet = add_sheet (b, _("Regression"), title, columns, G_N_ELEMENTS (columns), 1);

  for (guint i = 0; i < r->n_coefficients; i++)
    {
      OporaIndicator *ind = i > 0 ? opora_indicator_lookup (indicators, r->keys[i]) : NULL;
      worksheet_write_string (sheet, i + 2, 0, i == 0 ? _("Intercept") : ind != NULL ? opora_indicator_get_name (ind)
                                                                                     : r->keys[i], NULL);
      write_number (sheet, i + 2, 1, r->coefficients[i], b->ratio);
      write_number (sheet, i + 2, 2, r->std_errors[i], b->ratio);
    }
}

/**
 * opora_export_clusters:
 * @db: a workspace
 * @analysis: an analysis
 * @path: the .xlsx file to write
 *
 * Writes the cluster list (school, cluster, rank, indices, flags, proposed
 * base school and the decision on it), the cluster profiles and, for
 * k-means, the silhouette of each k.
 *
 * Returns: %FALSE with @error set on failure
 */
gboolean
opora_export_clusters (OporaDb              *db,
                       const OporaAnalysis  *analysis,
                       const char           *path,
                       GError              **error)
{
  g_autoptr(GPtrArray) indicators = opora_indicator_list (db, error);
  Book b = { 0 };

  if (indicators == NULL || !book_open (&b, db, path, error))
    return FALSE;
  write_members (&b, analysis);
  write_profiles (&b, analysis, indicators);
  if (analysis->sweep->len > 0)
    write_sweep (&b, analysis);
  if (analysis->regression != NULL)
    write_regression (&b, analysis->regression, indicators);
  return book_close (&b, path, error);
}

/* "quadrants, k-means": the models that count the school as a problem school. */
static char *
models_text (const OporaModelComparison *c,
             gint64                      school_id)
{
  g_autoptr(GPtrArray) words = g_ptr_array_new ();

  for (guint i = 0; c != NULL && i < c->schools->len; i++)
    {
      const OporaModelFlags *f = &g_array_index (c->schools, OporaModelFlags, i);

      if (f->school_id != school_id)
        continue;
      for (OporaModel m = 0; m < OPORA_N_MODELS; m++)
        if (f->models & (1u << m))
          g_ptr_array_add (words, (gpointer) opora_model_label (m));
    }
  g_ptr_array_add (words, NULL);
  return g_strjoinv (", ", (char **) words->pdata);
}

static const char *
rule_title (GPtrArray  *rules,
            const char *name)
{
  for (guint i = 0; i < rules->len; i++)
    if (g_str_equal (((OporaRule *) rules->pdata[i])->name, name))
      return ((OporaRule *) rules->pdata[i])->title;
  return name;
}

/* The titles of the rules that flag @school_id: "…; …". */
static char *
rules_text (GPtrArray  *rules,
            GPtrArray  *flags,
            gint64      school_id)
{
  g_autoptr(GString) text = g_string_new (NULL);

  for (guint i = 0; i < flags->len; i++)
    {
      const OporaFlag *f = flags->pdata[i];
      if (f->school_id == school_id)
        g_string_append_printf (text, "%s%s", text->len > 0 ? "; " : "", rule_title (rules, f->rule));
    }
  return g_string_free (g_steal_pointer (&text), FALSE);
}

static void
write_flags (Book      *b,
             int        year,
             GPtrArray *rules,
             GPtrArray *flags,
             const OporaModelComparison *c)
{
  static const Column columns[] = {
    { N_("School code"), 10 }, { N_("School"), 40 }, { N_("Municipality"), 20 },
    { N_("Rule"), 34 }, { N_("Rule version"), 9 }, { N_("Figures behind the flag"), 60 },
    { N_("A problem school in the models"), 24 },
  };
  g_autofree char *title = g_strdup_printf (_("Schools flagged by the rules, %d"), year);
  lxw_worksheet *sheet = add_sheet (b, _("Flags"), title, columns, G_N_ELEMENTS (columns), 2);

  for (guint i = 0; i < flags->len; i++)
    {
      const OporaFlag *f = flags->pdata[i];
      g_autofree char *models = models_text (c, f->school_id);
      guint row = i + 2, col = write_school (b, sheet, row, 0, f->school_id);

      worksheet_write_string (sheet, row, col++, rule_title (rules, f->rule), b->text);
      worksheet_write_number (sheet, row, col++, f->version, b->integer);
      worksheet_write_string (sheet, row, col++, f->evidence, b->text);
      worksheet_write_string (sheet, row, col++, models, b->text);
    }
}

/* "quadrants: analysis № 3; k-means: default settings, not stored; …" */
static char *
sources_text (const OporaModelComparison *c)
{
  g_autoptr(GString) text = g_string_new (NULL);

  for (OporaModel m = 0; m < OPORA_N_MODELS; m++)
    {
      const OporaAnalysis *a = c->analyses[m];
      g_autofree char *source = a->id > 0 ? g_strdup_printf (_("analysis № %lld"), (long long) a->id)
                                          : g_strdup (_("default settings, not stored"));

      g_string_append_printf (text, "%s%s: %s", text->len > 0 ? "; " : "", opora_model_label (m), source);
    }
  return g_string_free (g_steal_pointer (&text), FALSE);
}

static void
write_models (Book                       *b,
              GPtrArray                  *rules,
              GPtrArray                  *flags,
              const OporaModelComparison *c)
{
  static const Column columns[] = {
    { N_("School code"), 10 }, { N_("School"), 40 }, { N_("Municipality"), 20 },
    { N_("Quadrants"), 12 }, { N_("k-means"), 12 }, { N_("Context-adjusted results"), 14 },
    { N_("Rules that flag it"), 50 },
  };
  g_autofree char *sources = sources_text (c);
  /* Translators: the title of the sheet of the models compared: the year, then where each model's figures come from. */
  g_autofree char *title = g_strdup_printf (_("Problem schools of %d by model (%s)"), c->year, sources);
  lxw_worksheet *sheet = add_sheet (b, _("Models compared"), title, columns, G_N_ELEMENTS (columns), 2);

  for (guint i = 0; i < c->schools->len; i++)
    {
      const OporaModelFlags *f = &g_array_index (c->schools, OporaModelFlags, i);
      g_autofree char *named = rules_text (rules, flags, f->school_id);
      guint row = i + 2, col = write_school (b, sheet, row, 0, f->school_id);

      for (OporaModel m = 0; m < OPORA_N_MODELS; m++)
        worksheet_write_string (sheet, row, col++, f->models & (1u << m) ? _("problem") : "", NULL);
      worksheet_write_string (sheet, row, col++, named, b->text);
    }
}

/**
 * opora_export_flags:
 * @db: a workspace
 * @year: the year the rules were applied to
 * @flags: (element-type OporaFlag): the flags, by school, as opora_rule_evaluate() gives them
 * @comparison: (nullable): the models compared for @year (opora_models_compare())
 * @path: the .xlsx file to write
 *
 * Writes a row per flag (school, rule and its version, the figures behind
 * it, the models that count the school as a problem school) and, with
 * @comparison, a sheet of each school's verdict by model and the rules
 * that flag it, titled with where each model's figures come from.
 *
 * Returns: %FALSE with @error set on failure
 */
gboolean
opora_export_flags (OporaDb                    *db,
                    int                         year,
                    GPtrArray                  *flags,
                    const OporaModelComparison *comparison,
                    const char                 *path,
                    GError                    **error)
{
  g_autoptr(GPtrArray) rules = opora_rule_list (db, error);
  Book b = { 0 };

  g_return_val_if_fail (flags != NULL, FALSE);

  if (rules == NULL || !book_open (&b, db, path, error))
    return FALSE;
  write_flags (&b, year, rules, flags, comparison);
  if (comparison != NULL)
    write_models (&b, rules, flags, comparison);
  return book_close (&b, path, error);
}

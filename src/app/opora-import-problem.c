/* SPDX-License-Identifier: GPL-3.0-or-later */
/* A checked cell's problem with its place in the file written the way a spreadsheet shows it. */

#include <glib/gi18n.h>
#include <string.h>

#include "opora-import-problem.h"

struct _OporaImportProblem
{
  GObject        parent_instance;

  OporaSeverity  severity;
  guint32        row;
  guint32        col;
  char          *sheet;
  char          *row_text;   /* "12", or "" for the whole sheet */
  char          *col_text;   /* "C", or "" for the whole row */
  char          *cell_text;
  char          *message;
  char          *folded;     /* everything above, for the search */
};

G_DEFINE_FINAL_TYPE (OporaImportProblem, opora_import_problem, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_SEVERITY_LABEL,
  PROP_ICON_NAME,
  PROP_SHEET,
  PROP_ROW,
  PROP_COLUMN,
  PROP_CELL_TEXT,
  PROP_MESSAGE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/**
 * opora_import_column_name:
 * @col: a 0-based column
 *
 * The column's name as spreadsheets show it: 0 → "A", 25 → "Z", 26 → "AA", 701 → "ZZ".
 *
 * Returns: (transfer full): the name
 */
char *
opora_import_column_name (guint32 col)
{
  char name[8];
  guint i = G_N_ELEMENTS (name) - 1;
  guint64 n = (guint64) col + 1;

  name[i] = '\0';
  while (n > 0 && i > 0)
    {
      name[--i] = 'A' + (n - 1) % 26;
      n = (n - 1) / 26;
    }
  return g_strdup (name + i);
}

static const char *
severity_label (OporaSeverity severity)
{
  return severity == OPORA_SEVERITY_ERROR ? _("Error") : _("Warning");
}

static const char *
severity_icon (OporaSeverity severity)
{
  return severity == OPORA_SEVERITY_ERROR ? "dialog-error-symbolic" : "dialog-warning-symbolic";
}

static void
opora_import_problem_finalize (GObject *object)
{
  OporaImportProblem *self = (OporaImportProblem *) object;

  g_free (self->sheet);
  g_free (self->row_text);
  g_free (self->col_text);
  g_free (self->cell_text);
  g_free (self->message);
  g_free (self->folded);

  G_OBJECT_CLASS (opora_import_problem_parent_class)->finalize (object);
}

static void
opora_import_problem_get_property (GObject    *object,
                                   guint       prop_id,
                                   GValue     *value,
                                   GParamSpec *pspec)
{
  OporaImportProblem *self = OPORA_IMPORT_PROBLEM (object);

  switch (prop_id)
    {
    case PROP_SEVERITY_LABEL: g_value_set_string (value, severity_label (self->severity)); break;
    case PROP_ICON_NAME:      g_value_set_string (value, severity_icon (self->severity)); break;
    case PROP_SHEET:          g_value_set_string (value, self->sheet); break;
    case PROP_ROW:            g_value_set_string (value, self->row_text); break;
    case PROP_COLUMN:         g_value_set_string (value, self->col_text); break;
    case PROP_CELL_TEXT:      g_value_set_string (value, self->cell_text); break;
    case PROP_MESSAGE:        g_value_set_string (value, self->message); break;
    default:                  G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
opora_import_problem_class_init (OporaImportProblemClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  static const char *names[N_PROPS] = {
    NULL, "severity-label", "icon-name", "sheet", "row", "column", "cell-text", "message",
  };

  object_class->finalize = opora_import_problem_finalize;
  object_class->get_property = opora_import_problem_get_property;

  for (guint i = 1; i < N_PROPS; i++)
    properties[i] = g_param_spec_string (names[i], NULL, NULL, NULL,
                                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
opora_import_problem_init (OporaImportProblem *self)
{
}

/**
 * opora_import_problem_new:
 * @problem: a problem of opora_import_get_problems()
 *
 * Returns: (transfer full): the item, with rows numbered from 1 and columns lettered
 */
OporaImportProblem *
opora_import_problem_new (const OporaProblem *problem)
{
  OporaImportProblem *self;
  g_autofree char *all = NULL;

  g_return_val_if_fail (problem != NULL, NULL);

  self = g_object_new (OPORA_TYPE_IMPORT_PROBLEM, NULL);
  self->severity = problem->severity;
  self->row = problem->row;
  self->col = problem->col;
  self->sheet = g_strdup (problem->sheet ? problem->sheet : "");
  self->row_text = problem->row != G_MAXUINT32 ? g_strdup_printf ("%u", problem->row + 1) : g_strdup ("");
  self->col_text = problem->col != G_MAXUINT32 ? opora_import_column_name (problem->col) : g_strdup ("");
  self->cell_text = g_strdup (problem->cell_text ? problem->cell_text : "");
  self->message = g_strdup (problem->message);
  all = g_strjoin ("\n", self->sheet, self->cell_text, self->message, NULL);
  self->folded = g_utf8_casefold (all, -1);
  return self;
}

OporaSeverity
opora_import_problem_get_severity (OporaImportProblem *self)
{
  g_return_val_if_fail (OPORA_IS_IMPORT_PROBLEM (self), OPORA_SEVERITY_ERROR);
  return self->severity;
}

/* Returns: the 0-based source row, or G_MAXUINT32 for the whole sheet */
guint32
opora_import_problem_get_row (OporaImportProblem *self)
{
  g_return_val_if_fail (OPORA_IS_IMPORT_PROBLEM (self), G_MAXUINT32);
  return self->row;
}

/* Returns: the 0-based source column, or G_MAXUINT32 for the whole row */
guint32
opora_import_problem_get_col (OporaImportProblem *self)
{
  g_return_val_if_fail (OPORA_IS_IMPORT_PROBLEM (self), G_MAXUINT32);
  return self->col;
}

const char *
opora_import_problem_get_message (OporaImportProblem *self)
{
  g_return_val_if_fail (OPORA_IS_IMPORT_PROBLEM (self), NULL);
  return self->message;
}

/**
 * opora_import_problem_matches:
 * @self: a problem
 * @folded: (nullable): a search, case-folded with g_utf8_casefold()
 *
 * Returns: whether the sheet, the cell's text or the message contain
 *   @folded, or the row number or column letter equal it; %TRUE for %NULL
 */
gboolean
opora_import_problem_matches (OporaImportProblem *self,
                              const char         *folded)
{
  g_autofree char *col = NULL;

  g_return_val_if_fail (OPORA_IS_IMPORT_PROBLEM (self), FALSE);

  if (folded == NULL || strstr (self->folded, folded) != NULL || g_strcmp0 (self->row_text, folded) == 0)
    return TRUE;
  col = g_utf8_casefold (self->col_text, -1);
  return g_strcmp0 (col, folded) == 0;
}

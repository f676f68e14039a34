/* SPDX-License-Identifier: GPL-3.0-or-later */
/* An import: checking a file's rows against the workspace, then committing them as one batch. */
#pragma once

#include <gio/gio.h>

#include "opora-layout.h"
#include "opora-reader.h"

G_BEGIN_DECLS

typedef struct _OporaDb     OporaDb;
typedef struct _OporaImport OporaImport;

typedef enum {
  OPORA_SEVERITY_WARNING,  /* imported, but look at it (a value read as missing, a school matched by name) */
  OPORA_SEVERITY_ERROR,    /* this cell or row is not imported */
} OporaSeverity;

typedef struct {
  char          *sheet;      /* the sheet's name */
  guint32        row;        /* 0-based source row, G_MAXUINT32 for the whole sheet */
  guint32        col;        /* 0-based source column, G_MAXUINT32 for the whole row */
  OporaSeverity  severity;
  char          *cell_text;  /* (nullable) what the cell said */
  char          *message;    /* translated: what is wrong and what happens */
} OporaProblem;

typedef struct {
  guint rows;            /* data rows read */
  guint rows_skipped;    /* totals, blank and refused rows */
  guint schools_new;     /* schools the import adds */
  guint schools_matched; /* existing schools it updates */
  guint values_new;      /* values where none was stored */
  guint values_changed;  /* stored values it replaces */
  guint values_same;     /* values equal to the stored ones */
  guint values_missing;  /* empty cells and placeholders */
  guint errors;
  guint warnings;
} OporaImportCounts;

/* @done of @total rows; @total is 0 while it is not known (reading streams). */
/* A school the user may want to confirm: added as new, or matched by name only. */
typedef struct {
  char      *key;           /* what identifies it in the file: its code, or "name:" and its name key */
  char      *code;          /* the code it gets or has */
  char      *name;          /* as the file writes it */
  char      *sheet;
  guint32    row;           /* first row that names it */
  gint64     matched_id;    /* the existing school it was matched to by name, or 0 when new */
  GPtrArray *candidates;    /* OporaSchool: existing schools with similar names, closest first */
} OporaSchoolDecision;

typedef void (*OporaProgressFunc) (guint    done,
                                   guint    total,
                                   gpointer user_data);

#define OPORA_IMPORT_MAX_PROBLEMS 10000

void                     opora_problem_free        (OporaProblem      *problem);

OporaImport             *opora_import_new          (OporaDb           *db,
                                                    OporaReader       *reader,
                                                    GError           **error);
void                     opora_import_free         (OporaImport       *import);
void                     opora_import_add_sheet    (OporaImport       *import,
                                                    guint              sheet,
                                                    OporaLayout       *layout,
                                                    int                year);
gboolean                 opora_import_check        (OporaImport       *import,
                                                    GCancellable      *cancellable,
                                                    OporaProgressFunc  progress,
                                                    gpointer           user_data,
                                                    GError           **error);
GPtrArray               *opora_import_get_problems (OporaImport       *import);
GPtrArray               *opora_import_get_decisions (OporaImport      *import);
void                     opora_import_decide       (OporaImport       *import,
                                                    const char        *key,
                                                    gint64             school_id);
const OporaImportCounts *opora_import_get_counts   (OporaImport       *import);
const char              *opora_import_get_sha256   (OporaImport       *import);
gint64                   opora_import_get_earlier_batch (OporaImport  *import);
gint64                   opora_import_check_and_commit (OporaImport   *import,
                                                    GCancellable      *cancellable,
                                                    OporaProgressFunc  progress,
                                                    gpointer           user_data,
                                                    GError           **error);
gint64                   opora_import_commit       (OporaImport       *import,
                                                    GCancellable      *cancellable,
                                                    OporaProgressFunc  progress,
                                                    gpointer           user_data,
                                                    GError           **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (OporaImport, opora_import_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (OporaProblem, opora_problem_free)

G_END_DECLS

/* SPDX-License-Identifier: GPL-3.0-or-later */
/* What the import wizard's files share: the window, its sheets and the steps' entry points. */
#pragma once

#include "opora-import.h"
#include "opora-import-window.h"
#include "opora-indicator.h"
#include "opora-layout.h"
#include "opora-reader.h"
#include "opora-sheet.h"

G_BEGIN_DECLS

#define PREVIEW_ROWS 30

/* One sheet of the file and what the user chose for it. */
typedef struct {
  guint        index;
  char        *name;
  gboolean     hidden;
  gboolean     take;
  int          year;             /* the exam year of every row */
  gboolean     year_from_column; /* rows give their year instead */
  OporaSheet  *preview;          /* NULL until shown or checked */
  OporaLayout *layout;
  char        *error;            /* why the preview could not be read */
} ImportSheet;

/* What the check thread made; the commit thread writes it. Owned by one thread at a time. */
typedef struct {
  OporaDb     *db;
  OporaReader *reader;
  OporaImport *import;
} ImportJob;

struct _OporaImportWindow
{
  AdwWindow           parent_instance;

  /* Template widgets */
  AdwToastOverlay    *toast_overlay;
  AdwWindowTitle     *window_title;
  GtkWidget          *back_button;
  GtkWidget          *next_button;
  GtkWidget          *close_button;
  GtkStack           *step_stack;
  AdwStatusPage      *error_page;
  GtkLabel           *format_label;
  GtkWidget          *text_options;
  GtkDropDown        *encoding_dropdown;
  GtkDropDown        *separator_dropdown;
  GtkListBox         *sheet_list;
  GtkLabel           *rows_heading;
  GtkSpinButton      *header_first_spin;
  GtkSpinButton      *header_last_spin;
  GtkSpinButton      *data_row_spin;
  GtkLabel           *preview_label;
  GtkScrolledWindow  *preview_scroller;
  GtkLabel           *columns_label;
  GtkDropDown        *column_sheet_dropdown;
  GtkListBox         *column_list;
  GtkLabel           *columns_hint;
  AdwStatusPage      *progress_page;
  GtkProgressBar     *progress_bar;
  GtkInfoBar         *earlier_bar;
  GtkLabel           *earlier_label;
  GtkLabel           *summary_label;
  GtkWidget          *check_switcher;
  GtkStack           *check_views;
  GtkStackPage       *schools_page;
  GtkListBox         *school_list;
  GtkToggleButton    *show_errors_button;
  GtkToggleButton    *show_warnings_button;
  GtkSearchEntry     *problem_search;
  GtkStack           *problem_stack;
  AdwStatusPage      *no_problems_page;
  GtkColumnView      *problem_view;
  GtkColumnViewColumn *sheet_column;
  GtkFilterListModel *problem_filter_model;
  GtkCustomFilter    *problem_filter;
  GListStore         *problems;
  AdwStatusPage      *done_page;

  /* Owned */
  char               *path;
  OporaReader        *reader;       /* the main thread's, for previews */
  GPtrArray          *sheets;       /* ImportSheet */
  GPtrArray          *indicators;   /* OporaIndicator, the workspace's catalogue */
  GListStore         *targets;      /* OporaImportTarget */
  GCancellable       *cancellable;  /* of the running check or commit */
  ImportJob          *job;          /* a checked import, ready to commit */
  GHashTable         *decisions;    /* the user's: school decision key → gint64 school id, 0 = new */
  char               *focus_key;    /* the decision whose drop-down had focus before a new check */
  GtkFileChooserNative *chooser;
  guint               current;      /* the sheet shown in the preview and the Columns step */
  gboolean            updating;     /* set while code, not the user, changes the controls */
  gboolean            closed;

  /* Borrowed: the main window outlives its modal wizard */
  OporaWindow        *window;
};

OporaDb      *opora_import_window_get_db       (OporaImportWindow *self);
ImportSheet  *opora_import_window_get_sheet    (OporaImportWindow *self);
void          opora_import_window_show_toast   (OporaImportWindow *self,
                                                const char        *text);
void          opora_import_window_update_nav   (OporaImportWindow *self);
void          import_job_free                  (ImportJob         *job);
char         *opora_import_cell_text           (OporaSheet        *sheet,
                                                guint              index,
                                                guint32            col);

/* opora-import-window-columns.c */
void          opora_import_window_columns_init    (OporaImportWindow *self);
void          opora_import_window_show_columns    (OporaImportWindow *self);
gboolean      opora_import_window_columns_ready   (OporaImportWindow *self);
void          opora_import_window_apply_preset    (OporaImportWindow *self,
                                                   ImportSheet       *sheet);
void          opora_import_window_save_preset     (OporaImportWindow *self);

/* opora-import-window-schools.c */
void          opora_import_window_schools_init    (OporaImportWindow *self);
void          opora_import_window_show_decisions  (OporaImportWindow *self);

/* opora-import-window-check.c */
void          opora_import_window_start_check     (OporaImportWindow *self);
void          opora_import_window_start_commit    (OporaImportWindow *self);
void          opora_import_window_stop            (OporaImportWindow *self);
void          opora_import_window_export_report   (OporaImportWindow *self);
void          opora_import_window_filter_problems (OporaImportWindow *self);
guint         opora_import_window_count_values    (OporaImportWindow *self);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (ImportJob, import_job_free)

G_END_DECLS

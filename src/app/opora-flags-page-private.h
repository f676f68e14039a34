/* SPDX-License-Identifier: GPL-3.0-or-later */
/* What opora-flags-page.c (the year, the flags) and opora-flags-page-compare.c (the models) share. */
#pragma once

#include "opora-flags-page.h"
#include "opora-list-filler.h"
#include "opora-model-compare.h"
#include "opora-rule-editor.h"
#include "opora-rule.h"
#include "opora-school-names.h"
#include "opora-table-row.h"

G_BEGIN_DECLS

/* What applying the rules to a year found (opora-flags-page.c). */
typedef struct _FlagsEvaluation FlagsEvaluation;

struct _OporaFlagsPage
{
  AdwBin               parent_instance;

  /* Template widgets */
  GtkStack            *page_stack;
  GtkDropDown         *year_dropdown;
  GtkStringList       *year_list;
  GtkSpinner          *spinner;
  GtkLabel            *summary_label;
  AdwViewStack        *view_stack;
  GtkSearchEntry      *flag_search;
  GtkDropDown         *rule_dropdown;
  GtkStringList       *rule_filter_list;
  GtkLabel            *flag_count_label;
  GtkLabel            *problem_label;
  GtkStack            *flag_stack;
  AdwStatusPage       *no_flags_page;
  GtkColumnView       *flag_view;
  GtkSingleSelection  *flag_selection;
  GtkSortListModel    *flag_sort;
  GtkFilterListModel  *flag_filter_model;
  GtkCustomFilter     *flag_filter;
  GListStore          *flags;
  GtkRevealer         *flag_revealer;
  GtkLabel            *flag_detail_label;
  OporaRuleEditor     *rule_editor;
  GtkStack            *compare_stack;
  AdwStatusPage       *no_compare_page;
  GtkLabel            *compare_label;
  GListStore          *model_rows;
  GtkColumnView       *model_view;
  GtkLabel            *default_label;
  GtkSwitch           *disagree_switch;
  GtkColumnView       *compare_view;
  GtkSortListModel    *compare_sort;
  GtkCustomFilter     *compare_filter;
  GListStore          *compare_rows;

  /* Owned */
  GArray              *years;          /* int, newest first */
  OporaSchoolNames    *schools;        /* the codes and names the tables show */
  GPtrArray           *rules;          /* OporaRule, in their order */
  GCancellable        *loading;        /* while the years and schools are read */
  GCancellable        *cancellable;    /* while the rules are applied */
  OporaListFiller     *filler;         /* the flags of @shown, going into the table */
  FlagsEvaluation     *shown;          /* what the tables show, NULL before the first */
  GtkFileChooserNative *chooser;
  char                *search_folded;  /* NULL when the search is empty */
  gboolean             updating;       /* the drop-downs are being filled */

  /* Borrowed: the window owns the workspace and sets a new one before freeing this */
  OporaDb             *db;
};

void               opora_flags_page_compare_init       (OporaFlagsPage             *self);
void               opora_flags_page_compare_class_init (GtkWidgetClass             *widget_class);
void               opora_flags_page_show_comparison    (OporaFlagsPage             *self,
                                                        const OporaModelComparison *comparison,
                                                        const char                 *problem,
                                                        GPtrArray                  *flags);
char              *opora_flags_page_models_text        (guint                       models);
const OporaRule   *opora_flags_page_rule               (OporaFlagsPage             *self,
                                                        const char                 *name,
                                                        guint                      *position);
void               opora_flags_page_set_school         (OporaFlagsPage             *self,
                                                        OporaTableRow              *row,
                                                        guint                       code_cell,
                                                        gint64                      school_id);

G_END_DECLS

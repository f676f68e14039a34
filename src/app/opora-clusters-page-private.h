/* SPDX-License-Identifier: GPL-3.0-or-later */
/* What opora-clusters-page.c (controls, runs) and opora-clusters-page-members.c (tables, pairs) share. */
#pragma once

#include "opora-analysis-store.h"
#include "opora-chart-presentation.h"
#include "opora-chart-view.h"
#include "opora-cluster-names.h"
#include "opora-clusters-page.h"
#include "opora-list-filler.h"
#include "opora-school-names.h"
#include "opora-sweep-chart.h"
#include "opora-table-row.h"

G_BEGIN_DECLS

/* The cells of a member row, in the order of the columns of the template. */
enum {
  MEMBER_CODE,
  MEMBER_NAME,
  MEMBER_CLUSTER,
  MEMBER_RANK,
  MEMBER_CONTEXT,
  MEMBER_RESULTS,
  MEMBER_FLAGS,
  MEMBER_BASE,
  MEMBER_PAIR,
  MEMBER_CONTEXT_PERCENTILE,
  MEMBER_RESULTS_PERCENTILE,
  N_MEMBER_CELLS
};

struct _OporaClustersPage
{
  AdwBin                parent_instance;

  /* Template widgets */
  GtkStack             *clusters_stack;
  GtkSpinner           *loading_spinner;
  AdwFlap              *flap;
  GtkWidget            *controls_box;
  AdwComboRow          *year_row;
  GtkStringList        *year_list;
  AdwComboRow          *model_row;
  AdwComboRow          *basis_row;
  AdwActionRow         *small_row;
  GtkSwitch            *small_switch;
  AdwActionRow         *context_row;
  AdwActionRow         *results_row;
  AdwActionRow         *features_row;
  AdwPreferencesGroup  *kmeans_group;
  AdwPreferencesGroup  *threshold_group;
  AdwComboRow          *k_row;
  AdwComboRow          *missing_row;
  AdwComboRow          *threshold_row;
  AdwActionRow         *context_threshold_row;
  AdwActionRow         *results_threshold_row;
  AdwActionRow         *problem_share_row;
  GtkSpinButton        *context_threshold_spin;
  GtkSpinButton        *results_threshold_spin;
  GtkSpinButton        *problem_share_spin;
  GtkSpinButton        *max_per_base_spin;
  GtkButton            *run_button;
  GtkButton            *stop_button;
  GtkStack             *result_stack;
  GtkSpinner           *spinner;
  GtkLabel             *summary_label;
  GtkLabel             *run_label;
  AdwViewStack         *view_stack;
  AdwViewStackPage     *sweep_page;
  GtkSearchEntry       *member_search;
  GtkDropDown          *filter_dropdown;
  GtkStringList        *filter_list;
  GtkLabel             *member_count_label;
  GtkColumnView        *member_view;
  GtkColumnViewColumn  *cluster_column;
  GtkSingleSelection   *member_selection;
  GtkSortListModel     *member_sort;
  GtkFilterListModel   *member_filter_model;
  GtkCustomFilter      *member_filter;
  GListStore           *members;
  GtkActionBar         *pair_bar;
  GtkLabel             *pair_label;
  GtkLabel             *pair_reason_label;
  GtkMenuButton        *choose_base_button;
  GtkLabel             *base_list_label;
  GtkListBox           *base_list;
  GtkColumnView        *profile_view;
  GtkSortListModel     *profile_sort;
  GListStore           *profile_rows;
  OporaClusterNames    *cluster_names;
  GtkColumnView        *sweep_view;
  GtkSortListModel     *sweep_sort;
  GListStore           *sweep_rows;
  OporaSweepChart      *sweep_chart;
  AdwViewStackPage     *chart_page;
  GtkSearchEntry       *chart_search;
  GtkDropDown          *x_dropdown;
  GtkDropDown          *y_dropdown;
  GtkStringList        *axis_list;
  GtkCheckButton       *labels_check;
  GtkCheckButton       *arrows_check;
  GtkCheckButton       *trajectories_check;
  GtkCheckButton       *sizes_check;
  OporaChartView       *chart_view;
  GtkSpinner           *chart_spinner;
  GtkRevealer          *chart_bar;
  GtkLabel             *chart_bar_title;
  GtkLabel             *chart_bar_detail;
  GtkButton            *show_in_table_button;
  GtkMenuButton        *band_button;
  GtkListBox           *band_list;

  /* Owned */
  OporaAnalysisParams  *params;        /* what the controls show; NULL without data */
  OporaAnalysis        *analysis;      /* the analysis shown, NULL when none */
  GHashTable           *pairs;         /* school id → OporaPair, borrowed from @analysis */
  OporaSchoolNames     *schools;       /* the codes and names the tables show */
  GPtrArray            *indicators;    /* OporaIndicator: the catalogue */
  GArray               *years;         /* int, newest first */
  GCancellable         *cancellable;   /* while an analysis runs */
  GCancellable         *loading;       /* while the workspace is read on a thread */
  OporaListFiller      *member_filler; /* the rows of @analysis, going into the school table */
  GtkFileChooserNative *chooser;
  char                 *search_folded; /* NULL when the search is empty */
  char                 *save_problem;  /* why @analysis is not stored, or NULL */
  gboolean              updating;      /* the controls are being set from @params */
  GPtrArray            *axis_keys;     /* char *: the key of each entry of the axis drop-downs */
  OporaAnalysis        *previous;      /* last year's stored run of the model shown, or NULL */
  gboolean              chart_stale;   /* the chart is not of the analysis shown */
  GCancellable         *chart_building; /* while the chart is built on a thread */
  GHashTable           *presentation_runs; /* year → OporaAnalysis the presentation loaded */
  GtkFileChooserNative *chart_chooser;
  OporaPlotFormat       export_format; /* the last export's choices, also for copying */
  double                export_width, export_height, export_dpi;
  OporaChartPresentation *presentation; /* while it is open; it destroys itself */

  /* Borrowed: the window owns the workspace and sets a new one before freeing this */
  OporaDb              *db;
};

void               opora_clusters_page_members_init   (OporaClustersPage *self);
void               opora_clusters_page_members_class_init (GtkWidgetClass *widget_class);
void               opora_clusters_page_show_members   (OporaClustersPage *self);
void               opora_clusters_page_update_pair    (OporaClustersPage *self);
void               opora_clusters_page_toast          (OporaClustersPage *self,
                                                       const char        *text);
gboolean           opora_clusters_page_lookup_school  (OporaClustersPage *self,
                                                       gint64             id,
                                                       const char       **code,
                                                       const char       **name);
char              *opora_clusters_page_school_text    (OporaClustersPage *self,
                                                       gint64             id);
char              *opora_clusters_page_flags_text     (guint              flags);

void               opora_clusters_page_chart_init     (OporaClustersPage *self);
void               opora_clusters_page_chart_dispose  (OporaClustersPage *self);
void               opora_clusters_page_chart_class_init (GtkWidgetClass *widget_class);
void               opora_clusters_page_fill_axes      (OporaClustersPage *self);
void               opora_clusters_page_update_chart   (OporaClustersPage *self);
void               opora_clusters_page_chart_select   (OporaClustersPage *self,
                                                       gint64             id);
void               opora_clusters_page_chart_search   (OporaClustersPage *self);

G_END_DECLS

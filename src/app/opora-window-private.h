/* SPDX-License-Identifier: GPL-3.0-or-later */
/* What opora-window.c and opora-window-actions.c share. */
#pragma once

#include "opora-clusters-page.h"
#include "opora-dashboard-page.h"
#include "opora-data-page.h"
#include "opora-flags-page.h"
#include "opora-indicators-page.h"
#include "opora-monitoring-page.h"
#include "opora-people-page.h"
#include "opora-programs-page.h"
#include "opora-window.h"

G_BEGIN_DECLS

struct _OporaWindow
{
  AdwApplicationWindow  parent_instance;

  /* Template widgets */
  AdwToastOverlay      *toast_overlay;
  AdwLeaflet           *leaflet;
  GtkWidget            *content_pane;
  GtkListBox           *sidebar;
  AdwWindowTitle       *window_title;
  GtkInfoBar           *read_only_bar;
  GtkStack             *content_stack;
  AdwViewStack         *section_stack;
  OporaDashboardPage   *dashboard_page;
  OporaDataPage        *data_page;
  OporaClustersPage    *clusters_page;
  OporaMonitoringPage  *monitoring_page;
  OporaFlagsPage       *flags_page;
  OporaProgramsPage    *programs_page;
  OporaPeoplePage      *people_page;
  OporaIndicatorsPage  *indicators_page;
  GMenu                *recent_section;

  /* Owned */
  GSettings            *settings;
  OporaDb              *db;
  GtkFileChooserNative *chooser;
  gboolean              exporting;  /* every value, on a thread */
};

void opora_window_actions_init   (OporaWindow *self);
void opora_window_update_actions (OporaWindow *self);
void opora_window_reload         (OporaWindow *self);
void opora_window_reload_page    (OporaWindow *self,
                                  GtkWidget   *page);
void opora_window_show_toast     (OporaWindow *self,
                                  const char  *text);

G_END_DECLS

/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The main window: a sidebar of sections over one open workspace. */
#pragma once

#include <adwaita.h>

#include "opora-db.h"

G_BEGIN_DECLS

#define OPORA_TYPE_WINDOW (opora_window_get_type ())

G_DECLARE_FINAL_TYPE (OporaWindow, opora_window, OPORA, WINDOW, AdwApplicationWindow)

OporaWindow *opora_window_new                (GtkApplication  *application);
OporaDb     *opora_window_get_db             (OporaWindow     *self);
void         opora_window_take_db            (OporaWindow     *self,
                                              OporaDb         *db);
gboolean     opora_window_open               (OporaWindow     *self,
                                              const char      *path,
                                              OporaDbFlags     flags,
                                              GError         **error);
gboolean     opora_window_open_or_report     (OporaWindow     *self,
                                              const char      *path,
                                              OporaDbFlags     flags);
void         opora_window_report_error       (OporaWindow     *self,
                                              const char      *heading,
                                              const GError    *error);
void         opora_window_imported           (OporaWindow     *self,
                                              gint64           batch,
                                              guint            n_values);
gboolean     opora_window_undo_import        (OporaWindow     *self,
                                              gint64           batch,
                                              GError         **error);
gboolean     opora_window_restore_backup     (OporaWindow     *self,
                                              const char      *backup_path,
                                              GError         **error);
void         opora_window_export_values      (OporaWindow     *self,
                                              const char      *path);
OporaWindow *opora_window_open_in_new_window (OporaWindow     *self,
                                              const char      *path);

G_END_DECLS

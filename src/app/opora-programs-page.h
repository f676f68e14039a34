/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The Programs section: support programs (road maps), their measures, timeline, monitoring and output. */
#pragma once

#include <adwaita.h>

#include "opora-db.h"
#include "opora-program.h"

G_BEGIN_DECLS

#define OPORA_TYPE_PROGRAMS_PAGE (opora_programs_page_get_type ())

G_DECLARE_FINAL_TYPE (OporaProgramsPage, opora_programs_page, OPORA, PROGRAMS_PAGE, AdwBin)

gboolean  opora_programs_page_set_db          (OporaProgramsPage  *self,
                                               OporaDb            *db,
                                               GError            **error);
void      opora_programs_page_set_today       (OporaProgramsPage  *self,
                                               const char         *today);
GArray   *opora_programs_page_create_from_run (OporaProgramsPage  *self,
                                               const char         *template_name,
                                               GError            **error);
gint64    opora_programs_page_get_program     (OporaProgramsPage  *self);
void      opora_programs_page_open_program    (OporaProgramsPage  *self,
                                               gint64              program_id);
gboolean  opora_programs_page_edit_measure    (OporaProgramsPage  *self,
                                               gint64              measure_id,
                                               OporaMeasureField   field,
                                               const char         *value,
                                               GError            **error);
gboolean  opora_programs_page_save_template  (OporaProgramsPage  *self,
                                               const char         *name,
                                               GError            **error);
gboolean  opora_programs_page_export          (OporaProgramsPage  *self,
                                               const char         *path,
                                               GError            **error);
gboolean  opora_programs_page_print_to_file   (OporaProgramsPage  *self,
                                               const char         *pdf_path,
                                               GError            **error);

G_END_DECLS

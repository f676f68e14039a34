/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Program templates: the shipped measure lists of the seeds (data files) and the user's own. */
#pragma once

#include "opora-program.h"

G_BEGIN_DECLS

/* A measure of a template; months count from August of the school year (0 = August, 11 = July). */
typedef struct {
  char             *stage;
  OporaDirection    direction;
  char             *title;
  int               start_month;
  int               end_month;
  OporaTargetGroup  target;
  char             *report_form;
  char             *responsible;
  char             *participants;
  gboolean          cyclic;
} OporaTemplateMeasure;

typedef struct {
  char      *name;      /* "armavir", as --template takes it */
  char      *title;
  char      *source;    /* where the measures come from */
  char      *goal;
  gboolean   builtin;   /* shipped with Opora, not saved by the user */
  GPtrArray *measures;  /* of OporaTemplateMeasure */
} OporaProgramTemplate;

void                  opora_program_template_free      (OporaProgramTemplate        *tmpl);
OporaProgramTemplate *opora_program_template_parse     (const char                  *json,
                                                        gssize                       length,
                                                        const char                  *file_name,
                                                        GError                     **error);
OporaProgramTemplate *opora_program_template_load_file (const char                  *path,
                                                        GError                     **error);
GPtrArray            *opora_program_template_list      (OporaDb                     *db,
                                                        GError                     **error);
OporaProgramTemplate *opora_program_template_find      (OporaDb                     *db,
                                                        const char                  *name,
                                                        GError                     **error);
void                  opora_program_template_dates     (int                          year,
                                                        int                          start_month,
                                                        int                          end_month,
                                                        char                       **start,
                                                        char                       **end);
GPtrArray            *opora_program_template_instantiate (const OporaProgramTemplate *tmpl,
                                                        int                          year);
char                 *opora_program_template_to_json   (const OporaProgramTemplate  *tmpl);
gboolean              opora_program_template_save      (OporaDb                     *db,
                                                        gint64                       program_id,
                                                        const char                  *name,
                                                        const char                  *title,
                                                        GError                     **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (OporaProgramTemplate, opora_program_template_free)

G_END_DECLS

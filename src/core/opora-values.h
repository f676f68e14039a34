/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Indicator values: one number per school, indicator and year. */
#pragma once

#include <glib.h>

#include "opora-indicator.h"

G_BEGIN_DECLS

typedef struct _OporaDb          OporaDb;
typedef struct _OporaValueWriter OporaValueWriter;

/* One school's values: the indicators it has values for × the years. */
typedef struct {
  GArray    *years;       /* int, ascending */
  GPtrArray *indicators;  /* OporaIndicator, catalogue order */
  double    *values;      /* indicators->len rows × years->len columns; NaN = missing */
} OporaSchoolValues;

typedef struct {
  int    year;
  double value;
} OporaYearValue;

typedef struct {
  gint64 indicator_id;
  double value;
} OporaPackedValue;

OporaSchoolValues *opora_school_values_load   (OporaDb           *db,
                                               gint64             school_id,
                                               GError           **error);
double             opora_school_values_get    (OporaSchoolValues *values,
                                               guint              indicator_index,
                                               guint              year_index);
void               opora_school_values_free   (OporaSchoolValues *values);

GHashTable        *opora_values_latest_many   (OporaDb           *db,
                                               const gint64      *indicator_ids,
                                               guint              n,
                                               GError           **error);
GHashTable        *opora_values_latest        (OporaDb           *db,
                                               const char        *indicator_key,
                                               GError           **error);
GArray            *opora_values_years         (OporaDb           *db,
                                               GError           **error);
gboolean           opora_values_unpack        (const char        *json,
                                               GArray            *values);
gboolean           opora_values_unpack_ids    (const char        *json,
                                               GArray            *values);
/* The most bytes opora_values_pack() writes for one value. */
#define OPORA_VALUES_PACKED_MAX 72
gsize              opora_values_pack          (char              *out,
                                               const OporaPackedValue *values,
                                               guint              n);

OporaValueWriter  *opora_value_writer_new     (OporaDb           *db,
                                               gint64             batch_id,
                                               GError           **error);
gboolean           opora_value_writer_set     (OporaValueWriter  *writer,
                                               gint64             school_id,
                                               gint64             indicator_id,
                                               int                year,
                                               double             value,
                                               GError           **error);
gboolean           opora_value_writer_set_packed (OporaValueWriter       *writer,
                                                  gint64                  school_id,
                                                  int                     year,
                                                  const OporaPackedValue *values,
                                                  guint                   n,
                                                  const char             *members,
                                                  gsize                   members_len,
                                                  GError                **error);
void               opora_value_writer_set_new_schools (OporaValueWriter *writer,
                                                       gint64            first_id);
gboolean           opora_value_writer_flush   (OporaValueWriter  *writer,
                                               GError           **error);
void               opora_value_writer_free    (OporaValueWriter  *writer);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (OporaSchoolValues, opora_school_values_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (OporaValueWriter, opora_value_writer_free)

G_END_DECLS

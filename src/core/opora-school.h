/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Schools and municipalities of a workspace. */
#pragma once

#include <glib.h>
#include <sqlite3.h>

G_BEGIN_DECLS

typedef struct _OporaDb OporaDb;

typedef enum {
  OPORA_LOCALITY_UNKNOWN,
  OPORA_LOCALITY_URBAN,
  OPORA_LOCALITY_RURAL,
} OporaLocality;

typedef struct {
  gint64         id;            /* 0 until stored */
  char          *code;          /* Код ОО: text, leading zeros kept */
  char          *name;          /* full name, e.g. МБОУ «СОШ № 5» */
  char          *short_name;    /* nullable */
  char          *municipality;  /* the municipality's name, nullable */
  OporaLocality  locality;
  char          *kind;          /* "СОШ", "ООШ", "гимназия"…, nullable */
  gboolean       archived;
} OporaSchool;

void          opora_school_free            (OporaSchool   *school);
const char   *opora_locality_label         (OporaLocality  locality);
GPtrArray    *opora_school_list            (OporaDb       *db,
                                            GError       **error);
gint64        opora_school_find_code       (OporaDb       *db,
                                            const char    *code,
                                            GError       **error);
GHashTable   *opora_school_table           (OporaDb       *db,
                                            GError       **error);
OporaSchool  *opora_school_get             (OporaDb       *db,
                                            gint64         id,
                                            GError       **error);
gint64        opora_school_count           (OporaDb       *db,
                                            GError       **error);
gint64        opora_municipality_ensure    (OporaDb       *db,
                                            const char    *name,
                                            const char    *region,
                                            GError       **error);
sqlite3_stmt *opora_municipality_prepare_ensure (OporaDb  *db,
                                                 GError  **error);
gint64        opora_municipality_ensure_with (OporaDb      *db,
                                              sqlite3_stmt *ensure,
                                              const char   *name,
                                              const char   *region,
                                              GError      **error);
gint64        opora_school_insert          (OporaDb       *db,
                                            OporaSchool   *school,
                                            GError       **error);
char         *opora_school_name_key        (const char    *name);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (OporaSchool, opora_school_free)

G_END_DECLS

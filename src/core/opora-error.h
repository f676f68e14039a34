/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The one error domain of Opora and the codes its operations fail with. */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

#define OPORA_ERROR (opora_error_quark ())

typedef enum {
  OPORA_ERROR_FAILED,          /* Anything not covered below. */
  OPORA_ERROR_DATABASE,        /* SQLite reported an error; the message has its text. */
  OPORA_ERROR_NOT_WORKSPACE,   /* The file is not an Opora workspace (or not SQLite at all). */
  OPORA_ERROR_NEWER_SCHEMA,    /* The workspace was written by a newer Opora; it was not touched. */
  OPORA_ERROR_READ_ONLY,       /* A change was asked of a workspace opened read-only. */
  OPORA_ERROR_NOT_FOUND,       /* A school, indicator or other record does not exist. */
  OPORA_ERROR_INVALID,         /* Input that breaks a rule (a range, a format, a uniqueness). */
  OPORA_ERROR_IO,              /* A file could not be read or written. */
  OPORA_ERROR_FORMAT,          /* A file is damaged or not in a format Opora reads. */
  OPORA_ERROR_ENCRYPTED,       /* A workbook is password-protected. */
  OPORA_ERROR_TOO_LARGE,       /* A file, sheet or cell is past Opora's safety limits. */
} OporaErrorCode;

GQuark   opora_error_quark          (void);
gboolean opora_error_set_from_sqlite (GError     **error,
                                      void        *sqlite_handle,
                                      const char  *what);

G_END_DECLS

/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The import history: committed batches, and undoing one. */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef struct _OporaDb OporaDb;

typedef struct {
  gint64    id;
  char     *file_name;
  char     *sha256;
  char     *created;    /* ISO 8601, UTC */
  guint     n_schools;
  guint     n_new;
  guint     n_changed;
  guint     n_unchanged;
  guint     n_skipped;
  guint     n_problems;
  gboolean  undone;
} OporaBatch;

void       opora_batch_free (OporaBatch  *batch);
GPtrArray *opora_batch_list (OporaDb     *db,
                             GError     **error);
gboolean   opora_batch_undo (OporaDb     *db,
                             gint64       batch_id,
                             GError     **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (OporaBatch, opora_batch_free)

G_END_DECLS

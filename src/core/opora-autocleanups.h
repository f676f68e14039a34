/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Scope cleanups for the C types of our libraries, in one place. */
#pragma once

#include <glib.h>
#include <gsf/gsf.h>
#include <sqlite3.h>

static inline void
opora_sqlite_free_string (char *s)
{
  sqlite3_free (s);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (sqlite3, sqlite3_close_v2)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (sqlite3_stmt, sqlite3_finalize)

typedef char OporaSqliteString;
G_DEFINE_AUTOPTR_CLEANUP_FUNC (OporaSqliteString, opora_sqlite_free_string)

/* libgsf 1.14.50 declares no autoptr cleanups of its own. */
G_DEFINE_AUTOPTR_CLEANUP_FUNC (GsfInput, g_object_unref)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (GsfInfile, g_object_unref)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (GsfInputStdio, g_object_unref)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (GsfOutput, g_object_unref)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (GsfOutfile, g_object_unref)

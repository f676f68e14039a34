/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Work on a thread that gives the memory it freed back to the system when it ends. */

#include "opora-task.h"

#ifdef __GLIBC__
#include <malloc.h>
#endif

#define FUNC_KEY "opora-task-func"

/* What opora_task_read_in_thread() runs. */
typedef struct {
  char              *path;
  OporaTaskReadFunc  read;
  GDestroyNotify     free_result;
} Reading;

/* A section's thread reads and computes a nation's schools in a glibc arena of
 * its own; what it frees stays in the arena, counted in the window's memory,
 * until it is trimmed. */
static void
trimming_thread (GTask        *task,
                 gpointer      source,
                 gpointer      data,
                 GCancellable *cancellable)
{
  GTaskThreadFunc func = (GTaskThreadFunc) g_object_get_data (G_OBJECT (task), FUNC_KEY);

  func (task, source, data, cancellable);
#ifdef __GLIBC__
  malloc_trim (0);
#endif
}

/* glibc mmaps a block of 128 KB or more and unmaps it when freed, but after the
 * first such free it raises that bound to the block's size, up to 32 MB: from
 * then on a nation's matrices and arrays of 40,000 rows went into the arenas,
 * where what they leave behind stays counted. Fixing the bound at glibc's own
 * default keeps them mapped apart: 10–15 MB off bench-window's peak. */
static void
keep_mmap_threshold (void)
{
#ifdef __GLIBC__
  static gsize done = 0;

  if (g_once_init_enter (&done))
    {
      mallopt (M_MMAP_THRESHOLD, 128 * 1024);
      g_once_init_leave (&done, 1);
    }
#endif
}

/**
 * opora_task_run_in_thread:
 * @task: the task
 * @func: its work, as for g_task_run_in_thread()
 *
 * Runs @func as g_task_run_in_thread() does, then gives the memory freed on
 * the thread back to the system.
 */
void
opora_task_run_in_thread (GTask           *task,
                          GTaskThreadFunc  func)
{
  g_return_if_fail (G_IS_TASK (task));
  g_return_if_fail (func != NULL);

  keep_mmap_threshold ();
  g_object_set_data (G_OBJECT (task), FUNC_KEY, (gpointer) func);
  g_task_run_in_thread (task, trimming_thread);
}

static void
reading_free (Reading *r)
{
  g_free (r->path);
  g_free (r);
}

/* Through a read-only connection of its own (WAL lets it read beside the window's). */
static void
reading_thread (GTask        *task,
                gpointer      source,
                gpointer      data,
                GCancellable *cancellable)
{
  Reading *r = data;
  g_autoptr(GError) error = NULL;
  g_autoptr(OporaDb) db = opora_db_open (r->path, OPORA_DB_MUST_EXIST | OPORA_DB_READ_ONLY, &error);
  gpointer result = db != NULL ? r->read (db, &error) : NULL;

  if (result != NULL)
    g_task_return_pointer (task, result, r->free_result);
  else
    g_task_return_error (task, g_steal_pointer (&error));
}

/**
 * opora_task_read_in_thread:
 * @task: the task; its task data is set here
 * @path: the workspace's file
 * @read: what to read, given a read-only connection to @path
 * @free_result: frees what @read returns
 *
 * Opens @path read-only on a thread, runs @read there and returns its
 * result through @task (g_task_propagate_pointer()), then gives the memory
 * freed on the thread back, as opora_task_run_in_thread() does.
 */
void
opora_task_read_in_thread (GTask             *task,
                           const char        *path,
                           OporaTaskReadFunc  read,
                           GDestroyNotify     free_result)
{
  Reading *r = g_new0 (Reading, 1);

  g_return_if_fail (path != NULL && read != NULL);

  r->path = g_strdup (path);
  r->read = read;
  r->free_result = free_result;
  g_task_set_task_data (task, r, (GDestroyNotify) reading_free);
  opora_task_run_in_thread (task, reading_thread);
}

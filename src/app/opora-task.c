/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Work on a thread that gives the memory it freed back to the system when it ends. */

#include "opora-task.h"

#ifdef __GLIBC__
#include <malloc.h>
#endif

#define FUNC_KEY "opora-task-func"

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

  g_object_set_data (G_OBJECT (task), FUNC_KEY, (gpointer) func);
  g_task_run_in_thread (task, trimming_thread);
}

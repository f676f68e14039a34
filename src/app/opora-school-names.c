/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The codes and names of a workspace's schools, shared read-only by the sections' tables. */

#include <string.h>

#include "opora-school-names.h"
#include "opora-school.h"

/* The tables of Clusters, Monitoring and Rules and Flags show a school by its
 * code and name. Each kept the whole OporaSchool table, 13 MB for a nation's
 * 40,000 schools; this keeps the two texts of each back to back, 2 MB. */
struct _OporaSchoolNames
{
  gatomicrefcount  ref_count;
  guint            n;
  gint64          *ids;      /* n, ascending */
  guint32         *text_at;  /* n: where the code starts in @texts; the name follows its nul */
  char            *texts;
};

G_DEFINE_BOXED_TYPE (OporaSchoolNames, opora_school_names, opora_school_names_ref, opora_school_names_unref)

static int
compare_ids (gconstpointer a,
             gconstpointer b)
{
  gint64 x = (*(OporaSchool * const *) a)->id, y = (*(OporaSchool * const *) b)->id;

  return (x > y) - (x < y);
}

static void
append_text (GString    *texts,
             const char *text)
{
  if (text != NULL)
    g_string_append (texts, text);
  g_string_append_c (texts, '\0');
}

/**
 * opora_school_names_new_empty:
 *
 * Returns: (transfer full): names of no school
 */
OporaSchoolNames *
opora_school_names_new_empty (void)
{
  OporaSchoolNames *self = g_new0 (OporaSchoolNames, 1);

  g_atomic_ref_count_init (&self->ref_count);
  return self;
}

/**
 * opora_school_names_read:
 * @db: a workspace
 *
 * Reads the code and name of every school of @db, archived ones too.
 *
 * Returns: (transfer full) (nullable): the names, or %NULL with @error set
 */
OporaSchoolNames *
opora_school_names_read (OporaDb  *db,
                         GError  **error)
{
  g_autoptr(GPtrArray) schools = opora_school_list (db, error);
  g_autoptr(OporaSchoolNames) self = NULL;
  g_autoptr(GString) texts = NULL;
  gsize len;

  if (schools == NULL)
    return NULL;
  g_ptr_array_sort (schools, compare_ids);
  self = opora_school_names_new_empty ();
  self->n = schools->len;
  self->ids = g_new (gint64, MAX (self->n, 1));
  self->text_at = g_new (guint32, MAX (self->n, 1));
  texts = g_string_new (NULL);
  for (guint i = 0; i < self->n; i++)
    {
      const OporaSchool *school = schools->pdata[i];

      self->ids[i] = school->id;
      self->text_at[i] = texts->len;
      append_text (texts, school->code);
      append_text (texts, school->name);
    }
  g_return_val_if_fail (texts->len <= G_MAXUINT32, NULL);
  len = texts->len;
  /* No spare room: the string grew by doubling. */
  self->texts = g_realloc (g_string_free (g_steal_pointer (&texts), FALSE), MAX (len, 1));
  return g_steal_pointer (&self);
}

OporaSchoolNames *
opora_school_names_ref (OporaSchoolNames *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  g_atomic_ref_count_inc (&self->ref_count);
  return self;
}

void
opora_school_names_unref (OporaSchoolNames *self)
{
  g_return_if_fail (self != NULL);

  if (!g_atomic_ref_count_dec (&self->ref_count))
    return;
  g_free (self->ids);
  g_free (self->text_at);
  g_free (self->texts);
  g_free (self);
}

/**
 * opora_school_names_lookup:
 * @self: the names
 * @id: a school
 * @code: (out) (optional): its code
 * @name: (out) (optional): its name, "" when it has none
 *
 * Returns: whether @id is a school of the names; without, @code and @name are not set
 */
gboolean
opora_school_names_lookup (OporaSchoolNames  *self,
                           gint64             id,
                           const char       **code,
                           const char       **name)
{
  guint low = 0, high;

  g_return_val_if_fail (self != NULL, FALSE);

  high = self->n;
  while (low < high)
    {
      guint middle = low + (high - low) / 2;

      if (self->ids[middle] < id)
        low = middle + 1;
      else
        high = middle;
    }
  if (low == self->n || self->ids[low] != id)
    return FALSE;
  if (code != NULL)
    *code = self->texts + self->text_at[low];
  if (name != NULL)
    *name = self->texts + self->text_at[low] + strlen (self->texts + self->text_at[low]) + 1;
  return TRUE;
}

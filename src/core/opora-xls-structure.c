/* SPDX-License-Identifier: GPL-3.0-or-later */
/* What libfreexl does not tell of a legacy workbook: which sheets are hidden and which cells are merged.
 *
 * The workbook stream of the OLE2 file (read with libgsf) is a list of BIFF
 * records: a 16-bit type and a 16-bit length, then the data. The globals come
 * first; each BOUNDSHEET (0x0085) names a sheet with the stream offset of its
 * records, its visibility and its kind. A worksheet's records, from its BOF to
 * its EOF, hold MERGECELLS (0x00E5): a count, then first and last row and first
 * and last column of each range (BIFF8; [MS-XLS] 2.4.28 and 2.4.168). */

#include <gsf/gsf.h>
#include <string.h>

#include "opora-autocleanups.h"
#include "opora-xls-structure.h"

#define BIFF_EOF        0x000A
#define BIFF_BOUNDSHEET 0x0085
#define BIFF_MERGECELLS 0x00E5
#define BIFF_BOF        0x0809

static guint16
le16 (const guint8 *p)
{
  return p[0] | (p[1] << 8);
}

static guint32
le32 (const guint8 *p)
{
  return p[0] | (p[1] << 8) | (p[2] << 16) | ((guint32) p[3] << 24);
}

static void
clear_sheet (gpointer data)
{
  OporaXlsSheet *sheet = data;

  g_clear_pointer (&sheet->merges, g_array_unref);
}

/* The merged ranges of the worksheet whose records begin at @at. */
static GArray *
read_merges (const guint8 *stream,
             gsize         length,
             gsize         at)
{
  GArray *merges = g_array_new (FALSE, FALSE, sizeof (OporaMerge));

  if (at + 4 > length || le16 (stream + at) != BIFF_BOF)
    return merges;
  while (at + 4 <= length)
    {
      guint16 type = le16 (stream + at), size = le16 (stream + at + 2);
      const guint8 *data = stream + at + 4;

      if (at + 4 + size > length)
        break;
      if (type == BIFF_MERGECELLS && size >= 2)
        {
          guint n = MIN (le16 (data), (size - 2) / 8u);

          for (guint i = 0; i < n; i++)
            {
              const guint8 *ref = data + 2 + 8 * i;
              OporaMerge merge = { le16 (ref), le16 (ref + 4), le16 (ref + 2), le16 (ref + 6) };

              if (merge.last_row >= merge.first_row && merge.last_col >= merge.first_col)
                g_array_append_val (merges, merge);
            }
        }
      at += 4 + size;
      if (type == BIFF_EOF)
        break;
    }
  return merges;
}

/* The workbook stream, whole: "Workbook" (BIFF8) or "Book" (BIFF5). */
static guint8 *
read_stream (const char *path,
             gsize      *length)
{
  g_autoptr(GsfInput) file = gsf_input_stdio_new (path, NULL);
  g_autoptr(GsfInfile) ole = file != NULL ? gsf_infile_msole_new (file, NULL) : NULL;
  g_autoptr(GsfInput) stream = NULL;
  guint8 *data;
  gsf_off_t size;

  if (ole == NULL)
    return NULL;
  if (!(stream = gsf_infile_child_by_name (ole, "Workbook")) && !(stream = gsf_infile_child_by_name (ole, "Book")))
    return NULL;
  size = gsf_input_size (stream);
  if (size <= 0 || size > (gsf_off_t) G_MAXUINT32)
    return NULL;
  /* Zeroed first: on a damaged file libgsf may leave the end of what it says it read unwritten. */
  data = g_malloc0 (size);
  if (gsf_input_read (stream, size, data) == NULL)
    {
      g_free (data);
      return NULL;
    }
  *length = size;
  return data;
}

/**
 * opora_xls_structure_read:
 * @path: an Excel 97–2003 workbook
 *
 * Reads the worksheets' visibility and merged ranges, in the order of their
 * BOUNDSHEET records — the order libfreexl numbers them in (charts and macro
 * sheets are left out, as libfreexl leaves them out).
 *
 * Returns: (transfer full) (nullable) (element-type OporaXlsSheet): one per
 *   worksheet, or %NULL when the file cannot be read so (then nothing is known)
 */
GArray *
opora_xls_structure_read (const char *path)
{
  gsize length = 0, at = 0;
  g_autofree guint8 *stream = read_stream (path, &length);
  g_autoptr(GArray) sheets = NULL;

  if (stream == NULL || length < 4 || le16 (stream) != BIFF_BOF)
    return NULL;
  sheets = g_array_new (FALSE, TRUE, sizeof (OporaXlsSheet));
  g_array_set_clear_func (sheets, clear_sheet);
  while (at + 4 <= length)
    {
      guint16 type = le16 (stream + at), size = le16 (stream + at + 2);
      const guint8 *data = stream + at + 4;

      if (at + 4 + size > length)
        return NULL;
      if (type == BIFF_BOUNDSHEET && size >= 6 && data[5] == 0)  /* a worksheet */
        {
          OporaXlsSheet sheet = { (data[4] & 0x03) != 0, read_merges (stream, length, le32 (data)) };

          g_array_append_val (sheets, sheet);
        }
      at += 4 + size;
      if (type == BIFF_EOF)
        break;
    }
  return g_steal_pointer (&sheets);
}

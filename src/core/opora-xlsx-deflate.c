/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The deflate level of the workbooks Opora writes.
 *
 * libxlsxwriter (1.1.4, Debian 12) puts each part of a workbook into the zip
 * through minizip and always asks for zlib's default level, 6, with no
 * option for another. For the values export that level is most of the
 * time: deflating its 200 MB of sheet XML takes 2.6 s at level 6 and
 * 0.65 s at level 1, for a file 35 % larger (26 → 35 MB at 4.8 million
 * values). Opora takes the faster level: this definition of minizip's
 * function comes before minizip's own for libxlsxwriter (the executable's
 * symbols are looked up first), swaps the default level for Opora's
 * (OPORA_XLSX_DEFLATE_LEVEL unless set otherwise) and calls minizip's. A
 * level asked for explicitly is passed on as it is. */

#define _GNU_SOURCE  /* RTLD_NEXT */

#include <dlfcn.h>
#include <glib.h>
#include <minizip/zip.h>

#include "opora-xlsx-deflate.h"

typedef int (*OpenNewFileFunc) (zipFile, const char *, const zip_fileinfo *, const void *, uInt,
                                const void *, uInt, const char *, int, int, int, int, int, int,
                                const char *, uLong, uLong, uLong, int);

static int level_for_default = OPORA_XLSX_DEFLATE_LEVEL;

/**
 * opora_xlsx_deflate_set_level:
 * @level: zlib's level, 1 (fastest) to 9 (smallest), or -1 for zlib's default
 *
 * Sets the level of the workbooks written from now on, in every thread;
 * `opora-cli bench` writes its input files at zlib's default, as Excel and
 * LibreOffice do.
 */
void
opora_xlsx_deflate_set_level (int level)
{
  g_return_if_fail (level == Z_DEFAULT_COMPRESSION || (level >= 1 && level <= 9));

  g_atomic_int_set (&level_for_default, level);
}

/* minizip's own function, found once. */
static OpenNewFileFunc
minizip_open_new_file (void)
{
  static gsize found = 0;

  if (g_once_init_enter (&found))
    g_once_init_leave (&found, (gsize) dlsym (RTLD_NEXT, "zipOpenNewFileInZip4_64"));
  return (OpenNewFileFunc) found;
}

int
zipOpenNewFileInZip4_64 (zipFile             file,
                         const char         *filename,
                         const zip_fileinfo *zipfi,
                         const void         *extrafield_local,
                         uInt                size_extrafield_local,
                         const void         *extrafield_global,
                         uInt                size_extrafield_global,
                         const char         *comment,
                         int                 method,
                         int                 level,
                         int                 raw,
                         int                 windowBits,
                         int                 memLevel,
                         int                 strategy,
                         const char         *password,
                         uLong               crcForCrypting,
                         uLong               versionMadeBy,
                         uLong               flagBase,
                         int                 zip64)
{
  OpenNewFileFunc next = minizip_open_new_file ();

  if (next == NULL)
    return ZIP_INTERNALERROR;
  if (level == Z_DEFAULT_COMPRESSION)
    level = g_atomic_int_get (&level_for_default);
  return next (file, filename, zipfi, extrafield_local, size_extrafield_local, extrafield_global,
               size_extrafield_global, comment, method, level, raw, windowBits, memLevel, strategy,
               password, crcForCrypting, versionMadeBy, flagBase, zip64);
}

/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Numbers as Russian spreadsheets write them: "1 234,5", "56,3 %", "—", read and written. */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef enum {
  OPORA_NUMBER_OK,       /* a number */
  OPORA_NUMBER_MISSING,  /* empty or a placeholder such as "-", "—", "н/д", "нет данных" */
  OPORA_NUMBER_INVALID,  /* text that is not a number */
} OporaNumberResult;

typedef enum {
  OPORA_NUMBER_FORMAT_PLUS  = 1 << 0,  /* "+0.5": a plus sign before a positive figure */
  OPORA_NUMBER_FORMAT_GROUP = 1 << 1,  /* "12 345": thousands grouped from five digits on */
} OporaNumberFormatFlags;

OporaNumberResult opora_number_parse  (const char             *text,
                                       double                 *value);
const char       *opora_number_read_plain (const char     *text,
                                           gboolean        decimal_comma,
                                           double         *value);
char             *opora_number_format (double                  value,
                                       int                     decimals,
                                       OporaNumberFormatFlags  flags);

G_END_DECLS

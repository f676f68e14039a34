/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Reading numbers as Russian spreadsheets write them: "1 234,5", "56,3 %", "—". */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef enum {
  OPORA_NUMBER_OK,       /* a number */
  OPORA_NUMBER_MISSING,  /* empty or a placeholder such as "-", "—", "н/д", "нет данных" */
  OPORA_NUMBER_INVALID,  /* text that is not a number */
} OporaNumberResult;

OporaNumberResult opora_number_parse (const char *text,
                                      double     *value);

G_END_DECLS

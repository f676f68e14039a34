/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

/* zlib's level for the parts of every workbook Opora writes with libxlsxwriter
 * (see opora-xlsx-deflate.c): its fastest. */
#define OPORA_XLSX_DEFLATE_LEVEL 1

void opora_xlsx_deflate_set_level (int level);

#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
# Peer for `opora-cli bench`: openpyxl in read-only mode reads every cell of the XLSX.
import sys
import time

import openpyxl

start = time.perf_counter()
book = openpyxl.load_workbook(sys.argv[1], read_only=True)
cells = 0
for sheet in book.worksheets:
    for row in sheet.iter_rows(values_only=True):
        cells += sum(1 for value in row if value is not None)
print(f"cells={cells}")
print(f"seconds={time.perf_counter() - start:.3f}")

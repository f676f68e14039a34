#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
# Peer for `opora-cli bench`: Python's xlsxwriter writes the same table (timed after
# the CSV is read, so only the writing counts).
import csv
import sys
import time

import xlsxwriter

with open(sys.argv[1], encoding="utf-8") as source:
    rows = list(csv.reader(source, delimiter=";"))
values = [row[:4] + [float(v.replace(",", ".")) for v in row[4:]] for row in rows[1:]]

start = time.perf_counter()
book = xlsxwriter.Workbook(sys.argv[2], {"constant_memory": True})
sheet = book.add_worksheet("Данные")
sheet.write_row(0, 0, rows[0])
for number, row in enumerate(values, start=1):
    sheet.write_row(number, 0, row)
book.close()
print(f"seconds={time.perf_counter() - start:.3f}")

#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
# Peer for `opora-cli bench`: pandas reads the CSV and dumps it as one flat SQLite table.
import sqlite3
import sys
import time

import pandas

start = time.perf_counter()
frame = pandas.read_csv(sys.argv[1], sep=";", decimal=",", dtype={"Код ОО": str})
with sqlite3.connect(sys.argv[2]) as db:
    frame.to_sql("values", db, if_exists="replace", index=False)
print(f"seconds={time.perf_counter() - start:.3f}")

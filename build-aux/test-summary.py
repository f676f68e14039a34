#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
# Prints "N passed, N failed" for meson test logs (one JSON object per test), as CI reads it.
# Several logs are summed; a missing log counts as one failure (its run never reached the tests),
# and so does a line that is not JSON (two runs wrote the log at once).
import json
import sys

passed = failed = skipped = 0
for path in sys.argv[1:]:
    try:
        with open(path, encoding="utf-8") as log:
            for line in log:
                try:
                    result = json.loads(line).get("result")
                except json.JSONDecodeError:
                    result = None
                if result in ("OK", "EXPECTEDFAIL"):
                    passed += 1
                elif result == "SKIP":
                    skipped += 1
                else:
                    failed += 1
    except FileNotFoundError:
        failed += 1
line = f"{passed} passed, {failed} failed"
if skipped:
    line += f", {skipped} skipped"
print(line)

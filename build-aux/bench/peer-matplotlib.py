#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
# Peer for `opora-cli bench plot`: matplotlib draws the same 40,000 points as a scatter per
# cluster (shapes, legend with counts, grid, titles, 60 labels) at 1600 × 1000 and saves
# it with the Agg, SVG and PDF backends; prints the median of three savefig calls each.
import csv
import io
import os
import statistics
import sys
import time

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402

MARKERS = ["o", "s", "^", "D", "X", "P", "*", "v"]
COLOURS = ["#0072B2", "#E69F00", "#009E73", "#D55E00", "#CC79A7", "#56B4E9", "#F0E442", "#000000"]

with open(sys.argv[1], encoding="utf-8") as source:
    rows = list(csv.DictReader(source))
clusters = sorted({int(r["cluster"]) for r in rows})

fig, ax = plt.subplots(figsize=(16, 10), dpi=100)
for c in clusters:
    xs = [float(r["x"]) for r in rows if int(r["cluster"]) == c]
    ys = [float(r["y"]) for r in rows if int(r["cluster"]) == c]
    ax.scatter(xs, ys, s=13, alpha=0.5, marker=MARKERS[(c - 1) % 8], color=COLOURS[(c - 1) % 8],
               linewidths=0, label=f"Cluster {c} ({len(xs)})")
for i, r in enumerate(rows[3::10][:60]):
    ax.annotate(f"СОШ № {i * 10 + 4}", (float(r["x"]), float(r["y"])), xytext=(5, 0),
                textcoords="offset points", fontsize=8)
ax.grid(True, color="#e6e6e6")
ax.set_axisbelow(True)
ax.set_xlabel("Context index (higher: more favourable)")
ax.set_ylabel("Results index (higher: better)")
fig.suptitle("Clusters of schools by k-means", x=0.01, ha="left", fontweight="bold")
ax.set_title(f"{len(rows)} × {len(clusters)}", loc="left", fontsize=10)
ax.legend(loc="upper left", ncol=len(clusters), bbox_to_anchor=(0, 1.08), frameon=False)

fig.savefig(io.BytesIO(), format="png")  # fonts and caches warm, as Opora's are
for fmt in ("png", "svg", "pdf"):
    path = os.path.join(sys.argv[2], f"matplotlib.{fmt}")
    times = []
    for _ in range(3):
        start = time.perf_counter()
        fig.savefig(path, format=fmt)
        times.append(time.perf_counter() - start)
    os.remove(path)
    print(f"{fmt}_seconds={statistics.median(times):.4f}")

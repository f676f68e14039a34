#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
# Peer for `opora-cli bench analyze`: scikit-learn's KMeans and exact silhouette_score on the same points.
#
# argv[1]: the points, one per line, comma-separated; argv[2]: Opora's k = 4
# labels, one per line. Prints key=value lines, times in seconds.
import statistics
import sys
import time

import numpy
from sklearn.cluster import KMeans
from sklearn.metrics import silhouette_score

FITS = 11
SAMPLE = 10000


def timed(work):
    start = time.perf_counter()
    result = work()
    return time.perf_counter() - start, result


x = numpy.loadtxt(sys.argv[1], delimiter=",")
ours = numpy.loadtxt(sys.argv[2], dtype=int)
total = time.perf_counter()

# One start each, seeds 0…10 as Opora's seeds: the median time and iterations.
fits = [timed(lambda seed=seed: KMeans(n_clusters=4, n_init=1, random_state=seed).fit(x))
        for seed in range(FITS)]
print(f"fit_seconds={statistics.median(t for t, _ in fits):.6f}")
print(f"fit_iterations={statistics.median(m.n_iter_ for _, m in fits)}")

seconds, model = timed(lambda: KMeans(n_clusters=4, n_init=10, random_state=0).fit(x))
print(f"fit10_seconds={seconds:.6f}")
print(f"fit10_inertia={model.inertia_:.6f}")

# The exact silhouette of Opora's own labels, so both values can be compared.
seconds, score = timed(lambda: silhouette_score(x, ours, metric="euclidean"))
print(f"silhouette_seconds={seconds:.3f}")
print(f"silhouette={score:.15f}")

# The whole sweep would take minutes: a sample instead.
sample = x[numpy.random.default_rng(0).choice(len(x), SAMPLE, replace=False)]
seconds, _ = timed(lambda: [silhouette_score(sample, KMeans(n_clusters=k, n_init=10, random_state=0)
                                             .fit(sample).labels_) for k in range(2, 9)])
print(f"sweep_sample_seconds={seconds:.3f}")
print(f"seconds={time.perf_counter() - total:.3f}")

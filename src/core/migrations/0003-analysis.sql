-- SPDX-License-Identifier: GPL-3.0-or-later
-- Schema version 3: stored cluster analyses, each school's place in them, and the
-- proposed and accepted pairs of base and supported schools.

CREATE TABLE analysis_run (
  id         INTEGER PRIMARY KEY,
  created    TEXT NOT NULL,
  year       INTEGER NOT NULL CHECK (year BETWEEN 1990 AND 2100),
  model      TEXT NOT NULL CHECK (model IN ('quadrant', 'kmeans', 'regression')),
  params     TEXT NOT NULL,   -- JSON, as opora_analysis_params_to_json() writes it
  n_clusters INTEGER NOT NULL,
  context_threshold REAL,     -- quadrants
  results_threshold REAL,
  silhouette REAL,            -- k-means: of the chosen k
  sweep      TEXT,            -- JSON: [{"k":2,"silhouette":…,"inertia":…}, …]
  profiles   TEXT             -- JSON: {"keys":[…],"means":[[…], …]} mean z per cluster
);
CREATE INDEX analysis_run_year ON analysis_run (year);

CREATE TABLE cluster_member (
  run_id             INTEGER NOT NULL REFERENCES analysis_run (id) ON DELETE CASCADE,
  school_id          INTEGER NOT NULL REFERENCES school (id) ON DELETE CASCADE,
  cluster            INTEGER NOT NULL,   -- 0 = left out
  rank               INTEGER NOT NULL,   -- 0 = not ranked
  cluster_size       INTEGER NOT NULL,
  context_index      REAL,
  results_index      REAL,
  context_percentile REAL,
  results_percentile REAL,
  flags              INTEGER NOT NULL DEFAULT 0,  -- OporaMemberFlags
  PRIMARY KEY (run_id, school_id)
) WITHOUT ROWID;

CREATE TABLE school_pair (
  id           INTEGER PRIMARY KEY,
  run_id       INTEGER NOT NULL REFERENCES analysis_run (id) ON DELETE CASCADE,
  year         INTEGER NOT NULL,
  supported_id INTEGER NOT NULL REFERENCES school (id) ON DELETE CASCADE,
  base_id      INTEGER REFERENCES school (id) ON DELETE CASCADE,
  status       TEXT NOT NULL DEFAULT 'proposed' CHECK (status IN ('proposed', 'accepted', 'rejected')),
  distance     REAL,
  gap          REAL,
  reason       TEXT,
  CHECK (base_id IS NULL OR base_id <> supported_id),
  UNIQUE (run_id, supported_id)
);
CREATE INDEX school_pair_base ON school_pair (base_id);

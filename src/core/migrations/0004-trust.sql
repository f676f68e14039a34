-- SPDX-License-Identifier: GPL-3.0-or-later
-- Schema version 4: clusters that keep their numbers and names from run to run, and rules
-- that flag schools, kept as data.

-- Each cluster of a run: its name, whether the name is pinned, and how it matched the
-- cluster of the previous run (centroid shift in z units, share of schools kept).
CREATE TABLE cluster_info (
  run_id           INTEGER NOT NULL REFERENCES analysis_run (id) ON DELETE CASCADE,
  cluster          INTEGER NOT NULL CHECK (cluster > 0),
  name             TEXT,
  pinned           INTEGER NOT NULL DEFAULT 0 CHECK (pinned IN (0, 1)),
  previous_cluster INTEGER,
  centroid_shift   REAL,
  kept_share       REAL,
  changed          INTEGER NOT NULL DEFAULT 0 CHECK (changed IN (0, 1)),
  PRIMARY KEY (run_id, cluster)
) WITHOUT ROWID;

ALTER TABLE analysis_run ADD COLUMN previous_run_id INTEGER REFERENCES analysis_run (id) ON DELETE SET NULL;

-- A rule flags schools; its definition is JSON (see opora-rule.h). Editing a rule bumps
-- its version; flags name the rule and the version they came from.
CREATE TABLE rule (
  id         INTEGER PRIMARY KEY,
  name       TEXT NOT NULL UNIQUE CHECK (length(trim(name)) > 0),
  title      TEXT NOT NULL,
  definition TEXT NOT NULL,
  version    INTEGER NOT NULL DEFAULT 1,
  builtin    INTEGER NOT NULL DEFAULT 0 CHECK (builtin IN (0, 1)),
  enabled    INTEGER NOT NULL DEFAULT 1 CHECK (enabled IN (0, 1)),
  position   INTEGER NOT NULL DEFAULT 0
);

-- Context-adjusted results: each school's expected results index, its residual and the
-- residual's standard error; the run's coefficients, their errors and R² as JSON.
ALTER TABLE cluster_member ADD COLUMN predicted REAL;
ALTER TABLE cluster_member ADD COLUMN residual REAL;
ALTER TABLE cluster_member ADD COLUMN residual_se REAL;
ALTER TABLE analysis_run ADD COLUMN regression TEXT;

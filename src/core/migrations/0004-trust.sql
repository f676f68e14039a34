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

-- The rules Opora ships: the federal risk criterion (DOMAIN.md), the summary table of
-- seed 003 and the bottom of the cluster of seed 000, and context-adjusted results.
INSERT INTO rule (name, title, definition, builtin, position) VALUES
  ('federal-risk', 'Риск низких результатов (критерий Рособрнадзора)',
   '{"kind":"threshold","indicators":["ege_rus_fail_share","ege_mathp_fail_share","oge_rus_m2_share","oge_math_m2_share","vpr_*_m2"],"op":">=","value":30,"min_procedures":2,"same_years":2,"need_both":true,"min_participants":10,"include_small":false}',
   1, 1),
  ('negative-dynamics', 'Отрицательная динамика по показателям 1 и 2 (сводная таблица мониторинга)',
   '{"kind":"monitoring","indicator1":true,"indicator2":true,"min_participants":10,"include_small":false}',
   1, 2),
  ('bottom-of-cluster', 'Нижняя четверть своего кластера (k-средних)',
   '{"kind":"cluster","model":"kmeans","share":0.25}',
   1, 3),
  ('below-expectation', 'Результаты явно ниже ожидаемых по контексту',
   '{"kind":"residual","z":1.96}',
   1, 4);

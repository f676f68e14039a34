-- SPDX-License-Identifier: GPL-3.0-or-later
-- Schema version 2: values packed one row per school and year, for imports at the scale
-- of the whole country (4.7 million values); `indicator_value` stays as a view of the
-- same columns. Imports record what they replaced, so they can be undone.

CREATE TABLE school_year_value (
  school_id INTEGER NOT NULL REFERENCES school (id) ON DELETE CASCADE,
  year      INTEGER NOT NULL CHECK (year BETWEEN 1990 AND 2100),
  vals      TEXT NOT NULL,  -- a JSON object: indicator id → the value as a string, {"12":"71.5"}
  batch_id  INTEGER REFERENCES import_batch (id) ON DELETE SET NULL,
  PRIMARY KEY (school_id, year)
) WITHOUT ROWID;

INSERT INTO school_year_value (school_id, year, vals, batch_id)
  SELECT school_id, year, json_group_object (CAST (indicator_id AS TEXT), CAST (value AS TEXT)), max (batch_id)
  FROM indicator_value GROUP BY school_id, year;

DROP TABLE indicator_value;

-- Values are JSON strings because SQLite's JSON functions read JSON numbers with the C
-- library's strtod, which follows the locale (a decimal comma under ru_RU); CAST does not.
CREATE VIEW indicator_value (school_id, indicator_id, year, value, batch_id) AS
  SELECT v.school_id, CAST (j.key AS INTEGER), v.year, CAST (j.value AS REAL), v.batch_id
  FROM school_year_value v, json_each (v.vals) j;

-- The school-year rows an import changed, as they were before it.
CREATE TABLE import_undo (
  batch_id     INTEGER NOT NULL REFERENCES import_batch (id) ON DELETE CASCADE,
  school_id    INTEGER NOT NULL,
  year         INTEGER NOT NULL,
  old_vals     TEXT,     -- NULL when the import created the row
  old_batch_id INTEGER,
  PRIMARY KEY (batch_id, school_id, year)
) WITHOUT ROWID;

-- The import that added a school; undoing it removes the school again.
ALTER TABLE school ADD COLUMN batch_id INTEGER REFERENCES import_batch (id) ON DELETE SET NULL;

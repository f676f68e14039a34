-- SPDX-License-Identifier: GPL-3.0-or-later
-- Schema version 1: schools, the indicator catalogue, values and the import records.

CREATE TABLE workspace_info (
  key   TEXT PRIMARY KEY,
  value TEXT
) WITHOUT ROWID;

CREATE TABLE municipality (
  id     INTEGER PRIMARY KEY,
  name   TEXT NOT NULL UNIQUE CHECK (length(trim(name)) > 0),
  region TEXT
);

CREATE TABLE school (
  id              INTEGER PRIMARY KEY,
  code            TEXT NOT NULL UNIQUE CHECK (length(trim(code)) > 0),
  name            TEXT NOT NULL CHECK (length(trim(name)) > 0),
  short_name      TEXT,
  municipality_id INTEGER REFERENCES municipality (id) ON DELETE RESTRICT,
  locality        TEXT CHECK (locality IN ('urban', 'rural')),
  kind            TEXT,
  archived        INTEGER NOT NULL DEFAULT 0 CHECK (archived IN (0, 1))
);
CREATE INDEX school_municipality ON school (municipality_id);

CREATE TABLE indicator (
  id               INTEGER PRIMARY KEY,
  key              TEXT NOT NULL UNIQUE CHECK (length(key) > 0),
  name_ru          TEXT NOT NULL,
  name_en          TEXT NOT NULL,
  unit             TEXT NOT NULL
                   CHECK (unit IN ('percent', 'points', 'mark', 'count', 'index', 'flag')),
  grp              TEXT NOT NULL CHECK (grp IN ('context', 'result', 'resource')),
  direction        INTEGER NOT NULL CHECK (direction IN (-1, 0, 1)),
  min_value        REAL NOT NULL,
  max_value        REAL NOT NULL,
  procedure        TEXT,
  subject          TEXT,
  grade            INTEGER,
  mark             INTEGER,
  participants_key TEXT,
  builtin          INTEGER NOT NULL DEFAULT 0 CHECK (builtin IN (0, 1)),
  position         INTEGER NOT NULL DEFAULT 0,
  CHECK (min_value <= max_value)
);

CREATE TABLE import_batch (
  id          INTEGER PRIMARY KEY,
  file_name   TEXT NOT NULL,
  sha256      TEXT NOT NULL,
  created     TEXT NOT NULL,
  mapping     TEXT,
  n_schools   INTEGER NOT NULL DEFAULT 0,
  n_new       INTEGER NOT NULL DEFAULT 0,
  n_changed   INTEGER NOT NULL DEFAULT 0,
  n_unchanged INTEGER NOT NULL DEFAULT 0,
  n_skipped   INTEGER NOT NULL DEFAULT 0,
  undone      INTEGER NOT NULL DEFAULT 0 CHECK (undone IN (0, 1))
);
CREATE INDEX import_batch_sha256 ON import_batch (sha256);

CREATE TABLE indicator_value (
  school_id    INTEGER NOT NULL REFERENCES school (id) ON DELETE CASCADE,
  indicator_id INTEGER NOT NULL REFERENCES indicator (id) ON DELETE CASCADE,
  year         INTEGER NOT NULL CHECK (year BETWEEN 1990 AND 2100),
  value        REAL NOT NULL,
  batch_id     INTEGER REFERENCES import_batch (id) ON DELETE SET NULL,
  PRIMARY KEY (school_id, indicator_id, year)
) WITHOUT ROWID;
CREATE INDEX indicator_value_year ON indicator_value (indicator_id, year);

CREATE TABLE import_problem (
  id        INTEGER PRIMARY KEY,
  batch_id  INTEGER NOT NULL REFERENCES import_batch (id) ON DELETE CASCADE,
  row       INTEGER,
  col       INTEGER,
  severity  TEXT NOT NULL CHECK (severity IN ('error', 'warning')),
  cell_text TEXT,
  message   TEXT NOT NULL
);

CREATE TABLE import_preset (
  id               INTEGER PRIMARY KEY,
  name             TEXT NOT NULL UNIQUE,
  header_signature TEXT,
  mapping          TEXT NOT NULL,
  created          TEXT NOT NULL
);

-- SPDX-License-Identifier: GPL-3.0-or-later
-- Schema version 5: support programs (road maps) of supported schools, their measures,
-- the user's program templates, and the journal that undoes and redoes edits of them.

CREATE TABLE program (
  id             INTEGER PRIMARY KEY,
  school_id      INTEGER NOT NULL REFERENCES school (id) ON DELETE CASCADE,
  first_year     INTEGER NOT NULL CHECK (first_year BETWEEN 1990 AND 2100),
  last_year      INTEGER NOT NULL CHECK (last_year BETWEEN first_year AND 2100),
  goal           TEXT NOT NULL DEFAULT '',
  status         TEXT NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'completed', 'suspended')),
  base_school_id INTEGER REFERENCES school (id) ON DELETE SET NULL,
  run_id         INTEGER REFERENCES analysis_run (id) ON DELETE SET NULL,
  template       TEXT,
  created        TEXT NOT NULL,
  updated        TEXT NOT NULL,
  CHECK (base_school_id IS NULL OR base_school_id <> school_id)
);
CREATE INDEX program_school ON program (school_id);

-- Dates are ISO-8601 (YYYY-MM-DD); date() returns NULL or another text for anything else.
CREATE TABLE measure (
  id             INTEGER PRIMARY KEY,
  program_id     INTEGER NOT NULL REFERENCES program (id) ON DELETE CASCADE,
  stage          TEXT NOT NULL DEFAULT '',
  direction      TEXT CHECK (direction IN ('pupils', 'network', 'methodical', 'resource', 'management', 'teachers')),
  title          TEXT NOT NULL CHECK (length(trim(title)) > 0),
  start_date     TEXT NOT NULL CHECK (date(start_date) IS start_date),
  end_date       TEXT NOT NULL CHECK (date(end_date) IS end_date),
  responsible    TEXT NOT NULL DEFAULT '',
  participants   TEXT NOT NULL DEFAULT '',
  n_participants INTEGER NOT NULL DEFAULT 0 CHECK (n_participants >= 0),
  target_group   TEXT NOT NULL DEFAULT 'teachers'
                 CHECK (target_group IN ('management', 'association', 'teachers', 'pupils', 'parents')),
  report_form    TEXT NOT NULL DEFAULT '',
  status         TEXT NOT NULL DEFAULT 'planned' CHECK (status IN ('planned', 'in-progress', 'done', 'cancelled')),
  done_date      TEXT CHECK (done_date IS NULL OR date(done_date) IS done_date),
  note           TEXT NOT NULL DEFAULT '',
  position       INTEGER NOT NULL,
  cyclic         INTEGER NOT NULL DEFAULT 0 CHECK (cyclic IN (0, 1)),
  CHECK (end_date >= start_date)
);
CREATE INDEX measure_program ON measure (program_id, position);

-- Templates the user saved; the shipped ones are data files (data/templates/*.json).
CREATE TABLE program_template (
  id         INTEGER PRIMARY KEY,
  name       TEXT NOT NULL UNIQUE CHECK (length(trim(name)) > 0),
  title      TEXT NOT NULL,
  source     TEXT NOT NULL DEFAULT '',
  definition TEXT NOT NULL,   -- JSON, the format of data/templates/*.json
  created    TEXT NOT NULL
);

-- The undo journal: an edit is a list of row changes, each the row's image before and
-- after as JSON (NULL: the row did not exist). Undo writes the "before" images back in
-- reverse order, redo the "after" images in order. The triggers below record the
-- changes while program_journal_state names the edit being recorded.
CREATE TABLE program_edit (
  id      INTEGER PRIMARY KEY,
  label   TEXT NOT NULL,
  created TEXT NOT NULL,
  undone  INTEGER NOT NULL DEFAULT 0 CHECK (undone IN (0, 1))
);

CREATE TABLE program_change (
  id      INTEGER PRIMARY KEY,
  edit_id INTEGER NOT NULL REFERENCES program_edit (id) ON DELETE CASCADE,
  tbl     TEXT NOT NULL CHECK (tbl IN ('program', 'measure')),
  row_id  INTEGER NOT NULL,
  before  TEXT,
  after   TEXT
);
CREATE INDEX program_change_edit ON program_change (edit_id);

CREATE TABLE program_journal_state (
  one     INTEGER PRIMARY KEY CHECK (one = 1),
  edit_id INTEGER
);
INSERT INTO program_journal_state VALUES (1, NULL);

CREATE TRIGGER program_journal_insert AFTER INSERT ON program
  WHEN (SELECT edit_id FROM program_journal_state) IS NOT NULL
BEGIN
  INSERT INTO program_change (edit_id, tbl, row_id, before, after)
  VALUES ((SELECT edit_id FROM program_journal_state), 'program', new.id, NULL,
          json_object ('id', new.id, 'school_id', new.school_id, 'first_year', new.first_year,
                       'last_year', new.last_year, 'goal', new.goal, 'status', new.status,
                       'base_school_id', new.base_school_id, 'run_id', new.run_id,
                       'template', new.template, 'created', new.created, 'updated', new.updated));
END;

CREATE TRIGGER program_journal_update AFTER UPDATE ON program
  WHEN (SELECT edit_id FROM program_journal_state) IS NOT NULL
BEGIN
  INSERT INTO program_change (edit_id, tbl, row_id, before, after)
  VALUES ((SELECT edit_id FROM program_journal_state), 'program', new.id,
          json_object ('id', old.id, 'school_id', old.school_id, 'first_year', old.first_year,
                       'last_year', old.last_year, 'goal', old.goal, 'status', old.status,
                       'base_school_id', old.base_school_id, 'run_id', old.run_id,
                       'template', old.template, 'created', old.created, 'updated', old.updated),
          json_object ('id', new.id, 'school_id', new.school_id, 'first_year', new.first_year,
                       'last_year', new.last_year, 'goal', new.goal, 'status', new.status,
                       'base_school_id', new.base_school_id, 'run_id', new.run_id,
                       'template', new.template, 'created', new.created, 'updated', new.updated));
END;

CREATE TRIGGER program_journal_delete AFTER DELETE ON program
  WHEN (SELECT edit_id FROM program_journal_state) IS NOT NULL
BEGIN
  INSERT INTO program_change (edit_id, tbl, row_id, before, after)
  VALUES ((SELECT edit_id FROM program_journal_state), 'program', old.id,
          json_object ('id', old.id, 'school_id', old.school_id, 'first_year', old.first_year,
                       'last_year', old.last_year, 'goal', old.goal, 'status', old.status,
                       'base_school_id', old.base_school_id, 'run_id', old.run_id,
                       'template', old.template, 'created', old.created, 'updated', old.updated),
          NULL);
END;

CREATE TRIGGER measure_journal_insert AFTER INSERT ON measure
  WHEN (SELECT edit_id FROM program_journal_state) IS NOT NULL
BEGIN
  INSERT INTO program_change (edit_id, tbl, row_id, before, after)
  VALUES ((SELECT edit_id FROM program_journal_state), 'measure', new.id, NULL,
          json_object ('id', new.id, 'program_id', new.program_id, 'stage', new.stage,
                       'direction', new.direction, 'title', new.title, 'start_date', new.start_date,
                       'end_date', new.end_date, 'responsible', new.responsible,
                       'participants', new.participants, 'n_participants', new.n_participants,
                       'target_group', new.target_group, 'report_form', new.report_form,
                       'status', new.status, 'done_date', new.done_date, 'note', new.note,
                       'position', new.position, 'cyclic', new.cyclic));
END;

CREATE TRIGGER measure_journal_update AFTER UPDATE ON measure
  WHEN (SELECT edit_id FROM program_journal_state) IS NOT NULL
BEGIN
  INSERT INTO program_change (edit_id, tbl, row_id, before, after)
  VALUES ((SELECT edit_id FROM program_journal_state), 'measure', new.id,
          json_object ('id', old.id, 'program_id', old.program_id, 'stage', old.stage,
                       'direction', old.direction, 'title', old.title, 'start_date', old.start_date,
                       'end_date', old.end_date, 'responsible', old.responsible,
                       'participants', old.participants, 'n_participants', old.n_participants,
                       'target_group', old.target_group, 'report_form', old.report_form,
                       'status', old.status, 'done_date', old.done_date, 'note', old.note,
                       'position', old.position, 'cyclic', old.cyclic),
          json_object ('id', new.id, 'program_id', new.program_id, 'stage', new.stage,
                       'direction', new.direction, 'title', new.title, 'start_date', new.start_date,
                       'end_date', new.end_date, 'responsible', new.responsible,
                       'participants', new.participants, 'n_participants', new.n_participants,
                       'target_group', new.target_group, 'report_form', new.report_form,
                       'status', new.status, 'done_date', new.done_date, 'note', new.note,
                       'position', new.position, 'cyclic', new.cyclic));
END;

CREATE TRIGGER measure_journal_delete AFTER DELETE ON measure
  WHEN (SELECT edit_id FROM program_journal_state) IS NOT NULL
BEGIN
  INSERT INTO program_change (edit_id, tbl, row_id, before, after)
  VALUES ((SELECT edit_id FROM program_journal_state), 'measure', old.id,
          json_object ('id', old.id, 'program_id', old.program_id, 'stage', old.stage,
                       'direction', old.direction, 'title', old.title, 'start_date', old.start_date,
                       'end_date', old.end_date, 'responsible', old.responsible,
                       'participants', old.participants, 'n_participants', old.n_participants,
                       'target_group', old.target_group, 'report_form', old.report_form,
                       'status', old.status, 'done_date', old.done_date, 'note', old.note,
                       'position', old.position, 'cyclic', old.cyclic),
          NULL);
END;

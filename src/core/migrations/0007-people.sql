-- SPDX-License-Identifier: GPL-3.0-or-later
-- Schema version 7: mentors and tutors, their assignments to supported schools, the
-- effectiveness rubrics (as data: criteria, their scales, level thresholds) and the
-- evaluations scored on them. Totals and levels are computed from the scores, never stored.

CREATE TABLE person (
  id        INTEGER PRIMARY KEY,
  role      TEXT NOT NULL CHECK (role IN ('mentor', 'tutor')),
  full_name TEXT NOT NULL CHECK (length(trim(full_name)) > 0),
  position  TEXT NOT NULL DEFAULT '',   -- директор, заместитель директора, учитель математики …
  school_id INTEGER REFERENCES school (id) ON DELETE SET NULL,  -- the effective school they come from
  subject   TEXT NOT NULL DEFAULT '',
  phone     TEXT NOT NULL DEFAULT '',
  email     TEXT NOT NULL DEFAULT '',
  note      TEXT NOT NULL DEFAULT '',
  archived  INTEGER NOT NULL DEFAULT 0 CHECK (archived IN (0, 1)),
  created   TEXT NOT NULL
);
CREATE INDEX person_role ON person (role, full_name);

-- Which supported school a mentor or tutor works with in a school year (year 2026 = 2025/26).
CREATE TABLE person_assignment (
  id        INTEGER PRIMARY KEY,
  person_id INTEGER NOT NULL REFERENCES person (id) ON DELETE CASCADE,
  school_id INTEGER NOT NULL REFERENCES school (id) ON DELETE CASCADE,
  year      INTEGER NOT NULL CHECK (year BETWEEN 1990 AND 2100),
  note      TEXT NOT NULL DEFAULT '',
  UNIQUE (person_id, school_id, year)
);
CREATE INDEX person_assignment_school ON person_assignment (school_id, year);

-- A rubric scores people of a role (mentor, tutor) and the body that organises them as a
-- whole (role NULL: only the body, as the methodical cluster).
CREATE TABLE rubric (
  id          INTEGER PRIMARY KEY,
  name        TEXT NOT NULL UNIQUE CHECK (length(trim(name)) > 0),
  role        TEXT CHECK (role IS NULL OR role IN ('mentor', 'tutor')),
  body        TEXT NOT NULL DEFAULT '',  -- the centre, point or cluster it also scores as a whole
  preset      TEXT,                      -- the shipped preset it began as
  source      TEXT NOT NULL DEFAULT '',
  archived    INTEGER NOT NULL DEFAULT 0 CHECK (archived IN (0, 1)),
  created     TEXT NOT NULL
);

-- A criterion is scored either by choosing one of its options (kind 'choice': the option's
-- points, as 0/1/2) or by counting units (kind 'count': points_per_unit per unit, as
-- "1 point per participant").
CREATE TABLE rubric_criterion (
  id              INTEGER PRIMARY KEY,
  rubric_id       INTEGER NOT NULL REFERENCES rubric (id) ON DELETE CASCADE,
  position        INTEGER NOT NULL,
  grp             TEXT NOT NULL DEFAULT '',
  title           TEXT NOT NULL CHECK (length(trim(title)) > 0),
  kind            TEXT NOT NULL CHECK (kind IN ('choice', 'count')),
  unit            TEXT NOT NULL DEFAULT '',
  points_per_unit REAL CHECK (points_per_unit IS NULL OR points_per_unit > 0),
  CHECK ((kind = 'count') = (points_per_unit IS NOT NULL))
);
CREATE INDEX rubric_criterion_rubric ON rubric_criterion (rubric_id, position);

CREATE TABLE rubric_option (
  id           INTEGER PRIMARY KEY,
  criterion_id INTEGER NOT NULL REFERENCES rubric_criterion (id) ON DELETE CASCADE,
  points       REAL NOT NULL CHECK (points >= 0),
  description  TEXT NOT NULL DEFAULT '',
  UNIQUE (criterion_id, points)
);

-- The levels of a total: a total belongs to the level with the greatest min_total not above it.
CREATE TABLE rubric_level (
  id        INTEGER PRIMARY KEY,
  rubric_id INTEGER NOT NULL REFERENCES rubric (id) ON DELETE CASCADE,
  min_total REAL NOT NULL,
  name      TEXT NOT NULL CHECK (length(trim(name)) > 0),
  UNIQUE (rubric_id, min_total)
);

CREATE TABLE evaluation (
  id        INTEGER PRIMARY KEY,
  rubric_id INTEGER NOT NULL REFERENCES rubric (id) ON DELETE RESTRICT,
  person_id INTEGER REFERENCES person (id) ON DELETE CASCADE,  -- NULL: the body as a whole
  year      INTEGER NOT NULL CHECK (year BETWEEN 1990 AND 2100),
  evaluator TEXT NOT NULL DEFAULT '',
  date      TEXT NOT NULL CHECK (date(date) IS date),
  note      TEXT NOT NULL DEFAULT '',
  created   TEXT NOT NULL,
  updated   TEXT NOT NULL
);
CREATE UNIQUE INDEX evaluation_once ON evaluation (rubric_id, ifnull (person_id, 0), year);
CREATE INDEX evaluation_person ON evaluation (person_id, year);

-- value: the points of the chosen option (choice) or the number of units (count).
CREATE TABLE evaluation_score (
  evaluation_id INTEGER NOT NULL REFERENCES evaluation (id) ON DELETE CASCADE,
  criterion_id  INTEGER NOT NULL REFERENCES rubric_criterion (id) ON DELETE CASCADE,
  value         REAL NOT NULL CHECK (value >= 0),
  comment       TEXT NOT NULL DEFAULT '',
  evidence      TEXT NOT NULL DEFAULT '',
  PRIMARY KEY (evaluation_id, criterion_id)
) WITHOUT ROWID;

-- The presets of the seeds, as editable rows: the mentor centre and the tutor point (seed 003,
-- six criteria scored 0/1/2, totals 0–5 unsatisfactory, 6–10 satisfactory, 11–12 optimal) and
-- the methodical cluster (seed 004, points summed).
INSERT INTO rubric (id, name, role, body, preset, source, created) VALUES
  (1, 'Эффективность наставника', 'mentor', 'Муниципальный наставнический центр', 'mentor-centre', 'Армавир, показатели эффективности муниципального наставнического центра', '2026-01-01T00:00:00Z'),
  (2, 'Эффективность тьютора', 'tutor', 'Тьюторский консультационный пункт', 'tutor-point', 'Армавир, показатели эффективности тьюторского консультационного пункта', '2026-01-01T00:00:00Z'),
  (3, 'Эффективность методического кластера', NULL, 'Методический кластер', 'methodical-cluster', 'Лесосибирск, критерии эффективности методического кластера', '2026-01-01T00:00:00Z');
INSERT INTO rubric_criterion (id, rubric_id, position, grp, title, kind, unit, points_per_unit) VALUES
  (1, 1, 1, '', 'Документационное обеспечение', 'choice', '', NULL),
  (2, 1, 2, '', 'Качество кадрового состава муниципального наставнического центра', 'choice', '', NULL),
  (3, 1, 3, '', 'Доступность наставнической помощи', 'choice', '', NULL),
  (4, 1, 4, '', 'Интенсивность наставнического взаимодействия', 'choice', '', NULL),
  (5, 1, 5, '', 'Перевод школ с низкими образовательными результатами и/или школ, функционирующих в сложных социальных условиях, в режим эффективного функционирования и развития', 'choice', '', NULL),
  (6, 1, 6, '', 'Развитие управленческих компетенций администрации школ с низкими образовательными результатами и/или школ, функционирующих в сложных социальных условиях', 'choice', '', NULL),
  (7, 2, 1, '', 'Документационное обеспечение', 'choice', '', NULL),
  (8, 2, 2, '', 'Качество кадрового состава тьюторского корпуса', 'choice', '', NULL),
  (9, 2, 3, '', 'Доступность тьюторской помощи', 'choice', '', NULL),
  (10, 2, 4, '', 'Интенсивность тьюторского взаимодействия', 'choice', '', NULL),
  (11, 2, 5, '', 'Качество образовательного процесса, реализуемого педагогами школ с низкими образовательными результатами и/или школ, функционирующих в сложных социальных условиях', 'choice', '', NULL),
  (12, 2, 6, '', 'Профессиональное развитие педагогов школ с низкими образовательными результатами и/или школ, функционирующих в сложных социальных условиях', 'choice', '', NULL),
  (13, 3, 1, 'Научная результативность', 'Участие в семинарах, конференциях на материале кластера', 'count', 'участник', 1),
  (14, 3, 2, 'Научная результативность', 'Участие в грантах, конкурсах на материале кластера', 'count', 'участник', 3),
  (15, 3, 3, 'Научная результативность', 'Публикации муниципального уровня', 'count', 'публикация', 1),
  (16, 3, 4, 'Научная результативность', 'Публикации регионального уровня', 'count', 'публикация', 3),
  (17, 3, 5, 'Научная результативность', 'Публикации федерального уровня', 'count', 'публикация', 5),
  (18, 3, 6, 'Методическая результативность', 'Образовательные организации, апробирующие инновацию', 'count', 'организация', 2),
  (19, 3, 7, 'Методическая результативность', 'Педагоги, познакомившиеся с инновационным опытом', 'count', 'педагог', 1),
  (20, 3, 8, 'Методическая результативность', 'Педагоги, освоившие инновацию (стажировка)', 'count', 'педагог', 3),
  (21, 3, 9, 'Социальная результативность', 'Взаимодействие и партнёрство в рамках реализации продукта', 'count', 'учреждение', 3),
  (22, 3, 10, 'Социальная результативность', 'Разработанные проекты на материале кластера', 'count', 'проект', 3),
  (23, 3, 11, 'Организационная результативность', 'Сохранность состава кластера', 'choice', '', NULL),
  (24, 3, 12, 'Организационная результативность', 'Соответствие плана мероприятий', 'choice', '', NULL),
  (25, 3, 13, 'Интегральный показатель', 'Инновационный продукт', 'choice', '', NULL);
INSERT INTO rubric_option (criterion_id, points, description) VALUES
  (1, 0, 'неудовлетворительный уровень'),
  (1, 1, 'удовлетворительный уровень'),
  (1, 2, 'оптимальный уровень'),
  (2, 0, 'неудовлетворительный уровень'),
  (2, 1, 'удовлетворительный уровень'),
  (2, 2, 'оптимальный уровень'),
  (3, 0, 'неудовлетворительный уровень'),
  (3, 1, 'удовлетворительный уровень'),
  (3, 2, 'оптимальный уровень'),
  (4, 0, 'неудовлетворительный уровень'),
  (4, 1, 'удовлетворительный уровень'),
  (4, 2, 'оптимальный уровень'),
  (5, 0, 'неудовлетворительный уровень'),
  (5, 1, 'удовлетворительный уровень'),
  (5, 2, 'оптимальный уровень'),
  (6, 0, 'неудовлетворительный уровень'),
  (6, 1, 'удовлетворительный уровень'),
  (6, 2, 'оптимальный уровень'),
  (7, 0, 'неудовлетворительный уровень'),
  (7, 1, 'удовлетворительный уровень'),
  (7, 2, 'оптимальный уровень'),
  (8, 0, 'неудовлетворительный уровень'),
  (8, 1, 'удовлетворительный уровень'),
  (8, 2, 'оптимальный уровень'),
  (9, 0, 'неудовлетворительный уровень'),
  (9, 1, 'удовлетворительный уровень'),
  (9, 2, 'оптимальный уровень'),
  (10, 0, 'неудовлетворительный уровень'),
  (10, 1, 'удовлетворительный уровень'),
  (10, 2, 'оптимальный уровень'),
  (11, 0, 'неудовлетворительный уровень'),
  (11, 1, 'удовлетворительный уровень'),
  (11, 2, 'оптимальный уровень'),
  (12, 0, 'неудовлетворительный уровень'),
  (12, 1, 'удовлетворительный уровень'),
  (12, 2, 'оптимальный уровень'),
  (23, 0, 'состав изменился'),
  (23, 2, 'состав на начало и на завершение совпадает'),
  (24, 0, 'план не выполнен'),
  (24, 3, 'план и факт совпадают'),
  (25, 0, 'продукта нет'),
  (25, 2, 'описание'),
  (25, 4, 'описание и методические рекомендации'),
  (25, 6, 'описание, методические рекомендации и дидактические материалы');
INSERT INTO rubric_level (rubric_id, min_total, name) VALUES
  (1, 0, 'неудовлетворительный'), (1, 6, 'удовлетворительный'), (1, 11, 'оптимальный'),
  (2, 0, 'неудовлетворительный'), (2, 6, 'удовлетворительный'), (2, 11, 'оптимальный');

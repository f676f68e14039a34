-- SPDX-License-Identifier: GPL-3.0-or-later
-- Schema version 6: each stored analysis keeps the rules (names and versions) that were
-- switched on when it was made, so its flags can be traced to the rules of that day.

ALTER TABLE analysis_run ADD COLUMN rules TEXT;  -- JSON: [{"name":"federal-risk","version":2}, …]

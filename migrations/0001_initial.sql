-- recall schema, version 1.
-- Content (decks, cards) comes from shared deck files; progress (card_state,
-- revlog) is personal and never leaves this database except by export.

CREATE TABLE decks (
    id          TEXT PRIMARY KEY,          -- stable slug from the deck file
    name        TEXT NOT NULL,
    source      TEXT,                      -- document the deck was built from
    imported_at INTEGER NOT NULL           -- unix ms of the last import
) STRICT;

CREATE TABLE cards (
    id          INTEGER PRIMARY KEY,       -- local surrogate key
    deck_id     TEXT NOT NULL REFERENCES decks(id) ON DELETE CASCADE,
    key         TEXT NOT NULL,             -- the card id written in the deck file
    ord         INTEGER NOT NULL,          -- position in the deck file
    kind        TEXT NOT NULL CHECK (kind IN ('basic', 'cloze', 'list', 'outline')),
    front       TEXT NOT NULL,
    back        TEXT NOT NULL,
    items       TEXT NOT NULL DEFAULT '[]', -- JSON array of strings
    ordered     INTEGER NOT NULL DEFAULT 0 CHECK (ordered IN (0, 1)),
    source      TEXT NOT NULL DEFAULT '',  -- locator in the document, e.g. II.(1)
    context     TEXT NOT NULL DEFAULT '',  -- the source sentence
    tags        TEXT NOT NULL DEFAULT '[]', -- JSON array of strings
    retired     INTEGER NOT NULL DEFAULT 0 CHECK (retired IN (0, 1)),
    added_at    INTEGER NOT NULL,          -- unix ms
    modified_at INTEGER NOT NULL,          -- unix ms
    UNIQUE (deck_id, key)
) STRICT;

-- One row per card. A new card has due NULL and reps 0.
CREATE TABLE card_state (
    card_id   INTEGER PRIMARY KEY REFERENCES cards(id) ON DELETE CASCADE,
    ef        INTEGER NOT NULL DEFAULT 2500 CHECK (ef >= 1300),  -- thousandths
    reps      INTEGER NOT NULL DEFAULT 0 CHECK (reps >= 0),
    interval  INTEGER NOT NULL DEFAULT 0 CHECK (interval >= 0), -- days
    due       TEXT CHECK (due IS NULL OR due GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]'),
    lapses    INTEGER NOT NULL DEFAULT 0 CHECK (lapses >= 0)
) STRICT;

CREATE INDEX card_state_due ON card_state(due);

-- One row per answer, close to Anki's revlog: id/time in ms, the grade, the
-- kind, and the state before and after, so an optimizer can replay history.
CREATE TABLE revlog (
    id              INTEGER PRIMARY KEY,
    card_id         INTEGER NOT NULL REFERENCES cards(id) ON DELETE CASCADE,
    reviewed_at     INTEGER NOT NULL,      -- unix ms
    day             TEXT NOT NULL,         -- study day YYYY-MM-DD
    grade           INTEGER NOT NULL CHECK (grade BETWEEN 0 AND 5),
    kind            TEXT NOT NULL CHECK (kind IN ('review', 'drill')),
    ef_before       INTEGER NOT NULL,
    reps_before     INTEGER NOT NULL,
    interval_before INTEGER NOT NULL,
    due_before      TEXT,
    lapses_before   INTEGER NOT NULL,
    ef_after        INTEGER NOT NULL,
    reps_after      INTEGER NOT NULL,
    interval_after  INTEGER NOT NULL,
    due_after       TEXT,
    lapses_after    INTEGER NOT NULL,
    taken_ms        INTEGER NOT NULL DEFAULT 0, -- time spent answering
    suggested       INTEGER,               -- grade the grader suggested, if any
    typed           TEXT,                  -- what the user typed, if anything
    detail          TEXT                   -- JSON: per-item results of a typed answer
) STRICT;

CREATE INDEX revlog_card ON revlog(card_id, reviewed_at);
CREATE INDEX revlog_day ON revlog(day);

CREATE TABLE config (
    key   TEXT PRIMARY KEY,
    value TEXT NOT NULL
) STRICT;

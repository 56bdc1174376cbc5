-- Speed for large collections: `recall decks` and `recall stats` must not
-- walk every card or every log row.
--
-- 1. card_state carries its card's deck and retired flag (kept in sync by a
--    trigger on cards), so state queries need no join.
-- 2. deck_counts holds, per deck, the number of active cards per due day
--    ('' for new cards) and suspension, maintained by triggers: due counts
--    are a sum over a few hundred rows.
-- 3. daily holds answers and time per study day and deck, maintained by
--    triggers on revlog: the heatmap, streak and time spent read it.
ALTER TABLE card_state ADD COLUMN deck_id TEXT NOT NULL DEFAULT '';
ALTER TABLE card_state ADD COLUMN retired INTEGER NOT NULL DEFAULT 0 CHECK (retired IN (0, 1));
UPDATE card_state SET
    deck_id = (SELECT c.deck_id FROM cards c WHERE c.id = card_state.card_id),
    retired = (SELECT c.retired FROM cards c WHERE c.id = card_state.card_id);

CREATE TRIGGER cards_retired_to_state AFTER UPDATE OF retired ON cards
BEGIN
    UPDATE card_state SET retired = NEW.retired WHERE card_id = NEW.id;
END;

CREATE INDEX card_state_active_due ON card_state(retired, suspended, due);
CREATE INDEX card_state_ef ON card_state(retired, ef);
CREATE INDEX cards_retired ON cards(deck_id) WHERE retired = 1;
CREATE INDEX revlog_detail ON revlog(id) WHERE detail IS NOT NULL;

CREATE TABLE deck_counts (
    deck_id   TEXT NOT NULL,
    due       TEXT NOT NULL,           -- '' for new cards
    suspended INTEGER NOT NULL,
    n         INTEGER NOT NULL,
    PRIMARY KEY (deck_id, due, suspended)
) STRICT, WITHOUT ROWID;

INSERT INTO deck_counts
    SELECT deck_id, COALESCE(due, ''), suspended, COUNT(*) FROM card_state
    WHERE retired = 0 GROUP BY 1, 2, 3;

CREATE TRIGGER card_state_count_insert AFTER INSERT ON card_state WHEN NEW.retired = 0
BEGIN
    INSERT INTO deck_counts(deck_id, due, suspended, n)
        VALUES (NEW.deck_id, COALESCE(NEW.due, ''), NEW.suspended, 1)
        ON CONFLICT(deck_id, due, suspended) DO UPDATE SET n = n + 1;
END;

CREATE TRIGGER card_state_count_update AFTER UPDATE OF due, suspended, retired, deck_id ON card_state
BEGIN
    UPDATE deck_counts SET n = n - 1
        WHERE OLD.retired = 0 AND deck_id = OLD.deck_id AND due = COALESCE(OLD.due, '')
          AND suspended = OLD.suspended;
    INSERT INTO deck_counts(deck_id, due, suspended, n)
        SELECT NEW.deck_id, COALESCE(NEW.due, ''), NEW.suspended, 1 WHERE NEW.retired = 0
        ON CONFLICT(deck_id, due, suspended) DO UPDATE SET n = n + 1;
END;

CREATE TRIGGER card_state_count_delete AFTER DELETE ON card_state WHEN OLD.retired = 0
BEGIN
    UPDATE deck_counts SET n = n - 1
        WHERE deck_id = OLD.deck_id AND due = COALESCE(OLD.due, '') AND suspended = OLD.suspended;
END;

CREATE TABLE daily (
    day      TEXT NOT NULL,
    deck_id  TEXT NOT NULL,
    answers  INTEGER NOT NULL,
    taken_ms INTEGER NOT NULL,
    PRIMARY KEY (day, deck_id)
) STRICT, WITHOUT ROWID;

INSERT INTO daily
    SELECT r.day, c.deck_id, COUNT(*), SUM(r.taken_ms) FROM revlog r JOIN cards c ON c.id = r.card_id
    GROUP BY 1, 2;

CREATE TRIGGER revlog_daily_insert AFTER INSERT ON revlog
BEGIN
    INSERT INTO daily(day, deck_id, answers, taken_ms)
        VALUES (NEW.day, (SELECT deck_id FROM cards WHERE id = NEW.card_id), 1, NEW.taken_ms)
        ON CONFLICT(day, deck_id) DO UPDATE SET answers = answers + 1, taken_ms = taken_ms + excluded.taken_ms;
END;

CREATE TRIGGER revlog_daily_delete AFTER DELETE ON revlog
BEGIN
    UPDATE daily SET answers = answers - 1, taken_ms = taken_ms - OLD.taken_ms
        WHERE day = OLD.day AND deck_id = (SELECT deck_id FROM cards WHERE id = OLD.card_id);
END;
